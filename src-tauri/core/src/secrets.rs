//! Secrets: a type that will not print or serialize, and the stores that hold them.
//! The OS keyring is the only place a token is kept.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Deserialize;
use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};
use crate::model::AuthMethod;

/// A secret the user typed. It can be read in (from IPC) but never written out: no
/// `Serialize`, and `Debug` prints a placeholder. Its memory is wiped on drop.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The keyring service every Channel Desk entry is filed under.
pub const KEYRING_SERVICE: &str = "channel-desk";

/// The name of the keyring entry that holds one account's Auth token or API key secret.
pub fn secret_key(account_id: &str, method: AuthMethod) -> String {
    match method {
        AuthMethod::AuthToken => format!("account:{account_id}:auth-token"),
        AuthMethod::ApiKey => format!("account:{account_id}:api-key-secret"),
    }
}

pub trait SecretStore: Send + Sync {
    fn set(&self, key: &str, secret: &Secret) -> Result<()>;
    fn get(&self, key: &str) -> Result<Option<Secret>>;
    /// Removes the entry; removing an entry that is not there is not an error.
    fn delete(&self, key: &str) -> Result<()>;
}

/// The OS keyring: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows.
pub struct Keyring {
    service: String,
}

impl Keyring {
    pub fn new(service: impl Into<String>) -> Self {
        Self { service: service.into() }
    }

    fn entry(&self, key: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, key).map_err(keyring_error)
    }
}

impl SecretStore for Keyring {
    fn set(&self, key: &str, secret: &Secret) -> Result<()> {
        self.entry(key)?.set_password(secret.expose()).map_err(keyring_error)
    }

    fn get(&self, key: &str) -> Result<Option<Secret>> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(keyring_error(err)),
        }
    }

    fn delete(&self, key: &str) -> Result<()> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(keyring_error(err)),
        }
    }
}

fn keyring_error(err: keyring::Error) -> Error {
    // keyring's errors carry platform messages and attribute names, never the secret itself.
    log::error!("keyring error: {err}");
    let hint = match err {
        keyring::Error::NoStorageAccess(_) => "The keyring is locked or refused access; unlock it and try again.",
        _ => "Check that a keyring service is running (GNOME Keyring or KWallet on Linux) and try again.",
    };
    Error::new(ErrorCode::KeyringUnavailable, format!("The OS keyring could not be used: {err}. {hint}"))
}

/// A store in memory, for tests and for nothing else.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Secret>>,
}

impl SecretStore for MemoryStore {
    fn set(&self, key: &str, secret: &Secret) -> Result<()> {
        self.entries.lock().expect("secret map poisoned").insert(key.to_owned(), secret.clone());
        Ok(())
    }

    fn get(&self, key: &str) -> Result<Option<Secret>> {
        Ok(self.entries.lock().expect("secret map poisoned").get(key).cloned())
    }

    fn delete(&self, key: &str) -> Result<()> {
        self.entries.lock().expect("secret map poisoned").remove(key);
        Ok(())
    }
}
