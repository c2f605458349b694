use channel_desk_core::model::{Account, DriftCheck, InboundRoute, WhatsAppSender};
use channel_desk_core::{inbound, verification, Desk, Result};
use tauri::State;

#[tauri::command]
pub async fn check_credentials(desk: State<'_, Desk>, id: String) -> Result<Account> {
    verification::check_credentials(&desk.accounts, &desk.twilio, &id).await
}

#[tauri::command]
pub async fn list_whatsapp_senders(desk: State<'_, Desk>, account_id: String) -> Result<Vec<WhatsAppSender>> {
    inbound::whatsapp_senders(&desk.accounts, &desk.twilio, &account_id).await
}

#[tauri::command]
pub async fn inbound_routes(desk: State<'_, Desk>, account_id: String) -> Result<Vec<InboundRoute>> {
    inbound::routes(&desk.accounts, &desk.twilio, &account_id).await
}

#[tauri::command]
pub async fn apply_inbound_url(
    desk: State<'_, Desk>,
    account_id: String,
    number_id: String,
    confirmed_url: Option<String>,
) -> Result<InboundRoute> {
    let (accounts, twilio) = (&desk.accounts, &desk.twilio);
    inbound::apply(accounts, twilio, &account_id, &number_id, confirmed_url.as_deref()).await
}

#[tauri::command]
pub async fn check_drift(desk: State<'_, Desk>, account_id: String) -> Result<DriftCheck> {
    inbound::check_drift(&desk.accounts, &desk.twilio, &account_id).await
}

#[tauri::command]
pub async fn restore_previous_inbound_url(
    desk: State<'_, Desk>,
    account_id: String,
    number_id: String,
    confirmed_url: Option<String>,
) -> Result<InboundRoute> {
    let (accounts, twilio) = (&desk.accounts, &desk.twilio);
    inbound::restore_previous(accounts, twilio, &account_id, &number_id, confirmed_url.as_deref()).await
}
