//! The Twilio endpoints Channel Desk uses, behind HTTP Basic auth, with Twilio's error bodies and page envelopes.

mod content;

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use base64::prelude::{Engine, BASE64_STANDARD};
use serde_json::{json, Map, Value};

use crate::faults::{self, RepeatPage};
use crate::state::{KeyType, Number, Sender, Service, MESSAGING};

type Shared = Arc<crate::Shared>;
type Reply = Result<Response, TwilioError>;
type Params = Query<HashMap<String, String>>;

/// Who the request authenticated as: the account's SID, and the key's type when an API key signed it.
#[derive(Clone)]
struct Caller {
    account: String,
    key: Option<KeyType>,
}

pub(crate) fn router(shared: Shared) -> Router {
    Router::new()
        .route("/2010-04-01/Accounts/{sid}", get(fetch_account))
        .route("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers.json", get(list_numbers))
        .route("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers/{sid}", post(update_number))
        .route("/v2/Channels/Senders", get(list_senders))
        .route("/v2/Channels/Senders/{sid}", get(fetch_sender).post(update_sender))
        .route("/v1/Services", get(list_services))
        .route("/v1/Services/{sid}", get(fetch_service).post(update_service))
        .route("/v1/Services/{sid}/ChannelSenders", get(list_channel_senders))
        .route("/v1/Services/{sid}/PhoneNumbers", get(list_pool_numbers))
        .merge(content::router())
        .fallback(|uri: Uri| async move { not_found(&uri) })
        .method_not_allowed_fallback(|| async {
            TwilioError::new(StatusCode::METHOD_NOT_ALLOWED, 20004, "Method not allowed")
        })
        .layer(middleware::from_fn_with_state(shared.clone(), authenticate))
        .layer(middleware::from_fn_with_state(shared.clone(), faults::intercept))
        .with_state(shared)
}

/// Twilio's error body, `{code, message, more_info, status}`, with that HTTP status.
pub(crate) struct TwilioError {
    status: StatusCode,
    code: u32,
    message: String,
}

impl TwilioError {
    pub(crate) fn new(status: StatusCode, code: u32, message: impl Into<String>) -> TwilioError {
        TwilioError { status, code, message: message.into() }
    }
}

impl IntoResponse for TwilioError {
    fn into_response(self) -> Response {
        let TwilioError { status, code, message } = self;
        let more_info = format!("https://www.twilio.com/docs/errors/{code}");
        let body = json!({ "code": code, "message": message, "more_info": more_info, "status": status.as_u16() });
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static(r#"Basic realm="Twilio API""#));
        }
        response
    }
}

fn unauthorized() -> TwilioError {
    TwilioError::new(StatusCode::UNAUTHORIZED, 20003, "Authenticate")
}

fn not_found(uri: &Uri) -> TwilioError {
    TwilioError::new(StatusCode::NOT_FOUND, 20404, format!("The requested resource {} was not found", uri.path()))
}

fn bad_request(message: impl Into<String>) -> TwilioError {
    TwilioError::new(StatusCode::BAD_REQUEST, 20001, message)
}

fn wrong_content_type(status: StatusCode) -> TwilioError {
    TwilioError::new(status, 19056, "Input request content type is invalid")
}

pub(crate) fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let encoded = headers.get(AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(BASE64_STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (username, password) = decoded.split_once(':')?;
    Some((username.into(), password.into()))
}

async fn authenticate(State(shared): State<Shared>, mut req: Request, next: Next) -> Response {
    let credentials = basic_credentials(req.headers());
    let caller = credentials.and_then(|(user, password)| shared.state.lock().unwrap().authenticate(&user, &password));
    match caller {
        Some((account, key)) => {
            req.extensions_mut().insert(Caller { account, key });
            next.run(req).await
        }
        None => unauthorized().into_response(),
    }
}

/// Twilio answers 20003 when the account in a 2010 API path is not the one that authenticated.
fn own_account(caller: &Caller, account_sid: &str) -> Result<(), TwilioError> {
    if caller.account == account_sid {
        Ok(())
    } else {
        Err(unauthorized())
    }
}

/// `PN….json` → `PN…`: 2010 API resources end in `.json`.
fn strip_json<'a>(file: &'a str, uri: &Uri) -> Result<&'a str, TwilioError> {
    file.strip_suffix(".json").ok_or_else(|| not_found(uri))
}

fn has_content_type(headers: &HeaderMap, expected: &str) -> bool {
    let value = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    value.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case(expected)
}

/// A form body with only `allowed` keys: a misspelt or snake_case key is refused rather than ignored.
fn form(headers: &HeaderMap, body: &[u8], allowed: &[&str]) -> Result<HashMap<String, String>, TwilioError> {
    if !has_content_type(headers, "application/x-www-form-urlencoded") {
        return Err(wrong_content_type(StatusCode::BAD_REQUEST));
    }
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| bad_request("Invalid form body"))?;
    match pairs.iter().find(|(key, _)| !allowed.contains(&key.as_str())) {
        Some((key, _)) => Err(bad_request(format!("Unknown parameter {key}"))),
        None => Ok(pairs.into_iter().collect()),
    }
}

fn http_method(form: &HashMap<String, String>, key: &str) -> Result<Option<String>, TwilioError> {
    match form.get(key).map(String::as_str) {
        None => Ok(None),
        Some(method @ ("GET" | "POST")) => Ok(Some(method.into())),
        Some(other) => Err(bad_request(format!("{key} must be GET or POST, not {other}"))),
    }
}

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.into())
}

async fn fetch_account(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(file): Path<String>,
    uri: Uri,
) -> Reply {
    let sid = strip_json(&file, &uri)?;
    own_account(&caller, sid)?;
    // Standard keys may read everything but the Accounts and Keys resources, and Twilio says so with 20003.
    if caller.key == Some(KeyType::Standard) {
        return Err(unauthorized());
    }
    let state = shared.state.lock().unwrap();
    Ok(Json(state.account(sid).expect("the caller's account exists").json()).into_response())
}

async fn list_numbers(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Extension(RepeatPage(repeat)): Extension<RepeatPage>,
    Path(account): Path<String>,
    Query(params): Params,
    uri: Uri,
) -> Reply {
    own_account(&caller, &account)?;
    let phone_number = params.get("PhoneNumber").map(String::as_str);
    let state = shared.state.lock().unwrap();
    let numbers = state.numbers.iter().filter(|n| n.account_sid == account);
    let items = numbers.filter(|n| phone_number.is_none_or(|p| p == n.phone_number)).map(Number::json).collect();
    let filters: Vec<_> = phone_number.map(|p| ("PhoneNumber", p)).into_iter().collect();
    let page = Page::new(items, &filters, &params, 50, state.page_size, repeat)?;
    Ok(Json(page.v2010(uri.path(), "incoming_phone_numbers")).into_response())
}

async fn update_number(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path((account, file)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    own_account(&caller, &account)?;
    let sid = strip_json(&file, &uri)?;
    let mut state = shared.state.lock().unwrap();
    let number = state.number_mut(sid).filter(|n| n.account_sid == account).ok_or_else(|| not_found(&uri))?;
    let form = form(&headers, &body, &["SmsUrl", "SmsMethod"])?;
    let sms_method = http_method(&form, "SmsMethod")?;
    if let Some(url) = form.get("SmsUrl") {
        number.sms_url = non_empty(url);
    }
    if let Some(method) = sms_method {
        number.sms_method = method;
    }
    shared.writes.fetch_add(1, Ordering::SeqCst);
    Ok(Json(number.json()).into_response())
}

async fn list_senders(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Extension(RepeatPage(repeat)): Extension<RepeatPage>,
    Query(params): Params,
    uri: Uri,
) -> Reply {
    let channel = params.get("Channel").ok_or_else(|| bad_request("Missing required parameter Channel"))?;
    let mut state = shared.state.lock().unwrap();
    state.settle_senders();
    // Every sender here is a WhatsApp sender, so `Channel=rcs` lists none.
    let senders = state.senders.iter().filter(|s| s.account_sid == caller.account && channel == "whatsapp");
    let page =
        Page::new(senders.map(Sender::json).collect(), &[("Channel", channel)], &params, 20, state.page_size, repeat)?;
    Ok(Json(page.meta(uri.path(), "senders")).into_response())
}

async fn fetch_sender(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(sid): Path<String>,
    uri: Uri,
) -> Reply {
    let mut state = shared.state.lock().unwrap();
    state.settle_senders();
    let sender = state.sender_mut(&sid).filter(|s| s.account_sid == caller.account).ok_or_else(|| not_found(&uri))?;
    Ok(Json(sender.json()).into_response())
}

/// Accepts a sender update with 202, as Twilio does: reads show it at once, or only after
/// [`crate::FakeTwilio::set_sender_update_delay`]. The answer shows the sender as reads see it now.
async fn update_sender(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(sid): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let mut state = shared.state.lock().unwrap();
    state.settle_senders();
    let delay = state.sender_update_delay;
    let sender = state.sender_mut(&sid).filter(|s| s.account_sid == caller.account).ok_or_else(|| not_found(&uri))?;
    if !has_content_type(&headers, "application/json") {
        return Err(wrong_content_type(StatusCode::UNSUPPORTED_MEDIA_TYPE));
    }
    let update: Map<String, Value> =
        serde_json::from_slice(&body).map_err(|e| bad_request(format!("Invalid JSON body: {e}")))?;
    if let Some((key, _)) = update
        .iter()
        .find(|(key, value)| !["configuration", "webhook", "profile"].contains(&key.as_str()) || !value.is_object())
    {
        return Err(bad_request(format!("Invalid parameter {key}")));
    }
    sender.accept(update, delay);
    shared.writes.fetch_add(1, Ordering::SeqCst);
    Ok((StatusCode::ACCEPTED, Json(sender.json())).into_response())
}

async fn list_services(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Extension(RepeatPage(repeat)): Extension<RepeatPage>,
    Query(params): Params,
    uri: Uri,
) -> Reply {
    let state = shared.state.lock().unwrap();
    let services = state.services.iter().filter(|s| s.account_sid == caller.account);
    let page = Page::new(services.map(Service::json).collect(), &[], &params, 50, state.page_size, repeat)?;
    Ok(Json(page.meta(uri.path(), "services")).into_response())
}

async fn fetch_service(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(sid): Path<String>,
    uri: Uri,
) -> Reply {
    let mut state = shared.state.lock().unwrap();
    let service = state.service_mut(&sid).filter(|s| s.account_sid == caller.account).ok_or_else(|| not_found(&uri))?;
    Ok(Json(service.json()).into_response())
}

async fn update_service(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(sid): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let mut state = shared.state.lock().unwrap();
    let service = state.service_mut(&sid).filter(|s| s.account_sid == caller.account).ok_or_else(|| not_found(&uri))?;
    let form = form(&headers, &body, &["InboundRequestUrl", "InboundMethod", "UseInboundWebhookOnNumber"])?;
    let inbound_method = http_method(&form, "InboundMethod")?;
    let use_number_webhook = match form.get("UseInboundWebhookOnNumber").map(String::as_str) {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(other) => {
            return Err(bad_request(format!("UseInboundWebhookOnNumber must be true or false, not {other}")))
        }
    };
    if let Some(url) = form.get("InboundRequestUrl") {
        service.inbound_request_url = non_empty(url);
    }
    if let Some(method) = inbound_method {
        service.inbound_method = method;
    }
    if let Some(flag) = use_number_webhook {
        service.use_inbound_webhook_on_number = flag;
    }
    shared.writes.fetch_add(1, Ordering::SeqCst);
    Ok(Json(service.json()).into_response())
}

async fn list_channel_senders(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Extension(RepeatPage(repeat)): Extension<RepeatPage>,
    Path(sid): Path<String>,
    Query(params): Params,
    uri: Uri,
) -> Reply {
    let state = shared.state.lock().unwrap();
    let service = state.services.iter().find(|s| s.sid == sid && s.account_sid == caller.account);
    let service = service.ok_or_else(|| not_found(&uri))?;
    let senders = state.senders.iter().filter(|s| service.senders.contains(&s.sid));
    let items = senders.map(|s| s.channel_sender_json(&sid)).collect();
    let page = Page::new(items, &[], &params, 50, state.page_size, repeat)?;
    Ok(Json(page.meta(uri.path(), "senders")).into_response())
}

async fn list_pool_numbers(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Extension(RepeatPage(repeat)): Extension<RepeatPage>,
    Path(sid): Path<String>,
    Query(params): Params,
    uri: Uri,
) -> Reply {
    let state = shared.state.lock().unwrap();
    let service = state.services.iter().find(|s| s.sid == sid && s.account_sid == caller.account);
    let service = service.ok_or_else(|| not_found(&uri))?;
    let numbers = service.pool.iter().filter_map(|pn| state.number(pn));
    let items = numbers.map(|n| n.pool_json(&sid)).collect();
    let page = Page::new(items, &[], &params, 50, state.page_size, repeat)?;
    Ok(Json(page.meta(uri.path(), "phone_numbers")).into_response())
}

/// Page tokens are offsets in disguise, so that clients cannot build them.
const TOKEN_MASK: u128 = 0x5eed_cafe_f00d_0000_1234_5678_9abc_def0;

fn page_token(start: usize) -> String {
    format!("PT{:032x}", start as u128 ^ TOKEN_MASK)
}

fn page_start(token: &str) -> Option<usize> {
    usize::try_from(u128::from_str_radix(token.strip_prefix("PT")?, 16).ok()? ^ TOKEN_MASK).ok()
}

/// One page of a list, with the query strings of the pages around it.
struct Page {
    items: Vec<Value>,
    number: usize,
    size: usize,
    start: usize,
    first: String,
    current: String,
    previous: Option<String>,
    next: Option<String>,
}

impl Page {
    /// `forced_size` is [`crate::FakeTwilio::set_page_size`]; `repeat` makes the next link point at this page.
    fn new(
        all: Vec<Value>,
        filters: &[(&str, &str)],
        params: &HashMap<String, String>,
        default_size: usize,
        forced_size: Option<usize>,
        repeat: bool,
    ) -> Result<Page, TwilioError> {
        let size = forced_size.or_else(|| params.get("PageSize")?.parse().ok()).unwrap_or(default_size).clamp(1, 1000);
        let number = params.get("Page").and_then(|p| p.parse().ok()).unwrap_or(0);
        let start = match params.get("PageToken") {
            Some(token) => page_start(token).ok_or_else(|| bad_request("Invalid PageToken"))?,
            None => number * size,
        };
        let query = |number: usize, start: usize| {
            let mut pairs: Vec<(&str, String)> = filters.iter().map(|(k, v)| (*k, v.to_string())).collect();
            pairs.push(("PageSize", size.to_string()));
            pairs.push(("Page", number.to_string()));
            if start > 0 {
                pairs.push(("PageToken", page_token(start)));
            }
            serde_urlencoded::to_string(pairs).expect("a query string")
        };
        let current = query(number, start);
        let next = match repeat {
            true => Some(current.clone()),
            false => (start + size < all.len()).then(|| query(number + 1, start + size)),
        };
        Ok(Page {
            items: all.into_iter().skip(start).take(size).collect(),
            first: query(0, 0),
            previous: (number > 0).then(|| query(number - 1, start.saturating_sub(size))),
            current,
            next,
            number,
            size,
            start,
        })
    }

    /// The 2010 API's envelope: page fields beside the list, links relative to the host.
    fn v2010(self, path: &str, key: &str) -> Value {
        let uri = |query: String| format!("{path}?{query}");
        let end = self.start + self.items.len().saturating_sub(1);
        let mut body = json!({
            "first_page_uri": uri(self.first),
            "next_page_uri": self.next.map(uri),
            "previous_page_uri": self.previous.map(uri),
            "uri": uri(self.current),
            "page": self.number,
            "page_size": self.size,
            "start": self.start,
            "end": end,
        });
        body[key] = Value::Array(self.items);
        body
    }

    /// The v1/v2 envelope: a `meta` object whose links are absolute and name Twilio's real host.
    fn meta(self, path: &str, key: &str) -> Value {
        let url = |query: String| format!("{MESSAGING}{path}?{query}");
        let mut body = json!({
            "meta": {
                "page": self.number,
                "page_size": self.size,
                "first_page_url": url(self.first),
                "previous_page_url": self.previous.map(url),
                "url": url(self.current),
                "next_page_url": self.next.map(url),
                "key": key,
            },
        });
        body[key] = Value::Array(self.items);
        body
    }
}
