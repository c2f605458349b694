//! Every request is recorded, then may meet a fault queued by the test before it reaches the routes.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use tokio::time::Instant;

use crate::{routes, FakeTwilio, Shared};

#[derive(Clone, Debug)]
pub enum Fault {
    /// A Twilio error body with this HTTP status and error code, and `Retry-After: <seconds>` when given.
    Status { status: u16, code: u32, retry_after: Option<u64> },
    /// Waits this long, then answers normally. A write is applied after the wait even if the client gave up.
    Delay(Duration),
    /// 200 with a truncated JSON body.
    MalformedJson,
    /// Answers a list normally, but its next-page link points at the page just served.
    RepeatPage,
}

/// One request as the fake received it. `username` is the Basic auth username; the password is not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The raw query string, still percent-encoded.
    pub query: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
    pub username: Option<String>,
}

pub(crate) struct Queued {
    method: String,
    path_prefix: String,
    fault: Fault,
}

/// Tells a list handler whether a [`Fault::RepeatPage`] applies to this request.
#[derive(Clone, Copy)]
pub(crate) struct RepeatPage(pub bool);

pub(crate) async fn intercept(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    let header = |name| parts.headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok()).map(str::to_string);
    shared.requests.lock().unwrap().push(Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        content_type: header(CONTENT_TYPE),
        body: String::from_utf8_lossy(&body).into_owned(),
        username: routes::basic_credentials(&parts.headers).map(|(username, _)| username),
    });
    let answer_at = Instant::now() + Duration::from_micros(shared.latency_micros.load(Ordering::SeqCst));
    let response = answer(&shared, parts, body, next).await;
    tokio::time::sleep_until(answer_at).await;
    response
}

async fn answer(shared: &Shared, parts: Parts, body: Bytes, next: Next) -> Response {
    let fault = {
        let mut faults = shared.faults.lock().unwrap();
        let matching = faults.iter().position(|q| {
            q.method.eq_ignore_ascii_case(parts.method.as_str()) && parts.uri.path().starts_with(&q.path_prefix)
        });
        matching.map(|i| faults.remove(i).fault)
    };
    let mut req = Request::from_parts(parts, Body::from(body));
    req.extensions_mut().insert(RepeatPage(matches!(fault, Some(Fault::RepeatPage))));
    match fault {
        None | Some(Fault::RepeatPage) => next.run(req).await,
        Some(Fault::Status { status, code, retry_after }) => {
            let status = StatusCode::from_u16(status).expect("a valid HTTP status");
            let reason = status.canonical_reason().unwrap_or("Error");
            let mut response = routes::TwilioError::new(status, code, reason).into_response();
            if let Some(seconds) = retry_after {
                response.headers_mut().insert(RETRY_AFTER, seconds.into());
            }
            response
        }
        // Spawned so that the request still completes, like on a slow server, when the client stops waiting.
        Some(Fault::Delay(delay)) => tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            next.run(req).await
        })
        .await
        .expect("the delayed request completes"),
        Some(Fault::MalformedJson) => {
            (StatusCode::OK, [(CONTENT_TYPE, "application/json")], r#"{"sid": "XE0123"#).into_response()
        }
    }
}

impl FakeTwilio {
    /// Queues `fault` for the next request whose method is `method` and whose path starts with `path_prefix`.
    /// Faults are consumed one per matching request, in the order they were queued.
    pub fn fail_next(&self, method: &str, path_prefix: &str, fault: Fault) {
        let queued = Queued { method: method.into(), path_prefix: path_prefix.into(), fault };
        self.shared.faults.lock().unwrap().push(queued);
    }

    /// Every request received so far, in order, including the ones that failed.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Every request, from now on, is answered `latency` after it arrived, as over a slow network.
    /// The fake's own work is done within that time, so a benchmark's least possible time
    /// (requests × latency) leaves nothing to the fake.
    pub fn set_latency(&self, latency: Duration) {
        let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        self.shared.latency_micros.store(micros, Ordering::SeqCst);
    }

    /// How many write requests (non-GET) changed the state.
    pub fn writes(&self) -> usize {
        self.shared.writes.load(Ordering::SeqCst)
    }
}
