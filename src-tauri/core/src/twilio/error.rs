//! Twilio's failures read into errors that keep Twilio's own code, words and page.

use serde::Deserialize;
use url::Url;

use crate::error::{Error, Result};

/// Twilio's error body. RFC 9457 bodies carry the same `code` and `status`, with `detail`.
#[derive(Deserialize, Default)]
struct TwilioError {
    code: Option<u32>,
    message: Option<String>,
    detail: Option<String>,
    more_info: Option<String>,
}

pub(super) async fn read(outcome: reqwest::Result<reqwest::Response>, url: &Url) -> Result<Vec<u8>> {
    let response = outcome.map_err(|err| transport(&err, url))?;
    let status = response.status();
    let bytes = response.bytes().await.map_err(|err| transport(&err, url))?.to_vec();
    if status.is_success() {
        return Ok(bytes);
    }
    let body: TwilioError = serde_json::from_slice(&bytes).unwrap_or_default();
    Err(api(status.as_u16(), body))
}

fn api(status: u16, body: TwilioError) -> Error {
    Error::twilio(status, body.code, body.message.or(body.detail), body.more_info)
}

fn transport(err: &reqwest::Error, url: &Url) -> Error {
    let host = url.host_str().unwrap_or("Twilio");
    if err.is_timeout() {
        Error::twilio_timeout(host)
    } else if err.is_connect() {
        Error::offline(host)
    } else {
        Error::connection_failed(host, &describe(err))
    }
}

/// A reqwest error with its causes. Credentials travel in a header; the URL it names is cut
/// to its path, since a query can hold a phone number (`?PhoneNumber=…`).
pub(super) fn describe(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    if let Some(url) = err.url() {
        text = text.replace(url.as_str(), url.path());
    }
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    text
}
