//! The fake's Content API: create, fetch, both lists, approvals moved on by the test, delete, and faults.

use std::time::{Duration, Instant};

use fake_twilio::{Account, FakeTwilio, Fault};
use reqwest::{Client, RequestBuilder, StatusCode};
use serde_json::{json, Value};

async fn send(request: RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("the fake answers");
    let status = response.status();
    let bytes = response.bytes().await.expect("a body");
    (status, if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).expect("a JSON body") })
}

fn request(fake: &FakeTwilio, account: &Account, method: reqwest::Method, path: &str) -> RequestBuilder {
    Client::new().request(method, format!("{}{path}", fake.url())).basic_auth(&account.sid, Some(&account.auth_token))
}

async fn get(fake: &FakeTwilio, account: &Account, path: &str) -> (StatusCode, Value) {
    send(request(fake, account, reqwest::Method::GET, path)).await
}

async fn post_json(fake: &FakeTwilio, account: &Account, path: &str, body: Value) -> (StatusCode, Value) {
    send(request(fake, account, reqwest::Method::POST, path).json(&body)).await
}

async fn delete(fake: &FakeTwilio, account: &Account, path: &str) -> (StatusCode, Value) {
    send(request(fake, account, reqwest::Method::DELETE, path)).await
}

fn greeting() -> Value {
    json!({
        "friendly_name": "order_update_en",
        "language": "en",
        "variables": {"1": "Ann"},
        "types": {
            "twilio/text": {"body": "Hello {{1}}, your order has shipped."},
            "twilio/quick-reply": {"body": "Hello {{1}}, your order has shipped.", "actions": [{"title": "Thanks"}]},
        },
    })
}

/// The path and query of an absolute v1 link on the content host, to send to the fake instead.
fn rebase(url: &str) -> &str {
    url.strip_prefix("https://content.twilio.com").expect("a link on Twilio's content host")
}

#[tokio::test]
async fn creates_content_with_an_hx_sid_and_fetches_it() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");

    let (status, created) = post_json(&fake, &account, "/v1/Content", greeting()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let sid = created["sid"].as_str().unwrap().to_owned();
    assert!(sid.starts_with("HX") && sid.len() == 34 && sid[2..].chars().all(|c| c.is_ascii_hexdigit()), "{sid}");
    assert_eq!(created["account_sid"], account.sid.as_str());
    assert_eq!(
        (created["friendly_name"].as_str(), created["language"].as_str()),
        (Some("order_update_en"), Some("en"))
    );
    assert_eq!(created["variables"], json!({"1": "Ann"}));
    assert_eq!(created["types"], greeting()["types"]);
    assert_eq!(created["url"], format!("https://content.twilio.com/v1/Content/{sid}"));
    assert_eq!(
        created["links"]["approval_create"],
        format!("https://content.twilio.com/v1/Content/{sid}/ApprovalRequests/whatsapp")
    );
    assert_eq!(
        created["links"]["approval_fetch"],
        format!("https://content.twilio.com/v1/Content/{sid}/ApprovalRequests")
    );
    assert!(created["date_created"].as_str().unwrap().ends_with('Z'), "ISO 8601");
    assert_eq!(fake.writes(), 1);

    let (status, fetched) = get(&fake, &account, &format!("/v1/Content/{sid}")).await;
    assert_eq!((status, &fetched), (StatusCode::OK, &created));

    let stored = fake.stored_contents(&account.sid);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["approval_requests"]["status"], "unsubmitted");

    let other = fake.add_account("Fabrikam", "active", "Full");
    let (status, body) = get(&fake, &other, &format!("/v1/Content/{sid}")).await;
    assert_eq!((status, body["code"].as_u64()), (StatusCode::NOT_FOUND, Some(20404)), "another account's content");
    assert!(fake.stored_contents(&other.sid).is_empty());
}

#[tokio::test]
async fn refuses_a_create_that_breaks_the_spec() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let refusals = [
        (json!({"types": {"twilio/text": {"body": "Hi"}}}), "no language"),
        (json!({"language": "en"}), "no types"),
        (json!({"language": "en", "types": {}}), "empty types"),
        (json!({"language": "en", "types": {"twilio/fax": {}}}), "a type the spec does not have"),
        (
            json!({"language": "en", "types": {"twilio/text": {"body": "Hi"}}, "variables": {"1": 7}}),
            "a number as a sample",
        ),
        (json!({"language": "en", "types": {"twilio/text": {"body": "Hi"}}, "category": "UTILITY"}), "a stray key"),
    ];
    for (body, why) in refusals {
        let (status, answer) = post_json(&fake, &account, "/v1/Content", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{why}: {answer}");
    }
    let form = request(&fake, &account, reqwest::Method::POST, "/v1/Content").form(&[("language", "en")]);
    assert_eq!(send(form).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE, "the Content API takes JSON");
    assert!(fake.stored_contents(&account.sid).is_empty());
    assert_eq!(fake.writes(), 0);
}

#[tokio::test]
async fn lists_content_and_contents_with_approvals_across_pages_on_the_content_host() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let sids: Vec<String> =
        (1..=5).map(|n| fake.add_content(&account.sid, &format!("t{n}"), "en", &format!("Body {n}"))).collect();
    fake.add_content(&fake.add_account("Fabrikam", "active", "Full").sid, "theirs", "en", "Not listed");

    for list in ["/v1/Content", "/v1/ContentAndApprovals"] {
        let mut path = format!("{list}?PageSize=2");
        let mut seen = Vec::new();
        loop {
            let (status, page) = get(&fake, &account, &path).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            assert_eq!(page["meta"]["key"], "contents");
            assert!(page["meta"]["url"].as_str().unwrap().starts_with(&format!("https://content.twilio.com{list}?")));
            seen.extend(page["contents"].as_array().unwrap().iter().map(|c| c["sid"].as_str().unwrap().to_owned()));
            let approval = &page["contents"][0]["approval_requests"];
            assert_eq!(approval.is_object(), list == "/v1/ContentAndApprovals", "{list}: {approval}");
            match page["meta"]["next_page_url"].as_str() {
                Some(next) => path = rebase(next).to_owned(),
                None => break,
            }
        }
        assert_eq!(seen, sids, "{list}: every content of this account, once, in order");
    }
    let (_, page) = get(&fake, &account, "/v1/ContentAndApprovals").await;
    assert_eq!(page["meta"]["page_size"], 50, "Twilio's default page size");
}

#[tokio::test]
async fn an_approval_is_pending_once_submitted_then_moves_as_the_test_says() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let (_, created) = post_json(&fake, &account, "/v1/Content", greeting()).await;
    let sid = created["sid"].as_str().unwrap();
    let approvals = format!("/v1/Content/{sid}/ApprovalRequests");

    let (status, fetched) = get(&fake, &account, &approvals).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fetched["sid"], sid);
    assert_eq!(fetched["url"], format!("https://content.twilio.com{approvals}"));
    assert_eq!(fetched["whatsapp"]["status"], "unsubmitted");
    assert_eq!(fetched["whatsapp"]["type"], "whatsapp");

    let submit = format!("{approvals}/whatsapp");
    let (status, body) = post_json(&fake, &account, &submit, json!({"name": "order_update"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "no category: {body}");
    let (status, submitted) =
        post_json(&fake, &account, &submit, json!({"name": "order_update", "category": "UTILITY"})).await;
    assert_eq!(status, StatusCode::CREATED, "{submitted}");
    assert_eq!(
        submitted,
        json!({
            "name": "order_update", "category": "UTILITY", "content_type": "twilio/quick-reply",
            "status": "pending", "rejection_reason": "", "allow_category_change": true,
        })
    );

    let reason = "INVALID_FORMAT. Body can't start with a variable.\n  (see example)";
    fake.set_approval_status(sid, "rejected", Some(reason));
    let (_, fetched) = get(&fake, &account, &approvals).await;
    assert_eq!(
        (fetched["whatsapp"]["status"].as_str(), fetched["whatsapp"]["rejection_reason"].as_str()),
        (Some("rejected"), Some(reason))
    );
    let (_, listed) = get(&fake, &account, "/v1/ContentAndApprovals").await;
    assert_eq!(listed["contents"][0]["approval_requests"]["rejection_reason"], reason);

    for status in ["approved", "paused", "disabled", "IN_APPEAL"] {
        fake.set_approval_status(sid, status, None);
        let (_, fetched) = get(&fake, &account, &approvals).await;
        assert_eq!(
            (fetched["whatsapp"]["status"].as_str(), fetched["whatsapp"]["rejection_reason"].as_str()),
            (Some(status), Some(""))
        );
    }
    assert_eq!(fake.writes(), 2, "the create and the submission");
}

#[tokio::test]
async fn deletes_content_once() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let kept = fake.add_content(&account.sid, "kept", "en", "Stays");
    let gone = fake.add_content(&account.sid, "gone", "en", "Goes");
    let other = fake.add_account("Fabrikam", "active", "Full");

    let (status, _) = delete(&fake, &other, &format!("/v1/Content/{gone}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not theirs to delete");
    let (status, body) = delete(&fake, &account, &format!("/v1/Content/{gone}")).await;
    assert_eq!((status, body), (StatusCode::NO_CONTENT, Value::Null));
    let (status, body) = delete(&fake, &account, &format!("/v1/Content/{gone}")).await;
    assert_eq!((status, body["code"].as_u64()), (StatusCode::NOT_FOUND, Some(20404)));
    assert_eq!(get(&fake, &account, &format!("/v1/Content/{gone}/ApprovalRequests")).await.0, StatusCode::NOT_FOUND);
    let left: Vec<_> =
        fake.stored_contents(&account.sid).iter().map(|c| c["sid"].as_str().unwrap().to_owned()).collect();
    assert_eq!(left, [kept]);
    assert_eq!(fake.writes(), 1);
}

#[tokio::test]
async fn a_late_answer_comes_after_the_content_is_stored() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    fake.answer_next_content_create_after(Duration::from_millis(1500));
    let client = Client::builder().timeout(Duration::from_millis(300)).build().unwrap();
    let started = Instant::now();
    let outcome = client
        .post(format!("{}/v1/Content", fake.url()))
        .basic_auth(&account.sid, Some(&account.auth_token))
        .json(&greeting())
        .send()
        .await;
    assert!(outcome.expect_err("the client stops waiting").is_timeout());
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert_eq!(fake.stored_contents(&account.sid).len(), 1, "stored before the answer");

    let started = Instant::now();
    let (status, _) = post_json(&fake, &account, "/v1/Content", greeting()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(started.elapsed() < Duration::from_millis(1000), "only the next create answers late");
    assert_eq!(fake.stored_contents(&account.sid).len(), 2);
}

#[tokio::test]
async fn queued_faults_apply_to_the_content_routes() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    fake.add_content(&account.sid, "t1", "en", "Body");

    fake.fail_next("GET", "/v1/ContentAndApprovals", Fault::Status { status: 429, code: 20429, retry_after: Some(2) });
    let response = request(&fake, &account, reqwest::Method::GET, "/v1/ContentAndApprovals").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "2");
    assert_eq!(get(&fake, &account, "/v1/ContentAndApprovals").await.0, StatusCode::OK, "one fault, one request");

    fake.fail_next("POST", "/v1/Content", Fault::Status { status: 500, code: 20500, retry_after: None });
    let (status, body) = post_json(&fake, &account, "/v1/Content", greeting()).await;
    assert_eq!((status, body["code"].as_u64()), (StatusCode::INTERNAL_SERVER_ERROR, Some(20500)));
    assert_eq!(fake.stored_contents(&account.sid).len(), 1, "a refused create stores nothing");

    fake.fail_next("GET", "/v1/Content/", Fault::MalformedJson);
    let response = request(&fake, &account, reqwest::Method::GET, "/v1/Content/HX00").send().await.unwrap();
    assert!(serde_json::from_slice::<Value>(&response.bytes().await.unwrap()).is_err());

    fake.fail_next("GET", "/v1/ContentAndApprovals", Fault::RepeatPage);
    let (_, page) = get(&fake, &account, "/v1/ContentAndApprovals?PageSize=1").await;
    assert_eq!(rebase(page["meta"]["next_page_url"].as_str().unwrap()), "/v1/ContentAndApprovals?PageSize=1&Page=0");
}

#[tokio::test]
async fn a_body_changed_on_twilios_side_shows_in_every_type_that_has_one() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let (_, created) = post_json(&fake, &account, "/v1/Content", greeting()).await;
    let sid = created["sid"].as_str().unwrap();

    fake.set_content_body(sid, "Hello {{1}},  your order has shipped.");

    let (_, fetched) = get(&fake, &account, &format!("/v1/Content/{sid}")).await;
    assert_eq!(fetched["types"]["twilio/text"]["body"], "Hello {{1}},  your order has shipped.");
    assert_eq!(fetched["types"]["twilio/quick-reply"]["body"], "Hello {{1}},  your order has shipped.");
    assert_eq!(fetched["types"]["twilio/quick-reply"]["actions"][0]["title"], "Thanks", "the rest stays");
}

#[tokio::test]
async fn a_fake_started_on_a_port_serves_there() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let fake = FakeTwilio::start_on(port).await;
    assert_eq!(fake.url(), format!("http://127.0.0.1:{port}"));
    let account = fake.add_account("Contoso", "active", "Full");
    let (status, _) = get(&fake, &account, "/v1/Content").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn an_account_known_beforehand_signs_in_with_its_own_token() {
    let fake = FakeTwilio::start().await;
    let chosen = Account {
        sid: "AC0123456789abcdef0123456789abcdef".into(),
        auth_token: "0123456789abcdef0123456789abcdef".into(),
    };
    let account = fake.add_known_account(chosen.clone(), "Contoso", "active", "Full");
    assert_eq!((account.sid.as_str(), account.auth_token.as_str()), (chosen.sid.as_str(), chosen.auth_token.as_str()));
    let (status, _) = get(&fake, &chosen, "/v1/Content").await;
    assert_eq!(status, StatusCode::OK);
}
