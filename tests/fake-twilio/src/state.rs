//! What the fake Twilio knows, how tests seed it, and how each resource looks on the wire.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

use crate::FakeTwilio;

pub(crate) const MESSAGING: &str = "https://messaging.twilio.com";
const CREATED_RFC2822: &str = "Thu, 30 Jul 2015 20:00:00 +0000";
const CREATED_ISO8601: &str = "2015-07-30T20:00:00Z";
const WEBHOOK_KEYS: [&str; 6] = [
    "callback_url",
    "callback_method",
    "fallback_url",
    "fallback_method",
    "status_callback_url",
    "status_callback_method",
];

#[derive(Clone, Debug)]
pub struct Account {
    pub sid: String,
    pub auth_token: String,
}

#[derive(Clone, Debug)]
pub struct ApiKey {
    pub sid: String,
    pub secret: String,
}

/// What Twilio lets an API key read. Restricted keys are not modelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyType {
    /// Everything, like the Auth token. Keys made by [`FakeTwilio::add_api_key`] are Main keys.
    #[default]
    Main,
    /// Everything but the Account resource, which it is refused with 401 / 20003.
    Standard,
}

#[derive(Default)]
pub(crate) struct State {
    pub accounts: Vec<AccountRecord>,
    pub keys: Vec<KeyRecord>,
    pub senders: Vec<Sender>,
    pub services: Vec<Service>,
    pub numbers: Vec<Number>,
    pub content: crate::content::Contents,
    pub page_size: Option<usize>,
    /// How long an accepted sender update stays invisible to reads.
    pub sender_update_delay: Duration,
}

pub(crate) struct KeyRecord {
    key: ApiKey,
    account_sid: String,
    kind: KeyType,
}

pub(crate) struct AccountRecord {
    pub sid: String,
    auth_token: String,
    friendly_name: String,
    status: String,
    kind: String,
}

pub(crate) struct Sender {
    pub sid: String,
    pub account_sid: String,
    number: String,
    status: String,
    pub configuration: Map<String, Value>,
    pub webhook: Map<String, Value>,
    pub profile: Map<String, Value>,
    /// Accepted updates that reads do not show yet, each with the time it shows from, oldest first.
    accepted: Vec<(Instant, Map<String, Value>)>,
}

pub(crate) struct Service {
    pub sid: String,
    pub account_sid: String,
    friendly_name: String,
    pub inbound_request_url: Option<String>,
    pub inbound_method: String,
    pub use_inbound_webhook_on_number: bool,
    pub senders: Vec<String>,
    /// The phone numbers (PN SIDs) in the service's number pool.
    pub pool: Vec<String>,
}

pub(crate) struct Number {
    pub sid: String,
    pub account_sid: String,
    pub phone_number: String,
    pub sms_url: Option<String>,
    pub sms_method: String,
}

/// A two-letter prefix and 32 lowercase hex digits, e.g. `AC0f3a…`.
pub(crate) fn sid(prefix: &str) -> String {
    format!("{prefix}{}", hex32())
}

fn hex32() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let hasher = RandomState::new();
    format!("{:016x}{:016x}", hasher.hash_one((n, 0)), hasher.hash_one((n, 1)))
}

impl State {
    /// The account SID that `username`/`password` authenticate, as an Account SID + token or an API key + secret,
    /// with the key's type when it is a key.
    pub fn authenticate(&self, username: &str, password: &str) -> Option<(String, Option<KeyType>)> {
        let account = self.accounts.iter().find(|a| a.sid == username && a.auth_token == password);
        let key = self.keys.iter().find(|k| k.key.sid == username && k.key.secret == password);
        account.map(|a| (a.sid.clone(), None)).or_else(|| key.map(|k| (k.account_sid.clone(), Some(k.kind))))
    }

    pub fn account(&self, sid: &str) -> Option<&AccountRecord> {
        self.accounts.iter().find(|a| a.sid == sid)
    }

    pub fn sender_mut(&mut self, sid: &str) -> Option<&mut Sender> {
        self.senders.iter_mut().find(|s| s.sid == sid)
    }

    /// Makes every accepted sender update whose delay has passed visible.
    pub fn settle_senders(&mut self) {
        let now = Instant::now();
        for sender in &mut self.senders {
            let due = sender.accepted.iter().take_while(|(from, _)| *from <= now).count();
            for (_, update) in sender.accepted.drain(..due).collect::<Vec<_>>() {
                sender.merge(update);
            }
        }
    }

    pub fn service_mut(&mut self, sid: &str) -> Option<&mut Service> {
        self.services.iter_mut().find(|s| s.sid == sid)
    }

    pub fn number_mut(&mut self, sid: &str) -> Option<&mut Number> {
        self.numbers.iter_mut().find(|n| n.sid == sid)
    }

    pub fn number(&self, sid: &str) -> Option<&Number> {
        self.numbers.iter().find(|n| n.sid == sid)
    }

    fn has_account(&self, sid: &str) -> bool {
        self.account(sid).is_some()
    }
}

impl AccountRecord {
    pub fn json(&self) -> Value {
        let base = format!("/2010-04-01/Accounts/{}", self.sid);
        json!({
            "sid": self.sid,
            "owner_account_sid": self.sid,
            "friendly_name": self.friendly_name,
            "status": self.status,
            "type": self.kind,
            "auth_token": self.auth_token,
            "date_created": CREATED_RFC2822,
            "date_updated": CREATED_RFC2822,
            "uri": format!("{base}.json"),
            "subresource_uris": {
                "incoming_phone_numbers": format!("{base}/IncomingPhoneNumbers.json"),
                "messages": format!("{base}/Messages.json"),
                "keys": format!("{base}/Keys.json"),
                "balance": format!("{base}/Balance.json"),
            },
        })
    }
}

impl Sender {
    /// Takes an update as Twilio accepts it: shown at once, or after `delay` when there is one.
    pub fn accept(&mut self, update: Map<String, Value>, delay: Duration) {
        if delay.is_zero() && self.accepted.is_empty() {
            self.merge(update);
        } else {
            self.accepted.push((Instant::now() + delay, update));
        }
    }

    /// Merges `configuration`, `webhook` and `profile` into the sender: keys not sent keep their values.
    fn merge(&mut self, update: Map<String, Value>) {
        for (key, value) in update {
            let section = match key.as_str() {
                "configuration" => &mut self.configuration,
                "webhook" => &mut self.webhook,
                _ => &mut self.profile,
            };
            if let Value::Object(fields) = value {
                section.extend(fields);
            }
        }
    }

    pub fn json(&self) -> Value {
        json!({
            "sid": self.sid,
            "status": self.status,
            "sender_id": format!("whatsapp:{}", self.number),
            "configuration": self.configuration,
            "webhook": self.webhook,
            "profile": self.profile,
            "properties": { "quality_rating": "HIGH", "messaging_limit": "10K Customers/24hr" },
            "offline_reasons": null,
            "compliance": null,
            "url": format!("{MESSAGING}/v2/Channels/Senders/{}", self.sid),
        })
    }

    /// The sender as the Messaging Service's ChannelSenders list shows it.
    pub fn channel_sender_json(&self, service_sid: &str) -> Value {
        json!({
            "sid": self.sid,
            "sender": format!("whatsapp:{}", self.number),
            "sender_type": "WhatsApp",
            "country_code": null,
            "messaging_service_sid": service_sid,
            "account_sid": self.account_sid,
            "date_created": CREATED_ISO8601,
            "date_updated": CREATED_ISO8601,
            "url": format!("{MESSAGING}/v1/Services/{service_sid}/ChannelSenders/{}", self.sid),
        })
    }
}

impl Service {
    pub fn json(&self) -> Value {
        let url = format!("{MESSAGING}/v1/Services/{}", self.sid);
        json!({
            "sid": self.sid,
            "account_sid": self.account_sid,
            "friendly_name": self.friendly_name,
            "inbound_request_url": self.inbound_request_url,
            "inbound_method": self.inbound_method,
            "fallback_url": null,
            "fallback_method": "POST",
            "status_callback": null,
            "use_inbound_webhook_on_number": self.use_inbound_webhook_on_number,
            "sticky_sender": true,
            "mms_converter": true,
            "smart_encoding": true,
            "scan_message_content": "inherit",
            "fallback_to_long_code": false,
            "area_code_geomatch": true,
            "synchronous_validation": false,
            "validity_period": 36000,
            "usecase": "undeclared",
            "us_app_to_person_registered": false,
            "links": {
                "phone_numbers": format!("{url}/PhoneNumbers"),
                "short_codes": format!("{url}/ShortCodes"),
                "alpha_senders": format!("{url}/AlphaSenders"),
                "messages": format!("{url}/Messages"),
                "channel_senders": format!("{url}/ChannelSenders"),
            },
            "url": url,
            "date_created": CREATED_ISO8601,
            "date_updated": CREATED_ISO8601,
        })
    }
}

impl Number {
    /// The number as a Messaging Service's PhoneNumbers list shows it.
    pub fn pool_json(&self, service_sid: &str) -> Value {
        json!({
            "sid": self.sid,
            "account_sid": self.account_sid,
            "service_sid": service_sid,
            "phone_number": self.phone_number,
            "country_code": "US",
            "capabilities": ["SMS", "MMS", "Voice"],
            "date_created": CREATED_ISO8601,
            "date_updated": CREATED_ISO8601,
            "url": format!("{MESSAGING}/v1/Services/{service_sid}/PhoneNumbers/{}", self.sid),
        })
    }

    pub fn json(&self) -> Value {
        json!({
            "sid": self.sid,
            "account_sid": self.account_sid,
            "phone_number": self.phone_number,
            "friendly_name": self.phone_number,
            "capabilities": { "voice": true, "sms": true, "mms": true, "fax": false },
            "sms_url": self.sms_url.as_deref().unwrap_or(""),
            "sms_method": self.sms_method,
            "sms_fallback_url": "",
            "sms_fallback_method": "POST",
            "sms_application_sid": null,
            "status_callback": "",
            "status_callback_method": "POST",
            "voice_url": null,
            "voice_method": "POST",
            "api_version": "2010-04-01",
            "origin": "twilio",
            "status": "in-use",
            "type": "local",
            "date_created": CREATED_RFC2822,
            "date_updated": CREATED_RFC2822,
            "uri": format!("/2010-04-01/Accounts/{}/IncomingPhoneNumbers/{}.json", self.account_sid, self.sid),
        })
    }
}

/// Seeding and reading back. These panic on unknown SIDs: that is a mistake in the test, not in the client.
impl FakeTwilio {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.shared.state.lock().unwrap()
    }

    pub fn add_account(&self, friendly_name: &str, status: &str, kind: &str) -> Account {
        self.add_known_account(Account { sid: sid("AC"), auth_token: hex32() }, friendly_name, status, kind)
    }

    /// An account whose SID and Auth token the test chose, as when a desk seeded with them
    /// comes online.
    pub fn add_known_account(&self, account: Account, friendly_name: &str, status: &str, kind: &str) -> Account {
        self.state().accounts.push(AccountRecord {
            sid: account.sid.clone(),
            auth_token: account.auth_token.clone(),
            friendly_name: friendly_name.into(),
            status: status.into(),
            kind: kind.into(),
        });
        account
    }

    /// A Main API key, which may read everything the Auth token may.
    pub fn add_api_key(&self, account_sid: &str) -> ApiKey {
        self.add_api_key_of(account_sid, KeyType::Main)
    }

    pub fn add_api_key_of(&self, account_sid: &str, kind: KeyType) -> ApiKey {
        let mut state = self.state();
        assert!(state.has_account(account_sid), "no account {account_sid}");
        let key = ApiKey { sid: sid("SK"), secret: hex32() };
        state.keys.push(KeyRecord { key: key.clone(), account_sid: account_sid.into(), kind });
        key
    }

    /// A WhatsApp sender for `number` (`+E164`) with an empty webhook.
    pub fn add_sender(&self, account_sid: &str, number: &str, status: &str) -> String {
        let mut state = self.state();
        assert!(state.has_account(account_sid), "no account {account_sid}");
        let sid = sid("XE");
        let webhook = WEBHOOK_KEYS.into_iter().map(|key| (key.to_string(), Value::Null)).collect();
        state.senders.push(Sender {
            sid: sid.clone(),
            account_sid: account_sid.into(),
            number: number.into(),
            status: status.into(),
            configuration: Map::from_iter([("waba_id".to_string(), json!("1234567890"))]),
            webhook,
            profile: Map::from_iter([("name".to_string(), json!(format!("Sender {number}")))]),
            accepted: Vec::new(),
        });
        sid
    }

    /// From now on, a sender update is answered 202 at once but shows in reads only `delay` later, as Twilio
    /// applies it asynchronously. Zero (the default) shows it at once.
    pub fn set_sender_update_delay(&self, delay: Duration) {
        self.state().sender_update_delay = delay;
    }

    /// Changes the sender's inbound webhook as if someone did it in Twilio's console.
    pub fn set_sender_webhook(&self, sender_sid: &str, url: &str) {
        let mut state = self.state();
        state.settle_senders();
        let webhook = &mut state.sender_mut(sender_sid).unwrap_or_else(|| panic!("no sender {sender_sid}")).webhook;
        webhook.insert("callback_url".into(), json!(url));
        webhook.insert("callback_method".into(), json!("POST"));
    }

    /// The sender's inbound webhook as reads show it now.
    pub fn sender_webhook(&self, sender_sid: &str) -> Option<String> {
        let mut state = self.state();
        state.settle_senders();
        let sender = state.sender_mut(sender_sid).unwrap_or_else(|| panic!("no sender {sender_sid}"));
        sender.webhook.get("callback_url").and_then(Value::as_str).map(str::to_string)
    }

    pub fn add_service(
        &self,
        account_sid: &str,
        name: &str,
        inbound_request_url: Option<&str>,
        use_inbound_webhook_on_number: bool,
    ) -> String {
        let mut state = self.state();
        assert!(state.has_account(account_sid), "no account {account_sid}");
        let sid = sid("MG");
        state.services.push(Service {
            sid: sid.clone(),
            account_sid: account_sid.into(),
            friendly_name: name.into(),
            inbound_request_url: inbound_request_url.map(str::to_string),
            inbound_method: "POST".into(),
            use_inbound_webhook_on_number,
            senders: Vec::new(),
            pool: Vec::new(),
        });
        sid
    }

    pub fn attach_sender(&self, service_sid: &str, sender_sid: &str) {
        let mut state = self.state();
        assert!(state.sender_mut(sender_sid).is_some(), "no sender {sender_sid}");
        let service = state.service_mut(service_sid).unwrap_or_else(|| panic!("no service {service_sid}"));
        service.senders.push(sender_sid.into());
    }

    /// Puts a phone number into the service's number pool.
    pub fn add_to_pool(&self, service_sid: &str, pn_sid: &str) {
        let mut state = self.state();
        assert!(state.number(pn_sid).is_some(), "no phone number {pn_sid}");
        let service = state.service_mut(service_sid).unwrap_or_else(|| panic!("no service {service_sid}"));
        service.pool.push(pn_sid.into());
    }

    pub fn service_inbound_request_url(&self, service_sid: &str) -> Option<String> {
        let mut state = self.state();
        state.service_mut(service_sid).unwrap_or_else(|| panic!("no service {service_sid}")).inbound_request_url.clone()
    }

    pub fn add_phone_number(&self, account_sid: &str, number: &str, sms_url: Option<&str>) -> String {
        let mut state = self.state();
        assert!(state.has_account(account_sid), "no account {account_sid}");
        let sid = sid("PN");
        state.numbers.push(Number {
            sid: sid.clone(),
            account_sid: account_sid.into(),
            phone_number: number.into(),
            sms_url: sms_url.map(str::to_string),
            sms_method: "POST".into(),
        });
        sid
    }

    /// Changes the number's SmsUrl as if someone did it in Twilio's console.
    pub fn set_number_sms_url(&self, pn_sid: &str, url: &str) {
        let mut state = self.state();
        state.number_mut(pn_sid).unwrap_or_else(|| panic!("no phone number {pn_sid}")).sms_url = Some(url.into());
    }

    pub fn number_sms_url(&self, pn_sid: &str) -> Option<String> {
        let mut state = self.state();
        state.number_mut(pn_sid).unwrap_or_else(|| panic!("no phone number {pn_sid}")).sms_url.clone()
    }

    /// Forces every list to this page size whatever the client asks for; `None` goes back to the client's choice.
    pub fn set_page_size(&self, size: Option<usize>) {
        self.state().page_size = size;
    }
}
