//! The fake Twilio itself: auth, envelopes, writes and every fault.

use std::time::{Duration, Instant};

use fake_twilio::{Account, FakeTwilio, Fault, KeyType};
use reqwest::{Client, RequestBuilder, StatusCode};
use serde_json::{json, Value};

async fn send(request: RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("the fake answers");
    let status = response.status();
    (status, response.json().await.expect("a JSON body"))
}

/// A GET of `path` on the fake as `account`.
async fn get(fake: &FakeTwilio, account: &Account, path: &str) -> (StatusCode, Value) {
    send(Client::new().get(format!("{}{path}", fake.url())).basic_auth(&account.sid, Some(&account.auth_token))).await
}

/// The path and query of an absolute v1/v2 link, which names Twilio's real host, to send to the fake instead.
fn rebase(url: &str) -> &str {
    url.strip_prefix("https://messaging.twilio.com").expect("a link on Twilio's host")
}

fn assert_twilio_error(body: &Value, status: u16, code: u32) {
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["more_info"], format!("https://www.twilio.com/docs/errors/{code}"));
}

#[tokio::test]
async fn accepts_the_auth_token_and_an_api_key_and_refuses_anything_else() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let other = fake.add_account("Fabrikam", "suspended", "Trial");
    let key = fake.add_api_key(&account.sid);
    let path = format!("/2010-04-01/Accounts/{}.json", account.sid);

    let (status, body) = get(&fake, &account, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["sid"], account.sid.as_str());
    assert_eq!(body["auth_token"], account.auth_token.as_str());
    assert_eq!((body["status"].as_str(), body["type"].as_str()), (Some("active"), Some("Full")));
    assert_eq!(body["uri"], path.as_str());
    assert!(body["date_created"].as_str().unwrap().ends_with("+0000"));

    let as_key = Account { sid: key.sid.clone(), auth_token: key.secret.clone() };
    assert_eq!(get(&fake, &as_key, &path).await.0, StatusCode::OK);

    let wrong = Account { sid: account.sid.clone(), auth_token: other.auth_token.clone() };
    let (status, body) = get(&fake, &wrong, &path).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401})
    );
    let (status, _) = send(Client::new().get(format!("{}{path}", fake.url()))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Someone else's account in the path, with good credentials.
    let (status, body) = get(&fake, &other, &path).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_twilio_error(&body, 401, 20003);

    let (status, body) = get(&fake, &account, "/v1/Nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_twilio_error(&body, 404, 20404);
    assert_eq!(body["message"], "The requested resource /v1/Nothing was not found");

    let usernames: Vec<_> = fake.requests().into_iter().map(|r| r.username).collect();
    let expected = [&account.sid, &key.sid, &account.sid].map(|s| Some(s.clone()));
    assert_eq!(usernames[..3], expected);
    assert_eq!(usernames[3], None);
}

#[tokio::test]
async fn a_standard_api_key_is_refused_the_account_resource_only() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    fake.add_phone_number(&account.sid, "+15550000001", None);
    let standard = fake.add_api_key_of(&account.sid, KeyType::Standard);
    let main = fake.add_api_key_of(&account.sid, KeyType::Main);
    let as_key = |key: &fake_twilio::ApiKey| Account { sid: key.sid.clone(), auth_token: key.secret.clone() };
    let fetch = format!("/2010-04-01/Accounts/{}.json", account.sid);
    let numbers = format!("/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json?PageSize=1", account.sid);

    let (status, body) = get(&fake, &as_key(&standard), &fetch).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}),
        "the same answer as for a wrong secret"
    );
    let (status, body) = get(&fake, &as_key(&standard), &numbers).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["incoming_phone_numbers"][0]["phone_number"], "+15550000001");
    let (status, _) = get(&fake, &as_key(&standard), "/v2/Channels/Senders?Channel=whatsapp").await;
    assert_eq!(status, StatusCode::OK);

    assert_eq!(get(&fake, &as_key(&main), &fetch).await.0, StatusCode::OK);
    assert_eq!(get(&fake, &as_key(&main), &numbers).await.0, StatusCode::OK);
    let wrong = Account { sid: standard.sid.clone(), auth_token: main.secret.clone() };
    assert_eq!(get(&fake, &wrong, &numbers).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn lists_numbers_in_the_2010_envelope_with_relative_links_and_an_exact_phone_filter() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    for n in 1..=3 {
        fake.add_phone_number(&account.sid, &format!("+1555000000{n}"), None);
    }
    let list = format!("/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json", account.sid);

    let (_, first) = get(&fake, &account, &format!("{list}?PageSize=2")).await;
    assert_eq!(first["incoming_phone_numbers"].as_array().unwrap().len(), 2);
    assert_eq!((first["page"].as_u64(), first["page_size"].as_u64()), (Some(0), Some(2)));
    assert_eq!((first["start"].as_u64(), first["end"].as_u64()), (Some(0), Some(1)));
    assert_eq!(first["previous_page_uri"], Value::Null);
    assert_eq!(first["first_page_uri"], format!("{list}?PageSize=2&Page=0"));
    let next = first["next_page_uri"].as_str().unwrap();
    assert!(next.starts_with(&format!("{list}?PageSize=2&Page=1&PageToken=PT")), "{next}");

    let (_, second) = get(&fake, &account, next).await;
    let numbers = second["incoming_phone_numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 1);
    assert_eq!(numbers[0]["phone_number"], "+15550000003");
    assert_eq!(numbers[0]["sms_application_sid"], Value::Null);
    assert_eq!(second["next_page_uri"], Value::Null);
    assert_eq!(second["previous_page_uri"], format!("{list}?PageSize=2&Page=0"));

    let (_, found) = get(&fake, &account, &format!("{list}?PhoneNumber=%2B15550000002")).await;
    assert_eq!(found["incoming_phone_numbers"][0]["phone_number"], "+15550000002");
    assert_eq!(found["uri"], format!("{list}?PhoneNumber=%2B15550000002&PageSize=50&Page=0"));
    let (_, none) = get(&fake, &account, &format!("{list}?PhoneNumber=+15550000002")).await;
    assert_eq!(none["incoming_phone_numbers"], json!([]));

    fake.set_page_size(Some(1));
    let (_, forced) = get(&fake, &account, &format!("{list}?PageSize=50")).await;
    assert_eq!(forced["incoming_phone_numbers"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn lists_senders_and_services_in_the_meta_envelope_with_links_on_twilios_host() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let senders: Vec<_> =
        (1..=3).map(|n| fake.add_sender(&account.sid, &format!("+1555000000{n}"), "ONLINE")).collect();
    let service = fake.add_service(&account.sid, "Support", Some("https://example.com/in"), false);
    fake.attach_sender(&service, &senders[1]);

    let (_, first) = get(&fake, &account, "/v2/Channels/Senders?Channel=whatsapp&PageSize=2").await;
    assert_eq!(first["senders"][0]["sid"], senders[0].as_str());
    assert_eq!(first["senders"][0]["sender_id"], "whatsapp:+15550000001");
    assert_eq!(first["senders"][0]["webhook"]["callback_url"], Value::Null);
    let meta = &first["meta"];
    assert_eq!(meta["key"], "senders");
    assert_eq!(meta["url"], "https://messaging.twilio.com/v2/Channels/Senders?Channel=whatsapp&PageSize=2&Page=0");
    let next = meta["next_page_url"].as_str().unwrap();
    let expected = "https://messaging.twilio.com/v2/Channels/Senders?Channel=whatsapp&PageSize=2&Page=1&PageToken=PT";
    assert!(next.starts_with(expected), "{next}");

    let (_, second) = get(&fake, &account, rebase(next)).await;
    assert_eq!(second["senders"].as_array().unwrap().len(), 1);
    assert_eq!(second["senders"][0]["sid"], senders[2].as_str());
    assert_eq!(second["meta"]["next_page_url"], Value::Null);

    let (_, all) = get(&fake, &account, "/v2/Channels/Senders?Channel=whatsapp").await;
    assert_eq!(all["meta"]["page_size"], 20);

    let (status, body) = get(&fake, &account, "/v2/Channels/Senders").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_twilio_error(&body, 400, 20001);
    assert_eq!(body["message"], "Missing required parameter Channel");

    let (_, services) = get(&fake, &account, "/v1/Services").await;
    assert_eq!(services["meta"]["key"], "services");
    assert_eq!(services["meta"]["page_size"], 50);
    assert_eq!(services["services"][0]["inbound_request_url"], "https://example.com/in");
    let channel_senders = services["services"][0]["links"]["channel_senders"].as_str().unwrap();
    let (_, attached) = get(&fake, &account, rebase(channel_senders)).await;
    assert_eq!(attached["senders"][0]["sid"], senders[1].as_str());
    assert_eq!(attached["senders"][0]["sender"], "whatsapp:+15550000002");
    assert_eq!(attached["senders"][0]["messaging_service_sid"], service.as_str());

    // Another account sees none of it.
    let stranger = fake.add_account("Fabrikam", "active", "Full");
    let (status, _) = get(&fake, &stranger, &format!("/v2/Channels/Senders/{}", senders[0])).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, listed) = get(&fake, &stranger, "/v1/Services").await;
    assert_eq!(listed["services"], json!([]));
}

#[tokio::test]
async fn a_sender_webhook_update_merges_and_is_seen_by_later_reads() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let sender = fake.add_sender(&account.sid, "+15550000001", "ONLINE");
    fake.set_sender_webhook(&sender, "https://old.example.com/in");
    let url = format!("{}/v2/Channels/Senders/{sender}", fake.url());
    let post = || Client::new().post(&url).basic_auth(&account.sid, Some(&account.auth_token));

    let (status, _) = send(post().form(&[("webhook", "x")])).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let update = json!({"webhook": {"callback_url": "https://new.example.com/in", "callback_method": "POST"}});
    let (status, body) = send(post().json(&update)).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(body["webhook"]["callback_url"], "https://new.example.com/in");
    let (status, _) = send(post().json(&json!({"webhook": {"fallback_url": "https://fallback.example.com"}}))).await;
    assert_eq!(status, StatusCode::ACCEPTED);

    let (_, read) = get(&fake, &account, &format!("/v2/Channels/Senders/{sender}")).await;
    assert_eq!(read["webhook"]["callback_url"], "https://new.example.com/in");
    assert_eq!(read["webhook"]["fallback_url"], "https://fallback.example.com");
    assert_eq!(read["profile"]["name"], "Sender +15550000001");
    assert_eq!(fake.sender_webhook(&sender).as_deref(), Some("https://new.example.com/in"));
    assert_eq!(fake.writes(), 2);

    let recorded = fake.requests();
    assert_eq!(recorded[1].content_type.as_deref(), Some("application/json"));
    assert_eq!(recorded[1].body, update.to_string());
}

#[tokio::test]
async fn an_accepted_sender_update_shows_only_after_the_configured_delay() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let sender = fake.add_sender(&account.sid, "+15550000001", "ONLINE");
    fake.set_sender_webhook(&sender, "https://old.example.com/in");
    fake.set_sender_update_delay(Duration::from_millis(600));
    let url = format!("{}/v2/Channels/Senders/{sender}", fake.url());
    let update = json!({"webhook": {"callback_url": "https://new.example.com/in", "callback_method": "POST"}});

    let started = Instant::now();
    let (status, body) =
        send(Client::new().post(&url).basic_auth(&account.sid, Some(&account.auth_token)).json(&update)).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert!(started.elapsed() < Duration::from_millis(300), "202 comes at once");
    assert_eq!(body["webhook"]["callback_url"], "https://old.example.com/in", "accepted, not applied yet");
    assert_eq!(fake.writes(), 1);

    let (_, fetched) = get(&fake, &account, &format!("/v2/Channels/Senders/{sender}")).await;
    assert_eq!(fetched["webhook"]["callback_url"], "https://old.example.com/in");
    let (_, listed) = get(&fake, &account, "/v2/Channels/Senders?Channel=whatsapp").await;
    assert_eq!(listed["senders"][0]["webhook"]["callback_url"], "https://old.example.com/in");
    assert_eq!(fake.sender_webhook(&sender).as_deref(), Some("https://old.example.com/in"));

    tokio::time::sleep(Duration::from_millis(700)).await;
    let (_, fetched) = get(&fake, &account, &format!("/v2/Channels/Senders/{sender}")).await;
    assert_eq!(fetched["webhook"]["callback_url"], "https://new.example.com/in");
    assert_eq!(fetched["webhook"]["callback_method"], "POST");
    assert_eq!(fake.sender_webhook(&sender).as_deref(), Some("https://new.example.com/in"));
}

#[tokio::test]
async fn lists_a_services_number_pool_in_the_meta_envelope() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let numbers: Vec<_> =
        (1..=3).map(|n| fake.add_phone_number(&account.sid, &format!("+1555000000{n}"), None)).collect();
    let service = fake.add_service(&account.sid, "Support", Some("https://example.com/in"), false);
    for pn in &numbers {
        fake.add_to_pool(&service, pn);
    }
    let (_, services) = get(&fake, &account, "/v1/Services").await;
    let pool = services["services"][0]["links"]["phone_numbers"].as_str().unwrap();
    assert_eq!(pool, format!("https://messaging.twilio.com/v1/Services/{service}/PhoneNumbers"));

    let (_, first) = get(&fake, &account, &format!("{}?PageSize=2", rebase(pool))).await;
    assert_eq!(first["meta"]["key"], "phone_numbers");
    assert_eq!(first["meta"]["page_size"], 2);
    let items = first["phone_numbers"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["sid"], numbers[0].as_str());
    assert_eq!(items[0]["phone_number"], "+15550000001");
    assert_eq!(items[0]["service_sid"], service.as_str());
    assert_eq!(items[0]["account_sid"], account.sid.as_str());
    let next = first["meta"]["next_page_url"].as_str().unwrap();
    assert!(next.starts_with(&format!("{pool}?PageSize=2&Page=1&PageToken=PT")), "{next}");
    let (_, second) = get(&fake, &account, rebase(next)).await;
    assert_eq!(second["phone_numbers"][0]["phone_number"], "+15550000003");
    assert_eq!(second["meta"]["next_page_url"], Value::Null);

    let (_, all) = get(&fake, &account, rebase(pool)).await;
    assert_eq!(all["meta"]["page_size"], 50);
    assert_eq!(all["phone_numbers"].as_array().unwrap().len(), 3);
    let empty = fake.add_service(&account.sid, "Empty", None, false);
    let (_, none) = get(&fake, &account, &format!("/v1/Services/{empty}/PhoneNumbers")).await;
    assert_eq!(none["phone_numbers"], json!([]));

    let stranger = fake.add_account("Fabrikam", "active", "Full");
    let (status, body) = get(&fake, &stranger, rebase(pool)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_twilio_error(&body, 404, 20404);
}

#[tokio::test]
async fn numbers_and_services_take_pascal_case_forms_only() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let number = fake.add_phone_number(&account.sid, "+15550000001", Some("https://old.example.com/sms"));
    let service = fake.add_service(&account.sid, "Support", None, true);
    let client = Client::new();
    let number_url = format!("{}/2010-04-01/Accounts/{}/IncomingPhoneNumbers/{number}.json", fake.url(), account.sid);
    let service_url = format!("{}/v1/Services/{service}", fake.url());
    let post = |url: &str| client.post(url).basic_auth(&account.sid, Some(&account.auth_token));

    let (status, body) =
        send(post(&number_url).form(&[("SmsUrl", "https://new.example.com/sms"), ("SmsMethod", "PUT")])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = send(post(&number_url).form(&[("sms_url", "https://new.example.com/sms")])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = send(post(&number_url).json(&json!({"SmsUrl": "https://new.example.com/sms"}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(fake.number_sms_url(&number).as_deref(), Some("https://old.example.com/sms"));

    let (status, body) =
        send(post(&number_url).form(&[("SmsUrl", "https://new.example.com/sms"), ("SmsMethod", "POST")])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["sms_url"], "https://new.example.com/sms");
    assert_eq!(fake.number_sms_url(&number).as_deref(), Some("https://new.example.com/sms"));

    let form = [("InboundRequestUrl", "https://example.com/in"), ("UseInboundWebhookOnNumber", "false")];
    let (status, body) = send(post(&service_url).form(&form)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["use_inbound_webhook_on_number"], false);
    assert_eq!(fake.service_inbound_request_url(&service).as_deref(), Some("https://example.com/in"));
    let (status, _) = send(post(&service_url).form(&[("UseInboundWebhookOnNumber", "yes")])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(fake.writes(), 2);

    let (status, body) = send(client.delete(&service_url).basic_auth(&account.sid, Some(&account.auth_token))).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_twilio_error(&body, 405, 20004);
}

#[tokio::test]
async fn a_status_fault_answers_with_a_twilio_error_and_leaves_the_state_alone() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let sender = fake.add_sender(&account.sid, "+15550000001", "ONLINE");
    let url = format!("{}/v2/Channels/Senders/{sender}", fake.url());
    let update = json!({"webhook": {"callback_url": "https://new.example.com/in"}});
    let post = || Client::new().post(&url).basic_auth(&account.sid, Some(&account.auth_token)).json(&update);
    fake.fail_next("POST", "/v2/Channels/Senders", Fault::Status { status: 429, code: 20429, retry_after: Some(3) });
    fake.fail_next("POST", "/v2/Channels/Senders", Fault::Status { status: 500, code: 20500, retry_after: None });

    let response = post().send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "3");
    assert_twilio_error(&response.json().await.unwrap(), 429, 20429);
    let response = post().send().await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(response.headers().get("retry-after").is_none());
    assert_eq!((fake.sender_webhook(&sender), fake.writes()), (None, 0));

    assert_eq!(send(post()).await.0, StatusCode::ACCEPTED);
    assert_eq!(fake.writes(), 1);
    assert_eq!(fake.requests().len(), 3);
}

#[tokio::test]
async fn a_delay_fault_times_the_client_out_but_still_applies_the_write() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let sender = fake.add_sender(&account.sid, "+15550000001", "ONLINE");
    fake.fail_next("POST", "/v2/Channels/Senders/", Fault::Delay(Duration::from_millis(800)));

    let result = Client::new()
        .post(format!("{}/v2/Channels/Senders/{sender}", fake.url()))
        .basic_auth(&account.sid, Some(&account.auth_token))
        .json(&json!({"webhook": {"callback_url": "https://new.example.com/in"}}))
        .timeout(Duration::from_millis(100))
        .send()
        .await;
    assert!(result.unwrap_err().is_timeout());
    assert_eq!(fake.writes(), 0);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(fake.sender_webhook(&sender).as_deref(), Some("https://new.example.com/in"));
    assert_eq!(fake.writes(), 1);
}

#[tokio::test]
async fn a_malformed_json_fault_truncates_one_answer() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let path = format!("/2010-04-01/Accounts/{}.json", account.sid);
    fake.fail_next("GET", "/2010-04-01/", Fault::MalformedJson);

    let response = Client::new()
        .get(format!("{}{path}", fake.url()))
        .basic_auth(&account.sid, Some(&account.auth_token))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(serde_json::from_str::<Value>(&response.text().await.unwrap()).is_err());
    assert_eq!(get(&fake, &account, &path).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_repeat_page_fault_points_the_next_link_at_the_same_page() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    fake.add_sender(&account.sid, "+15550000001", "ONLINE");
    fake.add_phone_number(&account.sid, "+15550000001", None);
    fake.fail_next("GET", "/v2/Channels/Senders", Fault::RepeatPage);
    fake.fail_next("GET", "/2010-04-01/Accounts/", Fault::RepeatPage);

    let (_, senders) = get(&fake, &account, "/v2/Channels/Senders?Channel=whatsapp").await;
    assert_eq!(senders["meta"]["next_page_url"], senders["meta"]["url"]);
    let list = format!("/2010-04-01/Accounts/{}/IncomingPhoneNumbers.json", account.sid);
    let (_, numbers) = get(&fake, &account, &list).await;
    assert_eq!(numbers["next_page_uri"], numbers["uri"]);

    let (_, again) = get(&fake, &account, "/v2/Channels/Senders?Channel=whatsapp").await;
    assert_eq!(again["meta"]["next_page_url"], Value::Null);
}

#[tokio::test]
async fn every_request_waits_the_latency_set() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let path = format!("/2010-04-01/Accounts/{}.json", account.sid);
    fake.set_latency(Duration::from_millis(120));

    for _ in 0..2 {
        let started = Instant::now();
        assert_eq!(get(&fake, &account, &path).await.0, StatusCode::OK);
        assert!(started.elapsed() >= Duration::from_millis(120), "{:?}", started.elapsed());
    }

    fake.set_latency(Duration::ZERO);
    let started = Instant::now();
    assert_eq!(get(&fake, &account, &path).await.0, StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(120), "{:?}", started.elapsed());
}
