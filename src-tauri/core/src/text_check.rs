//! The exact-text check: for every template a workstream uses, its stored text against the body
//! Twilio holds for the Content SID, character by character, whitespace included. It runs at the
//! end of a template sync on the bodies that sync read, and on demand against Twilio itself.

use std::collections::HashMap;

use similar::{ChangeTag, TextDiff};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

use crate::error::{Error, ErrorCode, Problem, Result};
use crate::model::{DiffKind, DiffRun, TextCheck, TextOutcome};
use crate::template::template_content;
use crate::twilio::{ContentTypes, Credentials};
use crate::Desk;

/// The runs of same, removed and added text that turn `ours` into `theirs`, a character at a time.
pub fn diff(ours: &str, theirs: &str) -> Vec<DiffRun> {
    let mut runs: Vec<DiffRun> = Vec::new();
    for change in TextDiff::from_chars(ours, theirs).iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Same,
            ChangeTag::Delete => DiffKind::Removed,
            ChangeTag::Insert => DiffKind::Added,
        };
        match runs.last_mut() {
            Some(run) if run.kind == kind => run.text.push_str(change.value()),
            _ => runs.push(DiffRun { kind, text: change.value().to_owned() }),
        }
    }
    runs
}

/// The text of a content that a workstream's template is compared with: its body (a card's title).
pub fn twilio_body(types: &ContentTypes) -> Option<String> {
    template_content(types).map(|content| content.body().to_owned())
}

fn compared(ours: &str, theirs: &str, approval_status: Option<String>) -> TextOutcome {
    TextOutcome::Compared { equal: ours == theirs, approval_status, diff: diff(ours, theirs) }
}

#[derive(sqlx::FromRow)]
struct UsedRow {
    workstream_id: String,
    workstream_name: String,
    content_sid: String,
    language: String,
    text: String,
    account_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StoredRow {
    #[sqlx(flatten)]
    used: UsedRow,
    known: bool,
    body: Option<String>,
    approval_status: Option<String>,
}

impl UsedRow {
    fn check(self, outcome: TextOutcome) -> TextCheck {
        TextCheck {
            workstream_id: self.workstream_id,
            workstream_name: self.workstream_name,
            content_sid: self.content_sid,
            language: self.language,
            outcome,
        }
    }
}

/// The templates that workstreams use, with the account of each workstream's number, by
/// workstream name then the templates' order.
fn used_templates(query: &mut QueryBuilder<'_, Sqlite>) {
    query.push(
        "SELECT w.id AS workstream_id, w.name AS workstream_name, t.content_sid, t.language, t.text,
                t.position, n.account_id
         FROM message_templates t
         JOIN workstreams w ON w.id = t.workstream_id
         JOIN whatsapp_setups s ON s.workstream_id = t.workstream_id
         LEFT JOIN whatsapp_numbers n ON n.id = s.number_id",
    );
}

/// The check of the workstreams on `account_id`'s numbers against the bodies its last sync kept.
pub(crate) async fn check_stored(pool: &SqlitePool, account_id: &str) -> Result<Vec<TextCheck>> {
    let mut query =
        QueryBuilder::<Sqlite>::new("SELECT u.*, c.content_sid IS NOT NULL AS known, c.body, c.approval_status FROM (");
    used_templates(&mut query);
    query
        .push(") u LEFT JOIN twilio_contents c ON c.content_sid = u.content_sid AND c.account_id = u.account_id WHERE u.account_id = ")
        .push_bind(account_id)
        .push(" ORDER BY u.workstream_name COLLATE NOCASE, u.workstream_id, u.position");
    let rows: Vec<StoredRow> = query.build_query_as().fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let outcome = match (r.known, r.body) {
                (false, _) => TextOutcome::UnknownSid,
                (true, None) => TextOutcome::NoText,
                (true, Some(body)) => compared(&r.used.text, &body, r.approval_status),
            };
            r.used.check(outcome)
        })
        .collect())
}

impl Desk {
    /// The exact-text check against what Twilio holds now, for one workstream or, with `None`, for
    /// every workstream: each used Content SID is fetched once, with its WhatsApp approval.
    pub async fn check_texts(&self, workstream_id: Option<&str>) -> Result<Vec<TextCheck>> {
        let pool = &self.template_sync.pool;
        if let Some(id) = workstream_id {
            let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM workstreams WHERE id = ?)")
                .bind(id)
                .fetch_one(pool)
                .await?;
            if !exists {
                return Err(Error::workstream_not_found());
            }
        }
        let mut query = QueryBuilder::<Sqlite>::new("SELECT * FROM (");
        used_templates(&mut query);
        query.push(") u");
        if let Some(id) = workstream_id {
            query.push(" WHERE u.workstream_id = ").push_bind(id.to_owned());
        }
        query.push(" ORDER BY u.workstream_name COLLATE NOCASE, u.workstream_id, u.position");
        let used: Vec<UsedRow> = query.build_query_as().fetch_all(pool).await?;

        let mut credentials: HashMap<String, std::result::Result<Credentials, Problem>> = HashMap::new();
        let mut answers: HashMap<(String, String), TwilioText> = HashMap::new();
        let mut checks = Vec::with_capacity(used.len());
        for row in used {
            let Some(account_id) = row.account_id.clone() else {
                checks.push(row.check(TextOutcome::NoAccount));
                continue;
            };
            if !credentials.contains_key(&account_id) {
                let creds = self.accounts.credentials(&account_id).await.map_err(Problem::from);
                credentials.insert(account_id.clone(), creds);
            }
            let creds = match &credentials[&account_id] {
                Ok(creds) => creds,
                Err(problem) => {
                    checks.push(row.check(TextOutcome::NotChecked { problem: problem.clone() }));
                    continue;
                }
            };
            let key = (account_id, row.content_sid.to_ascii_uppercase());
            if !answers.contains_key(&key) {
                answers.insert(key.clone(), self.twilio_text(creds, &row.content_sid).await);
            }
            let outcome = match &answers[&key] {
                TwilioText::Body { body, approval_status } => compared(&row.text, body, approval_status.clone()),
                TwilioText::NoBody => TextOutcome::NoText,
                TwilioText::Unknown => TextOutcome::UnknownSid,
                TwilioText::Failed(problem) => TextOutcome::NotChecked { problem: problem.clone() },
            };
            checks.push(row.check(outcome));
        }
        Ok(checks)
    }

    async fn twilio_text(&self, creds: &Credentials, content_sid: &str) -> TwilioText {
        let (content, approval) = tokio::join!(
            self.twilio.fetch_content(creds, content_sid),
            self.twilio.fetch_whatsapp_approval(creds, content_sid)
        );
        let content = match content {
            Ok(content) => content,
            Err(err) if err.code == ErrorCode::TwilioNotFound => return TwilioText::Unknown,
            Err(err) => return TwilioText::Failed(err.into()),
        };
        let approval_status = match approval {
            Ok(approval) => approval.map(|a| a.status.as_str().to_owned()),
            Err(err) => return TwilioText::Failed(err.into()),
        };
        match twilio_body(&content.types) {
            Some(body) => TwilioText::Body { body, approval_status },
            None => TwilioText::NoBody,
        }
    }
}

/// What Twilio answered for one Content SID.
enum TwilioText {
    Body { body: String, approval_status: Option<String> },
    NoBody,
    Unknown,
    Failed(Problem),
}
