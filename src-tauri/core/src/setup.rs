//! A workstream's WhatsApp setup: the "Set up WhatsApp" wizard's answers (the number, the
//! language, behaviours and user features). Any page's save starts it as a draft; Finish makes
//! it active. A number serves one workstream, which a unique index holds; deleting a number or
//! its account unbinds it first, on the user's word, and the setup goes back to a draft.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::types::Json;
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{Error, Problems, Result};
use crate::model::{
    AccountStatus, Attachments, AutomatedMessage, AvailableNumber, Behaviours, BoundNumber, ChannelLanguage,
    DriftOutcome, MessageTrigger, NumberDrift, NumberState, SetupStatus, SetupStep, Survey, SurveyDelivery,
    TemplateRef, VerificationOutcome, WhatsAppSetup, Workstream,
};
use crate::rules;
use crate::workstreams;

pub struct Setups {
    pool: SqlitePool,
}

/// WhatsApp's template languages: the 71 codes of Meta's long-standing list, with Meta's English
/// name for each, for whoever updates the file against Meta's page.
const LANGUAGES_FILE: &str = include_str!("../data/channel-languages.json");

static LANGUAGES: LazyLock<Vec<ChannelLanguage>> = LazyLock::new(|| {
    #[derive(Deserialize)]
    struct Entry {
        code: String,
    }
    let entries: Vec<Entry> = serde_json::from_str(LANGUAGES_FILE).expect("data/channel-languages.json is a list");
    entries.into_iter().map(|e| ChannelLanguage { tag: e.code.replace('_', "-"), code: e.code }).collect()
});

/// The languages a setup and its templates choose from, in the data file's order.
pub fn channel_languages() -> Vec<ChannelLanguage> {
    LANGUAGES.clone()
}

/// The language code, as the list writes it, or why it is not one (on `field`).
pub(crate) fn language(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::required(field));
    }
    match LANGUAGES.iter().find(|l| l.code == value) {
        Some(l) => Ok(l.code.clone()),
        None => Err(Error::unknown_language(field, value)),
    }
}

/// Whose numbers: an account's, or one number.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NumbersOf<'a> {
    Account(&'a str),
    Number(&'a str),
}

impl NumbersOf<'_> {
    fn condition(self) -> (&'static str, String) {
        match self {
            NumbersOf::Account(id) => ("SELECT id FROM whatsapp_numbers WHERE account_id = ?", id.to_owned()),
            NumbersOf::Number(id) => ("SELECT id FROM whatsapp_numbers WHERE id = ?", id.to_owned()),
        }
    }
}

/// The names of the workstreams whose setup uses these numbers, by name.
pub(crate) async fn users_of(conn: &mut SqliteConnection, numbers: NumbersOf<'_>) -> Result<Vec<String>> {
    let (numbers, id) = numbers.condition();
    Ok(sqlx::query_scalar(&format!(
        "SELECT w.name FROM whatsapp_setups s JOIN workstreams w ON w.id = s.workstream_id
         WHERE s.number_id IN ({numbers}) ORDER BY w.name COLLATE NOCASE, w.id"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Takes these numbers from the setups that use them, which go back to drafts with no number.
pub(crate) async fn unbind(conn: &mut SqliteConnection, numbers: NumbersOf<'_>) -> Result<()> {
    let (numbers, id) = numbers.condition();
    let now = Utc::now();
    let workstreams: Vec<String> =
        sqlx::query_scalar(&format!("SELECT workstream_id FROM whatsapp_setups WHERE number_id IN ({numbers})"))
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
    for workstream in workstreams {
        sqlx::query("UPDATE whatsapp_setups SET number_id = NULL, status = ?, updated_at = ? WHERE workstream_id = ?")
            .bind(SetupStatus::Draft)
            .bind(now)
            .bind(&workstream)
            .execute(&mut *conn)
            .await?;
        workstreams::touch(conn, &workstream, now).await?;
        log::info!("unbound the WhatsApp number of workstream {workstream}");
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SetupRow {
    status: SetupStatus,
    language: Option<String>,
    survey_enabled: bool,
    survey_reference: Option<String>,
    survey_message: Option<String>,
    survey_delivery: SurveyDelivery,
    attachments_enabled: bool,
    attachments_customers: bool,
    attachments_agents: bool,
    last_step: Option<SetupStep>,
    updated_at: DateTime<Utc>,
    number_id: Option<String>,
    number_name: Option<String>,
    number: Option<String>,
    account_id: Option<String>,
    account_name: Option<String>,
}

pub(crate) async fn load(conn: &mut SqliteConnection, workstream_id: &str) -> Result<Option<WhatsAppSetup>> {
    let row: Option<SetupRow> = sqlx::query_as(
        "SELECT s.status, s.language, s.survey_enabled, s.survey_reference, s.survey_message, s.survey_delivery,
                s.attachments_enabled, s.attachments_customers, s.attachments_agents, s.last_step, s.updated_at,
                n.id AS number_id, n.name AS number_name, n.number, a.id AS account_id, a.name AS account_name
         FROM whatsapp_setups s
         LEFT JOIN whatsapp_numbers n ON n.id = s.number_id
         LEFT JOIN accounts a ON a.id = n.account_id
         WHERE s.workstream_id = ?",
    )
    .bind(workstream_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let automated_messages: Vec<(MessageTrigger, String)> =
        sqlx::query_as("SELECT trigger, text FROM automated_messages WHERE workstream_id = ? ORDER BY position")
            .bind(workstream_id)
            .fetch_all(&mut *conn)
            .await?;
    let templates: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT content_sid, language, text FROM message_templates WHERE workstream_id = ? ORDER BY position",
    )
    .bind(workstream_id)
    .fetch_all(&mut *conn)
    .await?;
    let number = match (r.number_id, r.number_name, r.number, r.account_id, r.account_name) {
        (Some(id), Some(name), Some(number), Some(account_id), Some(account_name)) => {
            Some(BoundNumber { id, name, number, account_id, account_name })
        }
        _ => None,
    };
    Ok(Some(WhatsAppSetup {
        status: r.status,
        next_step: next_step(number.is_some(), r.language.is_some(), r.last_step),
        number,
        language: r.language,
        behaviours: Behaviours {
            automated_messages: automated_messages
                .into_iter()
                .map(|(trigger, text)| AutomatedMessage { trigger, text })
                .collect(),
            survey: Survey {
                enabled: r.survey_enabled,
                reference: r.survey_reference,
                message: r.survey_message,
                delivery: r.survey_delivery,
            },
            templates: templates
                .into_iter()
                .map(|(content_sid, language, text)| TemplateRef { content_sid, language, text })
                .collect(),
        },
        attachments: Attachments {
            enabled: r.attachments_enabled,
            customers: r.attachments_customers,
            agents: r.attachments_agents,
        },
        updated_at: r.updated_at,
    }))
}

/// Where to resume: the first page still needing input (the number, the language), else the
/// page after the last one saved, else the summary.
pub fn next_step(has_number: bool, has_language: bool, last_saved: Option<SetupStep>) -> SetupStep {
    if !has_number {
        return SetupStep::Number;
    }
    if !has_language {
        return SetupStep::Language;
    }
    match last_saved {
        Some(SetupStep::Number) => SetupStep::Language,
        Some(SetupStep::Language) => SetupStep::Behaviours,
        Some(SetupStep::Behaviours) => SetupStep::UserFeatures,
        Some(SetupStep::UserFeatures | SetupStep::Summary) | None => SetupStep::Summary,
    }
}

/// Gives workstream `to` a draft copy of `from`'s setup, if it has one: its language, behaviours
/// and user features, and no number.
pub(crate) async fn copy(conn: &mut SqliteConnection, from: &str, to: &str, now: DateTime<Utc>) -> Result<()> {
    let copied = sqlx::query(
        "INSERT INTO whatsapp_setups (workstream_id, status, number_id, language, survey_enabled, survey_reference,
                survey_message, survey_delivery, attachments_enabled, attachments_customers, attachments_agents,
                last_step, created_at, updated_at)
         SELECT ?, ?, NULL, language, survey_enabled, survey_reference, survey_message, survey_delivery,
                attachments_enabled, attachments_customers, attachments_agents, NULL, ?, ?
         FROM whatsapp_setups WHERE workstream_id = ?",
    )
    .bind(to)
    .bind(SetupStatus::Draft)
    .bind(now)
    .bind(now)
    .bind(from)
    .execute(&mut *conn)
    .await?;
    if copied.rows_affected() == 0 {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO automated_messages (workstream_id, position, trigger, text)
         SELECT ?, position, trigger, text FROM automated_messages WHERE workstream_id = ?",
    )
    .bind(to)
    .bind(from)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO message_templates (workstream_id, position, content_sid, content_sid_key, language, text)
         SELECT ?, position, content_sid, content_sid_key, language, text FROM message_templates WHERE workstream_id = ?",
    )
    .bind(to)
    .bind(from)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AvailableRow {
    id: String,
    name: String,
    number: String,
    account_id: String,
    account_name: String,
    verification: Option<VerificationOutcome>,
    drift_outcome: Option<DriftOutcome>,
    drift_numbers: Option<Json<Vec<NumberDrift>>>,
}

/// The behaviours page, checked: every problem at once, or what to store.
pub(crate) struct CheckedBehaviours {
    pub(crate) automated_messages: Vec<AutomatedMessage>,
    pub(crate) survey: Survey,
    pub(crate) templates: Vec<TemplateRef>,
}

pub(crate) fn check_behaviours(b: &Behaviours) -> Result<CheckedBehaviours> {
    let mut problems = Problems::default();
    let mut automated_messages = Vec::new();
    for (i, m) in b.automated_messages.iter().enumerate() {
        if b.automated_messages[..i].iter().any(|earlier| earlier.trigger == m.trigger) {
            problems.push(Error::repeated_trigger(&format!("automatedMessages.{i}.trigger"), m.trigger));
        }
        if let Some(text) = problems.check(rules::automated_message(&format!("automatedMessages.{i}.text"), &m.text)) {
            automated_messages.push(AutomatedMessage { trigger: m.trigger, text });
        }
    }
    let survey = if b.survey.enabled {
        let reference = problems.check(rules::survey_reference(b.survey.reference.as_deref().unwrap_or("")));
        let message = problems.check(rules::text(
            "surveyMessage",
            b.survey.message.as_deref().unwrap_or(""),
            rules::SURVEY_MESSAGE_MAX,
        ));
        if b.survey.delivery != SurveyDelivery::SendLink {
            problems.push(Error::not_for_whatsapp());
        }
        Survey { enabled: true, reference, message, delivery: b.survey.delivery }
    } else {
        let kept =
            |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        Survey { enabled: false, reference: kept(&b.survey.reference), message: kept(&b.survey.message), ..b.survey }
    };
    let mut templates = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, t) in b.templates.iter().enumerate() {
        let field = format!("templates.{i}.contentSid");
        let sid = match problems.check(rules::content_sid(&field, &t.content_sid)) {
            Some(sid) => match seen.iter().find(|s| s.eq_ignore_ascii_case(&sid)) {
                Some(first) => {
                    problems.push(Error::duplicate_content_sid(&field, first));
                    None
                }
                None => {
                    seen.push(sid.clone());
                    Some(sid)
                }
            },
            None => None,
        };
        let language = problems.check(language(&format!("templates.{i}.language"), &t.language));
        let text = problems.check(rules::text(&format!("templates.{i}.text"), &t.text, rules::TEMPLATE_TEXT_MAX));
        if let (Some(content_sid), Some(language), Some(text)) = (sid, language, text) {
            templates.push(TemplateRef { content_sid, language, text });
        }
    }
    problems.done()?;
    Ok(CheckedBehaviours { automated_messages, survey, templates })
}

impl Setups {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    /// The numbers the number page offers: every number of a complete account that no other
    /// workstream uses, by account name, with the account's last credential check and the
    /// number's own drift.
    pub async fn available_numbers(&self, workstream_id: &str) -> Result<Vec<AvailableNumber>> {
        let mut conn = self.pool.acquire().await?;
        workstreams::load(&mut conn, workstream_id).await?;
        let rows: Vec<AvailableRow> = sqlx::query_as(
            "SELECT n.id, n.name, n.number, a.id AS account_id, a.name AS account_name, v.outcome AS verification,
                    d.outcome AS drift_outcome, d.numbers AS drift_numbers
             FROM whatsapp_numbers n
             JOIN accounts a ON a.id = n.account_id
             LEFT JOIN verifications v ON v.account_id = a.id
             LEFT JOIN drift_checks d ON d.account_id = a.id
             WHERE a.status = ?
               AND NOT EXISTS (SELECT 1 FROM whatsapp_setups s WHERE s.number_id = n.id AND s.workstream_id <> ?)
             ORDER BY a.name COLLATE NOCASE, a.id, n.created_at, n.id",
        )
        .bind(AccountStatus::Complete)
        .bind(workstream_id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let own = r.drift_numbers.as_ref().and_then(|j| j.0.iter().find(|d| d.number_id == r.id));
                let drift = match own {
                    Some(d) => Some(match d.state {
                        NumberState::InSync => DriftOutcome::InSync,
                        NumberState::Drifted => DriftOutcome::Drifted,
                        NumberState::NotApplied => DriftOutcome::NotApplied,
                        NumberState::Failed => DriftOutcome::Failed,
                    }),
                    None => r.drift_outcome,
                };
                AvailableNumber {
                    number: BoundNumber {
                        id: r.id,
                        name: r.name,
                        number: r.number,
                        account_id: r.account_id,
                        account_name: r.account_name,
                    },
                    verification: r.verification,
                    drift,
                }
            })
            .collect())
    }

    /// The number page: one of a complete account's numbers that no other workstream uses.
    pub async fn save_number(&self, workstream_id: &str, number_id: &str) -> Result<Workstream> {
        let number_id = number_id.trim();
        if number_id.is_empty() {
            return Err(Error::required("setupNumber"));
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let now = Utc::now();
        start(&mut tx, workstream_id, now).await?;
        let owner: Option<(String, AccountStatus)> = sqlx::query_as(
            "SELECT a.name, a.status FROM whatsapp_numbers n JOIN accounts a ON a.id = n.account_id WHERE n.id = ?",
        )
        .bind(number_id)
        .fetch_optional(&mut *tx)
        .await?;
        match owner {
            None => return Err(Error { field: Some("setupNumber".to_owned()), ..Error::number_not_found() }),
            Some((account, AccountStatus::Draft)) => return Err(Error::account_not_complete(&account)),
            Some(_) => {}
        }
        let user: Option<String> = sqlx::query_scalar(
            "SELECT w.name FROM whatsapp_setups s JOIN workstreams w ON w.id = s.workstream_id
             WHERE s.number_id = ? AND s.workstream_id <> ?",
        )
        .bind(number_id)
        .bind(workstream_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(user) = user {
            return Err(Error::number_in_use(&user));
        }
        sqlx::query("UPDATE whatsapp_setups SET number_id = ? WHERE workstream_id = ?")
            .bind(number_id)
            .bind(workstream_id)
            .execute(&mut *tx)
            .await?;
        saved(tx, workstream_id, SetupStep::Number, now).await
    }

    /// The language page: a code from [`channel_languages`].
    pub async fn save_language(&self, workstream_id: &str, code: &str) -> Result<Workstream> {
        let code = language("setupLanguage", code)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let now = Utc::now();
        start(&mut tx, workstream_id, now).await?;
        sqlx::query("UPDATE whatsapp_setups SET language = ? WHERE workstream_id = ?")
            .bind(&code)
            .bind(workstream_id)
            .execute(&mut *tx)
            .await?;
        saved(tx, workstream_id, SetupStep::Language, now).await
    }

    /// The behaviours page: automated messages, the survey and templates, all checked at once.
    pub async fn save_behaviours(&self, workstream_id: &str, behaviours: Behaviours) -> Result<Workstream> {
        let b = check_behaviours(&behaviours)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let now = Utc::now();
        start(&mut tx, workstream_id, now).await?;
        sqlx::query(
            "UPDATE whatsapp_setups SET survey_enabled = ?, survey_reference = ?, survey_message = ?,
                    survey_delivery = ?
             WHERE workstream_id = ?",
        )
        .bind(b.survey.enabled)
        .bind(&b.survey.reference)
        .bind(&b.survey.message)
        .bind(b.survey.delivery)
        .bind(workstream_id)
        .execute(&mut *tx)
        .await?;
        write_lists(&mut tx, workstream_id, &b.automated_messages, &b.templates).await?;
        saved(tx, workstream_id, SetupStep::Behaviours, now).await
    }

    /// The user features page: file attachments, off by default; on, for customers, agents or both.
    pub async fn save_user_features(&self, workstream_id: &str, attachments: Attachments) -> Result<Workstream> {
        if attachments.enabled && !attachments.customers && !attachments.agents {
            return Err(Error::none_chosen("attachments"));
        }
        let on = attachments.enabled;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let now = Utc::now();
        start(&mut tx, workstream_id, now).await?;
        sqlx::query(
            "UPDATE whatsapp_setups SET attachments_enabled = ?, attachments_customers = ?, attachments_agents = ?
             WHERE workstream_id = ?",
        )
        .bind(on)
        .bind(on && attachments.customers)
        .bind(on && attachments.agents)
        .bind(workstream_id)
        .execute(&mut *tx)
        .await?;
        saved(tx, workstream_id, SetupStep::UserFeatures, now).await
    }

    /// Finish: with a number and a language, the setup becomes active.
    pub async fn finish(&self, workstream_id: &str) -> Result<Workstream> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let now = Utc::now();
        workstreams::touch(&mut tx, workstream_id, now).await?;
        let setup: Option<(Option<String>, Option<String>)> =
            sqlx::query_as("SELECT number_id, language FROM whatsapp_setups WHERE workstream_id = ?")
                .bind(workstream_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (number, language) = setup.unwrap_or_default();
        let mut problems = Problems::default();
        if number.is_none() {
            problems.push(Error::setup_incomplete("number"));
        }
        if language.is_none() {
            problems.push(Error::setup_incomplete("language"));
        }
        problems.done()?;
        sqlx::query("UPDATE whatsapp_setups SET status = ?, last_step = ?, updated_at = ? WHERE workstream_id = ?")
            .bind(SetupStatus::Active)
            .bind(SetupStep::Summary)
            .bind(now)
            .bind(workstream_id)
            .execute(&mut *tx)
            .await?;
        let workstream = workstreams::load(&mut tx, workstream_id).await?;
        tx.commit().await?;
        log::info!("finished the WhatsApp setup of workstream {workstream_id}");
        Ok(workstream)
    }

    /// Removes the setup with its behaviours; the number stays in its account, free again.
    pub async fn remove(&self, workstream_id: &str) -> Result<Workstream> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        workstreams::touch(&mut tx, workstream_id, Utc::now()).await?;
        sqlx::query("DELETE FROM whatsapp_setups WHERE workstream_id = ?")
            .bind(workstream_id)
            .execute(&mut *tx)
            .await?;
        let workstream = workstreams::load(&mut tx, workstream_id).await?;
        tx.commit().await?;
        log::info!("removed the WhatsApp setup of workstream {workstream_id}");
        Ok(workstream)
    }
}

/// The setup's automated messages and templates, in their order, in place of its old ones.
pub(crate) async fn write_lists(
    conn: &mut SqliteConnection,
    workstream_id: &str,
    messages: &[AutomatedMessage],
    templates: &[TemplateRef],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM automated_messages WHERE workstream_id = ?")
        .bind(workstream_id)
        .execute(&mut *conn)
        .await?;
    for (position, m) in messages.iter().enumerate() {
        sqlx::query("INSERT INTO automated_messages (workstream_id, position, trigger, text) VALUES (?, ?, ?, ?)")
            .bind(workstream_id)
            .bind(position as i64)
            .bind(m.trigger)
            .bind(&m.text)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM message_templates WHERE workstream_id = ?")
        .bind(workstream_id)
        .execute(&mut *conn)
        .await?;
    for (position, t) in templates.iter().enumerate() {
        sqlx::query(
            "INSERT INTO message_templates (workstream_id, position, content_sid, content_sid_key, language, text)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(workstream_id)
        .bind(position as i64)
        .bind(&t.content_sid)
        .bind(t.content_sid.to_ascii_uppercase())
        .bind(&t.language)
        .bind(&t.text)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The setup of an existing workstream, started as a draft if it has none yet.
async fn start(conn: &mut SqliteConnection, workstream_id: &str, now: DateTime<Utc>) -> Result<()> {
    workstreams::touch(conn, workstream_id, now).await?;
    sqlx::query(
        "INSERT OR IGNORE INTO whatsapp_setups (workstream_id, status, created_at, updated_at) VALUES (?, ?, ?, ?)",
    )
    .bind(workstream_id)
    .bind(SetupStatus::Draft)
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Notes `step` as the page saved last, and commits.
async fn saved(
    mut tx: sqlx::Transaction<'_, sqlx::Sqlite>,
    workstream_id: &str,
    step: SetupStep,
    now: DateTime<Utc>,
) -> Result<Workstream> {
    sqlx::query("UPDATE whatsapp_setups SET last_step = ?, updated_at = ? WHERE workstream_id = ?")
        .bind(step)
        .bind(now)
        .bind(workstream_id)
        .execute(&mut *tx)
        .await?;
    let workstream = workstreams::load(&mut tx, workstream_id).await?;
    tx.commit().await?;
    Ok(workstream)
}
