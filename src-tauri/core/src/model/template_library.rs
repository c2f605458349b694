//! The offline template library, as it crosses IPC: template families, their languages' drafts,
//! the approval timeline, and the search that fills the list.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::template::TemplateContent;

/// WhatsApp's template categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum TemplateCategory {
    Utility,
    Marketing,
    Authentication,
}

/// Where a language's draft is in this desk: still being edited, or sent to Twilio (which then
/// gave it a Content SID). Approval is Twilio's to say, in [`TemplateDraft::approval_status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum DraftStatus {
    Draft,
    Published,
}

/// One language of a template family. A published one is never edited: editing it makes the
/// language's next revision, a draft.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TemplateDraft {
    pub id: String,
    pub family_id: String,
    /// A code of WhatsApp's template language list (`en`, `pt_BR`).
    pub language: String,
    /// 1 for the language's first draft, one more for each revision of a published one.
    pub revision: u32,
    /// The content type and its fields. The library searches its body, header, footer and
    /// button texts.
    pub content: TemplateContent,
    /// Each variable's sample value, by the variable's name (`"1"`, `"customer"`).
    pub variables: BTreeMap<String, String>,
    pub status: DraftStatus,
    pub content_sid: Option<String>,
    /// WhatsApp's approval status as Twilio last wrote it (`approved`, `rejected`, …), verbatim.
    pub approval_status: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A template across its languages, each revision of each language in the order of language
/// then revision.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TemplateFamily {
    pub id: String,
    /// The WhatsApp template name.
    pub name: String,
    pub category: TemplateCategory,
    /// The messaging account it belongs to; `None` while drafted before choosing one.
    pub account_id: Option<String>,
    pub drafts: Vec<TemplateDraft>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NewTemplateInput {
    pub name: String,
    pub category: TemplateCategory,
    pub account_id: Option<String>,
    /// The first language.
    pub language: String,
    pub content: TemplateContent,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
}

/// A language to add to a template, with its first content.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NewLanguageInput {
    pub language: String,
    pub content: TemplateContent,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
}

/// What a template is across its languages: its name, category and account.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TemplateDetailsInput {
    pub name: String,
    pub category: TemplateCategory,
    pub account_id: Option<String>,
}

/// A draft's content and samples, as saved from the editor.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DraftContentInput {
    pub content: TemplateContent,
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
}

/// What Twilio said of a draft's content: its Content SID (kept the moment Twilio gives it) and
/// its approval status and reason, verbatim, as of `at`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StatusChange {
    pub content_sid: String,
    pub status: String,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// One step of a draft's approval timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StatusEntry {
    /// As Twilio wrote it.
    pub status: String,
    /// A rejection's reason, verbatim.
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// Content this desk published and later deleted from Twilio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeletedTemplate {
    pub content_sid: String,
    pub account_id: Option<String>,
    pub name: String,
    pub language: String,
    pub revision: u32,
    pub approval_status: Option<String>,
    pub deleted_at: DateTime<Utc>,
}

/// The status filter of the library list. Twilio's approval statuses compare whatever their
/// case; `received` is Twilio's word for a request WhatsApp has not reviewed yet, so it counts
/// as pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatusFilter {
    /// Not published yet.
    Draft,
    /// Published, not submitted for approval.
    Unsubmitted,
    Pending,
    Approved,
    Rejected,
    Paused,
    Disabled,
}

/// The library list's query: words to find, filters, and the window of rows to show.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct LibrarySearch {
    /// Words as the user typed them, each found as a word or, the last, as a word's start.
    pub text: String,
    /// Any of these; none means all.
    pub statuses: Vec<StatusFilter>,
    pub categories: Vec<TemplateCategory>,
    pub languages: Vec<String>,
    pub account_ids: Vec<String>,
    /// Only templates with no account yet, besides those of `account_ids`.
    pub without_account: bool,
    pub offset: u32,
    /// At most this many rows; 0 means 100.
    pub limit: u32,
}

/// One language's drafts in the list: the revision of each, with its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LanguageStatus {
    pub draft_id: String,
    pub language: String,
    pub revision: u32,
    pub status: DraftStatus,
    pub approval_status: Option<String>,
}

/// A row of the library list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TemplateSummary {
    pub id: String,
    pub name: String,
    pub category: TemplateCategory,
    pub account_id: Option<String>,
    /// Every revision of every language, by language then revision.
    pub languages: Vec<LanguageStatus>,
    /// The library's languages that this template has no draft in: its gaps.
    pub languages_missing: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// A window of the library list, by name, and how many templates the whole list has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LibraryPage {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<TemplateSummary>,
}
