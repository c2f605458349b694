//! Links to Twilio's own web pages (an error's `moreInfo`, the Console), which the shell opens
//! in the system browser.

use url::Url;

use crate::error::{Error, Result, UrlIssue};

/// The URL, if it is an https page on twilio.com or one of its subdomains.
pub fn twilio_page(url: &str) -> Result<String> {
    let not_twilio = || Error::invalid_url("url", UrlIssue::NotTwilio);
    let url = Url::parse(url.trim()).map_err(|_| not_twilio())?;
    let host = url.host_str().unwrap_or_default();
    let on_twilio = host == "twilio.com" || host.ends_with(".twilio.com");
    if url.scheme() != "https" || !on_twilio || !url.username().is_empty() || url.password().is_some() {
        return Err(not_twilio());
    }
    Ok(url.into())
}
