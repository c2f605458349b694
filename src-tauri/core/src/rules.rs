//! The rules for every field the user types, each returning the cleaned value or an error
//! that names the field and the rule.

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, NumberIssue, Result, UrlIssue};

pub const NAME_MAX: usize = 100;

pub fn account_name(value: &str) -> Result<String> {
    name("name", value)
}

pub fn number_name(value: &str) -> Result<String> {
    name("numberName", value)
}

pub fn workstream_name(value: &str) -> Result<String> {
    name("workstreamName", value)
}

/// What name uniqueness compares: the NFC form, case-folded in every script, with the Turkish
/// dotted and dotless i taken as the same letter, so `Ärger`/`ärger` and `ÇAĞRI`/`çağrı` clash.
pub fn name_key(name: &str) -> String {
    let folded = caseless::default_case_fold_str(&name.nfc().collect::<String>());
    folded.replace("i\u{307}", "i").replace('\u{131}', "i").nfc().collect()
}

/// A name on `field`, trimmed and NFC-normalized, at most [`NAME_MAX`] characters.
pub fn name(field: &str, value: &str) -> Result<String> {
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

/// Required text, trimmed and NFC-normalized, at most `max` characters.
pub fn text(field: &str, value: &str, max: usize) -> Result<String> {
    optional_text(field, value, max)?.ok_or_else(|| Error::required(field))
}

/// Optional text, trimmed and NFC-normalized, at most `max` characters; blank is `None`.
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<Option<String>> {
    let value: String = value.trim().nfc().collect();
    if value.is_empty() {
        return Ok(None);
    }
    let len = value.chars().count();
    if len > max {
        return Err(Error::too_long(field, max, len));
    }
    Ok(Some(value))
}

/// A whole number from `min` to `max`.
pub fn whole(field: &str, value: i32, min: i32, max: i32) -> Result<i32> {
    if !(min..=max).contains(&value) {
        return Err(Error::out_of_range(field, min.into(), max.into(), value.into()));
    }
    Ok(value)
}

/// The only placeholders an automated message may hold.
pub const PLACEHOLDERS: [&str; 2] = ["{AgentName}", "{QueueName}"];

/// An automated message: required, at most [`AUTOMATED_MESSAGE_MAX`] characters, with no
/// `{…}` but [`PLACEHOLDERS`] (exactly as written there).
pub fn automated_message(field: &str, value: &str) -> Result<String> {
    let value = text(field, value, AUTOMATED_MESSAGE_MAX)?;
    let mut rest = value.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open..];
        let Some(close) = after[1..].find(['{', '}']) else { break };
        if after.as_bytes()[close + 1] == b'{' {
            rest = &after[close + 1..];
            continue;
        }
        let placeholder = &after[..close + 2];
        if !PLACEHOLDERS.contains(&placeholder) {
            return Err(Error::unknown_placeholder(field, placeholder));
        }
        rest = &after[close + 2..];
    }
    Ok(value)
}

pub const AUTOMATED_MESSAGE_MAX: usize = 1000;
pub const QUICK_REPLY_TEXT_MAX: usize = 1000;
pub const SURVEY_REFERENCE_MAX: usize = 500;
pub const SURVEY_MESSAGE_MAX: usize = 200;
/// WhatsApp's limit on a template's body.
pub const TEMPLATE_TEXT_MAX: usize = 1024;

/// A Twilio Content SID: `HX` followed by 32 hexadecimal digits, trimmed.
pub fn content_sid(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::required(field));
    }
    if !is_sid(value, "HX") {
        return Err(Error::invalid_content_sid(field));
    }
    Ok(value.to_owned())
}

/// A survey's name, or its link: a link (anything with `://`, or starting `www.`) must be a
/// complete https:// URL.
pub fn survey_reference(value: &str) -> Result<String> {
    let field = "surveyReference";
    let value = text(field, value, SURVEY_REFERENCE_MAX)?;
    let lower = value.to_lowercase();
    if !lower.contains("://") && !lower.starts_with("www.") {
        return Ok(value);
    }
    if !lower.starts_with("https://") {
        return Err(Error::survey_url(UrlIssue::NotHttps));
    }
    match url::Url::parse(&value) {
        Ok(url) if url.host_str().is_some_and(|h| !h.is_empty()) && !value.contains(char::is_whitespace) => Ok(value),
        _ => Err(Error::survey_url(UrlIssue::NotAUrl)),
    }
}
