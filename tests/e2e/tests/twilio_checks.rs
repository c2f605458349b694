//! The account wizard against a stateful fake Twilio on 127.0.0.1: credentials validated good
//! and bad, a sender picked, the inbound URL applied over a Studio flow, and drift reported
//! after Twilio's side changes.

mod common;

use common::a11y::axe;
use common::*;
use fake_twilio::FakeTwilio;
use fantoccini::{Client, Locator};

const BASE: &str = "https://desk.example.com";
const WRONG_TOKEN: &str = "0000000000000000000000000000dead";

#[tokio::test(flavor = "multi_thread")]
async fn credentials_senders_inbound_url_and_drift_against_twilio() {
    let home = isolated_home();
    let fake = FakeTwilio::start().await;
    let twilio = fake.add_account("Contoso Prod", "active", "Full");
    fake.add_sender(&twilio.sid, "+14155550100", "ONLINE");
    let sales = fake.add_sender(&twilio.sid, "+14155550101", "ONLINE");
    let flow = "https://webhooks.twilio.com/v1/Accounts/AC00000000000000000000000000000000/Flows/FW00000000000000000000000000000000";
    fake.set_sender_webhook(&sales, flow);

    let data_dir = home.join("twilio-checks-profile");
    let url = fake.url();
    let driver = TauriDriver::start(&[
        ("CHANNEL_DESK_DATA_DIR", data_dir.to_str().unwrap()),
        ("CHANNEL_DESK_TWILIO_API_URL", &url),
        ("CHANNEL_DESK_TWILIO_CONTENT_URL", &url),
        ("CHANNEL_DESK_TWILIO_MESSAGING_URL", &url),
    ]);
    let app = driver.session().await;

    click(&app, "#new-account").await;
    fill(&app, "#name", "Contoso via Twilio").await;
    click(&app, "#wizard-next").await;

    // Validate: a wrong token is reported in Twilio's terms, then the right one is verified.
    step(&app, "account_details").await;
    fill(&app, "#accountSid", &twilio.sid).await;
    fill(&app, "#authToken", WRONG_TOKEN).await;
    click(&app, "#validate-account").await;
    let failed = outcome(&app, "#verification", "failed").await;
    assert!(failed.contains("20003"), "{failed}");
    click(&app, "#replace-token").await;
    fill(&app, "#authToken", &twilio.auth_token).await;
    click(&app, "#validate-account").await;
    let verified = outcome(&app, "#verification", "verified").await;
    assert!(verified.contains("Contoso Prod") && verified.contains("Full"), "{verified}");
    click(&app, "#wizard-next").await;

    // Pick a sender; a typed number that is no sender is saved with a warning.
    step(&app, "numbers").await;
    find(&app, "#senders .sender-item[data-number=\"+14155550100\"]").await;
    click(&app, ".sender-item[data-number=\"+14155550101\"] .use-sender").await;
    let number = find(&app, "#number").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(number, "+14155550101");
    fill(&app, "#numberName", "Sales").await;
    click(&app, "#save-number").await;
    find(&app, ".number-item").await;
    assert!(app.find(Locator::Css("#number-warning")).await.is_err(), "a sender gets no warning");
    click(&app, "#add-number").await;
    fill(&app, "#numberName", "Typo").await;
    fill(&app, "#number", "+14155550199").await;
    click(&app, "#save-number").await;
    assert!(text(&app, "#number-warning").await.contains("+14155550199"));
    let typo = "//li[contains(@class,'number-item')][contains(.,'+14155550199')]//button[normalize-space()='Remove']";
    app.wait().at_most(WAIT).for_element(Locator::XPath(typo)).await.unwrap().click().await.unwrap();
    click(&app, "#confirm-remove-number").await;
    step(&app, "numbers").await;
    click(&app, "#wizard-next").await;

    // Apply the inbound URL in Twilio, over the Studio flow, after a confirmation.
    step(&app, "callback").await;
    fill(&app, "#callbackBaseUrl", BASE).await;
    click(&app, "#save-callback-base-url").await;
    let inbound = find(&app, "#inbound-url").await.prop("value").await.unwrap().unwrap_or_default();
    click(&app, "#check-routes").await;
    let row = ".route[data-number=\"+14155550101\"]";
    find(&app, &format!("{row} .route-owner[data-owner=\"studio_flow\"]")).await;
    click(&app, &format!("{row} .apply-route")).await;
    assert!(text(&app, "#apply-warning").await.contains("Studio flow"));
    assert!(text(&app, "#apply-before").await.contains(flow));
    assert!(text(&app, "#apply-after").await.contains(&inbound));
    axe(&app, "the Apply dialog").await;
    click(&app, "#confirm-apply").await;
    find(&app, &format!("{row} .route-owner[data-owner=\"ours\"]")).await;
    assert_eq!(fake.sender_webhook(&sales).as_deref(), Some(inbound.as_str()), "Twilio now posts to this desk");
    assert_eq!(fake.writes(), 1);
    screenshot(&app, "target/e2e/apply-in-twilio.png").await;

    // Restore previous puts the Studio flow back, through the same confirmation; Apply again.
    click(&app, &format!("{row} .restore-route")).await;
    assert!(text(&app, "#restore-after").await.contains(flow));
    axe(&app, "the Restore previous dialog").await;
    click(&app, "#confirm-restore").await;
    find(&app, &format!("{row} .route-owner[data-owner=\"studio_flow\"]")).await;
    assert_eq!(fake.sender_webhook(&sales).as_deref(), Some(flow), "Twilio posts to the Studio flow again");
    click(&app, &format!("{row} .apply-route")).await;
    click(&app, "#confirm-apply").await;
    find(&app, &format!("{row} .route-owner[data-owner=\"ours\"]")).await;
    assert_eq!(fake.writes(), 3);

    click(&app, "#wizard-next").await;
    step(&app, "done").await;
    finish(&app).await;

    // Drift: in sync, then Twilio's side changes and Check now says so.
    let drift = ".drift";
    check_now(&app, "Contoso via Twilio").await;
    outcome(&app, drift, "in_sync").await;
    fake.set_sender_webhook(&sales, "https://elsewhere.example.com/hook");
    check_now(&app, "Contoso via Twilio").await;
    let drifted = outcome(&app, drift, "drifted").await;
    assert!(drifted.contains("Sales") && drifted.contains("+14155550101"), "drifted numbers by name: {drifted}");
    screenshot(&app, "target/e2e/accounts.png").await;
    // The fix sits next to the problem: Apply opens Callback information.
    row_of(&app, "Contoso via Twilio").await.find(Locator::Css(".fix-drift")).await.unwrap().click().await.unwrap();
    step(&app, "callback").await;
    find(&app, &format!("{row} .apply-route")).await;
    app.close().await.unwrap();
    drop(driver);

    let log = std::fs::read_to_string(data_dir.join("logs/channel-desk.log")).unwrap();
    assert!(log.contains("twilio POST /v2/Channels/Senders/"), "requests are logged by method and path");
    let written = files_under(&home, &home.join(".local/share/keyrings"));
    assert!(written.contains(&data_dir.join("channel-desk.sqlite3")), "{written:#?}");
    for file in written {
        let Some(bytes) = read_written(&file) else { continue };
        for secret in [twilio.auth_token.as_str(), WRONG_TOKEN] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "a token leaked into {}",
                file.display()
            );
        }
    }
}

/// Check now, once the check before it is over: the list ignores a click while one runs.
async fn check_now(app: &Client, account: &str) {
    let busy = ".check-drift[aria-busy=\"true\"]";
    gone(app, busy).await;
    let row = row_of(app, account).await;
    row.find(Locator::Css(".check-drift")).await.unwrap().click().await.unwrap();
    gone(app, busy).await;
}

/// Waits until `css` carries `data-outcome="<expected>"` and returns its text.
async fn outcome(app: &Client, css: &str, expected: &str) -> String {
    text(app, &format!("{css}[data-outcome=\"{expected}\"]")).await
}
