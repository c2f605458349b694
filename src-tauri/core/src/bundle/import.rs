//! Importing a bundle: checked with the rules the pages use, then written in one SQLite
//! transaction, all or nothing. Merge adds and updates; replace also removes what the bundle
//! lacks. Entities the import leaves unchanged are not written at all.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::types::Json;
use sqlx::{Connection, SqliteConnection};
use tokio_util::sync::CancellationToken;

use super::diff::{diff, Change, EntityDiff, EntityKind, DEFAULT_QUEUE};
use super::export::{read, Bundles};
use super::format::*;
use crate::error::{Error, Named, Problems, Result};
use crate::model::{
    AccountStatus, AuthMethod, Capacity, DistributionMode, DraftStatus, SetupStatus, SetupStep, WrapUp,
};
use crate::{accounts, callback, library, rules, setup, workstreams};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Adds and updates; what the desk has and the bundle lacks stays.
    Merge,
    /// Also removes what the bundle lacks.
    Replace,
}

/// How far an import has written, in entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub written: usize,
    pub total: usize,
}

/// What an import changed, or would have: cancelled, it wrote nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub changes: Vec<EntityDiff>,
    pub cancelled: bool,
}

/// Counts the entities written, tells `on_progress` every [`Progress::EVERY`] and at the end,
/// and says when to stop.
struct Progress<'a> {
    done: ImportProgress,
    on_progress: &'a (dyn Fn(ImportProgress) + Send + Sync),
    cancel: &'a CancellationToken,
}

impl Progress<'_> {
    const EVERY: usize = 500;

    /// One more entity written; false once cancelled.
    fn step(&mut self) -> bool {
        self.done.written += 1;
        if self.done.written.is_multiple_of(Self::EVERY) || self.done.written == self.done.total {
            (self.on_progress)(self.done);
        }
        !self.cancel.is_cancelled()
    }
}

impl Bundles {
    /// Imports `bundle`, returning the changes it made (with `Merge`, the entities the bundle
    /// lacks are reported as removed but kept). A problem anywhere imports nothing; each names
    /// where it is in the file in its `pointer` param. Cancelling stops it before the commit,
    /// with nothing written.
    pub async fn import(
        &self,
        bundle: &Bundle,
        mode: ImportMode,
        on_progress: &(dyn Fn(ImportProgress) + Send + Sync),
        cancel: &CancellationToken,
    ) -> Result<ImportOutcome> {
        check(bundle)?;
        let mut conn = self.pool.acquire().await?;
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        let desk = read(&mut tx).await?;
        check_against(&desk, bundle)?;
        let changes = diff(&desk, bundle);
        let plan = Plan::new(&changes, mode);
        let total = plan.written.len() + plan.removed.len();
        let mut progress = Progress { done: ImportProgress { written: 0, total }, on_progress, cancel };
        if !write(&mut tx, &desk, bundle, &plan, &mut progress).await? {
            log::info!("bundle import cancelled after {} of {total} entities; nothing written", progress.done.written);
            return Ok(ImportOutcome { changes, cancelled: true });
        }
        tx.commit().await?;
        log::info!("imported a bundle ({mode:?}): {} written, {} removed", plan.written.len(), plan.removed.len());
        Ok(ImportOutcome { changes, cancelled: false })
    }
}

/// Which entities to write and which to remove, by kind and id.
struct Plan {
    written: HashSet<(EntityKind, String)>,
    removed: Vec<(EntityKind, String)>,
}

impl Plan {
    fn new(changes: &[EntityDiff], mode: ImportMode) -> Self {
        let mut plan = Plan { written: HashSet::new(), removed: Vec::new() };
        for e in changes {
            match e.change {
                Change::Added | Change::Changed { .. } => {
                    plan.written.insert((e.kind, e.id.clone()));
                }
                Change::Removed if mode == ImportMode::Replace => plan.removed.push((e.kind, e.id.clone())),
                Change::Removed | Change::Unchanged => {}
            }
        }
        plan
    }

    fn writes(&self, kind: EntityKind, id: &str) -> bool {
        self.written.contains(&(kind, id.to_owned()))
    }

    fn removed(&self, kind: EntityKind) -> impl Iterator<Item = &str> {
        self.removed.iter().filter(move |(k, _)| *k == kind).map(|(_, id)| id.as_str())
    }
}

/// `err` at `pointer` in the file.
fn at(pointer: String, err: Error) -> Error {
    let more = err.more.iter().map(|m| m.clone().with("pointer", pointer.as_str())).collect();
    Error { more, ..err.with("pointer", pointer.as_str()) }
}

/// The rules each page applies, on every entity of the bundle, all problems at once.
fn check(bundle: &Bundle) -> Result<()> {
    let mut problems = Problems::default();
    let mut check = |pointer: String, checked: Result<()>| {
        problems.check(checked.map_err(|e| at(pointer, e)));
    };
    if let Some(url) = &bundle.settings.callback_base_url {
        check("/settings/callbackBaseUrl".into(), callback::base_url(url).map(drop));
    }
    let mut names = HashMap::new();
    for (i, a) in bundle.accounts.iter().enumerate() {
        let p = format!("/accounts/{i}");
        check(p.clone(), unique(&mut names, Named::Account, "name", &a.name, rules::account_name(&a.name)));
        if let Some(sid) = &a.account_sid {
            check(p.clone(), rules::account_sid(sid).map(drop));
        }
        if let (AuthMethod::ApiKey, Some(key)) = (a.auth_method, &a.api_key_sid) {
            check(p.clone(), rules::api_key_sid(key).map(drop));
        }
        if a.status == AccountStatus::Complete {
            if a.account_sid.is_none() {
                check(p.clone(), Err(Error::incomplete("accountSid")));
            }
            if a.numbers.is_empty() {
                check(p.clone(), Err(Error::incomplete("number")));
            }
        }
        let mut numbers = HashSet::new();
        for (j, n) in a.numbers.iter().enumerate() {
            let p = format!("{p}/numbers/{j}");
            check(p.clone(), rules::number_name(&n.name).map(drop));
            match rules::phone_number(&n.number) {
                Ok(number) if !numbers.insert(number.clone()) => check(p, Err(Error::duplicate_number(&number))),
                checked => check(p, checked.map(drop)),
            }
        }
    }
    let mut names = HashMap::new();
    for (i, q) in bundle.queues.iter().enumerate() {
        check(format!("/queues/{i}"), unique(&mut names, Named::Queue, "name", &q.name, rules::name("name", &q.name)));
    }
    if bundle.queues.iter().filter(|q| q.is_default).count() != 1 {
        check("/queues".into(), Err(Error::default_queue()));
    }
    let mut names = HashMap::new();
    let mut bound: HashMap<String, String> = HashMap::new();
    for (i, w) in bundle.workstreams.iter().enumerate() {
        let p = format!("/workstreams/{i}");
        let name = rules::workstream_name(&w.name);
        check(p.clone(), unique(&mut names, Named::Workstream, "workstreamName", &w.name, name));
        if w.mode == DistributionMode::Pick && (w.distribution.keep_same_agent || w.advanced.bot_name.is_some()) {
            check(p.clone(), Err(Error::push_only("keepSameAgent")));
        }
        let Some(s) = &w.whatsapp else { continue };
        let p = format!("{p}/whatsapp");
        if let Some(language) = &s.language {
            check(p.clone(), setup::language("setupLanguage", language).map(drop));
        }
        check(p.clone(), setup::check_behaviours(&s.behaviours).map(drop));
        if let Some(number) = &s.number_id {
            match bound.get(number) {
                Some(first) => check(p.clone(), Err(Error::number_in_use(first))),
                None => {
                    bound.insert(number.clone(), w.name.clone());
                }
            }
        }
        if s.status == SetupStatus::Active && (s.number_id.is_none() || s.language.is_none()) {
            let missing = if s.number_id.is_none() { "number" } else { "language" };
            check(p, Err(Error::setup_incomplete(missing)));
        }
    }
    let mut names = HashMap::new();
    for (i, t) in bundle.templates.iter().enumerate() {
        let p = format!("/templates/{i}");
        let key = format!("{}\u{0}{}", t.account_id.as_deref().unwrap_or(""), rules::name_key(&t.name));
        let name = rules::text("templateName", &t.name, library::TEMPLATE_NAME_MAX);
        check(p.clone(), unique(&mut names, Named::Template, "templateName", &key, name));
        for (j, l) in t.languages.iter().enumerate() {
            check(format!("{p}/languages/{j}"), setup::language("templateLanguage", &l.language).map(drop));
        }
    }
    problems.done()
}

/// The checked name, refused when another entity of the list already has its key.
fn unique(
    seen: &mut HashMap<String, String>,
    what: Named,
    field: &str,
    key: &str,
    checked: Result<String>,
) -> Result<()> {
    let name = checked?;
    match seen.get(&rules::name_key(key)) {
        Some(first) => Err(Error::duplicate(what, field, first)),
        None => {
            seen.insert(rules::name_key(key), name);
            Ok(())
        }
    }
}

/// What the desk's own state refuses: a workstream's mode never changes.
fn check_against(desk: &Bundle, bundle: &Bundle) -> Result<()> {
    let modes: HashMap<&str, DistributionMode> = desk.workstreams.iter().map(|w| (w.id.as_str(), w.mode)).collect();
    let mut problems = Problems::default();
    for (i, w) in bundle.workstreams.iter().enumerate() {
        if modes.get(w.id.as_str()).is_some_and(|mode| *mode != w.mode) {
            problems.push(at(format!("/workstreams/{i}/mode"), Error::mode_locked()));
        }
    }
    problems.done()
}

/// Refusals of the database (a name another entity of the desk keeps, a value out of range),
/// named at the entity being written.
fn refused(pointer: String) -> impl FnOnce(sqlx::Error) -> Error {
    move |e| {
        let message = format!("{pointer}: the desk refused this entity ({e}).");
        Error::bundle("rejected", &pointer, message)
    }
}

/// Writes the plan; false when cancelled midway (the caller then drops the transaction).
async fn write(
    conn: &mut SqliteConnection,
    desk: &Bundle,
    bundle: &Bundle,
    plan: &Plan,
    progress: &mut Progress<'_>,
) -> Result<bool> {
    let now = Utc::now();
    free_names(conn, desk, plan).await?;
    if plan.writes(EntityKind::Settings, "") {
        sqlx::query("UPDATE desk SET callback_base_url = ?")
            .bind(&bundle.settings.callback_base_url)
            .execute(&mut *conn)
            .await?;
        if !progress.step() {
            return Ok(false);
        }
    }
    for (i, a) in bundle.accounts.iter().enumerate() {
        if plan.writes(EntityKind::Account, &a.id) {
            write_account(conn, a, now).await.map_err(refused(format!("/accounts/{i}")))?;
            accounts::forget_answers(conn, &a.id).await?;
            if !progress.step() {
                return Ok(false);
            }
        }
        for (j, n) in a.numbers.iter().enumerate() {
            if plan.writes(EntityKind::Number, &n.id) {
                write_number(conn, &a.id, n, now).await.map_err(refused(format!("/accounts/{i}/numbers/{j}")))?;
                if !progress.step() {
                    return Ok(false);
                }
            }
        }
    }
    let desk_default = desk.queues.iter().find(|q| q.is_default).map(|q| q.id.as_str());
    for (i, q) in bundle.queues.iter().enumerate() {
        let key = if q.is_default { DEFAULT_QUEUE } else { q.id.as_str() };
        if plan.writes(EntityKind::Queue, key) || (q.is_default && desk_default != Some(q.id.as_str())) {
            write_queue(conn, desk, q, now).await.map_err(refused(format!("/queues/{i}")))?;
            if plan.writes(EntityKind::Queue, key) && !progress.step() {
                return Ok(false);
            }
        }
    }
    for (i, w) in bundle.workstreams.iter().enumerate() {
        if plan.writes(EntityKind::Workstream, &w.id) {
            write_workstream(conn, w, now).await.map_err(refused(format!("/workstreams/{i}")))?;
            if !progress.step() {
                return Ok(false);
            }
        }
    }
    let families: HashMap<&str, &str> =
        desk.templates.iter().flat_map(|t| t.languages.iter().map(|l| (l.id.as_str(), t.id.as_str()))).collect();
    let mut indexed = Vec::new();
    for (i, t) in bundle.templates.iter().enumerate() {
        if plan.writes(EntityKind::Template, &t.id) {
            write_template(conn, t, now).await.map_err(refused(format!("/templates/{i}")))?;
            if !progress.step() {
                return Ok(false);
            }
        }
        for (j, l) in t.languages.iter().enumerate() {
            if plan.writes(EntityKind::TemplateLanguage, &l.id) {
                let family = families.get(l.id.as_str()).copied();
                let new = write_language(conn, &t.id, family, l, now)
                    .await
                    .map_err(refused(format!("/templates/{i}/languages/{j}")))?;
                indexed.extend(new);
                if !progress.step() {
                    return Ok(false);
                }
            }
        }
    }
    library::index_drafts(conn, &indexed).await?;
    remove(conn, plan, progress).await
}

/// Gives every entity the import rewrites or removes a placeholder name (and its setup no
/// number), so that names and numbers can move between entities in one import.
async fn free_names(conn: &mut SqliteConnection, desk: &Bundle, plan: &Plan) -> Result<()> {
    // (kind, its key in the plan, table, id)
    let mut rows: Vec<(EntityKind, &str, &str, &str)> = Vec::new();
    rows.extend(desk.accounts.iter().map(|a| (EntityKind::Account, a.id.as_str(), "accounts", a.id.as_str())));
    rows.extend(desk.queues.iter().map(|q| {
        let key = if q.is_default { DEFAULT_QUEUE } else { q.id.as_str() };
        (EntityKind::Queue, key, "queues", q.id.as_str())
    }));
    rows.extend(desk.workstreams.iter().map(|w| (EntityKind::Workstream, w.id.as_str(), "workstreams", w.id.as_str())));
    rows.extend(
        desk.templates.iter().map(|t| (EntityKind::Template, t.id.as_str(), "template_families", t.id.as_str())),
    );
    for (kind, key, table, id) in rows {
        if !plan.writes(kind, key) && !plan.removed(kind).any(|r| r == key) {
            continue;
        }
        sqlx::query(&format!("UPDATE {table} SET name_key = char(1) || id WHERE id = ?"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        if kind == EntityKind::Workstream {
            sqlx::query("UPDATE whatsapp_setups SET number_id = NULL, status = 'draft' WHERE workstream_id = ?")
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

async fn write_account(conn: &mut SqliteConnection, a: &BundleAccount, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO accounts (id, name, name_key, channel, account_sid, auth_method, api_key_sid, status,
                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
         ON CONFLICT (id) DO UPDATE SET name = ?2, name_key = ?3, channel = ?4, account_sid = ?5, auth_method = ?6,
                api_key_sid = ?7, status = ?8, updated_at = ?9",
    )
    .bind(&a.id)
    .bind(&a.name)
    .bind(rules::name_key(&a.name))
    .bind(a.channel)
    .bind(&a.account_sid)
    .bind(a.auth_method)
    .bind(&a.api_key_sid)
    .bind(a.status)
    .bind(now)
    .execute(conn)
    .await
    .map(drop)
}

async fn write_number(
    conn: &mut SqliteConnection,
    account_id: &str,
    n: &BundleNumber,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let number = rules::phone_number(&n.number).unwrap_or_else(|_| n.number.clone());
    sqlx::query(
        "INSERT INTO whatsapp_numbers (id, account_id, name, number, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (id) DO UPDATE SET account_id = ?2, name = ?3, number = ?4, updated_at = ?5",
    )
    .bind(&n.id)
    .bind(account_id)
    .bind(&n.name)
    .bind(number)
    .bind(now)
    .execute(conn)
    .await
    .map(drop)
}

/// A queue; the bundle's default queue takes the place of the desk's, its workstreams with it.
async fn write_queue(
    conn: &mut SqliteConnection,
    desk: &Bundle,
    q: &BundleQueue,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let replaced = desk.queues.iter().find(|d| d.is_default && q.is_default && d.id != q.id);
    if let Some(old) = replaced {
        sqlx::query("UPDATE queues SET is_default = 0, name_key = char(1) || id WHERE id = ?")
            .bind(&old.id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "INSERT INTO queues (id, name, name_key, kind, is_default, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (id) DO UPDATE SET name = ?2, name_key = ?3, kind = ?4, is_default = ?5, updated_at = ?6",
    )
    .bind(&q.id)
    .bind(&q.name)
    .bind(rules::name_key(&q.name))
    .bind(q.kind)
    .bind(q.is_default)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if let Some(old) = replaced {
        sqlx::query("UPDATE workstreams SET fallback_queue_id = ? WHERE fallback_queue_id = ?")
            .bind(&q.id)
            .bind(&old.id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM queues WHERE id = ?").bind(&old.id).execute(&mut *conn).await?;
    }
    Ok(())
}

async fn write_workstream(conn: &mut SqliteConnection, w: &BundleWorkstream, now: DateTime<Utc>) -> sqlx::Result<()> {
    let d = &w.distribution;
    let (capacity_kind, units, profile) = match &d.capacity {
        Capacity::Unit { units } => ("unit", Some(*units), None),
        Capacity::Profile { profile } => ("profile", None, Some(profile.as_str())),
    };
    let (wrap_up_kind, wrap_up_minutes) = match d.wrap_up {
        WrapUp::Always => ("always", None),
        WrapUp::Custom { minutes } => ("custom", Some(minutes)),
        WrapUp::DontBlock => ("dont_block", None),
    };
    let a = &w.advanced;
    sqlx::query(
        "INSERT INTO workstreams (id, name, name_key, kind, channel, mode, fallback_queue_id, auto_close_minutes,
                capacity_kind, capacity_units, capacity_profile, wrap_up_kind, wrap_up_minutes, allowed_presences,
                skill_matching, keep_same_agent, bot_name, session_template, agent_notification_template,
                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)
         ON CONFLICT (id) DO UPDATE SET name = ?2, name_key = ?3, fallback_queue_id = ?7, auto_close_minutes = ?8,
                capacity_kind = ?9, capacity_units = ?10, capacity_profile = ?11, wrap_up_kind = ?12,
                wrap_up_minutes = ?13, allowed_presences = ?14, skill_matching = ?15, keep_same_agent = ?16,
                bot_name = ?17, session_template = ?18, agent_notification_template = ?19, updated_at = ?20",
    )
    .bind(&w.id)
    .bind(&w.name)
    .bind(rules::name_key(&w.name))
    .bind(w.kind)
    .bind(w.channel)
    .bind(w.mode)
    .bind(&w.fallback_queue_id)
    .bind(d.auto_close_after_minutes)
    .bind(capacity_kind)
    .bind(units)
    .bind(profile)
    .bind(wrap_up_kind)
    .bind(wrap_up_minutes)
    .bind(Json(&d.allowed_presences))
    .bind(d.skill_matching)
    .bind(d.keep_same_agent)
    .bind(&a.bot_name)
    .bind(&a.session_template)
    .bind(&a.agent_notification_template)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    workstreams::write_lists(conn, &w.id, &a.context_variables, &a.quick_replies).await?;
    let Some(s) = &w.whatsapp else {
        sqlx::query("DELETE FROM whatsapp_setups WHERE workstream_id = ?").bind(&w.id).execute(&mut *conn).await?;
        return Ok(());
    };
    let last_step = (s.status == SetupStatus::Active).then_some(SetupStep::Summary);
    let (b, at) = (&s.behaviours, &s.attachments);
    sqlx::query(
        "INSERT INTO whatsapp_setups (workstream_id, status, number_id, language, survey_enabled, survey_reference,
                survey_message, survey_delivery, attachments_enabled, attachments_customers, attachments_agents,
                last_step, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
         ON CONFLICT (workstream_id) DO UPDATE SET status = ?2, number_id = ?3, language = ?4, survey_enabled = ?5,
                survey_reference = ?6, survey_message = ?7, survey_delivery = ?8, attachments_enabled = ?9,
                attachments_customers = ?10, attachments_agents = ?11, last_step = ?12, updated_at = ?13",
    )
    .bind(&w.id)
    .bind(s.status)
    .bind(&s.number_id)
    .bind(&s.language)
    .bind(b.survey.enabled)
    .bind(&b.survey.reference)
    .bind(&b.survey.message)
    .bind(b.survey.delivery)
    .bind(at.enabled)
    .bind(at.customers)
    .bind(at.agents)
    .bind(last_step)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    setup::write_lists(conn, &w.id, &b.automated_messages, &b.templates).await?;
    Ok(())
}

async fn write_template(conn: &mut SqliteConnection, t: &BundleTemplate, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO template_families (id, name, name_key, category, account_id, created_at, updated_at, key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, (SELECT coalesce(max(key), 0) + 1 FROM template_families))
         ON CONFLICT (id) DO UPDATE SET name = ?2, name_key = ?3, category = ?4, account_id = ?5, updated_at = ?6",
    )
    .bind(&t.id)
    .bind(&t.name)
    .bind(rules::name_key(&t.name))
    .bind(t.category)
    .bind(&t.account_id)
    .bind(now)
    .execute(conn)
    .await
    .map(drop)
}

/// Writes a language, which the desk has in `family` (or not); returns its search id when it is
/// new to the desk, for the search index.
async fn write_language(
    conn: &mut SqliteConnection,
    template_id: &str,
    family: Option<&str>,
    l: &BundleLanguage,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<i64>> {
    match family {
        Some(family) if family == template_id => {
            sqlx::query(
                "UPDATE template_drafts SET language = ?, revision = ?, content = ?, variables = ?, status = ?,
                        content_sid = ?, approval_status = ?, updated_at = ?
                 WHERE id = ?",
            )
            .bind(&l.language)
            .bind(l.revision)
            .bind(Json(&l.content))
            .bind(Json(&l.variables))
            .bind(l.status)
            .bind(&l.content_sid)
            .bind(&l.approval_status)
            .bind(now)
            .bind(&l.id)
            .execute(&mut *conn)
            .await?;
            return Ok(None);
        }
        // Moved to another template: its search id carries the old template's key.
        Some(_) => {
            sqlx::query("DELETE FROM template_drafts WHERE id = ?").bind(&l.id).execute(&mut *conn).await?;
        }
        None => {}
    }
    let published = l.status == DraftStatus::Published;
    let search_id: i64 = sqlx::query_scalar(
        "INSERT INTO template_drafts (search_id, id, family_id, language, revision, content, variables, status,
                content_sid, approval_status, created_at, updated_at)
         VALUES ((SELECT coalesce((SELECT max(search_id) + 1 FROM template_drafts WHERE family_id = f.id), key << 20)
                  FROM template_families f WHERE f.id = ?1),
                 ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         RETURNING search_id",
    )
    .bind(template_id)
    .bind(&l.id)
    .bind(&l.language)
    .bind(l.revision)
    .bind(Json(&l.content))
    .bind(Json(&l.variables))
    .bind(l.status)
    .bind(l.content_sid.as_deref().filter(|_| published))
    .bind(&l.approval_status)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(search_id))
}

/// With `Replace`, what the bundle lacks: each kind after the kinds that refer to it.
async fn remove(conn: &mut SqliteConnection, plan: &Plan, progress: &mut Progress<'_>) -> Result<bool> {
    for (kind, table) in [
        (EntityKind::TemplateLanguage, "template_drafts"),
        (EntityKind::Template, "template_families"),
        (EntityKind::Workstream, "workstreams"),
        (EntityKind::Queue, "queues"),
        (EntityKind::Number, "whatsapp_numbers"),
        (EntityKind::Account, "accounts"),
    ] {
        for id in plan.removed(kind) {
            sqlx::query(&format!("DELETE FROM {table} WHERE id = ?")).bind(id).execute(&mut *conn).await?;
            if !progress.step() {
                return Ok(false);
            }
        }
    }
    Ok(true)
}
