//! Twilio's REST API: one client for its three hosts, Basic auth, retries that only repeat
//! what is safe to repeat, pagination that follows Twilio's own next links, and Twilio's
//! errors turned into ones the user can act on.

mod content;
mod error;
mod resources;

use std::collections::HashSet;
use std::marker::PhantomData;
use std::time::Duration;

use reqwest::header::{HeaderMap, ACCEPT, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use url::Url;

pub use content::{
    Action, ActionType, ApprovalStatus, ButtonsType, CardType, Content, ContentAndApproval, ContentTypes,
    CreatedContent, MediaType, NewContent, TextType, WhatsAppApproval,
};
pub use resources::{
    ChannelsSender, IncomingPhoneNumber, MessagingService, SenderWebhook, ServiceChannelSender, ServicePhoneNumber,
    TwilioAccount,
};

use crate::error::{Error, Result, UrlIssue};
use crate::secrets::Secret;

/// The three Twilio hosts this tool talks to. Each can be pointed elsewhere, for tests.
#[derive(Debug, Clone)]
pub struct BaseUrls {
    pub api: Url,
    pub content: Url,
    pub messaging: Url,
}

impl Default for BaseUrls {
    fn default() -> Self {
        let parse = |s: &str| Url::parse(s).expect("Twilio's host is a valid URL");
        Self {
            api: parse("https://api.twilio.com"),
            content: parse("https://content.twilio.com"),
            messaging: parse("https://messaging.twilio.com"),
        }
    }
}

impl BaseUrls {
    /// Twilio's hosts, each replaced by `CHANNEL_DESK_TWILIO_{API,CONTENT,MESSAGING}_URL` when set.
    pub fn from_env() -> Result<Self> {
        let mut urls = Self::default();
        for (var, slot) in [
            ("CHANNEL_DESK_TWILIO_API_URL", &mut urls.api),
            ("CHANNEL_DESK_TWILIO_CONTENT_URL", &mut urls.content),
            ("CHANNEL_DESK_TWILIO_MESSAGING_URL", &mut urls.messaging),
        ] {
            if let Ok(value) = std::env::var(var) {
                *slot = Url::parse(&value).map_err(|err| Error::invalid_host_override(var, UrlIssue::NotAUrl, &err))?;
                // Credentials travel to this host: plain http only to this machine.
                let loopback = slot.host_str().is_some_and(|h| h == "localhost" || h == "127.0.0.1" || h == "[::1]");
                if slot.scheme() != "https" && !(slot.scheme() == "http" && loopback) {
                    return Err(Error::invalid_host_override(var, UrlIssue::NotHttps, &value));
                }
            }
        }
        Ok(urls)
    }

    /// All three hosts at one address, as a test server serves them.
    pub fn all_at(url: &str) -> Result<Self> {
        let url = Url::parse(url).map_err(|err| Error::invalid_host_override("base URL", UrlIssue::NotAUrl, &err))?;
        Ok(Self { api: url.clone(), content: url.clone(), messaging: url })
    }
}

/// Who the requests are made as: the account's SID with its Auth token, or an API key.
pub struct Credentials {
    /// The `AC…` SID, which Twilio's paths name even when an API key signs the request.
    pub account_sid: String,
    pub username: String,
    pub password: Secret,
}

impl Credentials {
    /// Whether an API key signs the requests, rather than the account's Auth token.
    pub fn is_api_key(&self) -> bool {
        self.username != self.account_sid
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("account_sid", &self.account_sid).field("username", &self.username).finish()
    }
}

#[derive(Debug, Clone)]
pub struct Timing {
    pub request_timeout: Duration,
    pub connect_timeout: Duration,
    /// Tries in all, the first included.
    pub attempts: u32,
    pub first_backoff: Duration,
    /// The longest wait between tries, whatever `Retry-After` asks for.
    pub max_backoff: Duration,
    /// How long to keep reading a sender after Twilio accepted (202) a change to it, until the
    /// change shows.
    pub accepted_wait: Duration,
    /// How long to wait between those reads.
    pub accepted_poll: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            request_timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            attempts: 4,
            first_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(10),
            accepted_wait: Duration::from_secs(10),
            accepted_poll: Duration::from_secs(1),
        }
    }
}

#[derive(Clone, Copy)]
enum Host {
    Api,
    Messaging,
}

/// Whether a request may be sent again after a failure that leaves its effect unknown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repeat {
    /// A read: repeat after 429, 5xx or a timeout. A failed connection is not repeated: it
    /// means offline, which the user is told at once.
    Safe,
    /// A write: repeat only after 429, which Twilio answers before doing anything.
    OnlyIfRefused,
}

enum Body<'a> {
    Empty,
    Form(&'a [(&'a str, &'a str)]),
    Json(serde_json::Value),
}

pub struct Twilio {
    http: reqwest::Client,
    base: BaseUrls,
    timing: Timing,
}

impl Twilio {
    pub fn new(base: BaseUrls, timing: Timing) -> Result<Self> {
        let http = reqwest::Client::builder()
            .user_agent(concat!("channel-desk/", env!("CARGO_PKG_VERSION")))
            .timeout(timing.request_timeout)
            .connect_timeout(timing.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| Error::connection_failed(base.api.host_str().unwrap_or("Twilio"), &err))?;
        Ok(Self { http, base, timing })
    }

    fn url(&self, host: Host, path: &str) -> Url {
        let base = match host {
            Host::Api => &self.base.api,
            Host::Messaging => &self.base.messaging,
        };
        let mut url = base.clone();
        url.set_path(path);
        url
    }

    async fn get<T: DeserializeOwned>(&self, creds: &Credentials, url: Url) -> Result<T> {
        let bytes = self.send(creds, Method::GET, url, Body::Empty, Repeat::Safe).await?;
        serde_json::from_slice(&bytes).map_err(|err| Error::twilio_bad_response(&err))
    }

    /// A write. Its answer is not read: what Twilio now holds is read back by the caller.
    async fn post(&self, creds: &Credentials, url: Url, body: Body<'_>) -> Result<()> {
        self.send(creds, Method::POST, url, body, Repeat::OnlyIfRefused).await.map(drop)
    }

    /// Every item of a list, following Twilio's next links (re-based onto our host) until
    /// there is none. A link to a page already read ends the walk rather than looping for ever.
    async fn list<T: DeserializeOwned>(&self, creds: &Credentials, first: Url, key: &str) -> Result<Vec<T>> {
        let mut pages = Pages::new(self, creds, first, key);
        let mut items = Vec::new();
        while let Some(batch) = pages.next().await? {
            items.extend(batch);
        }
        Ok(items)
    }

    async fn send(
        &self,
        creds: &Credentials,
        method: Method,
        url: Url,
        body: Body<'_>,
        repeat: Repeat,
    ) -> Result<Vec<u8>> {
        let mut attempt = 1;
        loop {
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .basic_auth(&creds.username, Some(creds.password.expose()))
                .header(ACCEPT, "application/json");
            request = match &body {
                Body::Empty => request,
                Body::Form(fields) => request.form(fields),
                Body::Json(json) => request.json(json),
            };
            let outcome = request.send().await;
            let retry_after = match &outcome {
                Ok(response) => {
                    let status = response.status();
                    log::info!("twilio {method} {} -> {}", url.path(), status.as_u16());
                    let again =
                        status == StatusCode::TOO_MANY_REQUESTS || (status.is_server_error() && repeat == Repeat::Safe);
                    again.then(|| retry_after(response.headers()))
                }
                Err(err) => {
                    log::warn!("twilio {method} {} failed: {}", url.path(), error::describe(err));
                    (err.is_timeout() && repeat == Repeat::Safe).then_some(None)
                }
            };
            let backoff = self.timing.first_backoff * 2u32.pow(attempt - 1);
            match retry_after.map(|asked| asked.unwrap_or(backoff)) {
                // Waiting longer than Twilio asks is fine; retrying sooner is not, so give up then.
                Some(wait) if attempt < self.timing.attempts && wait <= self.timing.max_backoff => {
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => return error::read(outcome, &url).await,
            }
        }
    }
}

/// A list read one page at a time, for a caller that reports progress or stops between pages: the
/// walk [`Twilio::list`] makes, a page per call to [`Pages::next`].
pub struct Pages<'a, T> {
    twilio: &'a Twilio,
    creds: &'a Credentials,
    key: String,
    /// The next page to read; `None` once the last one was read.
    next: Option<Url>,
    seen: HashSet<String>,
    item: PhantomData<T>,
}

impl<'a, T: DeserializeOwned> Pages<'a, T> {
    fn new(twilio: &'a Twilio, creds: &'a Credentials, first: Url, key: &str) -> Self {
        Self { twilio, creds, key: key.to_owned(), next: Some(first), seen: HashSet::new(), item: PhantomData }
    }

    /// The next page's items, or `None` when the list has no more pages.
    pub async fn next(&mut self) -> Result<Option<Vec<T>>> {
        let Some(url) = self.next.take() else { return Ok(None) };
        self.seen.insert(page_id(&url));
        let bytes = self.twilio.send(self.creds, Method::GET, url.clone(), Body::Empty, Repeat::Safe).await?;
        let mut json = serde_json::Deserializer::from_slice(&bytes);
        let (items, page) = PageSeed { key: &self.key, item: PhantomData }
            .deserialize(&mut json)
            .and_then(|page| json.end().map(|()| page))
            .map_err(|err| Error::twilio_bad_response(&err))?;
        let link = |pointer: &str| page.pointer(pointer).and_then(serde_json::Value::as_str).filter(|s| !s.is_empty());
        // The page's own address, as Twilio names it, may differ from the one we asked for.
        if let Some(own) = link("/uri").or_else(|| link("/meta/url")) {
            self.seen.insert(page_id(&rebase(&url, own)?));
        }
        if let Some(next) = link("/next_page_uri").or_else(|| link("/meta/next_page_url")) {
            let next = rebase(&url, next)?;
            if self.seen.contains(&page_id(&next)) {
                log::warn!("Twilio linked back to a page already read ({}); stopped there", next.path());
            } else {
                self.next = Some(next);
            }
        }
        Ok(Some(items))
    }
}

/// A page read straight into its items (under `key`; none when it is missing), with the rest of
/// the page kept as JSON for its links.
struct PageSeed<'k, T> {
    key: &'k str,
    item: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for PageSeed<'_, T> {
    type Value = (Vec<T>, serde_json::Value);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageSeed<'_, T> {
    type Value = (Vec<T>, serde_json::Value);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a page of {}", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Self::Value, A::Error> {
        let (mut items, mut rest) = (None, serde_json::Map::new());
        while let Some(key) = map.next_key::<String>()? {
            if key == self.key {
                items = Some(map.next_value()?);
            } else {
                rest.insert(key, map.next_value()?);
            }
        }
        Ok((items.unwrap_or_default(), serde_json::Value::Object(rest)))
    }
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds = headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse::<u64>().ok()?;
    Some(Duration::from_secs(seconds))
}

/// A page's address without its host, with its query parameters in a fixed order.
fn page_id(url: &Url) -> String {
    let mut pairs: Vec<_> = url.query_pairs().collect();
    pairs.sort();
    format!("{}?{pairs:?}", url.path())
}

/// Twilio's next link, on the host we asked: v2010 gives a path, v1/v2 a full URL on Twilio's host.
fn rebase(current: &Url, next: &str) -> Result<Url> {
    let next = current.join(next).map_err(|err| Error::twilio_bad_response(&err))?;
    let mut url = current.clone();
    url.set_path(next.path());
    url.set_query(next.query());
    Ok(url)
}
