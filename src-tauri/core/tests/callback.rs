use channel_desk_core::{callback, ErrorCode};
use serde_json::json;

#[test]
fn base_url_must_be_https_and_loses_its_trailing_slash() {
    assert_eq!(callback::base_url(" https://desk.example.com/ ").unwrap(), "https://desk.example.com");
    assert_eq!(callback::base_url("https://example.com/hooks/").unwrap(), "https://example.com/hooks");
    let cases = [
        ("", ErrorCode::Required, json!({})),
        ("http://desk.example.com", ErrorCode::InvalidUrl, json!({"reason": "not_https"})),
        ("desk.example.com", ErrorCode::InvalidUrl, json!({"reason": "not_a_url"})),
        ("https://desk.example.com/?a=1", ErrorCode::InvalidUrl, json!({"reason": "query_or_fragment"})),
        ("https://desk.example.com/#x", ErrorCode::InvalidUrl, json!({"reason": "query_or_fragment"})),
        ("https://user:pw@desk.example.com", ErrorCode::InvalidUrl, json!({"reason": "user_info"})),
    ];
    for (input, code, params) in cases {
        let err = callback::base_url(input).expect_err(input);
        assert_eq!((err.code, err.field.as_deref()), (code, Some("callbackBaseUrl")), "{input}: {err:?}");
        assert_eq!(serde_json::to_value(&err.params).unwrap(), params, "{input}");
    }
    let long = format!("https://example.com/{}", "a".repeat(460));
    let err = callback::base_url(&long).unwrap_err();
    assert_eq!(err.code, ErrorCode::TooLong);
    let max =
        callback::URL_MAX - callback::inbound_url(Some(""), "00000000-0000-0000-0000-000000000000").unwrap().len();
    assert_eq!(
        serde_json::to_value(&err.params).unwrap(),
        json!({"max": max, "actual": long.len()}),
        "the longest base whose inbound URLs fit Twilio's limit"
    );
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
