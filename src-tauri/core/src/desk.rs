//! A whole desk in one call: its data folder, its SQLite file, its keyring entries, its Twilio
//! client and its settings. The desktop shell and a command line open the same desk this way.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::accounts::Accounts;
use crate::bundle::Bundles;
use crate::db;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::HostOverride;
use crate::outbox::Outbox;
use crate::queues::Queues;
use crate::secrets::{Keyring, SecretStore, KEYRING_SERVICE};
use crate::settings::DeskSettings;
use crate::setup::Setups;
use crate::template_sync::TemplateSync;
use crate::twilio::{BaseUrls, Timing, Twilio};
use crate::workstreams::Workstreams;

/// The application's identifier, which names its folder in the platform's app-data folder.
pub const APP_ID: &str = "dev.channeldesk.desk";
/// The identifier of versions before 0.2, whose folder is moved to [`APP_ID`]'s on first start.
const OLD_APP_ID: &str = "dev.channeldesk.app";
/// Overrides the data folder: for tests, and for people who keep several profiles.
pub const DATA_DIR_ENV: &str = "CHANNEL_DESK_DATA_DIR";
/// The file in which versions before 0.2 kept the callback base URL.
const LEGACY_SETTINGS: &str = "settings.json";

pub struct Desk {
    pub dir: PathBuf,
    pub accounts: Accounts,
    pub queues: Queues,
    pub workstreams: Workstreams,
    /// The WhatsApp setups of workstreams.
    pub setups: Setups,
    /// The template library.
    pub library: Library,
    /// Publishing waiting for Twilio.
    pub outbox: Outbox,
    /// Twilio's contents as the last template sync read them.
    pub template_sync: TemplateSync,
    pub settings: DeskSettings,
    /// Export and import of the whole configuration.
    pub bundles: Bundles,
    pub twilio: Twilio,
    /// Twilio hosts that an environment variable points elsewhere; the window shows them.
    pub host_overrides: Vec<HostOverride>,
}

impl Desk {
    /// The desk in `dir`, with its secrets in the OS keyring and Twilio's hosts as the
    /// environment sets them.
    pub async fn open(dir: &Path) -> Result<Desk> {
        let hosts = BaseUrls::from_env()?;
        let host_overrides = overrides(&hosts);
        for o in &host_overrides {
            log::warn!("{} sends Twilio requests to {}", o.variable, o.url);
        }
        let mut desk =
            Self::open_with(dir, Arc::new(Keyring::new(KEYRING_SERVICE)), Twilio::new(hosts, Timing::default())?)
                .await?;
        desk.host_overrides = host_overrides;
        Ok(desk)
    }

    pub async fn open_with(dir: &Path, secrets: Arc<dyn SecretStore>, twilio: Twilio) -> Result<Desk> {
        let pool = db::open(&dir.join(db::FILE_NAME)).await?;
        let settings = DeskSettings::new(pool.clone());
        settings.import_legacy(&dir.join(LEGACY_SETTINGS)).await?;
        let (queues, workstreams, setups) =
            (Queues::new(pool.clone()), Workstreams::new(pool.clone()), Setups::new(pool.clone()));
        let library = Library::new(pool.clone());
        let outbox = Outbox::new(pool.clone());
        let template_sync = TemplateSync::new(pool.clone());
        let bundles = Bundles::new(pool.clone());
        let accounts = Accounts::open(pool, secrets, dir).await?;
        Ok(Desk {
            dir: dir.to_owned(),
            accounts,
            queues,
            workstreams,
            setups,
            library,
            outbox,
            template_sync,
            settings,
            bundles,
            twilio,
            host_overrides: Vec::new(),
        })
    }
}

/// The data folder: [`DATA_DIR_ENV`] when set, else [`APP_ID`] in the platform's app-data folder.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV) {
        return Ok(PathBuf::from(dir));
    }
    let platform = dirs::data_dir().ok_or_else(|| Error::no_data_folder(DATA_DIR_ENV))?;
    app_data_dir(&platform)
}

/// [`APP_ID`]'s folder in `platform`, where an older version's folder is moved if there is one.
pub fn app_data_dir(platform: &Path) -> Result<PathBuf> {
    let (dir, old) = (platform.join(APP_ID), platform.join(OLD_APP_ID));
    if !dir.exists() && old.is_dir() {
        std::fs::rename(&old, &dir).map_err(|err| Error::move_folder(&old, &dir, &err))?;
        log::info!("moved the data folder from {} to {}", old.display(), dir.display());
    }
    Ok(dir)
}

fn overrides(hosts: &BaseUrls) -> Vec<HostOverride> {
    let twilio = BaseUrls::default();
    [
        ("CHANNEL_DESK_TWILIO_API_URL", &hosts.api, &twilio.api),
        ("CHANNEL_DESK_TWILIO_CONTENT_URL", &hosts.content, &twilio.content),
        ("CHANNEL_DESK_TWILIO_MESSAGING_URL", &hosts.messaging, &twilio.messaging),
    ]
    .into_iter()
    .filter(|(_, ours, theirs)| ours != theirs)
    .map(|(variable, url, _)| HostOverride { variable: variable.to_owned(), url: url.to_string() })
    .collect()
}
