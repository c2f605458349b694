use std::time::Duration;

use channel_desk_core::desk::{self, Desk};
use channel_desk_core::environments::Environments;
use channel_desk_core::model::{OutboxEvent, OutboxState};
use tauri::{App, AppHandle, Emitter, Manager};
use tauri_plugin_log::{Target, TargetKind};

use crate::runs::Runs;

/// How often queued publishing is tried again while the app runs; the first try waits as long,
/// so nothing reaches Twilio before the first screen.
const OUTBOX_EVERY: Duration = Duration::from_secs(30);
/// The event the window hears for each step of a run it did not start.
const OUTBOX_EVENT: &str = "outbox";

pub fn init(app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    let dir = desk::data_dir()?;
    app.handle().plugin(
        tauri_plugin_log::Builder::new()
            .clear_targets()
            .targets([
                Target::new(TargetKind::Stdout),
                Target::new(TargetKind::Folder { path: dir.join("logs"), file_name: Some("channel-desk".into()) }),
            ])
            .level(log::LevelFilter::Info)
            .build(),
    )?;
    let environment = Environments::at(&dir).current()?;
    log::info!("data folder: {}, environment {}", environment.dir.display(), environment.name);
    app.manage(tauri::async_runtime::block_on(Desk::open(&environment.dir))?);
    app.manage(Runs::default());
    tauri::async_runtime::spawn(run_outbox_when_queued(app.handle().clone()));
    Ok(())
}

async fn run_outbox_when_queued(app: AppHandle) {
    loop {
        tokio::time::sleep(OUTBOX_EVERY).await;
        let desk = app.state::<Desk>();
        match desk.outbox.items().await {
            Ok(items) if items.iter().any(|i| i.state == OutboxState::Queued) => {}
            Ok(_) => continue,
            Err(err) => {
                log::warn!("could not read the outbox: {err}");
                continue;
            }
        }
        let cancel = app.state::<Runs>().start_outbox();
        let emit = |event: OutboxEvent| {
            if let Err(err) = app.emit(OUTBOX_EVENT, event) {
                log::warn!("could not tell the window of an outbox step: {err}");
            }
        };
        if let Err(err) = desk.outbox.run(&desk.twilio, &desk.accounts, &desk.library, &emit, &cancel).await {
            log::warn!("the outbox run failed: {err}");
        }
    }
}
