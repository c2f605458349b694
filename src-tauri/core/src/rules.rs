//! The rules for every field the user types, each returning the cleaned value or an error
//! that names the field and the rule.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, ErrorCode, Result};

pub const NAME_MAX: usize = 100;

pub fn account_name(value: &str) -> Result<String> {
    name("name", "Account name", value)
}

pub fn number_name(value: &str) -> Result<String> {
    name("numberName", "Number name", value)
}

/// What name uniqueness compares: the NFC form, case-folded in every script, with the Turkish
/// dotted and dotless i taken as the same letter, so `Ärger`/`ärger` and `ÇAĞRI`/`çağrı` clash.
pub fn name_key(name: &str) -> String {
    let folded = caseless::default_case_fold_str(&name.nfc().collect::<String>());
    folded.replace("i\u{307}", "i").replace('\u{131}', "i").nfc().collect()
}

/// A name, trimmed and NFC-normalized, at most [`NAME_MAX`] characters.
fn name(field: &str, label: &str, value: &str) -> Result<String> {
    let value: String = value.trim().nfc().collect();
    if value.is_empty() {
        return Err(Error::on(ErrorCode::Required, field, format!("{label} is required.")));
    }
    let len = value.chars().count();
    if len > NAME_MAX {
        return Err(Error::on(
            ErrorCode::TooLong,
            field,
            format!("{label} can be at most {NAME_MAX} characters; this one has {len}."),
        ));
    }
    Ok(value)
}

/// A Twilio Account SID: `AC` followed by 32 hexadecimal digits.
pub fn account_sid(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::on(ErrorCode::Required, "accountSid", "Account SID is required."));
    }
    if !is_sid(value, "AC") {
        return Err(Error::on(
            ErrorCode::InvalidAccountSid,
            "accountSid",
            "Account SID must be AC followed by 32 hexadecimal digits (34 characters). \
             Copy it from the Twilio Console's Account Info panel.",
        ));
    }
    Ok(value.to_owned())
}

/// A Twilio API key SID: `SK` followed by 32 hexadecimal digits.
pub fn api_key_sid(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::on(ErrorCode::Required, "apiKeySid", "API key SID is required."));
    }
    if !is_sid(value, "SK") {
        return Err(Error::on(
            ErrorCode::InvalidApiKeySid,
            "apiKeySid",
            "API key SID must be SK followed by 32 hexadecimal digits (34 characters). \
             Create or find it in the Twilio Console under Account → API keys & tokens.",
        ));
    }
    Ok(value.to_owned())
}

/// An Auth token (`authToken`) or API key secret (`apiKeySecret`): required, and returned
/// without the spaces or line break a paste brings along.
pub fn secret(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        let label = if field == "apiKeySecret" { "API key secret" } else { "Auth token" };
        return Err(Error::on(ErrorCode::Required, field, format!("{label} is required.")));
    }
    Ok(value.to_owned())
}

fn is_sid(value: &str, prefix: &str) -> bool {
    value.strip_prefix(prefix).is_some_and(|hex| hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A WhatsApp number in E.164, returned normalized (`+14155238886`). A `whatsapp:` prefix, as
/// Twilio writes sender addresses, is dropped; letters are refused rather than read as a vanity
/// number's digits.
pub fn phone_number(value: &str) -> Result<String> {
    let value = value.trim();
    let value = match value.get(..9) {
        Some(prefix) if prefix.eq_ignore_ascii_case("whatsapp:") => value[9..].trim(),
        _ => value,
    };
    if value.is_empty() {
        return Err(Error::on(ErrorCode::Required, "number", "Number is required."));
    }
    let invalid = |why: &str| {
        Error::on(
            ErrorCode::InvalidPhoneNumber,
            "number",
            format!("Number must be in international format with a leading +, such as +14155238886; {why}."),
        )
    };
    if !value.starts_with('+') {
        return Err(invalid("this one has no leading +"));
    }
    if value.chars().any(char::is_alphabetic) {
        return Err(invalid("this one has letters in it; type the digits"));
    }
    let parsed =
        phonenumber::parse(None, value).map_err(|_| invalid("this one could not be read as a phone number"))?;
    if !parsed.is_valid() {
        return Err(invalid("this one is not a valid number for its country code"));
    }
    Ok(parsed.format().mode(phonenumber::Mode::E164).to_string())
}
