//! Messaging accounts: the wizard's drafts, their numbers, completion and deletion.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    next_step, Account, AccountDetailsInput, AccountStatus, AccountSummary, Channel, ChannelDetailsInput, NumberInput,
    WhatsAppNumber,
};
use crate::secrets::{auth_token_key, Secret, SecretStore};
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
    auth_token_stored: bool,
    status: AccountStatus,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    name: String,
    account_sid: Option<String>,
    auth_token_stored: bool,
    status: AccountStatus,
    updated_at: DateTime<Utc>,
    number_count: i64,
}

impl Accounts {
    pub fn new(pool: SqlitePool, secrets: Arc<dyn SecretStore>) -> Self {
        Self { pool, secrets }
    }

    pub async fn list(&self) -> Result<Vec<AccountSummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT a.id, a.name, a.account_sid, a.auth_token_stored, a.status, a.updated_at,
                    (SELECT COUNT(*) FROM whatsapp_numbers n WHERE n.account_id = a.id) AS number_count
             FROM accounts a ORDER BY a.name COLLATE NOCASE",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| AccountSummary {
                next_step: next_step(r.account_sid.as_deref(), r.auth_token_stored, r.number_count, r.status),
                id: r.id,
                name: r.name,
                account_sid: r.account_sid,
                number_count: r.number_count,
                status: r.status,
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

    /// Saves the Account SID, and the Auth token into the keyring when one is given.
    pub async fn save_account_details(&self, id: &str, input: AccountDetailsInput) -> Result<Account> {
        let account_sid = validate::account_sid(&input.account_sid)?;
        let token = match &input.auth_token {
            Some(token) => {
                validate::auth_token(token.expose())?;
                Some(Secret::new(token.expose().trim()))
            }
            None => None,
        };
        let mut conn = self.pool.acquire().await?;
        let account = load(&mut conn, id).await?;
        if token.is_none() && !account.auth_token_stored {
            return Err(Error::on(ErrorCode::Required, "authToken", "Auth token is required."));
        }
        if let Some(token) = &token {
            self.secrets.set(&auth_token_key(id), token)?;
        }
        sqlx::query("UPDATE accounts SET account_sid = ?, auth_token_stored = 1, updated_at = ? WHERE id = ?")
            .bind(&account_sid)
            .bind(Utc::now())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        log::info!("saved account details of {id}");
        load(&mut conn, id).await
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
        if !account.auth_token_stored {
            return Err(Error::on(
                ErrorCode::Incomplete,
                "authToken",
                "Enter the Auth token on the Account details page.",
            ));
        }
        if account.numbers.is_empty() {
            return Err(Error::on(ErrorCode::Incomplete, "number", "Add at least one WhatsApp number."));
        }
        sqlx::query("UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?")
            .bind(AccountStatus::Complete)
            .bind(Utc::now())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        log::info!("completed account {id}");
        load(&mut conn, id).await
    }

    /// Deletes the account, its numbers and its keyring entry: all of them or none.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let key = auth_token_key(id);
        let mut tx = self.pool.begin().await?;
        let deleted = sqlx::query("DELETE FROM accounts WHERE id = ?").bind(id).execute(&mut *tx).await?;
        found(deleted.rows_affected())?;
        // Kept so the token can be put back if the database refuses the commit.
        let token = self.secrets.get(&key)?;
        self.secrets.delete(&key)?;
        if let Err(err) = tx.commit().await {
            if let Some(token) = token {
                self.secrets.set(&key, &token)?;
            }
            return Err(err.into());
        }
        log::info!("deleted account {id}");
        Ok(())
    }
}

async fn load(conn: &mut SqliteConnection, id: &str) -> Result<Account> {
    let row: AccountRow = sqlx::query_as(
        "SELECT id, name, channel, account_sid, auth_token_stored, status, created_at, updated_at
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
    Ok(Account {
        next_step: next_step(row.account_sid.as_deref(), row.auth_token_stored, numbers.len() as i64, row.status),
        id: row.id,
        name: row.name,
        channel: row.channel,
        account_sid: row.account_sid,
        auth_token_stored: row.auth_token_stored,
        status: row.status,
        numbers,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// Marks the account as changed now; fails when it does not exist.
async fn touch(conn: &mut SqliteConnection, account_id: &str, now: DateTime<Utc>) -> Result<()> {
    let changed = sqlx::query("UPDATE accounts SET updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    found(changed.rows_affected())
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
