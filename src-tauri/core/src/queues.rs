//! Queues: where a workstream's work waits for an agent. Every desk starts with the default
//! messaging queue, which can be renamed but not deleted; a queue that is some workstream's
//! fallback queue cannot be deleted either.

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{Error, Named, Result};
use crate::model::{Queue, QueueInput, QueueKind};
use crate::rules;

pub struct Queues {
    pool: SqlitePool,
}

#[derive(sqlx::FromRow)]
struct QueueRow {
    id: String,
    name: String,
    kind: QueueKind,
    is_default: bool,
    used_by: sqlx::types::Json<Vec<String>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT q.id, q.name, q.kind, q.is_default, q.created_at, q.updated_at,
        (SELECT json_group_array(name) FROM (SELECT w.name FROM workstreams w
          WHERE w.fallback_queue_id = q.id ORDER BY w.name COLLATE NOCASE, w.id)) AS used_by
    FROM queues q";

impl From<QueueRow> for Queue {
    fn from(r: QueueRow) -> Self {
        Queue {
            id: r.id,
            name: r.name,
            kind: r.kind,
            is_default: r.is_default,
            used_by: r.used_by.0,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

impl Queues {
    pub(crate) fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    /// Every queue, the default first, then by name.
    pub async fn list(&self) -> Result<Vec<Queue>> {
        let rows: Vec<QueueRow> =
            sqlx::query_as(&format!("{SELECT} ORDER BY q.is_default DESC, q.name COLLATE NOCASE, q.id"))
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(Queue::from).collect())
    }

    pub async fn create(&self, input: QueueInput) -> Result<Queue> {
        let name = rules::name("queueName", &input.name)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if let Some(taken) = taken(&mut tx, &name, None).await? {
            return Err(Error::duplicate(Named::Queue, "queueName", &taken));
        }
        let id = insert(&mut tx, &name, input.kind).await?;
        let queue = load(&mut tx, &id).await?;
        tx.commit().await?;
        log::info!("created queue {id}");
        Ok(queue)
    }

    pub async fn rename(&self, id: &str, name: &str) -> Result<Queue> {
        let name = rules::name("queueName", name)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        load(&mut tx, id).await?;
        if let Some(taken) = taken(&mut tx, &name, Some(id)).await? {
            return Err(Error::duplicate(Named::Queue, "queueName", &taken));
        }
        sqlx::query("UPDATE queues SET name = ?, name_key = ?, updated_at = ? WHERE id = ?")
            .bind(&name)
            .bind(rules::name_key(&name))
            .bind(Utc::now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let queue = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok(queue)
    }

    /// Deletes a queue that is neither the default one nor any workstream's fallback queue.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let queue = load(&mut tx, id).await?;
        if queue.is_default {
            return Err(Error::default_queue());
        }
        if !queue.used_by.is_empty() {
            return Err(Error::queue_in_use(&queue.used_by));
        }
        sqlx::query("DELETE FROM queues WHERE id = ?").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        log::info!("deleted queue {id}");
        Ok(())
    }
}

/// Adds a queue named `name`, which the caller checked against the rules and found free, in the
/// caller's transaction. Returns its id.
pub(crate) async fn insert(conn: &mut SqliteConnection, name: &str, kind: QueueKind) -> Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO queues (id, name, name_key, kind, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
    )
    .bind(&id)
    .bind(name)
    .bind(rules::name_key(name))
    .bind(kind)
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The name, as written there, of a queue other than `except` that has `name` whatever the case.
pub(crate) async fn taken(conn: &mut SqliteConnection, name: &str, except: Option<&str>) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT name FROM queues WHERE name_key = ? AND id IS NOT ?")
        .bind(rules::name_key(name))
        .bind(except)
        .fetch_optional(&mut *conn)
        .await?)
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: &str) -> Result<Queue> {
    let row: Option<QueueRow> =
        sqlx::query_as(&format!("{SELECT} WHERE q.id = ?")).bind(id).fetch_optional(&mut *conn).await?;
    row.map(Queue::from).ok_or_else(Error::queue_not_found)
}

/// Whether a queue has this id.
pub(crate) async fn exists(conn: &mut SqliteConnection, id: &str) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM queues WHERE id = ?)").bind(id).fetch_one(&mut *conn).await?)
}
