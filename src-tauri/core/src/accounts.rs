//! Messaging accounts: the wizard's drafts, their numbers, completion and deletion.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    next_step, Account, AccountDetailsInput, AccountStatus, AccountSummary, AuthMethod, Channel, ChannelDetailsInput,
    DriftCheck, NumberInput, Verification, VerificationOutcome, WhatsAppNumber,
};
use crate::secrets::{secret_key, Secret, SecretStore};
use crate::twilio::Credentials;
use crate::validate;

pub struct Accounts {
    pool: SqlitePool,
    secrets: Arc<dyn SecretStore>,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: String,
    name: String,
    channel: Channel,
    account_sid: Option<String>,
    auth_method: AuthMethod,
    api_key_sid: Option<String>,
    secret_stored: bool,
    status: AccountStatus,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    name: String,
    account_sid: Option<String>,
    secret_stored: bool,
    status: AccountStatus,
    updated_at: DateTime<Utc>,
    number_count: i64,
    verification: Option<VerificationOutcome>,
    drift_outcome: Option<crate::model::DriftOutcome>,
    drift_checked_at: Option<DateTime<Utc>>,
    drift_numbers: Option<sqlx::types::Json<Vec<String>>>,
    drift_message: Option<String>,
}

impl Accounts {
    pub fn new(pool: SqlitePool, secrets: Arc<dyn SecretStore>) -> Self {
        Self { pool, secrets }
    }

    pub async fn list(&self) -> Result<Vec<AccountSummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT a.id, a.name, a.account_sid, a.secret_stored, a.status, a.updated_at,
                    (SELECT COUNT(*) FROM whatsapp_numbers n WHERE n.account_id = a.id) AS number_count,
                    v.outcome AS verification, d.outcome AS drift_outcome, d.checked_at AS drift_checked_at,
                    d.drifted_numbers AS drift_numbers, d.message AS drift_message
             FROM accounts a
             LEFT JOIN verifications v ON v.account_id = a.id
             LEFT JOIN drift_checks d ON d.account_id = a.id
             ORDER BY a.name COLLATE NOCASE",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AccountSummary {
                next_step: next_step(r.account_sid.as_deref(), r.secret_stored, r.number_count, r.status),
                drift: match (r.drift_outcome, r.drift_checked_at) {
                    (Some(outcome), Some(checked_at)) => Some(DriftCheck {
                        outcome,
                        checked_at,
                        drifted_numbers: r.drift_numbers.map(|j| j.0).unwrap_or_default(),
                        message: r.drift_message,
                    }),
                    _ => None,
                },
                id: r.id,
                name: r.name,
                account_sid: r.account_sid,
                number_count: r.number_count,
                status: r.status,
                verification: r.verification,
                updated_at: r.updated_at,
            })
            .collect())
    }

    pub async fn get(&self, id: &str) -> Result<Account> {
        let mut conn = self.pool.acquire().await?;
        load(&mut conn, id).await
    }

    /// The first page of the wizard: creates the account as a draft.
    pub async fn create_draft(&self, input: ChannelDetailsInput) -> Result<Account> {
        let name = validate::account_name(&input.name)?;
        let id = uuid::Uuid::new_v4().to_string();
        let now = Utc::now();
        let mut conn = self.pool.acquire().await?;
        sqlx::query(
            "INSERT INTO accounts (id, name, channel, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&name)
        .bind(input.channel)
        .bind(AccountStatus::Draft)
        .bind(now)
        .bind(now)
        .execute(&mut *conn)
        .await
        .map_err(|err| duplicate_name(err, &name))?;
        log::info!("created draft account {id}");
        load(&mut conn, &id).await
    }

    pub async fn update_channel_details(&self, id: &str, input: ChannelDetailsInput) -> Result<Account> {
        let name = validate::account_name(&input.name)?;
        let mut conn = self.pool.acquire().await?;
        let changed = sqlx::query("UPDATE accounts SET name = ?, channel = ?, updated_at = ? WHERE id = ?")
            .bind(&name)
            .bind(input.channel)
            .bind(Utc::now())
            .bind(id)
            .execute(&mut *conn)
            .await
            .map_err(|err| duplicate_name(err, &name))?;
        found(changed.rows_affected())?;
        load(&mut conn, id).await
    }

    /// Saves the Account SID and how to sign in: the Auth token, or an API key whose secret
    /// goes into the keyring. A secret left `null` keeps the one already stored for that method.
    pub async fn save_account_details(&self, id: &str, input: AccountDetailsInput) -> Result<Account> {
        let account_sid = validate::account_sid(&input.account_sid)?;
        let (api_key_sid, given, field) = match input.auth_method {
            AuthMethod::AuthToken => (None, input.auth_token, "authToken"),
            AuthMethod::ApiKey => (
                Some(validate::api_key_sid(input.api_key_sid.as_deref().unwrap_or(""))?),
                input.api_key_secret,
                "apiKeySecret",
            ),
        };
        let secret = given.map(|s| validate::secret(field, s.expose()).map(Secret::new)).transpose()?;
        let mut tx = self.pool.begin().await?;
        let account = load(&mut tx, id).await?;
        let keeps_secret = account.auth_method == input.auth_method && account.secret_stored;
        if secret.is_none() && !keeps_secret {
            return Err(validate::secret(field, "").unwrap_err());
        }
        let changed = account.account_sid.as_deref() != Some(account_sid.as_str())
            || account.auth_method != input.auth_method
            || account.api_key_sid != api_key_sid
            || secret.is_some();
        if !changed {
            return Ok(account);
        }
        sqlx::query(
            "UPDATE accounts SET account_sid = ?, auth_method = ?, api_key_sid = ?, secret_stored = 1, updated_at = ?
             WHERE id = ?",
        )
        .bind(&account_sid)
        .bind(input.auth_method)
        .bind(&api_key_sid)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Answers about other credentials say nothing about these.
        sqlx::query("DELETE FROM verifications WHERE account_id = ?").bind(id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM drift_checks WHERE account_id = ?").bind(id).execute(&mut *tx).await?;
        let saved = load(&mut tx, id).await?;
        if let Some(secret) = &secret {
            let key = secret_key(id, input.auth_method);
            let previous = self.secrets.get(&key)?;
            self.secrets.set(&key, secret)?;
            if let Err(err) = tx.commit().await {
                match previous {
                    Some(previous) => self.restore(vec![(key, previous)]),
                    None => {
                        self.secrets.delete(&key).unwrap_or_else(|e| log::error!("could not undo a keyring write: {e}"))
                    }
                }
                return Err(err.into());
            }
        } else {
            tx.commit().await?;
        }
        if account.auth_method != input.auth_method {
            // The saved details no longer use it; a failure here leaves an unused entry, not a broken account.
            if let Err(err) = self.secrets.delete(&secret_key(id, account.auth_method)) {
                log::error!("could not remove the unused secret of account {id}: {err}");
            }
        }
        log::info!("saved account details of {id}");
        Ok(saved)
    }

    /// What a Twilio request for this account signs in with, read from the keyring.
    pub async fn credentials(&self, id: &str) -> Result<Credentials> {
        let account = self.get(id).await?;
        let missing = || {
            Error::on(
                ErrorCode::CredentialsMissing,
                "accountSid",
                "Save the Account SID and its Auth token or API key on the Account details page first.",
            )
        };
        let account_sid = account.account_sid.ok_or_else(missing)?;
        let password = self.secrets.get(&secret_key(id, account.auth_method))?.ok_or_else(missing)?;
        let username = match account.auth_method {
            AuthMethod::AuthToken => account_sid.clone(),
            AuthMethod::ApiKey => account.api_key_sid.ok_or_else(missing)?,
        };
        Ok(Credentials { account_sid, username, password })
    }

    /// Keeps a verification, unless the account changed since `as_of` (its `updated_at` when
    /// the check began): an answer about older credentials must not pass for one about these.
    /// Returns whether it was kept.
    pub async fn record_verification(&self, id: &str, as_of: DateTime<Utc>, v: &Verification) -> Result<bool> {
        let kept = sqlx::query(
            "INSERT OR REPLACE INTO verifications
                 (account_id, outcome, checked_at, friendly_name, status, account_type, error_code, message, warning)
             SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM accounts WHERE id = ? AND updated_at = ?",
        )
        .bind(v.outcome)
        .bind(v.checked_at)
        .bind(&v.friendly_name)
        .bind(&v.status)
        .bind(&v.account_type)
        .bind(v.error_code)
        .bind(&v.message)
        .bind(&v.warning)
        .bind(id)
        .bind(as_of)
        .execute(&self.pool)
        .await?;
        Ok(kept.rows_affected() == 1)
    }

    /// Forgets every drift check, as when the inbound URLs they compared against change.
    pub async fn forget_drift(&self) -> Result<()> {
        sqlx::query("DELETE FROM drift_checks").execute(&self.pool).await?;
        Ok(())
    }

    /// Keeps a drift check, unless the account changed since `as_of`; returns whether it was kept.
    pub async fn record_drift(&self, id: &str, as_of: DateTime<Utc>, check: &DriftCheck) -> Result<bool> {
        let kept = sqlx::query(
            "INSERT OR REPLACE INTO drift_checks (account_id, outcome, checked_at, drifted_numbers, message)
             SELECT id, ?, ?, ?, ? FROM accounts WHERE id = ? AND updated_at = ?",
        )
        .bind(check.outcome)
        .bind(check.checked_at)
        .bind(sqlx::types::Json(&check.drifted_numbers))
        .bind(&check.message)
        .bind(id)
        .bind(as_of)
        .execute(&self.pool)
        .await?;
        Ok(kept.rows_affected() == 1)
    }

    pub async fn add_number(&self, account_id: &str, input: NumberInput) -> Result<Account> {
        let (name, number) = (validate::number_name(&input.name)?, validate::phone_number(&input.number)?);
        let now = Utc::now();
        let mut tx = self.pool.begin().await?;
        touch(&mut tx, account_id, now).await?;
        sqlx::query(
            "INSERT INTO whatsapp_numbers (id, account_id, name, number, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(account_id)
        .bind(&name)
        .bind(&number)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|err| duplicate_number(err, &number))?;
        let account = load(&mut tx, account_id).await?;
        tx.commit().await?;
        Ok(account)
    }

    pub async fn update_number(&self, number_id: &str, input: NumberInput) -> Result<Account> {
        let (name, number) = (validate::number_name(&input.name)?, validate::phone_number(&input.number)?);
        let now = Utc::now();
        let mut tx = self.pool.begin().await?;
        let account_id = number_owner(&mut tx, number_id).await?;
        sqlx::query("UPDATE whatsapp_numbers SET name = ?, number = ?, updated_at = ? WHERE id = ?")
            .bind(&name)
            .bind(&number)
            .bind(now)
            .bind(number_id)
            .execute(&mut *tx)
            .await
            .map_err(|err| duplicate_number(err, &number))?;
        touch(&mut tx, &account_id, now).await?;
        let account = load(&mut tx, &account_id).await?;
        tx.commit().await?;
        Ok(account)
    }

    pub async fn remove_number(&self, number_id: &str) -> Result<Account> {
        let mut tx = self.pool.begin().await?;
        let account_id = number_owner(&mut tx, number_id).await?;
        let account = load(&mut tx, &account_id).await?;
        if account.status == AccountStatus::Complete && account.numbers.len() == 1 {
            return Err(Error::new(
                ErrorCode::LastNumber,
                "A complete account needs at least one WhatsApp number. Add another number before removing this one.",
            ));
        }
        sqlx::query("DELETE FROM whatsapp_numbers WHERE id = ?").bind(number_id).execute(&mut *tx).await?;
        touch(&mut tx, &account_id, Utc::now()).await?;
        let account = load(&mut tx, &account_id).await?;
        tx.commit().await?;
        Ok(account)
    }

    /// The wizard's Done: checks every page and marks the account complete.
    pub async fn complete(&self, id: &str) -> Result<Account> {
        let mut conn = self.pool.acquire().await?;
        let account = load(&mut conn, id).await?;
        if account.account_sid.is_none() {
            return Err(Error::on(
                ErrorCode::Incomplete,
                "accountSid",
                "Enter the Account SID on the Account details page.",
            ));
        }
        if !account.secret_stored {
            let field = match account.auth_method {
                AuthMethod::AuthToken => "authToken",
                AuthMethod::ApiKey => "apiKeySecret",
            };
            return Err(Error::on(
                ErrorCode::Incomplete,
                field,
                "Enter the Auth token or API key secret on the Account details page.",
            ));
        }
        if account.numbers.is_empty() {
            return Err(Error::on(ErrorCode::Incomplete, "number", "Add at least one WhatsApp number."));
        }
        // The number check is repeated here so that a number removed meanwhile cannot slip through.
        let completed = sqlx::query(
            "UPDATE accounts SET status = ?, updated_at = ?
             WHERE id = ? AND EXISTS (SELECT 1 FROM whatsapp_numbers WHERE account_id = accounts.id)",
        )
        .bind(AccountStatus::Complete)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
        if completed.rows_affected() == 0 {
            return Err(Error::on(ErrorCode::Incomplete, "number", "Add at least one WhatsApp number."));
        }
        log::info!("completed account {id}");
        load(&mut conn, id).await
    }

    /// Deletes the account, its numbers and its keyring entries: all of them or none.
    pub async fn delete(&self, id: &str) -> Result<()> {
        // Read first, so that every entry removed can be put back if a later step fails.
        let mut stored = Vec::new();
        for method in [AuthMethod::AuthToken, AuthMethod::ApiKey] {
            let key = secret_key(id, method);
            if let Some(secret) = self.secrets.get(&key)? {
                stored.push((key, secret));
            }
        }
        let mut tx = self.pool.begin().await?;
        let deleted = sqlx::query("DELETE FROM accounts WHERE id = ?").bind(id).execute(&mut *tx).await?;
        found(deleted.rows_affected())?;
        for (done, (key, _)) in stored.iter().enumerate() {
            if let Err(err) = self.secrets.delete(key) {
                self.restore(stored[..done].to_vec());
                return Err(err);
            }
        }
        if let Err(err) = tx.commit().await {
            self.restore(stored);
            return Err(err.into());
        }
        log::info!("deleted account {id}");
        Ok(())
    }

    fn restore(&self, removed: Vec<(String, Secret)>) {
        for (key, secret) in removed {
            if let Err(err) = self.secrets.set(&key, &secret) {
                log::error!("could not put back a keyring entry after a failed delete: {err}");
            }
        }
    }
}

async fn load(conn: &mut SqliteConnection, id: &str) -> Result<Account> {
    let row: AccountRow = sqlx::query_as(
        "SELECT id, name, channel, account_sid, auth_method, api_key_sid, secret_stored, status, created_at, updated_at
         FROM accounts WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("This account"))?;
    let numbers: Vec<WhatsAppNumber> = sqlx::query_as(
        "SELECT id, account_id, name, number, created_at, updated_at
         FROM whatsapp_numbers WHERE account_id = ? ORDER BY created_at, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let verification: Option<Verification> = sqlx::query_as(
        "SELECT outcome, checked_at, friendly_name, status, account_type, error_code, message, warning
         FROM verifications WHERE account_id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let drift: Option<DriftCheck> =
        sqlx::query_as("SELECT outcome, checked_at, drifted_numbers, message FROM drift_checks WHERE account_id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(Account {
        next_step: next_step(row.account_sid.as_deref(), row.secret_stored, numbers.len() as i64, row.status),
        id: row.id,
        name: row.name,
        channel: row.channel,
        account_sid: row.account_sid,
        auth_method: row.auth_method,
        api_key_sid: row.api_key_sid,
        secret_stored: row.secret_stored,
        status: row.status,
        numbers,
        verification,
        drift,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// Marks the account's numbers as changed now, which makes its last drift check stale; fails
/// when the account does not exist.
async fn touch(conn: &mut SqliteConnection, account_id: &str, now: DateTime<Utc>) -> Result<()> {
    let changed = sqlx::query("UPDATE accounts SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    found(changed.rows_affected())?;
    sqlx::query("DELETE FROM drift_checks WHERE account_id = ?").bind(account_id).execute(&mut *conn).await?;
    Ok(())
}

async fn number_owner(conn: &mut SqliteConnection, number_id: &str) -> Result<String> {
    sqlx::query_scalar("SELECT account_id FROM whatsapp_numbers WHERE id = ?")
        .bind(number_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::not_found("This WhatsApp number"))
}

fn found(rows_affected: u64) -> Result<()> {
    if rows_affected == 0 {
        return Err(Error::not_found("This account"));
    }
    Ok(())
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error().is_some_and(|db| db.is_unique_violation())
}

fn duplicate_name(err: sqlx::Error, name: &str) -> Error {
    if is_unique_violation(&err) {
        return Error::on(
            ErrorCode::DuplicateName,
            "name",
            format!("Another account is already named \"{name}\". Account names must be unique; choose another."),
        );
    }
    err.into()
}

fn duplicate_number(err: sqlx::Error, number: &str) -> Error {
    if is_unique_violation(&err) {
        return Error::on(
            ErrorCode::DuplicateNumber,
            "number",
            format!("{number} is already on this account. Each number can be added once."),
        );
    }
    err.into()
}
