use channel_desk_core::desk::{self, Desk};
use tauri::{App, Manager};
use tauri_plugin_log::{Target, TargetKind};

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
    log::info!("data folder: {}", dir.display());
    app.manage(tauri::async_runtime::block_on(Desk::open(&dir))?);
    Ok(())
}
