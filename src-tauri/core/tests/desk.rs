//! The desk as a whole: settings in SQLite, the data folder, profiles, answers tied to what they
//! checked, secrets the keyring lost, and writers that race.

mod common;

use std::sync::Arc;

use channel_desk_core::desk::{app_data_dir, APP_ID};
use channel_desk_core::model::{DriftCheck, DriftOutcome, Verification, VerificationOutcome, WizardStep};
use channel_desk_core::secrets::{MemoryStore, SecretStore};
use channel_desk_core::ErrorCode;
use chrono::Utc;
use common::{channel, details, entry_of, fixture, number, open_desk, SID, TOKEN};

fn verified() -> Verification {
    Verification {
        outcome: VerificationOutcome::Verified,
        checked_at: Utc::now(),
        friendly_name: Some("Contoso Prod".into()),
        status: Some("active".into()),
        account_type: Some("Full".into()),
        problem: None,
        checked: Vec::new(),
        key_access: None,
    }
}

fn in_sync() -> DriftCheck {
    DriftCheck { outcome: DriftOutcome::InSync, checked_at: Utc::now(), numbers: Vec::new(), problem: None }
}

#[tokio::test]
async fn the_callback_base_url_lives_in_the_database_and_changing_it_forgets_drift() {
    let f = fixture().await;
    assert_eq!(f.settings.get().await.unwrap().callback_base_url, None);
    let err = f.settings.set_callback_base_url("http://desk.example.com").await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidUrl, Some("callbackBaseUrl")));
    let set = f.settings.set_callback_base_url("https://desk.example.com/").await.unwrap();
    assert_eq!(set.callback_base_url.as_deref(), Some("https://desk.example.com"));

    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    f.accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap();
    let inputs = f.accounts.checked_inputs(&id).await.unwrap();
    assert!(f.accounts.record_drift(&id, &inputs, &in_sync()).await.unwrap());
    f.settings.set_callback_base_url("https://desk.example.com").await.unwrap();
    assert!(f.accounts.get(&id).await.unwrap().drift.is_some(), "the same base keeps drift");

    f.settings.set_callback_base_url("https://other.example.com").await.unwrap();
    assert_eq!(f.accounts.get(&id).await.unwrap().drift, None, "a new base forgets drift");
    assert!(
        !f.accounts.record_drift(&id, &inputs, &in_sync()).await.unwrap(),
        "a check that started against the old base does not record its answer"
    );
    assert_eq!(f.accounts.get(&id).await.unwrap().drift, None);
    let reopened = open_desk(f.dir.path(), f.secrets.clone()).await;
    assert_eq!(reopened.settings.get().await.unwrap().callback_base_url.as_deref(), Some("https://other.example.com"));
}

#[tokio::test]
async fn an_older_settings_json_value_is_brought_in_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("settings.json");
    std::fs::write(&file, r#"{"callbackBaseUrl":"https://old.example.com/","theme":"dark"}"#).unwrap();
    let desk = open_desk(dir.path(), Arc::new(MemoryStore::default())).await;
    assert_eq!(desk.settings.get().await.unwrap().callback_base_url.as_deref(), Some("https://old.example.com"));
    let left: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(left, serde_json::json!({"theme": "dark"}), "the window's other preferences stay");

    desk.settings.set_callback_base_url("https://new.example.com").await.unwrap();
    std::fs::write(&file, r#"{"callbackBaseUrl":"https://stale.example.com"}"#).unwrap();
    drop(desk);
    let again = open_desk(dir.path(), Arc::new(MemoryStore::default())).await;
    assert_eq!(
        again.settings.get().await.unwrap().callback_base_url.as_deref(),
        Some("https://new.example.com"),
        "imported once only"
    );
}

#[test]
fn the_identifier_does_not_end_in_app_and_the_old_folder_moves() {
    assert!(!APP_ID.ends_with(".app"), "Tauri warns that an identifier ending in .app clashes with macOS");
    let platform = tempfile::tempdir().unwrap();
    let old = platform.path().join("dev.channeldesk.app");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::write(old.join("channel-desk.sqlite3"), b"db").unwrap();
    let dir = app_data_dir(platform.path()).unwrap();
    assert_eq!(dir, platform.path().join(APP_ID));
    assert_eq!(std::fs::read(dir.join("channel-desk.sqlite3")).unwrap(), b"db");
    assert!(!old.exists());

    std::fs::create_dir_all(&old).unwrap();
    app_data_dir(platform.path()).unwrap();
    assert!(old.exists(), "an existing new folder is never replaced");
}

/// Copies every file of a desk's folder, its WAL checkpointed first, as a user making a second
/// profile by hand would.
async fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    let pool = channel_desk_core::db::open(&from.join(channel_desk_core::db::FILE_NAME)).await.unwrap();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await.unwrap();
    pool.close().await;
    std::fs::create_dir_all(to).unwrap();
    for file in std::fs::read_dir(from).unwrap() {
        let file = file.unwrap();
        if file.file_type().unwrap().is_file() {
            std::fs::copy(file.path(), to.join(file.file_name())).unwrap();
        }
    }
}

#[tokio::test]
async fn a_copied_data_folder_becomes_a_profile_that_never_touches_the_originals_secrets() {
    let store = Arc::new(MemoryStore::default());
    let root = tempfile::tempdir().unwrap();
    let (a_dir, b_dir) = (root.path().join("prod"), root.path().join("staging"));
    let a = open_desk(&a_dir, store.clone()).await;
    let id = a.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    a.accounts.save_account_details(&id, details(SID, Some("token-a"))).await.unwrap();
    copy_folder(&a_dir, &b_dir).await;

    let b = open_desk(&b_dir, store.clone()).await;
    assert_eq!(b.accounts.credentials(&id).await.unwrap().password.expose(), "token-a", "the copy keeps the token");
    assert_eq!(store.entries().len(), 2, "in an entry of its own");
    b.accounts.save_account_details(&id, details(SID, Some("token-b"))).await.unwrap();
    assert_eq!(a.accounts.credentials(&id).await.unwrap().password.expose(), "token-a");
    assert_eq!(b.accounts.credentials(&id).await.unwrap().password.expose(), "token-b");
    b.accounts.delete(&id, false).await.unwrap();
    drop(b);
    open_desk(&b_dir, store.clone()).await;
    assert_eq!(a.accounts.credentials(&id).await.unwrap().password.expose(), "token-a");
    assert_eq!(store.entries().len(), 1);

    // A folder that moves is the same profile: nothing is copied.
    let a_pool = channel_desk_core::db::open(&a_dir.join("channel-desk.sqlite3")).await.unwrap();
    let entry = entry_of(&a_pool, &id).await.unwrap();
    a_pool.close().await;
    drop(a);
    let moved = root.path().join("prod-moved");
    std::fs::rename(&a_dir, &moved).unwrap();
    let a = open_desk(&moved, store.clone()).await;
    assert_eq!(a.accounts.credentials(&id).await.unwrap().password.expose(), "token-a");
    assert_eq!(store.entries(), vec![entry]);
}

#[tokio::test]
async fn renaming_keeps_a_credential_check_and_a_late_answer_is_dropped() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    let inputs = f.accounts.checked_inputs(&id).await.unwrap();
    f.accounts.update_channel_details(&id, channel("Contoso EU")).await.unwrap();
    assert!(f.accounts.record_verification(&id, &inputs, &verified()).await.unwrap(), "a rename changes no input");
    assert!(f.accounts.get(&id).await.unwrap().verification.is_some());

    let inputs = f.accounts.checked_inputs(&id).await.unwrap();
    f.accounts.save_account_details(&id, details(SID, Some("rotated-token"))).await.unwrap();
    assert_eq!(f.accounts.get(&id).await.unwrap().verification, None, "new credentials forget the old answer");
    assert!(!f.accounts.record_verification(&id, &inputs, &verified()).await.unwrap(), "late: about the old token");
    assert_eq!(f.accounts.get(&id).await.unwrap().verification, None);

    f.accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap();
    let inputs = f.accounts.checked_inputs(&id).await.unwrap();
    f.accounts.update_channel_details(&id, channel("Contoso")).await.unwrap();
    assert!(f.accounts.record_drift(&id, &inputs, &in_sync()).await.unwrap(), "a rename changes no input");
    let inputs = f.accounts.checked_inputs(&id).await.unwrap();
    f.accounts.add_number(&id, number("Sales", "+14155238887")).await.unwrap();
    assert!(!f.accounts.record_drift(&id, &inputs, &in_sync()).await.unwrap(), "late: about other numbers");
}

#[tokio::test]
async fn a_secret_the_keyring_lost_is_found_said_and_asked_for_again() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    f.accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap();
    f.accounts.complete(&id).await.unwrap();
    let inputs = f.accounts.checked_inputs(&id).await.unwrap();
    f.accounts.record_verification(&id, &inputs, &verified()).await.unwrap();
    // A keyring reset, or this folder copied to another computer.
    f.secrets.delete(&entry_of(&f.pool, &id).await.unwrap()).unwrap();

    let opened = f.accounts.open_account(&id).await.unwrap();
    assert!(opened.secret_lost && !opened.secret_stored, "{opened:?}");
    assert_eq!(opened.verification, None, "no Verified box for a secret that is gone");
    assert_eq!(opened.next_step, WizardStep::AccountDetails);
    let listed = &f.accounts.list().await.unwrap()[0];
    assert!(listed.secret_lost && listed.verification.is_none(), "{listed:?}");

    let err = f.accounts.credentials(&id).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::SecretLost, Some("authToken")));
    assert!(err.message.contains("no longer has"), "{}", err.message);
    let err = f.accounts.complete(&id).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::SecretLost, Some("authToken")));

    let typed_again = f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    assert!(typed_again.secret_stored && !typed_again.secret_lost);
    assert_eq!(f.accounts.credentials(&id).await.unwrap().password.expose(), TOKEN);
}

#[tokio::test]
async fn a_check_finds_a_lost_secret_too() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    f.secrets.delete(&entry_of(&f.pool, &id).await.unwrap()).unwrap();
    let err = f.accounts.credentials(&id).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::SecretLost, Some("authToken")));
    assert!(f.accounts.get(&id).await.unwrap().secret_lost);
}

#[tokio::test]
async fn writers_that_race_all_succeed() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    let first = f.accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap().numbers[0].id.clone();
    let accounts = Arc::new(f.accounts);
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..30u32 {
        let (accounts, id, first) = (accounts.clone(), id.clone(), first.clone());
        tasks.spawn(async move {
            match i % 3 {
                // Check now recording drift, as the numbers page saves.
                0 => {
                    let inputs = accounts.checked_inputs(&id).await?;
                    accounts.record_drift(&id, &inputs, &in_sync()).await.map(drop)
                }
                1 => accounts.update_number(&first, number(&format!("Support {i}"), "+14155238886")).await.map(drop),
                _ => accounts.add_number(&id, number("Sales", &format!("+1415555{:04}", 100 + i))).await.map(drop),
            }
        });
    }
    while let Some(outcome) = tasks.join_next().await {
        if let Err(err) = outcome.unwrap() {
            panic!("a racing writer failed: {err:?}");
        }
    }
    assert_eq!(accounts.get(&id).await.unwrap().numbers.len(), 11, "no write was lost");
}

/// A database as version 0.1 left it: only the first two migrations, a token under the old
/// entry name, and names whose keys did not exist yet.
#[tokio::test]
async fn a_database_from_0_1_keeps_its_tokens_and_gets_name_keys() {
    let dir = tempfile::tempdir().unwrap();
    let old_migrations = dir.path().join("migrations");
    std::fs::create_dir(&old_migrations).unwrap();
    for file in ["20261121000000_accounts.sql", "20261121010000_twilio_checks.sql"] {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(file);
        std::fs::copy(from, old_migrations.join(file)).unwrap();
    }
    let file = dir.path().join(channel_desk_core::db::FILE_NAME);
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&file).create_if_missing(true);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(old_migrations.as_path()).await.unwrap().run(&pool).await.unwrap();
    for (id, name) in [("a", "Ärger"), ("b", "ärger"), ("c", "Contoso")] {
        sqlx::query("INSERT INTO accounts (id, name, channel, account_sid, secret_stored, status, created_at, updated_at) VALUES (?, ?, 'whatsapp', ?, 1, 'draft', ?, ?)")
            .bind(id)
            .bind(name)
            .bind(SID)
            .bind(format!("2026-01-01T00:00:0{}Z", id.len()))
            .bind("2026-01-01T00:00:00Z")
            .execute(&pool)
            .await
            .unwrap();
    }
    pool.close().await;
    let store = Arc::new(MemoryStore::default());
    store.set("account:c:auth-token", &channel_desk_core::secrets::Secret::new(TOKEN)).unwrap();
    store.set("account:c:api-key-secret", &channel_desk_core::secrets::Secret::new("left over")).unwrap();

    let desk = open_desk(dir.path(), store.clone()).await;
    assert_eq!(desk.accounts.credentials("c").await.unwrap().password.expose(), TOKEN);
    assert_eq!(store.entries(), vec!["account:c:auth-token".to_owned()], "an entry no row uses was swept");
    let names: Vec<String> = desk.accounts.list().await.unwrap().into_iter().map(|a| a.name).collect();
    assert_eq!(names.len(), 3);
    assert!(names.contains(&"Ärger (2)".to_owned()) || names.contains(&"ärger (2)".to_owned()), "{names:?}");
    let err = desk.accounts.create_draft(channel("CONTOSO")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateName);
}
