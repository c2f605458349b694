//! The Twilio inbound URL: where Twilio posts the messages that arrive on an account's numbers,
//! built from the callback base URL in Settings.

use url::Url;

use crate::error::{Error, Result, UrlIssue};

const FIELD: &str = "callbackBaseUrl";
/// The longest URL Twilio takes.
pub const URL_MAX: usize = 500;

/// Checks a callback base URL and returns it without a trailing slash.
pub fn base_url(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::required(FIELD));
    }
    let invalid = |issue| Error::invalid_url(FIELD, issue);
    let url = Url::parse(value).map_err(|_| invalid(UrlIssue::NotAUrl))?;
    if url.scheme() != "https" {
        return Err(invalid(UrlIssue::NotHttps));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(UrlIssue::NoHost));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(UrlIssue::QueryOrFragment));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(UrlIssue::UserInfo));
    }
    let normalized = url.as_str().trim_end_matches('/').to_owned();
    // Leave room for the path this tool appends, so every inbound URL fits Twilio's limit.
    let max = URL_MAX - inbound_path("00000000-0000-0000-0000-000000000000").len();
    if normalized.len() > max {
        return Err(Error::too_long(FIELD, max, normalized.len()));
    }
    Ok(normalized)
}

/// The inbound URL of one account, from the checked base URL in Settings, if one is set.
pub fn inbound_url(base: Option<&str>, account_id: &str) -> Result<String> {
    let base = base.ok_or_else(Error::callback_base_url_missing)?;
    Ok(format!("{base}{}", inbound_path(account_id)))
}

fn inbound_path(account_id: &str) -> String {
    format!("/twilio/whatsapp/{account_id}/inbound")
}
