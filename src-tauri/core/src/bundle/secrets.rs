//! The accounts' secrets in a bundle, only when the user asks: sealed with their passphrase as
//! one age file (scrypt recipient), ASCII-armored in the bundle's `secrets`. The rest of the
//! bundle stays readable.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use age::secrecy::SecretString;
use tokio_util::sync::CancellationToken;
use zeroize::Zeroizing;

use super::format::Bundle;
use super::import::{ImportMode, ImportOutcome, ImportProgress};
use crate::error::{Error, Result};
use crate::model::{AccountDetailsInput, AuthMethod};
use crate::secrets::Secret;
use crate::Desk;

impl Desk {
    /// The bundle, with the secret of every account that has one sealed with `passphrase`.
    /// Reads the keyring after the bundle's transaction, and seals on a blocking thread: scrypt
    /// takes about a second on purpose.
    pub async fn export_with_secrets(&self, passphrase: &Secret) -> Result<Bundle> {
        if passphrase.expose().is_empty() {
            return Err(Error::required("passphrase"));
        }
        let mut bundle = self.bundles.export().await?;
        let mut secrets = BTreeMap::new();
        for a in &bundle.accounts {
            if self.accounts.get(&a.id).await?.secret_stored {
                secrets.insert(a.id.clone(), self.accounts.credentials(&a.id).await?.password);
            }
        }
        let passphrase = passphrase.clone();
        let sealed =
            tokio::task::spawn_blocking(move || seal(&secrets, &passphrase)).await.expect("sealing does not panic");
        bundle.secrets = Some(sealed);
        Ok(bundle)
    }
}

impl Desk {
    /// Imports the bundle (see [`super::Bundles::import`]); then, with the passphrase, keeps
    /// each account's secret in the keyring the way the Account details page does, after the
    /// import's transaction. A wrong passphrase is refused before anything is written.
    pub async fn import_bundle(
        &self,
        bundle: &Bundle,
        mode: ImportMode,
        passphrase: Option<&Secret>,
        on_progress: &(dyn Fn(ImportProgress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<ImportOutcome> {
        let secrets = match passphrase {
            Some(passphrase) => bundle.open_secrets(passphrase)?,
            None => BTreeMap::new(),
        };
        let outcome = self.bundles.import(bundle, mode, on_progress, cancel).await?;
        if outcome.cancelled {
            return Ok(outcome);
        }
        for a in bundle.accounts.iter().filter(|a| secrets.contains_key(&a.id)) {
            let (Some(account_sid), secret) = (a.account_sid.clone(), secrets[&a.id].clone()) else { continue };
            let api_key = a.auth_method == AuthMethod::ApiKey;
            let details = AccountDetailsInput {
                account_sid,
                auth_method: a.auth_method,
                auth_token: (!api_key).then(|| secret.clone()),
                api_key_sid: a.api_key_sid.clone(),
                api_key_secret: api_key.then_some(secret),
            };
            self.accounts.save_account_details(&a.id, details).await?;
        }
        Ok(outcome)
    }
}

impl Bundle {
    /// Each account's secret, by account id: none when the bundle carries no secrets. A wrong
    /// passphrase is refused and reads nothing.
    pub fn open_secrets(&self, passphrase: &Secret) -> Result<BTreeMap<String, Secret>> {
        let Some(sealed) = &self.secrets else { return Ok(BTreeMap::new()) };
        let identity = age::scrypt::Identity::new(SecretString::from(passphrase.expose().to_owned()));
        let damaged = |detail: &dyn std::fmt::Display| {
            Error::bundle("secrets_damaged", "/secrets", format!("/secrets cannot be read: {detail}."))
        };
        let reader = age::armor::ArmoredReader::new(sealed.as_bytes());
        let decryptor = age::Decryptor::new(reader).map_err(|e| damaged(&e))?;
        let mut plain = Zeroizing::new(Vec::new());
        let mut stream = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => Error::bundle(
                "wrong_passphrase",
                "",
                "The passphrase does not open this bundle's secrets; nothing was read.",
            ),
            other => damaged(&other),
        })?;
        stream.read_to_end(&mut plain).map_err(|e| damaged(&e))?;
        let secrets: BTreeMap<String, Secret> = serde_json::from_slice(&plain).map_err(|e| damaged(&e))?;
        Ok(secrets)
    }
}

/// Into memory, where writing cannot fail.
fn seal(secrets: &BTreeMap<String, Secret>, passphrase: &Secret) -> String {
    let plain: BTreeMap<&str, &str> = secrets.iter().map(|(id, s)| (id.as_str(), s.expose())).collect();
    let plain = Zeroizing::new(serde_json::to_vec(&plain).expect("strings serialize"));
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(passphrase.expose().to_owned()));
    let mut armored = Vec::new();
    let armor = age::armor::ArmoredWriter::wrap_output(&mut armored, age::armor::Format::AsciiArmor)
        .expect("armoring into memory");
    let mut writer = encryptor.wrap_output(armor).expect("encrypting into memory");
    writer.write_all(&plain).expect("encrypting into memory");
    writer.finish().and_then(|armor| armor.finish()).expect("encrypting into memory");
    String::from_utf8(armored).expect("armor is ASCII")
}
