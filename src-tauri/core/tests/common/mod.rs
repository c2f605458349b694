// Each test binary uses only part of these helpers.
#![allow(dead_code)]

use std::sync::Arc;

use channel_desk_core::model::{AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, NumberInput};
use channel_desk_core::secrets::{MemoryStore, Secret, SecretStore};
use channel_desk_core::{db, Accounts};
use sqlx::SqlitePool;
use tempfile::TempDir;

pub const SID: &str = "AC0123456789abcdef0123456789ABCDEF";
pub const TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// A fresh database file in its own folder; the folder goes when this is dropped.
pub struct Fixture {
    pub accounts: Accounts,
    pub pool: SqlitePool,
    pub secrets: Arc<MemoryStore>,
    pub dir: TempDir,
}

pub async fn fixture() -> Fixture {
    fixture_with(Arc::new(MemoryStore::default())).await
}

pub async fn fixture_with(secrets: Arc<MemoryStore>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let pool = db::open(&dir.path().join(db::FILE_NAME)).await.unwrap();
    let store: Arc<dyn SecretStore> = secrets.clone();
    Fixture { accounts: Accounts::new(pool.clone(), store), pool, secrets, dir }
}

pub fn channel(name: &str) -> ChannelDetailsInput {
    ChannelDetailsInput { name: name.into(), channel: Channel::Whatsapp }
}

pub fn details(sid: &str, token: Option<&str>) -> AccountDetailsInput {
    AccountDetailsInput {
        account_sid: sid.into(),
        auth_method: AuthMethod::AuthToken,
        auth_token: token.map(Secret::new),
        api_key_sid: None,
        api_key_secret: None,
    }
}

pub fn api_key(sid: &str, key_sid: &str, secret: Option<&str>) -> AccountDetailsInput {
    AccountDetailsInput {
        account_sid: sid.into(),
        auth_method: AuthMethod::ApiKey,
        auth_token: None,
        api_key_sid: Some(key_sid.into()),
        api_key_secret: secret.map(Secret::new),
    }
}

pub fn token_key(account_id: &str) -> String {
    channel_desk_core::secrets::secret_key(account_id, AuthMethod::AuthToken)
}

pub fn number(name: &str, number: &str) -> NumberInput {
    NumberInput { name: name.into(), number: number.into() }
}
