//! A template sync with Twilio and the exact-text check, as they cross IPC.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Problem;

/// How far a sync has come: sent after each page of Twilio's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncProgress {
    pub account_id: String,
    /// Pages read and reconciled so far.
    pub pages: u32,
    /// Contents in those pages.
    pub contents: u32,
}

/// What a sync of one account found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncReport {
    pub account_id: String,
    pub pages: u32,
    /// The contents Twilio listed in those pages.
    pub contents: u32,
    /// Contents this desk did not know, now published drafts in the library.
    pub added: u32,
    /// Known contents whose approval status or reason changed.
    pub updated: u32,
    pub unchanged: u32,
    /// Contents that this desk deleted in Twilio and that Twilio still lists; not imported again.
    pub deleted_here: u32,
    /// Published drafts of the account whose Content SID Twilio no longer lists. Each is kept,
    /// its timeline marked `deleted_in_twilio` once.
    pub missing: Vec<SyncedTemplate>,
    /// Approved, then paused or disabled by WhatsApp: every such template of the account.
    pub flagged: Vec<FlaggedTemplate>,
    /// Contents the library cannot hold as drafts, such as a content type the editor does not
    /// have, or one without a language. Their text is still kept for the exact-text check.
    pub skipped: Vec<SkippedContent>,
    /// Stopped before the last page: what the pages read hold is kept; nothing was reported
    /// missing and no text was checked.
    pub cancelled: bool,
    /// The exact-text check of the workstreams on this account's numbers, against the bodies
    /// this sync read.
    pub texts: Vec<TextCheck>,
    pub finished_at: DateTime<Utc>,
}

/// A language's published draft, named as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncedTemplate {
    pub content_sid: String,
    pub draft_id: String,
    pub family_id: String,
    pub name: String,
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FlaggedTemplate {
    #[serde(flatten)]
    pub template: SyncedTemplate,
    /// `paused` or `disabled`, as Twilio wrote it.
    pub status: String,
    /// This sync saw the change; otherwise an earlier one did.
    pub changed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SkipReason {
    /// None of the content types the library's editor has.
    UnsupportedType,
    NoLanguage,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SkippedContent {
    pub content_sid: String,
    pub friendly_name: Option<String>,
    pub reason: SkipReason,
}

/// One template that a workstream uses, its stored text compared with Twilio's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextCheck {
    pub workstream_id: String,
    pub workstream_name: String,
    /// As the workstream stores it.
    pub content_sid: String,
    pub language: String,
    pub outcome: TextOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum TextOutcome {
    /// Compared character by character, whitespace included. `diff` runs from the workstream's
    /// text (`removed`) to Twilio's (`added`); one `same` run when they are equal.
    #[serde(rename_all = "camelCase")]
    Compared {
        equal: bool,
        /// WhatsApp's approval of Twilio's content, as Twilio wrote it: a body that is not
        /// approved cannot be sent outside the 24-hour window whatever the text.
        approval_status: Option<String>,
        diff: Vec<DiffRun>,
    },
    /// Twilio has no content with this SID in the workstream's account.
    UnknownSid,
    /// Twilio's content has no text body to compare (a content type the desk does not read).
    NoText,
    /// The workstream has no number, so no account to ask.
    NoAccount,
    /// Asking Twilio failed (offline, refused…).
    NotChecked { problem: Problem },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiffKind {
    Same,
    /// In the workstream's text, not in Twilio's.
    Removed,
    /// In Twilio's text, not in the workstream's.
    Added,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DiffRun {
    pub kind: DiffKind,
    pub text: String,
}

/// A template WhatsApp approved, as the workstream's template list offers it: its text is
/// Twilio's, as the last sync read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ApprovedTemplate {
    pub content_sid: String,
    /// The WhatsApp name the library knows it by, else Twilio's friendly name.
    pub name: String,
    pub language: String,
    pub text: String,
}
