use channel_desk_core::model::{Account, DriftCheck, InboundRoute, WhatsAppSender};
use channel_desk_core::{inbound, verification, Result};
use tauri::{AppHandle, State};

use super::settings::callback_base_url;
use crate::state::AppState;

#[tauri::command]
pub async fn validate_account(state: State<'_, AppState>, id: String) -> Result<Account> {
    verification::validate(&state.accounts, &state.twilio, &id).await
}

#[tauri::command]
pub async fn list_whatsapp_senders(state: State<'_, AppState>, account_id: String) -> Result<Vec<WhatsAppSender>> {
    inbound::senders(&state.accounts, &state.twilio, &account_id).await
}

#[tauri::command]
pub async fn inbound_routes(
    app: AppHandle,
    state: State<'_, AppState>,
    account_id: String,
) -> Result<Vec<InboundRoute>> {
    let base = callback_base_url(&app, &state)?;
    inbound::routes(&state.accounts, &state.twilio, &account_id, base.as_deref()).await
}

#[tauri::command]
pub async fn apply_inbound_url(
    app: AppHandle,
    state: State<'_, AppState>,
    account_id: String,
    number_id: String,
    confirmed_url: Option<String>,
) -> Result<InboundRoute> {
    let base = callback_base_url(&app, &state)?;
    let (accounts, twilio) = (&state.accounts, &state.twilio);
    inbound::apply(accounts, twilio, &account_id, &number_id, base.as_deref(), confirmed_url.as_deref()).await
}

#[tauri::command]
pub async fn check_drift(app: AppHandle, state: State<'_, AppState>, account_id: String) -> Result<DriftCheck> {
    let base = callback_base_url(&app, &state)?;
    inbound::check_drift(&state.accounts, &state.twilio, &account_id, base.as_deref()).await
}
