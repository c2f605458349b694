//! Workstreams in the real window, in English, on a desk that already holds a complete messaging
//! account with one WhatsApp number (seeded through the core, its Auth token in the real keyring;
//! Twilio unreachable): a queue; a push workstream with it as fallback queue; Set up WhatsApp on
//! it with that number, a language, an automated message, a survey, an approved template and
//! attachments; the summary and Finish; a restart that finds the channel active; and deleting the
//! account, which names the workstream and lets the user cancel. axe-core checks every screen,
//! page and dialog on the way (light, then dark forced), and the workstream page and the summary
//! fit the window's minimum width. The README's two screenshots of workstreams come from here.

mod common;

use std::path::Path;

use std::sync::Arc;

use channel_desk_core::model::{NumberInput, TemplateCategory};
use channel_desk_core::secrets::{Keyring, Secret, KEYRING_SERVICE};
use channel_desk_core::twilio::{BaseUrls, Credentials, Timing, Twilio};
use channel_desk_core::Desk;
use common::a11y::*;
use common::*;
use fake_twilio::FakeTwilio;
use fantoccini::{Client, Locator};
use serde_json::json;
use tokio_util::sync::CancellationToken;

const ACCOUNT: &str = "Contoso Support";
const SID: &str = "AC0123456789abcdef0123456789abcdef";
const NUMBER_NAME: &str = "Support line";
const NUMBER: &str = "+14155238886";
const QUEUE: &str = "Tier 2 support";
const WORKSTREAM: &str = "WhatsApp support";
const GREETING: &str = "Hi, I am {AgentName} from {QueueName}.";
const SURVEY: &str = "https://surveys.example.com/whatsapp";
const AUTH_TOKEN: &str = "0123456789abcdef0123456789abcdef";
/// A language of WhatsApp's template list, as WhatsApp writes it.
const LANGUAGE: &str = "en_US";
const TEMPLATE_TEXT: &str = "Hello {{1}}, we are back about your request.";

/// A complete messaging account with one WhatsApp number, as its wizard would have left it, and
/// one template WhatsApp approved, synced from a fake Twilio through the core. Returns the
/// number's id and the template's Content SID.
async fn seed(dir: &Path) -> (String, String) {
    let fake = FakeTwilio::start().await;
    let known = fake_twilio::Account { sid: SID.into(), auth_token: AUTH_TOKEN.into() };
    let account = fake.add_known_account(known, ACCOUNT, "active", "Full");
    let content_sid = fake.add_content(&account.sid, "back_about_request_en_US", LANGUAGE, TEMPLATE_TEXT);
    let twilio = Twilio::new(BaseUrls::all_at(&fake.url()).unwrap(), Timing::default()).unwrap();
    let creds = Credentials { account_sid: SID.into(), username: SID.into(), password: Secret::new(AUTH_TOKEN) };
    twilio
        .submit_for_whatsapp_approval(&creds, &content_sid, "back_about_request", TemplateCategory::Utility)
        .await
        .unwrap();
    fake.set_approval_status(&content_sid, "approved", None);
    let desk = Desk::open_with(dir, Arc::new(Keyring::new(KEYRING_SERVICE)), twilio).await.unwrap();
    let number = NumberInput { name: NUMBER_NAME.into(), number: NUMBER.into() };
    let account = seed::complete_account(&desk, ACCOUNT, SID, AUTH_TOKEN, number).await;
    let report = desk.sync_templates(&account.id, &|_| {}, &CancellationToken::new()).await.unwrap();
    assert_eq!(report.added, 1, "the approved template is in the library");
    (account.numbers[0].id.clone(), content_sid)
}

fn launch(data_dir: &Path) -> TauriDriver {
    let twilio = unreachable_twilio();
    TauriDriver::start(&[
        ("CHANNEL_DESK_DATA_DIR", data_dir.to_str().unwrap()),
        ("CHANNEL_DESK_TWILIO_API_URL", twilio.as_str()),
        ("CHANNEL_DESK_TWILIO_CONTENT_URL", twilio.as_str()),
        ("CHANNEL_DESK_TWILIO_MESSAGING_URL", twilio.as_str()),
    ])
}

/// Waits until focus is on the element that matches `css`.
async fn wait_focus(app: &Client, css: &str) {
    for _ in 0..50 {
        let there = app.execute("return document.activeElement.matches(arguments[0])", vec![json!(css)]).await.unwrap();
        if there == json!(true) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("focus never reached {css}; it is on {}", focused(app).await);
}

async fn fits(app: &Client, screen: &str) {
    let problems = overflow(app).await;
    assert!(problems.is_empty(), "{screen} at {MIN_WIDTH} px: {problems:#?}");
}

/// The row of the list at `rows` (such as `tr[data-queue-id]`) whose `.name` reads `name`.
async fn row_named(app: &Client, rows: &str, name: &str) -> fantoccini::elements::Element {
    let attr = rows.trim_start_matches("tr[").trim_end_matches(']');
    let xpath = format!("//tr[@{attr}][.//*[contains(@class,'name') and normalize-space()='{name}']]");
    match app.wait().at_most(WAIT).for_element(Locator::XPath(&xpath)).await {
        Ok(row) => row,
        Err(e) => {
            screenshot(app, "target/e2e/no-row.png").await;
            panic!("no {rows} row for {name}: {e}; what the window showed is in target/e2e/no-row.png")
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workstream_gets_whatsapp_set_up_survives_a_restart_and_is_named_when_its_account_goes() {
    isolated_home();
    let data = tempfile::tempdir().unwrap();
    let (number_id, content_sid) = seed(data.path()).await;
    let driver = launch(data.path());
    let app = driver.session().await;
    row_of(&app, ACCOUNT).await;

    // A queue.
    click(&app, "#nav-queues").await;
    find(&app, "h1#queues-title").await;
    find(&app, "tr[data-queue-id]").await;
    axe(&app, "the queues page").await;
    click(&app, "#new-queue").await;
    fill(&app, "#queue-name", QUEUE).await;
    click(&app, "#save-queue").await;
    let queue = row_named(&app, "tr[data-queue-id]", QUEUE).await;
    let queue_id = queue.attr("data-queue-id").await.unwrap().expect("queue rows carry their id");

    // A push workstream with that queue as its fallback queue.
    click(&app, "#nav-workstreams").await;
    find(&app, "h1#workstreams-title").await;
    axe(&app, "the workstreams list, empty").await;
    click(&app, "#new-workstream").await;
    fill(&app, "#workstream-name", WORKSTREAM).await;
    click(&app, "input[name=\"mode\"][value=\"push\"]").await;
    let dialog = text(&app, "dialog[open]").await;
    let for_good = english("workstreams", "workstreams_mode_locked_note");
    assert!(dialog.contains(&for_good), "the Create dialog says the mode cannot change later: {dialog}");
    click(&app, "input[name=\"fallback\"][value=\"existing\"]").await;
    click(&app, &format!("#fallback-queue option[value=\"{queue_id}\"]")).await;
    axe(&app, "the Create dialog").await;
    click(&app, "#create-workstream").await;

    // The workstream page opens, with no WhatsApp channel yet.
    wait_text(&app, "h1#workstream-title", |t| t.trim() == WORKSTREAM).await;
    find(&app, "#whatsapp-section[data-setup-status=\"none\"]").await;
    let fallback = app
        .execute(
            "return [...document.querySelectorAll('main select')].some((s) => s.value === arguments[0])",
            vec![json!(queue_id)],
        )
        .await
        .unwrap();
    assert_eq!(fallback, json!(true), "the page shows {QUEUE} as the fallback queue");
    axe(&app, "the workstream page").await;

    // Set up WhatsApp: the number.
    click(&app, "#setup-whatsapp").await;
    step(&app, "number").await;
    let choice = format!("input[name=\"setup-number\"][value=\"{number_id}\"]");
    find(&app, &choice).await;
    let label = app
        .execute(
            "return [...document.querySelector(arguments[0]).labels].map((l) => l.textContent).join(' ')",
            vec![json!(choice)],
        )
        .await
        .unwrap();
    let label = label.as_str().unwrap_or_default();
    for shown in [ACCOUNT, NUMBER_NAME, NUMBER] {
        assert!(label.contains(shown), "the number's label shows {shown}: {label}");
    }
    axe(&app, "Set up WhatsApp: WhatsApp number").await;
    click(&app, &choice).await;
    click(&app, "#wizard-next").await;

    // The language.
    step(&app, "language").await;
    axe(&app, "Set up WhatsApp: language").await;
    click(&app, &format!("#setup-language option[value=\"{LANGUAGE}\"]")).await;
    click(&app, "#wizard-next").await;

    // Behaviours: an automated message, previewed with a sample agent and the fallback queue.
    step(&app, "behaviours").await;
    axe(&app, "Set up WhatsApp: behaviours").await;
    click(&app, "#add-automated-message").await;
    click(&app, "#automated-trigger option[value=\"greeting\"]").await;
    fill(&app, "#automated-text", GREETING).await;
    let agent = english("setup", "setup_sample_agent_name");
    let filled = format!("Hi, I am {agent} from {QUEUE}.");
    wait_text(&app, "#automated-preview", |t| t.trim() == filled).await;
    axe(&app, "Set up WhatsApp: behaviours, adding an automated message").await;
    click(&app, "#save-automated-message").await;
    let item = text(&app, ".automated-item").await;
    assert!(item.contains("{AgentName}"), "the saved message keeps its placeholders: {item}");

    // The survey, with the default message.
    click(&app, "#survey-enabled").await;
    fill(&app, "#survey-reference", SURVEY).await;
    click(&app, "#use-default-survey-message").await;
    assert!(!value(&app, "#survey-message").await.trim().is_empty(), "the default survey message is filled in");

    // A template WhatsApp approved, picked from the account's: its text is Twilio's.
    click(&app, "#add-template").await;
    click(&app, &format!("#template-content-sid option[value=\"{content_sid}\"]")).await;
    wait_text(&app, "#template-chosen-text", |t| t == TEMPLATE_TEXT).await;
    axe(&app, "Set up WhatsApp: the template dialog, a template picked").await;
    click(&app, "#save-template").await;
    assert!(text(&app, ".template-item").await.contains(&content_sid), "the template is listed");
    axe(&app, "Set up WhatsApp: behaviours, filled in").await;
    click(&app, "#wizard-next").await;

    // User features: attachments, both ways.
    step(&app, "user_features").await;
    let features = text(&app, "[data-step=\"user_features\"]").await;
    for kind in [".jpg", ".jpeg", ".png", ".mp3", ".oga", ".ogg", ".amr", ".mp4", ".pdf"] {
        assert!(features.contains(kind), "the page lists {kind} among WhatsApp's outbound file types");
    }
    assert!(features.contains("HTTP Authentication for media"), "the page notes Twilio's media setting");
    axe(&app, "Set up WhatsApp: user features").await;
    click(&app, "#attachments-enabled").await;
    click(&app, "#attachments-customers").await;
    click(&app, "#attachments-agents").await;
    axe(&app, "Set up WhatsApp: user features, attachments on").await;
    click(&app, "#wizard-next").await;

    // The summary lists each choice, each with a way back to its page.
    step(&app, "summary").await;
    let customers = english("setup", "setup_attachments_customers");
    let agents = english("setup", "setup_attachments_agents");
    let expected = [
        ("number", vec![NUMBER, NUMBER_NAME]),
        ("language", vec![LANGUAGE]),
        ("automated_messages", vec![GREETING]),
        ("survey", vec![SURVEY]),
        ("templates", vec![content_sid.as_str()]),
        ("attachments", vec![customers.as_str(), agents.as_str()]),
    ];
    for (item, shows) in expected {
        let css = format!("#setup-summary .summary-item[data-item=\"{item}\"]");
        let said = text(&app, &css).await;
        for shown in shows {
            assert!(said.contains(shown), "the summary's {item} shows {shown}: {said}");
        }
        find(&app, &format!("{css} a.edit-step")).await;
    }
    axe(&app, "Set up WhatsApp: summary").await;
    set_width(&app, MIN_WIDTH, 760).await;
    fits(&app, "the summary").await;
    set_width(&app, 1100, 760).await;
    screenshot(&app, "target/e2e/setup-summary.png").await;
    click(&app, "#wizard-finish").await;
    find(&app, "#whatsapp-section[data-setup-status=\"active\"]").await;
    app.close().await.unwrap();

    // Restart: the workstream's WhatsApp channel is active, on the number.
    let app = driver.session().await;
    row_of(&app, ACCOUNT).await;
    click(&app, "#nav-workstreams").await;
    let row = row_named(&app, "tr[data-workstream-id]", WORKSTREAM).await;
    assert!(cell(&row, ".whatsapp").await.contains(NUMBER), "the list shows the workstream's number");
    assert!(cell(&row, ".queue").await.contains(QUEUE), "the list shows the fallback queue");
    axe(&app, "the workstreams list").await;
    row.find(Locator::Css("a.name")).await.unwrap().click().await.unwrap();
    find(&app, "#whatsapp-section[data-setup-status=\"active\"]").await;
    assert!(text(&app, "#whatsapp-section").await.contains(NUMBER), "the section shows the number");
    axe(&app, "the workstream page, WhatsApp active").await;
    set_width(&app, MIN_WIDTH, 760).await;
    fits(&app, "the workstream page").await;
    set_width(&app, 1100, 760).await;
    screenshot(&app, "target/e2e/workstream.png").await;

    // Deleting the account names the workstream; Cancel keeps everything.
    click(&app, "#nav-accounts").await;
    row_of(&app, ACCOUNT).await.find(Locator::Css(".delete")).await.unwrap().click().await.unwrap();
    click(&app, "#confirm-delete").await;
    let unbind = wait_text(&app, "#unbind-dialog", |t| t.contains(WORKSTREAM)).await;
    assert!(unbind.contains("draft"), "the dialog says what unbinding does: {unbind}");
    find(&app, "#unbind-dialog[open] #confirm-unbind").await;
    axe(&app, "the unbind dialog").await;
    click(&app, "#cancel-unbind").await;
    gone(&app, "#unbind-dialog[open]").await;
    wait_focus(&app, ".delete").await;
    row_of(&app, ACCOUNT).await;
    click(&app, "#nav-workstreams").await;
    let row = row_named(&app, "tr[data-workstream-id]", WORKSTREAM).await;
    assert!(cell(&row, ".whatsapp").await.contains(NUMBER), "Cancel unbinds nothing");
    app.close().await.unwrap();
}
