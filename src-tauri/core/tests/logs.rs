//! Phone numbers stay out of log lines and out of error text that shows a request's URL.

mod common;

use std::sync::Mutex;
use std::time::Duration;

use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::{inbound, ErrorCode};
use common::{channel, details, fixture, number};
use fake_twilio::{FakeTwilio, Fault};

static LINES: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct Recorder;

impl log::Log for Recorder {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        LINES.lock().unwrap().push(record.args().to_string());
    }
    fn flush(&self) {}
}

#[tokio::test]
async fn a_failed_number_lookup_logs_and_says_no_phone_number() {
    log::set_logger(&Recorder).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    let fake = FakeTwilio::start().await;
    let twilio_account = fake.add_account("Contoso Prod", "active", "Full");
    let f = fixture().await;
    f.settings.set_callback_base_url("https://desk.example.com").await.unwrap();
    let id = f.accounts.create_draft(channel("Contoso")).await.unwrap().id;
    f.accounts.save_account_details(&id, details(&twilio_account.sid, Some(&twilio_account.auth_token))).await.unwrap();
    // Not a WhatsApp sender, so its route is looked up by its number.
    f.accounts.add_number(&id, number("Support", "+14155550100")).await.unwrap();
    let path = format!("/2010-04-01/Accounts/{}/IncomingPhoneNumbers", twilio_account.sid);
    fake.fail_next("GET", &path, Fault::Delay(Duration::from_secs(3)));
    let timing = Timing { request_timeout: Duration::from_millis(300), attempts: 1, ..Timing::default() };
    let twilio = Twilio::new(BaseUrls::all_at(&fake.url()).unwrap(), timing).unwrap();

    let err = inbound::routes(&f.accounts, &twilio, &id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::TwilioTimeout, "{err:?}");
    let lines = LINES.lock().unwrap().clone();
    assert!(lines.iter().any(|l| l.contains("IncomingPhoneNumbers")), "the failed request was logged: {lines:#?}");
    for text in lines.iter().chain([&err.message]) {
        assert!(!text.contains("4155550100"), "a phone number reached the text: {text}");
    }
}
