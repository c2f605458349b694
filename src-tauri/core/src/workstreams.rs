//! Workstreams: a messaging channel's routing and work-distribution settings. The mode (push or
//! pick) is set at creation and never changes; the WhatsApp setup that binds a number to the
//! workstream is in [`crate::setup`].

use chrono::{DateTime, Utc};
use sqlx::types::Json;
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{Error, Named, Problems, Result};
use crate::model::{
    AdvancedSettings, Capacity, Channel, ContextVariable, DistributionMode, FallbackQueueInput, NewWorkstreamInput,
    Presence, QueueKind, QueueRef, QuickReply, SetupStatus, SkillMatching, VariableKind, WorkDistribution, Workstream,
    WorkstreamDeletion, WorkstreamDetailsInput, WorkstreamKind, WorkstreamSummary, WrapUp,
};
use crate::rules::{self, NAME_MAX};
use crate::{queues, setup};

/// Auto-close after inactivity and a custom wrap-up: at most 30 days, in minutes.
pub const MINUTES_MAX: i32 = 43_200;
pub const CAPACITY_UNITS_MAX: i32 = 10_000;

pub struct Workstreams {
    pool: SqlitePool,
}

#[derive(sqlx::FromRow)]
struct WorkstreamRow {
    id: String,
    name: String,
    kind: WorkstreamKind,
    channel: Channel,
    mode: DistributionMode,
    fallback_queue_id: String,
    fallback_queue_name: String,
    auto_close_minutes: i32,
    capacity_kind: String,
    capacity_units: Option<i32>,
    capacity_profile: Option<String>,
    wrap_up_kind: String,
    wrap_up_minutes: Option<i32>,
    allowed_presences: Json<Vec<Presence>>,
    skill_matching: SkillMatching,
    keep_same_agent: bool,
    bot_name: Option<String>,
    session_template: Option<String>,
    agent_notification_template: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    name: String,
    mode: DistributionMode,
    fallback_queue_id: String,
    fallback_queue_name: String,
    setup_status: Option<SetupStatus>,
    number: Option<String>,
    updated_at: DateTime<Utc>,
}

impl Workstreams {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn list(&self) -> Result<Vec<WorkstreamSummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT w.id, w.name, w.mode, w.fallback_queue_id, q.name AS fallback_queue_name,
                    s.status AS setup_status, n.number, w.updated_at
             FROM workstreams w
             JOIN queues q ON q.id = w.fallback_queue_id
             LEFT JOIN whatsapp_setups s ON s.workstream_id = w.id
             LEFT JOIN whatsapp_numbers n ON n.id = s.number_id
             ORDER BY w.name COLLATE NOCASE, w.id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| WorkstreamSummary {
                id: r.id,
                name: r.name,
                mode: r.mode,
                fallback_queue: QueueRef { id: r.fallback_queue_id, name: r.fallback_queue_name },
                setup_status: r.setup_status,
                number: r.number,
                updated_at: r.updated_at,
            })
            .collect())
    }

    pub async fn get(&self, id: &str) -> Result<Workstream> {
        load(&mut *self.pool.acquire().await?, id).await
    }

    /// Creates a workstream with the default work distribution, and its fallback queue too when
    /// it is a new one, in one transaction.
    pub async fn create(&self, input: NewWorkstreamInput) -> Result<Workstream> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut problems = Problems::default();
        let name = problems.check(rules::workstream_name(&input.name));
        if let Some(name) = &name {
            if let Some(taken) = taken(&mut tx, name, None).await? {
                problems.push(Error::duplicate(Named::Workstream, "workstreamName", &taken));
            }
        }
        let fallback = match &input.fallback_queue {
            FallbackQueueInput::Existing { id } => {
                problems.check(existing_queue(&mut tx, id).await?).map(|()| Fallback::Existing(id.clone()))
            }
            FallbackQueueInput::New { name } => match problems.check(rules::name("fallbackQueueName", name)) {
                Some(name) => match queues::taken(&mut tx, &name, None).await? {
                    Some(taken) => {
                        problems.push(Error::duplicate(Named::Queue, "fallbackQueueName", &taken));
                        None
                    }
                    None => Some(Fallback::New(name)),
                },
                None => None,
            },
        };
        problems.done()?;
        let (Some(name), Some(fallback)) = (name, fallback) else { unreachable!("problems were refused above") };
        let queue_id = match fallback {
            Fallback::Existing(id) => id,
            Fallback::New(name) => queues::insert(&mut tx, &name, QueueKind::Messaging).await?,
        };
        let id = uuid::Uuid::new_v4().to_string();
        let now = Utc::now();
        sqlx::query(
            "INSERT INTO workstreams (id, name, name_key, kind, channel, mode, fallback_queue_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&name)
        .bind(rules::name_key(&name))
        .bind(input.kind)
        .bind(input.channel)
        .bind(input.mode)
        .bind(&queue_id)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let workstream = load(&mut tx, &id).await?;
        tx.commit().await?;
        log::info!("created workstream {id}");
        Ok(workstream)
    }

    /// Saves the name and the fallback queue. The mode must be the one the workstream was
    /// created with.
    pub async fn save_details(&self, id: &str, input: WorkstreamDetailsInput) -> Result<Workstream> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mode = mode_of(&mut tx, id).await?;
        let mut problems = Problems::default();
        let name = problems.check(rules::workstream_name(&input.name));
        if let Some(name) = &name {
            if let Some(taken) = taken(&mut tx, name, Some(id)).await? {
                problems.push(Error::duplicate(Named::Workstream, "workstreamName", &taken));
            }
        }
        if input.mode != mode {
            problems.push(Error::mode_locked());
        }
        problems.check(existing_queue(&mut tx, &input.fallback_queue_id).await?);
        problems.done()?;
        let name = name.expect("checked above");
        sqlx::query(
            "UPDATE workstreams SET name = ?, name_key = ?, fallback_queue_id = ?, updated_at = ? WHERE id = ?",
        )
        .bind(&name)
        .bind(rules::name_key(&name))
        .bind(&input.fallback_queue_id)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let workstream = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok(workstream)
    }

    pub async fn save_distribution(&self, id: &str, d: WorkDistribution) -> Result<Workstream> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mode = mode_of(&mut tx, id).await?;
        let mut problems = Problems::default();
        problems.check(rules::whole("autoCloseAfterMinutes", d.auto_close_after_minutes, 1, MINUTES_MAX));
        let (capacity_kind, units, profile) = match &d.capacity {
            Capacity::Unit { units } => {
                ("unit", problems.check(rules::whole("capacityUnits", *units, 0, CAPACITY_UNITS_MAX)), None)
            }
            Capacity::Profile { profile } => {
                ("profile", None, problems.check(rules::text("capacityProfile", profile, NAME_MAX)))
            }
        };
        let (wrap_up_kind, wrap_up_minutes) = match &d.wrap_up {
            WrapUp::Always => ("always", None),
            WrapUp::Custom { minutes } => {
                ("custom", problems.check(rules::whole("wrapUpMinutes", *minutes, 1, MINUTES_MAX)))
            }
            WrapUp::DontBlock => ("dont_block", None),
        };
        let mut presences = d.allowed_presences.clone();
        presences.sort();
        presences.dedup();
        if presences.is_empty() {
            problems.push(Error::none_chosen("allowedPresences"));
        }
        if d.keep_same_agent && mode == DistributionMode::Pick {
            problems.push(Error::push_only("keepSameAgent"));
        }
        problems.done()?;
        sqlx::query(
            "UPDATE workstreams SET auto_close_minutes = ?, capacity_kind = ?, capacity_units = ?, capacity_profile = ?,
                    wrap_up_kind = ?, wrap_up_minutes = ?, allowed_presences = ?, skill_matching = ?,
                    keep_same_agent = ?, updated_at = ?
             WHERE id = ?",
        )
        .bind(d.auto_close_after_minutes)
        .bind(capacity_kind)
        .bind(units)
        .bind(profile)
        .bind(wrap_up_kind)
        .bind(wrap_up_minutes)
        .bind(Json(&presences))
        .bind(d.skill_matching)
        .bind(d.keep_same_agent)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let workstream = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok(workstream)
    }

    pub async fn save_advanced(&self, id: &str, a: AdvancedSettings) -> Result<Workstream> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mode = mode_of(&mut tx, id).await?;
        let mut problems = Problems::default();
        let optional =
            |field: &str, value: &Option<String>| rules::optional_text(field, value.as_deref().unwrap_or(""), NAME_MAX);
        let bot_name = problems.check(optional("botName", &a.bot_name)).flatten();
        if bot_name.is_some() && mode == DistributionMode::Pick {
            problems.push(Error::push_only("botName"));
        }
        let session_template = problems.check(optional("sessionTemplate", &a.session_template)).flatten();
        let agent_notification_template =
            problems.check(optional("agentNotificationTemplate", &a.agent_notification_template)).flatten();
        let mut variables = Vec::new();
        let mut seen: Vec<(String, String)> = Vec::new();
        for (i, v) in a.context_variables.iter().enumerate() {
            let field = format!("contextVariables.{i}.name");
            let Some(name) = problems.check(rules::name(&field, &v.name)) else { continue };
            let key = rules::name_key(&name);
            match seen.iter().find(|(k, _)| *k == key) {
                Some((_, first)) => problems.push(Error::duplicate(Named::ContextVariable, &field, first)),
                None => {
                    seen.push((key, name.clone()));
                    variables.push(ContextVariable { name, kind: v.kind });
                }
            }
        }
        let mut replies = Vec::new();
        for (i, r) in a.quick_replies.iter().enumerate() {
            let title = problems.check(rules::text(&format!("quickReplies.{i}.title"), &r.title, NAME_MAX));
            let text =
                problems.check(rules::text(&format!("quickReplies.{i}.text"), &r.text, rules::QUICK_REPLY_TEXT_MAX));
            if let (Some(title), Some(text)) = (title, text) {
                replies.push(QuickReply { title, text });
            }
        }
        problems.done()?;
        sqlx::query(
            "UPDATE workstreams SET bot_name = ?, session_template = ?, agent_notification_template = ?, updated_at = ?
             WHERE id = ?",
        )
        .bind(&bot_name)
        .bind(&session_template)
        .bind(&agent_notification_template)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        write_lists(&mut tx, id, &variables, &replies).await?;
        let workstream = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok(workstream)
    }

    /// "Copy of {name}" with every setting, and the WhatsApp setup's language, behaviours and
    /// user features, but not its number: a number serves one workstream, so the copy's setup is
    /// a draft.
    pub async fn copy(&self, id: &str) -> Result<Workstream> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let source = load(&mut tx, id).await?;
        let mut name = copy_name(&source.name, 1);
        for n in 2.. {
            if taken(&mut tx, &name, None).await?.is_none() {
                break;
            }
            name = copy_name(&source.name, n);
        }
        let copy = uuid::Uuid::new_v4().to_string();
        let now = Utc::now();
        sqlx::query(
            "INSERT INTO workstreams (id, name, name_key, kind, channel, mode, fallback_queue_id, auto_close_minutes,
                    capacity_kind, capacity_units, capacity_profile, wrap_up_kind, wrap_up_minutes, allowed_presences,
                    skill_matching, keep_same_agent, bot_name, session_template, agent_notification_template,
                    created_at, updated_at)
             SELECT ?, ?, ?, kind, channel, mode, fallback_queue_id, auto_close_minutes,
                    capacity_kind, capacity_units, capacity_profile, wrap_up_kind, wrap_up_minutes, allowed_presences,
                    skill_matching, keep_same_agent, bot_name, session_template, agent_notification_template, ?, ?
             FROM workstreams WHERE id = ?",
        )
        .bind(&copy)
        .bind(&name)
        .bind(rules::name_key(&name))
        .bind(now)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO context_variables (workstream_id, position, name, name_key, kind)
             SELECT ?, position, name, name_key, kind FROM context_variables WHERE workstream_id = ?",
        )
        .bind(&copy)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO quick_replies (workstream_id, position, title, text)
             SELECT ?, position, title, text FROM quick_replies WHERE workstream_id = ?",
        )
        .bind(&copy)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        setup::copy(&mut tx, id, &copy, now).await?;
        let workstream = load(&mut tx, &copy).await?;
        tx.commit().await?;
        log::info!("copied workstream {id} to {copy}");
        Ok(workstream)
    }

    /// What deleting the workstream removes with it.
    pub async fn deletion(&self, id: &str) -> Result<WorkstreamDeletion> {
        let w = self.get(id).await?;
        let count = |n: usize| n as u32;
        let (number, automated_messages, templates) = match w.whatsapp {
            Some(s) => (s.number, count(s.behaviours.automated_messages.len()), count(s.behaviours.templates.len())),
            None => (None, 0, 0),
        };
        Ok(WorkstreamDeletion {
            name: w.name,
            number,
            automated_messages,
            templates,
            context_variables: count(w.advanced.context_variables.len()),
            quick_replies: count(w.advanced.quick_replies.len()),
        })
    }

    /// Deletes the workstream with its WhatsApp setup and every setting, in one transaction. Its
    /// queues stay; its number stays in its account, free for another workstream.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let deleted = sqlx::query("DELETE FROM workstreams WHERE id = ?").bind(id).execute(&mut *tx).await?;
        if deleted.rows_affected() == 0 {
            return Err(Error::workstream_not_found());
        }
        tx.commit().await?;
        log::info!("deleted workstream {id}");
        Ok(())
    }
}

enum Fallback {
    Existing(String),
    New(String),
}

/// "Copy of {name}", cut to fit [`NAME_MAX`] characters, with " (n)" after it from n = 2.
pub fn copy_name(name: &str, n: u32) -> String {
    let suffix = if n > 1 { format!(" ({n})") } else { String::new() };
    let base: String = format!("Copy of {name}").chars().take(NAME_MAX - suffix.chars().count()).collect();
    format!("{}{suffix}", base.trim_end())
}

/// The name, as written there, of a workstream other than `except` that has `name` whatever the case.
async fn taken(conn: &mut SqliteConnection, name: &str, except: Option<&str>) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT name FROM workstreams WHERE name_key = ? AND id IS NOT ?")
        .bind(rules::name_key(name))
        .bind(except)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Whether the fallback queue chosen exists: the problem with it, if any, as the inner result.
async fn existing_queue(conn: &mut SqliteConnection, id: &str) -> Result<Result<()>> {
    if id.trim().is_empty() {
        return Ok(Err(Error::required("fallbackQueue")));
    }
    Ok(if queues::exists(conn, id).await? { Ok(()) } else { Err(Error::fallback_queue_not_found()) })
}

async fn mode_of(conn: &mut SqliteConnection, id: &str) -> Result<DistributionMode> {
    sqlx::query_scalar("SELECT mode FROM workstreams WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(Error::workstream_not_found)
}

/// Marks the workstream as changed now; fails when it does not exist.
/// The workstream's context variables and quick replies, in their order, in place of its old ones.
pub(crate) async fn write_lists(
    conn: &mut SqliteConnection,
    id: &str,
    variables: &[ContextVariable],
    replies: &[QuickReply],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM context_variables WHERE workstream_id = ?").bind(id).execute(&mut *conn).await?;
    for (position, v) in variables.iter().enumerate() {
        sqlx::query(
            "INSERT INTO context_variables (workstream_id, position, name, name_key, kind) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&v.name)
        .bind(rules::name_key(&v.name))
        .bind(v.kind)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM quick_replies WHERE workstream_id = ?").bind(id).execute(&mut *conn).await?;
    for (position, r) in replies.iter().enumerate() {
        sqlx::query("INSERT INTO quick_replies (workstream_id, position, title, text) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(position as i64)
            .bind(&r.title)
            .bind(&r.text)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(crate) async fn touch(conn: &mut SqliteConnection, id: &str, now: DateTime<Utc>) -> Result<()> {
    let changed = sqlx::query("UPDATE workstreams SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if changed.rows_affected() == 0 {
        return Err(Error::workstream_not_found());
    }
    Ok(())
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: &str) -> Result<Workstream> {
    let r: WorkstreamRow = sqlx::query_as(
        "SELECT w.id, w.name, w.kind, w.channel, w.mode, w.fallback_queue_id, q.name AS fallback_queue_name,
                w.auto_close_minutes, w.capacity_kind, w.capacity_units, w.capacity_profile, w.wrap_up_kind,
                w.wrap_up_minutes, w.allowed_presences, w.skill_matching, w.keep_same_agent, w.bot_name,
                w.session_template, w.agent_notification_template, w.created_at, w.updated_at
         FROM workstreams w JOIN queues q ON q.id = w.fallback_queue_id
         WHERE w.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(Error::workstream_not_found)?;
    let context_variables: Vec<(String, VariableKind)> =
        sqlx::query_as("SELECT name, kind FROM context_variables WHERE workstream_id = ? ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let quick_replies: Vec<(String, String)> =
        sqlx::query_as("SELECT title, text FROM quick_replies WHERE workstream_id = ? ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let whatsapp = setup::load(&mut *conn, id).await?;
    let capacity = match (r.capacity_kind.as_str(), r.capacity_units, r.capacity_profile) {
        ("profile", _, Some(profile)) => Capacity::Profile { profile },
        (_, units, _) => Capacity::Unit { units: units.unwrap_or(1) },
    };
    let wrap_up = match (r.wrap_up_kind.as_str(), r.wrap_up_minutes) {
        ("custom", Some(minutes)) => WrapUp::Custom { minutes },
        ("dont_block", _) => WrapUp::DontBlock,
        _ => WrapUp::Always,
    };
    Ok(Workstream {
        id: r.id,
        name: r.name,
        kind: r.kind,
        channel: r.channel,
        mode: r.mode,
        fallback_queue: QueueRef { id: r.fallback_queue_id, name: r.fallback_queue_name },
        distribution: WorkDistribution {
            auto_close_after_minutes: r.auto_close_minutes,
            capacity,
            wrap_up,
            allowed_presences: r.allowed_presences.0,
            skill_matching: r.skill_matching,
            keep_same_agent: r.keep_same_agent,
        },
        advanced: AdvancedSettings {
            bot_name: r.bot_name,
            session_template: r.session_template,
            agent_notification_template: r.agent_notification_template,
            context_variables: context_variables
                .into_iter()
                .map(|(name, kind)| ContextVariable { name, kind })
                .collect(),
            quick_replies: quick_replies.into_iter().map(|(title, text)| QuickReply { title, text }).collect(),
        },
        whatsapp,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}
