//! With no Secret Service on the session bus, saving a token says what is missing and how to get
//! it, and changes nothing. Its own test binary, because it points this process's D-Bus address
//! at nothing.
#![cfg(target_os = "linux")]

mod common;

use std::sync::Arc;

use channel_desk_core::secrets::Keyring;
use channel_desk_core::ErrorCode;
use common::{channel, details, open_desk, SID, TOKEN};

#[tokio::test]
async fn no_secret_service_is_named_with_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", dir.path().join("no-bus").display()));
    let desk = open_desk(dir.path(), Arc::new(Keyring::new("channel-desk-test"))).await;
    let id = desk.accounts.create_draft(channel("Contoso")).await.unwrap().id;

    let err = desk.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::KeyringUnavailable, "{err:?}");
    assert_eq!(
        serde_json::to_value(&err.params).unwrap(),
        serde_json::json!({"os": "linux"}),
        "the UI words it for Linux"
    );
    assert!(err.message.contains("Secret Service") && err.message.contains("gnome-keyring"), "{}", err.message);
    let account = desk.accounts.get(&id).await.unwrap();
    assert_eq!((account.account_sid, account.secret_stored), (None, false), "nothing was saved");
}
