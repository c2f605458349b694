//! Writing the desk's configuration as a bundle, from one snapshot of the database.

use sqlx::{Connection, SqliteConnection, SqlitePool};

use super::format::*;
use crate::error::Result;
use crate::model::{Account, Queue, TemplateFamily, Workstream};
use crate::{accounts, library, queues, workstreams};

pub struct Bundles {
    pub(super) pool: SqlitePool,
}

impl Bundles {
    pub fn new(pool: SqlitePool) -> Self {
        Self { pool }
    }

    /// The whole configuration, read in one transaction, so that a write beside it is either
    /// all in the bundle or not at all.
    pub async fn export(&self) -> Result<Bundle> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = conn.begin().await?;
        let bundle = read(&mut tx).await?;
        tx.commit().await?;
        Ok(bundle)
    }
}

/// The desk as a bundle, read on `conn`: call it inside a transaction for one snapshot.
pub(super) async fn read(conn: &mut SqliteConnection) -> Result<Bundle> {
    let callback_base_url: Option<String> =
        sqlx::query_scalar("SELECT callback_base_url FROM desk").fetch_one(&mut *conn).await?;
    let mut accounts = Vec::new();
    for id in ids(conn, "accounts").await? {
        accounts.push(BundleAccount::from(accounts::load(conn, &id).await?));
    }
    let mut queues = Vec::new();
    for id in ids(conn, "queues").await? {
        queues.push(BundleQueue::from(queues::load(conn, &id).await?));
    }
    let mut workstreams = Vec::new();
    for id in ids(conn, "workstreams").await? {
        workstreams.push(BundleWorkstream::from(workstreams::load(conn, &id).await?));
    }
    let mut templates = Vec::new();
    for id in ids(conn, "template_families").await? {
        templates.push(BundleTemplate::from(library::load(conn, &id).await?));
    }
    Ok(Bundle {
        schema: SCHEMA_VERSION,
        settings: BundleSettings { callback_base_url },
        accounts,
        queues,
        workstreams,
        templates,
        secrets: None,
    })
}

/// The ids of a table's rows, in order: the order of the bundle's lists.
async fn ids(conn: &mut SqliteConnection, table: &'static str) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(&format!("SELECT id FROM {table} ORDER BY id")).fetch_all(conn).await?)
}

impl From<Account> for BundleAccount {
    fn from(a: Account) -> Self {
        let mut numbers: Vec<BundleNumber> =
            a.numbers.into_iter().map(|n| BundleNumber { id: n.id, name: n.name, number: n.number }).collect();
        numbers.sort_by(|x, y| x.id.cmp(&y.id));
        BundleAccount {
            id: a.id,
            name: a.name,
            channel: a.channel,
            status: a.status,
            account_sid: a.account_sid,
            auth_method: a.auth_method,
            api_key_sid: a.api_key_sid,
            numbers,
        }
    }
}

impl From<Queue> for BundleQueue {
    fn from(q: Queue) -> Self {
        BundleQueue { id: q.id, name: q.name, kind: q.kind, is_default: q.is_default }
    }
}

impl From<Workstream> for BundleWorkstream {
    fn from(w: Workstream) -> Self {
        BundleWorkstream {
            id: w.id,
            name: w.name,
            kind: w.kind,
            channel: w.channel,
            mode: w.mode,
            fallback_queue_id: w.fallback_queue.id,
            distribution: w.distribution,
            advanced: w.advanced,
            whatsapp: w.whatsapp.map(|s| BundleSetup {
                status: s.status,
                number_id: s.number.map(|n| n.id),
                language: s.language,
                behaviours: s.behaviours,
                attachments: s.attachments,
            }),
        }
    }
}

impl From<TemplateFamily> for BundleTemplate {
    fn from(f: TemplateFamily) -> Self {
        BundleTemplate {
            id: f.id,
            name: f.name,
            category: f.category,
            account_id: f.account_id,
            languages: f
                .drafts
                .into_iter()
                .map(|d| BundleLanguage {
                    id: d.id,
                    language: d.language,
                    revision: d.revision,
                    status: d.status,
                    content: d.content,
                    variables: d.variables,
                    content_sid: d.content_sid,
                    approval_status: d.approval_status,
                })
                .collect(),
        }
    }
}
