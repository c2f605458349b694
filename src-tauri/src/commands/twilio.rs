use channel_desk_core::model::{Account, DriftCheck, InboundRoute, WhatsAppSender};
use channel_desk_core::{inbound, links, verification, Desk, Error, Result};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

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

/// Opens a page of Twilio's, such as an error's `moreInfo`, in the system browser.
#[tauri::command]
pub fn open_twilio_page(app: AppHandle, url: String) -> Result<()> {
    let page = links::twilio_page(&url)?;
    app.opener().open_url(&page, None::<&str>).map_err(|err| Error::browser(&page, &err))
}
