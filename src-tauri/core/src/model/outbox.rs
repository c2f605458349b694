//! The template outbox, as it crosses IPC: publishing work waiting for Twilio, and the progress
//! of a run.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Problem;

/// Where an outbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum OutboxState {
    /// Waiting for the next run; `last_error` says why an earlier run left it (offline, …).
    Queued,
    /// A run is sending it now.
    Running,
    /// Twilio holds the content and has its approval request. Approval is Twilio's to follow.
    Sent,
    /// Twilio refused it, or the draft cannot be sent as it is: see `last_error`. Retry queues
    /// it again.
    Failed,
    /// Withdrawn before Twilio created anything.
    Cancelled,
}

/// The request an item sends next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum OutboxStep {
    /// `POST /v1/Content`.
    Create,
    /// `POST /v1/Content/{Sid}/ApprovalRequests/whatsapp`.
    Submit,
    /// Nothing left to send.
    Done,
}

/// Publishing one language's draft: create its content in Twilio, then submit it for WhatsApp
/// approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OutboxItem {
    pub id: String,
    pub draft_id: String,
    pub family_id: String,
    /// The template's name and the draft's language and revision, for the list.
    pub name: String,
    pub language: String,
    pub revision: u32,
    pub state: OutboxState,
    pub step: OutboxStep,
    /// Twilio's name for the content, fixed when the create is first sent.
    pub friendly_name: Option<String>,
    /// Kept the moment Twilio gives it; an item that has one can no longer be cancelled.
    pub content_sid: Option<String>,
    /// WhatsApp's approval status as Twilio answered the submission, verbatim.
    pub approval_status: Option<String>,
    /// Runs that took it up.
    pub attempts: u32,
    pub last_error: Option<Problem>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A run's progress, one per step of each item: `state` is `running` while `step` is sent, and
/// the item's outcome once it is over. `done` items of `total` are over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OutboxEvent {
    pub item_id: String,
    pub draft_id: String,
    pub step: OutboxStep,
    pub state: OutboxState,
    pub done: u32,
    pub total: u32,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OutboxRun {
    pub sent: u32,
    pub failed: u32,
    /// Items still queued afterwards.
    pub queued: u32,
    /// Why the run stopped early with items left: Twilio out of reach (`offline`,
    /// `twilio_timeout`, …). `None` when it went through, or was cancelled.
    pub stopped_by: Option<Problem>,
    pub cancelled: bool,
}
