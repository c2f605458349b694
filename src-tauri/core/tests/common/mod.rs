// Each test binary uses only part of these helpers.
#![allow(dead_code)]

use std::sync::Arc;

use channel_desk_core::model::{AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, NumberInput};
use channel_desk_core::secrets::{MemoryStore, Secret, SecretStore};
use channel_desk_core::settings::DeskSettings;
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::{db, Accounts, Desk};
use sqlx::SqlitePool;
use tempfile::TempDir;

pub const SID: &str = "AC0123456789abcdef0123456789ABCDEF";
pub const TOKEN: &str = "0123456789abcdef0123456789abcdef";

/// A fresh database file in its own folder; the folder goes when this is dropped.
pub struct Fixture {
    pub accounts: Accounts,
    pub settings: DeskSettings,
    /// A second pool on the same file, for looking at rows directly.
    pub pool: SqlitePool,
    pub secrets: Arc<MemoryStore>,
    pub dir: TempDir,
}

pub async fn fixture() -> Fixture {
    fixture_with(Arc::new(MemoryStore::default())).await
}

pub async fn fixture_with(secrets: Arc<MemoryStore>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let Desk { accounts, settings, .. } = open_desk(dir.path(), secrets.clone()).await;
    let pool = db::open(&dir.path().join(db::FILE_NAME)).await.unwrap();
    Fixture { accounts, settings, pool, secrets, dir }
}

/// The desk in `dir` with its secrets in `secrets`, and a Twilio client that these tests do not call.
pub async fn open_desk(dir: &std::path::Path, secrets: Arc<dyn SecretStore>) -> Desk {
    let twilio = Twilio::new(BaseUrls::default(), Timing::default()).unwrap();
    Desk::open_with(dir, secrets, twilio).await.unwrap()
}

/// The keyring entry that the account's row points at.
pub async fn entry_of(pool: &SqlitePool, account_id: &str) -> Option<String> {
    sqlx::query_scalar("SELECT secret_entry FROM accounts WHERE id = ?").bind(account_id).fetch_one(pool).await.unwrap()
}

/// The secret that the account's row points at, as the store holds it.
pub async fn stored_secret(f: &Fixture, account_id: &str) -> Option<String> {
    let entry = entry_of(&f.pool, account_id).await?;
    f.secrets.get(&entry).unwrap().map(|s| s.expose().to_owned())
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

pub fn number(name: &str, number: &str) -> NumberInput {
    NumberInput { name: name.into(), number: number.into() }
}

/// A whole desk on a fresh database file, for the queue, workstream and setup tests.
pub struct DeskFixture {
    pub desk: Desk,
    /// A second pool on the same file, for looking at rows directly.
    pub pool: SqlitePool,
    pub dir: TempDir,
}

pub async fn desk() -> DeskFixture {
    let dir = tempfile::tempdir().unwrap();
    let desk = open_desk(dir.path(), Arc::new(MemoryStore::default())).await;
    let pool = db::open(&dir.path().join(db::FILE_NAME)).await.unwrap();
    DeskFixture { desk, pool, dir }
}

/// A complete messaging account named `name` with these numbers, as (name, E.164) pairs.
pub async fn complete_account(desk: &Desk, name: &str, numbers: &[(&str, &str)]) -> channel_desk_core::model::Account {
    let account = desk.accounts.create_draft(channel(name)).await.unwrap();
    desk.accounts.save_account_details(&account.id, details(SID, Some(TOKEN))).await.unwrap();
    for (number_name, e164) in numbers {
        desk.accounts.add_number(&account.id, number(number_name, e164)).await.unwrap();
    }
    desk.accounts.complete(&account.id).await.unwrap()
}

/// How many rows `table` has.
pub async fn rows(pool: &SqlitePool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(pool).await.unwrap()
}

/// Each problem of a refused save as (code, field), the first one first.
pub fn problems(err: &channel_desk_core::Error) -> Vec<(channel_desk_core::ErrorCode, Option<String>)> {
    std::iter::once(err).chain(&err.more).map(|e| (e.code, e.field.clone())).collect()
}
