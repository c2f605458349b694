//! The Content API client against the stateful fake Twilio: create, approval, fetch, the
//! ContentAndApprovals listing, delete, and a create that is never sent twice.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use channel_desk_core::model::TemplateCategory;
use channel_desk_core::secrets::Secret;
use channel_desk_core::twilio::{
    Action, ActionType, ApprovalStatus, BaseUrls, ButtonsType, ContentTypes, CreatedContent, Credentials, NewContent,
    TextType, Timing, Twilio,
};
use channel_desk_core::ErrorCode;
use fake_twilio::{Account, FakeTwilio, Fault};
use serde_json::json;

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

fn client(fake: &FakeTwilio) -> Twilio {
    Twilio::new(BaseUrls::all_at(&fake.url()).unwrap(), timing()).unwrap()
}

/// A client that gives up on a request after `timeout`, so a late answer counts as a timeout.
fn client_waiting(fake: &FakeTwilio, timeout: Duration) -> Twilio {
    Twilio::new(BaseUrls::all_at(&fake.url()).unwrap(), Timing { request_timeout: timeout, ..timing() }).unwrap()
}

fn creds(account: &Account) -> Credentials {
    Credentials {
        account_sid: account.sid.clone(),
        username: account.sid.clone(),
        password: Secret::new(account.auth_token.clone()),
    }
}

fn order_update(friendly_name: &str) -> NewContent {
    let body = "Hello {{1}}, your order {{2}} has shipped.".to_owned();
    NewContent {
        friendly_name: friendly_name.into(),
        language: "en".into(),
        variables: BTreeMap::from([("1".into(), "Ann".into()), ("2".into(), "#1042".into())]),
        types: ContentTypes {
            text: Some(TextType { body: body.clone() }),
            quick_reply: Some(ButtonsType {
                body,
                actions: vec![Action {
                    kind: Some(ActionType::QuickReply),
                    title: "Track it".into(),
                    id: Some("track".into()),
                    ..Action::default()
                }],
            }),
            ..ContentTypes::default()
        },
    }
}

fn count(fake: &FakeTwilio, method: &str, path: &str) -> usize {
    fake.requests().iter().filter(|r| r.method == method && r.path == path).count()
}

#[tokio::test]
async fn creates_content_submits_it_for_approval_and_follows_its_status() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let twilio = client(&fake);
    let new = order_update("order_update_en");

    let created = twilio.create_content(&creds(&account), &new).await.unwrap();
    assert!(created.sid.starts_with("HX") && created.sid.len() == 34, "{created:?}");
    assert_eq!(created.account_sid.as_deref(), Some(account.sid.as_str()));
    assert_eq!((created.friendly_name.as_deref(), created.language.as_deref()), (Some("order_update_en"), Some("en")));
    assert_eq!((&created.variables, &created.types), (&new.variables, &new.types), "what was sent comes back");
    assert!(created.date_created.is_some());
    let sent = fake.requests().pop().unwrap();
    assert_eq!((sent.method.as_str(), sent.path.as_str()), ("POST", "/v1/Content"));
    assert_eq!(sent.content_type.as_deref(), Some("application/json"));
    let body: serde_json::Value = serde_json::from_str(&sent.body).unwrap();
    assert_eq!(
        body,
        json!({
            "friendly_name": "order_update_en",
            "language": "en",
            "variables": {"1": "Ann", "2": "#1042"},
            "types": {
                "twilio/text": {"body": "Hello {{1}}, your order {{2}} has shipped."},
                "twilio/quick-reply": {
                    "body": "Hello {{1}}, your order {{2}} has shipped.",
                    "actions": [{"type": "QUICK_REPLY", "title": "Track it", "id": "track"}],
                },
            },
        }),
        "JSON in the spec's snake_case, with no empty fields"
    );

    let fetched = twilio.fetch_content(&creds(&account), &created.sid).await.unwrap();
    assert_eq!(fetched, created);
    let approval = twilio.fetch_whatsapp_approval(&creds(&account), &created.sid).await.unwrap().unwrap();
    assert_eq!((approval.status, approval.name), (ApprovalStatus::Unsubmitted, None));

    let submitted = twilio
        .submit_for_whatsapp_approval(&creds(&account), &created.sid, "order_update", TemplateCategory::Utility)
        .await
        .unwrap();
    assert_eq!(submitted.status, ApprovalStatus::Pending);
    assert_eq!(submitted.name.as_deref(), Some("order_update"));
    assert_eq!(submitted.category.as_deref(), Some("UTILITY"));
    assert_eq!(submitted.content_type.as_deref(), Some("twilio/quick-reply"));
    assert_eq!(submitted.rejection_reason, None);
    let sent = fake.requests().pop().unwrap();
    assert_eq!(sent.path, format!("/v1/Content/{}/ApprovalRequests/whatsapp", created.sid));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&sent.body).unwrap(),
        json!({"name": "order_update", "category": "UTILITY"})
    );

    fake.set_approval_status(&created.sid, "approved", None);
    let approval = twilio.fetch_whatsapp_approval(&creds(&account), &created.sid).await.unwrap().unwrap();
    assert_eq!((approval.status, approval.allow_category_change), (ApprovalStatus::Approved, Some(true)));
    let listed = twilio.contents_and_approvals(&creds(&account)).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].content.sid, created.sid);
    assert_eq!(listed[0].content.types, new.types);
    let whatsapp = listed[0].whatsapp.as_ref().unwrap();
    assert_eq!((&whatsapp.status, whatsapp.name.as_deref()), (&ApprovalStatus::Approved, Some("order_update")));
    assert!(fake.requests().iter().all(|r| r.username.as_deref() == Some(account.sid.as_str())));
}

#[tokio::test]
async fn lists_contents_and_approvals_across_every_page_at_the_largest_page_size() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let sids: Vec<String> =
        (1..=7).map(|n| fake.add_content(&account.sid, &format!("t{n}"), "en", &format!("Body {n}"))).collect();
    fake.set_page_size(Some(3));

    let listed = client(&fake).contents_and_approvals(&creds(&account)).await.unwrap();
    assert_eq!(listed.iter().map(|c| c.content.sid.clone()).collect::<Vec<_>>(), sids);
    assert_eq!(listed[6].content.types.text.as_ref().unwrap().body, "Body 7");
    assert!(listed.iter().all(|c| c.whatsapp.as_ref().unwrap().status == ApprovalStatus::Unsubmitted));
    let pages: Vec<_> = fake.requests().into_iter().map(|r| r.query.unwrap_or_default()).collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert_eq!(pages[0], "PageSize=1000", "the largest page the spec allows");
    assert!(pages[1].starts_with("PageSize=3&Page=1&PageToken="), "Twilio's own next link: {pages:?}");
}

#[tokio::test]
async fn a_429_during_the_listing_is_waited_out_as_twilio_asks() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    for n in 1..=5 {
        fake.add_content(&account.sid, &format!("t{n}"), "en", "Body");
    }
    fake.set_page_size(Some(2));
    // The first page passes; the second is refused once.
    fake.fail_next("GET", "/v1/ContentAndApprovals", Fault::Delay(Duration::ZERO));
    fake.fail_next("GET", "/v1/ContentAndApprovals", Fault::Status { status: 429, code: 20429, retry_after: Some(1) });

    let started = Instant::now();
    let listed = client(&fake).contents_and_approvals(&creds(&account)).await.unwrap();
    assert_eq!(listed.len(), 5, "nothing lost to the refusal");
    assert!(started.elapsed() >= Duration::from_secs(1), "waited the Retry-After second: {:?}", started.elapsed());
    let queries: Vec<_> = fake.requests().into_iter().map(|r| r.query.unwrap_or_default()).collect();
    assert_eq!(queries.len(), 4, "three pages, the second twice: {queries:?}");
    assert_eq!(queries[1], queries[2], "the refused page asked again");
}

#[tokio::test]
async fn a_429_that_asks_longer_than_the_client_waits_fails_the_listing() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    fake.fail_next("GET", "/v1/ContentAndApprovals", Fault::Status { status: 429, code: 20429, retry_after: Some(30) });
    let err = client(&fake).contents_and_approvals(&creds(&account)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioRateLimited);
    assert_eq!(fake.requests().len(), 1, "not retried sooner than Twilio asked");
}

#[tokio::test]
async fn a_rejected_template_keeps_whatsapps_reason_verbatim() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let twilio = client(&fake);
    let sid = fake.add_content(&account.sid, "video_highlights", "en", "Hi there, {{1}}");
    twilio
        .submit_for_whatsapp_approval(&creds(&account), &sid, "video_highlights", TemplateCategory::Marketing)
        .await
        .unwrap();
    let reason = "INVALID_FORMAT. Facebook is not able to create template with templateName=Video Highlights_hx15c7 \
                  due to the following error:  Invalid parameter.\n\tcomponent of type HEADER is missing \
                  expected field(s) (example) — «ünïcode» ";
    fake.set_approval_status(&sid, "rejected", Some(reason));

    let approval = twilio.fetch_whatsapp_approval(&creds(&account), &sid).await.unwrap().unwrap();
    assert_eq!(approval.status, ApprovalStatus::Rejected);
    assert_eq!(approval.rejection_reason.as_deref(), Some(reason), "not trimmed, not rewritten");
    assert_eq!(approval.category.as_deref(), Some("MARKETING"));
    let listed = twilio.contents_and_approvals(&creds(&account)).await.unwrap();
    assert_eq!(listed[0].whatsapp.as_ref().unwrap().rejection_reason.as_deref(), Some(reason));
}

#[tokio::test]
async fn an_approved_template_that_whatsapp_pauses_or_disables_says_so() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let twilio = client(&fake);
    let sid = fake.add_content(&account.sid, "promo", "en", "Our sale starts {{1}}.");
    twilio.submit_for_whatsapp_approval(&creds(&account), &sid, "promo", TemplateCategory::Marketing).await.unwrap();

    let mut seen = Vec::new();
    for status in ["approved", "paused", "approved", "disabled"] {
        fake.set_approval_status(&sid, status, None);
        let listed = twilio.contents_and_approvals(&creds(&account)).await.unwrap();
        seen.push(listed[0].whatsapp.as_ref().unwrap().status.clone());
    }
    use ApprovalStatus::{Approved, Disabled, Paused};
    assert_eq!(seen, [Approved, Paused, Approved, Disabled]);
    let approval = twilio.fetch_whatsapp_approval(&creds(&account), &sid).await.unwrap().unwrap();
    assert_eq!((approval.status.as_str(), approval.rejection_reason), ("disabled", None));
}

#[tokio::test]
async fn a_status_the_desk_does_not_know_is_kept_verbatim() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let twilio = client(&fake);
    let sid = fake.add_content(&account.sid, "appeal", "en", "Body {{1}} text");

    fake.set_approval_status(&sid, "In_Appeal", None);
    let approval = twilio.fetch_whatsapp_approval(&creds(&account), &sid).await.unwrap().unwrap();
    assert_eq!(approval.status, ApprovalStatus::Other("In_Appeal".into()));
    assert_eq!(approval.status.as_str(), "In_Appeal");
    let listed = twilio.contents_and_approvals(&creds(&account)).await.unwrap();
    assert_eq!(listed[0].whatsapp.as_ref().unwrap().status, ApprovalStatus::Other("In_Appeal".into()));

    fake.set_approval_status(&sid, "APPROVED", None);
    let approval = twilio.fetch_whatsapp_approval(&creds(&account), &sid).await.unwrap().unwrap();
    assert_eq!(approval.status, ApprovalStatus::Approved, "known values whatever their case");
}

#[tokio::test]
async fn deletes_content_and_says_when_it_is_already_gone() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let twilio = client(&fake);
    let kept = fake.add_content(&account.sid, "kept", "en", "Stays");
    let gone = fake.add_content(&account.sid, "gone", "en", "Goes");

    twilio.delete_content(&creds(&account), &gone).await.unwrap();
    assert_eq!(count(&fake, "DELETE", &format!("/v1/Content/{gone}")), 1);
    let listed = twilio.contents_and_approvals(&creds(&account)).await.unwrap();
    assert_eq!(listed.iter().map(|c| c.content.sid.as_str()).collect::<Vec<_>>(), [kept.as_str()]);
    let err = twilio.fetch_content(&creds(&account), &gone).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioNotFound);
    let err = twilio.delete_content(&creds(&account), &gone).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioNotFound);
}

#[tokio::test]
async fn a_delete_that_fails_with_a_5xx_is_not_sent_again() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let sid = fake.add_content(&account.sid, "t", "en", "Body");
    fake.fail_next("DELETE", "/v1/Content/", Fault::Status { status: 503, code: 20503, retry_after: None });
    let err = client(&fake).delete_content(&creds(&account), &sid).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioUnavailable);
    assert_eq!(count(&fake, "DELETE", &format!("/v1/Content/{sid}")), 1);
    assert_eq!(fake.stored_contents(&account.sid).len(), 1);
}

#[tokio::test]
async fn a_create_that_times_out_after_twilio_created_it_ends_with_exactly_one_content() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let german = fake.add_content(&account.sid, "order_update_en", "de", "Same name, another language");
    fake.answer_next_content_create_after(Duration::from_secs(3));
    let twilio = client_waiting(&fake, Duration::from_millis(500));

    let outcome = twilio.create_content_once(&creds(&account), &order_update("order_update_en")).await.unwrap();
    let CreatedContent::Found(found) = outcome else { panic!("found by its name, not sent again: {outcome:?}") };
    assert_eq!(count(&fake, "POST", "/v1/Content"), 1, "the create was sent once");
    let stored = fake.stored_contents(&account.sid);
    let english: Vec<_> = stored.iter().filter(|c| c["language"] == "en").collect();
    assert_eq!(english.len(), 1, "exactly one content in the fake: {stored:?}");
    assert_eq!(found.content.sid, english[0]["sid"].as_str().unwrap());
    assert_ne!(found.content.sid, german, "the same name in another language is another content");
    assert_eq!(found.content.types, order_update("order_update_en").types);
    assert_eq!(found.whatsapp.unwrap().status, ApprovalStatus::Unsubmitted);
}

#[tokio::test]
async fn create_content_alone_sends_once_and_reports_the_timeout() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    fake.answer_next_content_create_after(Duration::from_secs(3));
    let twilio = client_waiting(&fake, Duration::from_millis(500));
    let err = twilio.create_content(&creds(&account), &order_update("order_update_en")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioTimeout);
    assert_eq!(count(&fake, "POST", "/v1/Content"), 1, "a write is not repeated after a timeout");
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn a_create_refused_with_a_5xx_is_looked_for_then_sent_once_more() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    fake.fail_next("POST", "/v1/Content", Fault::Status { status: 500, code: 20500, retry_after: None });

    let outcome = client(&fake).create_content_once(&creds(&account), &order_update("order_update_en")).await.unwrap();
    let CreatedContent::Created(created) = outcome else {
        panic!("nothing was there, so it was sent again: {outcome:?}")
    };
    let stored = fake.stored_contents(&account.sid);
    assert_eq!(stored.len(), 1, "exactly one content in the fake");
    assert_eq!(stored[0]["sid"], created.sid.as_str());
    let calls: Vec<_> = fake.requests().into_iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert_eq!(calls, ["POST /v1/Content", "GET /v1/ContentAndApprovals", "POST /v1/Content"]);
}

#[tokio::test]
async fn a_create_whose_name_is_taken_twice_is_left_to_the_caller() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let earlier = fake.add_content(&account.sid, "order_update_en", "en", "An older one");
    fake.answer_next_content_create_after(Duration::from_secs(3));
    let twilio = client_waiting(&fake, Duration::from_millis(500));

    let outcome = twilio.create_content_once(&creds(&account), &order_update("order_update_en")).await.unwrap();
    let CreatedContent::Ambiguous(candidates) = outcome else { panic!("two share the name: {outcome:?}") };
    assert_eq!(candidates.len(), 2);
    assert_eq!(candidates[0].content.sid, earlier);
    assert_eq!(count(&fake, "POST", "/v1/Content"), 1, "not sent again");
    assert_eq!(fake.stored_contents(&account.sid).len(), 2);
}

#[tokio::test]
async fn a_create_refused_with_429_is_sent_again_and_one_with_400_is_not_looked_for() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let twilio = client(&fake);
    fake.fail_next("POST", "/v1/Content", Fault::Status { status: 429, code: 20429, retry_after: Some(0) });
    let outcome = twilio.create_content_once(&creds(&account), &order_update("order_update_en")).await.unwrap();
    assert!(matches!(outcome, CreatedContent::Created(_)), "{outcome:?}");
    assert_eq!(count(&fake, "POST", "/v1/Content"), 2, "Twilio refused the first before doing anything");
    assert_eq!(count(&fake, "GET", "/v1/ContentAndApprovals"), 0);

    let mut broken = order_update("broken");
    broken.types = ContentTypes::default();
    let err = twilio.create_content_once(&creds(&account), &broken).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioRejected);
    assert_eq!(count(&fake, "GET", "/v1/ContentAndApprovals"), 0, "a refusal is not an unknown outcome");
    assert_eq!(fake.stored_contents(&account.sid).len(), 1);
}

#[tokio::test]
async fn a_create_whose_lookup_fails_is_not_sent_again() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    fake.fail_next("POST", "/v1/Content", Fault::Status { status: 502, code: 20500, retry_after: None });
    for _ in 0..3 {
        fake.fail_next("GET", "/v1/ContentAndApprovals", Fault::Status { status: 503, code: 20503, retry_after: None });
    }
    let err = client(&fake).create_content_once(&creds(&account), &order_update("order_update_en")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioUnavailable);
    assert_eq!(count(&fake, "POST", "/v1/Content"), 1, "unknown whether it exists, so not sent again");
    assert_eq!(count(&fake, "GET", "/v1/ContentAndApprovals"), 3, "the read retried as reads are");
}

#[tokio::test]
async fn each_category_is_submitted_as_whatsapp_writes_it() {
    let fake = FakeTwilio::start().await;
    let account = fake.add_account("Contoso", "active", "Full");
    let twilio = client(&fake);
    let categories = [
        (TemplateCategory::Utility, "UTILITY"),
        (TemplateCategory::Marketing, "MARKETING"),
        (TemplateCategory::Authentication, "AUTHENTICATION"),
    ];
    for (category, written) in categories {
        let sid = fake.add_content(&account.sid, written, "en", "Body {{1}} text");
        let approval = twilio.submit_for_whatsapp_approval(&creds(&account), &sid, "name", category).await.unwrap();
        assert_eq!(approval.category.as_deref(), Some(written));
        let sent: serde_json::Value = serde_json::from_str(&fake.requests().pop().unwrap().body).unwrap();
        assert_eq!(sent["category"], written);
    }
}
