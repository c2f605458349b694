//! Twilio's failures, in Twilio's terms plus what the user can do about them.

use serde::Deserialize;
use url::Url;

use crate::error::{Error, ErrorCode, Result};

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
    let said = body.message.or(body.detail).unwrap_or_else(|| format!("HTTP {status}"));
    let code = body.code;
    let twilio = match code {
        Some(code) => format!("Twilio error {code}: {said}"),
        None => format!("Twilio answered HTTP {status}: {said}"),
    };
    let link = body.more_info.map(|url| format!(" More: {url}")).unwrap_or_default();
    let (ours, what) = match (status, code) {
        (401, _) | (_, Some(20003)) => (
            ErrorCode::TwilioAuthFailed,
            "Twilio refused these credentials. Check the Account SID and the Auth token (or the API key SID and \
             secret) under Account Info in the Twilio Console; a rotated token, a deleted key or a stray space \
             fails this way.",
        ),
        (404, _) | (_, Some(20404)) => (
            ErrorCode::TwilioNotFound,
            "Twilio has no such resource on this account. Check that the SID belongs to this account and was not deleted.",
        ),
        (429, _) | (_, Some(20429)) => (
            ErrorCode::TwilioRateLimited,
            "Twilio is limiting how fast this account can make requests. Wait a minute and try again.",
        ),
        (500..=599, _) => (ErrorCode::TwilioUnavailable, "Twilio is having trouble right now. Try again in a few minutes."),
        _ => (ErrorCode::TwilioRejected, "Twilio refused the request."),
    };
    Error::new(ours, format!("{what} ({twilio}){link}"))
}

fn transport(err: &reqwest::Error, url: &Url) -> Error {
    let host = url.host_str().unwrap_or("Twilio");
    if err.is_timeout() {
        return Error::new(
            ErrorCode::TwilioTimeout,
            format!("{host} did not answer in time. Nothing was assumed; try again when the connection is better."),
        );
    }
    if err.is_connect() {
        return Error::new(
            ErrorCode::Offline,
            format!("Could not reach {host}: this computer seems to be offline. Your work is saved; check again once online."),
        );
    }
    Error::new(ErrorCode::TwilioUnavailable, format!("The connection to {host} failed: {}.", describe(err)))
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

pub(super) fn bad_response(err: &dyn std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::TwilioBadResponse,
        format!("Twilio sent an answer this tool could not read ({err}). Nothing was changed; try again later."),
    )
}

pub(super) fn config(what: &str, err: &dyn std::fmt::Display) -> Error {
    Error::new(ErrorCode::InvalidUrl, format!("{what} is not usable: {err}."))
}
