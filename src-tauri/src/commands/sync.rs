use channel_desk_core::model::{ApprovedTemplate, SyncProgress, SyncReport, TextCheck};
use channel_desk_core::{Desk, Result};
use tauri::ipc::Channel;
use tauri::State;

use crate::runs::Runs;

#[tauri::command]
pub async fn sync_templates(
    desk: State<'_, Desk>,
    runs: State<'_, Runs>,
    account_id: String,
    on_progress: Channel<SyncProgress>,
) -> Result<SyncReport> {
    let cancel = runs.start_sync();
    let send = move |progress: SyncProgress| {
        if let Err(err) = on_progress.send(progress) {
            log::warn!("the window did not take a sync progress: {err}");
        }
    };
    desk.sync_templates(&account_id, &send, &cancel).await
}

#[tauri::command]
pub fn stop_sync(runs: State<'_, Runs>) {
    runs.stop_sync();
}

/// The exact-text check against Twilio now, for one workstream or for all.
#[tauri::command]
pub async fn check_template_texts(desk: State<'_, Desk>, workstream_id: Option<String>) -> Result<Vec<TextCheck>> {
    desk.check_texts(workstream_id.as_deref()).await
}

/// The account's approved templates, with Twilio's text as the last sync read it.
#[tauri::command]
pub async fn approved_templates(desk: State<'_, Desk>, account_id: String) -> Result<Vec<ApprovedTemplate>> {
    desk.template_sync.approved(&account_id).await
}
