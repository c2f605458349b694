//! Databases from earlier versions, brought up to date: their rows written in the old format,
//! then opened as a desk.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use channel_desk_core::error::Problem;
use channel_desk_core::model::{
    CheckedResource, DriftOutcome, LibrarySearch, NewLanguageInput, NumberState, VerificationOutcome,
};
use channel_desk_core::secrets::MemoryStore;
use channel_desk_core::template::TemplateContent;
use channel_desk_core::{db, ErrorCode};
use common::{open_desk, SID};
use serde_json::json;
use sqlx::SqlitePool;

/// The first migration that stores problems instead of English.
const PROBLEMS: &str = "20261123000000";

/// A database file in `dir` migrated up to, but not including, the migration named `before`.
async fn database_before(dir: &Path, before: &str) -> SqlitePool {
    let old = dir.join("old-migrations");
    std::fs::create_dir(&old).unwrap();
    for file in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations")).unwrap() {
        let file = file.unwrap();
        if file.file_name().to_string_lossy().as_ref() < before {
            std::fs::copy(file.path(), old.join(file.file_name())).unwrap();
        }
    }
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.join(db::FILE_NAME)).create_if_missing(true);
    let pool = SqlitePool::connect_with(options).await.unwrap();
    sqlx::migrate::Migrator::new(old.as_path()).await.unwrap().run(&pool).await.unwrap();
    pool
}

async fn run(pool: &SqlitePool, sql: &str, binds: &[&str]) {
    binds.iter().fold(sqlx::query(sql), |q, b| q.bind(*b)).execute(pool).await.unwrap();
}

fn problem(code: ErrorCode, field: Option<&str>, params: serde_json::Value) -> Problem {
    Problem { code, field: field.map(str::to_owned), params: serde_json::from_value(params).unwrap() }
}

const AUTH: &str = "Twilio refused these credentials. Check the Account SID and the Auth token (or the API key SID \
    and secret) under Account Info in the Twilio Console; a rotated token, a deleted key or a stray space fails this \
    way. (Twilio error 20003: Authenticate (see: the docs)) More: https://www.twilio.com/docs/errors/20003";
const RATE: &str = "Twilio is limiting how fast this account can make requests. Wait a minute and try again. \
    (Twilio error 20429: Too Many Requests) More: https://www.twilio.com/docs/errors/20429";
const REJECTED: &str = "Twilio refused the request. (Twilio answered HTTP 400: Bad Request)";
const DOWN: &str =
    "Twilio is having trouble right now. Try again in a few minutes. (Twilio answered HTTP 503: HTTP 503)";
const OFFLINE: &str =
    "Could not reach api.twilio.com: this computer seems to be offline. Your work is saved; check again once online.";
const TIMEOUT: &str =
    "messaging.twilio.com did not answer in time. Nothing was assumed; try again when the connection is better.";
const CONNECTION: &str = "The connection to api.twilio.com failed: error sending request for url (/v1/Services).";
const LOCKED: &str = "The OS keyring is locked or refused access, so the secret could not be used. Unlock the login \
    keyring (in Passwords and Keys, or by signing in again) and try again. What you typed is kept.";
const LOST: &str = "The OS keyring no longer has this account's API key secret: the keyring was reset, or this data \
    folder comes from another computer. Enter the API key secret again on the Account details page.";
const NOT_IN_TWILIO: &str = "This Twilio account has no WhatsApp sender or phone number +14155550199.";
const SANDBOX: &str = "This is Twilio's WhatsApp Sandbox. Paste the inbound URL into \"When a message comes in\" in \
    the Sandbox settings of the Twilio Console; Twilio's API cannot set it.";

#[tokio::test]
async fn stored_english_becomes_codes_params_and_twilio_s_own_words() {
    let dir = tempfile::tempdir().unwrap();
    let pool = database_before(dir.path(), PROBLEMS).await;
    for id in ["a", "b", "c", "d", "e", "f"] {
        run(
            &pool,
            "INSERT INTO accounts (id, name, name_key, channel, account_sid, status, created_at, updated_at)
             VALUES (?, ?, ?, 'whatsapp', ?, 'complete', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
            &[id, id, id, SID],
        )
        .await;
    }
    run(
        &pool,
        "INSERT INTO whatsapp_numbers (id, account_id, name, number, created_at, updated_at)
         VALUES ('n1', 'a', 'Support', '+14155550100', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
        &[],
    )
    .await;
    let verification = "INSERT INTO verifications
        (account_id, outcome, checked_at, friendly_name, status, account_type, error_code, message, warning, checked)
        VALUES (?, ?, '2026-11-02T00:00:00Z', ?, ?, ?, ?, ?, ?, ?)";
    let v = |id, outcome, name, status, kind, code, message, warning, checked| {
        let pool = pool.clone();
        async move {
            let binds = [id, outcome, name, status, kind, code, message, warning, checked];
            let q = binds.iter().fold(sqlx::query(verification), |q, b: &Option<&str>| q.bind(*b));
            q.execute(&pool).await.unwrap();
        }
    };
    let checked = Some(r#"["phone_numbers","account"]"#);
    let trial_warning = Some("This is a Trial account: it can send only to numbers verified in the Twilio Console.");
    v(
        Some("a"),
        Some("failed"),
        None,
        None,
        None,
        Some("twilio_auth_failed"),
        Some(AUTH),
        None,
        Some(r#"["phone_numbers"]"#),
    )
    .await;
    v(Some("b"), Some("verified"), Some("Prod"), Some("active"), Some("Trial"), None, None, trial_warning, checked)
        .await;
    let inactive = "Twilio says this account is suspended: it cannot send or receive messages. Reactivate it.";
    v(Some("c"), Some("failed"), Some("Old"), Some("suspended"), Some("Full"), None, Some(inactive), None, checked)
        .await;
    v(Some("d"), Some("offline"), None, None, None, Some("offline"), Some(OFFLINE), None, Some(r#"["account"]"#)).await;
    v(
        Some("e"),
        Some("failed"),
        None,
        None,
        None,
        Some("twilio_rejected"),
        Some(REJECTED),
        None,
        Some(r#"["account"]"#),
    )
    .await;

    let drift = "INSERT INTO drift_checks (account_id, outcome, checked_at, numbers, error_code, message)
        VALUES (?, ?, '2026-11-03T00:00:00Z', ?, ?, ?)";
    let numbers = json!([
        {"numberId": "n1", "name": "Support", "number": "+14155550100", "state": "in_sync", "errorCode": null, "message": null},
        {"numberId": "n2", "name": "Ghost", "number": "+14155550199", "state": "failed", "errorCode": "twilio_not_found", "message": NOT_IN_TWILIO},
        {"numberId": "n3", "name": "Sandbox", "number": "+14155238886", "state": "failed", "errorCode": "cannot_apply", "message": SANDBOX},
    ])
    .to_string();
    let d = |id: &'static str,
             outcome: &'static str,
             numbers: String,
             code: Option<&'static str>,
             message: Option<&'static str>| {
        let pool = pool.clone();
        async move {
            sqlx::query(drift)
                .bind(id)
                .bind(outcome)
                .bind(numbers)
                .bind(code)
                .bind(message)
                .execute(&pool)
                .await
                .unwrap();
        }
    };
    d("a", "failed", numbers, None, None).await;
    d("b", "failed", "[]".into(), Some("twilio_rate_limited"), Some(RATE)).await;
    d("c", "failed", "[]".into(), Some("keyring_locked"), Some(LOCKED)).await;
    d("d", "failed", "[]".into(), Some("secret_lost"), Some(LOST)).await;
    d("e", "offline", "[]".into(), Some("twilio_timeout"), Some(TIMEOUT)).await;
    d("f", "failed", "[]".into(), Some("twilio_unavailable"), Some(CONNECTION)).await;
    run(
        &pool,
        "INSERT INTO applied_routes (number_id, number, kind, twilio_sid, url, replaced_url, applied_at)
         VALUES ('n1', '+14155550100', 'sender_webhook', 'XE1', 'https://desk.example.com/in', NULL, '2026-11-01T00:00:00Z')",
        &[],
    )
    .await;
    pool.close().await;

    let desk = open_desk(dir.path(), Arc::new(MemoryStore::default())).await;
    let account = |id: &'static str| {
        let accounts = &desk.accounts;
        async move { accounts.get(id).await.unwrap() }
    };

    let a = account("a").await;
    let v = a.verification.unwrap();
    assert_eq!(
        (v.outcome, v.checked.as_slice()),
        (VerificationOutcome::Failed, [CheckedResource::IncomingPhoneNumbers].as_slice())
    );
    assert_eq!(
        v.problem,
        Some(problem(
            ErrorCode::TwilioAuthFailed,
            None,
            json!({
                "twilioCode": 20003,
                "twilioMessage": "Authenticate (see: the docs)",
                "moreInfo": "https://www.twilio.com/docs/errors/20003",
            })
        )),
        "Twilio's number, words and page, read out of the English"
    );
    let drift = a.drift.unwrap();
    assert_eq!((drift.outcome, drift.problem), (DriftOutcome::Failed, None));
    let states: Vec<_> = drift.numbers.iter().map(|n| (n.name.as_str(), n.state, n.problem.clone())).collect();
    assert_eq!(
        states,
        [
            ("Support", NumberState::InSync, None),
            (
                "Ghost",
                NumberState::Failed,
                Some(problem(ErrorCode::NumberNotInTwilio, None, json!({"number": "+14155550199"})))
            ),
            ("Sandbox", NumberState::Failed, Some(problem(ErrorCode::CannotApply, None, json!({"reason": "sandbox"})))),
        ],
        "in the account's order"
    );
    assert_eq!(a.numbers[0].number, "+14155550100");

    let b = account("b").await;
    let v = b.verification.unwrap();
    assert_eq!(
        (v.outcome, v.account_type.as_deref(), v.problem, v.checked.as_slice()),
        (
            VerificationOutcome::Verified,
            Some("Trial"),
            None,
            [CheckedResource::IncomingPhoneNumbers, CheckedResource::Account].as_slice()
        ),
        "the trial warning comes from the account type now"
    );
    let rate = json!({"twilioCode": 20429, "twilioMessage": "Too Many Requests", "moreInfo": "https://www.twilio.com/docs/errors/20429"});
    assert_eq!(b.drift.unwrap().problem, Some(problem(ErrorCode::TwilioRateLimited, None, rate)));

    let c = account("c").await;
    assert_eq!(
        c.verification.unwrap().problem,
        Some(problem(ErrorCode::AccountInactive, None, json!({"status": "suspended"})))
    );
    assert_eq!(c.drift.unwrap().problem, Some(problem(ErrorCode::KeyringLocked, None, json!({"os": "linux"}))));

    let d = account("d").await;
    assert_eq!(
        d.verification.unwrap().problem,
        Some(problem(ErrorCode::Offline, None, json!({"host": "api.twilio.com"})))
    );
    assert_eq!(d.drift.unwrap().problem, Some(problem(ErrorCode::SecretLost, Some("apiKeySecret"), json!({}))));

    let e = account("e").await;
    assert_eq!(
        e.verification.unwrap().problem,
        Some(problem(ErrorCode::TwilioRejected, None, json!({"httpStatus": 400, "twilioMessage": "Bad Request"})))
    );
    assert_eq!(
        e.drift.unwrap().problem,
        Some(problem(ErrorCode::TwilioTimeout, None, json!({"host": "messaging.twilio.com"})))
    );
    let f = account("f").await;
    assert_eq!(
        f.drift.unwrap().problem,
        Some(problem(ErrorCode::ConnectionFailed, None, json!({"host": "api.twilio.com"}))),
        "a failed connection has a code of its own now"
    );
    let listed = desk.accounts.list().await.unwrap();
    assert_eq!(
        listed.iter().find(|s| s.id == "f").unwrap().drift.as_ref().unwrap().problem.as_ref().unwrap().code,
        ErrorCode::ConnectionFailed
    );

    let pool = db::open(&dir.path().join(db::FILE_NAME)).await.unwrap();
    for (table, gone) in [
        ("verifications", ["error_code", "message", "warning"].as_slice()),
        ("drift_checks", &["error_code", "message"]),
    ] {
        let columns: Vec<String> = sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .fetch_all(&pool)
            .await
            .unwrap();
        assert!(gone.iter().all(|c| !columns.iter().any(|have| have == c)), "{table} keeps no English: {columns:?}");
    }
    let written: String = sqlx::query_scalar("SELECT inbound_url FROM applied_routes").fetch_one(&pool).await.unwrap();
    assert_eq!(written, "https://desk.example.com/in");
}

#[tokio::test]
async fn a_503_whose_body_said_nothing_keeps_only_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let pool = database_before(dir.path(), PROBLEMS).await;
    run(
        &pool,
        "INSERT INTO accounts (id, name, name_key, channel, status, created_at, updated_at)
         VALUES ('a', 'a', 'a', 'whatsapp', 'draft', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
        &[],
    )
    .await;
    run(
        &pool,
        "INSERT INTO drift_checks (account_id, outcome, checked_at, numbers, error_code, message)
         VALUES ('a', 'failed', '2026-11-03T00:00:00Z', '[]', 'twilio_unavailable', ?)",
        &[DOWN],
    )
    .await;
    pool.close().await;
    let desk = open_desk(dir.path(), Arc::new(MemoryStore::default())).await;
    assert_eq!(
        desk.accounts.get("a").await.unwrap().drift.unwrap().problem,
        Some(problem(ErrorCode::TwilioUnavailable, None, json!({"httpStatus": 503}))),
        "\"HTTP 503\" stood in for words Twilio did not send"
    );
}

#[tokio::test]
async fn a_desk_from_before_workstreams_gains_the_default_queue_and_keeps_its_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let pool = database_before(dir.path(), "20261124000000").await;
    run(
        &pool,
        "INSERT INTO accounts (id, name, name_key, channel, account_sid, status, created_at, updated_at)
         VALUES ('a', 'Contoso', 'contoso', 'whatsapp', ?, 'complete', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
        &[SID],
    )
    .await;
    run(
        &pool,
        "INSERT INTO whatsapp_numbers (id, account_id, name, number, created_at, updated_at)
         VALUES ('n1', 'a', 'Support', '+14155550100', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
        &[],
    )
    .await;
    pool.close().await;
    let desk = open_desk(dir.path(), Arc::new(MemoryStore::default())).await;
    let queues = desk.queues.list().await.unwrap();
    assert_eq!(
        queues.iter().map(|q| (q.name.as_str(), q.is_default)).collect::<Vec<_>>(),
        [("Default messaging queue", true)]
    );
    assert!(desk.workstreams.list().await.unwrap().is_empty());
    assert_eq!(desk.accounts.get("a").await.unwrap().numbers.len(), 1);
}

#[tokio::test]
async fn templates_from_before_family_keys_are_found_by_their_families_and_take_new_languages() {
    let dir = tempfile::tempdir().unwrap();
    let pool = database_before(dir.path(), "20261127000000").await;
    run(
        &pool,
        "INSERT INTO template_families (id, name, name_key, category, created_at, updated_at) VALUES
             ('f-order', 'order_shipped', 'order_shipped', 'utility', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
             ('f-refund', 'refund_done', 'refund_done', 'utility', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
        &[],
    )
    .await;
    // The languages of the two families interleaved, as they were numbered before.
    for (draft, family, language, body) in [
        ("d1", "f-order", "en", "Your order shipped"),
        ("d2", "f-refund", "en", "Your refund is done"),
        ("d3", "f-order", "de", "Ihre Bestellung ist unterwegs"),
    ] {
        run(
            &pool,
            "INSERT INTO template_drafts (id, family_id, language, revision, content, status, created_at, updated_at)
             VALUES (?, ?, ?, 1, json_object('type', 'twilio/text', 'body', ?), 'draft', '2026-11-01T00:00:00Z',
                     '2026-11-01T00:00:00Z')",
            &[draft, family, language, body],
        )
        .await;
    }
    pool.close().await;
    let desk = open_desk(dir.path(), Arc::new(MemoryStore::default())).await;
    let found = |text: &str, languages: &[&str]| {
        let q = LibrarySearch {
            text: text.into(),
            languages: languages.iter().map(|l| l.to_string()).collect(),
            ..LibrarySearch::default()
        };
        let desk = &desk;
        async move { desk.library.search(&q).await.unwrap().rows.into_iter().map(|r| r.name).collect::<Vec<_>>() }
    };
    assert_eq!(found("your", &[]).await, ["order_shipped", "refund_done"]);
    assert_eq!(found("bestellung", &[]).await, ["order_shipped"]);
    assert_eq!(found("", &["de"]).await, ["order_shipped"]);

    let input = NewLanguageInput {
        language: "it".into(),
        content: TemplateContent::Text { body: "Il rimborso è fatto".into() },
        variables: BTreeMap::new(),
    };
    desk.library.add_language("f-refund", input).await.unwrap();
    assert_eq!(found("rimborso", &[]).await, ["refund_done"]);
    assert_eq!(found("rimborso", &["it"]).await, ["refund_done"]);
    assert!(found("your", &["it"]).await.is_empty(), "the words and the language are one draft's");
}
