//! Content templates as the fake keeps them (content.twilio.com/v1), with their WhatsApp
//! approval, and how tests seed them and move their approval along.

use std::time::Duration;

use serde_json::{json, Map, Value};

use crate::state::sid;
use crate::FakeTwilio;

pub(crate) const CONTENT: &str = "https://content.twilio.com";
const CREATED_ISO8601: &str = "2015-07-30T20:00:00Z";

#[derive(Default)]
pub(crate) struct Contents {
    pub items: Vec<ContentRecord>,
    /// Set by [`FakeTwilio::answer_next_content_create_after`]: the next create is stored at once
    /// and answered this much later.
    pub late_answer: Option<Duration>,
}

pub(crate) struct ContentRecord {
    pub sid: String,
    pub account_sid: String,
    pub friendly_name: String,
    pub language: String,
    pub variables: Map<String, Value>,
    pub types: Map<String, Value>,
    pub approval: Approval,
}

/// The WhatsApp approval, as submitted and as it stands; `unsubmitted` with empty fields until
/// a submission.
#[derive(Default)]
pub(crate) struct Approval {
    pub name: String,
    pub category: String,
    pub content_type: String,
    pub status: String,
    pub rejection_reason: String,
}

impl Contents {
    pub fn get_mut(&mut self, sid: &str, account_sid: &str) -> Option<&mut ContentRecord> {
        self.items.iter_mut().find(|c| c.sid == sid && c.account_sid == account_sid)
    }

    pub fn of(&self, account_sid: &str) -> impl Iterator<Item = &ContentRecord> + '_ {
        let account_sid = account_sid.to_owned();
        self.items.iter().filter(move |c| c.account_sid == account_sid)
    }
}

impl ContentRecord {
    pub fn new(
        account_sid: &str,
        friendly_name: &str,
        language: &str,
        variables: Map<String, Value>,
        types: Map<String, Value>,
    ) -> Self {
        ContentRecord {
            sid: sid("HX"),
            account_sid: account_sid.into(),
            friendly_name: friendly_name.into(),
            language: language.into(),
            variables,
            types,
            approval: Approval { status: "unsubmitted".into(), ..Approval::default() },
        }
    }

    fn url(&self) -> String {
        format!("{CONTENT}/v1/Content/{}", self.sid)
    }

    /// The fields that the Content resource and a ContentAndApprovals item share.
    fn common(&self) -> Value {
        json!({
            "sid": self.sid,
            "account_sid": self.account_sid,
            "friendly_name": self.friendly_name,
            "language": self.language,
            "variables": self.variables,
            "types": self.types,
            "date_created": CREATED_ISO8601,
            "date_updated": CREATED_ISO8601,
        })
    }

    pub fn json(&self) -> Value {
        let mut body = self.common();
        body["url"] = json!(self.url());
        body["links"] = json!({
            "approval_create": format!("{}/ApprovalRequests/whatsapp", self.url()),
            "approval_fetch": format!("{}/ApprovalRequests", self.url()),
        });
        body
    }

    /// As `ContentAndApprovals` lists it: the approval's fields flat in `approval_requests`, as the spec shows.
    pub fn with_approval_json(&self) -> Value {
        let mut body = self.common();
        body["approval_requests"] = self.approval.json();
        body
    }

    /// As `GET /v1/Content/{sid}/ApprovalRequests` answers: the approval under `whatsapp`.
    pub fn approval_fetch_json(&self) -> Value {
        let mut whatsapp = self.approval.json();
        whatsapp["type"] = json!("whatsapp");
        json!({
            "sid": self.sid,
            "account_sid": self.account_sid,
            "whatsapp": whatsapp,
            "url": format!("{}/ApprovalRequests", self.url()),
        })
    }

    /// The type WhatsApp reviews: the one that is not plain text, when there is one.
    pub fn main_type(&self) -> String {
        let mut names = self.types.keys();
        let rich = names.clone().find(|name| *name != "twilio/text");
        rich.or_else(|| names.next()).cloned().unwrap_or_default()
    }
}

impl Approval {
    pub fn json(&self) -> Value {
        json!({
            "name": self.name,
            "category": self.category,
            "content_type": self.content_type,
            "status": self.status,
            "rejection_reason": self.rejection_reason,
            "allow_category_change": true,
        })
    }
}

/// Seeding, reading back and moving approvals along. These panic on unknown SIDs: that is a
/// mistake in the test, not in the client.
impl FakeTwilio {
    fn locked(&self) -> std::sync::MutexGuard<'_, crate::state::State> {
        self.shared.state.lock().unwrap()
    }

    /// A `twilio/text` content whose body is `body`, never submitted for approval.
    pub fn add_content(&self, account_sid: &str, friendly_name: &str, language: &str, body: &str) -> String {
        let mut state = self.locked();
        assert!(state.account(account_sid).is_some(), "no account {account_sid}");
        let types = Map::from_iter([("twilio/text".to_string(), json!({ "body": body }))]);
        let record = ContentRecord::new(account_sid, friendly_name, language, Map::new(), types);
        let sid = record.sid.clone();
        state.content.items.push(record);
        sid
    }

    /// Moves the content's WhatsApp approval to `status` (`approved`, `rejected`, `paused`, or
    /// anything else, kept verbatim), with WhatsApp's reason when it gives one, as Twilio would
    /// once WhatsApp decides.
    pub fn set_approval_status(&self, content_sid: &str, status: &str, rejection_reason: Option<&str>) {
        let mut state = self.locked();
        let content = state.content.items.iter_mut().find(|c| c.sid == content_sid);
        let approval = &mut content.unwrap_or_else(|| panic!("no content {content_sid}")).approval;
        approval.status = status.into();
        approval.rejection_reason = rejection_reason.unwrap_or_default().into();
    }

    /// Changes the body of every type of the content that has one, as someone editing it in
    /// Twilio's Console would: what a workstream stored no longer matches.
    pub fn set_content_body(&self, content_sid: &str, body: &str) {
        let mut state = self.locked();
        let content = state.content.items.iter_mut().find(|c| c.sid == content_sid);
        let types = &mut content.unwrap_or_else(|| panic!("no content {content_sid}")).types;
        for fields in types.values_mut() {
            if let Some(old) = fields.get_mut("body") {
                *old = json!(body);
            }
        }
    }

    /// Every content of the account, each as `ContentAndApprovals` lists it, in creation order.
    pub fn stored_contents(&self, account_sid: &str) -> Vec<Value> {
        self.locked().content.of(account_sid).map(ContentRecord::with_approval_json).collect()
    }

    /// The next `POST /v1/Content` stores its content at once but answers only `delay` later, as
    /// when Twilio creates the content and the answer is lost: a client that waits less times
    /// out after the content exists.
    pub fn answer_next_content_create_after(&self, delay: Duration) {
        self.locked().content.late_answer = Some(delay);
    }
}
