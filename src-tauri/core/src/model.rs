//! The types that cross IPC. TypeScript bindings are generated from these by ts-rs.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Problem;
use crate::language::Language;
use crate::secrets::Secret;

mod outbox;
mod template_library;
mod template_sync;
mod workstream;
pub use outbox::*;
pub use template_library::*;
pub use template_sync::*;
pub use workstream::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum Channel {
    Whatsapp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
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
    /// The keyring turned out not to have the secret this account had: it must be typed again.
    pub secret_lost: bool,
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
    /// The keyring turned out not to have the account's secret: it must be typed again.
    pub secret_lost: bool,
    #[ts(type = "number")]
    pub number_count: i64,
    /// The numbers, E.164, in the order they were added: the list finds an account by them.
    pub numbers: Vec<String>,
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
    /// With `auth_token`: `null` keeps the token already in the keyring, or saves a draft without one.
    #[ts(type = "string | null")]
    pub auth_token: Option<Secret>,
    /// With `api_key`: the key's `SK…` SID.
    pub api_key_sid: Option<String>,
    /// With `api_key`: `null` keeps the secret already in the keyring, or saves a draft without one.
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
    /// The language the UI shows: the chosen one, else the OS's when it is one of the six, else
    /// English.
    pub language: Language,
    /// The language chosen in Settings; `null` follows the OS.
    pub language_chosen: Option<Language>,
}

/// A Twilio host that an environment variable points somewhere else than Twilio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HostOverride {
    /// `CHANNEL_DESK_TWILIO_API_URL`, …
    pub variable: String,
    pub url: String,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
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
    /// `active`, `suspended` or `closed`, as Twilio says it.
    pub status: Option<String>,
    /// `Trial` or `Full`, as Twilio says it. A Trial account sends only to numbers verified in
    /// the Twilio Console, with a trial notice, and WhatsApp only through the Sandbox: the UI
    /// warns about it.
    pub account_type: Option<String>,
    /// Why it is not verified (`failed` or `offline`): the problem the check ended with, or
    /// `account_inactive` when Twilio answered for an account that is not active.
    #[sqlx(json(nullable))]
    pub problem: Option<Problem>,
    /// What was asked of Twilio, in order; a failed check stopped at the last one.
    #[sqlx(json)]
    pub checked: Vec<CheckedResource>,
    /// What the credentials may read, as far as the check found out; `None` when Twilio refused
    /// them or could not be asked.
    pub key_access: Option<KeyAccess>,
}

/// A Twilio resource that a credential check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CheckedResource {
    /// One page of one of the account's phone numbers: any working key may read it, so an API
    /// key is checked with it.
    IncomingPhoneNumbers,
    /// The Account resource: its friendly name, status and type.
    Account,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum KeyAccess {
    /// Everything, the Account resource included: the Auth token, or a Main API key.
    Full,
    /// The account's resources but not the Account resource itself, which Twilio refused: a
    /// Standard API key (or a Restricted one). Its name, status and type stay unknown.
    NoAccountAccess,
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
    pub callback_url: Option<String>,
}

/// Which Twilio setting decides where a number's inbound messages go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
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
    pub inbound_url: String,
    pub owner: UrlOwner,
    /// What the user should know before applying, or why it cannot be applied from here.
    pub note: Option<RouteNote>,
    /// Set by Apply and Restore: Twilio accepted the change but does not show it yet, so
    /// `current_url` is still the old value. A later drift check tells whether it took effect.
    pub pending: bool,
    /// This desk's last Apply for the number, unless it was undone: what "Restore previous"
    /// would write back.
    pub applied: Option<AppliedRoute>,
}

/// What to know about a number's route before applying, or why it cannot be applied from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RouteNote {
    /// The Messaging Service's Request URL (`service_name`) overrides the number's own webhook:
    /// changing it changes it for every sender and number in that service.
    ServiceOverrides,
    /// The number's Messaging Service defers to the sender's own webhook.
    ServiceDefers,
    /// A TwiML app handles the number's messages, so Twilio ignores its SmsUrl; only the Twilio
    /// Console changes that.
    TwimlApp,
    /// Twilio's WhatsApp Sandbox: the inbound URL goes into "When a message comes in" in the
    /// Sandbox settings of the Twilio Console; Twilio's API cannot set it.
    Sandbox,
    /// The Twilio account has no WhatsApp sender or phone number with this number.
    NotInTwilio,
}

/// An Apply in Twilio by this desk: where it wrote, what, and the value it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppliedRoute {
    pub number_id: String,
    pub kind: RouteKind,
    /// The sender (XE…), Messaging Service (MG…) or phone number (PN…) written to.
    pub twilio_sid: String,
    /// The inbound URL written.
    pub inbound_url: String,
    /// Twilio's value before; `None` when none was set, and then there is nothing to restore.
    pub replaced_url: Option<String>,
    pub applied_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum DriftOutcome {
    /// Every number posts to its inbound URL.
    InSync,
    /// Some number that this desk applied posts elsewhere now.
    Drifted,
    /// None drifted, but some number was never applied (or its Apply was undone).
    NotApplied,
    Offline,
    /// The check failed as a whole (`problem`), or some number could not be checked.
    Failed,
}

/// Whether every number of an account still posts to its inbound URL, as last checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DriftCheck {
    pub outcome: DriftOutcome,
    pub checked_at: DateTime<Utc>,
    /// Each number's state, in the account's order; empty when the check failed as a whole.
    #[sqlx(json)]
    pub numbers: Vec<NumberDrift>,
    /// Why the check failed as a whole (`offline` or `failed` with no numbers).
    #[sqlx(json(nullable))]
    pub problem: Option<Problem>,
}

/// One number's state in a drift check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NumberDrift {
    pub number_id: String,
    /// The number's name in this desk, as it was when checked.
    pub name: String,
    /// E.164.
    pub number: String,
    pub state: NumberState,
    /// Why it could not be checked (`failed` only).
    pub problem: Option<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NumberState {
    /// Twilio posts its inbound messages to this desk's inbound URL.
    InSync,
    /// This desk applied it, and Twilio posts elsewhere now.
    Drifted,
    /// Not set up in Twilio yet: never applied by this desk, or its Apply was undone.
    NotApplied,
    /// Could not be checked; see `problem`.
    Failed,
}
