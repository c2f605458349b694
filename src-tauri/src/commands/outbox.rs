use channel_desk_core::model::{OutboxEvent, OutboxItem, OutboxRun};
use channel_desk_core::{Desk, Result};
use tauri::ipc::Channel;
use tauri::State;

use crate::runs::Runs;

/// Queues the draft for publishing; `run_outbox` sends it.
#[tauri::command]
pub async fn publish_template(desk: State<'_, Desk>, draft_id: String) -> Result<OutboxItem> {
    desk.outbox.publish(&desk.library, &draft_id).await
}

#[tauri::command]
pub async fn outbox_items(desk: State<'_, Desk>) -> Result<Vec<OutboxItem>> {
    desk.outbox.items().await
}

#[tauri::command]
pub async fn retry_outbox_item(desk: State<'_, Desk>, id: String) -> Result<OutboxItem> {
    desk.outbox.retry(&id).await
}

#[tauri::command]
pub async fn cancel_outbox_item(desk: State<'_, Desk>, id: String) -> Result<OutboxItem> {
    desk.outbox.cancel(&id).await
}

#[tauri::command]
pub async fn run_outbox(
    desk: State<'_, Desk>,
    runs: State<'_, Runs>,
    on_event: Channel<OutboxEvent>,
) -> Result<OutboxRun> {
    let cancel = runs.start_outbox();
    let send = move |event: OutboxEvent| {
        if let Err(err) = on_event.send(event) {
            log::warn!("the window did not take an outbox event: {err}");
        }
    };
    desk.outbox.run(&desk.twilio, &desk.accounts, &desk.library, &send, &cancel).await
}

#[tauri::command]
pub fn stop_outbox(runs: State<'_, Runs>) {
    runs.stop_outbox();
}

/// Deletes the template; its published content is deleted in Twilio first.
#[tauri::command]
pub async fn delete_template(desk: State<'_, Desk>, id: String) -> Result<()> {
    desk.outbox.delete_published(&desk.twilio, &desk.accounts, &desk.library, &id).await
}
