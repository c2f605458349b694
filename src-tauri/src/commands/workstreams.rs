use channel_desk_core::model::{
    AdvancedSettings, NewWorkstreamInput, WorkDistribution, Workstream, WorkstreamDeletion, WorkstreamDetailsInput,
    WorkstreamSummary,
};
use channel_desk_core::{Desk, Result};
use tauri::State;

#[tauri::command]
pub async fn list_workstreams(desk: State<'_, Desk>) -> Result<Vec<WorkstreamSummary>> {
    desk.workstreams.list().await
}

#[tauri::command]
pub async fn get_workstream(desk: State<'_, Desk>, id: String) -> Result<Workstream> {
    desk.workstreams.get(&id).await
}

#[tauri::command]
pub async fn create_workstream(desk: State<'_, Desk>, input: NewWorkstreamInput) -> Result<Workstream> {
    desk.workstreams.create(input).await
}

#[tauri::command]
pub async fn save_workstream_details(
    desk: State<'_, Desk>,
    id: String,
    input: WorkstreamDetailsInput,
) -> Result<Workstream> {
    desk.workstreams.save_details(&id, input).await
}

#[tauri::command]
pub async fn save_work_distribution(
    desk: State<'_, Desk>,
    id: String,
    distribution: WorkDistribution,
) -> Result<Workstream> {
    desk.workstreams.save_distribution(&id, distribution).await
}

#[tauri::command]
pub async fn save_advanced_settings(
    desk: State<'_, Desk>,
    id: String,
    advanced: AdvancedSettings,
) -> Result<Workstream> {
    desk.workstreams.save_advanced(&id, advanced).await
}

#[tauri::command]
pub async fn copy_workstream(desk: State<'_, Desk>, id: String) -> Result<Workstream> {
    desk.workstreams.copy(&id).await
}

#[tauri::command]
pub async fn workstream_deletion(desk: State<'_, Desk>, id: String) -> Result<WorkstreamDeletion> {
    desk.workstreams.deletion(&id).await
}

#[tauri::command]
pub async fn delete_workstream(desk: State<'_, Desk>, id: String) -> Result<()> {
    desk.workstreams.delete(&id).await
}
