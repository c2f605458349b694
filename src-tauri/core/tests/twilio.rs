//! The Twilio client and the checks built on it, against a stateful fake Twilio on 127.0.0.1.

mod common;

use std::time::{Duration, Instant};

use channel_desk_core::error::{Param, Problem};
use channel_desk_core::model::{
    CheckedResource, DriftOutcome, KeyAccess, NumberState, RouteKind, RouteNote, UrlOwner, VerificationOutcome,
};
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::{callback, inbound, verification, ErrorCode};
use common::{api_key, channel, details, fixture, number, Fixture};
use fake_twilio::{ApiKey, FakeTwilio, Fault, KeyType};
use serde_json::{json, Value};

const BASE: &str = "https://desk.example.com";

fn client(url: &str) -> Twilio {
    Twilio::new(BaseUrls::all_at(url).unwrap(), timing()).unwrap()
}

fn timing() -> Timing {
    Timing {
        request_timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        attempts: 3,
        first_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_secs(2),
        accepted_wait: Duration::from_secs(3),
        accepted_poll: Duration::from_millis(50),
    }
}

/// A client that gives up on a request after `timeout`, so a delayed answer counts as a timeout.
fn client_waiting(url: &str, timeout: Duration) -> Twilio {
    Twilio::new(BaseUrls::all_at(url).unwrap(), Timing { request_timeout: timeout, ..timing() }).unwrap()
}

/// A client that reads an accepted sender change back for `wait` at most.
fn client_accepting(url: &str, wait: Duration) -> Twilio {
    Twilio::new(BaseUrls::all_at(url).unwrap(), Timing { accepted_wait: wait, ..timing() }).unwrap()
}

/// A desk with one account whose credentials are the fake's, and its one number.
async fn desk(fake: &FakeTwilio, kind: &str, number_e164: &str) -> (Fixture, String, String) {
    let twilio_account = fake.add_account("Contoso Prod", "active", kind);
    let f = fixture().await;
    f.settings.set_callback_base_url(BASE).await.unwrap();
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(&twilio_account.sid, Some(&twilio_account.auth_token))).await.unwrap();
    let account = f.accounts.add_number(&id, number("Support", number_e164)).await.unwrap();
    let number_id = account.numbers[0].id.clone();
    (f, id, number_id)
}

fn ours(id: &str) -> String {
    callback::inbound_url(Some(BASE), id).unwrap()
}

fn code(problem: &Option<Problem>) -> Option<ErrorCode> {
    problem.as_ref().map(|p| p.code)
}

/// The error's params, as they cross IPC.
fn params(err: &channel_desk_core::Error) -> Value {
    serde_json::to_value(&err.params).unwrap()
}

fn count(fake: &FakeTwilio, method: &str, path_start: &str) -> usize {
    fake.requests().iter().filter(|r| r.method == method && r.path.starts_with(path_start)).count()
}

#[tokio::test]
async fn check_credentials_reports_the_account_and_warns_on_trial() {
    let fake = FakeTwilio::start().await;
    let (f, id, _) = desk(&fake, "Trial", "+14155550100").await;
    let account = verification::check_credentials(&f.accounts, &client(&fake.url()), &id).await.unwrap();
    let v = account.verification.expect("kept with the account");
    assert_eq!(v.outcome, VerificationOutcome::Verified);
    assert_eq!(
        (v.friendly_name.as_deref(), v.status.as_deref(), v.account_type.as_deref()),
        (Some("Contoso Prod"), Some("active"), Some("Trial"))
    );
    assert_eq!(v.problem, None, "a Trial account is verified; the UI warns from its type");
    assert_eq!(
        (v.checked.as_slice(), v.key_access),
        ([CheckedResource::Account].as_slice(), Some(KeyAccess::Full)),
        "the Auth token is checked by reading the account, as before"
    );
    assert_eq!(fake.requests().len(), 1);
    assert_eq!(f.accounts.list().await.unwrap()[0].verification, Some(VerificationOutcome::Verified));
}

#[tokio::test]
async fn an_account_that_is_not_active_is_not_verified_and_says_its_status() {
    let fake = FakeTwilio::start().await;
    let twilio_account = fake.add_account("Old Prod", "suspended", "Full");
    let f = fixture().await;
    let id = f.accounts.create_draft(channel("Old")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(&twilio_account.sid, Some(&twilio_account.auth_token))).await.unwrap();
    let v =
        verification::check_credentials(&f.accounts, &client(&fake.url()), &id).await.unwrap().verification.unwrap();
    assert_eq!((v.outcome, v.status.as_deref()), (VerificationOutcome::Failed, Some("suspended")));
    let problem = v.problem.unwrap();
    assert_eq!(
        (problem.code, serde_json::to_value(&problem.params).unwrap()),
        (ErrorCode::AccountInactive, json!({"status": "suspended"}))
    );
}

/// A desk whose account signs in with a new API key of `kind`; returns the key too.
async fn desk_with_key(fake: &FakeTwilio, kind: KeyType) -> (Fixture, String, ApiKey) {
    let (f, id, _) = desk(fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let key = fake.add_api_key_of(&sid, kind);
    f.accounts.save_account_details(&id, api_key(&sid, &key.sid, Some(&key.secret))).await.unwrap();
    (f, id, key)
}

/// The paths of the requests the fake received, without their query.
fn paths(fake: &FakeTwilio) -> Vec<String> {
    fake.requests().into_iter().map(|r| r.path).collect()
}

#[tokio::test]
async fn check_credentials_with_a_main_api_key_checks_the_key_then_reads_the_account() {
    let fake = FakeTwilio::start().await;
    let (f, id, key) = desk_with_key(&fake, KeyType::Main).await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let v =
        verification::check_credentials(&f.accounts, &client(&fake.url()), &id).await.unwrap().verification.unwrap();
    assert_eq!(v.outcome, VerificationOutcome::Verified);
    assert_eq!((v.friendly_name.as_deref(), v.account_type.as_deref()), (Some("Contoso Prod"), Some("Full")));
    assert_eq!(
        (v.checked.as_slice(), v.key_access),
        ([CheckedResource::IncomingPhoneNumbers, CheckedResource::Account].as_slice(), Some(KeyAccess::Full))
    );
    assert_eq!(
        paths(&fake),
        [format!("/2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json"), format!("/2010-04-01/Accounts/{sid}.json")]
    );
    let probe = &fake.requests()[0];
    assert_eq!(probe.query.as_deref(), Some("PageSize=1"), "one page of one number");
    assert!(fake.requests().iter().all(|r| r.username.as_deref() == Some(key.sid.as_str())));
}

#[tokio::test]
async fn check_credentials_with_a_standard_api_key_verifies_the_key_without_the_account() {
    let fake = FakeTwilio::start().await;
    let (f, id, _) = desk_with_key(&fake, KeyType::Standard).await;
    let account = verification::check_credentials(&f.accounts, &client(&fake.url()), &id).await.unwrap();
    let v = account.verification.clone().unwrap();
    assert_eq!((v.outcome, code(&v.problem)), (VerificationOutcome::Verified, None), "{v:?}");
    assert_eq!((v.friendly_name, v.status, v.account_type), (None, None, None), "Twilio did not say");
    assert_eq!(
        (v.checked.as_slice(), v.key_access),
        (
            [CheckedResource::IncomingPhoneNumbers, CheckedResource::Account].as_slice(),
            Some(KeyAccess::NoAccountAccess)
        ),
        "the account was asked for too, and refused to this key"
    );
    assert_eq!(fake.requests().len(), 2);
    assert_eq!(account.verification.as_ref().unwrap().key_access, Some(KeyAccess::NoAccountAccess), "stored");
    assert_eq!(f.accounts.get(&id).await.unwrap().verification, account.verification, "and read back as it was");
    assert_eq!(f.accounts.list().await.unwrap()[0].verification, Some(VerificationOutcome::Verified));
}

#[tokio::test]
async fn check_credentials_with_a_wrong_key_secret_fails_on_the_key_check() {
    let fake = FakeTwilio::start().await;
    let (f, id, key) = desk_with_key(&fake, KeyType::Standard).await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    f.accounts.save_account_details(&id, api_key(&sid, &key.sid, Some("wrong-secret-wrong-secret"))).await.unwrap();
    let v =
        verification::check_credentials(&f.accounts, &client(&fake.url()), &id).await.unwrap().verification.unwrap();
    assert_eq!((v.outcome, code(&v.problem)), (VerificationOutcome::Failed, Some(ErrorCode::TwilioAuthFailed)));
    assert_eq!((v.checked.as_slice(), v.key_access), ([CheckedResource::IncomingPhoneNumbers].as_slice(), None));
    assert_eq!(v.problem.unwrap().params["twilioCode"], Param::Number(20003));
    assert_eq!(paths(&fake), [format!("/2010-04-01/Accounts/{sid}/IncomingPhoneNumbers.json")], "nothing more");
}

#[tokio::test]
async fn bad_credentials_are_saved_as_not_verified_with_twilio_s_reason() {
    let fake = FakeTwilio::start().await;
    let (f, id, _) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    f.accounts.save_account_details(&id, details(&sid, Some("wrong-token-wrong-token"))).await.unwrap();
    let account = verification::check_credentials(&f.accounts, &client(&fake.url()), &id).await.unwrap();
    let v = account.verification.unwrap();
    let problem = v.problem.expect("why it failed");
    assert_eq!(v.outcome, VerificationOutcome::Failed);
    assert_eq!(
        (problem.code, serde_json::to_value(&problem.params).unwrap()),
        (
            ErrorCode::TwilioAuthFailed,
            json!({
                "httpStatus": 401,
                "twilioCode": 20003,
                "twilioMessage": "Authenticate",
                "moreInfo": "https://www.twilio.com/docs/errors/20003",
            })
        ),
        "Twilio's own answer is kept, as data"
    );
    assert!(!format!("{problem:?}").contains("wrong-token"), "the secret stays out of what is kept");
    let creds = f.accounts.credentials(&id).await.unwrap();
    assert!(!format!("{creds:?}").contains("wrong-token"), "Debug leaves the password out");
    assert_eq!(account.account_sid.as_deref(), Some(sid.as_str()), "the account is saved either way");
}

#[tokio::test]
async fn offline_everything_saves_and_the_checks_say_not_checked() {
    let fake = FakeTwilio::start().await;
    let (f, id, _) = desk(&fake, "Full", "+14155550100").await;
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let twilio = client(&closed);
    let v = verification::check_credentials(&f.accounts, &twilio, &id).await.unwrap().verification.unwrap();
    assert_eq!((v.outcome, code(&v.problem)), (VerificationOutcome::Offline, Some(ErrorCode::Offline)));
    let drift = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(drift.outcome, DriftOutcome::Offline);
    assert_eq!(f.accounts.list().await.unwrap()[0].drift.as_ref().unwrap().outcome, DriftOutcome::Offline);
    let err = inbound::whatsapp_senders(&f.accounts, &twilio, &id).await.unwrap_err();
    assert_eq!((err.code, params(&err)), (ErrorCode::Offline, json!({"host": "127.0.0.1"})));
}

#[tokio::test]
async fn senders_are_read_across_pages_on_the_configured_host() {
    let fake = FakeTwilio::start().await;
    let (f, id, _) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    for n in 0..5 {
        fake.add_sender(&sid, &format!("+1415555010{n}"), if n == 4 { "OFFLINE" } else { "ONLINE" });
    }
    fake.set_page_size(Some(2));
    let senders = inbound::whatsapp_senders(&f.accounts, &client(&fake.url()), &id).await.unwrap();
    let numbers: Vec<&str> = senders.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(numbers, ["+14155550100", "+14155550101", "+14155550102", "+14155550103", "+14155550104"]);
    assert_eq!(senders[4].status.as_deref(), Some("OFFLINE"));
    assert_eq!(count(&fake, "GET", "/v2/Channels/Senders"), 3, "three pages, each from the fake, not Twilio's host");
}

#[tokio::test]
async fn a_page_link_that_repeats_ends_the_walk() {
    let fake = FakeTwilio::start().await;
    let (f, id, _) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    for n in 0..5 {
        fake.add_sender(&sid, &format!("+1415555010{n}"), "ONLINE");
    }
    fake.set_page_size(Some(2));
    fake.fail_next("GET", "/v2/Channels/Senders", Fault::RepeatPage);
    let senders = inbound::whatsapp_senders(&f.accounts, &client(&fake.url()), &id).await.unwrap();
    assert_eq!(senders.len(), 2);
    assert_eq!(count(&fake, "GET", "/v2/Channels/Senders"), 1);
}

#[tokio::test]
async fn applying_writes_the_sender_webhook_once_and_a_later_read_sees_it() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    fake.set_sender_webhook(&sender, "https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1");
    let twilio = client(&fake.url());

    let before = inbound::routes(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!((before[0].kind, before[0].owner), (RouteKind::SenderWebhook, UrlOwner::StudioFlow));
    assert_eq!(before[0].twilio_sid.as_deref(), Some(sender.as_str()));

    let stale = inbound::apply(&f.accounts, &twilio, &id, &number_id, Some("https://old.example.com")).await;
    let stale = stale.unwrap_err();
    assert_eq!(stale.code, ErrorCode::InboundChanged, "what the user confirmed is no longer there");
    assert_eq!(
        params(&stale),
        json!({
            "number": "+14155550100",
            "reason": "url_changed",
            "currentUrl": "https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1",
        })
    );
    assert_eq!(fake.writes(), 0);

    let after = inbound::apply(&f.accounts, &twilio, &id, &number_id, before[0].current_url.as_deref()).await.unwrap();
    assert_eq!((after.owner, after.current_url.as_deref()), (UrlOwner::Ours, Some(ours(&id).as_str())));
    assert_eq!(fake.sender_webhook(&sender).as_deref(), Some(ours(&id).as_str()));
    assert_eq!(fake.writes(), 1);
    let write = fake.requests().into_iter().find(|r| r.method == "POST").unwrap();
    assert_eq!(write.content_type.as_deref(), Some("application/json"));
    assert!(write.body.contains("\"callback_url\""), "{}", write.body);
}

#[tokio::test]
async fn a_messaging_service_url_overrides_the_sender_and_is_where_we_write() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    let service = fake.add_service(&sid, "Support service", Some("https://other.example.com/in"), false);
    fake.attach_sender(&service, &sender);
    let twilio = client(&fake.url());

    let route = &inbound::routes(&f.accounts, &twilio, &id).await.unwrap()[0];
    assert_eq!((route.kind, route.owner), (RouteKind::MessagingService, UrlOwner::Elsewhere));
    assert_eq!(route.service_name.as_deref(), Some("Support service"));
    assert_eq!(route.note, Some(RouteNote::ServiceOverrides));
    inbound::apply(&f.accounts, &twilio, &id, &number_id, route.current_url.as_deref()).await.unwrap();
    assert_eq!(fake.service_inbound_request_url(&service).as_deref(), Some(ours(&id).as_str()));
    assert_eq!(fake.sender_webhook(&sender), None, "the sender's own webhook is left alone");
    let write = fake.requests().into_iter().find(|r| r.method == "POST").unwrap();
    assert_eq!(write.content_type.as_deref(), Some("application/x-www-form-urlencoded"));
    assert!(write.body.contains("InboundRequestUrl="), "{}", write.body);

    let silent = FakeTwilio::start().await;
    let (f, id, _) = desk(&silent, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = silent.add_sender(&sid, "+14155550100", "ONLINE");
    silent.set_sender_webhook(&sender, &ours(&id));
    let service = silent.add_service(&sid, "No URL", None, false);
    silent.attach_sender(&service, &sender);
    let route = &inbound::routes(&f.accounts, &client(&silent.url()), &id).await.unwrap()[0];
    assert_eq!(
        (route.kind, route.owner),
        (RouteKind::MessagingService, UrlOwner::Unset),
        "a service without a Request URL drops inbound messages, whatever the sender's webhook says"
    );

    let deferring = FakeTwilio::start().await;
    let (f, id, _) = desk(&deferring, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = deferring.add_sender(&sid, "+14155550100", "ONLINE");
    let service = deferring.add_service(&sid, "Defers", Some("https://other.example.com/in"), true);
    deferring.attach_sender(&service, &sender);
    let route = &inbound::routes(&f.accounts, &client(&deferring.url()), &id).await.unwrap()[0];
    assert_eq!((route.kind, route.owner), (RouteKind::SenderWebhook, UrlOwner::Unset));
}

#[tokio::test]
async fn a_number_without_a_sender_falls_back_to_its_sms_url() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let pn = fake.add_phone_number(&sid, "+14155550100", Some("https://old.example.com/sms"));
    let twilio = client(&fake.url());
    let route = &inbound::routes(&f.accounts, &twilio, &id).await.unwrap()[0];
    assert_eq!((route.kind, route.twilio_sid.as_deref()), (RouteKind::PhoneNumber, Some(pn.as_str())));
    let lookup = fake.requests().into_iter().find(|r| r.path.ends_with("/IncomingPhoneNumbers.json")).unwrap();
    assert!(lookup.query.unwrap().contains("PhoneNumber=%2B14155550100"), "+ is percent-encoded");
    inbound::apply(&f.accounts, &twilio, &id, &number_id, route.current_url.as_deref()).await.unwrap();
    assert_eq!(fake.number_sms_url(&pn).as_deref(), Some(ours(&id).as_str()));
}

#[tokio::test]
async fn the_sandbox_and_unknown_numbers_cannot_be_applied_and_say_why() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", inbound::SANDBOX_NUMBER).await;
    let twilio = client(&fake.url());
    let route = &inbound::routes(&f.accounts, &twilio, &id).await.unwrap()[0];
    assert_eq!((route.kind, route.note), (RouteKind::Sandbox, Some(RouteNote::Sandbox)));
    let err = inbound::apply(&f.accounts, &twilio, &id, &number_id, None).await.unwrap_err();
    assert_eq!((err.code, params(&err)), (ErrorCode::CannotApply, json!({"reason": "sandbox"})));
    assert!(err.message.contains("When a message comes in"), "{}", err.message);
    assert_eq!(fake.writes(), 0);
}

#[tokio::test]
async fn drift_is_reported_when_twilio_s_side_changes_and_kept_with_its_time() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    let twilio = client(&fake.url());
    inbound::apply(&f.accounts, &twilio, &id, &number_id, None).await.unwrap();
    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(check.outcome, DriftOutcome::InSync);

    fake.set_sender_webhook(&sender, "https://elsewhere.example.com/hook");
    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(check.outcome, DriftOutcome::Drifted);
    let drifted = &check.numbers[0];
    assert_eq!(
        (drifted.number_id.as_str(), drifted.name.as_str(), drifted.number.as_str(), drifted.state),
        (number_id.as_str(), "Support", "+14155550100", NumberState::Drifted),
        "listed by name"
    );
    assert_eq!(drifted.problem, None);
    let listed = f.accounts.list().await.unwrap()[0].drift.clone().unwrap();
    assert_eq!(listed, check, "the result is stored with its time");
    assert_eq!(f.accounts.get(&id).await.unwrap().drift, Some(check));

    let renamed = f.accounts.add_number(&id, number("Sales", "+14155550101")).await.unwrap();
    assert_eq!(renamed.drift, None, "a new number makes the last check stale");
    inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    let rotated = f.accounts.save_account_details(&id, details(&sid, Some("rotated-token"))).await.unwrap();
    assert_eq!((rotated.drift, rotated.verification), (None, None), "new credentials forget answers about the old");
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after_and_a_write_is_sent_once_it_succeeds() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    let twilio = client(&fake.url());
    fake.fail_next("GET", "/v2/Channels/Senders", Fault::Status { status: 429, code: 20429, retry_after: Some(1) });
    fake.fail_next("POST", "/v2/Channels/Senders/", Fault::Status { status: 429, code: 20429, retry_after: None });
    let started = Instant::now();
    let route = inbound::apply(&f.accounts, &twilio, &id, &number_id, None).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was honoured");
    assert_eq!(route.owner, UrlOwner::Ours);
    assert_eq!(count(&fake, "POST", "/v2/Channels/Senders/"), 2, "refused once with 429, then sent");
    assert_eq!(fake.writes(), 1);
    assert_eq!(fake.sender_webhook(&sender).as_deref(), Some(ours(&id).as_str()));
}

#[tokio::test]
async fn a_500_is_retried_for_reads_but_a_write_is_never_sent_twice() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    let twilio = client(&fake.url());
    fake.fail_next("GET", "/v2/Channels/Senders", Fault::Status { status: 500, code: 20500, retry_after: None });
    assert_eq!(inbound::whatsapp_senders(&f.accounts, &twilio, &id).await.unwrap().len(), 1);

    fake.fail_next("POST", "/v2/Channels/Senders/", Fault::Status { status: 500, code: 20500, retry_after: None });
    let err = inbound::apply(&f.accounts, &twilio, &id, &number_id, None).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioUnavailable);
    assert_eq!(
        params(&err),
        json!({
            "httpStatus": 500,
            "twilioCode": 20500,
            "twilioMessage": "Internal Server Error",
            "moreInfo": "https://www.twilio.com/docs/errors/20500",
        }),
        "Twilio's own answer, as data"
    );
    assert!(err.message.contains("20500"), "{}", err.message);
    assert_eq!(count(&fake, "POST", "/v2/Channels/Senders/"), 1);
    assert_eq!((fake.writes(), fake.sender_webhook(&sender)), (0, None));
}

#[tokio::test]
async fn a_timeout_is_retried_for_reads_and_reported_for_writes() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    let twilio = client_waiting(&fake.url(), Duration::from_millis(500));
    fake.fail_next("GET", "/v2/Channels/Senders", Fault::Delay(Duration::from_secs(2)));
    assert_eq!(inbound::whatsapp_senders(&f.accounts, &twilio, &id).await.unwrap().len(), 1);
    assert_eq!(count(&fake, "GET", "/v2/Channels/Senders"), 2);

    fake.fail_next("POST", "/v2/Channels/Senders/", Fault::Delay(Duration::from_secs(2)));
    let err = inbound::apply(&f.accounts, &twilio, &id, &number_id, None).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioTimeout);
    assert_eq!(count(&fake, "POST", "/v2/Channels/Senders/"), 1, "a write whose fate is unknown is not sent again");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(fake.writes(), 1);
    let route = &inbound::routes(&f.accounts, &twilio, &id).await.unwrap()[0];
    assert_eq!(route.owner, UrlOwner::Ours, "the slow write did land, and a fresh read says so");
    assert_eq!(fake.sender_webhook(&sender).as_deref(), Some(ours(&id).as_str()));
}

#[tokio::test]
async fn malformed_json_is_a_clear_error_and_changes_nothing() {
    let fake = FakeTwilio::start().await;
    let (f, id, _) = desk(&fake, "Full", "+14155550100").await;
    fake.fail_next("GET", "/2010-04-01/Accounts/", Fault::MalformedJson);
    let v =
        verification::check_credentials(&f.accounts, &client(&fake.url()), &id).await.unwrap().verification.unwrap();
    assert_eq!((v.outcome, code(&v.problem)), (VerificationOutcome::Failed, Some(ErrorCode::TwilioBadResponse)));
    assert_eq!(fake.writes(), 0);
}

#[tokio::test]
async fn an_answer_that_arrives_after_the_account_changed_is_dropped() {
    let fake = FakeTwilio::start().await;
    let (f, id, _) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let twilio = client(&fake.url());
    let meanwhile = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        f.accounts.save_account_details(&id, details(&sid, Some("rotated-token"))).await.unwrap();
    };

    fake.fail_next("GET", "/2010-04-01/Accounts/", Fault::Delay(Duration::from_secs(1)));
    let (checked, ()) = tokio::join!(verification::check_credentials(&f.accounts, &twilio, &id), meanwhile);
    assert_eq!(checked.unwrap_err().code, ErrorCode::ChangedDuringCheck);
    assert_eq!(
        f.accounts.get(&id).await.unwrap().verification,
        None,
        "an answer about the old token does not pass for the new one"
    );

    let meanwhile = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        f.accounts.add_number(&id, number("Sales", "+14155550101")).await.unwrap();
    };
    fake.fail_next("GET", "/v2/Channels/Senders", Fault::Delay(Duration::from_secs(1)));
    let (checked, ()) = tokio::join!(inbound::check_drift(&f.accounts, &twilio, &id), meanwhile);
    assert_eq!(checked.unwrap_err().code, ErrorCode::ChangedDuringCheck);
    assert_eq!(f.accounts.get(&id).await.unwrap().drift, None);
}

#[tokio::test]
async fn applying_to_a_sender_waits_until_twilio_shows_the_accepted_webhook() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    fake.set_sender_update_delay(Duration::from_millis(400));
    let route = inbound::apply(&f.accounts, &client(&fake.url()), &id, &number_id, None).await.unwrap();
    assert_eq!((route.owner, route.current_url.as_deref()), (UrlOwner::Ours, Some(ours(&id).as_str())));
    assert!(!route.pending);
    assert!(count(&fake, "GET", &format!("/v2/Channels/Senders/{sender}")) > 1, "asked again until it showed");
}

#[tokio::test]
async fn a_sender_change_that_does_not_show_in_time_is_pending_and_drift_tells_later() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    fake.set_sender_webhook(&sender, "https://old.example.com/in");
    fake.set_sender_update_delay(Duration::from_millis(1500));
    let twilio = client_accepting(&fake.url(), Duration::from_millis(300));

    let started = Instant::now();
    let route =
        inbound::apply(&f.accounts, &twilio, &id, &number_id, Some("https://old.example.com/in")).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(1500), "the wait is bounded");
    assert!(route.pending, "Twilio accepted the change but has not applied it yet");
    assert_eq!((route.owner, route.current_url.as_deref()), (UrlOwner::Elsewhere, Some("https://old.example.com/in")));
    assert_eq!(route.applied.as_ref().unwrap().replaced_url.as_deref(), Some("https://old.example.com/in"));
    assert_eq!(fake.writes(), 1, "written once, not again while waiting");

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(check.outcome, DriftOutcome::InSync, "Twilio applied it meanwhile");
}

#[tokio::test]
async fn a_number_in_a_services_pool_routes_through_the_service() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let pn = fake.add_phone_number(&sid, "+14155550100", Some(&ours(&id)));
    let service = fake.add_service(&sid, "Pool service", Some("https://other.example.com/in"), false);
    fake.add_to_pool(&service, &pn);
    let twilio = client(&fake.url());

    let route = &inbound::routes(&f.accounts, &twilio, &id).await.unwrap()[0];
    assert_eq!((route.kind, route.owner), (RouteKind::MessagingService, UrlOwner::Elsewhere));
    assert_eq!(
        (route.twilio_sid.as_deref(), route.service_name.as_deref()),
        (Some(service.as_str()), Some("Pool service"))
    );
    assert_eq!(route.note, Some(RouteNote::ServiceOverrides));
    let pool_reads = fake.requests().into_iter().filter(|r| r.path == format!("/v1/Services/{service}/PhoneNumbers"));
    assert_eq!(pool_reads.map(|r| r.query).collect::<Vec<_>>(), [Some("PageSize=50".to_owned())]);
    let drift = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(
        (drift.outcome, drift.numbers[0].state),
        (DriftOutcome::NotApplied, NumberState::NotApplied),
        "the number's own SmsUrl is ours, but the service decides"
    );

    let after = inbound::apply(&f.accounts, &twilio, &id, &number_id, route.current_url.as_deref()).await.unwrap();
    assert_eq!((after.kind, after.owner), (RouteKind::MessagingService, UrlOwner::Ours));
    assert_eq!(fake.service_inbound_request_url(&service).as_deref(), Some(ours(&id).as_str()));
    assert_eq!(count(&fake, "POST", "/2010-04-01/"), 0, "the number's SmsUrl is left alone");
    let drift = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(drift.outcome, DriftOutcome::InSync);

    let forced = FakeTwilio::start().await;
    let (f, id, _) = desk(&forced, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let service = forced.add_service(&sid, "Big pool", Some("https://other.example.com/in"), false);
    for n in [4, 3, 2, 1, 0] {
        let pn = forced.add_phone_number(&sid, &format!("+1415555010{n}"), None);
        forced.add_to_pool(&service, &pn);
    }
    forced.set_page_size(Some(2));
    let route = &inbound::routes(&f.accounts, &client(&forced.url()), &id).await.unwrap()[0];
    assert_eq!(route.kind, RouteKind::MessagingService, "found on the pool's last page");
    assert_eq!(count(&forced, "GET", &format!("/v1/Services/{service}/PhoneNumbers")), 3);

    let deferring = FakeTwilio::start().await;
    let (f, id, _) = desk(&deferring, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let pn = deferring.add_phone_number(&sid, "+14155550100", Some("https://old.example.com/sms"));
    let service = deferring.add_service(&sid, "Defers", Some("https://other.example.com/in"), true);
    deferring.add_to_pool(&service, &pn);
    let route = &inbound::routes(&f.accounts, &client(&deferring.url()), &id).await.unwrap()[0];
    assert_eq!(
        (route.kind, route.twilio_sid.as_deref()),
        (RouteKind::PhoneNumber, Some(pn.as_str())),
        "a service that defers to the number's webhook leaves its SmsUrl in charge"
    );
}

#[tokio::test]
async fn drift_tells_numbers_never_applied_from_drifted_ones_by_name() {
    let fake = FakeTwilio::start().await;
    let (f, id, support) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sales = f.accounts.add_number(&id, number("Sales", "+14155550101")).await.unwrap().numbers[1].id.clone();
    fake.add_sender(&sid, "+14155550100", "ONLINE");
    let pn = fake.add_phone_number(&sid, "+14155550101", Some("https://old.example.com/sms"));
    let twilio = client(&fake.url());

    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(check.outcome, DriftOutcome::NotApplied, "nothing was set up by this desk yet");
    let states: Vec<_> = check.numbers.iter().map(|n| (n.name.as_str(), n.number.as_str(), n.state)).collect();
    assert_eq!(
        states,
        [("Support", "+14155550100", NumberState::NotApplied), ("Sales", "+14155550101", NumberState::NotApplied)]
    );

    inbound::apply(&f.accounts, &twilio, &id, &support, None).await.unwrap();
    inbound::apply(&f.accounts, &twilio, &id, &sales, Some("https://old.example.com/sms")).await.unwrap();
    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(check.outcome, DriftOutcome::InSync);
    assert!(check.numbers.iter().all(|n| n.state == NumberState::InSync));

    fake.set_number_sms_url(&pn, "https://someone-else.example.com/sms");
    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    let states: Vec<_> = check.numbers.iter().map(|n| (n.name.as_str(), n.state)).collect();
    assert_eq!(
        (check.outcome, states),
        (DriftOutcome::Drifted, vec![("Support", NumberState::InSync), ("Sales", NumberState::Drifted)])
    );
    assert_eq!(f.accounts.list().await.unwrap()[0].drift.as_ref(), Some(&check), "the list shows the same, by number");

    f.accounts.update_number(&sales, number("Sales", "+14155550102")).await.unwrap();
    fake.add_phone_number(&sid, "+14155550102", None);
    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(
        check.numbers[1].state,
        NumberState::NotApplied,
        "an Apply of the number it was edited from does not count"
    );
}

#[tokio::test]
async fn a_number_that_cannot_be_checked_fails_alone_with_its_reason() {
    let fake = FakeTwilio::start().await;
    let (f, id, support) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    f.accounts.add_number(&id, number("Ghost", "+14155550199")).await.unwrap();
    f.accounts.add_number(&id, number("Sandbox", inbound::SANDBOX_NUMBER)).await.unwrap();
    fake.add_sender(&sid, "+14155550100", "ONLINE");
    let twilio = client(&fake.url());
    inbound::apply(&f.accounts, &twilio, &id, &support, None).await.unwrap();

    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!((check.outcome, code(&check.problem)), (DriftOutcome::Failed, None));
    let states: Vec<_> = check.numbers.iter().map(|n| (n.name.as_str(), n.state, code(&n.problem))).collect();
    assert_eq!(
        states,
        [
            ("Support", NumberState::InSync, None),
            ("Ghost", NumberState::Failed, Some(ErrorCode::NumberNotInTwilio)),
            ("Sandbox", NumberState::Failed, Some(ErrorCode::CannotApply)),
        ]
    );
    let ghost = check.numbers[1].problem.as_ref().unwrap();
    assert_eq!(serde_json::to_value(&ghost.params).unwrap(), json!({"number": "+14155550199"}), "the reason, as data");

    fake.fail_next("GET", "/v2/Channels/Senders", Fault::Status { status: 401, code: 20003, retry_after: None });
    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!((check.outcome, code(&check.problem)), (DriftOutcome::Failed, Some(ErrorCode::TwilioAuthFailed)));
    assert!(check.numbers.is_empty());
    let said = &check.problem.as_ref().unwrap().params["twilioMessage"];
    assert_eq!(said, &Param::Text("Unauthorized".into()), "Twilio's own words");
    assert_eq!(f.accounts.get(&id).await.unwrap().drift, Some(check), "kept as it was");
}

#[tokio::test]
async fn restore_previous_writes_back_the_studio_flow_that_apply_replaced() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let sender = fake.add_sender(&sid, "+14155550100", "ONLINE");
    let flow = "https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1";
    fake.set_sender_webhook(&sender, flow);
    fake.set_sender_update_delay(Duration::from_millis(300));
    let twilio = client(&fake.url());

    let started = chrono::Utc::now();
    let applied = inbound::apply(&f.accounts, &twilio, &id, &number_id, Some(flow)).await.unwrap();
    let record = applied.applied.clone().expect("the Apply is kept");
    assert_eq!(
        (record.kind, record.twilio_sid.as_str(), record.inbound_url.as_str(), record.replaced_url.as_deref()),
        (RouteKind::SenderWebhook, sender.as_str(), ours(&id).as_str(), Some(flow))
    );
    assert!(record.applied_at >= started);
    let routes = inbound::routes(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(routes[0].applied.as_ref(), Some(&record), "the routes offer what Restore would write back");

    let stale = inbound::restore_previous(&f.accounts, &twilio, &id, &number_id, Some(flow)).await.unwrap_err();
    assert_eq!(stale.code, ErrorCode::InboundChanged, "the user confirmed another value than Twilio's");
    let writes = fake.writes();

    let restored = inbound::restore_previous(&f.accounts, &twilio, &id, &number_id, Some(&ours(&id))).await.unwrap();
    assert_eq!((restored.owner, restored.current_url.as_deref()), (UrlOwner::StudioFlow, Some(flow)));
    assert!(!restored.pending, "read back until the accepted change showed");
    assert_eq!(restored.applied, None, "undone: nothing more to restore");
    assert_eq!((fake.writes(), fake.sender_webhook(&sender).as_deref()), (writes + 1, Some(flow)));

    let check = inbound::check_drift(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(
        (check.outcome, check.numbers[0].state),
        (DriftOutcome::NotApplied, NumberState::NotApplied),
        "restored on purpose, not drifted"
    );
    let again = inbound::restore_previous(&f.accounts, &twilio, &id, &number_id, Some(flow)).await;
    assert_eq!(again.unwrap_err().code, ErrorCode::NothingToRestore);
}

#[tokio::test]
async fn restore_previous_needs_a_replaced_url_and_the_same_place_in_twilio() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let pn = fake.add_phone_number(&sid, "+14155550100", None);
    let twilio = client(&fake.url());

    let err = inbound::restore_previous(&f.accounts, &twilio, &id, &number_id, None).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NothingToRestore, "never applied");
    assert_eq!(params(&err), json!({"number": "+14155550100"}));
    let applied = inbound::apply(&f.accounts, &twilio, &id, &number_id, None).await.unwrap();
    assert_eq!(applied.applied.unwrap().replaced_url, None);
    let err = inbound::restore_previous(&f.accounts, &twilio, &id, &number_id, Some(&ours(&id))).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NothingToRestore, "the Apply replaced nothing");

    fake.set_number_sms_url(&pn, "https://old.example.com/sms");
    inbound::apply(&f.accounts, &twilio, &id, &number_id, Some("https://old.example.com/sms")).await.unwrap();
    let service = fake.add_service(&sid, "Took over", Some(&ours(&id)), false);
    fake.add_to_pool(&service, &pn);
    let writes = fake.writes();
    let err = inbound::restore_previous(&f.accounts, &twilio, &id, &number_id, Some(&ours(&id))).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InboundChanged, "a service decides now, not the number's SmsUrl");
    assert_eq!(params(&err), json!({"number": "+14155550100", "reason": "route_moved"}));
    assert_eq!(fake.writes(), writes);

    let restored_elsewhere = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&restored_elsewhere, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    let pn = restored_elsewhere.add_phone_number(&sid, "+14155550100", Some("https://old.example.com/sms"));
    let twilio = client(&restored_elsewhere.url());
    inbound::apply(&f.accounts, &twilio, &id, &number_id, Some("https://old.example.com/sms")).await.unwrap();
    let route = inbound::restore_previous(&f.accounts, &twilio, &id, &number_id, Some(&ours(&id))).await.unwrap();
    assert_eq!((route.kind, route.owner), (RouteKind::PhoneNumber, UrlOwner::Elsewhere));
    assert_eq!(restored_elsewhere.number_sms_url(&pn).as_deref(), Some("https://old.example.com/sms"));
}

#[tokio::test]
async fn reading_the_routes_in_the_wizard_is_a_drift_check_the_list_shows() {
    let fake = FakeTwilio::start().await;
    let (f, id, number_id) = desk(&fake, "Full", "+14155550100").await;
    let sid = f.accounts.get(&id).await.unwrap().account_sid.unwrap();
    fake.add_sender(&sid, "+14155550100", "ONLINE");
    let twilio = client(&fake.url());

    let before = inbound::routes(&f.accounts, &twilio, &id).await.unwrap();
    let listed = f.accounts.list().await.unwrap()[0].drift.clone().expect("the list shows the check");
    assert_eq!(listed.outcome, DriftOutcome::NotApplied);
    assert_eq!(listed.numbers[0].name, "Support");

    inbound::apply(&f.accounts, &twilio, &id, &number_id, before[0].current_url.as_deref()).await.unwrap();
    inbound::routes(&f.accounts, &twilio, &id).await.unwrap();
    assert_eq!(f.accounts.list().await.unwrap()[0].drift.clone().unwrap().outcome, DriftOutcome::InSync);
}
