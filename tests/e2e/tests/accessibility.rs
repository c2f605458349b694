//! Accessibility and languages in the real window. One app launch per theme:
//! - light, in English: the account wizard by keyboard alone, axe-core on every screen, page
//!   and dialog (in the light theme and again with the dark one forced), and every screen at
//!   the window's minimum width;
//! - dark from the OS (GTK_THEME), in German (the OS language): translated labels and a
//!   translated error on screen, axe-core on every screen and dialog and the minimum width again
//!   with German's long labels, a screenshot for the README, and a switch to Japanese that takes
//!   effect at once and outlives a restart.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::a11y::*;
use common::*;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

const SID: &str = "AC0123456789abcdef0123456789abcdef";

/// Every message of one language, from the UI's catalogs: what the screen must show.
fn catalog(locale: &str) -> HashMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/messages");
    let mut all = HashMap::new();
    for area in std::fs::read_dir(&root).unwrap() {
        let file = area.unwrap().path().join(format!("{locale}.json"));
        let parsed: HashMap<String, Value> = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        all.extend(parsed.into_iter().filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned()))));
    }
    all
}

fn launch(data_dir: &Path, env: &[(&str, &str)]) -> TauriDriver {
    let twilio = unreachable_twilio();
    let mut all = vec![
        ("CHANNEL_DESK_DATA_DIR", data_dir.to_str().unwrap()),
        ("CHANNEL_DESK_TWILIO_API_URL", twilio.as_str()),
        ("CHANNEL_DESK_TWILIO_CONTENT_URL", twilio.as_str()),
        ("CHANNEL_DESK_TWILIO_MESSAGING_URL", twilio.as_str()),
    ];
    all.extend_from_slice(env);
    TauriDriver::start(&all)
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

async fn exists(app: &Client, css: &str) -> bool {
    app.find(Locator::Css(css)).await.is_ok()
}

async fn fits(app: &Client, screen: &str) {
    let problems = overflow(app).await;
    assert!(problems.is_empty(), "{screen} at {MIN_WIDTH} px: {problems:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn english_light_by_keyboard_alone_with_axe_on_every_screen() {
    isolated_home();
    let data = tempfile::tempdir().unwrap();
    let driver = launch(data.path(), &[]);
    let app = driver.session().await;
    find(&app, "#new-account").await;
    axe(&app, "the accounts list, empty").await;

    // Channel details, reached from the list with Tab and Enter.
    tab_to(&app, "#new-account", 20).await;
    press(&app, &[Key::Enter]).await;
    step(&app, "channel_details").await;
    wait_focus(&app, "#name").await;
    type_text(&app, "Contoso Keyboard").await;
    tab_to(&app, "#wizard-next", 20).await;
    press(&app, &[Key::Enter]).await;

    // Account details: an empty save shows both problems at once and focuses the first.
    step(&app, "account_details").await;
    wait_focus(&app, "input").await;
    axe(&app, "account details").await;
    tab_to(&app, "#wizard-next", 20).await;
    press(&app, &[Key::Enter]).await;
    find(&app, "#accountSid-error").await;
    assert!(exists(&app, "#authToken-error").await, "one refused save shows every problem of the page");
    wait_focus(&app, "#accountSid").await;
    let described = find(&app, "#accountSid").await.attr("aria-describedby").await.unwrap().unwrap_or_default();
    assert!(described.contains("accountSid-error"), "the error is tied to its field: {described}");
    axe(&app, "account details with errors").await;
    type_text(&app, SID).await;
    tab_to(&app, "#authToken", 5).await;
    type_text(&app, "keyboard-token-0123456789abcdef").await;
    tab_to(&app, "#wizard-next", 20).await;
    press(&app, &[Key::Enter]).await;

    // WhatsApp numbers: Escape cancels the sub-form and nothing else; Shift+Tab goes back.
    step(&app, "numbers").await;
    axe(&app, "WhatsApp numbers").await;
    tab_to(&app, "#add-number", 20).await;
    press(&app, &[Key::Enter]).await;
    wait_focus(&app, "#numberName").await;
    press(&app, &[Key::Escape]).await;
    step(&app, "numbers").await;
    assert!(!exists(&app, "#numberName").await, "Escape closes the number form");
    tab_to(&app, "#add-number", 20).await;
    press(&app, &[Key::Enter]).await;
    wait_focus(&app, "#numberName").await;
    type_text(&app, "Support line").await;
    press(&app, &[Key::Tab]).await;
    wait_focus(&app, "#number").await;
    type_text(&app, "+14155238886").await;
    press_back_tab(&app).await;
    wait_focus(&app, "#numberName").await;
    tab_to(&app, "#save-number", 10).await;
    press(&app, &[Key::Enter]).await;
    find(&app, ".number-item").await;
    axe(&app, "WhatsApp numbers with a number").await;
    tab_to(&app, ".remove-number", 30).await;
    press(&app, &[Key::Enter]).await;
    find(&app, "dialog[open]").await;
    axe(&app, "the remove-number dialog").await;
    press(&app, &[Key::Escape]).await;
    gone(&app, "dialog[open]").await;
    wait_focus(&app, ".remove-number").await;
    assert!(exists(&app, ".number-item").await, "Escape keeps the number");
    tab_to(&app, "#wizard-next", 30).await;
    press(&app, &[Key::Enter]).await;

    // Callback information.
    step(&app, "callback").await;
    tab_to(&app, "#callbackBaseUrl", 30).await;
    type_text(&app, "https://desk.example.com").await;
    tab_to(&app, "#save-callback-base-url", 5).await;
    press(&app, &[Key::Enter]).await;
    find(&app, "#inbound-url").await;
    axe(&app, "callback information").await;
    tab_to(&app, "#wizard-next", 30).await;
    press(&app, &[Key::Enter]).await;

    // Done: Finish with Space; a status says what happened.
    step(&app, "done").await;
    axe(&app, "done").await;
    tab_to(&app, "#wizard-finish", 40).await;
    press(&app, &[Key::Space]).await;
    let row = row_of(&app, "Contoso Keyboard").await;
    assert!(!text(&app, "#app-status").await.is_empty(), "Finish is announced");
    assert_eq!(cell(&row, ".status").await, "Complete");
    axe(&app, "the accounts list with a row").await;

    // Delete asks in a dialog that traps focus; Escape closes it and focus returns.
    row.find(Locator::Css(".delete")).await.unwrap().click().await.unwrap();
    find(&app, "dialog[open]").await;
    axe(&app, "the delete dialog").await;
    for _ in 0..6 {
        press(&app, &[Key::Tab]).await;
        let inside = app.execute("return !!document.activeElement.closest('dialog[open]')", vec![]).await.unwrap();
        assert_eq!(inside, json!(true), "Tab stays in the open dialog");
    }
    press(&app, &[Key::Escape]).await;
    wait_focus(&app, ".delete").await;

    // The account page.
    row_of(&app, "Contoso Keyboard").await.find(Locator::Css("a.name")).await.unwrap().click().await.unwrap();
    find(&app, "#account-title").await;
    axe(&app, "the account page").await;

    // The leave dialog: a page that cannot be saved on the way out asks first.
    click(&app, "#nav-accounts").await;
    click(&app, "#new-account").await;
    step(&app, "channel_details").await;
    fill(&app, "#name", &"x".repeat(101)).await;
    click(&app, "#nav-settings").await;
    find(&app, "dialog[open]").await;
    axe(&app, "the leave dialog").await;
    press(&app, &[Key::Escape]).await;
    step(&app, "channel_details").await;
    find(&app, "#name-error").await;

    // Cancel asks before dropping what was typed, and leaves no draft behind.
    press(&app, &[Key::Escape]).await;
    find(&app, "dialog[open]").await;
    axe(&app, "the cancel question").await;
    click(&app, "#leave-wizard").await;
    find(&app, "#new-account").await;
    assert!(!exists(&app, "tr[data-account-id] + tr[data-account-id]").await, "cancelling created no draft");

    click(&app, "#nav-settings").await;
    find(&app, "#settings-title").await;
    axe(&app, "settings").await;

    // The window's minimum width: every screen fits with nothing cut off.
    set_width(&app, MIN_WIDTH, 700).await;
    fits(&app, "settings").await;
    click(&app, "#nav-accounts").await;
    row_of(&app, "Contoso Keyboard").await;
    fits(&app, "the accounts list").await;
    click(&app, "#new-account").await;
    step(&app, "channel_details").await;
    fits(&app, "channel details").await;
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn german_dark_reads_translated_and_switches_to_japanese_at_once() {
    isolated_home();
    let de = catalog("de");
    let ja = catalog("ja");
    let data = tempfile::tempdir().unwrap();
    let env = [("LANGUAGE", "de"), ("LANG", "de_DE.UTF-8"), ("GTK_THEME", "Adwaita:dark")];
    let driver = launch(data.path(), &env);
    let app = driver.session().await;
    let dark = app.execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![]).await.unwrap();
    assert_eq!(dark, json!(true), "GTK_THEME=Adwaita:dark gives the dark theme");
    assert_eq!(text(&app, "#accounts-title").await, de["accounts_title"]);
    axe(&app, "the accounts list, empty (dark, German)").await;
    set_width(&app, MIN_WIDTH, 760).await;
    fits(&app, "the accounts list (German)").await;

    click(&app, "#new-account").await;
    step(&app, "channel_details").await;
    assert_eq!(text(&app, "#wizard-next").await, de["wizard_next"]);
    assert_eq!(text(&app, "#wizard-title").await, de["wizard_step_channel_details"]);
    fits(&app, "channel details (German)").await;
    axe(&app, "channel details (dark, German)").await;
    fill(&app, "#name", "Contoso Kundendienst").await;
    click(&app, "#wizard-next").await;

    step(&app, "account_details").await;
    fill(&app, "#accountSid", "AC123").await;
    fill(&app, "#authToken", "geheim-0123456789abcdef").await;
    click(&app, "#wizard-next").await;
    assert_eq!(text(&app, "#accountSid-error").await, de["error_invalid_account_sid"], "the error is in German");
    fits(&app, "account details with an error (German)").await;
    axe(&app, "account details with an error (dark, German)").await;
    fill(&app, "#accountSid", SID).await;
    if !exists(&app, "#authToken").await {
        click(&app, "#replace-token").await;
    }
    fill(&app, "#authToken", "geheim-0123456789abcdef").await;
    click(&app, "#wizard-next").await;

    step(&app, "numbers").await;
    click(&app, "#add-number").await;
    fill(&app, "#numberName", "Kundendienst").await;
    fill(&app, "#number", "+49 30 901820").await;
    click(&app, "#save-number").await;
    find(&app, ".number-item").await;
    fits(&app, "WhatsApp numbers (German)").await;
    axe(&app, "WhatsApp numbers (dark, German)").await;
    click(&app, ".remove-number").await;
    find(&app, "dialog[open]").await;
    axe(&app, "the remove-number dialog (dark, German)").await;
    press(&app, &[Key::Escape]).await;
    gone(&app, "dialog[open]").await;
    wait_focus(&app, ".remove-number").await;
    set_width(&app, 1100, 760).await;
    screenshot(&app, "target/e2e/wizard-de.png").await;
    set_width(&app, MIN_WIDTH, 760).await;

    click(&app, "#wizard-next").await;
    step(&app, "callback").await;
    fits(&app, "callback information (German)").await;
    axe(&app, "callback information (dark, German)").await;
    click(&app, "#wizard-next").await;
    step(&app, "done").await;
    fits(&app, "done (German)").await;
    axe(&app, "done (dark, German)").await;
    click(&app, "#wizard-finish").await;
    let row = row_of(&app, "Contoso Kundendienst").await;
    fits(&app, "the accounts list with a row (German)").await;
    axe(&app, "the accounts list with a row (dark, German)").await;
    row.find(Locator::Css(".delete")).await.unwrap().click().await.unwrap();
    find(&app, "dialog[open]").await;
    axe(&app, "the delete dialog (dark, German)").await;
    press(&app, &[Key::Escape]).await;
    row_of(&app, "Contoso Kundendienst").await.find(Locator::Css("a.name")).await.unwrap().click().await.unwrap();
    find(&app, "#account-title").await;
    fits(&app, "the account page (German)").await;
    axe(&app, "the account page (dark, German)").await;

    // The leave dialog and the cancel question.
    click(&app, "#nav-accounts").await;
    click(&app, "#new-account").await;
    step(&app, "channel_details").await;
    fill(&app, "#name", &"x".repeat(101)).await;
    click(&app, "#nav-settings").await;
    find(&app, "dialog[open]").await;
    axe(&app, "the leave dialog (dark, German)").await;
    press(&app, &[Key::Escape]).await;
    step(&app, "channel_details").await;
    find(&app, "#name-error").await;
    click(&app, "#wizard-cancel").await;
    find(&app, "dialog[open]").await;
    axe(&app, "the cancel question (dark, German)").await;
    click(&app, "#leave-wizard").await;
    find(&app, "#new-account").await;

    // Settings: Japanese at once, without a restart, and still Japanese after one.
    click(&app, "#nav-settings").await;
    find(&app, "#settings-title").await;
    fits(&app, "settings (German)").await;
    axe(&app, "settings (dark, German)").await;
    find(&app, "#language option[value=\"ja\"]").await.click().await.unwrap();
    app.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&format!(
            "//h1[@id='settings-title' and normalize-space()='{}']",
            ja["common_settings"]
        )))
        .await
        .expect("the switch to Japanese takes effect at once");
    let lang = app.execute("return document.documentElement.lang", vec![]).await.unwrap();
    assert_eq!(lang, json!("ja"));
    app.close().await.unwrap();

    let app = driver.session().await;
    assert_eq!(text(&app, "#accounts-title").await, ja["accounts_title"], "the choice outlives a restart");
    app.close().await.unwrap();
}
