//! Creates a messaging account through every page of the wizard in the real app window,
//! restarts the app and finds it again, and checks that the Auth token is in the OS keyring
//! and in no file the app wrote.
//!
//! Run by `make e2e`, which builds the release app and runs this under Xvfb with a real
//! gnome-keyring (tests/with-keyring.sh).

mod common;

use common::*;
use fantoccini::Locator;

const SID: &str = "AC0123456789abcdef0123456789abcdef";

#[tokio::test(flavor = "multi_thread")]
async fn an_account_is_created_through_every_page_and_survives_a_restart() {
    let home = isolated_home();
    let token =
        format!("e2e{:029x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    let twilio = unreachable_twilio();
    let driver = TauriDriver::start(&[
        ("CHANNEL_DESK_TWILIO_API_URL", &twilio),
        ("CHANNEL_DESK_TWILIO_CONTENT_URL", &twilio),
        ("CHANNEL_DESK_TWILIO_MESSAGING_URL", &twilio),
    ]);

    let started = std::time::Instant::now();
    let app = driver.session().await;
    app.wait().at_most(WAIT).for_element(Locator::Css("#new-account")).await.expect("the accounts list opens");
    eprintln!("measured: from session request to the accounts list on screen: {} ms", started.elapsed().as_millis());
    let banner = text(&app, "#host-overrides").await;
    assert!(banner.contains(&twilio) && banner.contains("CHANNEL_DESK_TWILIO_API_URL"), "{banner}");

    // Channel details
    click(&app, "#new-account").await;
    step(&app, "channel_details").await;
    fill(&app, "#name", "Contoso Support").await;
    click(&app, "#wizard-next").await;

    // Account details: a bad SID is refused with its rule on screen, then fixed.
    step(&app, "account_details").await;
    fill(&app, "#accountSid", "AC123").await;
    fill(&app, "#authToken", &token).await;
    click(&app, "#wizard-next").await;
    let error = text(&app, "#accountSid-error").await;
    assert!(error.contains("AC followed by 32 hexadecimal digits"), "{error}");
    fill(&app, "#accountSid", SID).await;
    if app.find(Locator::Css("#authToken")).await.is_err() {
        click(&app, "#replace-token").await;
    }
    fill(&app, "#authToken", &token).await;
    click(&app, "#wizard-next").await;

    // WhatsApp numbers: a number without + is refused, then saved normalized.
    step(&app, "numbers").await;
    click(&app, "#add-number").await;
    fill(&app, "#numberName", "Support line").await;
    fill(&app, "#number", "14155238886").await;
    click(&app, "#save-number").await;
    let error = text(&app, "#number-error").await;
    assert!(error.contains("leading +"), "{error}");
    fill(&app, "#number", "+1 415 523 8886").await;
    click(&app, "#save-number").await;
    let item = text(&app, ".number-item").await;
    assert!(item.contains("+14155238886") && item.contains("Support line"), "{item}");
    screenshot(&app, "target/e2e/wizard.png").await;

    // Callback information
    click(&app, "#wizard-next").await;
    step(&app, "callback").await;
    fill(&app, "#callbackBaseUrl", "https://desk.example.com/").await;
    click(&app, "#save-callback-base-url").await;
    let inbound = app.wait().at_most(WAIT).for_element(Locator::Css("#inbound-url")).await.unwrap();
    let url = inbound.prop("value").await.unwrap().unwrap_or_default();
    assert!(url.starts_with("https://desk.example.com/twilio/whatsapp/") && url.ends_with("/inbound"), "{url}");
    click(&app, "#copy-inbound-url").await;
    assert_eq!(clipboard(), url, "Copy puts the inbound URL on the clipboard");

    // Done
    click(&app, "#wizard-next").await;
    step(&app, "done").await;
    finish(&app).await;
    let row = row_of(&app, "Contoso Support").await;
    assert_eq!(cell(&row, ".status").await, "Complete");
    assert_eq!(cell(&row, ".number-count").await, "1");
    assert_eq!(cell(&row, ".sid").await, SID);
    let account_id = row.attr("data-account-id").await.unwrap().expect("rows carry their account id");

    // A wizard left halfway is a draft: Save and close on the first page creates it.
    click(&app, "#new-account").await;
    fill(&app, "#name", "Fabrikam (draft)").await;
    click(&app, "#wizard-close").await;
    assert_eq!(cell(&row_of(&app, "Fabrikam (draft)").await, ".status").await, "Draft");
    app.close().await.unwrap();

    // Restart: everything is as it was left.
    let app = driver.session().await;
    let row = row_of(&app, "Contoso Support").await;
    assert_eq!(cell(&row, ".status").await, "Complete");
    let draft = row_of(&app, "Fabrikam (draft)").await;
    draft.find(Locator::Css(".resume")).await.unwrap().click().await.unwrap();
    step(&app, "account_details").await;
    assert!(text(&app, ".context").await.contains("Fabrikam (draft)"), "the wizard resumes the draft it was opened on");
    app.close().await.unwrap();
    drop(driver);

    let data_dir = home.join(".local/share").join(channel_desk_core::desk::APP_ID);
    assert_eq!(keyring_lookup(&data_dir, &account_id).await, (token.clone(), 1), "the keyring holds the token, once");
    let written = files_under(&home, &home.join(".local/share/keyrings"));
    for expected in ["channel-desk.sqlite3", "logs/channel-desk.log"] {
        assert!(written.contains(&data_dir.join(expected)), "the app wrote {expected}: {written:#?}");
    }
    for file in &written {
        let Some(bytes) = read_written(file) else { continue };
        assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()), "the token leaked into {}", file.display());
    }
}
