//! Template sync: one account's contents as Twilio lists them (`ContentAndApprovals`, page by
//! page), reconciled with the library by Content SID, never by name. A known SID gets its
//! approval status recorded when it changed; an unknown one becomes a published draft; content
//! this desk deleted is not brought back; a published draft that Twilio no longer lists is marked,
//! not dropped. Twilio's body of every content is kept for the exact-text check.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;
use sqlx::query_builder::Separated;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};
use tokio_util::sync::CancellationToken;

use crate::error::Result;
use crate::model::{
    ApprovedTemplate, DraftStatus, FlaggedTemplate, SkipReason, SkippedContent, StatusChange, SyncProgress, SyncReport,
    SyncedTemplate, TemplateCategory,
};
use crate::template::{template_content, TemplateContent};
use crate::twilio::{ApprovalStatus, ContentAndApproval};
use crate::{library, rules, text_check, Desk};

/// The status a published draft's timeline gets when Twilio no longer lists its content. Not one
/// of Twilio's: Twilio has nothing to say of a content it no longer has.
pub const MISSING_IN_TWILIO: &str = "deleted_in_twilio";

/// What the desk keeps of Twilio's contents between syncs: their bodies and approvals.
pub struct TemplateSync {
    pub(crate) pool: SqlitePool,
}

impl TemplateSync {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    /// The body Twilio held for the content at the last sync, verbatim: the approved text a
    /// workstream takes when it picks the template. `None` when no sync listed it, or its types
    /// have no body the desk reads.
    pub async fn twilio_body(&self, content_sid: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT body FROM twilio_contents WHERE content_sid = ?")
            .bind(content_sid)
            .fetch_optional(&self.pool)
            .await?
            .flatten())
    }

    /// The account's templates that WhatsApp approved and that have a text, by name then
    /// language, as the last sync read them from Twilio.
    pub async fn approved(&self, account_id: &str) -> Result<Vec<ApprovedTemplate>> {
        Ok(sqlx::query_as(
            "SELECT c.content_sid, coalesce(f.name, c.friendly_name, c.content_sid) AS name, c.language,
                    c.body AS text
             FROM twilio_contents c
             LEFT JOIN template_drafts d ON d.content_sid = c.content_sid
             LEFT JOIN template_families f ON f.id = d.family_id
             WHERE c.account_id = ? AND lower(c.approval_status) = 'approved'
               AND c.body IS NOT NULL AND c.language IS NOT NULL
             ORDER BY name COLLATE NOCASE, c.language, c.content_sid",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// A published draft as the sync compares it with Twilio.
#[derive(sqlx::FromRow, Clone)]
struct Known {
    content_sid: String,
    draft_id: String,
    family_id: String,
    name: String,
    account_id: Option<String>,
    language: String,
    approval_status: Option<String>,
    reason: Option<String>,
}

impl Known {
    fn template(&self) -> SyncedTemplate {
        SyncedTemplate {
            content_sid: self.content_sid.clone(),
            draft_id: self.draft_id.clone(),
            family_id: self.family_id.clone(),
            name: self.name.clone(),
            language: self.language.clone(),
        }
    }
}

/// A content as `twilio_contents` keeps it, to tell whether a listing changed it.
#[derive(sqlx::FromRow, PartialEq)]
struct Listed {
    friendly_name: Option<String>,
    language: Option<String>,
    body: Option<String>,
    approval_status: String,
    rejection_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StoredContent {
    content_sid: String,
    #[sqlx(flatten)]
    listed: Listed,
}

/// A sync under way: what it knows, and what it has found so far.
struct Run<'a> {
    account_id: &'a str,
    known: HashMap<String, Known>,
    /// The account's contents as the last sync kept them, by SID.
    stored: HashMap<String, Listed>,
    deleted_here: HashSet<String>,
    seen: HashSet<String>,
    /// The SIDs whose status this sync changed or brought in.
    changed: HashSet<String>,
    report: SyncReport,
}

impl Desk {
    /// Reads the account's contents from Twilio, a page at a time, and reconciles each page with
    /// the library as it arrives; `on_progress` hears of every page. Cancelling stops between
    /// pages or during a request: the pages reconciled stay so, and the report says `cancelled`.
    pub async fn sync_templates(
        &self,
        account_id: &str,
        on_progress: &(dyn Fn(SyncProgress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<SyncReport> {
        let creds = self.accounts.credentials(account_id).await?;
        let pool = &self.template_sync.pool;
        let mut pages = self.twilio.contents_and_approvals_pages(&creds);
        // What the library knows is read while the first page is on its way.
        let first = async { tokio::try_join!(Run::start(pool, account_id), pages.next()) };
        let (mut run, first) = tokio::select! {
            biased;
            () = cancel.cancelled() => (Run::start(pool, account_id).await?, None),
            both = first => { let (run, page) = both?; (run, Some(page)) }
        };
        let mut first = Some(first);
        loop {
            let page = match first.take() {
                Some(page) => page,
                None => tokio::select! {
                    biased;
                    () = cancel.cancelled() => None,
                    page = pages.next() => Some(page?),
                },
            };
            let Some(page) = page else {
                run.report.cancelled = true;
                log::info!("template sync of account {account_id} cancelled after {} pages", run.report.pages);
                break;
            };
            let Some(items) = page else { break };
            let changes = run.reconcile(pool, items).await?;
            for change in changes {
                self.library.record_status(change).await?;
            }
            run.report.pages += 1;
            on_progress(SyncProgress {
                account_id: account_id.to_owned(),
                pages: run.report.pages,
                contents: run.report.contents,
            });
        }
        if !run.report.cancelled {
            for change in run.finish(pool).await? {
                self.library.record_status(change).await?;
            }
            run.report.texts = text_check::check_stored(pool, account_id).await?;
        }
        run.report.finished_at = Utc::now();
        let r = &run.report;
        log::info!(
            "template sync of account {account_id}: {} pages, {} contents, {} added, {} updated, {} unchanged, {} missing",
            r.pages,
            r.contents,
            r.added,
            r.updated,
            r.unchanged,
            r.missing.len()
        );
        Ok(run.report)
    }
}

impl<'a> Run<'a> {
    async fn start(pool: &SqlitePool, account_id: &'a str) -> Result<Run<'a>> {
        let known: Vec<Known> = sqlx::query_as(
            "SELECT d.content_sid, d.id AS draft_id, d.family_id, f.name, f.account_id, d.language, d.approval_status,
                    (SELECT h.reason FROM template_status_history h WHERE h.draft_id = d.id
                     ORDER BY h.at DESC, h.id DESC LIMIT 1) AS reason
             FROM template_drafts d JOIN template_families f ON f.id = d.family_id
             WHERE d.content_sid IS NOT NULL",
        )
        .fetch_all(pool)
        .await?;
        let deleted_here: Vec<String> =
            sqlx::query_scalar("SELECT content_sid FROM templates_deleted_in_twilio").fetch_all(pool).await?;
        let stored: Vec<StoredContent> = sqlx::query_as(
            "SELECT content_sid, friendly_name, language, body, approval_status, rejection_reason
             FROM twilio_contents WHERE account_id = ?",
        )
        .bind(account_id)
        .fetch_all(pool)
        .await?;
        Ok(Run {
            account_id,
            known: known.into_iter().map(|k| (k.content_sid.clone(), k)).collect(),
            stored: stored.into_iter().map(|s| (s.content_sid, s.listed)).collect(),
            deleted_here: deleted_here.into_iter().collect(),
            seen: HashSet::new(),
            changed: HashSet::new(),
            report: SyncReport {
                account_id: account_id.to_owned(),
                pages: 0,
                contents: 0,
                added: 0,
                updated: 0,
                unchanged: 0,
                deleted_here: 0,
                missing: Vec::new(),
                flagged: Vec::new(),
                skipped: Vec::new(),
                cancelled: false,
                texts: Vec::new(),
                finished_at: Utc::now(),
            },
        })
    }

    /// Keeps one page's contents that changed since the last sync and imports the ones the library
    /// does not know, in one transaction (none when nothing changed); returns the status changes
    /// of the known ones, for the library to record.
    async fn reconcile(&mut self, pool: &SqlitePool, items: Vec<ContentAndApproval>) -> Result<Vec<StatusChange>> {
        let now = Utc::now();
        let mut changes = Vec::new();
        let mut kept = Vec::with_capacity(items.len());
        let mut imports = Vec::new();
        for item in items {
            let sid = item.content.sid.clone();
            if !self.seen.insert(sid.clone()) {
                continue;
            }
            self.report.contents += 1;
            let (status, reason) = match &item.whatsapp {
                Some(approval) => (approval.status.as_str().to_owned(), approval.rejection_reason.clone()),
                None => (ApprovalStatus::Unsubmitted.as_str().to_owned(), None),
            };
            let content = template_content(&item.content.types);
            let listed = Listed {
                friendly_name: item.content.friendly_name.clone(),
                language: item.content.language.clone(),
                body: content.as_ref().map(|c| c.body().to_owned()),
                approval_status: status.clone(),
                rejection_reason: reason.clone(),
            };
            if self.stored.get(&sid) != Some(&listed) {
                kept.push((sid.clone(), listed));
            }
            if let Some(known) = self.known.get_mut(&sid) {
                if known.approval_status.as_deref() == Some(&status) && known.reason == reason {
                    self.report.unchanged += 1;
                } else {
                    self.report.updated += 1;
                    self.changed.insert(sid.clone());
                    changes.push(StatusChange {
                        content_sid: sid,
                        status: status.clone(),
                        reason: reason.clone(),
                        at: now,
                    });
                    known.approval_status = Some(status);
                    known.reason = reason;
                }
            } else if self.deleted_here.contains(&sid) {
                self.report.deleted_here += 1;
            } else {
                match Import::of(item, content, status, reason) {
                    Ok(import) => imports.push(import),
                    Err((content_sid, friendly_name, reason)) => {
                        self.report.skipped.push(SkippedContent { content_sid, friendly_name, reason })
                    }
                }
            }
        }
        if kept.is_empty() && imports.is_empty() {
            return Ok(changes);
        }
        let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
        keep_contents(&mut tx, self.account_id, &kept, now).await?;
        for known in import(&mut tx, self.account_id, imports, now).await? {
            self.report.added += 1;
            self.changed.insert(known.content_sid.clone());
            self.known.insert(known.content_sid.clone(), known);
        }
        tx.commit().await?;
        Ok(changes)
    }

    /// After the last page: the account's published drafts that Twilio no longer lists are
    /// reported (and their marks returned for the library to record), the contents it no longer
    /// lists are forgotten, and the paused and disabled ones flagged.
    async fn finish(&mut self, pool: &SqlitePool) -> Result<Vec<StatusChange>> {
        let now = Utc::now();
        let mut marks = Vec::new();
        let mut mine: Vec<&Known> =
            self.known.values().filter(|k| k.account_id.as_deref() == Some(self.account_id)).collect();
        mine.sort_by(|a, b| (&a.name, &a.language, &a.content_sid).cmp(&(&b.name, &b.language, &b.content_sid)));
        for known in mine {
            if !self.seen.contains(&known.content_sid) {
                if known.approval_status.as_deref() != Some(MISSING_IN_TWILIO) {
                    marks.push(StatusChange {
                        content_sid: known.content_sid.clone(),
                        status: MISSING_IN_TWILIO.to_owned(),
                        reason: None,
                        at: now,
                    });
                }
                self.report.missing.push(known.template());
                continue;
            }
            let status = known.approval_status.as_deref().map(ApprovalStatus::from);
            if matches!(status, Some(ApprovalStatus::Paused | ApprovalStatus::Disabled)) {
                self.report.flagged.push(FlaggedTemplate {
                    template: known.template(),
                    status: known.approval_status.clone().unwrap_or_default(),
                    changed: self.changed.contains(&known.content_sid),
                });
            }
        }
        let gone: Vec<&String> = self.stored.keys().filter(|sid| !self.seen.contains(*sid)).collect();
        if !gone.is_empty() {
            sqlx::query(
                "DELETE FROM twilio_contents WHERE account_id = ? AND content_sid IN (SELECT value FROM json_each(?))",
            )
            .bind(self.account_id)
            .bind(json!(gone).to_string())
            .execute(pool)
            .await?;
        }
        Ok(marks)
    }
}

/// SQLite takes at most this many bound values in one statement.
const MAX_BINDS: usize = 32_766;

/// `INSERT … VALUES` of every row, as few statements as the bound values allow, each row's
/// `columns` values pushed by `push`; `tail` follows each statement's rows.
async fn insert_rows<T>(
    conn: &mut SqliteConnection,
    head: &str,
    tail: &str,
    rows: &[T],
    columns: usize,
    mut push: impl for<'q> FnMut(&mut Separated<'_, 'q, Sqlite, &'static str>, &'q T),
) -> Result<()> {
    for chunk in rows.chunks(MAX_BINDS / columns) {
        let mut query = QueryBuilder::<Sqlite>::new(head);
        query.push_values(chunk, |mut row, value| push(&mut row, value));
        query.push(tail);
        query.build().persistent(false).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Keeps Twilio's body and approval of each content, with the account that lists it.
async fn keep_contents(
    conn: &mut SqliteConnection,
    account_id: &str,
    kept: &[(String, Listed)],
    now: DateTime<Utc>,
) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO twilio_contents
                (content_sid, account_id, friendly_name, language, body, approval_status, rejection_reason, synced_at) ",
        " ON CONFLICT (content_sid) DO UPDATE SET account_id = excluded.account_id,
                friendly_name = excluded.friendly_name, language = excluded.language, body = excluded.body,
                approval_status = excluded.approval_status, rejection_reason = excluded.rejection_reason,
                synced_at = excluded.synced_at
         WHERE (account_id, friendly_name, language, body, approval_status, rejection_reason)
               IS NOT (excluded.account_id, excluded.friendly_name, excluded.language, excluded.body,
                       excluded.approval_status, excluded.rejection_reason)",
        kept,
        8,
        |row, (sid, listed)| {
            row.push_bind(sid.as_str())
                .push_bind(account_id.to_owned())
                .push_bind(listed.friendly_name.as_deref())
                .push_bind(listed.language.as_deref())
                .push_bind(listed.body.as_deref())
                .push_bind(listed.approval_status.as_str())
                .push_bind(listed.rejection_reason.as_deref())
                .push_bind(now);
        },
    )
    .await
}

/// A content this desk does not know, ready to become a published draft.
struct Import {
    sid: String,
    /// The family it goes in: its WhatsApp name, else its friendly name, else its SID.
    name: String,
    category: TemplateCategory,
    language: String,
    content: TemplateContent,
    variables: BTreeMap<String, String>,
    status: String,
    reason: Option<String>,
}

impl Import {
    /// `Err` says why the library cannot hold the content, with its SID and friendly name.
    fn of(
        item: ContentAndApproval,
        content: Option<TemplateContent>,
        status: String,
        reason: Option<String>,
    ) -> std::result::Result<Import, (String, Option<String>, SkipReason)> {
        let c = item.content;
        let Some(language) = c.language else { return Err((c.sid, c.friendly_name, SkipReason::NoLanguage)) };
        let Some(content) = content else {
            return Err((c.sid, c.friendly_name, SkipReason::UnsupportedType));
        };
        let approval = item.whatsapp.as_ref();
        let name = approval.and_then(|a| a.name.clone()).or(c.friendly_name).unwrap_or_else(|| c.sid.clone());
        Ok(Import {
            sid: c.sid,
            name,
            category: category(approval.and_then(|a| a.category.as_deref())),
            language,
            content,
            variables: c.variables,
            status,
            reason,
        })
    }
}

/// A published draft's own columns, as [`import`] writes them.
struct Draft {
    search_id: i64,
    id: String,
    revision: u32,
    content: String,
    variables: String,
}

/// Makes each content a published draft: in the account's family of its name (made when there
/// is none), as the language's next revision, with its status as the timeline's first entry. A
/// few statements for the whole page, whatever its size.
async fn import(
    conn: &mut SqliteConnection,
    account_id: &str,
    imports: Vec<Import>,
    now: DateTime<Utc>,
) -> Result<Vec<Known>> {
    if imports.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = imports.iter().map(|i| rules::name_key(&i.name)).collect();
    let existing: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT name_key, id, name,
                coalesce((SELECT max(search_id) + 1 FROM template_drafts d WHERE d.family_id = f.id), key << 20)
         FROM template_families f
         WHERE account_id = ? AND name_key IN (SELECT value FROM json_each(?))",
    )
    .bind(account_id)
    .bind(json!(keys).to_string())
    .fetch_all(&mut *conn)
    .await?;
    let existed: Vec<String> = existing.iter().map(|(_, id, _, _)| id.clone()).collect();
    // Each family's next draft number: see the migration template_search_keys.
    let mut search_ids: HashMap<String, i64> = existing.iter().map(|(_, id, _, next)| (id.clone(), *next)).collect();
    let mut families: HashMap<String, (String, String)> =
        existing.into_iter().map(|(key, id, name, _)| (key, (id, name))).collect();
    let mut last_key: i64 =
        sqlx::query_scalar("SELECT coalesce(max(key), 0) FROM template_families").fetch_one(&mut *conn).await?;
    let mut new_families = Vec::new();
    for (import, key) in imports.iter().zip(&keys) {
        families.entry(key.clone()).or_insert_with(|| {
            let id = uuid::Uuid::new_v4().to_string();
            last_key += 1;
            search_ids.insert(id.clone(), last_key << 20);
            new_families.push((id.clone(), import.name.clone(), key.clone(), import.category, last_key));
            (id, import.name.clone())
        });
    }
    let revisions: Vec<(String, String, u32)> = sqlx::query_as(
        "SELECT family_id, language, max(revision) FROM template_drafts
         WHERE family_id IN (SELECT value FROM json_each(?)) GROUP BY family_id, language",
    )
    .bind(json!(existed).to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut revisions: HashMap<(String, String), u32> =
        revisions.into_iter().map(|(family, language, revision)| ((family, language), revision)).collect();

    let mut drafts = Vec::with_capacity(imports.len());
    let mut known = Vec::with_capacity(imports.len());
    for (import, key) in imports.into_iter().zip(&keys) {
        let (family_id, family_name) = families[key].clone();
        let revision = revisions.entry((family_id.clone(), import.language.clone())).or_default();
        *revision += 1;
        let search_id = search_ids.get_mut(&family_id).expect("every family has its next number");
        *search_id += 1;
        let draft = Draft {
            search_id: *search_id - 1,
            id: uuid::Uuid::new_v4().to_string(),
            revision: *revision,
            content: serde_json::to_string(&import.content).expect("a content serializes"),
            variables: serde_json::to_string(&import.variables).expect("strings serialize"),
        };
        known.push(Known {
            content_sid: import.sid,
            draft_id: draft.id.clone(),
            family_id,
            name: family_name,
            account_id: Some(account_id.to_owned()),
            language: import.language,
            approval_status: Some(import.status),
            reason: import.reason,
        });
        drafts.push(draft);
    }
    insert_rows(
        conn,
        "INSERT INTO template_families (id, name, name_key, category, account_id, created_at, updated_at, key) ",
        "",
        &new_families,
        8,
        |row, (id, name, key, category, family_key)| {
            row.push_bind(id.as_str())
                .push_bind(name.as_str())
                .push_bind(key.as_str())
                .push_bind(*category)
                .push_bind(account_id.to_owned())
                .push_bind(now)
                .push_bind(now)
                .push_bind(*family_key);
        },
    )
    .await?;
    let rows: Vec<(&Draft, &Known)> = drafts.iter().zip(&known).collect();
    insert_rows(
        conn,
        "INSERT INTO template_drafts (search_id, id, family_id, language, revision, content, variables, status,
                content_sid, approval_status, created_at, updated_at) ",
        "",
        &rows,
        12,
        |row, (draft, known)| {
            row.push_bind(draft.search_id)
                .push_bind(draft.id.as_str())
                .push_bind(known.family_id.as_str())
                .push_bind(known.language.as_str())
                .push_bind(draft.revision)
                .push_bind(draft.content.as_str())
                .push_bind(draft.variables.as_str())
                .push_bind(DraftStatus::Published)
                .push_bind(known.content_sid.as_str())
                .push_bind(known.approval_status.as_deref())
                .push_bind(now)
                .push_bind(now);
        },
    )
    .await?;
    let search_ids: Vec<i64> = drafts.iter().map(|d| d.search_id).collect();
    library::index_drafts(conn, &search_ids).await?;
    // As the library writes the timeline's times, so that they sort as text.
    let at = now.to_rfc3339_opts(SecondsFormat::Micros, true);
    insert_rows(
        conn,
        "INSERT INTO template_status_history (draft_id, status, reason, at) ",
        "",
        &known,
        4,
        |row, k| {
            row.push_bind(k.draft_id.as_str())
                .push_bind(k.approval_status.as_deref())
                .push_bind(k.reason.as_deref())
                .push_bind(at.clone());
        },
    )
    .await?;
    sqlx::query("UPDATE template_families SET updated_at = ? WHERE id IN (SELECT value FROM json_each(?))")
        .bind(now)
        .bind(json!(existed).to_string())
        .execute(&mut *conn)
        .await?;
    Ok(known)
}

/// Twilio's category as the library's: `MARKETING`, `AUTHENTICATION` (and the legacy `OTP`) as
/// themselves; `UTILITY`, the legacy `TRANSACTIONAL` and anything else, or none, as utility.
fn category(twilio: Option<&str>) -> TemplateCategory {
    match twilio.map(str::to_ascii_uppercase).as_deref() {
        Some("MARKETING") => TemplateCategory::Marketing,
        Some("AUTHENTICATION" | "OTP") => TemplateCategory::Authentication,
        _ => TemplateCategory::Utility,
    }
}
