//! The desk's settings, kept in its SQLite file with the rest of its configuration, so that
//! bundles, environments and a command line see the same values as the window.

use std::path::Path;

use sqlx::SqlitePool;

use crate::callback;
use crate::error::Result;
use crate::language::Language;
use crate::model::Settings;

pub struct DeskSettings {
    pool: SqlitePool,
}

impl DeskSettings {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn get(&self) -> Result<Settings> {
        let (callback_base_url, language_chosen): (Option<String>, Option<Language>) =
            sqlx::query_as("SELECT callback_base_url, language FROM desk").fetch_one(&self.pool).await?;
        let language = language_chosen.or_else(Language::of_os).unwrap_or(Language::En);
        Ok(Settings { callback_base_url, language, language_chosen })
    }

    /// Chooses the UI's language; `None` follows the OS's.
    pub async fn set_language(&self, language: Option<Language>) -> Result<Settings> {
        sqlx::query("UPDATE desk SET language = ?").bind(language).execute(&self.pool).await?;
        self.get().await
    }

    /// Sets the callback base URL. Drift checks compared Twilio with the inbound URLs of the old
    /// one, so they are forgotten in the same transaction.
    pub async fn set_callback_base_url(&self, url: &str) -> Result<Settings> {
        let base = callback::base_url(url)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let changed = sqlx::query("UPDATE desk SET callback_base_url = ? WHERE callback_base_url IS NOT ?")
            .bind(&base)
            .bind(&base)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() > 0 {
            sqlx::query("DELETE FROM drift_checks").execute(&mut *tx).await?;
            log::info!("callback base URL changed; drift checks forgotten");
        }
        tx.commit().await?;
        self.get().await
    }

    /// Brings in the callback base URL that versions before 0.2 kept in the window's
    /// `settings.json`, once, then removes it from that file.
    pub(crate) async fn import_legacy(&self, file: &Path) -> Result<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if sqlx::query_scalar::<_, bool>("SELECT settings_imported FROM desk").fetch_one(&mut *tx).await? {
            return Ok(());
        }
        let mut json: serde_json::Map<String, serde_json::Value> =
            std::fs::read(file).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default();
        let legacy = json.remove(LEGACY_KEY);
        match legacy.as_ref().and_then(|v| v.as_str()).map(callback::base_url) {
            Some(Ok(base)) => {
                sqlx::query("UPDATE desk SET callback_base_url = ?").bind(&base).execute(&mut *tx).await?;
                log::info!("brought the callback base URL in from {}", file.display());
            }
            Some(Err(err)) => log::warn!("left out an unusable callback base URL from {}: {err}", file.display()),
            None => {}
        }
        sqlx::query("UPDATE desk SET settings_imported = 1").execute(&mut *tx).await?;
        tx.commit().await?;
        if legacy.is_some() {
            let rewritten = serde_json::to_vec_pretty(&json).expect("a JSON object serializes");
            if let Err(err) = std::fs::write(file, rewritten) {
                log::warn!("could not remove the imported value from {}: {err}", file.display());
            }
        }
        Ok(())
    }
}

/// The key under which the window's store kept the callback base URL.
const LEGACY_KEY: &str = "callbackBaseUrl";
