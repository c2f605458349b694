use channel_desk_core::rules;
use channel_desk_core::{Error, ErrorCode};
use serde_json::{json, Value};

fn fails(result: Result<impl std::fmt::Debug, Error>, code: ErrorCode, field: &str) -> Error {
    let err = result.expect_err("expected a validation error");
    assert_eq!(err.code, code, "{err:?}");
    assert_eq!(err.field.as_deref(), Some(field), "{err:?}");
    err
}

/// The error's params, as they cross IPC.
fn params(err: &Error) -> Value {
    serde_json::to_value(&err.params).unwrap()
}

#[test]
fn account_name_is_required_trimmed_and_at_most_100_characters() {
    assert_eq!(rules::account_name("  Contoso support ").unwrap(), "Contoso support");
    let err = fails(rules::account_name("   "), ErrorCode::Required, "name");
    assert_eq!(params(&err), json!({}), "the field says what is required");
    assert!(err.message.contains("Account name is required"), "{}", err.message);
    assert_eq!(rules::account_name(&"é".repeat(100)).unwrap().chars().count(), 100);
    let err = fails(rules::account_name(&"é".repeat(101)), ErrorCode::TooLong, "name");
    assert_eq!(params(&err), json!({"max": 100, "actual": 101}));
    assert!(err.message.contains("at most 100") && err.message.contains("101"), "{}", err.message);
}

#[test]
fn number_name_has_the_same_rules_on_its_own_field() {
    assert_eq!(rules::number_name(" Sales ").unwrap(), "Sales");
    fails(rules::number_name(""), ErrorCode::Required, "numberName");
    fails(rules::number_name(&"x".repeat(101)), ErrorCode::TooLong, "numberName");
}

#[test]
fn account_sid_is_ac_and_32_hex_digits() {
    let sid = "AC0123456789abcdef0123456789ABCDEF";
    assert_eq!(rules::account_sid(&format!(" {sid}\n")).unwrap(), sid);
    fails(rules::account_sid(""), ErrorCode::Required, "accountSid");
    for bad in [
        "AC0123456789abcdef0123456789abcde",   // 33 characters
        "AC0123456789abcdef0123456789abcdef0", // 35 characters
        "ac0123456789abcdef0123456789abcdef",  // lower-case prefix
        "SK0123456789abcdef0123456789abcdef",  // an API key SID
        "AC0123456789abcdef0123456789abcdeg",  // not hex
        "AC0123456789abcdef01234567é9abcdef",  // multi-byte
    ] {
        let err = fails(rules::account_sid(bad), ErrorCode::InvalidAccountSid, "accountSid");
        assert!(err.message.contains("AC followed by 32 hexadecimal digits"), "{}", err.message);
    }
}

#[test]
fn secrets_are_required_on_their_own_field_and_lose_pasted_whitespace() {
    assert_eq!(rules::secret("authToken", " secret\n").unwrap(), "secret");
    assert!(fails(rules::secret("authToken", " \t"), ErrorCode::Required, "authToken").message.contains("Auth token"));
    let err = fails(rules::secret("apiKeySecret", ""), ErrorCode::Required, "apiKeySecret");
    assert!(err.message.contains("API key secret"), "{}", err.message);
}

#[test]
fn api_key_sid_is_sk_and_32_hex_digits() {
    let sid = "SK0123456789abcdef0123456789ABCDEF";
    assert_eq!(rules::api_key_sid(&format!(" {sid} ")).unwrap(), sid);
    fails(rules::api_key_sid(""), ErrorCode::Required, "apiKeySid");
    for bad in ["AC0123456789abcdef0123456789abcdef", "SK0123", "sk0123456789abcdef0123456789abcdef"] {
        let err = fails(rules::api_key_sid(bad), ErrorCode::InvalidApiKeySid, "apiKeySid");
        assert!(err.message.contains("SK followed by 32 hexadecimal digits"), "{}", err.message);
    }
}

#[test]
fn phone_numbers_are_e164_with_a_plus_and_come_back_normalized() {
    assert_eq!(rules::phone_number("+1 415 523 8886").unwrap(), "+14155238886");
    assert_eq!(rules::phone_number("+44 (0)20 7946 0018").unwrap(), "+442079460018");
    assert_eq!(rules::phone_number(" +49-30-901820 ").unwrap(), "+4930901820");
    fails(rules::phone_number(""), ErrorCode::Required, "number");
    let no_plus = fails(rules::phone_number("14155238886"), ErrorCode::InvalidPhoneNumber, "number");
    assert_eq!(params(&no_plus), json!({"reason": "no_plus"}));
    assert!(no_plus.message.contains("leading +"), "{}", no_plus.message);
    let short = fails(rules::phone_number("+1 415 523"), ErrorCode::InvalidPhoneNumber, "number");
    assert_eq!(params(&short), json!({"reason": "not_valid_for_country"}));
    fails(rules::phone_number("+hello"), ErrorCode::InvalidPhoneNumber, "number");
    let unknown = fails(rules::phone_number("+999 1234 5678"), ErrorCode::InvalidPhoneNumber, "number");
    assert_eq!(params(&unknown), json!({"reason": "unreadable"}));
}

#[test]
fn letters_in_a_number_are_refused_and_a_whatsapp_prefix_is_dropped() {
    let err = fails(rules::phone_number("+1 800 FLOWERS"), ErrorCode::InvalidPhoneNumber, "number");
    assert_eq!(params(&err), json!({"reason": "letters"}));
    assert!(err.message.contains("letters"), "{}", err.message);
    fails(rules::phone_number("+1415523888six"), ErrorCode::InvalidPhoneNumber, "number");
    assert_eq!(rules::phone_number("whatsapp:+14155238886").unwrap(), "+14155238886");
    assert_eq!(rules::phone_number(" WhatsApp: +1 415 523 8886").unwrap(), "+14155238886");
}

#[test]
fn name_keys_fold_case_in_every_script() {
    let same = [
        ("Ärger", "ärger"),
        ("ÇAĞRI", "çağrı"),
        ("İstanbul", "istanbul"),
        ("Straße", "STRASSE"),
        ("ΣΊΣΥΦΟΣ", "σίσυφος"),
    ];
    for (a, b) in same {
        assert_eq!(rules::name_key(a), rules::name_key(b), "{a} and {b}");
    }
    // The same letter typed precomposed and decomposed is the same name.
    assert_eq!(rules::name_key("Ärger"), rules::name_key("A\u{308}rger"));
    assert_eq!(rules::account_name("A\u{308}rger").unwrap(), "Ärger", "names are stored NFC");
    assert_ne!(rules::name_key("Contoso"), rules::name_key("Contoso EU"));
}

#[test]
fn an_error_crosses_ipc_as_code_field_params_and_more() {
    let err = rules::account_name(&"x".repeat(101)).unwrap_err();
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(
        (&json["code"], &json["field"], &json["params"], &json["more"]),
        (&json!("too_long"), &json!("name"), &json!({"max": 100, "actual": 101}), &json!([]))
    );
    assert!(json.get("message").is_none(), "English stays in Rust, for logs");
}

#[test]
fn an_error_and_its_more_carry_exactly_code_field_params_and_more() {
    let err = Error::all([Error::required("name"), Error::too_long("numberName", 100, 101)]).unwrap();
    assert!(!err.message.is_empty() && !err.more[0].message.is_empty(), "Rust keeps its English");
    let json = serde_json::to_value(&err).unwrap();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<std::collections::BTreeSet<_>>();
    assert_eq!(keys(&json), ["code", "field", "more", "params"].map(String::from).into());
    assert_eq!(keys(&json["more"][0]), ["code", "field", "more", "params"].map(String::from).into());
}
