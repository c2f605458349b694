//! Message templates in the real window, with Twilio first out of reach and then the fake Twilio
//! on the port the app was given: a template drafted in English and German offline; a lint
//! finding fixed with its Fix button and a missing sample filled in; the preview; publishing,
//! which waits in the outbox while Twilio is out of reach and is sent once it answers; pending,
//! then approved after a sync; the approved template picked in a workstream's "Set up WhatsApp";
//! and its text changed on Twilio's side, which the exact-text check reports with a diff. The
//! desk starts with a complete account and a workstream whose WhatsApp setup is active, seeded
//! through the core. axe-core checks the new screens on the way.

mod common;

use std::path::Path;
use std::sync::Arc;

use channel_desk_core::model::{
    Channel, DistributionMode, FallbackQueueInput, NewWorkstreamInput, NumberInput, WorkstreamKind,
};
use channel_desk_core::secrets::{Keyring, KEYRING_SERVICE};
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::Desk;
use common::a11y::*;
use common::*;
use fake_twilio::{Account, FakeTwilio};
use fantoccini::Locator;
use serde_json::json;

const ACCOUNT: &str = "Contoso Support";
const SID: &str = "AC00112233445566778899aabbccddeeff";
const AUTH_TOKEN: &str = "ffeeddccbbaa99887766554433221100";
const WORKSTREAM: &str = "WhatsApp orders";
const TEMPLATE: &str = "order_update";
/// `{{ 1 }}` is not how WhatsApp writes a variable: the finding this test fixes.
const ENGLISH: &str = "Hello {{ 1 }}, your order *has shipped* today.";
const ENGLISH_FIXED: &str = "Hello {{1}}, your order *has shipped* today.";
const GERMAN: &str = "Hallo {{1}}, Ihre Bestellung ist heute versandt worden.";
/// The English text as someone edits it in Twilio's Console: one space more.
const CHANGED_IN_TWILIO: &str = "Hello {{1}},  your order *has shipped* today.";

/// A complete account with one number, and a workstream whose WhatsApp setup uses it. Returns the
/// account's id and the workstream's.
async fn seed(dir: &Path, twilio: &str) -> (String, String) {
    let twilio = Twilio::new(BaseUrls::all_at(twilio).unwrap(), Timing::default()).unwrap();
    let desk = Desk::open_with(dir, Arc::new(Keyring::new(KEYRING_SERVICE)), twilio).await.unwrap();
    let number = NumberInput { name: "Orders".into(), number: "+14155550100".into() };
    let account = seed::complete_account(&desk, ACCOUNT, SID, AUTH_TOKEN, number).await;
    let queue = desk.queues.list().await.unwrap().remove(0);
    let workstream = desk
        .workstreams
        .create(NewWorkstreamInput {
            name: WORKSTREAM.into(),
            kind: WorkstreamKind::Messaging,
            channel: Channel::Whatsapp,
            mode: DistributionMode::Push,
            fallback_queue: FallbackQueueInput::Existing { id: queue.id },
        })
        .await
        .unwrap();
    desk.setups.save_number(&workstream.id, &account.numbers[0].id).await.unwrap();
    desk.setups.save_language(&workstream.id, "en").await.unwrap();
    desk.setups.finish(&workstream.id).await.unwrap();
    (account.id, workstream.id)
}

/// Waits until the fake holds `count` contents of the account.
async fn contents(fake: &FakeTwilio, count: usize) -> Vec<serde_json::Value> {
    for _ in 0..150 {
        let stored = fake.stored_contents(SID);
        if stored.len() >= count {
            return stored;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the fake holds {:?}, not {count} contents", fake.stored_contents(SID));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_template_is_drafted_offline_fixed_previewed_published_approved_used_and_checked() {
    isolated_home();
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let twilio = format!("http://127.0.0.1:{port}");
    let (account_id, _) = seed(data.path(), &twilio).await;
    let driver = TauriDriver::start(&[
        ("CHANNEL_DESK_DATA_DIR", data.path().to_str().unwrap()),
        ("CHANNEL_DESK_TWILIO_API_URL", &twilio),
        ("CHANNEL_DESK_TWILIO_CONTENT_URL", &twilio),
        ("CHANNEL_DESK_TWILIO_MESSAGING_URL", &twilio),
    ]);
    let app = driver.session().await;
    row_of(&app, ACCOUNT).await;

    // 1. Offline: a new template, drafted in English and German.
    click(&app, "#nav-templates").await;
    find(&app, "#templates-empty").await;
    axe(&app, "the message templates list, empty").await;
    click(&app, "#new-template").await;
    fill(&app, "#template-name", TEMPLATE).await;
    click(&app, &format!("#template-account option[value=\"{account_id}\"]")).await;
    click(&app, "#template-language option[value=\"en\"]").await;
    axe(&app, "the New template dialog").await;
    click(&app, "#create-template").await;
    wait_text(&app, "h1#template-title", |t| t == TEMPLATE).await;
    fill(&app, "#body-en", ENGLISH).await;
    click(&app, "#add-language-select option[value=\"de\"]").await;
    click(&app, "#add-language").await;
    fill(&app, "#body-de", GERMAN).await;
    fill(&app, "#sample-de-1", "Maria").await;

    // 2. The linter's findings, and a fix applied.
    let unnumbered = "#findings-en .finding[data-code=\"variable_not_numbered\"]";
    let said = text(&app, unnumbered).await;
    assert!(said.contains("{{1}}"), "the finding says how a variable is written: {said}");
    assert!(said.contains("{{ 1 }}"), "the finding shows its span in context: {said}");
    axe(&app, "a template with lint findings").await;
    click(&app, &format!("{unnumbered} .fix")).await;
    gone(&app, unnumbered).await;
    assert_eq!(value(&app, "#body-en").await, ENGLISH_FIXED, "the fix rewrote the variable");
    find(&app, "#findings-en .finding[data-code=\"variable_missing_sample\"]").await;
    fill(&app, "#sample-en-1", "Maria").await;
    gone(&app, "#findings-en .finding[data-severity=\"error\"]").await;
    gone(&app, "#findings-de .finding[data-severity=\"error\"]").await;

    // 3. The preview, with the sample in and WhatsApp's bold drawn.
    wait_text(&app, "#preview-en .body", |t| t == "Hello Maria, your order has shipped today.").await;
    assert_eq!(text(&app, "#preview-en .body strong").await, "has shipped");
    wait_text(&app, "#save-state-en", |t| t == english("template", "template_saved")).await;
    screenshot(&app, "target/e2e/template-editor.png").await;

    // 4. Publishing while Twilio is out of reach waits in the outbox; once Twilio answers, the
    //    next publish sends both, each created once.
    click(&app, "#publish-en").await;
    wait_text(&app, "#outbox-result", |t| t.contains('1')).await;
    assert!(fake_is_down(port), "nothing answered the app yet");
    let fake = FakeTwilio::start_on(port).await;
    fake.add_known_account(Account { sid: SID.into(), auth_token: AUTH_TOKEN.into() }, ACCOUNT, "active", "Full");
    click(&app, "#publish-de").await;
    let stored = contents(&fake, 2).await;
    assert_eq!(stored.len(), 2, "one content per language, none twice: {stored:#?}");
    find(&app, "#edit-en").await;
    find(&app, "#edit-de").await;
    let sid_of =
        |language: &str| stored.iter().find(|c| c["language"] == language).unwrap()["sid"].as_str().unwrap().to_owned();
    let (sid_en, sid_de) = (sid_of("en"), sid_of("de"));

    // 5. Pending after a sync, then approved after the next.
    click(&app, "#back-to-templates").await;
    click(&app, "#sync-templates").await;
    wait_text(&app, "#sync-results", |t| t.contains(ACCOUNT)).await;
    let pending = english("library", "library_status_pending");
    wait_text(&app, "li.language[data-status=\"pending\"] .status", |t| t == pending).await;
    axe(&app, "the message templates list after a sync").await;
    fake.set_approval_status(&sid_en, "approved", None);
    fake.set_approval_status(&sid_de, "approved", None);
    click(&app, "#sync-templates").await;
    let approved = english("library", "library_status_approved");
    wait_text(&app, "li.language[data-status=\"approved\"] .status", |t| t == approved).await;
    gone(&app, "li.language[data-status=\"pending\"]").await;
    screenshot(&app, "target/e2e/templates.png").await;

    // 6. The approved English template, picked in the workstream's "Set up WhatsApp".
    click(&app, "#nav-workstreams").await;
    let row = app
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!("//tr[@data-workstream-id][.//a[normalize-space()='{WORKSTREAM}']]")))
        .await
        .unwrap();
    row.find(Locator::Css("a.name")).await.unwrap().click().await.unwrap();
    click(&app, "#setup-whatsapp").await;
    click(&app, "button[data-step-id=\"behaviours\"]").await;
    step(&app, "behaviours").await;
    click(&app, "#add-template").await;
    click(&app, &format!("#template-content-sid option[value=\"{sid_en}\"]")).await;
    wait_text(&app, "#template-chosen-text", |t| t == ENGLISH_FIXED).await;
    axe(&app, "Set up WhatsApp: an approved template picked").await;
    click(&app, "#save-template").await;
    wait_text(&app, ".template-item", |t| t.contains(&sid_en)).await;
    click(&app, "#wizard-close").await;

    // 7. The text changed on Twilio's side: the exact-text check shows the extra space.
    fake.set_content_body(&sid_en, CHANGED_IN_TWILIO);
    click(&app, "#check-template-texts").await;
    find(&app, "#template-text-checks .check[data-outcome=\"differs\"]").await;
    assert_eq!(text(&app, "#template-text-checks ins").await, "·", "the one space Twilio's text has more");
    axe(&app, "the workstream page with the exact-text check").await;

    let shown = app.execute("return document.documentElement.lang", vec![]).await.unwrap();
    assert_eq!(shown, json!("en"));
    app.close().await.unwrap();
}

/// Whether nothing listens on `port` yet.
fn fake_is_down(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_err()
}
