//! A recording proxy between our Twilio client and Prism, on 127.0.0.1. It adds the `Prefer`
//! header a test asks for (which example to answer with), so that the production client never
//! sends a test-only header, and keeps every answer's `sl-violations` header with its body.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{CONNECTION, CONTENT_LENGTH, HOST, TRANSFER_ENCODING};
use axum::http::HeaderValue;
use axum::response::Response;
use axum::Router;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// One `sl-violations` entry: where Prism found the answer (or request) breaking the spec, and how.
#[derive(Debug, Clone)]
pub struct Violation {
    pub request: String,
    /// `["response", "body", "incoming_phone_numbers", "0", "sms_url"]`, …
    pub location: Vec<String>,
    pub code: String,
    pub message: String,
    /// The value at `location` in the answer's body, when it points into it.
    pub value: Option<Value>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} at {} (", self.request, self.message, self.location.join("."))?;
        match &self.value {
            Some(value) => write!(f, "{value}, {})", self.code),
            None => write!(f, "{})", self.code),
        }
    }
}

pub struct Proxy {
    pub url: String,
    shared: Arc<Shared>,
    server: JoinHandle<()>,
}

struct Shared {
    prism: String,
    http: reqwest::Client,
    prefer: Mutex<Option<String>>,
    violations: Mutex<Vec<Violation>>,
}

impl Proxy {
    pub async fn start(prism: &str) -> Proxy {
        let shared = Arc::new(Shared {
            prism: prism.to_owned(),
            http: reqwest::Client::new(),
            prefer: Mutex::new(None),
            violations: Mutex::new(Vec::new()),
        });
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port on 127.0.0.1 for the proxy");
        let addr: SocketAddr = listener.local_addr().expect("the proxy's address");
        let app = Router::new().fallback(forward).with_state(shared.clone());
        let server = tokio::spawn(async move { axum::serve(listener, app).await.expect("serve the proxy") });
        Proxy { url: format!("http://{addr}"), shared, server }
    }

    /// From now on, every request goes to Prism with `Prefer: <value>`, e.g. `example=readFull`.
    pub fn prefer(&self, value: &str) {
        *self.shared.prefer.lock().unwrap() = Some(value.to_owned());
    }

    pub fn violations(&self) -> Vec<Violation> {
        self.shared.violations.lock().unwrap().clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.server.abort();
    }
}

async fn forward(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, usize::MAX).await.expect("the client's request body");
    let path = parts.uri.path_and_query().map_or("/", |pq| pq.as_str()).to_owned();
    let mut headers = parts.headers;
    headers.remove(HOST);
    if let Some(prefer) = shared.prefer.lock().unwrap().as_deref() {
        headers.insert("prefer", HeaderValue::from_str(prefer).expect("a valid Prefer header"));
    }
    let answer = shared
        .http
        .request(parts.method.clone(), format!("{}{path}", shared.prism))
        .headers(headers)
        .body(body)
        .send()
        .await
        .expect("Prism answers");
    let (status, mut headers) = (answer.status(), answer.headers().clone());
    let bytes = answer.bytes().await.expect("Prism's body");
    if let Some(header) = headers.get("sl-violations") {
        let found: Vec<Value> = serde_json::from_slice(header.as_bytes()).expect("sl-violations is a JSON list");
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        let request = format!("{} {path}", parts.method);
        let mut kept = shared.violations.lock().unwrap();
        kept.extend(found.iter().map(|v| violation(&request, v, &body)));
    }
    for hop in [CONNECTION, TRANSFER_ENCODING, CONTENT_LENGTH] {
        headers.remove(hop);
    }
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

fn violation(request: &str, found: &Value, body: &Value) -> Violation {
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    let location: Vec<String> = found["location"].as_array().into_iter().flatten().map(text).collect();
    let value = match location.as_slice() {
        [response, part, path @ ..] if response == "response" && part == "body" => {
            path.iter().try_fold(body, |value, key| match value {
                Value::Array(items) => items.get(key.parse::<usize>().ok()?),
                _ => value.get(key),
            })
        }
        _ => None,
    };
    Violation {
        request: request.to_owned(),
        code: text(&found["code"]),
        message: text(&found["message"]),
        value: value.cloned(),
        location,
    }
}
