//! Messaging accounts: the wizard's drafts, their numbers, completion and deletion.
//!
//! An account's secret lives in the OS keyring and the row only names its entry. SQLite and
//! the keyring share no transaction, so every write that touches both is ordered so that a
//! crash after any step leaves a valid state, and no keyring call runs while a SQLite write
//! transaction is open:
//!
//! 1. a new secret goes to a new entry, first listed in `secret_entries`, then written;
//! 2. one transaction points the row at it;
//! 3. the entry it replaced is removed from the keyring, then from `secret_entries`.
//!
//! Deleting an account deletes the row first and its entry after. On start, [`Accounts::open`]
//! removes every listed entry that no row points at, which finishes whatever a crash cut short.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{CheckedTogether, Error, Problem, Result};
use crate::model::{
    next_step, Account, AccountDetailsInput, AccountStatus, AccountSummary, AuthMethod, Channel, ChannelDetailsInput,
    DriftCheck, NumberDrift, NumberInput, Verification, VerificationOutcome, WhatsAppNumber,
};
use crate::rules;
use crate::secrets::{new_entry_name, Secret, SecretStore};
use crate::setup::{self, NumbersOf};
use crate::twilio::Credentials;

pub struct Accounts {
    pool: SqlitePool,
    secrets: Arc<dyn SecretStore>,
    /// Names this desk's keyring entries, so that two data folders never share one.
    profile: String,
}

/// What an answer from Twilio was about. An answer is kept only if these are unchanged when it
/// arrives, so a late answer never passes for one about the current credentials or numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedInputs {
    credentials: String,
    routes: String,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: String,
    name: String,
    channel: Channel,
    account_sid: Option<String>,
    auth_method: AuthMethod,
    api_key_sid: Option<String>,
    secret_entry: Option<String>,
    secret_lost: bool,
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
    secret_lost: bool,
    status: AccountStatus,
    updated_at: DateTime<Utc>,
    number_count: i64,
    numbers: sqlx::types::Json<Vec<String>>,
    verification: Option<VerificationOutcome>,
    drift_outcome: Option<crate::model::DriftOutcome>,
    drift_checked_at: Option<DateTime<Utc>>,
    drift_numbers: Option<sqlx::types::Json<Vec<NumberDrift>>>,
    drift_problem: Option<sqlx::types::Json<Problem>>,
}

impl Accounts {
    /// The accounts of the desk in `pool`, whose secrets are in `secrets`. Finishes what a crash
    /// interrupted: keyring entries that no account points at are removed (a keyring that cannot
    /// be reached now is tried again on the next start), and names get their uniqueness keys.
    pub async fn open(pool: SqlitePool, secrets: Arc<dyn SecretStore>, dir: &Path) -> Result<Self> {
        let (profile, copied) = claim_folder(&pool, dir).await?;
        let accounts = Self { pool, secrets, profile };
        accounts.fill_name_keys().await?;
        if copied {
            accounts.adopt_secrets().await?;
        }
        let orphans: Vec<String> = sqlx::query_scalar(
            "SELECT entry FROM secret_entries
             WHERE entry NOT IN (SELECT secret_entry FROM accounts WHERE secret_entry IS NOT NULL)",
        )
        .fetch_all(&accounts.pool)
        .await?;
        if !orphans.is_empty() {
            log::info!("removing {} keyring entries that no account uses", orphans.len());
            accounts.remove_entries(orphans).await;
        }
        Ok(accounts)
    }

    /// In a copied data folder, gives every account its own copy of its secret, so that neither
    /// profile ever replaces or deletes the other's entry. A secret that cannot be read now stays
    /// shared for reading; it is never deleted from here, as only listed entries are.
    async fn adopt_secrets(&self) -> Result<()> {
        let rows: Vec<(String, AuthMethod, String)> =
            sqlx::query_as("SELECT id, auth_method, secret_entry FROM accounts WHERE secret_entry IS NOT NULL")
                .fetch_all(&self.pool)
                .await?;
        for (id, method, theirs) in rows {
            let key = theirs.clone();
            let secret = match self.keyring(move |store| store.get(&key)).await {
                Ok(Some(secret)) => secret,
                Ok(None) => continue,
                Err(err) => {
                    log::warn!("could not copy the secret of account {id} into this profile: {err}");
                    continue;
                }
            };
            let ours = self.write_secret(&id, method, secret).await?;
            let moved = sqlx::query("UPDATE accounts SET secret_entry = ? WHERE id = ? AND secret_entry = ?")
                .bind(&ours)
                .bind(&id)
                .bind(&theirs)
                .execute(&self.pool)
                .await?;
            if moved.rows_affected() == 0 {
                self.remove_entries(vec![ours]).await;
            }
        }
        Ok(())
    }

    /// Gives rows from before name keys existed their key; a name that clashes under the new
    /// rule gets a number appended rather than stopping the desk from opening.
    async fn fill_name_keys(&self) -> Result<()> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT id, name FROM accounts WHERE name_key IS NULL ORDER BY created_at")
                .fetch_all(&self.pool)
                .await?;
        for (id, name) in rows {
            let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
            let mut candidate = name.clone();
            for n in 2.. {
                let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE name_key = ?)")
                    .bind(rules::name_key(&candidate))
                    .fetch_one(&mut *tx)
                    .await?;
                if !taken {
                    break;
                }
                candidate = format!("{name} ({n})");
            }
            sqlx::query("UPDATE accounts SET name = ?, name_key = ? WHERE id = ?")
                .bind(&candidate)
                .bind(rules::name_key(&candidate))
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    pub async fn list(&self) -> Result<Vec<AccountSummary>> {
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT a.id, a.name, a.account_sid, a.secret_entry IS NOT NULL AS secret_stored, a.secret_lost,
                    a.status, a.updated_at,
                    (SELECT COUNT(*) FROM whatsapp_numbers n WHERE n.account_id = a.id) AS number_count,
                    (SELECT json_group_array(number) FROM (SELECT number FROM whatsapp_numbers n
                      WHERE n.account_id = a.id ORDER BY n.created_at, n.id)) AS numbers,
                    v.outcome AS verification, d.outcome AS drift_outcome, d.checked_at AS drift_checked_at,
                    d.numbers AS drift_numbers, d.problem AS drift_problem
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
                        numbers: r.drift_numbers.map(|j| j.0).unwrap_or_default(),
                        problem: r.drift_problem.map(|j| j.0),
                    }),
                    _ => None,
                },
                id: r.id,
                name: r.name,
                account_sid: r.account_sid,
                secret_lost: r.secret_lost,
                number_count: r.number_count,
                numbers: r.numbers.0,
                status: r.status,
                verification: r.verification,
                updated_at: r.updated_at,
            })
            .collect())
    }

    /// The database, for the other stores of the desk's domain (the Applies in `inbound`).
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub async fn get(&self, id: &str) -> Result<Account> {
        let mut conn = self.pool.acquire().await?;
        load(&mut conn, id).await
    }

    /// The account as its page opens it: also asks the keyring whether it still has the secret
    /// the row points at, and marks it lost when it does not. A keyring that cannot be reached
    /// now is left for the next check to report.
    pub async fn open_account(&self, id: &str) -> Result<Account> {
        let account = self.get(id).await?;
        if let Some(entry) = self.entry_of(id).await? {
            let probe = entry.clone();
            match self.keyring(move |store| store.get(&probe)).await {
                Ok(Some(_)) => {}
                Ok(None) => return self.mark_lost(id, &entry).await,
                Err(err) => log::warn!("could not ask the keyring about account {id}: {}", err),
            }
        }
        Ok(account)
    }

    /// The first page of the wizard: creates the account as a draft.
    pub async fn create_draft(&self, input: ChannelDetailsInput) -> Result<Account> {
        let name = rules::account_name(&input.name)?;
        let id = uuid::Uuid::new_v4().to_string();
        let now = Utc::now();
        let mut conn = self.pool.acquire().await?;
        let inserted = sqlx::query(
            "INSERT INTO accounts (id, name, name_key, channel, status, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&name)
        .bind(rules::name_key(&name))
        .bind(input.channel)
        .bind(AccountStatus::Draft)
        .bind(now)
        .bind(now)
        .execute(&mut *conn)
        .await;
        if let Err(err) = inserted {
            return Err(duplicate_name(&mut conn, err, &name).await);
        }
        log::info!("created draft account {id}");
        load(&mut conn, &id).await
    }

    pub async fn update_channel_details(&self, id: &str, input: ChannelDetailsInput) -> Result<Account> {
        let name = rules::account_name(&input.name)?;
        let mut conn = self.pool.acquire().await?;
        let changed =
            sqlx::query("UPDATE accounts SET name = ?, name_key = ?, channel = ?, updated_at = ? WHERE id = ?")
                .bind(&name)
                .bind(rules::name_key(&name))
                .bind(input.channel)
                .bind(Utc::now())
                .bind(id)
                .execute(&mut *conn)
                .await;
        let changed = match changed {
            Ok(changed) => changed,
            Err(err) => return Err(duplicate_name(&mut conn, err, &name).await),
        };
        found(changed.rows_affected())?;
        load(&mut conn, id).await
    }

    /// Saves the Account SID and how to sign in: the Auth token, or an API key whose secret
    /// goes into the keyring. A secret left `null` keeps the one already stored for that method,
    /// or leaves the draft without one for now; [`Accounts::complete`] needs it.
    pub async fn save_account_details(&self, id: &str, input: AccountDetailsInput) -> Result<Account> {
        let (api_key_sid, given) = match input.auth_method {
            AuthMethod::AuthToken => (Ok(None), input.auth_token),
            AuthMethod::ApiKey => {
                (rules::api_key_sid(input.api_key_sid.as_deref().unwrap_or("")).map(Some), input.api_key_secret)
            }
        };
        let field = secret_field(input.auth_method);
        let secret = given.map(|s| rules::secret(field, s.expose()).map(Secret::new)).transpose();
        let (account_sid, api_key_sid, secret) =
            (rules::account_sid(&input.account_sid), api_key_sid, secret).checked_together()?;
        self.get(id).await?;
        let written = match secret {
            Some(secret) => Some(self.write_secret(id, input.auth_method, secret).await?),
            None => None,
        };
        let details = NewDetails { account_sid, auth_method: input.auth_method, api_key_sid, entry: written.clone() };
        match self.commit_details(id, details).await {
            Ok((account, replaced)) => {
                self.remove_entries(replaced.into_iter().collect()).await;
                log::info!("saved account details of {id}");
                Ok(account)
            }
            Err(err) => {
                self.remove_entries(written.into_iter().collect()).await;
                Err(err)
            }
        }
    }

    /// Lists a new entry, then writes the secret to it; returns its name.
    async fn write_secret(&self, id: &str, method: AuthMethod, secret: Secret) -> Result<String> {
        let entry = new_entry_name(&self.profile, id, method);
        sqlx::query("INSERT INTO secret_entries (entry) VALUES (?)").bind(&entry).execute(&self.pool).await?;
        let key = entry.clone();
        if let Err(err) = self.keyring(move |store| store.set(&key, &secret)).await {
            self.remove_entries(vec![entry]).await;
            return Err(err);
        }
        Ok(entry)
    }

    /// Points the row at the new details in one transaction; returns the saved account and the
    /// keyring entry it no longer uses.
    async fn commit_details(&self, id: &str, new: NewDetails) -> Result<(Account, Option<String>)> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let before = load_row(&mut tx, id).await?;
        let entry = match new.entry {
            Some(entry) => Some(entry),
            None if before.auth_method == new.auth_method => before.secret_entry.clone(),
            None => None,
        };
        let unchanged = before.account_sid.as_deref() == Some(new.account_sid.as_str())
            && before.auth_method == new.auth_method
            && before.api_key_sid == new.api_key_sid
            && before.secret_entry == entry;
        if unchanged {
            return Ok((load(&mut tx, id).await?, None));
        }
        sqlx::query(
            "UPDATE accounts SET account_sid = ?, auth_method = ?, api_key_sid = ?, secret_entry = ?,
                    secret_lost = secret_lost AND ? IS NULL, updated_at = ?
             WHERE id = ?",
        )
        .bind(&new.account_sid)
        .bind(new.auth_method)
        .bind(&new.api_key_sid)
        .bind(&entry)
        .bind(&entry)
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        forget_answers(&mut tx, id).await?;
        let saved = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok((saved, before.secret_entry.filter(|old| Some(old) != entry.as_ref())))
    }

    /// What a Twilio request for this account signs in with, read from the keyring.
    pub async fn credentials(&self, id: &str) -> Result<Credentials> {
        let row = load_row(&mut *self.pool.acquire().await?, id).await?;
        let field = secret_field(row.auth_method);
        let account_sid = row.account_sid.ok_or_else(|| Error::credentials_missing("accountSid"))?;
        let username = match row.auth_method {
            AuthMethod::AuthToken => account_sid.clone(),
            AuthMethod::ApiKey => row.api_key_sid.ok_or_else(|| Error::credentials_missing("apiKeySid"))?,
        };
        let entry = match row.secret_entry {
            Some(entry) => entry,
            None if row.secret_lost => return Err(Error::secret_lost(field)),
            None => return Err(Error::credentials_missing(field)),
        };
        let key = entry.clone();
        match self.keyring(move |store| store.get(&key)).await? {
            Some(password) => Ok(Credentials { account_sid, username, password }),
            None => {
                self.mark_lost(id, &entry).await?;
                Err(Error::secret_lost(field))
            }
        }
    }

    /// Records that the keyring does not have `entry`, unless the row moved on to another one.
    async fn mark_lost(&self, id: &str, entry: &str) -> Result<Account> {
        log::warn!("the keyring no longer has the secret of account {id}");
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let lost = sqlx::query(
            "UPDATE accounts SET secret_entry = NULL, secret_lost = 1, updated_at = ? WHERE id = ? AND secret_entry = ?",
        )
        .bind(Utc::now())
        .bind(id)
        .bind(entry)
        .execute(&mut *tx)
        .await?;
        if lost.rows_affected() == 1 {
            forget_answers(&mut tx, id).await?;
            sqlx::query("DELETE FROM secret_entries WHERE entry = ?").bind(entry).execute(&mut *tx).await?;
        }
        let account = load(&mut tx, id).await?;
        tx.commit().await?;
        Ok(account)
    }

    /// The account's inbound URL, from the callback base URL in the desk's settings.
    pub async fn inbound_url(&self, id: &str) -> Result<String> {
        let base: Option<String> =
            sqlx::query_scalar("SELECT callback_base_url FROM desk").fetch_one(&self.pool).await?;
        crate::callback::inbound_url(base.as_deref(), id)
    }

    /// What a Twilio check of this account is about to look at, to hand back with its answer.
    pub async fn checked_inputs(&self, id: &str) -> Result<CheckedInputs> {
        checked_inputs(&mut *self.pool.acquire().await?, id).await
    }

    /// Keeps a verification, unless the credentials changed since `inputs` were read. Returns
    /// whether it was kept.
    pub async fn record_verification(&self, id: &str, inputs: &CheckedInputs, v: &Verification) -> Result<bool> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if checked_inputs(&mut tx, id).await?.credentials != inputs.credentials {
            return Ok(false);
        }
        sqlx::query(
            "INSERT OR REPLACE INTO verifications
                 (account_id, outcome, checked_at, friendly_name, status, account_type, problem, checked, key_access)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(v.outcome)
        .bind(v.checked_at)
        .bind(&v.friendly_name)
        .bind(&v.status)
        .bind(&v.account_type)
        .bind(v.problem.as_ref().map(sqlx::types::Json))
        .bind(sqlx::types::Json(&v.checked))
        .bind(v.key_access)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Keeps a drift check, unless the credentials, numbers or inbound URLs changed since
    /// `inputs` were read. Returns whether it was kept.
    pub async fn record_drift(&self, id: &str, inputs: &CheckedInputs, check: &DriftCheck) -> Result<bool> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if checked_inputs(&mut tx, id).await?.routes != inputs.routes {
            return Ok(false);
        }
        sqlx::query(
            "INSERT OR REPLACE INTO drift_checks (account_id, outcome, checked_at, numbers, problem)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(check.outcome)
        .bind(check.checked_at)
        .bind(sqlx::types::Json(&check.numbers))
        .bind(check.problem.as_ref().map(sqlx::types::Json))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn add_number(&self, account_id: &str, input: NumberInput) -> Result<Account> {
        let now = Utc::now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        touch(&mut tx, account_id, now).await?;
        let (name, number) = check_number(&mut tx, account_id, None, &input).await?;
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
        .await?;
        let account = load(&mut tx, account_id).await?;
        tx.commit().await?;
        Ok(account)
    }

    pub async fn update_number(&self, number_id: &str, input: NumberInput) -> Result<Account> {
        let now = Utc::now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let account_id = number_owner(&mut tx, number_id).await?;
        let (name, number) = check_number(&mut tx, &account_id, Some(number_id), &input).await?;
        sqlx::query("UPDATE whatsapp_numbers SET name = ?, number = ?, updated_at = ? WHERE id = ?")
            .bind(&name)
            .bind(&number)
            .bind(now)
            .bind(number_id)
            .execute(&mut *tx)
            .await?;
        touch(&mut tx, &account_id, now).await?;
        let account = load(&mut tx, &account_id).await?;
        tx.commit().await?;
        Ok(account)
    }

    /// Removes a number. One that a workstream's WhatsApp setup uses is refused with
    /// `used_by_workstreams`, unless `unbind`: then the setup goes back to a draft without a
    /// number, in the same transaction.
    pub async fn remove_number(&self, number_id: &str, unbind: bool) -> Result<Account> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let account_id = number_owner(&mut tx, number_id).await?;
        let account = load(&mut tx, &account_id).await?;
        if account.status == AccountStatus::Complete && account.numbers.len() == 1 {
            return Err(Error::last_number());
        }
        release(&mut tx, NumbersOf::Number(number_id), unbind).await?;
        sqlx::query("DELETE FROM whatsapp_numbers WHERE id = ?").bind(number_id).execute(&mut *tx).await?;
        touch(&mut tx, &account_id, Utc::now()).await?;
        let account = load(&mut tx, &account_id).await?;
        tx.commit().await?;
        Ok(account)
    }

    /// The wizard's Done: checks every page and marks the account complete.
    pub async fn complete(&self, id: &str) -> Result<Account> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let account = load(&mut tx, id).await?;
        if account.account_sid.is_none() {
            return Err(Error::incomplete("accountSid"));
        }
        let field = secret_field(account.auth_method);
        if account.secret_lost {
            return Err(Error::secret_lost(field));
        }
        if !account.secret_stored {
            return Err(Error::incomplete(field));
        }
        if account.numbers.is_empty() {
            return Err(Error::incomplete("number"));
        }
        sqlx::query("UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?")
            .bind(AccountStatus::Complete)
            .bind(Utc::now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let account = load(&mut tx, id).await?;
        tx.commit().await?;
        log::info!("completed account {id}");
        Ok(account)
    }

    /// Deletes the account, its numbers and its keyring entry. A keyring that cannot be reached
    /// stops the delete before anything is removed; once the row is gone, an entry the keyring
    /// failed to remove is removed on the next start. Numbers that workstreams use are refused
    /// with `used_by_workstreams`, unless `unbind`: then their setups go back to drafts without a
    /// number, in the same transaction as the delete.
    pub async fn delete(&self, id: &str, unbind: bool) -> Result<()> {
        let entry = self.entry_of(id).await?;
        if let Some(entry) = entry.clone() {
            self.keyring(move |store| store.get(&entry)).await?;
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        release(&mut tx, NumbersOf::Account(id), unbind).await?;
        let deleted = sqlx::query("DELETE FROM accounts WHERE id = ?").bind(id).execute(&mut *tx).await?;
        found(deleted.rows_affected())?;
        tx.commit().await?;
        self.remove_entries(entry.into_iter().collect()).await;
        log::info!("deleted account {id}");
        Ok(())
    }

    async fn entry_of(&self, id: &str) -> Result<Option<String>> {
        Ok(load_row(&mut *self.pool.acquire().await?, id).await?.secret_entry)
    }

    /// Removes entries that no row points at: from the keyring, then from `secret_entries`. Only
    /// listed entries are removed, so another profile's never are. What fails stays listed, and
    /// the next start tries again.
    async fn remove_entries(&self, entries: Vec<String>) {
        for entry in entries {
            let listed = sqlx::query_scalar::<_, bool>("SELECT EXISTS (SELECT 1 FROM secret_entries WHERE entry = ?)")
                .bind(&entry)
                .fetch_one(&self.pool)
                .await;
            if !matches!(listed, Ok(true)) {
                continue;
            }
            let key = entry.clone();
            if let Err(err) = self.keyring(move |store| store.delete(&key)).await {
                log::warn!("a keyring entry no account uses stays until the next start: {}", err);
                continue;
            }
            if let Err(err) =
                sqlx::query("DELETE FROM secret_entries WHERE entry = ?").bind(&entry).execute(&self.pool).await
            {
                log::warn!("could not forget a removed keyring entry: {}", err);
            }
        }
    }

    /// Runs a keyring call on a blocking thread: on Linux each is a D-Bus round trip.
    async fn keyring<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn SecretStore) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let store = self.secrets.clone();
        tokio::task::spawn_blocking(move || call(store.as_ref()))
            .await
            .map_err(|err| Error::keyring_unavailable(&err))?
    }
}

/// Frees numbers about to go from the workstreams that use them, if the user said to unbind;
/// else refuses, naming those workstreams.
async fn release(conn: &mut SqliteConnection, numbers: NumbersOf<'_>, unbind: bool) -> Result<()> {
    let users = setup::users_of(&mut *conn, numbers).await?;
    if users.is_empty() {
        return Ok(());
    }
    if !unbind {
        let what = match numbers {
            NumbersOf::Account(_) => "account",
            NumbersOf::Number(_) => "number",
        };
        return Err(Error::used_by_workstreams(what, &users));
    }
    setup::unbind(conn, numbers).await
}

/// This desk's profile, and whether the file was copied from a folder that still holds the
/// original: then the copy becomes a profile of its own, and forgets the entries the original
/// listed. A folder that moved (its old place has no database now) keeps its profile.
async fn claim_folder(pool: &SqlitePool, dir: &Path) -> Result<(String, bool)> {
    let here = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned()).to_string_lossy().into_owned();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let (profile, known): (String, Option<String>) =
        sqlx::query_as("SELECT profile_id, data_dir FROM desk").fetch_one(&mut *tx).await?;
    if known.as_deref() == Some(here.as_str()) {
        return Ok((profile, false));
    }
    let copied = known.as_deref().is_some_and(|other| Path::new(other).join(crate::db::FILE_NAME).exists());
    let profile = if copied { uuid::Uuid::new_v4().simple().to_string() } else { profile };
    sqlx::query("UPDATE desk SET profile_id = ?, data_dir = ?").bind(&profile).bind(&here).execute(&mut *tx).await?;
    if copied {
        log::info!("this data folder is a copy of {}; it becomes a profile of its own", known.unwrap_or_default());
        sqlx::query("DELETE FROM secret_entries").execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok((profile, copied))
}

struct NewDetails {
    account_sid: String,
    auth_method: AuthMethod,
    api_key_sid: Option<String>,
    /// A newly written entry, or `None` to keep the one the row has for the same method.
    entry: Option<String>,
}

fn secret_field(method: AuthMethod) -> &'static str {
    match method {
        AuthMethod::AuthToken => "authToken",
        AuthMethod::ApiKey => "apiKeySecret",
    }
}

/// Forgets the answers Twilio gave about the account's credentials and numbers.
pub(crate) async fn forget_answers(conn: &mut SqliteConnection, id: &str) -> Result<()> {
    sqlx::query("DELETE FROM verifications WHERE account_id = ?").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM drift_checks WHERE account_id = ?").bind(id).execute(&mut *conn).await?;
    Ok(())
}

async fn checked_inputs(conn: &mut SqliteConnection, id: &str) -> Result<CheckedInputs> {
    let row = load_row(&mut *conn, id).await?;
    let numbers: Vec<(String, String)> =
        sqlx::query_as("SELECT id, number FROM whatsapp_numbers WHERE account_id = ? ORDER BY id")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let base: Option<String> = sqlx::query_scalar("SELECT callback_base_url FROM desk").fetch_one(&mut *conn).await?;
    let credentials = format!("{:?}", (&row.account_sid, row.auth_method, &row.api_key_sid, &row.secret_entry));
    let routes = format!("{credentials} {base:?} {numbers:?}");
    Ok(CheckedInputs { credentials, routes })
}

async fn load_row(conn: &mut SqliteConnection, id: &str) -> Result<AccountRow> {
    sqlx::query_as(
        "SELECT id, name, channel, account_sid, auth_method, api_key_sid, secret_entry, secret_lost, status,
                created_at, updated_at
         FROM accounts WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(Error::account_not_found)
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: &str) -> Result<Account> {
    let row = load_row(&mut *conn, id).await?;
    let numbers: Vec<WhatsAppNumber> = sqlx::query_as(
        "SELECT id, account_id, name, number, created_at, updated_at
         FROM whatsapp_numbers WHERE account_id = ? ORDER BY created_at, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let verification: Option<Verification> = sqlx::query_as(
        "SELECT outcome, checked_at, friendly_name, status, account_type, problem, checked, key_access
         FROM verifications WHERE account_id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let drift: Option<DriftCheck> =
        sqlx::query_as("SELECT outcome, checked_at, numbers, problem FROM drift_checks WHERE account_id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let secret_stored = row.secret_entry.is_some();
    Ok(Account {
        next_step: next_step(row.account_sid.as_deref(), secret_stored, numbers.len() as i64, row.status),
        id: row.id,
        name: row.name,
        channel: row.channel,
        account_sid: row.account_sid,
        auth_method: row.auth_method,
        api_key_sid: row.api_key_sid,
        secret_stored,
        secret_lost: row.secret_lost,
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

/// The number form's name and number, or every problem with them: a number the account already
/// has (other than `number_id`, the one being edited) is one.
async fn check_number(
    conn: &mut SqliteConnection,
    account_id: &str,
    number_id: Option<&str>,
    input: &NumberInput,
) -> Result<(String, String)> {
    let name = rules::number_name(&input.name);
    let number = match rules::phone_number(&input.number) {
        Ok(number) => {
            let taken: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM whatsapp_numbers WHERE account_id = ? AND number = ? AND id IS NOT ?)",
            )
            .bind(account_id)
            .bind(&number)
            .bind(number_id)
            .fetch_one(&mut *conn)
            .await?;
            if taken {
                Err(Error::duplicate_number(&number))
            } else {
                Ok(number)
            }
        }
        invalid => invalid,
    };
    (name, number).checked_together()
}

async fn number_owner(conn: &mut SqliteConnection, number_id: &str) -> Result<String> {
    sqlx::query_scalar("SELECT account_id FROM whatsapp_numbers WHERE id = ?")
        .bind(number_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(Error::number_not_found)
}

fn found(rows_affected: u64) -> Result<()> {
    if rows_affected == 0 {
        return Err(Error::account_not_found());
    }
    Ok(())
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error().is_some_and(|db| db.is_unique_violation())
}

/// A unique-name refusal names the account that already has the name, as it is written there.
async fn duplicate_name(conn: &mut SqliteConnection, err: sqlx::Error, name: &str) -> Error {
    if !is_unique_violation(&err) {
        return err.into();
    }
    let taken: Option<String> = sqlx::query_scalar("SELECT name FROM accounts WHERE name_key = ?")
        .bind(rules::name_key(name))
        .fetch_optional(&mut *conn)
        .await
        .ok()
        .flatten();
    Error::duplicate_name(taken.as_deref().unwrap_or(name))
}
