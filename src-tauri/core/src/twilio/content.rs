//! Twilio's Content API (content.twilio.com/v1, JSON bodies): message templates, their WhatsApp
//! approval, and the listing of both. Models are lenient, as elsewhere: missing, null or empty
//! fields read as absent, and enums keep values they do not know verbatim.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Value};
use url::Url;

use super::{Body, Credentials, Pages, Repeat, Twilio};
use crate::error::{Error, ErrorCode, Result};
use crate::model::TemplateCategory;

/// The largest `PageSize` the Content API's lists accept.
const MAX_PAGE_SIZE: &str = "1000";

/// A string enum of Twilio's that keeps any value it does not know, as Twilio wrote it. Known
/// values are recognised whatever their case.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this desk does not know yet, verbatim.
            Other(String),
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)*
                    Self::Other(text) => text,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $(if text.eq_ignore_ascii_case($text) {
                    return Self::$variant;
                })*
                Self::Other(text.to_owned())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                Ok(Self::from(String::deserialize(deserializer)?.as_str()))
            }
        }
    };
}

open_enum! {
    /// Where a content's WhatsApp approval stands. The spec types it as a plain string.
    ApprovalStatus {
        /// Never submitted for WhatsApp approval.
        Unsubmitted = "unsubmitted",
        /// Submitted; Twilio or WhatsApp has not decided yet.
        Pending = "pending",
        Approved = "approved",
        /// See [`WhatsAppApproval::rejection_reason`].
        Rejected = "rejected",
        /// Approved, then paused by WhatsApp after negative feedback.
        Paused = "paused",
        /// Approved, then disabled by WhatsApp after repeated negative feedback.
        Disabled = "disabled",
    }
}

open_enum! {
    /// What a button does.
    ActionType {
        QuickReply = "QUICK_REPLY",
        Url = "URL",
        PhoneNumber = "PHONE_NUMBER",
        CopyCode = "COPY_CODE",
        VoiceCall = "VOICE_CALL",
        VoiceCallRequest = "VOICE_CALL_REQUEST",
    }
}

/// A content to create: one language, its variables with their sample values, and its types.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NewContent {
    /// Twilio's name for it, not shown to recipients. Twilio does not keep it unique.
    pub friendly_name: String,
    pub language: String,
    /// Each variable's sample value, by variable name (`"1"`, `"2"` or a name).
    pub variables: BTreeMap<String, String>,
    pub types: ContentTypes,
}

/// A content's types, by Twilio's type name; one content may carry several.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContentTypes {
    #[serde(rename = "twilio/text", default, skip_serializing_if = "Option::is_none")]
    pub text: Option<TextType>,
    #[serde(rename = "twilio/media", default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaType>,
    #[serde(rename = "twilio/quick-reply", default, skip_serializing_if = "Option::is_none")]
    pub quick_reply: Option<ButtonsType>,
    #[serde(rename = "twilio/call-to-action", default, skip_serializing_if = "Option::is_none")]
    pub call_to_action: Option<ButtonsType>,
    #[serde(rename = "twilio/card", default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardType>,
    /// Every other type (`twilio/location`, `whatsapp/card`, …), as Twilio sent it.
    #[serde(flatten)]
    pub other: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextType {
    #[serde(default, deserialize_with = "or_default")]
    pub body: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaType {
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The media's URLs.
    #[serde(default, deserialize_with = "or_default")]
    pub media: Vec<String>,
}

/// `twilio/quick-reply` and `twilio/call-to-action`: a body and its buttons.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ButtonsType {
    #[serde(default, deserialize_with = "or_default")]
    pub body: String,
    #[serde(default, deserialize_with = "or_default")]
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CardType {
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<String>,
    #[serde(default, deserialize_with = "or_default", skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
}

/// A button. Which fields a kind of button may carry is the spec's: a quick reply only `id`, a
/// URL button `url`, a phone button `phone`, a copy-code button `code`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Optional on quick replies, required on the others.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActionType>,
    #[serde(default, deserialize_with = "or_default")]
    pub title: String,
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Cards only: `TALL`, `FULL`, `HALF` or `NONE`.
    #[serde(default, deserialize_with = "non_empty", skip_serializing_if = "Option::is_none")]
    pub webview_size: Option<String>,
}

/// A content as Twilio holds it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Content {
    /// `HX…`: the one key for a content. Friendly names may collide.
    pub sid: String,
    #[serde(default, deserialize_with = "non_empty")]
    pub account_sid: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub friendly_name: Option<String>,
    #[serde(default, deserialize_with = "non_empty")]
    pub language: Option<String>,
    #[serde(default, deserialize_with = "variables")]
    pub variables: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "or_default")]
    pub types: ContentTypes,
    #[serde(default, deserialize_with = "timestamp")]
    pub date_created: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "timestamp")]
    pub date_updated: Option<DateTime<Utc>>,
}

/// A content with its WhatsApp approval, as `ContentAndApprovals` lists them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ContentAndApproval {
    #[serde(flatten)]
    pub content: Content,
    /// `None` when Twilio gave no approval information at all.
    #[serde(default, rename = "approval_requests", deserialize_with = "whatsapp_approval")]
    pub whatsapp: Option<WhatsAppApproval>,
}

/// A content's WhatsApp approval: what was submitted, and where it stands.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct WhatsAppApproval {
    /// The WhatsApp template name it was submitted under.
    #[serde(default, deserialize_with = "non_empty")]
    pub name: Option<String>,
    /// As Twilio wrote it: `UTILITY`, `MARKETING`, `AUTHENTICATION`, or a legacy one such as
    /// `TRANSACTIONAL`. The spec does not list them.
    #[serde(default, deserialize_with = "non_empty")]
    pub category: Option<String>,
    /// The type WhatsApp reviewed, such as `twilio/text`.
    #[serde(default, deserialize_with = "non_empty")]
    pub content_type: Option<String>,
    /// An answer without a status reads as unsubmitted.
    #[serde(default = "unsubmitted", deserialize_with = "status")]
    pub status: ApprovalStatus,
    /// WhatsApp's reason, exactly as Twilio gave it.
    #[serde(default, deserialize_with = "non_empty")]
    pub rejection_reason: Option<String>,
    #[serde(default)]
    pub allow_category_change: Option<bool>,
}

/// What [`Twilio::create_content_once`] ended with.
#[derive(Debug, Clone, PartialEq)]
pub enum CreatedContent {
    /// Twilio created it and said so.
    Created(Content),
    /// A create whose answer was lost had created it: found by friendly name and language.
    Found(ContentAndApproval),
    /// A create whose answer was lost may have created one of these, which all carry the
    /// friendly name and language. Nothing was sent again; the caller decides.
    Ambiguous(Vec<ContentAndApproval>),
}

impl Twilio {
    fn content_url(&self, path: &str) -> Url {
        let mut url = self.base.content.clone();
        url.set_path(path);
        url
    }

    /// A write whose answer is read: Twilio's view of what it now holds.
    async fn write<T: DeserializeOwned>(
        &self,
        creds: &Credentials,
        method: Method,
        url: Url,
        body: Body<'_>,
    ) -> Result<T> {
        let bytes = self.send(creds, method, url, body, Repeat::OnlyIfRefused).await?;
        serde_json::from_slice(&bytes).map_err(|err| Error::twilio_bad_response(&err))
    }

    /// `POST /v1/Content`. Sent once: a timeout or a 5xx leaves unknown whether Twilio created
    /// it, so it is not repeated here; see [`Twilio::create_content_once`].
    pub async fn create_content(&self, creds: &Credentials, content: &NewContent) -> Result<Content> {
        self.write(creds, Method::POST, self.content_url("/v1/Content"), Body::Json(json!(content))).await
    }

    /// `GET /v1/Content/{sid}`.
    pub async fn fetch_content(&self, creds: &Credentials, content_sid: &str) -> Result<Content> {
        self.get(creds, self.content_url(&format!("/v1/Content/{content_sid}"))).await
    }

    /// `DELETE /v1/Content/{sid}`. Twilio answers 404 (`twilio_not_found`) when it is already gone.
    pub async fn delete_content(&self, creds: &Credentials, content_sid: &str) -> Result<()> {
        let url = self.content_url(&format!("/v1/Content/{content_sid}"));
        self.send(creds, Method::DELETE, url, Body::Empty, Repeat::OnlyIfRefused).await.map(drop)
    }

    /// `POST /v1/Content/{sid}/ApprovalRequests/whatsapp`: submits the content to WhatsApp under
    /// the template name `name`.
    pub async fn submit_for_whatsapp_approval(
        &self,
        creds: &Credentials,
        content_sid: &str,
        name: &str,
        category: TemplateCategory,
    ) -> Result<WhatsAppApproval> {
        let url = self.content_url(&format!("/v1/Content/{content_sid}/ApprovalRequests/whatsapp"));
        let category = match category {
            TemplateCategory::Utility => "UTILITY",
            TemplateCategory::Marketing => "MARKETING",
            TemplateCategory::Authentication => "AUTHENTICATION",
        };
        let body = json!({ "name": name, "category": category });
        self.write(creds, Method::POST, url, Body::Json(body)).await
    }

    /// `GET /v1/Content/{sid}/ApprovalRequests`: the WhatsApp approval, or `None` when Twilio
    /// gave none.
    pub async fn fetch_whatsapp_approval(
        &self,
        creds: &Credentials,
        content_sid: &str,
    ) -> Result<Option<WhatsAppApproval>> {
        #[derive(Deserialize)]
        struct Approvals {
            #[serde(default, deserialize_with = "whatsapp_approval")]
            whatsapp: Option<WhatsAppApproval>,
        }
        let url = self.content_url(&format!("/v1/Content/{content_sid}/ApprovalRequests"));
        Ok(self.get::<Approvals>(creds, url).await?.whatsapp)
    }

    /// `GET /v1/ContentAndApprovals`: every content of the account with its WhatsApp approval,
    /// across all pages, at the largest page size Twilio allows.
    pub async fn contents_and_approvals(&self, creds: &Credentials) -> Result<Vec<ContentAndApproval>> {
        self.list(creds, self.contents_and_approvals_url(), "contents").await
    }

    /// [`Twilio::contents_and_approvals`] one page at a time.
    pub fn contents_and_approvals_pages<'a>(&'a self, creds: &'a Credentials) -> Pages<'a, ContentAndApproval> {
        Pages::new(self, creds, self.contents_and_approvals_url(), "contents")
    }

    fn contents_and_approvals_url(&self) -> Url {
        let mut url = self.content_url("/v1/ContentAndApprovals");
        url.query_pairs_mut().append_pair("PageSize", MAX_PAGE_SIZE);
        url
    }

    /// The account's contents named `friendly_name` in `language`: after a create whose answer
    /// was lost, what it may have created. Several may match, since Twilio does not keep names
    /// unique.
    pub async fn find_content(
        &self,
        creds: &Credentials,
        friendly_name: &str,
        language: &str,
    ) -> Result<Vec<ContentAndApproval>> {
        let all = self.contents_and_approvals(creds).await?;
        Ok(all
            .into_iter()
            .filter(|c| {
                c.content.friendly_name.as_deref() == Some(friendly_name)
                    && c.content.language.as_deref() == Some(language)
            })
            .collect())
    }

    /// Creates the content, and never sends the create again while Twilio may hold it. When a
    /// create fails in a way that leaves its effect unknown (a timeout, a 5xx, a broken
    /// connection or answer), this looks for the content by friendly name and language, and
    /// sends the create once more only when none is there. Any other failure, the lookup's
    /// included, is returned as it is. A create that Twilio stores only after the lookup has
    /// read the list is not seen, so a caller's friendly names should be its own.
    pub async fn create_content_once(&self, creds: &Credentials, content: &NewContent) -> Result<CreatedContent> {
        let err = match self.create_content(creds, content).await {
            Ok(created) => return Ok(CreatedContent::Created(created)),
            Err(err) if effect_unknown(&err) => err,
            Err(err) => return Err(err),
        };
        log::warn!(
            "creating content {:?} failed ({:?}); looking for it before trying again",
            content.friendly_name,
            err.code
        );
        let mut found = self.find_content(creds, &content.friendly_name, &content.language).await?;
        match found.len() {
            0 => self.create_content(creds, content).await.map(CreatedContent::Created),
            1 => Ok(CreatedContent::Found(found.remove(0))),
            _ => Ok(CreatedContent::Ambiguous(found)),
        }
    }
}

/// Whether a write that failed this way may still have happened at Twilio.
fn effect_unknown(err: &Error) -> bool {
    matches!(
        err.code,
        ErrorCode::TwilioTimeout
            | ErrorCode::TwilioUnavailable
            | ErrorCode::ConnectionFailed
            | ErrorCode::TwilioBadResponse
    )
}

fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.filter(|s| !s.is_empty()))
}

fn or_default<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(
    deserializer: D,
) -> std::result::Result<T, D::Error> {
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

fn unsubmitted() -> ApprovalStatus {
    ApprovalStatus::Unsubmitted
}

fn status<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<ApprovalStatus, D::Error> {
    Ok(non_empty(deserializer)?.map_or(ApprovalStatus::Unsubmitted, |text| ApprovalStatus::from(text.as_str())))
}

/// Twilio's variables hold strings; anything else is kept as its JSON text.
fn variables<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<BTreeMap<String, String>, D::Error> {
    let map: BTreeMap<String, Value> = or_default(deserializer)?;
    Ok(map
        .into_iter()
        .map(|(name, value)| match value {
            Value::String(text) => (name, text),
            other => (name, other.to_string()),
        })
        .collect())
}

/// ISO 8601, as the Content API writes its dates; anything unreadable reads as absent.
fn timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Option<DateTime<Utc>>, D::Error> {
    Ok(non_empty(deserializer)?
        .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
        .map(|time| time.with_timezone(&Utc)))
}

/// The spec shows the approval's fields flat in `approval_requests`, and the approval fetch
/// nests them under `whatsapp`; both are read. Nothing, null or `{}` read as no approval.
fn whatsapp_approval<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<WhatsAppApproval>, D::Error> {
    let Some(Value::Object(mut fields)) = Option::<Value>::deserialize(deserializer)? else { return Ok(None) };
    if let Some(Value::Object(nested)) = fields.remove("whatsapp") {
        fields = nested;
    }
    if fields.is_empty() {
        return Ok(None);
    }
    serde_json::from_value(Value::Object(fields)).map(Some).map_err(serde::de::Error::custom)
}
