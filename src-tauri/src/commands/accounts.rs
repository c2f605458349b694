use channel_desk_core::model::{Account, AccountDetailsInput, AccountSummary, ChannelDetailsInput, NumberInput};
use channel_desk_core::{Desk, Result};
use tauri::State;

#[tauri::command]
pub async fn list_accounts(desk: State<'_, Desk>) -> Result<Vec<AccountSummary>> {
    desk.accounts.list().await
}

#[tauri::command]
pub async fn get_account(desk: State<'_, Desk>, id: String) -> Result<Account> {
    desk.accounts.open_account(&id).await
}

#[tauri::command]
pub async fn create_account(desk: State<'_, Desk>, input: ChannelDetailsInput) -> Result<Account> {
    desk.accounts.create_draft(input).await
}

#[tauri::command]
pub async fn update_channel_details(desk: State<'_, Desk>, id: String, input: ChannelDetailsInput) -> Result<Account> {
    desk.accounts.update_channel_details(&id, input).await
}

#[tauri::command]
pub async fn save_account_details(desk: State<'_, Desk>, id: String, input: AccountDetailsInput) -> Result<Account> {
    desk.accounts.save_account_details(&id, input).await
}

#[tauri::command]
pub async fn add_number(desk: State<'_, Desk>, account_id: String, input: NumberInput) -> Result<Account> {
    desk.accounts.add_number(&account_id, input).await
}

#[tauri::command]
pub async fn update_number(desk: State<'_, Desk>, number_id: String, input: NumberInput) -> Result<Account> {
    desk.accounts.update_number(&number_id, input).await
}

#[tauri::command]
pub async fn remove_number(desk: State<'_, Desk>, number_id: String, unbind: bool) -> Result<Account> {
    desk.accounts.remove_number(&number_id, unbind).await
}

#[tauri::command]
pub async fn complete_account(desk: State<'_, Desk>, id: String) -> Result<Account> {
    desk.accounts.complete(&id).await
}

#[tauri::command]
pub async fn delete_account(desk: State<'_, Desk>, id: String, unbind: bool) -> Result<()> {
    desk.accounts.delete(&id, unbind).await
}
