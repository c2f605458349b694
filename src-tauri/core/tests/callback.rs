use channel_desk_core::{callback, ErrorCode};

#[test]
fn base_url_must_be_https_and_loses_its_trailing_slash() {
    assert_eq!(callback::base_url(" https://desk.example.com/ ").unwrap(), "https://desk.example.com");
    assert_eq!(callback::base_url("https://example.com/hooks/").unwrap(), "https://example.com/hooks");
    let cases = [
        ("", ErrorCode::Required),
        ("http://desk.example.com", ErrorCode::InvalidUrl),
        ("desk.example.com", ErrorCode::InvalidUrl),
        ("https://desk.example.com/?a=1", ErrorCode::InvalidUrl),
        ("https://desk.example.com/#x", ErrorCode::InvalidUrl),
        ("https://user:pw@desk.example.com", ErrorCode::InvalidUrl),
    ];
    for (input, code) in cases {
        let err = callback::base_url(input).expect_err(input);
        assert_eq!((err.code, err.field.as_deref()), (code, Some("callbackBaseUrl")), "{input}: {err:?}");
    }
    let long = format!("https://example.com/{}", "a".repeat(460));
    assert_eq!(callback::base_url(&long).unwrap_err().code, ErrorCode::TooLong);
}

#[test]
fn inbound_url_joins_the_base_and_the_account_id() {
    let base = callback::base_url("https://desk.example.com/").unwrap();
    assert_eq!(
        callback::inbound_url(Some(&base), "7d1f9a52-0000-4000-8000-000000000001").unwrap(),
        "https://desk.example.com/twilio/whatsapp/7d1f9a52-0000-4000-8000-000000000001/inbound"
    );
    let err = callback::inbound_url(None, "7d1f9a52-0000-4000-8000-000000000001").unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::CallbackBaseUrlMissing, Some("callbackBaseUrl")));
}
