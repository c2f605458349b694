use channel_desk_core::{links, ErrorCode};
use serde_json::json;

#[test]
fn only_https_pages_on_twilio_com_open() {
    for url in [
        "https://www.twilio.com/docs/errors/20003",
        "https://twilio.com/console",
        "https://console.twilio.com/us1/develop/sms/try-it-out/whatsapp-learn",
        " https://WWW.Twilio.com/docs/errors/20003 ",
    ] {
        assert!(links::twilio_page(url).is_ok(), "{url}");
    }
    assert_eq!(
        links::twilio_page(" https://WWW.Twilio.com/docs/errors/20003 ").unwrap(),
        "https://www.twilio.com/docs/errors/20003"
    );
    for url in [
        "http://www.twilio.com/docs/errors/20003",
        "https://twilio.com.example.com/docs",
        "https://eviltwilio.com/docs",
        "https://example.com/?next=https://www.twilio.com",
        "https://user:pw@www.twilio.com/docs",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "www.twilio.com/docs",
        "",
    ] {
        let err = links::twilio_page(url).expect_err(url);
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidUrl, Some("url")), "{url}");
        assert_eq!(serde_json::to_value(&err.params).unwrap(), json!({"reason": "not_twilio"}), "{url}");
    }
}
