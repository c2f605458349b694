//! Contract tests: every request our Twilio client can send goes to Prism, which mocks one of
//! Twilio's official OpenAPI specs and refuses (422/415/400 problem+json) any request that breaks
//! it. The client turns those refusals into errors, so a call that succeeds sent a request the spec
//! allows, and its answer was readable by our models.
//!
//! Answers are checked too. Each test asks Prism for a named example of the spec (through a
//! recording proxy that adds `Prefer: example=<name>`; see `proxy`), and a list test asks for one
//! that lists something and asserts it read it. Prism checks its answer against the spec and says
//! what breaks it in an `sl-violations` header; any violation fails the test, except those that
//! Twilio's own examples are known for (see [`twilio_example_defect`]).
//!
//! Prism (`@stoplight/prism-cli`, pinned in package.json) is installed by `make contract`, or by
//! `npm ci --prefix tests/contract`. The specs are read from `<repo root>/../shared/twilio-oai`, or
//! from `TWILIO_OAI_DIR` (absolute, or relative to the repo root). Nothing is downloaded here, and
//! each Prism listens on 127.0.0.1 only.
//!
//! Each test starts the Prism for the spec it needs and stops it when the test ends, passed or not.
//! Prism ignores request values and answers with its example, so the assertions check the parsed
//! example rather than the effect of the call.

mod proxy;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use channel_desk_core::error::Param;
use channel_desk_core::secrets::Secret;
use channel_desk_core::twilio::{BaseUrls, Credentials, Timing, Twilio};
use channel_desk_core::{ErrorCode, Result};
use proxy::{Proxy, Violation};
use serde_json::{json, Value};

/// api.twilio.com/2010-04-01: Accounts, IncomingPhoneNumbers.
const API_V2010: &str = "twilio_api_v2010.json";
/// messaging.twilio.com/v1: Messaging Services and their ChannelSenders.
const MESSAGING_V1: &str = "twilio_messaging_v1.json";
/// messaging.twilio.com/v2: Channels Senders (WhatsApp senders).
const MESSAGING_V2: &str = "twilio_messaging_v2.json";

/// SIDs that match the specs' patterns (two letters + 32 hex), unlike the examples' own.
const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789ABCDEF";
const SENDER_SID: &str = "XE0123456789abcdef0123456789abcdef";
const SERVICE_SID: &str = "MG0123456789abcdef0123456789abcdef";
const NUMBER_SID: &str = "PN0123456789abcdef0123456789abcdef";
const CALLBACK_URL: &str = "https://desk.example.com/twilio/whatsapp/0b6c4f0e/inbound";
/// The example that [`with_a_listed_sender`] adds to the WhatsApp senders list.
const LISTED_SENDER: &str = "readOneWhatsAppSender";

/// How long one Prism may take to load its spec and answer: 1–3 s when idle, up to 7 s seen on a busy machine.
const STARTUP_LIMIT: Duration = Duration::from_secs(90);
/// Tries at starting one Prism, in case another process takes its port before it binds.
const START_TRIES: u32 = 3;

/// One running `prism mock`, killed when dropped, also when its test panics, and the proxy in front of it.
struct Prism {
    child: Child,
    url: String,
    spec: &'static str,
    log: PathBuf,
    proxy: Proxy,
    _dir: tempfile::TempDir,
    /// Where an edited spec lives while its Prism runs.
    _edited: Option<tempfile::TempDir>,
}

impl Prism {
    async fn start(spec: &'static str) -> Self {
        Self::start_from(spec, &specs_dir().join(spec)).await
    }

    /// Prism on a copy of `spec` that `edit` changed: for examples that the spec lacks.
    async fn start_edited(spec: &'static str, edit: fn(&mut Value)) -> Self {
        let text = std::fs::read(specs_dir().join(spec)).unwrap_or_else(|e| panic!("{spec} is not readable: {e}"));
        let mut json: Value = serde_json::from_slice(&text).expect("the spec is JSON");
        edit(&mut json);
        let dir = tempfile::tempdir().expect("a temporary directory for the edited spec");
        let path = dir.path().join(spec);
        std::fs::write(&path, serde_json::to_vec(&json).expect("the edited spec")).expect("write the edited spec");
        let mut prism = Self::start_from(spec, &path).await;
        prism._edited = Some(dir);
        prism
    }

    async fn start_from(spec: &'static str, spec_path: &Path) -> Self {
        let bin = contract_dir().join("node_modules/.bin/prism");
        assert!(
            bin.exists(),
            "{} is missing: run `make contract`, or `npm ci --prefix tests/contract` in the repo root",
            bin.display()
        );
        assert!(
            spec_path.is_file(),
            "{} is missing: the specs live beside the repo in ../shared/twilio-oai (or set TWILIO_OAI_DIR)",
            spec_path.display()
        );
        let mut failures = Vec::new();
        for _ in 0..START_TRIES {
            let mut prism = Self::spawn(&bin, spec_path, spec).await;
            match prism.ready().await {
                Ok(took) => {
                    eprintln!("prism {spec} answered on {} after {} ms", prism.url, took.as_millis());
                    return prism;
                }
                Err(why) => failures.push(format!("{why}\n{}", prism.log_text())),
            }
        }
        panic!("Prism for {spec} did not start:\n{}", failures.join("\n---\n"));
    }

    async fn spawn(bin: &Path, spec_path: &Path, spec: &'static str) -> Self {
        let port = free_port();
        let dir = tempfile::tempdir().expect("a temporary directory for Prism's log");
        let log = dir.path().join("prism.log");
        let out = File::create(&log).expect("Prism's log file");
        let err = out.try_clone().expect("Prism's log file, twice");
        let child = Command::new(bin)
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()])
            .arg(spec_path)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("could not run {}: {e}", bin.display()));
        let url = format!("http://127.0.0.1:{port}");
        Self { child, proxy: Proxy::start(&url).await, url, spec, log, _dir: dir, _edited: None }
    }

    /// Waits until Prism answers any HTTP request; fails if it exits or takes too long.
    async fn ready(&mut self) -> std::result::Result<Duration, String> {
        let started = Instant::now();
        let http = reqwest::Client::builder().timeout(Duration::from_secs(2)).build().expect("an HTTP client");
        loop {
            if http.get(&self.url).send().await.is_ok() {
                return Ok(started.elapsed());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("Prism for {} exited with {status} before answering", self.spec));
            }
            if started.elapsed() > STARTUP_LIMIT {
                return Err(format!("Prism for {} did not answer on {} within {STARTUP_LIMIT:?}", self.spec, self.url));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn log_text(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_else(|e| format!("(no log: {e})"));
        format!("Prism's log for {} on {}:\n{text}", self.spec, self.url)
    }

    /// A client whose three hosts are all this Prism, behind the proxy, without retries or long waits.
    fn client(&self) -> Twilio {
        let timing = Timing {
            request_timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            attempts: 1,
            first_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(10),
            accepted_wait: Duration::ZERO,
            accepted_poll: Duration::from_millis(10),
        };
        Twilio::new(BaseUrls::all_at(&self.proxy.url).expect("the proxy's URL"), timing).expect("a Twilio client")
    }

    /// Answers every request that follows with the spec's example `name`.
    fn example(&self, name: &str) -> &Self {
        self.proxy.prefer(&format!("example={name}"));
        self
    }

    /// The call's value; on an error, a failure naming what Prism objected to, from its log. Also
    /// fails when Prism found an answer breaking the spec other than in Twilio's known ways.
    fn accepts<T>(&self, call: &str, outcome: Result<T>) -> T {
        let value = outcome.unwrap_or_else(|err| {
            panic!("{call} broke the {} contract: {:?}: {}\n{}", self.spec, err.code, err.message, self.log_text())
        });
        let broken: Vec<String> =
            self.proxy.violations().iter().filter(|v| !twilio_example_defect(v)).map(Violation::to_string).collect();
        assert!(
            broken.is_empty(),
            "{call}: Prism says the exchange breaks the {} spec:\n{}",
            self.spec,
            broken.join("\n")
        );
        value
    }

    /// The violations that were let through as defects of Twilio's own examples.
    fn example_defects(&self) -> Vec<Violation> {
        self.proxy.violations().into_iter().filter(twilio_example_defect).collect()
    }
}

/// Twilio's own examples break their schemas in two known ways (see reference §1): they set SID,
/// URL and other string fields to `""` where the value is absent, and they give the v2010 `uri`
/// fields as paths relative to the host, which fails `format: uri`. Our models read `""` as absent
/// and keep URIs as text, so these are let through. Anything else, and anything about the request,
/// fails the test: a dynamic or edited answer that broke the schema would be our mistake.
fn twilio_example_defect(v: &Violation) -> bool {
    let in_answer = v.location.first().is_some_and(|l| l == "response");
    let value = v.value.as_ref().and_then(Value::as_str);
    in_answer && (value == Some("") || (v.code == "format" && value.is_some_and(|s| s.starts_with('/'))))
}

/// M2's only WhatsApp senders list example is empty, and Prism's dynamic answers link to random
/// next pages that a client must follow. So this adds an example that lists the spec's own WhatsApp
/// sender example (`whatsapp_fetch`) in the envelope of the empty list example. Prism still checks
/// the answer against the list's schema.
fn with_a_listed_sender(spec: &mut Value) {
    let sender = spec["components"]["examples"]["whatsapp_fetch"]["value"].clone();
    assert!(sender.is_object(), "the spec still has its whatsapp_fetch example");
    let examples = &mut spec["paths"]["/v2/Channels/Senders"]["get"]["responses"]["200"]["content"]["application/json"]
        ["examples"];
    let mut page = examples["readEmpty"]["value"].clone();
    page["senders"] = json!([sender]);
    examples[LISTED_SENDER] = json!({ "value": page });
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn contract_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn repo_root() -> PathBuf {
    contract_dir().join("../..")
}

fn specs_dir() -> PathBuf {
    match std::env::var_os("TWILIO_OAI_DIR") {
        Some(dir) => repo_root().join(dir),
        None => repo_root().join("../shared/twilio-oai"),
    }
}

/// A port nothing listens on right now, chosen by the OS.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
    listener.local_addr().expect("the port's address").port()
}

fn creds(account_sid: &str) -> Credentials {
    Credentials {
        account_sid: account_sid.to_owned(),
        username: account_sid.to_owned(),
        password: Secret::new("0123456789abcdef0123456789abcdef"),
    }
}

// --- api.twilio.com/2010-04-01 ---

#[tokio::test]
async fn fetching_the_account_follows_the_api_v2010_spec() {
    let prism = Prism::start(API_V2010).await;
    let client = prism.example("fetch").client();
    let account = prism.accepts("fetch_account", client.fetch_account(&creds(ACCOUNT_SID)).await);
    assert!(account.sid.starts_with("AC"), "{account:?}");
    assert_eq!(account.friendly_name.as_deref(), Some("friendly_name"), "{account:?}");
    assert_eq!(account.status.as_deref(), Some("active"), "{account:?}");
    assert_eq!(account.kind.as_deref(), Some("Full"), "{account:?}");
}

#[tokio::test]
async fn probing_one_page_of_numbers_follows_the_api_v2010_spec() {
    let prism = Prism::start(API_V2010).await;
    let client = prism.example("readFull").client();
    prism.accepts("probe_incoming_phone_numbers", client.probe_incoming_phone_numbers(&creds(ACCOUNT_SID)).await);
    assert!(!prism.example_defects().is_empty(), "the list example's known defects were seen, and let through");
}

#[tokio::test]
async fn finding_a_number_by_its_e164_value_follows_the_api_v2010_spec() {
    let prism = Prism::start(API_V2010).await;
    // The spec's list example holds +18089255327; Prism answers with it whatever we ask.
    let client = prism.example("readFull").client();
    let found =
        prism.accepts("incoming_phone_number", client.incoming_phone_number(&creds(ACCOUNT_SID), "+18089255327").await);
    let number = found.expect("the example's number is found by its E.164 value");
    assert!(number.sid.starts_with("PN"), "{number:?}");
    assert_eq!(number.sms_url, None, "an empty sms_url reads as none: {number:?}");
    assert_eq!(number.sms_application_sid, None, "an empty sms_application_sid reads as none: {number:?}");
}

#[tokio::test]
async fn setting_a_numbers_sms_url_follows_the_api_v2010_spec() {
    let prism = Prism::start(API_V2010).await;
    let client = prism.example("update").client();
    prism.accepts("set_number_sms_url", client.set_number_sms_url(&creds(ACCOUNT_SID), NUMBER_SID, CALLBACK_URL).await);
}

// --- messaging.twilio.com/v1 ---

#[tokio::test]
async fn listing_messaging_services_follows_the_messaging_v1_spec() {
    let prism = Prism::start(MESSAGING_V1).await;
    let services = prism.accepts(
        "messaging_services",
        prism.example("readFull").client().messaging_services(&creds(ACCOUNT_SID)).await,
    );
    assert!(!services.is_empty(), "the spec's example lists a service");
    assert!(services.iter().all(|s| s.sid.starts_with("MG")), "{services:?}");
    assert!(services.iter().any(|s| s.inbound_request_url.is_some()), "{services:?}");
}

#[tokio::test]
async fn listing_a_services_senders_follows_the_messaging_v1_spec() {
    let prism = Prism::start(MESSAGING_V1).await;
    let client = prism.example("readFull").client();
    let senders = prism
        .accepts("service_channel_senders", client.service_channel_senders(&creds(ACCOUNT_SID), SERVICE_SID).await);
    assert!(!senders.is_empty(), "the spec's example lists a sender");
    assert!(
        senders
            .iter()
            .any(|s| s.sid.starts_with("XE") && s.sender.as_deref().is_some_and(|s| s.starts_with("whatsapp:"))),
        "the spec's example lists a WhatsApp sender: {senders:?}"
    );
}

#[tokio::test]
async fn listing_a_services_number_pool_follows_the_messaging_v1_spec() {
    let prism = Prism::start(MESSAGING_V1).await;
    let client = prism.example("readFull").client();
    let numbers =
        prism.accepts("service_phone_numbers", client.service_phone_numbers(&creds(ACCOUNT_SID), SERVICE_SID).await);
    assert!(!numbers.is_empty(), "the spec's example lists a number");
    assert!(numbers.iter().all(|n| n.sid.starts_with("PN")), "{numbers:?}");
    assert!(numbers.iter().all(|n| n.phone_number.as_deref().is_some_and(|p| p.starts_with('+'))), "{numbers:?}");
}

#[tokio::test]
async fn setting_a_services_inbound_request_url_follows_the_messaging_v1_spec() {
    let prism = Prism::start(MESSAGING_V1).await;
    let client = prism.example("update").client();
    let outcome = client.set_service_inbound_request_url(&creds(ACCOUNT_SID), SERVICE_SID, CALLBACK_URL).await;
    prism.accepts("set_service_inbound_request_url", outcome);
}

// --- messaging.twilio.com/v2 ---

#[tokio::test]
async fn listing_whatsapp_senders_follows_the_messaging_v2_spec() {
    let prism = Prism::start_edited(MESSAGING_V2, with_a_listed_sender).await;
    let client = prism.example(LISTED_SENDER).client();
    let senders = prism.accepts("channels_senders", client.channels_senders(&creds(ACCOUNT_SID)).await);
    assert!(!senders.is_empty(), "the example lists a sender");
    assert!(senders.iter().all(|s| s.sid.starts_with("XE")), "{senders:?}");
    let sender = &senders[0];
    assert_eq!(sender.sender_id.as_deref(), Some("whatsapp:+999999999XX"), "{sender:?}");
    let webhook = sender.webhook.as_ref().and_then(|w| w.callback_url.as_deref());
    assert_eq!(webhook, Some("https://callback.example.com"), "{sender:?}");
}

#[tokio::test]
async fn fetching_a_sender_and_waiting_for_its_webhook_follow_the_messaging_v2_spec() {
    let prism = Prism::start(MESSAGING_V2).await;
    let client = prism.example("whatsapp_fetch").client();
    let sender = prism.accepts("channels_sender", client.channels_sender(&creds(ACCOUNT_SID), SENDER_SID).await);
    assert!(sender.sid.starts_with("XE"), "{sender:?}");
    let webhook = sender.webhook.as_ref().and_then(|w| w.callback_url.as_deref());
    assert_eq!(webhook, Some("https://callback.example.com"), "{sender:?}");
    let shows = client.sender_shows(&creds(ACCOUNT_SID), SENDER_SID, "https://callback.example.com/").await;
    assert!(prism.accepts("sender_shows", shows), "the example's webhook, with or without the trailing slash");
    let shows = client.sender_shows(&creds(ACCOUNT_SID), SENDER_SID, CALLBACK_URL).await;
    assert!(!prism.accepts("sender_shows", shows), "not ours, and no time to wait");
}

#[tokio::test]
async fn setting_a_senders_webhook_follows_the_messaging_v2_spec() {
    let prism = Prism::start(MESSAGING_V2).await;
    let client = prism.example("update").client();
    prism.accepts("set_sender_webhook", client.set_sender_webhook(&creds(ACCOUNT_SID), SENDER_SID, CALLBACK_URL).await);
}

// --- Prism itself ---

/// Without this, a Prism that validated nothing would let every test above pass: it must refuse a
/// path parameter and a form field that break the spec, as Twilio would.
#[tokio::test]
async fn prism_refuses_requests_that_break_the_spec() {
    let prism = Prism::start(API_V2010).await;
    let client = prism.client();
    let refusals = [
        ("an AC SID without 32 hex digits", client.fetch_account(&creds("ACnothex")).await.map(drop)),
        (
            "an SmsUrl that is not a URI",
            client.set_number_sms_url(&creds(ACCOUNT_SID), NUMBER_SID, "not a url").await.map(drop),
        ),
    ];
    for (what, outcome) in refusals {
        let err = outcome.expect_err(what);
        assert_eq!(err.code, ErrorCode::TwilioRejected, "{what}: {err:?}");
        let status = err.params.get("httpStatus");
        assert_eq!(status, Some(&Param::Number(422)), "{what}: Prism's validation answers 422: {err:?}");
    }
}

// --- content.twilio.com/v1 ---

use channel_desk_core::model::TemplateCategory;
use channel_desk_core::template::{CardAction, TemplateContent};
use channel_desk_core::twilio::{
    Action, ActionType, ApprovalStatus, ButtonsType, CardType, ContentTypes, MediaType, NewContent, TextType,
};

/// content.twilio.com/v1: content templates and their WhatsApp approval.
const CONTENT_V1: &str = "twilio_content_v1.json";
const CONTENT_SID: &str = "HX0123456789abcdef0123456789abcdef";

/// A content with every type the desk edits, plus one it passes through (`twilio/location`), so
/// that Prism checks each type's fields against its schema (`additionalProperties: false`).
fn every_type() -> NewContent {
    let button = |kind, title: &str| Action { kind: Some(kind), title: title.into(), ..Action::default() };
    let body = "Hello {{1}}, your order {{2}} has shipped.".to_owned();
    NewContent {
        friendly_name: "order_update_en".into(),
        language: "en".into(),
        variables: [("1".to_owned(), "Ann".to_owned()), ("2".to_owned(), "#1042".to_owned())].into(),
        types: ContentTypes {
            text: Some(TextType { body: body.clone() }),
            media: Some(MediaType { body: Some(body.clone()), media: vec!["https://example.com/parcel.jpg".into()] }),
            quick_reply: Some(ButtonsType {
                body: body.clone(),
                actions: vec![Action { id: Some("track".into()), ..button(ActionType::QuickReply, "Track it") }],
            }),
            call_to_action: Some(ButtonsType {
                body,
                actions: vec![
                    Action { url: Some("https://example.com/track/{{2}}".into()), ..button(ActionType::Url, "Track") },
                    Action { phone: Some("+14155550100".into()), ..button(ActionType::PhoneNumber, "Call us") },
                ],
            }),
            card: Some(CardType {
                title: Some("Your order {{2}}".into()),
                subtitle: Some("Shipped".into()),
                media: vec!["https://example.com/parcel.jpg".into()],
                actions: vec![Action {
                    url: Some("https://example.com/track/{{2}}".into()),
                    webview_size: Some("TALL".into()),
                    ..button(ActionType::Url, "Track")
                }],
            }),
            other: [(
                "twilio/location".to_owned(),
                json!({"latitude": 39.7392, "longitude": 104.9903, "label": "Depot"}),
            )]
            .into_iter()
            .chain(whatsapp_card().other)
            .collect(),
        },
    }
}

/// `whatsapp/card` as the library writes it, which the client carries as a type it does not model.
fn whatsapp_card() -> ContentTypes {
    channel_desk_core::template::content_types(&TemplateContent::WhatsAppCard {
        body: "Hello {{1}}, your order {{2}} has shipped.".into(),
        header_text: Some("Shipping update".into()),
        footer: Some("Reply STOP to opt out".into()),
        media: vec!["https://example.com/parcel.jpg".into()],
        actions: vec![
            CardAction::Url { title: "Track".into(), url: "https://example.com/track/{{2}}".into() },
            CardAction::QuickReply { title: "Thanks".into(), id: Some("thanks".into()) },
        ],
    })
}

#[tokio::test]
async fn creating_content_follows_the_content_v1_spec() {
    let prism = Prism::start(CONTENT_V1).await;
    let client = prism.example("create").client();
    let content = prism.accepts("create_content", client.create_content(&creds(ACCOUNT_SID), &every_type()).await);
    assert!(content.sid.starts_with("HX"), "{content:?}");
    assert_eq!(content.friendly_name, None, "the example's empty friendly_name reads as none: {content:?}");
    assert_eq!(content.language.as_deref(), Some("en"));
    assert_eq!(content.variables.get("name").map(String::as_str), Some("foo"));
    let text = content.types.text.as_ref().map(|t| t.body.as_str());
    assert_eq!(text, Some("Foo Bar Co is located at 39.7392, 104.9903"));
    assert!(content.types.other.contains_key("twilio/location"), "a type the desk does not edit is kept: {content:?}");
    assert!(content.date_created.is_some());
}

#[tokio::test]
async fn fetching_content_follows_the_content_v1_spec() {
    let prism = Prism::start(CONTENT_V1).await;
    let client = prism.example("fetch").client();
    let content = prism.accepts("fetch_content", client.fetch_content(&creds(ACCOUNT_SID), CONTENT_SID).await);
    assert!(content.sid.starts_with("HX"), "{content:?}");
    assert!(content.account_sid.as_deref().is_some_and(|s| s.starts_with("AC")), "{content:?}");
    assert!(content.types.text.is_some() || !content.types.other.is_empty(), "the example has types: {content:?}");
}

#[tokio::test]
async fn submitting_content_for_whatsapp_approval_follows_the_content_v1_spec() {
    let prism = Prism::start(CONTENT_V1).await;
    let client = prism.example("createApproval").client();
    let outcome = client
        .submit_for_whatsapp_approval(&creds(ACCOUNT_SID), CONTENT_SID, "order_update", TemplateCategory::Utility)
        .await;
    let approval = prism.accepts("submit_for_whatsapp_approval", outcome);
    assert_eq!(approval.name.as_deref(), Some("tree_fiddy"), "{approval:?}");
    assert_eq!(approval.category.as_deref(), Some("UTILITY"));
    assert_eq!(approval.content_type.as_deref(), Some("twilio/location"));
    assert_eq!(approval.status, ApprovalStatus::Unsubmitted);
    assert_eq!((approval.rejection_reason, approval.allow_category_change), (None, Some(true)));
}

#[tokio::test]
async fn fetching_a_whatsapp_approval_follows_the_content_v1_spec() {
    let prism = Prism::start(CONTENT_V1).await;
    let client = prism.example("getApproval").client();
    let approval = prism
        .accepts("fetch_whatsapp_approval", client.fetch_whatsapp_approval(&creds(ACCOUNT_SID), CONTENT_SID).await);
    let approval = approval.expect("the example has a whatsapp approval");
    assert_eq!(approval.status, ApprovalStatus::Approved, "{approval:?}");
    assert_eq!(approval.name.as_deref(), Some("tree_fiddy"));
    assert_eq!(approval.category.as_deref(), Some("UTILITY"));
}

#[tokio::test]
async fn listing_contents_and_approvals_follows_the_content_v1_spec() {
    let prism = Prism::start(CONTENT_V1).await;
    let client = prism.example("readResults").client();
    let listed = prism.accepts("contents_and_approvals", client.contents_and_approvals(&creds(ACCOUNT_SID)).await);
    let statuses: Vec<_> = listed.iter().map(|c| c.whatsapp.as_ref().map(|w| w.status.clone())).collect();
    assert_eq!(
        statuses,
        [Some(ApprovalStatus::Unsubmitted), Some(ApprovalStatus::Approved), Some(ApprovalStatus::Rejected)],
        "the example lists three contents: {listed:?}"
    );
    let rejected = listed[2].whatsapp.as_ref().unwrap();
    let reason = rejected.rejection_reason.as_deref().unwrap_or_default();
    assert!(reason.starts_with("INVALID_FORMAT. Facebook is not able to create template"), "verbatim: {reason}");
    assert!(reason.ends_with("component of type HEADER is missing expected field(s) (example)"), "verbatim: {reason}");
    assert_eq!(rejected.category.as_deref(), Some("TRANSACTIONAL"), "a legacy category, kept");
    let media = listed[1].content.types.media.as_ref().expect("the second example is twilio/media");
    assert_eq!(media.media, ["https://example.com/template"]);

    let found = client.find_content(&creds(ACCOUNT_SID), "Media Test", "en").await;
    let found = prism.accepts("find_content", found);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].content.sid, "HX5fcd48a417c1cb59da349ad6d5da4607");
}

#[tokio::test]
async fn deleting_content_follows_the_content_v1_spec() {
    let prism = Prism::start(CONTENT_V1).await;
    prism.accepts("delete_content", prism.client().delete_content(&creds(ACCOUNT_SID), CONTENT_SID).await);
}

/// Prism refuses a content SID that breaks the spec's pattern, and a button field that its type
/// does not have, so the tests above would notice either.
#[tokio::test]
async fn prism_refuses_content_requests_that_break_the_content_v1_spec() {
    let prism = Prism::start(CONTENT_V1).await;
    let client = prism.client();
    let mut stray_url = every_type();
    stray_url.types.quick_reply.as_mut().unwrap().actions[0].url = Some("https://example.com".into());
    let refusals = [
        ("a short HX SID", client.fetch_content(&creds(ACCOUNT_SID), "HXnothex").await.map(drop)),
        ("a quick reply with a URL", client.create_content(&creds(ACCOUNT_SID), &stray_url).await.map(drop)),
    ];
    for (what, outcome) in refusals {
        let err = outcome.expect_err(what);
        assert_eq!(err.params.get("httpStatus"), Some(&Param::Number(422)), "{what}: {err:?}");
    }
}
