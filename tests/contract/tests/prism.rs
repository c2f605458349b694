//! Contract tests: every request our Twilio client can send goes to Prism, which mocks one of
//! Twilio's official OpenAPI specs and refuses (422/415/400 problem+json) any request that breaks
//! it. The client turns those refusals into errors, so a call that succeeds sent a request the spec
//! allows, and its answer (the spec's static example) was readable by our models.
//!
//! Prism (`@stoplight/prism-cli`, pinned in package.json) is installed by `make contract`, or by
//! `npm ci --prefix tests/contract`. The specs are read from `<repo root>/../shared/twilio-oai`, or
//! from `TWILIO_OAI_DIR` (absolute, or relative to the repo root). Nothing is downloaded here, and
//! each Prism listens on 127.0.0.1 only.
//!
//! Each test starts the Prism for the spec it needs and stops it when the test ends, passed or not.
//! Prism ignores request values and answers with its example, so the assertions check the parsed
//! example rather than the effect of the call.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use channel_desk_core::secrets::Secret;
use channel_desk_core::twilio::{BaseUrls, Credentials, Timing, Twilio};
use channel_desk_core::{ErrorCode, Result};

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

/// How long one Prism may take to load its spec and answer: 1–3 s when idle, up to 7 s seen on a busy machine.
const STARTUP_LIMIT: Duration = Duration::from_secs(90);
/// Tries at starting one Prism, in case another process takes its port before it binds.
const START_TRIES: u32 = 3;

/// One running `prism mock`, killed when dropped, also when its test panics.
struct Prism {
    child: Child,
    url: String,
    spec: &'static str,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Prism {
    async fn start(spec: &'static str) -> Self {
        let bin = contract_dir().join("node_modules/.bin/prism");
        assert!(
            bin.exists(),
            "{} is missing: run `make contract`, or `npm ci --prefix tests/contract` in the repo root",
            bin.display()
        );
        let spec_path = specs_dir().join(spec);
        assert!(
            spec_path.is_file(),
            "{} is missing: the specs live beside the repo in ../shared/twilio-oai (or set TWILIO_OAI_DIR)",
            spec_path.display()
        );
        let mut failures = Vec::new();
        for _ in 0..START_TRIES {
            let mut prism = Self::spawn(&bin, &spec_path, spec);
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

    fn spawn(bin: &Path, spec_path: &Path, spec: &'static str) -> Self {
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
        Self { child, url: format!("http://127.0.0.1:{port}"), spec, log, _dir: dir }
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

    /// A client whose three hosts are all this Prism, without retries or long waits.
    fn client(&self) -> Twilio {
        let timing = Timing {
            request_timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(5),
            attempts: 1,
            first_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(10),
        };
        Twilio::new(BaseUrls::all_at(&self.url).expect("Prism's URL"), timing).expect("a Twilio client")
    }

    /// The call's value; on an error, a failure naming what Prism objected to, from its log.
    fn accepts<T>(&self, call: &str, outcome: Result<T>) -> T {
        outcome.unwrap_or_else(|err| {
            panic!("{call} broke the {} contract: {:?}: {}\n{}", self.spec, err.code, err.message, self.log_text())
        })
    }
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
    let account = prism.accepts("fetch_account", prism.client().fetch_account(&creds(ACCOUNT_SID)).await);
    assert!(account.sid.starts_with("AC"), "{account:?}");
    assert_eq!(account.status.as_deref(), Some("active"), "{account:?}");
    assert_eq!(account.kind.as_deref(), Some("Full"), "{account:?}");
}

#[tokio::test]
async fn finding_a_number_by_its_e164_value_follows_the_api_v2010_spec() {
    let prism = Prism::start(API_V2010).await;
    // The spec's list example holds +18089255327; Prism answers with it whatever we ask.
    let found =
        prism.accepts("incoming_number", prism.client().incoming_number(&creds(ACCOUNT_SID), "+18089255327").await);
    let number = found.expect("the example's number is found by its E.164 value");
    assert!(number.sid.starts_with("PN"), "{number:?}");
    assert_eq!(number.sms_url, None, "an empty sms_url reads as none: {number:?}");
    assert_eq!(number.sms_application_sid, None, "an empty sms_application_sid reads as none: {number:?}");
}

#[tokio::test]
async fn setting_a_numbers_sms_url_follows_the_api_v2010_spec() {
    let prism = Prism::start(API_V2010).await;
    let outcome = prism.client().set_number_sms_url(&creds(ACCOUNT_SID), NUMBER_SID, CALLBACK_URL).await;
    prism.accepts("set_number_sms_url", outcome);
}

// --- messaging.twilio.com/v1 ---

#[tokio::test]
async fn listing_messaging_services_follows_the_messaging_v1_spec() {
    let prism = Prism::start(MESSAGING_V1).await;
    let services = prism.accepts("services", prism.client().services(&creds(ACCOUNT_SID)).await);
    assert!(!services.is_empty(), "the spec's example lists a service");
    assert!(services.iter().all(|s| s.sid.starts_with("MG")), "{services:?}");
}

#[tokio::test]
async fn listing_a_services_senders_follows_the_messaging_v1_spec() {
    let prism = Prism::start(MESSAGING_V1).await;
    let senders =
        prism.accepts("service_senders", prism.client().service_senders(&creds(ACCOUNT_SID), SERVICE_SID).await);
    assert!(
        senders
            .iter()
            .any(|s| s.sid.starts_with("XE") && s.sender.as_deref().is_some_and(|s| s.starts_with("whatsapp:"))),
        "the spec's example lists a WhatsApp sender: {senders:?}"
    );
}

#[tokio::test]
async fn setting_a_services_inbound_url_follows_the_messaging_v1_spec() {
    let prism = Prism::start(MESSAGING_V1).await;
    let outcome = prism.client().set_service_inbound_url(&creds(ACCOUNT_SID), SERVICE_SID, CALLBACK_URL).await;
    prism.accepts("set_service_inbound_url", outcome);
}

// --- messaging.twilio.com/v2 ---

#[tokio::test]
async fn listing_whatsapp_senders_follows_the_messaging_v2_spec() {
    let prism = Prism::start(MESSAGING_V2).await;
    let senders = prism.accepts("whatsapp_senders", prism.client().whatsapp_senders(&creds(ACCOUNT_SID)).await);
    assert!(!senders.is_empty(), "a sender to read");
    assert!(senders.iter().all(|s| s.sid.starts_with("XE")), "{senders:?}");
}

#[tokio::test]
async fn setting_a_senders_webhook_follows_the_messaging_v2_spec() {
    let prism = Prism::start(MESSAGING_V2).await;
    let outcome = prism.client().set_sender_webhook(&creds(ACCOUNT_SID), SENDER_SID, CALLBACK_URL).await;
    prism.accepts("set_sender_webhook", outcome);
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
        assert!(err.message.contains("HTTP 422"), "{what}: Prism's validation answers 422: {err:?}");
    }
}
