//! The types that cross IPC. TypeScript bindings are generated from these by ts-rs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    /// Whether the keyring holds this account's Auth token. The token itself never leaves Rust.
    pub auth_token_stored: bool,
    pub status: AccountStatus,
    /// The first page that still needs the user, for resuming a draft.
    pub next_step: WizardStep,
    pub numbers: Vec<WhatsAppNumber>,
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
    /// Required the first time; `null` keeps the token already in the keyring.
    #[ts(type = "string | null")]
    pub auth_token: Option<Secret>,
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
    auth_token_stored: bool,
    number_count: i64,
    status: AccountStatus,
) -> WizardStep {
    if account_sid.is_none() || !auth_token_stored {
        WizardStep::AccountDetails
    } else if number_count == 0 {
        WizardStep::Numbers
    } else if status == AccountStatus::Draft {
        WizardStep::Callback
    } else {
        WizardStep::Done
    }
}
