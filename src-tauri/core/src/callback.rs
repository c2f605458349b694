//! The Twilio inbound URL: where Twilio posts the messages that arrive on an account's numbers.

use url::Url;

use crate::error::{Error, ErrorCode, Result};

const FIELD: &str = "callbackBaseUrl";
pub const URL_MAX: usize = 500;

/// Checks a callback base URL and returns it without a trailing slash.
pub fn base_url(value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::on(ErrorCode::Required, FIELD, "Callback base URL is required."));
    }
    let invalid = |why: &str| {
        Error::on(
            ErrorCode::InvalidUrl,
            FIELD,
            format!("Callback base URL must be an https:// address such as https://desk.example.com; {why}."),
        )
    };
    let url = Url::parse(value).map_err(|_| invalid("this one is not a complete URL"))?;
    if url.scheme() != "https" {
        return Err(invalid("Twilio only posts to this tool over https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("this one has no host name"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("remove the ?query or #fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("remove the user name and password from it"));
    }
    let normalized = url.as_str().trim_end_matches('/').to_owned();
    // Leave room for the path this tool appends, so every inbound URL fits Twilio's limit.
    if normalized.len() + inbound_path("00000000-0000-0000-0000-000000000000").len() > URL_MAX {
        return Err(Error::on(
            ErrorCode::TooLong,
            FIELD,
            format!("Callback base URL is too long: inbound URLs can be at most {URL_MAX} characters."),
        ));
    }
    Ok(normalized)
}

/// The inbound URL of one account, from the checked base URL in Settings, if one is set.
pub fn inbound_url(base: Option<&str>, account_id: &str) -> Result<String> {
    let base = base.ok_or_else(|| {
        Error::on(
            ErrorCode::CallbackBaseUrlMissing,
            FIELD,
            "Set the callback base URL first: the https:// address where this desk receives Twilio's messages.",
        )
    })?;
    Ok(format!("{base}{}", inbound_path(account_id)))
}

fn inbound_path(account_id: &str) -> String {
    format!("/twilio/whatsapp/{account_id}/inbound")
}
