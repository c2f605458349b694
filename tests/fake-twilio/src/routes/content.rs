//! The Content API's endpoints (content.twilio.com/v1): JSON bodies, HX SIDs, the v1 page envelope.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde_json::{Map, Value};

use super::{bad_request, has_content_type, not_found, wrong_content_type, Caller, Page, Params, Reply, Shared};
use crate::content::{ContentRecord, CONTENT};
use crate::faults::RepeatPage;
use crate::state::MESSAGING;

/// Every content type in the spec (`#/components/schemas/types`).
const TYPES: [&str; 14] = [
    "twilio/text",
    "twilio/media",
    "twilio/location",
    "twilio/list-picker",
    "twilio/call-to-action",
    "twilio/quick-reply",
    "twilio/card",
    "twilio/catalog",
    "twilio/carousel",
    "twilio/flows",
    "twilio/schedule",
    "whatsapp/card",
    "whatsapp/authentication",
    "whatsapp/flows",
];

pub(super) fn router() -> Router<Shared> {
    Router::new()
        .route("/v1/Content", get(list_contents).post(create_content))
        .route("/v1/Content/{sid}", get(fetch_content).delete(delete_content))
        .route("/v1/Content/{sid}/ApprovalRequests", get(fetch_approval))
        .route("/v1/Content/{sid}/ApprovalRequests/whatsapp", post(submit_approval))
        .route("/v1/ContentAndApprovals", get(list_contents_and_approvals))
}

/// A JSON object body, refused unless it is one and has only `allowed` keys.
fn json_object(headers: &HeaderMap, body: &[u8], allowed: &[&str]) -> Result<Map<String, Value>, super::TwilioError> {
    if !has_content_type(headers, "application/json") {
        return Err(wrong_content_type(StatusCode::UNSUPPORTED_MEDIA_TYPE));
    }
    let fields: Map<String, Value> =
        serde_json::from_slice(body).map_err(|e| bad_request(format!("Invalid JSON body: {e}")))?;
    match fields.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(bad_request(format!("Invalid parameter {key}"))),
        None => Ok(fields),
    }
}

fn required_text(fields: &Map<String, Value>, key: &str) -> Result<String, super::TwilioError> {
    match fields.get(key) {
        Some(Value::String(text)) if !text.is_empty() => Ok(text.clone()),
        _ => Err(bad_request(format!("Missing required parameter {key}"))),
    }
}

/// The v1 envelope on the content host rather than the messaging one.
fn on_content_host(mut body: Value) -> Value {
    for link in ["first_page_url", "previous_page_url", "url", "next_page_url"] {
        if let Some(url) = body["meta"][link].as_str() {
            body["meta"][link] = Value::String(url.replacen(MESSAGING, CONTENT, 1));
        }
    }
    body
}

async fn create_content(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let fields = json_object(&headers, &body, &["friendly_name", "language", "variables", "types"])?;
    let language = required_text(&fields, "language")?;
    let types = match fields.get("types") {
        Some(Value::Object(types)) if !types.is_empty() => types.clone(),
        _ => return Err(bad_request("Missing required parameter types")),
    };
    if let Some((name, _)) = types.iter().find(|(name, value)| !TYPES.contains(&name.as_str()) || !value.is_object()) {
        return Err(bad_request(format!("Invalid content type {name}")));
    }
    let variables = match fields.get("variables") {
        None => Map::new(),
        Some(Value::Object(variables)) if variables.values().all(Value::is_string) => variables.clone(),
        Some(_) => return Err(bad_request("Variables must map names to strings")),
    };
    let friendly_name = match fields.get("friendly_name") {
        None => String::new(),
        Some(Value::String(name)) => name.clone(),
        Some(_) => return Err(bad_request("Invalid parameter friendly_name")),
    };
    let record = ContentRecord::new(&caller.account, &friendly_name, &language, variables, types);
    let answer = (StatusCode::CREATED, Json(record.json())).into_response();
    let late = {
        let mut state = shared.state.lock().unwrap();
        state.content.items.push(record);
        state.content.late_answer.take()
    };
    shared.writes.fetch_add(1, Ordering::SeqCst);
    if let Some(delay) = late {
        tokio::time::sleep(delay).await;
    }
    Ok(answer)
}

async fn list_contents(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Extension(RepeatPage(repeat)): Extension<RepeatPage>,
    Query(params): Params,
    uri: Uri,
) -> Reply {
    list(&shared, &caller, repeat, &params, &uri, ContentRecord::json)
}

async fn list_contents_and_approvals(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Extension(RepeatPage(repeat)): Extension<RepeatPage>,
    Query(params): Params,
    uri: Uri,
) -> Reply {
    list(&shared, &caller, repeat, &params, &uri, ContentRecord::with_approval_json)
}

/// One page of the caller's contents, each written by `item`.
fn list(
    shared: &Shared,
    caller: &Caller,
    repeat: bool,
    params: &HashMap<String, String>,
    uri: &Uri,
    item: fn(&ContentRecord) -> Value,
) -> Reply {
    let state = shared.state.lock().unwrap();
    let items = state.content.of(&caller.account).map(item).collect();
    let page = Page::new(items, &[], params, 50, state.page_size, repeat)?;
    Ok(Json(on_content_host(page.meta(uri.path(), "contents"))).into_response())
}

async fn fetch_content(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(sid): Path<String>,
    uri: Uri,
) -> Reply {
    let mut state = shared.state.lock().unwrap();
    let content = state.content.get_mut(&sid, &caller.account).ok_or_else(|| not_found(&uri))?;
    Ok(Json(content.json()).into_response())
}

async fn delete_content(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(sid): Path<String>,
    uri: Uri,
) -> Reply {
    let mut state = shared.state.lock().unwrap();
    let before = state.content.items.len();
    state.content.items.retain(|c| !(c.sid == sid && c.account_sid == caller.account));
    if state.content.items.len() == before {
        return Err(not_found(&uri));
    }
    shared.writes.fetch_add(1, Ordering::SeqCst);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn fetch_approval(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(sid): Path<String>,
    uri: Uri,
) -> Reply {
    let mut state = shared.state.lock().unwrap();
    let content = state.content.get_mut(&sid, &caller.account).ok_or_else(|| not_found(&uri))?;
    Ok(Json(content.approval_fetch_json()).into_response())
}

/// Takes the submission as Twilio does: the approval becomes `pending` until the test moves it
/// on with [`crate::FakeTwilio::set_approval_status`].
async fn submit_approval(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(sid): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let mut state = shared.state.lock().unwrap();
    let content = state.content.get_mut(&sid, &caller.account).ok_or_else(|| not_found(&uri))?;
    let fields = json_object(&headers, &body, &["name", "category"])?;
    let (name, category) = (required_text(&fields, "name")?, required_text(&fields, "category")?);
    let content_type = content.main_type();
    let approval = &mut content.approval;
    (approval.name, approval.category, approval.content_type) = (name, category, content_type);
    approval.status = "pending".into();
    approval.rejection_reason.clear();
    shared.writes.fetch_add(1, Ordering::SeqCst);
    Ok((StatusCode::CREATED, Json(approval.json())).into_response())
}
