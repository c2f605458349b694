use std::sync::Arc;

use channel_desk_core::model::Settings;
use channel_desk_core::{callback, Error, ErrorCode, Result};
use tauri::{AppHandle, State, Wry};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_store::{Store, StoreExt};

use crate::state::AppState;

const CALLBACK_BASE_URL: &str = "callbackBaseUrl";

#[tauri::command]
pub fn get_settings(app: AppHandle, state: State<'_, AppState>) -> Result<Settings> {
    Ok(read(&store(&app, &state)?))
}

#[tauri::command]
pub async fn set_callback_base_url(app: AppHandle, state: State<'_, AppState>, url: String) -> Result<Settings> {
    let base = callback::base_url(&url)?;
    let store = store(&app, &state)?;
    if read(&store).callback_base_url.as_deref() != Some(base.as_str()) {
        store.set(CALLBACK_BASE_URL, base);
        store.save().map_err(settings_error)?;
        // Drift was measured against the inbound URLs of the old base.
        state.accounts.forget_drift().await?;
    }
    Ok(read(&store))
}

#[tauri::command]
pub fn inbound_url(app: AppHandle, state: State<'_, AppState>, account_id: String) -> Result<String> {
    callback::inbound_url(callback_base_url(&app, &state)?.as_deref(), &account_id)
}

#[tauri::command]
pub fn copy_inbound_url(app: AppHandle, state: State<'_, AppState>, account_id: String) -> Result<String> {
    let url = inbound_url(app.clone(), state, account_id)?;
    app.clipboard().write_text(url.clone()).map_err(|err| {
        Error::new(
            ErrorCode::Clipboard,
            format!("Could not put the URL on the clipboard: {err}. Select it and copy it by hand."),
        )
    })?;
    Ok(url)
}

/// The callback base URL from Settings, for the commands that build inbound URLs.
pub fn callback_base_url(app: &AppHandle, state: &AppState) -> Result<Option<String>> {
    Ok(read(&store(app, state)?).callback_base_url)
}

fn store(app: &AppHandle, state: &AppState) -> Result<Arc<Store<Wry>>> {
    app.store(&state.settings_file).map_err(settings_error)
}

fn read(store: &Arc<Store<Wry>>) -> Settings {
    Settings { callback_base_url: store.get(CALLBACK_BASE_URL).and_then(|v| v.as_str().map(str::to_owned)) }
}

fn settings_error(err: tauri_plugin_store::Error) -> Error {
    Error::new(ErrorCode::Storage, format!("Could not read or write the settings file: {err}."))
}
