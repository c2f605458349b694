//! The template outbox against the fake Twilio and a real SQLite file: publish queues a clean
//! draft, a run creates its content once and submits it for approval, offline work waits, a
//! refusal fails with Twilio's words, and deleting a template deletes its content in Twilio.

#[path = "common/fake_desk.rs"]
mod fake_desk;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use channel_desk_core::error::Param;
use channel_desk_core::model::{
    DraftContentInput, DraftStatus, NewLanguageInput, NewTemplateInput, OutboxEvent, OutboxItem, OutboxRun,
    OutboxState, OutboxStep, TemplateCategory, TemplateFamily,
};
use channel_desk_core::template::TemplateContent;
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::ErrorCode;
use fake_desk::{client, fake_desk, timing, FakeDesk};
use fake_twilio::Fault;
use serde_json::json;
use tokio_util::sync::CancellationToken;

const BODY: &str = "Hello {{1}}, your order from our shop has shipped and arrives this week.";

fn samples() -> BTreeMap<String, String> {
    BTreeMap::from([("1".to_owned(), "Maria".to_owned())])
}

/// The outbox's steps on the fake desk.
trait Steps {
    async fn template(&self, name: &str, body: &str) -> TemplateFamily;
    async fn publish(&self, draft_id: &str) -> OutboxItem;
    async fn run_with(&self, twilio: &Twilio, cancel: &CancellationToken) -> (OutboxRun, Vec<OutboxEvent>);
    async fn run(&self) -> (OutboxRun, Vec<OutboxEvent>);
    fn contents(&self) -> Vec<serde_json::Value>;
    fn requests(&self, method: &str, path: &str) -> usize;
}

impl Steps for FakeDesk {
    /// A utility template in English whose text is `body`.
    async fn template(&self, name: &str, body: &str) -> TemplateFamily {
        let input = NewTemplateInput {
            name: name.into(),
            category: TemplateCategory::Utility,
            account_id: Some(self.account_id.clone()),
            language: "en".into(),
            content: TemplateContent::Text { body: body.into() },
            variables: samples(),
        };
        self.desk.library.create(input).await.unwrap()
    }

    async fn publish(&self, draft_id: &str) -> OutboxItem {
        self.desk.outbox.publish(&self.desk.library, draft_id).await.unwrap()
    }

    async fn run_with(&self, twilio: &Twilio, cancel: &CancellationToken) -> (OutboxRun, Vec<OutboxEvent>) {
        let events = Mutex::new(Vec::new());
        let on_event = |e: OutboxEvent| events.lock().unwrap().push(e);
        let d = &self.desk;
        let run = d.outbox.run(twilio, &d.accounts, &d.library, &on_event, cancel).await.unwrap();
        (run, events.into_inner().unwrap())
    }

    async fn run(&self) -> (OutboxRun, Vec<OutboxEvent>) {
        self.run_with(&self.desk.twilio, &CancellationToken::new()).await
    }

    fn contents(&self) -> Vec<serde_json::Value> {
        self.fake.stored_contents(&self.twilio_account.sid)
    }

    fn requests(&self, method: &str, path: &str) -> usize {
        self.fake.requests().iter().filter(|r| r.method == method && r.path.starts_with(path)).count()
    }
}

fn text(value: &str) -> Param {
    Param::Text(value.to_owned())
}

#[tokio::test]
async fn publishing_is_refused_while_the_linter_finds_errors() {
    let f = fake_desk().await;
    let family = f.template("order_update", "{{1}} {{2}}").await;
    let err = f.desk.outbox.publish(&f.desk.library, &family.drafts[0].id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TemplateHasErrors, "{err:?}");
    let findings = f.desk.library.lint_draft(&family.drafts[0].id).await.unwrap();
    let errors = findings.iter().filter(|f| f.severity == channel_desk_core::template::LintSeverity::Error).count();
    assert!(errors > 0);
    assert_eq!(err.params.get("count"), Some(&Param::Number(errors as i64)));
    assert!(f.desk.outbox.items().await.unwrap().is_empty(), "nothing queued");
}

#[tokio::test]
async fn publishing_creates_exactly_one_content_and_submits_it_for_approval() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let draft_id = &family.drafts[0].id;
    let item = f.publish(draft_id).await;
    assert_eq!((item.state, item.step, item.attempts), (OutboxState::Queued, OutboxStep::Create, 0));
    assert_eq!((item.name.as_str(), item.language.as_str(), item.revision), ("order_update", "en", 1));
    assert_eq!(f.requests("POST", "/v1/Content"), 0, "publishing alone sends nothing");

    let (run, events) = f.run().await;
    assert_eq!((run.sent, run.failed, run.queued, run.cancelled, run.stopped_by), (1, 0, 0, false, None));
    let contents = f.contents();
    assert_eq!(contents.len(), 1, "{contents:?}");
    let content = &contents[0];
    let friendly_name = format!("order_update_en_r1_{}", &draft_id[..8]);
    assert_eq!(content["friendly_name"], friendly_name.as_str(), "unique to the draft's revision");
    assert_eq!(content["language"], "en");
    assert_eq!(content["types"], json!({"twilio/text": {"body": BODY}}));
    assert_eq!(content["variables"], json!({"1": "Maria"}));
    assert_eq!(content["approval_requests"]["name"], "order_update");
    assert_eq!(content["approval_requests"]["category"], "UTILITY");
    assert_eq!(content["approval_requests"]["status"], "pending");
    let sid = content["sid"].as_str().unwrap();

    let item = f.desk.outbox.item(&item.id).await.unwrap();
    assert_eq!((item.state, item.step, item.attempts), (OutboxState::Sent, OutboxStep::Done, 1));
    assert_eq!(item.content_sid.as_deref(), Some(sid));
    assert_eq!(item.approval_status.as_deref(), Some("pending"));
    assert_eq!(item.friendly_name, Some(friendly_name));
    let draft = f.desk.library.draft(draft_id).await.unwrap();
    assert_eq!((draft.status, draft.content_sid.as_deref()), (DraftStatus::Published, Some(sid)));
    assert_eq!(draft.approval_status.as_deref(), Some("pending"));
    let history = f.desk.library.history(draft_id).await.unwrap();
    assert_eq!(history.iter().map(|h| h.status.as_str()).collect::<Vec<_>>(), ["pending"]);

    let steps: Vec<_> = events.iter().map(|e| (e.step, e.state, e.done, e.total)).collect();
    assert_eq!(
        steps,
        [
            (OutboxStep::Create, OutboxState::Running, 0, 1),
            (OutboxStep::Submit, OutboxState::Running, 0, 1),
            (OutboxStep::Done, OutboxState::Sent, 1, 1),
        ]
    );
    assert!(events.iter().all(|e| e.item_id == item.id && &e.draft_id == draft_id));

    let (again, _) = f.run().await;
    assert_eq!((again.sent, again.queued), (0, 0));
    assert_eq!(f.contents().len(), 1, "a second run sends nothing");
}

#[tokio::test]
async fn publishing_twice_queues_once() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let draft_id = &family.drafts[0].id;
    let first = f.publish(draft_id).await;
    let second = f.publish(draft_id).await;
    assert_eq!(first.id, second.id);
    assert_eq!(f.desk.outbox.items().await.unwrap().len(), 1);
    f.run().await;
    let third = f.publish(draft_id).await;
    assert_eq!((third.id, third.state), (first.id, OutboxState::Sent), "a sent draft is not queued again");
    assert_eq!(f.desk.outbox.items().await.unwrap().len(), 1);
    assert_eq!(f.contents().len(), 1);
}

#[tokio::test]
async fn a_create_that_times_out_after_twilio_stored_it_ends_with_one_content_and_its_sid_kept() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let item = f.publish(&family.drafts[0].id).await;
    f.fake.answer_next_content_create_after(Duration::from_secs(2));
    let impatient = client(&f.fake, Duration::from_millis(500));
    let (run, _) = f.run_with(&impatient, &CancellationToken::new()).await;
    assert_eq!((run.sent, run.failed), (1, 0), "{run:?}");
    let contents = f.contents();
    assert_eq!(contents.len(), 1, "never created twice: {contents:?}");
    let sid = contents[0]["sid"].as_str().unwrap();
    assert_eq!(f.requests("POST", "/v1/Content"), 2, "the create, once, and the approval request");
    let item = f.desk.outbox.item(&item.id).await.unwrap();
    assert_eq!((item.state, item.content_sid.as_deref()), (OutboxState::Sent, Some(sid)));
    let draft = f.desk.library.draft(&family.drafts[0].id).await.unwrap();
    assert_eq!(draft.content_sid.as_deref(), Some(sid));
}

#[tokio::test]
async fn offline_keeps_the_item_queued_and_a_later_run_sends_it() {
    let f = fake_desk().await;
    let first = f.template("order_update", BODY).await;
    let second = f.template("delivery_notice", "Dear {{1}}, the parcel you ordered reaches you later today.").await;
    let a = f.publish(&first.drafts[0].id).await;
    let b = f.publish(&second.drafts[0].id).await;

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let offline = Twilio::new(
        BaseUrls::all_at(&format!("http://{closed}")).unwrap(),
        Timing { request_timeout: Duration::from_secs(2), ..timing() },
    )
    .unwrap();
    let (run, events) = f.run_with(&offline, &CancellationToken::new()).await;
    let stopped = run.stopped_by.clone().expect("the run says why it stopped");
    assert_eq!(stopped.code, ErrorCode::Offline, "{run:?}");
    assert_eq!((run.sent, run.failed, run.queued, run.cancelled), (0, 0, 2, false));
    let last = events.last().unwrap();
    assert_eq!((last.item_id.as_str(), last.state), (a.id.as_str(), OutboxState::Queued));
    assert!(events.iter().all(|e| e.item_id == a.id), "the run stopped at the first item: {events:?}");
    let a_now = f.desk.outbox.item(&a.id).await.unwrap();
    assert_eq!((a_now.state, a_now.step, a_now.attempts), (OutboxState::Queued, OutboxStep::Create, 1));
    assert_eq!(a_now.last_error.as_ref().map(|e| e.code), Some(ErrorCode::Offline));
    assert_eq!(f.desk.outbox.item(&b.id).await.unwrap().attempts, 0, "the second item was not tried");

    let (run, _) = f.run().await;
    assert_eq!((run.sent, run.queued, run.stopped_by), (2, 0, None));
    assert_eq!(f.contents().len(), 2);
    let a_now = f.desk.outbox.item(&a.id).await.unwrap();
    assert_eq!((a_now.state, a_now.attempts, a_now.last_error), (OutboxState::Sent, 2, None));
}

#[tokio::test]
async fn a_refusal_fails_the_item_with_twilios_code_and_retry_sends_it() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let item = f.publish(&family.drafts[0].id).await;
    f.fake.fail_next("POST", "/v1/Content", Fault::Status { status: 400, code: 21656, retry_after: None });
    let (run, events) = f.run().await;
    assert_eq!((run.sent, run.failed, run.queued, run.stopped_by), (0, 1, 0, None));
    assert_eq!(events.last().map(|e| (e.state, e.done)), Some((OutboxState::Failed, 1)));
    let failed = f.desk.outbox.item(&item.id).await.unwrap();
    assert_eq!((failed.state, failed.step), (OutboxState::Failed, OutboxStep::Create));
    let problem = failed.last_error.expect("the refusal is kept");
    assert_eq!(problem.code, ErrorCode::TwilioRejected);
    assert_eq!(problem.params.get("twilioCode"), Some(&Param::Number(21656)));
    assert_eq!(problem.params.get("twilioMessage"), Some(&text("Bad Request")), "Twilio's words, verbatim");
    assert_eq!(problem.params.get("httpStatus"), Some(&Param::Number(400)));
    assert!(f.contents().is_empty());

    let queued = f.desk.outbox.retry(&item.id).await.unwrap();
    assert_eq!(queued.state, OutboxState::Queued);
    let (run, _) = f.run().await;
    assert_eq!((run.sent, run.failed), (1, 0));
    assert_eq!(f.contents().len(), 1);
    let sent = f.desk.outbox.item(&item.id).await.unwrap();
    assert_eq!((sent.state, sent.attempts, sent.last_error), (OutboxState::Sent, 2, None));
}

#[tokio::test]
async fn a_refused_approval_request_keeps_the_content_sid_and_retry_only_submits() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let item = f.publish(&family.drafts[0].id).await;
    f.fake.fail_next("POST", "/v1/Content/HX", Fault::Status { status: 400, code: 20001, retry_after: None });
    let (run, _) = f.run().await;
    assert_eq!(run.failed, 1);
    let failed = f.desk.outbox.item(&item.id).await.unwrap();
    let sid = f.contents()[0]["sid"].as_str().unwrap().to_owned();
    assert_eq!(
        (failed.state, failed.step, failed.content_sid.as_deref()),
        (OutboxState::Failed, OutboxStep::Submit, Some(sid.as_str()))
    );
    let err = f.desk.outbox.cancel(&item.id).await.unwrap_err();
    assert_eq!((err.code, err.params.get("reason")), (ErrorCode::CannotCancel, Some(&text("in_twilio"))));

    f.desk.outbox.retry(&item.id).await.unwrap();
    let (run, _) = f.run().await;
    assert_eq!(run.sent, 1);
    assert_eq!(f.contents().len(), 1, "the content was not created again");
    assert_eq!(f.requests("POST", "/v1/Content"), 3, "one create, two approval requests");
}

#[tokio::test]
async fn an_item_cancelled_before_its_create_sends_nothing() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let item = f.publish(&family.drafts[0].id).await;
    let cancelled = f.desk.outbox.cancel(&item.id).await.unwrap();
    assert_eq!(cancelled.state, OutboxState::Cancelled);
    let (run, events) = f.run().await;
    assert_eq!((run.sent, run.failed, run.queued), (0, 0, 0));
    assert!(events.is_empty());
    assert!(f.fake.requests().is_empty(), "nothing reached Twilio");
    assert_eq!(f.desk.outbox.retry(&item.id).await.unwrap().state, OutboxState::Cancelled, "cancelled is final");
    let again = f.publish(&family.drafts[0].id).await;
    assert_ne!(again.id, item.id, "publishing again queues a new item");
    assert_eq!(again.state, OutboxState::Queued);
}

#[tokio::test]
async fn cancelling_mid_run_leaves_the_rest_queued_and_never_creates_twice() {
    let f = fake_desk().await;
    let first = f.template("order_update", BODY).await;
    let second = f.template("delivery_notice", "Dear {{1}}, the parcel you ordered reaches you later today.").await;
    let a = f.publish(&first.drafts[0].id).await;
    let b = f.publish(&second.drafts[0].id).await;
    // The fake applies a delayed write after the delay even when the client has gone.
    f.fake.fail_next("POST", "/v1/Content", Fault::Delay(Duration::from_millis(700)));
    let cancel = CancellationToken::new();
    let stop = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        stop.cancel();
    });
    let (run, events) = f.run_with(&f.desk.twilio, &cancel).await;
    assert_eq!((run.sent, run.failed, run.queued, run.cancelled), (0, 0, 2, true), "{run:?}");
    assert_eq!(events.last().map(|e| (e.item_id.as_str(), e.state)), Some((a.id.as_str(), OutboxState::Queued)));
    let a_now = f.desk.outbox.item(&a.id).await.unwrap();
    assert_eq!((a_now.state, a_now.step), (OutboxState::Queued, OutboxStep::Create));
    let b_now = f.desk.outbox.item(&b.id).await.unwrap();
    assert_eq!((b_now.state, b_now.attempts), (OutboxState::Queued, 0));

    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(f.contents().len(), 1, "the abandoned create landed in Twilio");
    let (run, _) = f.run().await;
    assert_eq!((run.sent, run.queued), (2, 0));
    let contents = f.contents();
    assert_eq!(contents.len(), 2, "the first create was found, not sent again: {contents:?}");
    let a_now = f.desk.outbox.item(&a.id).await.unwrap();
    assert_eq!(a_now.content_sid.as_deref(), contents[0]["sid"].as_str());
}

#[tokio::test]
async fn deleting_a_template_deletes_its_content_in_twilio_and_keeps_the_local_record() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let de = NewLanguageInput {
        language: "de".into(),
        content: TemplateContent::Text { body: "Hallo {{1}}, Ihre Bestellung aus unserem Laden ist unterwegs.".into() },
        variables: samples(),
    };
    let german = f.desk.library.add_language(&family.id, de).await.unwrap();
    f.publish(&family.drafts[0].id).await;
    f.publish(&german.id).await;
    f.run().await;
    let sids: Vec<String> = f.contents().iter().map(|c| c["sid"].as_str().unwrap().to_owned()).collect();
    assert_eq!(sids.len(), 2);
    // One of them is already gone from Twilio: a 404 counts as deleted.
    let creds = f.desk.accounts.credentials(&f.account_id).await.unwrap();
    f.desk.twilio.delete_content(&creds, &sids[1]).await.unwrap();

    let d = &f.desk;
    d.outbox.delete_published(&d.twilio, &d.accounts, &d.library, &family.id).await.unwrap();
    assert!(f.contents().is_empty());
    assert_eq!(f.requests("DELETE", "/v1/Content/"), 3);
    let err = d.library.get(&family.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let mut deleted: Vec<String> =
        d.library.deleted_in_twilio().await.unwrap().into_iter().map(|t| t.content_sid).collect();
    deleted.sort();
    let mut expected = sids.clone();
    expected.sort();
    assert_eq!(deleted, expected, "the record that they existed stays");
    assert!(d.outbox.items().await.unwrap().is_empty(), "their outbox items went with the template");
}

#[tokio::test]
async fn deleting_stops_when_twilio_refuses_and_keeps_the_template() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    f.publish(&family.drafts[0].id).await;
    f.run().await;
    f.fake.fail_next("DELETE", "/v1/Content/", Fault::Status { status: 403, code: 20403, retry_after: None });
    let d = &f.desk;
    let err = d.outbox.delete_published(&d.twilio, &d.accounts, &d.library, &family.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioRejected);
    assert_eq!(f.contents().len(), 1);
    assert!(d.library.get(&family.id).await.is_ok(), "nothing deleted here");
    assert!(d.library.deleted_in_twilio().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_draft_never_published_is_deleted_without_asking_twilio() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    f.publish(&family.drafts[0].id).await;
    let d = &f.desk;
    d.outbox.delete_published(&d.twilio, &d.accounts, &d.library, &family.id).await.unwrap();
    assert!(f.fake.requests().is_empty());
    assert!(d.outbox.items().await.unwrap().is_empty());
    assert!(d.library.deleted_in_twilio().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_draft_edited_into_errors_after_queueing_fails_without_reaching_twilio() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let item = f.publish(&family.drafts[0].id).await;
    let broken = DraftContentInput { content: TemplateContent::Text { body: String::new() }, variables: samples() };
    f.desk.library.save_content(&family.drafts[0].id, broken).await.unwrap();
    let (run, _) = f.run().await;
    assert_eq!((run.sent, run.failed), (0, 1));
    let failed = f.desk.outbox.item(&item.id).await.unwrap();
    assert_eq!(failed.last_error.map(|e| e.code), Some(ErrorCode::TemplateHasErrors));
    assert!(f.fake.requests().is_empty());
}

#[tokio::test]
async fn an_approval_request_whose_answer_was_lost_is_read_back_not_sent_again() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let item = f.publish(&family.drafts[0].id).await;
    f.fake.fail_next("POST", "/v1/Content/HX", Fault::Delay(Duration::from_millis(1500)));
    let impatient = client(&f.fake, Duration::from_millis(500));
    let (run, _) = f.run_with(&impatient, &CancellationToken::new()).await;
    assert_eq!(run.stopped_by.map(|p| p.code), Some(ErrorCode::TwilioTimeout));
    let waiting = f.desk.outbox.item(&item.id).await.unwrap();
    assert_eq!((waiting.state, waiting.step), (OutboxState::Queued, OutboxStep::Submit));
    assert!(waiting.content_sid.is_some(), "the SID was kept before the approval request");

    tokio::time::sleep(Duration::from_millis(1600)).await;
    let (run, _) = f.run().await;
    assert_eq!(run.sent, 1);
    assert_eq!(f.requests("POST", "/v1/Content/HX"), 1, "the approval request was sent once");
    assert_eq!(f.requests("GET", "/v1/Content/HX"), 1, "and read back");
    let sent = f.desk.outbox.item(&item.id).await.unwrap();
    assert_eq!(sent.approval_status.as_deref(), Some("pending"));
}

#[tokio::test]
async fn an_item_left_running_by_a_closed_app_is_taken_up_again() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let item = f.publish(&family.drafts[0].id).await;
    sqlx::query("UPDATE template_outbox SET state = 'running'").execute(&f.pool).await.unwrap();
    let err = f.desk.outbox.cancel(&item.id).await.unwrap_err();
    assert_eq!((err.code, err.params.get("reason")), (ErrorCode::CannotCancel, Some(&text("running"))));
    let (run, _) = f.run().await;
    assert_eq!(run.sent, 1);
    assert_eq!(f.contents().len(), 1);
}

#[tokio::test]
async fn a_second_run_while_one_is_under_way_sends_nothing() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    f.publish(&family.drafts[0].id).await;
    f.fake.fail_next("POST", "/v1/Content", Fault::Delay(Duration::from_millis(300)));
    let ((first, _), (second, _)) = tokio::join!(f.run(), f.run());
    assert_eq!((first.sent, second.sent, second.failed), (1, 0, 0), "{first:?} {second:?}");
    assert_eq!(f.contents().len(), 1);
    assert_eq!(f.requests("POST", "/v1/Content"), 2, "one create and one approval request in all");
}

#[tokio::test]
async fn deleting_finds_and_deletes_a_content_whose_create_answer_was_lost() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    let item = f.publish(&family.drafts[0].id).await;
    f.fake.fail_next("POST", "/v1/Content", Fault::Delay(Duration::from_millis(500)));
    let cancel = CancellationToken::new();
    let stop = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        stop.cancel();
    });
    f.run_with(&f.desk.twilio, &cancel).await;
    assert_eq!(f.desk.outbox.item(&item.id).await.unwrap().content_sid, None);
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(f.contents().len(), 1, "Twilio created it after the run stopped waiting");

    let d = &f.desk;
    d.outbox.delete_published(&d.twilio, &d.accounts, &d.library, &family.id).await.unwrap();
    assert!(f.contents().is_empty(), "found by its friendly name and deleted");
    assert!(d.library.get(&family.id).await.is_err());
}

#[tokio::test]
async fn a_run_dropped_midway_leaves_the_next_run_free_to_finish_the_item() {
    let f = fake_desk().await;
    let family = f.template("order_update", BODY).await;
    f.publish(&family.drafts[0].id).await;
    f.fake.fail_next("POST", "/v1/Content", Fault::Delay(Duration::from_millis(500)));
    assert!(tokio::time::timeout(Duration::from_millis(100), f.run()).await.is_err(), "the caller gave up");
    tokio::time::sleep(Duration::from_millis(900)).await;
    let (run, _) = f.run().await;
    assert_eq!(run.sent, 1, "{run:?}");
    assert_eq!(f.contents().len(), 1, "the dropped run's create was found, not sent again");
}
