//! Creates a messaging account through every page of the wizard in the real app window,
//! restarts the app and finds it again, and checks that the Auth token is in the OS keyring
//! and in no file the app wrote.
//!
//! Run by `make e2e`, which builds the release app and runs this under Xvfb with a real
//! gnome-keyring (tests/with-keyring.sh).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

const SID: &str = "AC0123456789abcdef0123456789abcdef";
const WAIT: Duration = Duration::from_secs(15);

#[tokio::test(flavor = "multi_thread")]
async fn an_account_is_created_through_every_page_and_survives_a_restart() {
    let home = PathBuf::from(std::env::var("HOME").unwrap());
    assert!(
        std::env::var("DBUS_SESSION_BUS_ADDRESS").is_ok() && home.starts_with(std::env::temp_dir()),
        "run this through `make e2e`: it needs tests/with-keyring.sh and Xvfb"
    );
    let token =
        format!("e2e{:029x}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    let driver = TauriDriver::start();

    let started = std::time::Instant::now();
    let app = driver.session().await;
    app.wait().at_most(WAIT).for_element(Locator::Css("#new-account")).await.expect("the accounts list opens");
    eprintln!("measured: from session request to the accounts list on screen: {} ms", started.elapsed().as_millis());

    // Channel details
    click(&app, "#new-account").await;
    step(&app, "channel_details").await;
    fill(&app, "#name", "Contoso Support").await;
    click(&app, "#wizard-next").await;

    // Account details: a bad SID is refused with its rule on screen, then fixed.
    step(&app, "account_details").await;
    fill(&app, "#accountSid", "AC123").await;
    fill(&app, "#authToken", &token).await;
    click(&app, "#wizard-next").await;
    let error = text(&app, "#accountSid-error").await;
    assert!(error.contains("AC followed by 32 hexadecimal digits"), "{error}");
    fill(&app, "#accountSid", SID).await;
    if app.find(Locator::Css("#authToken")).await.is_err() {
        click(&app, "#replace-token").await;
    }
    fill(&app, "#authToken", &token).await;
    click(&app, "#wizard-next").await;

    // WhatsApp numbers: a number without + is refused, then saved normalized.
    step(&app, "numbers").await;
    click(&app, "#add-number").await;
    fill(&app, "#numberName", "Support line").await;
    fill(&app, "#number", "14155238886").await;
    click(&app, "#save-number").await;
    let error = text(&app, "#number-error").await;
    assert!(error.contains("leading +"), "{error}");
    fill(&app, "#number", "+1 415 523 8886").await;
    click(&app, "#save-number").await;
    let item = text(&app, ".number-item").await;
    assert!(item.contains("+14155238886") && item.contains("Support line"), "{item}");
    screenshot(&app, "target/e2e/wizard.png").await;

    // Callback information
    click(&app, "#wizard-next").await;
    step(&app, "callback").await;
    fill(&app, "#callbackBaseUrl", "https://desk.example.com/").await;
    click(&app, "#save-callback-base-url").await;
    let inbound = app.wait().at_most(WAIT).for_element(Locator::Css("#inbound-url")).await.unwrap();
    let url = inbound.prop("value").await.unwrap().unwrap_or_default();
    assert!(url.starts_with("https://desk.example.com/twilio/whatsapp/") && url.ends_with("/inbound"), "{url}");
    click(&app, "#copy-inbound-url").await;
    assert_eq!(clipboard(), url, "Copy puts the inbound URL on the clipboard");

    // Done
    click(&app, "#wizard-next").await;
    step(&app, "done").await;
    click(&app, "#wizard-finish").await;
    let row = row_of(&app, "Contoso Support").await;
    assert_eq!(cell(&row, ".status").await, "Complete");
    assert_eq!(cell(&row, ".number-count").await, "1");
    assert_eq!(cell(&row, ".sid").await, SID);
    let account_id = row.attr("data-account-id").await.unwrap().expect("rows carry their account id");

    // A wizard left halfway is a draft: Save and close on the first page creates it.
    click(&app, "#new-account").await;
    fill(&app, "#name", "Fabrikam (draft)").await;
    click(&app, "#wizard-close").await;
    assert_eq!(cell(&row_of(&app, "Fabrikam (draft)").await, ".status").await, "Draft");
    app.close().await.unwrap();

    // Restart: everything is as it was left.
    let app = driver.session().await;
    let row = row_of(&app, "Contoso Support").await;
    assert_eq!(cell(&row, ".status").await, "Complete");
    let draft = row_of(&app, "Fabrikam (draft)").await;
    draft.find(Locator::Css(".resume")).await.unwrap().click().await.unwrap();
    step(&app, "account_details").await;
    assert!(text(&app, ".context").await.contains("Fabrikam (draft)"), "the wizard resumes the draft it was opened on");
    app.close().await.unwrap();
    drop(driver);

    assert_eq!(keyring_lookup(&account_id), token, "the keyring holds the token");
    let written = files_under(&home, &home.join(".local/share/keyrings"));
    let data_dir = home.join(".local/share/dev.channeldesk.app");
    for expected in ["channel-desk.sqlite3", "settings.json", "logs/channel-desk.log"] {
        assert!(written.contains(&data_dir.join(expected)), "the app wrote {expected}: {written:#?}");
    }
    for file in &written {
        let bytes = std::fs::read(file).unwrap_or_default();
        assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()), "the token leaked into {}", file.display());
    }
}

/// tauri-driver on a free port; stopped with SIGTERM so WebKitWebDriver goes with it.
struct TauriDriver {
    child: Child,
    port: u16,
}

impl TauriDriver {
    fn start() -> Self {
        let port = free_port();
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
            .stdout(Stdio::null())
            .spawn()
            .expect("tauri-driver is installed (make e2e installs it)");
        Self { child, port }
    }

    async fn session(&self) -> Client {
        let app = std::env::var("CHANNEL_DESK_APP")
            .map(PathBuf::from)
            .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/channel-desk"));
        assert!(app.exists(), "build the app first: {} is missing", app.display());
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
        let url = format!("http://127.0.0.1:{}", self.port);
        for _ in 0..50 {
            if let Ok(client) = ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
                return client;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("no WebDriver session from tauri-driver at {url}");
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn find(app: &Client, css: &str) -> Element {
    app.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css} not found: {e}"))
}

async fn click(app: &Client, css: &str) {
    find(app, css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn fill(app: &Client, css: &str, value: &str) {
    let input = find(app, css).await;
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
}

async fn text(app: &Client, css: &str) -> String {
    find(app, css).await.text().await.unwrap()
}

async fn step(app: &Client, name: &str) {
    find(app, &format!("[data-step=\"{name}\"]")).await;
}

async fn row_of(app: &Client, name: &str) -> Element {
    let xpath = format!("//tr[@data-account-id][.//*[contains(@class,'name') and normalize-space()='{name}']]");
    app.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no row for {name}: {e}"))
}

async fn cell(row: &Element, css: &str) -> String {
    row.find(Locator::Css(css)).await.unwrap().text().await.unwrap().trim().to_owned()
}

async fn screenshot(app: &Client, relative: &str) {
    let png = app.screenshot().await.unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, png).unwrap();
}

fn clipboard() -> String {
    let out = Command::new("xclip").args(["-o", "-selection", "clipboard"]).output().expect("xclip is installed");
    String::from_utf8(out.stdout).unwrap()
}

fn keyring_lookup(account_id: &str) -> String {
    let user = channel_desk_core::secrets::auth_token_key(account_id);
    let service = channel_desk_core::secrets::KEYRING_SERVICE;
    let out = Command::new("secret-tool").args(["lookup", "service", service, "username", &user]).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn files_under(dir: &Path, skip: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path == skip {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => files.extend(files_under(&path, skip)),
            Ok(t) if t.is_file() => files.push(path),
            _ => {}
        }
    }
    files
}
