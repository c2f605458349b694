use channel_desk_core::model::{Account, AccountDetailsInput, AccountSummary, ChannelDetailsInput, NumberInput};
use channel_desk_core::Result;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<AccountSummary>> {
    state.accounts.list().await
}

#[tauri::command]
pub async fn get_account(state: State<'_, AppState>, id: String) -> Result<Account> {
    state.accounts.get(&id).await
}

#[tauri::command]
pub async fn create_account(state: State<'_, AppState>, input: ChannelDetailsInput) -> Result<Account> {
    state.accounts.create_draft(input).await
}

#[tauri::command]
pub async fn update_channel_details(
    state: State<'_, AppState>,
    id: String,
    input: ChannelDetailsInput,
) -> Result<Account> {
    state.accounts.update_channel_details(&id, input).await
}

#[tauri::command]
pub async fn save_account_details(
    state: State<'_, AppState>,
    id: String,
    input: AccountDetailsInput,
) -> Result<Account> {
    state.accounts.save_account_details(&id, input).await
}

#[tauri::command]
pub async fn add_number(state: State<'_, AppState>, account_id: String, input: NumberInput) -> Result<Account> {
    state.accounts.add_number(&account_id, input).await
}

#[tauri::command]
pub async fn update_number(state: State<'_, AppState>, number_id: String, input: NumberInput) -> Result<Account> {
    state.accounts.update_number(&number_id, input).await
}

#[tauri::command]
pub async fn remove_number(state: State<'_, AppState>, number_id: String) -> Result<Account> {
    state.accounts.remove_number(&number_id).await
}

#[tauri::command]
pub async fn complete_account(state: State<'_, AppState>, id: String) -> Result<Account> {
    state.accounts.complete(&id).await
}

#[tauri::command]
pub async fn delete_account(state: State<'_, AppState>, id: String) -> Result<()> {
    state.accounts.delete(&id).await
}
