//! The template outbox: publishing queued offline and sent when Twilio is reachable. An item
//! creates its draft's content, then submits it for WhatsApp approval. A create is never sent
//! twice: the Content SID is kept in the same transaction that marks the draft published, and a
//! step whose answer was lost reads Twilio before it is sent again.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{SqliteConnection, SqlitePool};
use tokio_util::sync::CancellationToken;

use crate::accounts::Accounts;
use crate::error::{Error, ErrorCode, Problem, Result};
use crate::library::{self, Library};
use crate::model::{
    DraftStatus, OutboxEvent, OutboxItem, OutboxRun, OutboxState, OutboxStep, StatusChange, TemplateCategory,
};
use crate::template::{new_content, LintSeverity};
use crate::twilio::{ApprovalStatus, ContentAndApproval, CreatedContent, Credentials, Twilio, WhatsAppApproval};

pub struct Outbox {
    pool: SqlitePool,
    /// One run at a time: a run takes up items that an earlier one left `running`.
    running: AtomicBool,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: String,
    draft_id: String,
    family_id: String,
    name: String,
    language: String,
    revision: u32,
    state: OutboxState,
    step: OutboxStep,
    request_sent: bool,
    friendly_name: Option<String>,
    content_sid: Option<String>,
    approval_status: Option<String>,
    attempts: u32,
    last_error: Option<Json<Problem>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    category: TemplateCategory,
    account_id: Option<String>,
}

impl From<ItemRow> for OutboxItem {
    fn from(r: ItemRow) -> Self {
        OutboxItem {
            id: r.id,
            draft_id: r.draft_id,
            family_id: r.family_id,
            name: r.name,
            language: r.language,
            revision: r.revision,
            state: r.state,
            step: r.step,
            friendly_name: r.friendly_name,
            content_sid: r.content_sid,
            approval_status: r.approval_status,
            attempts: r.attempts,
            last_error: r.last_error.map(|e| e.0),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

const ITEM_SELECT: &str = "SELECT o.id, o.draft_id, d.family_id, f.name, d.language, d.revision, o.state, o.step,
        o.request_sent, o.friendly_name, o.content_sid, o.approval_status, o.attempts, o.last_error, o.created_at,
        o.updated_at, f.category, f.account_id
    FROM template_outbox o
    JOIN template_drafts d ON d.id = o.draft_id
    JOIN template_families f ON f.id = d.family_id";

/// What became of one item in a run.
enum Outcome {
    Sent,
    Failed,
    /// Twilio is out of reach: the item stays queued, and the run stops.
    Unreachable(Problem),
    Cancelled,
}

/// The part of a run every item shares.
struct Run<'a> {
    twilio: &'a Twilio,
    accounts: &'a Accounts,
    library: &'a Library,
    cancel: &'a CancellationToken,
    credentials: HashMap<String, Credentials>,
}

impl Outbox {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self { pool, running: AtomicBool::new(false) }
    }

    /// Every item, in the queue's order.
    pub async fn items(&self) -> Result<Vec<OutboxItem>> {
        let rows: Vec<ItemRow> = sqlx::query_as(&format!("{ITEM_SELECT} ORDER BY o.seq")).fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(OutboxItem::from).collect())
    }

    pub async fn item(&self, id: &str) -> Result<OutboxItem> {
        load(&mut *self.pool.acquire().await?, id).await.map(OutboxItem::from)
    }

    /// Queues the draft for publishing, unless the linter finds errors in it. A draft already
    /// queued or sent is not queued again: its item is returned; a failed one is queued again.
    pub async fn publish(&self, library: &Library, draft_id: &str) -> Result<OutboxItem> {
        let draft = library.draft(draft_id).await?;
        let family = library.get(&draft.family_id).await?;
        let errors = error_count(library, draft_id).await?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let latest: Option<(String, OutboxState)> = sqlx::query_as(
            "SELECT id, state FROM template_outbox WHERE draft_id = ? AND state != 'cancelled' ORDER BY seq DESC LIMIT 1",
        )
        .bind(draft_id)
        .fetch_optional(&mut *tx)
        .await?;
        let id = match latest {
            Some((id, OutboxState::Failed)) => {
                refuse_errors(errors)?;
                requeue(&mut tx, &id).await?;
                id
            }
            Some((id, _)) => id,
            None => {
                if draft.status == DraftStatus::Published {
                    return Err(Error::already_published(draft.content_sid.as_deref().unwrap_or_default()));
                }
                if family.account_id.is_none() {
                    return Err(Error::required("templateAccount"));
                }
                refuse_errors(errors)?;
                let id = uuid::Uuid::new_v4().to_string();
                let now = Utc::now();
                sqlx::query(
                    "INSERT INTO template_outbox (id, draft_id, state, step, created_at, updated_at)
                     VALUES (?, ?, 'queued', 'create', ?, ?)",
                )
                .bind(&id)
                .bind(draft_id)
                .bind(now)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                log::info!("outbox: draft {draft_id} queued for publishing as {id}");
                id
            }
        };
        let item = load(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(item.into())
    }

    /// Queues a failed item again. Any other item is returned as it is.
    pub async fn retry(&self, id: &str) -> Result<OutboxItem> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if load(&mut tx, id).await?.state == OutboxState::Failed {
            requeue(&mut tx, id).await?;
        }
        let item = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok(item.into())
    }

    /// Withdraws an item before Twilio created its content. Once Twilio has the content, the SID
    /// is kept and the item can only finish; a running item is stopped by cancelling its run.
    pub async fn cancel(&self, id: &str) -> Result<OutboxItem> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let item = load(&mut tx, id).await?;
        match (item.state, &item.content_sid) {
            (OutboxState::Cancelled, _) => {}
            (OutboxState::Running, _) => return Err(Error::cannot_cancel("running")),
            (_, Some(_)) | (OutboxState::Sent, None) => return Err(Error::cannot_cancel("in_twilio")),
            (OutboxState::Queued | OutboxState::Failed, None) => {
                set_state(&mut tx, id, OutboxState::Cancelled).await?;
                log::info!("outbox: item {id} cancelled");
            }
        }
        let item = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok(item.into())
    }

    /// Sends the queued items in order, reporting each step to `on_event`. Twilio out of reach
    /// leaves the item queued and stops the run; a refusal fails the item and the run goes on.
    /// `cancel` stops the run between items and aborts a request in flight; the item stays queued.
    pub async fn run(
        &self,
        twilio: &Twilio,
        accounts: &Accounts,
        library: &Library,
        on_event: &(dyn Fn(OutboxEvent) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<OutboxRun> {
        let Some(_running) = RunningGuard::take(&self.running) else {
            log::info!("outbox: a run is already under way");
            return self.summary(None, false).await;
        };
        self.run_queue(twilio, accounts, library, on_event, cancel).await
    }

    async fn run_queue(
        &self,
        twilio: &Twilio,
        accounts: &Accounts,
        library: &Library,
        on_event: &(dyn Fn(OutboxEvent) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<OutboxRun> {
        // A run that ended without finishing its item (the app closed) left it running.
        sqlx::query("UPDATE template_outbox SET state = 'queued' WHERE state = 'running'").execute(&self.pool).await?;
        let queue: Vec<String> =
            sqlx::query_scalar("SELECT id FROM template_outbox WHERE state = 'queued' ORDER BY seq")
                .fetch_all(&self.pool)
                .await?;
        let total = queue.len() as u32;
        let mut run = Run { twilio, accounts, library, cancel, credentials: HashMap::new() };
        let (mut sent, mut failed) = (0, 0);
        for (done, id) in queue.iter().enumerate() {
            if cancel.is_cancelled() {
                let summary = self.summary(None, true).await?;
                return Ok(OutboxRun { sent, failed, ..summary });
            }
            let mut conn = self.pool.acquire().await?;
            let Some(item) = load_optional(&mut conn, id).await? else { continue };
            drop(conn);
            if item.state != OutboxState::Queued {
                continue;
            }
            let draft_id = item.draft_id.clone();
            let progress = |step, state, done| OutboxEvent {
                item_id: id.clone(),
                draft_id: draft_id.clone(),
                step,
                state,
                done,
                total,
            };
            let done = done as u32;
            let outcome = self.send(&mut run, item, &|item, state| on_event(progress(item.step, state, done))).await?;
            let mut conn = self.pool.acquire().await?;
            // Gone when its template was deleted meanwhile.
            let step = load_optional(&mut conn, id).await?.map_or(OutboxStep::Create, |item| item.step);
            drop(conn);
            match outcome {
                Outcome::Sent => {
                    sent += 1;
                    on_event(progress(step, OutboxState::Sent, done + 1));
                }
                Outcome::Failed => {
                    failed += 1;
                    on_event(progress(step, OutboxState::Failed, done + 1));
                }
                Outcome::Unreachable(problem) => {
                    on_event(progress(step, OutboxState::Queued, done));
                    let summary = self.summary(Some(problem), false).await?;
                    return Ok(OutboxRun { sent, failed, ..summary });
                }
                Outcome::Cancelled => {
                    on_event(progress(step, OutboxState::Queued, done));
                    let summary = self.summary(None, true).await?;
                    return Ok(OutboxRun { sent, failed, ..summary });
                }
            }
        }
        let summary = self.summary(None, false).await?;
        Ok(OutboxRun { sent, failed, ..summary })
    }

    async fn summary(&self, stopped_by: Option<Problem>, cancelled: bool) -> Result<OutboxRun> {
        let queued: u32 = sqlx::query_scalar("SELECT count(*) FROM template_outbox WHERE state = 'queued'")
            .fetch_one(&self.pool)
            .await?;
        Ok(OutboxRun { sent: 0, failed: 0, queued, stopped_by, cancelled })
    }

    /// One item, from the step it is at to its end, or until Twilio is out of reach.
    async fn send(
        &self,
        run: &mut Run<'_>,
        mut item: ItemRow,
        on_step: &(dyn Fn(&ItemRow, OutboxState) + Send + Sync),
    ) -> Result<Outcome> {
        sqlx::query(
            "UPDATE template_outbox SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?",
        )
        .bind(Utc::now())
        .bind(&item.id)
        .execute(&self.pool)
        .await?;
        loop {
            if item.step == OutboxStep::Done {
                return Ok(Outcome::Sent);
            }
            on_step(&item, OutboxState::Running);
            let step = match item.step {
                OutboxStep::Create => self.create(run, &item).await,
                _ => self.submit(run, &item).await,
            };
            match step {
                Ok(Some(next)) => item = next,
                Ok(None) => {
                    set_state(&mut *self.pool.acquire().await?, &item.id, OutboxState::Queued).await?;
                    log::info!("outbox: run cancelled while item {} was at {:?}", item.id, item.step);
                    return Ok(Outcome::Cancelled);
                }
                Err(err) if err.code == ErrorCode::Storage => return Err(err),
                Err(err) => return self.failure(&item, err).await,
            }
        }
    }

    /// Keeps `err` on the item: queued when Twilio was out of reach, else failed.
    async fn failure(&self, item: &ItemRow, err: Error) -> Result<Outcome> {
        let unreachable = out_of_reach(&err);
        let state = if unreachable { OutboxState::Queued } else { OutboxState::Failed };
        log::warn!("outbox: item {} {:?} at {:?}: {err}", item.id, state, item.step);
        let problem = Problem::from(err);
        sqlx::query("UPDATE template_outbox SET state = ?, last_error = ?, updated_at = ? WHERE id = ?")
            .bind(state)
            .bind(Json(&problem))
            .bind(Utc::now())
            .bind(&item.id)
            .execute(&self.pool)
            .await?;
        Ok(if unreachable { Outcome::Unreachable(problem) } else { Outcome::Failed })
    }

    /// Creates the content, or finds the one an earlier create made, and keeps its SID. `None`
    /// when cancelled mid-request.
    async fn create(&self, run: &mut Run<'_>, item: &ItemRow) -> Result<Option<ItemRow>> {
        let errors = error_count(run.library, &item.draft_id).await?;
        refuse_errors(errors)?;
        let draft = run.library.draft(&item.draft_id).await?;
        let account_id = run.sign_in(item).await?;
        let creds = &run.credentials[&account_id];
        let friendly_name = match &item.friendly_name {
            Some(name) => name.clone(),
            None => friendly_name(item),
        };
        let content = new_content(&friendly_name, &item.language, &draft.content, &draft.variables);
        let earlier = if item.request_sent {
            let found = cancellable(run.cancel, run.twilio.find_content(creds, &friendly_name, &item.language)).await;
            let Some(found) = found else { return Ok(None) };
            match found? {
                found if found.is_empty() => None,
                mut found if found.len() == 1 => Some(CreatedContent::Found(found.remove(0))),
                found => Some(CreatedContent::Ambiguous(found)),
            }
        } else {
            None
        };
        let created = match earlier {
            Some(created) => created,
            None => {
                sqlx::query(
                    "UPDATE template_outbox SET request_sent = 1, friendly_name = ?, updated_at = ? WHERE id = ?",
                )
                .bind(&friendly_name)
                .bind(Utc::now())
                .bind(&item.id)
                .execute(&self.pool)
                .await?;
                let Some(created) = cancellable(run.cancel, run.twilio.create_content_once(creds, &content)).await
                else {
                    return Ok(None);
                };
                created?
            }
        };
        let (sid, approval) = match created {
            CreatedContent::Created(content) => (content.sid, None),
            CreatedContent::Found(ContentAndApproval { content, whatsapp }) => (content.sid, whatsapp),
            CreatedContent::Ambiguous(found) => return Err(Error::content_ambiguous(&friendly_name, found.len())),
        };
        if !self.keep_sid(item, &sid).await? {
            // The template was deleted while Twilio created its content: take it back out.
            log::warn!("outbox: draft {} was deleted while {sid} was created; deleting it", item.draft_id);
            match run.twilio.delete_content(creds, &sid).await {
                Ok(()) => {}
                Err(err) if err.code == ErrorCode::TwilioNotFound => {}
                Err(err) => log::error!("outbox: {sid} stays in Twilio with no template here: {err}"),
            }
            return Err(Error::template_not_found());
        }
        let submitted = approval.filter(|a| a.status != ApprovalStatus::Unsubmitted);
        match submitted {
            Some(approval) => self.submitted(run, item, &sid, approval).await.map(Some),
            None => load(&mut *self.pool.acquire().await?, &item.id).await.map(Some),
        }
    }

    /// Keeps the Content SID on the item and marks the draft published, in one transaction.
    /// `false` when the draft is gone.
    async fn keep_sid(&self, item: &ItemRow, sid: &str) -> Result<bool> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        match library::publish(&mut tx, &item.draft_id, sid).await {
            Err(err) if err.code == ErrorCode::NotFound => return Ok(false),
            published => published?,
        };
        let now = Utc::now();
        sqlx::query(
            "UPDATE template_outbox SET content_sid = ?, step = 'submit', request_sent = 0, updated_at = ? WHERE id = ?",
        )
        .bind(sid)
        .bind(now)
        .bind(&item.id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        log::info!("outbox: draft {} published as {sid}", item.draft_id);
        Ok(true)
    }

    /// Submits the content for WhatsApp approval, or takes the approval an earlier submission
    /// made. `None` when cancelled mid-request.
    async fn submit(&self, run: &mut Run<'_>, item: &ItemRow) -> Result<Option<ItemRow>> {
        let sid = item.content_sid.clone().expect("an item past its create has a Content SID");
        let account_id = run.sign_in(item).await?;
        let creds = &run.credentials[&account_id];
        if item.request_sent {
            let Some(approval) = cancellable(run.cancel, run.twilio.fetch_whatsapp_approval(creds, &sid)).await else {
                return Ok(None);
            };
            if let Some(approval) = approval?.filter(|a| a.status != ApprovalStatus::Unsubmitted) {
                return self.submitted(run, item, &sid, approval).await.map(Some);
            }
        }
        sqlx::query("UPDATE template_outbox SET request_sent = 1, updated_at = ? WHERE id = ?")
            .bind(Utc::now())
            .bind(&item.id)
            .execute(&self.pool)
            .await?;
        let submit = run.twilio.submit_for_whatsapp_approval(creds, &sid, &item.name, item.category);
        let Some(approval) = cancellable(run.cancel, submit).await else { return Ok(None) };
        self.submitted(run, item, &sid, approval?).await.map(Some)
    }

    /// Keeps Twilio's answer to the submission on the draft's timeline and finishes the item.
    async fn submitted(&self, run: &Run<'_>, item: &ItemRow, sid: &str, approval: WhatsAppApproval) -> Result<ItemRow> {
        let status = approval.status.as_str().to_owned();
        let change = StatusChange {
            content_sid: sid.to_owned(),
            status: status.clone(),
            reason: approval.rejection_reason,
            at: Utc::now(),
        };
        run.library.record_status(change).await?;
        sqlx::query(
            "UPDATE template_outbox SET state = 'sent', step = 'done', request_sent = 0, approval_status = ?,
                    last_error = NULL, updated_at = ?
             WHERE id = ?",
        )
        .bind(&status)
        .bind(Utc::now())
        .bind(&item.id)
        .execute(&self.pool)
        .await?;
        log::info!("outbox: {sid} submitted for WhatsApp approval: {status}");
        load(&mut *self.pool.acquire().await?, &item.id).await
    }

    /// Deletes the template's content in Twilio, every published revision of every language,
    /// then the template here, keeping the record that its content existed. Content Twilio no
    /// longer has counts as deleted. Content a create may have made with its answer lost is
    /// looked up by friendly name and deleted too.
    pub async fn delete_published(
        &self,
        twilio: &Twilio,
        accounts: &Accounts,
        library: &Library,
        family_id: &str,
    ) -> Result<()> {
        let family = library.get(family_id).await?;
        let mut sids: Vec<String> = family.drafts.iter().filter_map(|d| d.content_sid.clone()).collect();
        let unanswered: Vec<(String, String)> = sqlx::query_as(
            "SELECT o.friendly_name, d.language FROM template_outbox o JOIN template_drafts d ON d.id = o.draft_id
             WHERE d.family_id = ? AND o.step = 'create' AND o.request_sent = 1 AND o.friendly_name IS NOT NULL",
        )
        .bind(family_id)
        .fetch_all(&self.pool)
        .await?;
        if !sids.is_empty() || !unanswered.is_empty() {
            let account_id = family.account_id.as_deref().ok_or_else(|| Error::required("templateAccount"))?;
            let creds = accounts.credentials(account_id).await?;
            for (friendly_name, language) in &unanswered {
                let found = twilio.find_content(&creds, friendly_name, language).await?;
                sids.extend(found.into_iter().map(|c| c.content.sid));
            }
            for sid in &sids {
                match twilio.delete_content(&creds, sid).await {
                    Ok(()) => log::info!("deleted content {sid} in Twilio"),
                    Err(err) if err.code == ErrorCode::TwilioNotFound => {
                        log::info!("content {sid} was already gone from Twilio");
                    }
                    Err(err) => return Err(err),
                }
            }
        }
        library.delete(family_id).await
    }
}

/// The one run under way; dropped with the run, however it ends (a caller may drop its future).
struct RunningGuard<'a>(&'a AtomicBool);

impl<'a> RunningGuard<'a> {
    fn take(flag: &'a AtomicBool) -> Option<Self> {
        (!flag.swap(true, Ordering::SeqCst)).then_some(Self(flag))
    }
}

impl Drop for RunningGuard<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl Run<'_> {
    /// Reads the credentials of the item's account from the keyring, once per run, and returns
    /// the account's id, their key in `credentials`.
    async fn sign_in(&mut self, item: &ItemRow) -> Result<String> {
        let account_id = item.account_id.clone().ok_or_else(|| Error::required("templateAccount"))?;
        if !self.credentials.contains_key(&account_id) {
            let creds = self.accounts.credentials(&account_id).await?;
            self.credentials.insert(account_id.clone(), creds);
        }
        Ok(account_id)
    }
}

/// Twilio's name for the item's content: the template's name, language and revision, and the start
/// of the draft's id, so that a template deleted here but not in Twilio and made again under the
/// same name does not share it.
fn friendly_name(item: &ItemRow) -> String {
    let draft: String = item.draft_id.chars().take(8).collect();
    format!("{}_{}_r{}_{draft}", item.name, item.language, item.revision)
}

/// The request's result, or `None` when `cancel` fired first; the request is then dropped.
async fn cancellable<T>(cancel: &CancellationToken, request: impl std::future::Future<Output = T>) -> Option<T> {
    tokio::select! {
        biased;
        () = cancel.cancelled() => None,
        result = request => Some(result),
    }
}

/// Whether Twilio could not be reached or did not answer usefully, so the work should wait
/// rather than fail.
fn out_of_reach(err: &Error) -> bool {
    matches!(
        err.code,
        ErrorCode::Offline
            | ErrorCode::ConnectionFailed
            | ErrorCode::TwilioTimeout
            | ErrorCode::TwilioUnavailable
            | ErrorCode::TwilioRateLimited
            | ErrorCode::TwilioBadResponse
    )
}

async fn error_count(library: &Library, draft_id: &str) -> Result<usize> {
    let findings = library.lint_draft(draft_id).await?;
    Ok(findings.iter().filter(|f| f.severity == LintSeverity::Error).count())
}

fn refuse_errors(errors: usize) -> Result<()> {
    if errors > 0 {
        return Err(Error::template_has_errors(errors));
    }
    Ok(())
}

async fn requeue(conn: &mut SqliteConnection, id: &str) -> Result<()> {
    set_state(conn, id, OutboxState::Queued).await?;
    log::info!("outbox: item {id} queued again");
    Ok(())
}

async fn set_state(conn: &mut SqliteConnection, id: &str, state: OutboxState) -> Result<()> {
    sqlx::query("UPDATE template_outbox SET state = ?, updated_at = ? WHERE id = ?")
        .bind(state)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn load_optional(conn: &mut SqliteConnection, id: &str) -> Result<Option<ItemRow>> {
    Ok(sqlx::query_as(&format!("{ITEM_SELECT} WHERE o.id = ?")).bind(id).fetch_optional(&mut *conn).await?)
}

/// An item disappears only with its template, so a missing one reads as the template gone.
async fn load(conn: &mut SqliteConnection, id: &str) -> Result<ItemRow> {
    load_optional(conn, id).await?.ok_or_else(Error::template_not_found)
}
