//! The real Secret Service: run inside `tests/with-keyring.sh`, which starts a gnome-keyring
//! daemon on a private D-Bus session. No mock here.
#![cfg(target_os = "linux")]

use channel_desk_core::secrets::{Keyring, Secret, SecretStore};

#[test]
fn the_secret_service_stores_reads_replaces_and_deletes_a_token() {
    let keyring = Keyring::new("channel-desk-test");
    let key = format!("account:{}:auth-token", std::process::id());

    keyring.set(&key, &Secret::new("first-token")).expect("store");
    assert_eq!(keyring.get(&key).unwrap().expect("read back").expose(), "first-token");

    keyring.set(&key, &Secret::new("second-token")).expect("replace");
    assert_eq!(keyring.get(&key).unwrap().unwrap().expose(), "second-token");
    let other = Keyring::new("channel-desk-test-other");
    assert!(other.get(&key).unwrap().is_none(), "entries are scoped by service");

    keyring.delete(&key).expect("delete");
    assert!(keyring.get(&key).unwrap().is_none());
    keyring.delete(&key).expect("deleting twice is not an error");
}
