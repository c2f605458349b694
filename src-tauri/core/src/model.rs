//! The types that cross IPC. TypeScript bindings are generated from these by ts-rs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ErrorCode;
use crate::secrets::Secret;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum Channel {
    Whatsapp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum AccountStatus {
    Draft,
    Complete,
}

/// The pages of the messaging-account wizard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WizardStep {
    ChannelDetails,
    AccountDetails,
    Numbers,
    Callback,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WhatsAppNumber {
    pub id: String,
    pub account_id: String,
    pub name: String,
    /// E.164, such as `+14155238886`.
    pub number: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub channel: Channel,
    pub account_sid: Option<String>,
    pub auth_method: AuthMethod,
    pub api_key_sid: Option<String>,
    /// Whether the keyring holds the secret of `auth_method`. Secrets themselves never leave Rust.
    pub secret_stored: bool,
    pub status: AccountStatus,
    /// The first page that still needs the user, for resuming a draft.
    pub next_step: WizardStep,
    pub numbers: Vec<WhatsAppNumber>,
    pub verification: Option<Verification>,
    pub drift: Option<DriftCheck>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountSummary {
    pub id: String,
    pub name: String,
    pub account_sid: Option<String>,
    #[ts(type = "number")]
    pub number_count: i64,
    pub status: AccountStatus,
    pub next_step: WizardStep,
    pub verification: Option<VerificationOutcome>,
    pub drift: Option<DriftCheck>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChannelDetailsInput {
    pub name: String,
    pub channel: Channel,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AccountDetailsInput {
    pub account_sid: String,
    pub auth_method: AuthMethod,
    /// With `auth_token`: required the first time; `null` keeps the token already in the keyring.
    #[ts(type = "string | null")]
    pub auth_token: Option<Secret>,
    /// With `api_key`: the key's `SK…` SID.
    pub api_key_sid: Option<String>,
    /// With `api_key`: required the first time; `null` keeps the secret already in the keyring.
    #[ts(type = "string | null")]
    pub api_key_secret: Option<Secret>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NumberInput {
    pub name: String,
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Settings {
    pub callback_base_url: Option<String>,
}

pub(crate) fn next_step(
    account_sid: Option<&str>,
    secret_stored: bool,
    number_count: i64,
    status: AccountStatus,
) -> WizardStep {
    if account_sid.is_none() || !secret_stored {
        WizardStep::AccountDetails
    } else if number_count == 0 {
        WizardStep::Numbers
    } else if status == AccountStatus::Draft {
        WizardStep::Callback
    } else {
        WizardStep::Done
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum AuthMethod {
    AuthToken,
    ApiKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum VerificationOutcome {
    Verified,
    Failed,
    /// Not checked: Twilio could not be reached.
    Offline,
}

/// The last answer Twilio gave about the account's credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Verification {
    pub outcome: VerificationOutcome,
    pub checked_at: DateTime<Utc>,
    pub friendly_name: Option<String>,
    /// `active`, `suspended` or `closed`.
    pub status: Option<String>,
    /// `Trial` or `Full`.
    pub account_type: Option<String>,
    /// Why it failed, as the error the check ended with.
    pub error_code: Option<ErrorCode>,
    pub message: Option<String>,
    pub warning: Option<String>,
}

/// A WhatsApp sender on the Twilio account, to pick a number from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WhatsAppSender {
    pub sid: String,
    /// E.164, without the `whatsapp:` prefix.
    pub number: String,
    /// `ONLINE`, `OFFLINE`, `PENDING_VERIFICATION`, …
    pub status: Option<String>,
    pub webhook_url: Option<String>,
}

/// Which Twilio setting decides where a number's inbound messages go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RouteKind {
    SenderWebhook,
    MessagingService,
    PhoneNumber,
    Sandbox,
    Unknown,
}

/// Whose URL a number posts to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum UrlOwner {
    Unset,
    Ours,
    StudioFlow,
    Elsewhere,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InboundRoute {
    pub number_id: String,
    pub number: String,
    pub kind: RouteKind,
    /// The sender (XE…), Messaging Service (MG…) or phone number (PN…) that holds the URL.
    pub twilio_sid: Option<String>,
    pub service_name: Option<String>,
    pub current_url: Option<String>,
    pub our_url: String,
    pub owner: UrlOwner,
    /// What the user should know before applying, or why it cannot be applied from here.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum DriftOutcome {
    InSync,
    Drifted,
    Offline,
    Failed,
}

/// Whether every number of an account still posts to its inbound URL, as last checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DriftCheck {
    pub outcome: DriftOutcome,
    pub checked_at: DateTime<Utc>,
    #[sqlx(json)]
    pub drifted_numbers: Vec<String>,
    pub message: Option<String>,
}
