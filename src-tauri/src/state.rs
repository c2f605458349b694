use std::path::PathBuf;
use std::sync::Arc;

use channel_desk_core::secrets::{Keyring, KEYRING_SERVICE};
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::{db, Accounts};
use tauri::{App, Manager};
use tauri_plugin_log::{Target, TargetKind};

/// Overrides the folder that holds the database, the settings and the logs: for tests, and
/// for people who keep several profiles.
pub const DATA_DIR_ENV: &str = "CHANNEL_DESK_DATA_DIR";

pub struct AppState {
    pub accounts: Accounts,
    pub twilio: Twilio,
    pub settings_file: PathBuf,
}

pub fn init(app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    let dir = match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) => PathBuf::from(dir),
        None => app.path().app_data_dir()?,
    };
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
    let pool = tauri::async_runtime::block_on(db::open(&dir.join(db::FILE_NAME)))?;
    app.manage(AppState {
        accounts: Accounts::new(pool, Arc::new(Keyring::new(KEYRING_SERVICE))),
        twilio: Twilio::new(BaseUrls::from_env()?, Timing::default())?,
        settings_file: dir.join("settings.json"),
    });
    Ok(())
}
