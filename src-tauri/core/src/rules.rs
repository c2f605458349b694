//! The rules for every field the user types, each returning the cleaned value or an error
//! that names the field and the rule.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, NumberIssue, Result};

pub const NAME_MAX: usize = 100;

pub fn account_name(value: &str) -> Result<String> {
    name("name", value)
}

pub fn number_name(value: &str) -> Result<String> {
    name("numberName", value)
}

/// What name uniqueness compares: the NFC form, case-folded in every script, with the Turkish
/// dotted and dotless i taken as the same letter, so `Ärger`/`ärger` and `ÇAĞRI`/`çağrı` clash.
pub fn name_key(name: &str) -> String {
    let folded = caseless::default_case_fold_str(&name.nfc().collect::<String>());
    folded.replace("i\u{307}", "i").replace('\u{131}', "i").nfc().collect()
}

/// A name, trimmed and NFC-normalized, at most [`NAME_MAX`] characters.
fn name(field: &str, value: &str) -> Result<String> {
    let value: String = value.trim().nfc().collect();
    if value.is_empty() {
        return Err(Error::required(field));
    }
    let len = value.chars().count();
    if len > NAME_MAX {
        return Err(Error::too_long(field, NAME_MAX, len));
    }
    Ok(value)
}

/// A Twilio Account SID: `AC` followed by 32 hexadecimal digits.
pub fn account_sid(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::required("accountSid"));
    }
    if !is_sid(value, "AC") {
        return Err(Error::invalid_account_sid());
    }
    Ok(value.to_owned())
}

/// A Twilio API key SID: `SK` followed by 32 hexadecimal digits.
pub fn api_key_sid(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::required("apiKeySid"));
    }
    if !is_sid(value, "SK") {
        return Err(Error::invalid_api_key_sid());
    }
    Ok(value.to_owned())
}

/// An Auth token (`authToken`) or API key secret (`apiKeySecret`): required, and returned
/// without the spaces or line break a paste brings along.
pub fn secret(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::required(field));
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
        return Err(Error::required("number"));
    }
    if !value.starts_with('+') {
        return Err(Error::invalid_phone_number(NumberIssue::NoPlus));
    }
    if value.chars().any(char::is_alphabetic) {
        return Err(Error::invalid_phone_number(NumberIssue::Letters));
    }
    let parsed = phonenumber::parse(None, value).map_err(|_| Error::invalid_phone_number(NumberIssue::Unreadable))?;
    if !parsed.is_valid() {
        return Err(Error::invalid_phone_number(NumberIssue::NotValidForCountry));
    }
    Ok(parsed.format().mode(phonenumber::Mode::E164).to_string())
}
