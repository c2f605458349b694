use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What went wrong, in a form the UI can act on: it switches on `code` and shows `message`
/// under `field` when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// The form field the error belongs to, as the UI names it (`accountSid`, `number`, …).
    pub field: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    Required,
    TooLong,
    DuplicateName,
    InvalidAccountSid,
    InvalidApiKeySid,
    InvalidPhoneNumber,
    DuplicateNumber,
    InvalidUrl,
    NotFound,
    Incomplete,
    LastNumber,
    CallbackBaseUrlMissing,
    /// No keyring service to keep secrets in.
    KeyringUnavailable,
    /// The keyring is there but locked, or refused access.
    KeyringLocked,
    /// The row points at a secret that the keyring no longer has: it was reset, or the data
    /// folder came from another computer. The secret must be typed again.
    SecretLost,
    /// A Twilio check needs credentials the account does not have yet.
    CredentialsMissing,
    Offline,
    TwilioAuthFailed,
    TwilioNotFound,
    TwilioRateLimited,
    TwilioUnavailable,
    TwilioTimeout,
    TwilioBadResponse,
    TwilioRejected,
    /// The inbound URL cannot be set through Twilio's API for this number.
    CannotApply,
    /// Twilio's URL changed between the user's confirmation and the write.
    InboundChanged,
    /// "Restore previous" found no URL that this desk's Apply replaced.
    NothingToRestore,
    /// What a Twilio check looked at (credentials, numbers, inbound URLs) changed while it ran;
    /// its answer was dropped. Check again.
    ChangedDuringCheck,
    Clipboard,
    Storage,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: None }
    }

    pub fn on(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: Some(field.to_owned()) }
    }

    pub fn changed_during_check() -> Self {
        Self::new(
            ErrorCode::ChangedDuringCheck,
            "The account's credentials, numbers or inbound URL changed while Twilio was being checked, so this \
             answer is out of date. Check again.",
        )
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} no longer exists. It may have been deleted; reload the list."))
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<sqlx::Error> for Error {
    fn from(err: sqlx::Error) -> Self {
        log::error!("storage error: {err}");
        Self::new(
            ErrorCode::Storage,
            format!("Could not read or write the local database: {err}. Nothing was changed."),
        )
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        log::error!("migration error: {err}");
        Self::new(
            ErrorCode::Storage,
            format!("Could not bring the local database up to date: {err}. The file was left as it was."),
        )
    }
}
