use channel_desk_core::model::{Queue, QueueInput};
use channel_desk_core::{Desk, Result};
use tauri::State;

#[tauri::command]
pub async fn list_queues(desk: State<'_, Desk>) -> Result<Vec<Queue>> {
    desk.queues.list().await
}

#[tauri::command]
pub async fn create_queue(desk: State<'_, Desk>, input: QueueInput) -> Result<Queue> {
    desk.queues.create(input).await
}

#[tauri::command]
pub async fn rename_queue(desk: State<'_, Desk>, id: String, name: String) -> Result<Queue> {
    desk.queues.rename(&id, &name).await
}

#[tauri::command]
pub async fn delete_queue(desk: State<'_, Desk>, id: String) -> Result<()> {
    desk.queues.delete(&id).await
}
