//! Queues, workstreams and a workstream's WhatsApp setup, as they cross IPC.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Channel, DriftOutcome, VerificationOutcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum QueueKind {
    Messaging,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Queue {
    pub id: String,
    pub name: String,
    pub kind: QueueKind,
    /// The queue every installation starts with; it cannot be deleted.
    pub is_default: bool,
    /// The names of the workstreams whose fallback queue this is.
    pub used_by: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QueueInput {
    pub name: String,
    pub kind: QueueKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum WorkstreamKind {
    Messaging,
}

/// Set when the workstream is created, and never changed after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum DistributionMode {
    Push,
    Pick,
}

/// Where work goes when no route-to-queue rule matches.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum FallbackQueueInput {
    Existing { id: String },
    New { name: String },
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NewWorkstreamInput {
    pub name: String,
    pub kind: WorkstreamKind,
    pub channel: Channel,
    pub mode: DistributionMode,
    pub fallback_queue: FallbackQueueInput,
}

/// The name, and the fallback queue, of a workstream that exists. `mode` must be the one it was
/// created with: the core refuses a change.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkstreamDetailsInput {
    pub name: String,
    pub mode: DistributionMode,
    pub fallback_queue_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Capacity {
    /// Each conversation takes this many units of an agent's capacity.
    Unit { units: i32 },
    /// The named capacity profile decides.
    Profile { profile: String },
}

/// Whether an agent's capacity stays taken while they wrap up a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum WrapUp {
    Always,
    Custom { minutes: i32 },
    DontBlock,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Presence {
    Available,
    Busy,
    BusyDnd,
    Away,
    Offline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum SkillMatching {
    Exact,
    Closest,
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkDistribution {
    /// Minutes a waiting conversation stays open without activity before it closes.
    pub auto_close_after_minutes: i32,
    pub capacity: Capacity,
    pub wrap_up: WrapUp,
    pub allowed_presences: Vec<Presence>,
    pub skill_matching: SkillMatching,
    /// Push workstreams only.
    pub keep_same_agent: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum VariableKind {
    Text,
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ContextVariable {
    pub name: String,
    pub kind: VariableKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QuickReply {
    pub title: String,
    pub text: String,
}

/// Settings the admin center edits elsewhere, kept here as references that a bundle carries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AdvancedSettings {
    /// Push workstreams only.
    pub bot_name: Option<String>,
    pub session_template: Option<String>,
    pub agent_notification_template: Option<String>,
    pub context_variables: Vec<ContextVariable>,
    pub quick_replies: Vec<QuickReply>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QueueRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Workstream {
    pub id: String,
    pub name: String,
    pub kind: WorkstreamKind,
    pub channel: Channel,
    pub mode: DistributionMode,
    pub fallback_queue: QueueRef,
    pub distribution: WorkDistribution,
    pub advanced: AdvancedSettings,
    /// The "Set up WhatsApp" wizard's answers, once it was started.
    pub whatsapp: Option<WhatsAppSetup>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkstreamSummary {
    pub id: String,
    pub name: String,
    pub mode: DistributionMode,
    pub fallback_queue: QueueRef,
    pub setup_status: Option<SetupStatus>,
    /// The bound number, E.164.
    pub number: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// What deleting a workstream removes with it, for the question asked first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkstreamDeletion {
    pub name: String,
    /// The number whose WhatsApp channel goes; the number itself stays in its account.
    pub number: Option<BoundNumber>,
    pub automated_messages: u32,
    pub templates: u32,
    pub context_variables: u32,
    pub quick_replies: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum SetupStatus {
    Draft,
    Active,
}

/// The pages of the "Set up WhatsApp" wizard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum SetupStep {
    Number,
    Language,
    Behaviours,
    UserFeatures,
    Summary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BoundNumber {
    pub id: String,
    pub name: String,
    pub number: String,
    pub account_id: String,
    pub account_name: String,
}

/// A number the WhatsApp page offers: one of a complete account's, used by no other workstream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AvailableNumber {
    pub number: BoundNumber,
    pub verification: Option<VerificationOutcome>,
    pub drift: Option<DriftOutcome>,
}

/// When an automated message is sent. WhatsApp has no live wait-time display, so the admin
/// center's "Average wait time" trigger is not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum MessageTrigger {
    Greeting,
    AgentAssigned,
    AgentNotAssigned,
    AgentDisconnected,
    AgentEndedConversation,
    AgentJoinedConversation,
    AgentJoinedCustomerConversation,
    AgentLeftCustomerConversation,
    ConsultAccepted,
    ConsultSessionEnded,
    CustomerNextInLine,
    CustomerPositionInQueue,
    CustomerDisconnected,
    HolidayMessage,
    OutOfOperatingHours,
    SessionEnded,
    TransferAccepted,
    OfferCallback,
    CallbackResponse,
    QueueOverflowCallback,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AutomatedMessage {
    pub trigger: MessageTrigger,
    /// May hold `{AgentName}` and `{QueueName}`.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum SurveyDelivery {
    /// The only mode WhatsApp allows.
    SendLink,
    /// Live chat only; refused for WhatsApp.
    InsertInConversation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Survey {
    pub enabled: bool,
    /// The survey's name or URL.
    pub reference: Option<String>,
    pub message: Option<String>,
    pub delivery: SurveyDelivery,
}

/// A WhatsApp-approved template, as typed on the Add message template dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TemplateRef {
    /// `HX` and 32 hexadecimal digits.
    pub content_sid: String,
    /// A code from the language list.
    pub language: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attachments {
    pub enabled: bool,
    pub customers: bool,
    pub agents: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Behaviours {
    pub automated_messages: Vec<AutomatedMessage>,
    pub survey: Survey,
    pub templates: Vec<TemplateRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WhatsAppSetup {
    pub status: SetupStatus,
    /// The first page that still needs the user, for resuming a draft.
    pub next_step: SetupStep,
    pub number: Option<BoundNumber>,
    pub language: Option<String>,
    pub behaviours: Behaviours,
    pub attachments: Attachments,
    pub updated_at: DateTime<Utc>,
}

/// A language of the list that the Language page and templates choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChannelLanguage {
    /// As WhatsApp writes it, such as `pt_BR`.
    pub code: String,
    /// The same as a BCP 47 tag, such as `pt-BR`, for naming it in the UI's language.
    pub tag: String,
}
