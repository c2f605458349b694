//! Secrets: a type that will not print or serialize, and the stores that hold them.
//! The OS keyring is the only place a token is kept.

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Deserialize;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
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

/// A new keyring entry name for one account's Auth token or API key secret. It names the
/// desk's profile, so two data folders never share an entry, and is new for every secret, so
/// that a secret is never overwritten in place: see [`crate::accounts`].
pub fn new_entry_name(profile: &str, account_id: &str, method: AuthMethod) -> String {
    let kind = match method {
        AuthMethod::AuthToken => "auth-token",
        AuthMethod::ApiKey => "api-key-secret",
    };
    let version = &uuid::Uuid::new_v4().simple().to_string()[..12];
    format!("desk:{profile}:account:{account_id}:{kind}:{version}")
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
    match err {
        keyring::Error::NoStorageAccess(_) => Error::keyring_locked(),
        _ => Error::keyring_unavailable(&err),
    }
}

/// A store in memory, for tests and for nothing else.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Secret>>,
}

impl MemoryStore {
    /// The names of every entry it holds, sorted.
    pub fn entries(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.entries.lock().expect("secret map poisoned").keys().cloned().collect();
        keys.sort();
        keys
    }
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
