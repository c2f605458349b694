//! The Applies this desk made in Twilio, kept in SQLite: what drift compares against, and what
//! "Restore previous" writes back.

use std::collections::HashMap;

use chrono::Utc;

use crate::accounts::Accounts;
use crate::error::Result;
use crate::model::{AppliedRoute, RouteKind, WhatsAppNumber};

/// A number's last Apply, unless it was undone, with the row that keeps it.
#[derive(sqlx::FromRow)]
pub(super) struct Applied {
    id: i64,
    #[sqlx(flatten)]
    pub route: AppliedRoute,
}

/// Keeps an Apply that Twilio accepted: `inbound_url` written to `kind`'s `twilio_sid` in place of
/// `replaced`.
pub(super) async fn record(
    accounts: &Accounts,
    number: &WhatsAppNumber,
    kind: RouteKind,
    twilio_sid: &str,
    inbound_url: &str,
    replaced: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO applied_routes (number_id, number, kind, twilio_sid, inbound_url, replaced_url, applied_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&number.id)
    .bind(&number.number)
    .bind(kind)
    .bind(twilio_sid)
    .bind(inbound_url)
    .bind(replaced)
    .bind(Utc::now())
    .execute(accounts.pool())
    .await?;
    Ok(())
}

/// The last Apply of each of the account's numbers, by number ID: only those not undone since,
/// and made while the number had the value it has now.
pub(super) async fn active(accounts: &Accounts, account_id: &str) -> Result<HashMap<String, Applied>> {
    let rows: Vec<Applied> = sqlx::query_as(
        "SELECT r.id, r.number_id, r.kind, r.twilio_sid, r.inbound_url, r.replaced_url, r.applied_at
         FROM applied_routes r JOIN whatsapp_numbers n ON n.id = r.number_id
         WHERE n.account_id = ? AND r.number = n.number AND r.restored_at IS NULL
           AND r.id = (SELECT MAX(id) FROM applied_routes WHERE number_id = r.number_id)",
    )
    .bind(account_id)
    .fetch_all(accounts.pool())
    .await?;
    Ok(rows.into_iter().map(|row| (row.route.number_id.clone(), row)).collect())
}

/// Marks the Apply as undone: its number counts as not applied from now on.
pub(super) async fn mark_restored(accounts: &Accounts, applied: &Applied) -> Result<()> {
    sqlx::query("UPDATE applied_routes SET restored_at = ? WHERE id = ?")
        .bind(Utc::now())
        .bind(applied.id)
        .execute(accounts.pool())
        .await?;
    Ok(())
}
