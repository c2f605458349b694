//! The exact-text check: a workstream's template texts against Twilio's bodies, character by
//! character, at the end of a sync and on demand, with the diff as runs.

#[path = "common/fake_desk.rs"]
mod fake_desk;

use channel_desk_core::model::{
    Behaviours, Channel, DiffKind, DiffRun, DistributionMode, FallbackQueueInput, NewWorkstreamInput, Survey,
    SurveyDelivery, TemplateRef, TextCheck, TextOutcome, WorkstreamKind,
};
use channel_desk_core::text_check::diff;
use channel_desk_core::ErrorCode;
use fake_desk::{fake_desk, FakeDesk};
use tokio_util::sync::CancellationToken;

const BODY: &str = "Hello {{1}}, your order {{2}} has shipped.\nReply STOP to opt out.";
/// A Content SID that no content of the fake has.
const UNKNOWN: &str = "HXffffffffffffffffffffffffffffffff";

fn run(kind: DiffKind, text: &str) -> DiffRun {
    DiffRun { kind, text: text.into() }
}

async fn workstream(f: &FakeDesk, name: &str, templates: Vec<TemplateRef>, bind_number: bool) -> String {
    let queue = f.desk.queues.list().await.unwrap().remove(0).id;
    let input = NewWorkstreamInput {
        name: name.into(),
        kind: WorkstreamKind::Messaging,
        channel: Channel::Whatsapp,
        mode: DistributionMode::Push,
        fallback_queue: FallbackQueueInput::Existing { id: queue },
    };
    let id = f.desk.workstreams.create(input).await.unwrap().id;
    if bind_number {
        f.desk.setups.save_number(&id, &f.number_id).await.unwrap();
    }
    let behaviours = Behaviours {
        automated_messages: vec![],
        survey: Survey { enabled: false, reference: None, message: None, delivery: SurveyDelivery::SendLink },
        templates,
    };
    f.desk.setups.save_behaviours(&id, behaviours).await.unwrap();
    id
}

fn template(sid: &str, text: &str) -> TemplateRef {
    TemplateRef { content_sid: sid.into(), language: "en".into(), text: text.into() }
}

/// Each check as (content SID, outcome).
fn outcomes(checks: &[TextCheck]) -> Vec<(&str, &TextOutcome)> {
    checks.iter().map(|c| (c.content_sid.as_str(), &c.outcome)).collect()
}

#[test]
fn the_diff_runs_character_by_character_whitespace_included() {
    assert_eq!(diff("Hi there", "Hi there"), [run(DiffKind::Same, "Hi there")]);
    assert_eq!(
        diff("Your order  has shipped.", "Your order has shipped."),
        [run(DiffKind::Same, "Your order "), run(DiffKind::Removed, " "), run(DiffKind::Same, "has shipped.")]
    );
    assert_eq!(diff("Reply STOP", "Reply STOP\n"), [run(DiffKind::Same, "Reply STOP"), run(DiffKind::Added, "\n")]);
    assert_eq!(
        diff("tab\there", "tab here"),
        [
            run(DiffKind::Same, "tab"),
            run(DiffKind::Removed, "\t"),
            run(DiffKind::Added, " "),
            run(DiffKind::Same, "here")
        ]
    );
    assert_eq!(diff("Olá", "Ola"), [run(DiffKind::Same, "Ol"), run(DiffKind::Removed, "á"), run(DiffKind::Added, "a")]);
    assert!(diff("", "").is_empty());
}

#[tokio::test]
async fn a_sync_checks_every_used_template_against_the_bodies_it_read() {
    let f = fake_desk().await;
    let same = f.content("order_shipped", "en", BODY, "approved").await;
    let spaced = f.content("order_delayed", "en", "Your order is  late.", "pending").await;
    let ws = workstream(
        &f,
        "Support",
        vec![template(&same, BODY), template(&spaced, "Your order is late."), template(UNKNOWN, "Anything")],
        true,
    )
    .await;
    // A workstream with no number is on no account this sync reads.
    workstream(&f, "Unbound", vec![template(&same, BODY)], false).await;

    let report = f.desk.sync_templates(&f.account_id, &|_| {}, &CancellationToken::new()).await.unwrap();

    assert!(report.texts.iter().all(|c| c.workstream_id == ws && c.workstream_name == "Support"));
    assert!(report.texts.iter().all(|c| c.language == "en"));
    assert_eq!(
        outcomes(&report.texts),
        [
            (
                same.as_str(),
                &TextOutcome::Compared {
                    equal: true,
                    approval_status: Some("approved".into()),
                    diff: vec![run(DiffKind::Same, BODY)],
                }
            ),
            (
                spaced.as_str(),
                &TextOutcome::Compared {
                    equal: false,
                    approval_status: Some("pending".into()),
                    diff: vec![
                        run(DiffKind::Same, "Your order is "),
                        run(DiffKind::Added, " "),
                        run(DiffKind::Same, "late.")
                    ],
                }
            ),
            (UNKNOWN, &TextOutcome::UnknownSid),
        ]
    );
}

#[tokio::test]
async fn on_demand_the_check_asks_twilio_for_each_content_once() {
    let f = fake_desk().await;
    let same = f.content("order_shipped", "en", BODY, "approved").await;
    let spaced = f.content("order_delayed", "en", "Your order is  late.", "approved").await;
    let support =
        workstream(&f, "Support", vec![template(&same, BODY), template(&spaced, "Your order is late.")], true).await;
    // The same SID with its hex digits upper-cased is the same content.
    let upper = format!("HX{}", same[2..].to_uppercase());
    let unbound = workstream(&f, "Unbound", vec![template(&upper, "Hello"), template(UNKNOWN, "Hi")], false).await;

    let checks = f.desk.check_texts(Some(&support)).await.unwrap();
    assert_eq!(
        outcomes(&checks),
        [
            (
                same.as_str(),
                &TextOutcome::Compared {
                    equal: true,
                    approval_status: Some("approved".into()),
                    diff: vec![run(DiffKind::Same, BODY)],
                }
            ),
            (
                spaced.as_str(),
                &TextOutcome::Compared {
                    equal: false,
                    approval_status: Some("approved".into()),
                    diff: vec![
                        run(DiffKind::Same, "Your order is "),
                        run(DiffKind::Added, " "),
                        run(DiffKind::Same, "late.")
                    ],
                }
            ),
        ]
    );
    let fetches = |sid: &str| f.fake.requests().iter().filter(|r| r.path == format!("/v1/Content/{sid}")).count();
    assert_eq!((fetches(&same), fetches(&spaced)), (1, 1));

    let all = f.desk.check_texts(None).await.unwrap();
    let names: Vec<&str> = all.iter().map(|c| c.workstream_name.as_str()).collect();
    assert_eq!(names, ["Support", "Support", "Unbound", "Unbound"]);
    assert_eq!(all[2].workstream_id, unbound);
    assert_eq!((&all[2].outcome, &all[3].outcome), (&TextOutcome::NoAccount, &TextOutcome::NoAccount));
}

#[tokio::test]
async fn on_demand_a_sid_twilio_does_not_know_is_its_own_result() {
    let f = fake_desk().await;
    let gone = f.content("old_offer", "en", "Old offer", "approved").await;
    f.desk.twilio.delete_content(&f.credentials(), &gone).await.unwrap();
    let ws = workstream(&f, "Support", vec![template(UNKNOWN, "Hi"), template(&gone, "Old offer")], true).await;

    let checks = f.desk.check_texts(Some(&ws)).await.unwrap();
    assert_eq!(outcomes(&checks), [(UNKNOWN, &TextOutcome::UnknownSid), (gone.as_str(), &TextOutcome::UnknownSid)]);
}

#[tokio::test]
async fn on_demand_offline_each_template_says_it_was_not_checked() {
    let f = fake_desk().await;
    let sid = f.content("order_shipped", "en", BODY, "approved").await;
    let ws = workstream(&f, "Support", vec![template(&sid, BODY)], true).await;
    let FakeDesk { fake, desk, dir: _dir, .. } = f;
    drop(fake);

    let checks = desk.check_texts(Some(&ws)).await.unwrap();
    match &checks[0].outcome {
        TextOutcome::NotChecked { problem } => {
            assert!(matches!(problem.code, ErrorCode::Offline | ErrorCode::ConnectionFailed), "{problem:?}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(desk.check_texts(Some("no-such-workstream")).await.unwrap_err().code, ErrorCode::NotFound);
}
