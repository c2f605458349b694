mod common;

use std::sync::Arc;

use channel_desk_core::model::{AccountStatus, AuthMethod, WizardStep};
use channel_desk_core::secrets::{MemoryStore, Secret, SecretStore};
use channel_desk_core::{Error, ErrorCode};
use common::{api_key, channel, details, entry_of, fixture, number, open_desk, stored_secret, SID, TOKEN};

#[tokio::test]
async fn a_draft_walks_the_wizard_and_completes() {
    let f = fixture().await;
    let draft = f.accounts.create_draft(channel(" Contoso ")).await.unwrap();
    assert_eq!(
        (draft.name.as_str(), draft.status, draft.next_step),
        ("Contoso", AccountStatus::Draft, WizardStep::AccountDetails)
    );
    assert!(uuid_like(&draft.id), "{}", draft.id);
    assert_eq!(draft.created_at, draft.updated_at);

    let with_details = f.accounts.save_account_details(&draft.id, details(SID, Some(TOKEN))).await.unwrap();
    assert_eq!(with_details.account_sid.as_deref(), Some(SID));
    assert!(with_details.secret_stored);
    assert_eq!(with_details.next_step, WizardStep::Numbers);
    assert!(with_details.updated_at > draft.updated_at);

    let with_number = f.accounts.add_number(&draft.id, number("Support", "+1 415 523 8886")).await.unwrap();
    assert_eq!(with_number.numbers.len(), 1);
    assert_eq!(with_number.numbers[0].number, "+14155238886");
    assert_eq!(with_number.next_step, WizardStep::Callback);
    assert_eq!(with_number.status, AccountStatus::Draft);

    let done = f.accounts.complete(&draft.id).await.unwrap();
    assert_eq!((done.status, done.next_step), (AccountStatus::Complete, WizardStep::Done));

    let list = f.accounts.list().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].number_count, list[0].status, list[0].account_sid.as_deref()),
        (1, AccountStatus::Complete, Some(SID))
    );
    assert_eq!(list[0].numbers, ["+14155238886"], "the list finds an account by its numbers");
}

#[tokio::test]
async fn the_token_goes_to_the_secret_store_and_nowhere_in_the_database() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(&format!("  {TOKEN}\n")))).await.unwrap();
    let stored = stored_secret(&f, &id).await.expect("token stored");
    assert_eq!(stored, TOKEN, "surrounding whitespace from a paste is dropped");

    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&f.pool).await.unwrap();
    for entry in std::fs::read_dir(f.dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!contains(&bytes, TOKEN.as_bytes()), "the token reached a database file");
    }
    let account = f.accounts.get(&id).await.unwrap();
    assert!(!format!("{account:?}").contains(TOKEN));
    assert!(!format!("{:?}", details(SID, Some(TOKEN))).contains(TOKEN), "Debug of the input hides the token");
}

#[tokio::test]
async fn a_stored_token_is_kept_when_none_is_given_and_replaced_when_one_is() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    let other_sid = "ACffffffffffffffffffffffffffffffff";
    let kept = f.accounts.save_account_details(&id, details(other_sid, None)).await.unwrap();
    assert_eq!(kept.account_sid.as_deref(), Some(other_sid));
    assert_eq!(stored_secret(&f, &id).await.unwrap(), TOKEN);
    let first_entry = entry_of(&f.pool, &id).await.unwrap();

    f.accounts.save_account_details(&id, details(other_sid, Some("new-token"))).await.unwrap();
    assert_eq!(stored_secret(&f, &id).await.unwrap(), "new-token");
    assert_ne!(entry_of(&f.pool, &id).await.unwrap(), first_entry, "a new secret goes to a new entry");
    assert_eq!(f.secrets.entries(), vec![entry_of(&f.pool, &id).await.unwrap()], "the replaced entry is gone");
}

#[tokio::test]
async fn a_draft_keeps_a_typed_account_sid_without_a_token_and_done_still_needs_it() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    let draft = f.accounts.save_account_details(&id, details(SID, None)).await.unwrap();
    assert_eq!((draft.account_sid.as_deref(), draft.secret_stored), (Some(SID), false));
    assert_eq!(draft.next_step, WizardStep::AccountDetails);
    f.accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap();
    let err = f.accounts.complete(&id).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::Incomplete, Some("authToken")));
    let err = f.accounts.credentials(&id).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::CredentialsMissing, Some("authToken")));
}

#[tokio::test]
async fn bad_account_details_name_their_field_and_change_nothing() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    let err = f.accounts.save_account_details(&id, details("AC123", Some(TOKEN))).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidAccountSid, Some("accountSid")));
    let err = f.accounts.save_account_details(&id, details(SID, Some("  "))).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::Required, Some("authToken")));
    assert!(f.secrets.entries().is_empty());
    assert!(!f.accounts.get(&id).await.unwrap().secret_stored);
}

/// Each problem as `(code, field)`: the error's own, then those in its `more`.
fn problems(err: &Error) -> Vec<(ErrorCode, Option<&str>)> {
    std::iter::once(err).chain(&err.more).map(|e| (e.code, e.field.as_deref())).collect()
}

#[tokio::test]
async fn a_refused_account_details_page_reports_every_problem_at_once() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    let err = f.accounts.save_account_details(&id, details("", Some(""))).await.unwrap_err();
    assert_eq!(problems(&err), [(ErrorCode::Required, Some("accountSid")), (ErrorCode::Required, Some("authToken"))]);
    assert!(err.more.iter().all(|e| e.more.is_empty()), "one level: {err:?}");

    let err = f.accounts.save_account_details(&id, api_key("AC123", "SK123", Some(" "))).await.unwrap_err();
    assert_eq!(
        problems(&err),
        [
            (ErrorCode::InvalidAccountSid, Some("accountSid")),
            (ErrorCode::InvalidApiKeySid, Some("apiKeySid")),
            (ErrorCode::Required, Some("apiKeySecret")),
        ]
    );
    let mut key = api_key(SID, "", None);
    key.api_key_sid = None;
    let err = f.accounts.save_account_details(&id, key).await.unwrap_err();
    assert_eq!(problems(&err), [(ErrorCode::Required, Some("apiKeySid"))]);
    assert!(f.secrets.entries().is_empty(), "nothing was written");
}

#[tokio::test]
async fn a_refused_number_reports_every_problem_at_once() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    let err = f.accounts.add_number(&id, number(&"x".repeat(101), "14155238886")).await.unwrap_err();
    assert_eq!(
        problems(&err),
        [(ErrorCode::TooLong, Some("numberName")), (ErrorCode::InvalidPhoneNumber, Some("number"))]
    );
    let first = f.accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap().numbers[0].id.clone();
    let err = f.accounts.add_number(&id, number("", "+1 415 523 8886")).await.unwrap_err();
    assert_eq!(
        problems(&err),
        [(ErrorCode::Required, Some("numberName")), (ErrorCode::DuplicateNumber, Some("number"))],
        "a number already on the account is one of the page's problems too"
    );
    assert_eq!(serde_json::to_value(&err.more[0].params).unwrap(), serde_json::json!({"number": "+14155238886"}));
    let second = f.accounts.add_number(&id, number("Sales", "+14155238887")).await.unwrap().numbers[1].id.clone();
    let err = f.accounts.update_number(&second, number(" ", "+14155238886")).await.unwrap_err();
    assert_eq!(
        problems(&err),
        [(ErrorCode::Required, Some("numberName")), (ErrorCode::DuplicateNumber, Some("number"))]
    );
    f.accounts.update_number(&first, number("Support", "+14155238886")).await.expect("its own number is no clash");
    assert_eq!(f.accounts.get(&id).await.unwrap().numbers.len(), 2);
}

#[tokio::test]
async fn account_names_are_unique_whatever_their_case() {
    let f = fixture().await;
    f.accounts.create_draft(channel("Contoso")).await.unwrap();
    let other = f.accounts.create_draft(channel("Fabrikam")).await.unwrap();
    let err = f.accounts.create_draft(channel("contoso ")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateName, Some("name")));
    assert_eq!(
        serde_json::to_value(&err.params).unwrap(),
        serde_json::json!({"name": "Contoso", "what": "account"}),
        "as it is written"
    );
    assert!(err.message.contains("\"Contoso\""), "names the account that has the name: {}", err.message);
    let err = f.accounts.update_channel_details(&other.id, channel("CONTOSO")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateName);
    assert_eq!(f.accounts.get(&other.id).await.unwrap().name, "Fabrikam");
    assert_eq!(f.accounts.update_channel_details(&other.id, channel("Fabrikam EU")).await.unwrap().name, "Fabrikam EU");
    assert_eq!(f.accounts.list().await.unwrap().len(), 2);
}

#[tokio::test]
async fn numbers_are_validated_unique_per_account_and_editable() {
    let f = fixture().await;
    let a = f.accounts.create_draft(channel("A")).await.unwrap().id;
    let b = f.accounts.create_draft(channel("B")).await.unwrap().id;
    let account = f.accounts.add_number(&a, number("Sales", "+14155238886")).await.unwrap();
    let err = f.accounts.add_number(&a, number("Again", "+1 (415) 523-8886")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateNumber, Some("number")));
    f.accounts.add_number(&b, number("Sales", "+14155238886")).await.expect("another account may use the number");

    let err = f.accounts.add_number(&a, number("", "+14155238887")).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("numberName"));
    let err = f.accounts.add_number(&a, number("Bad", "4155238886")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidPhoneNumber, Some("number")));

    let second = f.accounts.add_number(&a, number("Support", "+44 20 7946 0018")).await.unwrap();
    assert_eq!(second.numbers.len(), 2);
    let support_id = second.numbers[1].id.clone();
    let err = f.accounts.update_number(&support_id, number("Support", "+14155238886")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateNumber);
    let edited = f.accounts.update_number(&support_id, number("Support UK", "+442079460019")).await.unwrap();
    assert_eq!((edited.numbers[1].name.as_str(), edited.numbers[1].number.as_str()), ("Support UK", "+442079460019"));
    assert!(edited.updated_at > account.updated_at, "a number change is a change to its account");

    let removed = f.accounts.remove_number(&support_id, false).await.unwrap();
    assert_eq!(removed.numbers.len(), 1);
    assert_eq!(f.accounts.remove_number(&support_id, false).await.unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(
        f.accounts.add_number("no-such-account", number("X", "+14155238889")).await.unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn completing_needs_every_page_and_a_complete_account_keeps_a_number() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    let err = f.accounts.complete(&id).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::Incomplete, Some("accountSid")));
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    let err = f.accounts.complete(&id).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::Incomplete, Some("number")));
    assert_eq!(f.accounts.get(&id).await.unwrap().status, AccountStatus::Draft);

    let account = f.accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap();
    f.accounts.complete(&id).await.unwrap();
    let only = &account.numbers[0].id;
    assert_eq!(f.accounts.remove_number(only, false).await.unwrap_err().code, ErrorCode::LastNumber);
    assert_eq!(f.accounts.get(&id).await.unwrap().numbers.len(), 1);
}

#[tokio::test]
async fn a_draft_survives_reopening_the_database() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    f.pool.close().await;

    let reopened = open_desk(f.dir.path(), f.secrets.clone()).await;
    let list = reopened.accounts.list().await.unwrap();
    assert_eq!((list.len(), list[0].status, list[0].next_step), (1, AccountStatus::Draft, WizardStep::Numbers));
}

#[tokio::test]
async fn delete_removes_the_account_its_numbers_and_its_token() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    f.accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap();
    f.accounts.delete(&id, false).await.unwrap();

    assert_eq!(f.accounts.get(&id).await.unwrap_err().code, ErrorCode::NotFound);
    let numbers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM whatsapp_numbers").fetch_one(&f.pool).await.unwrap();
    assert_eq!(numbers, 0);
    assert!(f.secrets.entries().is_empty(), "the token left the keyring");
    assert_eq!(f.accounts.delete(&id, false).await.unwrap_err().code, ErrorCode::NotFound);
}

/// A keyring that can be locked, and then refuses everything.
#[derive(Default)]
struct Lockable {
    store: MemoryStore,
    locked: std::sync::atomic::AtomicBool,
}

impl Lockable {
    fn check(&self) -> channel_desk_core::Result<()> {
        match self.locked.load(std::sync::atomic::Ordering::SeqCst) {
            true => Err(Error::keyring_locked()),
            false => Ok(()),
        }
    }
}

impl SecretStore for Lockable {
    fn set(&self, key: &str, secret: &Secret) -> channel_desk_core::Result<()> {
        self.check()?;
        self.store.set(key, secret)
    }
    fn get(&self, key: &str) -> channel_desk_core::Result<Option<Secret>> {
        self.check()?;
        self.store.get(key)
    }
    fn delete(&self, key: &str) -> channel_desk_core::Result<()> {
        self.check()?;
        self.store.delete(key)
    }
}

#[tokio::test]
async fn delete_keeps_everything_when_the_keyring_refuses() {
    let f = fixture().await;
    let secrets = Arc::new(Lockable::default());
    let accounts = open_desk(f.dir.path(), secrets.clone()).await.accounts;
    let id = accounts.create_draft(channel("Fabrikam")).await.unwrap().id;
    accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    accounts.add_number(&id, number("Support", "+14155238886")).await.unwrap();

    secrets.locked.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(accounts.delete(&id, false).await.unwrap_err().code, ErrorCode::KeyringLocked);
    let account = accounts.get(&id).await.expect("the account is still there");
    assert_eq!(account.numbers.len(), 1);
    secrets.locked.store(false, std::sync::atomic::Ordering::SeqCst);
    let entry = entry_of(&f.pool, &id).await.unwrap();
    assert_eq!(secrets.get(&entry).unwrap().unwrap().expose(), TOKEN);
}

#[tokio::test]
async fn the_database_runs_in_wal_with_foreign_keys() {
    let f = fixture().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&f.pool).await.unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&f.pool).await.unwrap();
    let timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(&f.pool).await.unwrap();
    assert_eq!((mode.as_str(), fk), ("wal", 1));
    assert!(timeout >= 1000, "busy_timeout {timeout}");
    let orphan = sqlx::query("INSERT INTO whatsapp_numbers (id, account_id, name, number, created_at, updated_at) VALUES ('n', 'missing', 'x', '+1', 't', 't')")
        .execute(&f.pool)
        .await;
    assert!(orphan.is_err(), "foreign keys are enforced");
}

fn uuid_like(id: &str) -> bool {
    id.len() == 36 && id.chars().filter(|c| *c == '-').count() == 4
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn an_api_key_signs_in_instead_of_the_token_and_replaces_it_in_the_keyring() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    let key_sid = "SKffffffffffffffffffffffffffffffff";
    let err = f.accounts.save_account_details(&id, api_key(SID, "SK12", Some("s"))).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidApiKeySid, Some("apiKeySid")));

    f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    let creds = f.accounts.credentials(&id).await.unwrap();
    assert_eq!((creds.username.as_str(), creds.password.expose()), (SID, TOKEN));

    let switched = f.accounts.save_account_details(&id, api_key(SID, key_sid, Some("key-secret"))).await.unwrap();
    assert_eq!((switched.auth_method, switched.api_key_sid.as_deref()), (AuthMethod::ApiKey, Some(key_sid)));
    assert!(switched.secret_stored);
    let creds = f.accounts.credentials(&id).await.unwrap();
    assert_eq!(
        (creds.account_sid.as_str(), creds.username.as_str(), creds.password.expose()),
        (SID, key_sid, "key-secret")
    );
    assert_eq!(f.secrets.entries().len(), 1, "the token it replaced left the keyring");

    let kept = f.accounts.save_account_details(&id, api_key(SID, key_sid, None)).await.unwrap();
    assert!(kept.secret_stored, "a stored secret is kept when none is typed");
    let back = f.accounts.save_account_details(&id, details(SID, None)).await.unwrap();
    assert!(!back.secret_stored, "switching back needs the token again");
    assert!(f.secrets.entries().is_empty(), "the key's secret is no longer used, so it left the keyring");
    f.accounts.delete(&id, false).await.unwrap();
}

#[tokio::test]
async fn credentials_are_refused_until_the_account_details_are_saved() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    let err = f.accounts.credentials(&id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::CredentialsMissing);
}

#[tokio::test]
async fn saving_unchanged_account_details_changes_nothing() {
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    let saved = f.accounts.save_account_details(&id, details(SID, Some(TOKEN))).await.unwrap();
    let again = f.accounts.save_account_details(&id, details(SID, None)).await.unwrap();
    assert_eq!(again.updated_at, saved.updated_at);
}

#[tokio::test]
async fn account_names_clash_regardless_of_case_in_every_language() {
    let f = fixture().await;
    for (first, second) in [("Ärger", "ärger"), ("ÇAĞRI", "çağrı"), ("Ärger GmbH", "A\u{308}RGER GMBH")] {
        f.accounts.create_draft(channel(first)).await.unwrap();
        let err = f.accounts.create_draft(channel(second)).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateName, Some("name")), "{first}/{second}");
    }
}
