use channel_desk_core::model::{Attachments, AvailableNumber, Behaviours, ChannelLanguage, Workstream};
use channel_desk_core::{setup, Desk, Result};
use tauri::State;

#[tauri::command]
pub fn channel_languages() -> Vec<ChannelLanguage> {
    setup::channel_languages()
}

#[tauri::command]
pub async fn available_numbers(desk: State<'_, Desk>, workstream_id: String) -> Result<Vec<AvailableNumber>> {
    desk.setups.available_numbers(&workstream_id).await
}

#[tauri::command]
pub async fn save_setup_number(desk: State<'_, Desk>, workstream_id: String, number_id: String) -> Result<Workstream> {
    desk.setups.save_number(&workstream_id, &number_id).await
}

#[tauri::command]
pub async fn save_setup_language(desk: State<'_, Desk>, workstream_id: String, language: String) -> Result<Workstream> {
    desk.setups.save_language(&workstream_id, &language).await
}

#[tauri::command]
pub async fn save_setup_behaviours(
    desk: State<'_, Desk>,
    workstream_id: String,
    behaviours: Behaviours,
) -> Result<Workstream> {
    desk.setups.save_behaviours(&workstream_id, behaviours).await
}

#[tauri::command]
pub async fn save_setup_user_features(
    desk: State<'_, Desk>,
    workstream_id: String,
    attachments: Attachments,
) -> Result<Workstream> {
    desk.setups.save_user_features(&workstream_id, attachments).await
}

#[tauri::command]
pub async fn finish_setup(desk: State<'_, Desk>, workstream_id: String) -> Result<Workstream> {
    desk.setups.finish(&workstream_id).await
}

#[tauri::command]
pub async fn remove_setup(desk: State<'_, Desk>, workstream_id: String) -> Result<Workstream> {
    desk.setups.remove(&workstream_id).await
}
