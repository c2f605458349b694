use channel_desk_core::language::Language;
use channel_desk_core::model::{HostOverride, Settings};
use channel_desk_core::{Desk, Error, Result};
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

#[tauri::command]
pub async fn get_settings(desk: State<'_, Desk>) -> Result<Settings> {
    desk.settings.get().await
}

#[tauri::command]
pub async fn set_callback_base_url(desk: State<'_, Desk>, url: String) -> Result<Settings> {
    desk.settings.set_callback_base_url(&url).await
}

#[tauri::command]
pub async fn set_language(desk: State<'_, Desk>, language: Option<Language>) -> Result<Settings> {
    desk.settings.set_language(language).await
}

#[tauri::command]
pub async fn inbound_url(desk: State<'_, Desk>, account_id: String) -> Result<String> {
    desk.accounts.inbound_url(&account_id).await
}

#[tauri::command]
pub async fn copy_inbound_url(app: AppHandle, desk: State<'_, Desk>, account_id: String) -> Result<String> {
    let url = inbound_url(desk, account_id).await?;
    app.clipboard().write_text(url.clone()).map_err(|err| Error::clipboard(&err))?;
    Ok(url)
}

#[tauri::command]
pub fn host_overrides(desk: State<'_, Desk>) -> Vec<HostOverride> {
    desk.host_overrides.clone()
}
