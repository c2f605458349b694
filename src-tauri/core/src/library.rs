//! The offline template library: template families, one draft per language, revisions of
//! published languages, their approval timeline, and full-text search (SQLite FTS5) for the list.
//! WhatsApp's own rules are the linter's to check.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use sqlx::types::Json;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::error::{Error, Named, Problems, Result};
use crate::model::{
    DeletedTemplate, DraftContentInput, DraftStatus, LanguageStatus, LibraryPage, LibrarySearch, NewLanguageInput,
    NewTemplateInput, StatusChange, StatusEntry, StatusFilter, TemplateCategory, TemplateDetailsInput, TemplateDraft,
    TemplateFamily, TemplateSummary,
};
use crate::template::{self, LintContext, LintDraft, LintFinding, OtherTemplate, TemplateContent};
use crate::{rules, setup};

/// WhatsApp's limit on a template name.
pub const TEMPLATE_NAME_MAX: usize = 512;
/// Rows in a page of the list when the search asks for none.
const DEFAULT_LIMIT: u32 = 100;

pub struct Library {
    pool: SqlitePool,
}

#[derive(sqlx::FromRow)]
struct FamilyRow {
    id: String,
    name: String,
    category: TemplateCategory,
    account_id: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: String,
    family_id: String,
    language: String,
    revision: u32,
    content: Json<TemplateContent>,
    variables: Json<BTreeMap<String, String>>,
    status: DraftStatus,
    content_sid: Option<String>,
    approval_status: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<DraftRow> for TemplateDraft {
    fn from(r: DraftRow) -> Self {
        TemplateDraft {
            id: r.id,
            family_id: r.family_id,
            language: r.language,
            revision: r.revision,
            content: r.content.0,
            variables: r.variables.0,
            status: r.status,
            content_sid: r.content_sid,
            approval_status: r.approval_status,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// A family of the list as the search's one row holds it, its languages included.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Listed {
    id: String,
    name: String,
    category: TemplateCategory,
    account_id: Option<String>,
    updated_at: DateTime<Utc>,
    languages: Vec<LanguageStatus>,
}

const DRAFT_COLUMNS: &str = "id, family_id, language, revision, content, variables, status, content_sid, \
                             approval_status, created_at, updated_at";

impl Library {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn get(&self, id: &str) -> Result<TemplateFamily> {
        load(&mut *self.pool.acquire().await?, id).await
    }

    pub async fn draft(&self, id: &str) -> Result<TemplateDraft> {
        load_draft(&mut *self.pool.acquire().await?, id).await
    }

    /// Creates a template with its first language, in one transaction.
    pub async fn create(&self, input: NewTemplateInput) -> Result<TemplateFamily> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut problems = Problems::default();
        let name = checked_name(&mut tx, &mut problems, &input.name, input.account_id.as_deref(), None).await?;
        let language = problems.check(setup::language("templateLanguage", &input.language));
        problems.done()?;
        let (Some(name), Some(language)) = (name, language) else { unreachable!("problems were refused above") };
        let id = uuid::Uuid::new_v4().to_string();
        let now = Utc::now();
        sqlx::query(
            "INSERT INTO template_families (id, name, name_key, category, account_id, created_at, updated_at, key)
             VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(key), 0) + 1 FROM template_families))",
        )
        .bind(&id)
        .bind(&name)
        .bind(rules::name_key(&name))
        .bind(input.category)
        .bind(&input.account_id)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        insert_draft(&mut tx, &id, &language, 1, &input.content, &input.variables, now).await?;
        let family = load(&mut tx, &id).await?;
        tx.commit().await?;
        log::info!("created template {id}");
        Ok(family)
    }

    /// Saves the name, category and account, which every language shares.
    pub async fn save_details(&self, id: &str, input: TemplateDetailsInput) -> Result<TemplateFamily> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        load(&mut tx, id).await?;
        let mut problems = Problems::default();
        let name = checked_name(&mut tx, &mut problems, &input.name, input.account_id.as_deref(), Some(id)).await?;
        problems.done()?;
        let name = name.expect("checked above");
        sqlx::query(
            "UPDATE template_families SET name = ?, name_key = ?, category = ?, account_id = ?, updated_at = ?
             WHERE id = ?",
        )
        .bind(&name)
        .bind(rules::name_key(&name))
        .bind(input.category)
        .bind(&input.account_id)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let family = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok(family)
    }

    /// Adds a language the template does not have yet, as a draft.
    pub async fn add_language(&self, family_id: &str, input: NewLanguageInput) -> Result<TemplateDraft> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        load(&mut tx, family_id).await?;
        let language = setup::language("templateLanguage", &input.language)?;
        let has: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM template_drafts WHERE family_id = ? AND language = ?)")
                .bind(family_id)
                .bind(&language)
                .fetch_one(&mut *tx)
                .await?;
        if has {
            return Err(Error::duplicate(Named::TemplateLanguage, "templateLanguage", &language));
        }
        let now = Utc::now();
        let id = insert_draft(&mut tx, family_id, &language, 1, &input.content, &input.variables, now).await?;
        touch(&mut tx, family_id, now).await?;
        let draft = load_draft(&mut tx, &id).await?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Saves a language's content and samples. A published draft is not changed: the content goes
    /// to the language's draft being edited, made as its next revision when there is none. Returns
    /// the draft that holds the content.
    pub async fn save_content(&self, draft_id: &str, input: DraftContentInput) -> Result<TemplateDraft> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let draft = editable(&mut tx, draft_id).await?;
        let now = Utc::now();
        sqlx::query("UPDATE template_drafts SET content = ?, variables = ?, updated_at = ? WHERE id = ?")
            .bind(Json(&input.content))
            .bind(Json(&input.variables))
            .bind(now)
            .bind(&draft.id)
            .execute(&mut *tx)
            .await?;
        touch(&mut tx, &draft.family_id, now).await?;
        let draft = load_draft(&mut tx, &draft.id).await?;
        tx.commit().await?;
        Ok(draft)
    }

    /// The language's draft to edit: the draft itself when it is not published; else the
    /// language's draft being edited, or a new revision copied from this published one. The
    /// published row stays as it is.
    pub async fn new_revision(&self, draft_id: &str) -> Result<TemplateDraft> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let draft = editable(&mut tx, draft_id).await?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Keeps the Content SID that Twilio gave the draft's content, the moment it gives it: the
    /// draft is published from then on. Giving the same SID again changes nothing.
    pub async fn published(&self, draft_id: &str, content_sid: &str) -> Result<TemplateDraft> {
        let sid = rules::content_sid("contentSid", content_sid)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let draft = publish(&mut tx, draft_id, &sid).await?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Keeps what Twilio says of a content's approval, found by its Content SID. The timeline
    /// gains an entry when the status or the reason differs from the one before it in time.
    pub async fn record_status(&self, change: StatusChange) -> Result<TemplateDraft> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let draft = draft_of(&mut tx, &change.content_sid).await?.ok_or_else(Error::template_not_found)?;
        let at = stamp(change.at);
        let before: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT status, reason FROM template_status_history WHERE draft_id = ? AND at <= ?
             ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(&draft.id)
        .bind(&at)
        .fetch_optional(&mut *tx)
        .await?;
        if before.as_ref() != Some(&(change.status.clone(), change.reason.clone())) {
            sqlx::query("INSERT INTO template_status_history (draft_id, status, reason, at) VALUES (?, ?, ?, ?)")
                .bind(&draft.id)
                .bind(&change.status)
                .bind(&change.reason)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
        }
        let latest: String = sqlx::query_scalar(
            "SELECT status FROM template_status_history WHERE draft_id = ? ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(&draft.id)
        .fetch_one(&mut *tx)
        .await?;
        let now = Utc::now();
        sqlx::query("UPDATE template_drafts SET approval_status = ?, updated_at = ? WHERE id = ?")
            .bind(&latest)
            .bind(now)
            .bind(&draft.id)
            .execute(&mut *tx)
            .await?;
        touch(&mut tx, &draft.family_id, now).await?;
        let draft = load_draft(&mut tx, &draft.id).await?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Every finding of the linter on `draft`, as a language of template `family_id` (`None` before
    /// it is saved) in account `account_id`: a body may not repeat another template's of the same
    /// account and language.
    pub async fn lint(
        &self,
        family_id: Option<&str>,
        account_id: Option<&str>,
        draft: &LintDraft,
    ) -> Result<Vec<LintFinding>> {
        let others: Vec<(String, String)> = sqlx::query_as(
            "SELECT f.name, coalesce(json_extract(d.content, '$.body'), json_extract(d.content, '$.title'), '')
             FROM template_drafts d JOIN template_families f ON f.id = d.family_id
             WHERE coalesce(f.account_id, '') = coalesce(?, '') AND f.id IS NOT ? AND d.language = ?",
        )
        .bind(account_id)
        .bind(family_id)
        .bind(&draft.language)
        .fetch_all(&self.pool)
        .await?;
        let other_templates = others.into_iter().map(|(name, body)| OtherTemplate { name, body }).collect();
        Ok(template::lint(draft, &LintContext { other_templates }))
    }

    /// Every finding of the linter on a saved draft (see [`Library::lint`]).
    pub async fn lint_draft(&self, draft_id: &str) -> Result<Vec<LintFinding>> {
        let draft = self.draft(draft_id).await?;
        let family = self.get(&draft.family_id).await?;
        let lint_draft = LintDraft {
            name: family.name,
            category: family.category,
            language: draft.language,
            content: draft.content,
            variables: draft.variables,
        };
        self.lint(Some(&family.id), family.account_id.as_deref(), &lint_draft).await
    }

    /// The draft's approval timeline, oldest first.
    pub async fn history(&self, draft_id: &str) -> Result<Vec<StatusEntry>> {
        let mut conn = self.pool.acquire().await?;
        load_draft(&mut conn, draft_id).await?;
        let rows: Vec<(String, Option<String>, DateTime<Utc>)> =
            sqlx::query_as("SELECT status, reason, at FROM template_status_history WHERE draft_id = ? ORDER BY at, id")
                .bind(draft_id)
                .fetch_all(&mut *conn)
                .await?;
        Ok(rows.into_iter().map(|(status, reason, at)| StatusEntry { status, reason, at }).collect())
    }

    /// Deletes the template with every language, revision and timeline, all or nothing. Content
    /// it published is kept as a record that it existed: the publishing flow deletes that content
    /// in Twilio before calling this.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        load(&mut tx, id).await?;
        sqlx::query(
            "INSERT INTO templates_deleted_in_twilio
                    (content_sid, account_id, name, language, revision, approval_status, deleted_at)
             SELECT d.content_sid, f.account_id, f.name, d.language, d.revision, d.approval_status, ?
             FROM template_drafts d JOIN template_families f ON f.id = d.family_id
             WHERE f.id = ? AND d.content_sid IS NOT NULL
             ON CONFLICT (content_sid) DO NOTHING",
        )
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM template_families WHERE id = ?").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        log::info!("deleted template {id}");
        Ok(())
    }

    /// The content this desk published and then deleted, latest first.
    pub async fn deleted_in_twilio(&self) -> Result<Vec<DeletedTemplate>> {
        Ok(sqlx::query_as(
            "SELECT content_sid, account_id, name, language, revision, approval_status, deleted_at
             FROM templates_deleted_in_twilio ORDER BY deleted_at DESC, content_sid",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// A window of the list, by name: the templates with a draft that has the words (in its
    /// template's name, its texts or its language code) and passes the status and language
    /// filters, whose category and account pass theirs; and how many there are in all.
    pub async fn search(&self, q: &LibrarySearch) -> Result<LibraryPage> {
        let mut conn = self.pool.acquire().await?;
        let words = match_expression(&q.text);
        let mut page = QueryBuilder::<Sqlite>::new("");
        let matched = matches(&mut page, q, words.as_deref());
        page.push(if matched { ", " } else { "WITH " });
        page.push("page AS (SELECT f.id, f.name, f.category, f.account_id, f.updated_at FROM template_families f");
        families(&mut page, q);
        if matched {
            // `+f.key`: walk the families in name order and stop at the window's end, rather than
            // look up every match and sort them all.
            page.push(" AND +f.key IN (SELECT key FROM hits)");
        }
        let limit = if q.limit == 0 { DEFAULT_LIMIT } else { q.limit };
        page.push(" ORDER BY f.name COLLATE NOCASE, f.id LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(q.offset);
        // One row, the page as JSON: sqlx hands over each row on its own, and that costs more
        // than the query.
        page.push(
            ") SELECT json_group_array(json_object(
                   'id', p.id, 'name', p.name, 'category', p.category, 'accountId', p.account_id,
                   'updatedAt', p.updated_at,
                   'languages', json((SELECT json_group_array(json_object(
                                          'draftId', d.id, 'language', d.language, 'revision', d.revision,
                                          'status', d.status, 'approvalStatus', d.approval_status)
                                        ORDER BY d.language, d.revision)
                                      FROM template_drafts d WHERE d.family_id = p.id)))
                 ORDER BY p.name COLLATE NOCASE, p.id), ",
        );
        total(&mut page, q, matched);
        page.push(" FROM page p");
        let (listed, total): (Json<Vec<Listed>>, u32) = page.build_query_as().fetch_one(&mut *conn).await?;
        let library: Vec<String> = sqlx::query_scalar(
            // Each next code from the language index, rather than every draft's.
            "WITH RECURSIVE codes(code) AS (
                     SELECT min(language) FROM template_drafts
                     UNION ALL
                     SELECT (SELECT min(language) FROM template_drafts WHERE language > code) FROM codes
                     WHERE code IS NOT NULL)
                 SELECT code FROM codes WHERE code IS NOT NULL",
        )
        .fetch_all(&mut *conn)
        .await?;
        let rows = listed
            .0
            .into_iter()
            .map(|r| {
                let languages_missing =
                    library.iter().filter(|code| !r.languages.iter().any(|l| &l.language == *code)).cloned().collect();
                TemplateSummary {
                    id: r.id,
                    name: r.name,
                    category: r.category,
                    account_id: r.account_id,
                    languages: r.languages,
                    languages_missing,
                    updated_at: r.updated_at,
                }
            })
            .collect();
        Ok(LibraryPage { total, offset: q.offset, rows })
    }
}

/// The user's words as an FTS5 query that cannot be read as FTS5 syntax: each word quoted (its
/// quotes doubled), all of them required, the last as a word's start. Words with no letter or
/// digit find nothing in the index and are left out; `None` when no word is left.
pub fn match_expression(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(format!("{}*", words.join(" ")))
}

fn family_filtered(q: &LibrarySearch) -> bool {
    !q.categories.is_empty() || !q.account_ids.is_empty() || q.without_account
}

/// `WITH hits(key) AS (…)`, the keys of the families with a draft that has the words and passes
/// the status and language filters, when the search has any of these; else nothing. Returns
/// whether it did. A draft's family is its search_id's high bits (migration template_search_keys),
/// and its filtered columns are read from the covering index, not from its row.
fn matches(query: &mut QueryBuilder<'_, Sqlite>, q: &LibrarySearch, words: Option<&str>) -> bool {
    let drafts_filtered = !q.statuses.is_empty() || !q.languages.is_empty();
    if words.is_none() && !drafts_filtered {
        return false;
    }
    query.push("WITH hits(key) AS MATERIALIZED (SELECT DISTINCT ");
    match (words, drafts_filtered) {
        (Some(words), false) => {
            query.push("rowid >> 20 FROM template_search WHERE template_search MATCH ").push_bind(words.to_owned());
        }
        (Some(words), true) => {
            query
                .push(
                    "d.search_id >> 20 FROM template_search s CROSS JOIN template_drafts d
                     INDEXED BY template_drafts_filters ON d.search_id = s.rowid WHERE template_search MATCH ",
                )
                .push_bind(words.to_owned());
        }
        (None, _) => {
            query.push("d.search_id >> 20 FROM template_drafts d INDEXED BY template_drafts_filters WHERE 1");
        }
    }
    if !q.languages.is_empty() {
        query.push(" AND d.language IN (");
        let mut list = query.separated(", ");
        for language in &q.languages {
            list.push_bind(language.clone());
        }
        query.push(")");
    }
    if !q.statuses.is_empty() {
        let conditions: Vec<&str> = q.statuses.iter().map(|s| status_condition(*s)).collect();
        query.push(" AND (").push(conditions.join(" OR ")).push(")");
    }
    query.push(") ");
    true
}

/// The count of all the templates found, as a scalar subquery.
fn total(query: &mut QueryBuilder<'_, Sqlite>, q: &LibrarySearch, matched: bool) {
    match (matched, family_filtered(q)) {
        (true, false) => {
            query.push("(SELECT count(*) FROM hits)");
        }
        (true, true) => {
            query.push("(SELECT count(*) FROM hits JOIN template_families f ON f.key = hits.key");
            families(query, q);
            query.push(")");
        }
        (false, _) => {
            query.push("(SELECT count(*) FROM template_families f");
            families(query, q);
            query.push(")");
        }
    }
}

/// The WHERE clause of the category and account filters, on `template_families f`.
fn families(query: &mut QueryBuilder<'_, Sqlite>, q: &LibrarySearch) {
    query.push(" WHERE 1");
    if !q.categories.is_empty() {
        query.push(" AND f.category IN (");
        let mut list = query.separated(", ");
        for category in &q.categories {
            list.push_bind(*category);
        }
        query.push(")");
    }
    if !q.account_ids.is_empty() || q.without_account {
        query.push(" AND (");
        if q.without_account {
            query.push("f.account_id IS NULL OR ");
        }
        query.push("f.account_id IN (");
        let mut list = query.separated(", ");
        for id in &q.account_ids {
            list.push_bind(id.clone());
        }
        query.push("))");
    }
}

fn status_condition(status: StatusFilter) -> &'static str {
    match status {
        StatusFilter::Draft => "d.status = 'draft'",
        StatusFilter::Unsubmitted => {
            "(d.status = 'published' AND coalesce(lower(d.approval_status), 'unsubmitted') = 'unsubmitted')"
        }
        StatusFilter::Pending => "lower(d.approval_status) IN ('pending', 'received')",
        StatusFilter::Approved => "lower(d.approval_status) = 'approved'",
        StatusFilter::Rejected => "lower(d.approval_status) = 'rejected'",
        StatusFilter::Paused => "lower(d.approval_status) = 'paused'",
        StatusFilter::Disabled => "lower(d.approval_status) = 'disabled'",
    }
}

/// The name, checked against the library's rules and against the other templates of the same
/// account (or, with none, of none): the problems go to `problems`.
async fn checked_name(
    conn: &mut SqliteConnection,
    problems: &mut Problems,
    name: &str,
    account_id: Option<&str>,
    except: Option<&str>,
) -> Result<Option<String>> {
    if let Some(account_id) = account_id {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE id = ?)")
            .bind(account_id)
            .fetch_one(&mut *conn)
            .await?;
        if !exists {
            problems.push(Error { field: Some("templateAccount".to_owned()), ..Error::account_not_found() });
        }
    }
    let Some(name) = problems.check(rules::text("templateName", name, TEMPLATE_NAME_MAX)) else { return Ok(None) };
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT name FROM template_families WHERE coalesce(account_id, '') = coalesce(?, '') AND name_key = ?
         AND id IS NOT ?",
    )
    .bind(account_id)
    .bind(rules::name_key(&name))
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(taken) = taken {
        problems.push(Error::duplicate(Named::Template, "templateName", &taken));
        return Ok(None);
    }
    Ok(Some(name))
}

async fn insert_draft(
    conn: &mut SqliteConnection,
    family_id: &str,
    language: &str,
    revision: u32,
    content: &TemplateContent,
    variables: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let search_id: i64 = sqlx::query_scalar(
        "INSERT INTO template_drafts (search_id, id, family_id, language, revision, content, variables, status,
                created_at, updated_at)
         VALUES ((SELECT coalesce((SELECT max(search_id) + 1 FROM template_drafts WHERE family_id = f.id), key << 20)
                  FROM template_families f WHERE f.id = ?1),
                 ?2, ?1, ?3, ?4, ?5, ?6, 'draft', ?7, ?8)
         RETURNING search_id",
    )
    .bind(family_id)
    .bind(&id)
    .bind(language)
    .bind(revision)
    .bind(Json(content))
    .bind(Json(variables))
    .bind(now)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    index_drafts(conn, &[search_id]).await?;
    Ok(id)
}

/// Adds the drafts to the search index in one statement; whatever inserts drafts calls it.
pub(crate) async fn index_drafts(conn: &mut SqliteConnection, search_ids: &[i64]) -> Result<()> {
    sqlx::query(
        "INSERT INTO template_search (rowid, name, body, header, footer, buttons, language)
         SELECT * FROM template_search_source WHERE search_id IN (SELECT value FROM json_each(?))",
    )
    .bind(Json(search_ids))
    .execute(conn)
    .await?;
    Ok(())
}

/// The draft to edit for `draft_id`'s language (see [`Library::new_revision`]), made if needed.
async fn editable(conn: &mut SqliteConnection, draft_id: &str) -> Result<TemplateDraft> {
    let draft = load_draft(conn, draft_id).await?;
    if draft.status == DraftStatus::Draft {
        return Ok(draft);
    }
    let open: Option<String> =
        sqlx::query_scalar("SELECT id FROM template_drafts WHERE family_id = ? AND language = ? AND status = 'draft'")
            .bind(&draft.family_id)
            .bind(&draft.language)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(open) = open {
        return load_draft(conn, &open).await;
    }
    let revision: u32 =
        sqlx::query_scalar("SELECT max(revision) + 1 FROM template_drafts WHERE family_id = ? AND language = ?")
            .bind(&draft.family_id)
            .bind(&draft.language)
            .fetch_one(&mut *conn)
            .await?;
    let now = Utc::now();
    let id =
        insert_draft(conn, &draft.family_id, &draft.language, revision, &draft.content, &draft.variables, now).await?;
    touch(conn, &draft.family_id, now).await?;
    log::info!("template draft {draft_id} has a new revision {revision}: {id}");
    load_draft(conn, &id).await
}

/// [`Library::published`] inside the caller's transaction, with a SID Twilio gave.
pub(crate) async fn publish(conn: &mut SqliteConnection, draft_id: &str, sid: &str) -> Result<TemplateDraft> {
    let draft = load_draft(conn, draft_id).await?;
    match draft.content_sid.as_deref() {
        Some(own) if own == sid => return Ok(draft),
        Some(own) => return Err(Error::duplicate_content_sid("contentSid", own)),
        None => {}
    }
    if let Some(other) = draft_of(conn, sid).await? {
        return Err(Error::duplicate_content_sid("contentSid", &other.content_sid.unwrap_or_else(|| sid.to_owned())));
    }
    let now = Utc::now();
    sqlx::query("UPDATE template_drafts SET status = 'published', content_sid = ?, updated_at = ? WHERE id = ?")
        .bind(sid)
        .bind(now)
        .bind(draft_id)
        .execute(&mut *conn)
        .await?;
    touch(conn, &draft.family_id, now).await?;
    log::info!("template draft {draft_id} published as {sid}");
    load_draft(conn, draft_id).await
}

async fn touch(conn: &mut SqliteConnection, family_id: &str, now: DateTime<Utc>) -> Result<()> {
    sqlx::query("UPDATE template_families SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(family_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A time as the timeline stores it: always with microseconds, so that the text sorts in time order.
fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

async fn draft_of(conn: &mut SqliteConnection, content_sid: &str) -> Result<Option<TemplateDraft>> {
    let row: Option<DraftRow> =
        sqlx::query_as(&format!("SELECT {DRAFT_COLUMNS} FROM template_drafts WHERE content_sid = ?"))
            .bind(content_sid)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(TemplateDraft::from))
}

async fn load_draft(conn: &mut SqliteConnection, id: &str) -> Result<TemplateDraft> {
    let row: Option<DraftRow> = sqlx::query_as(&format!("SELECT {DRAFT_COLUMNS} FROM template_drafts WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(TemplateDraft::from).ok_or_else(Error::template_not_found)
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: &str) -> Result<TemplateFamily> {
    let r: FamilyRow = sqlx::query_as(
        "SELECT id, name, category, account_id, created_at, updated_at FROM template_families WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(Error::template_not_found)?;
    let drafts: Vec<DraftRow> = sqlx::query_as(&format!(
        "SELECT {DRAFT_COLUMNS} FROM template_drafts WHERE family_id = ? ORDER BY language, revision"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(TemplateFamily {
        id: r.id,
        name: r.name,
        category: r.category,
        account_id: r.account_id,
        drafts: drafts.into_iter().map(TemplateDraft::from).collect(),
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}
