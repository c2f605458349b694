//! What the end-to-end tests share: tauri-driver, a WebDriver session on the built app, and
//! small steps that wait for what they act on.
// Each test binary uses only part of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

pub mod a11y;
pub mod seed;

pub const WAIT: Duration = Duration::from_secs(15);

/// The throw-away HOME that tests/with-keyring.sh made, after checking the test runs inside it.
pub fn isolated_home() -> PathBuf {
    let home = PathBuf::from(std::env::var("HOME").unwrap());
    assert!(
        std::env::var("DBUS_SESSION_BUS_ADDRESS").is_ok() && home.starts_with(std::env::temp_dir()),
        "run this through `make e2e`: it needs tests/with-keyring.sh and Xvfb"
    );
    home
}

/// tauri-driver on a free port; stopped with SIGTERM so WebKitWebDriver goes with it.
pub struct TauriDriver {
    child: Child,
    port: u16,
}

impl TauriDriver {
    /// Starts tauri-driver and waits until it listens; the app it launches inherits `env`. The
    /// app speaks the OS language, so it is English unless `env` sets `LANGUAGE` and `LANG`.
    pub fn start(env: &[(&str, &str)]) -> Self {
        let (port, native) = (free_port(), free_port());
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .envs([("LANGUAGE", "en"), ("LANG", "en_US.UTF-8")])
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .spawn()
            .expect("tauri-driver is installed (make e2e installs it)");
        let driver = Self { child, port };
        let listening = |port| std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
        for _ in 0..200 {
            if listening(port) && listening(native) {
                return driver;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("tauri-driver and WebKitWebDriver never listened on ports {port} and {native}");
    }

    /// tauri-driver's process id: the app and its WebKit processes descend from it.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub async fn session(&self) -> Client {
        let app = std::env::var("CHANNEL_DESK_APP")
            .map(PathBuf::from)
            .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/channel-desk"));
        assert!(app.exists(), "build the app first: {} is missing", app.display());
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
        let url = format!("http://127.0.0.1:{}", self.port);
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&url)
            .await
            .unwrap_or_else(|e| panic!("no WebDriver session from tauri-driver at {url}: {e}"))
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

/// A loopback address where nothing listens: Twilio as the app sees it when offline. Tests
/// never let the app reach the real Twilio. Port 9 (discard) is closed here, and being below
/// 1024 it is never one of the free ports that tauri-driver and WebKitWebDriver are given.
pub fn unreachable_twilio() -> String {
    "http://127.0.0.1:9".to_owned()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub async fn find(app: &Client, css: &str) -> Element {
    app.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css} not found: {e}"))
}

/// Waits until nothing matches `css`, such as a dialog that is closing.
pub async fn gone(app: &Client, css: &str) {
    for _ in 0..150 {
        if app.find(Locator::Css(css)).await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} is still there after 15 s");
}

pub async fn click(app: &Client, css: &str) {
    find(app, css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

pub async fn fill(app: &Client, css: &str, value: &str) {
    let input = find(app, css).await;
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
}

pub async fn text(app: &Client, css: &str) -> String {
    find(app, css).await.text().await.unwrap()
}

/// Waits until the wizard shows page `name` and has finished opening it (saving, reading Twilio).
pub async fn step(app: &Client, name: &str) {
    find(app, &format!("[data-step=\"{name}\"]:not([aria-busy=\"true\"])")).await;
}

/// Done's Finish, once Done has read Twilio's routes: the answer moves the button.
pub async fn finish(app: &Client) {
    step(app, "done").await;
    app.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//*[@data-step='done'][not(.//*[@id='done-routes-reading'])]"))
        .await
        .expect("Done finishes reading the routes");
    click(app, "#wizard-finish").await;
}

pub async fn row_of(app: &Client, name: &str) -> Element {
    let xpath = format!("//tr[@data-account-id][.//*[contains(@class,'name') and normalize-space()='{name}']]");
    match app.wait().at_most(WAIT).for_element(Locator::XPath(&xpath)).await {
        Ok(row) => row,
        Err(e) => {
            screenshot(app, "target/e2e/no-row.png").await;
            panic!("no row for {name}: {e}; what the window showed is in target/e2e/no-row.png")
        }
    }
}

pub async fn cell(row: &Element, css: &str) -> String {
    row.find(Locator::Css(css)).await.unwrap().text().await.unwrap().trim().to_owned()
}

pub async fn screenshot(app: &Client, relative: &str) {
    let png = app.screenshot().await.unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, png).unwrap();
}

pub fn clipboard() -> String {
    let out = Command::new("xclip").args(["-o", "-selection", "clipboard"]).output().expect("xclip is installed");
    String::from_utf8(out.stdout).unwrap()
}

/// The secret of the keyring entry that an account's row points at, read with secret-tool rather than our own
/// code, and how many entries of Channel Desk's hold that same value.
pub async fn keyring_lookup(data_dir: &Path, account_id: &str) -> (String, usize) {
    let pool = channel_desk_core::db::open(&data_dir.join(channel_desk_core::db::FILE_NAME)).await.unwrap();
    let entry: String = sqlx::query_scalar("SELECT secret_entry FROM accounts WHERE id = ?")
        .bind(account_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let service = channel_desk_core::secrets::KEYRING_SERVICE;
    let out = Command::new("secret-tool").args(["lookup", "service", service, "username", &entry]).output().unwrap();
    let secret = String::from_utf8(out.stdout).unwrap();
    // `search` prints each item's secret on stdout (its attributes go to stderr).
    let all = Command::new("secret-tool").args(["search", "--all", "--unlock", "service", service]).output().unwrap();
    let copies = String::from_utf8(all.stdout).unwrap().lines().filter(|l| *l == format!("secret = {secret}")).count();
    (secret, copies)
}

/// A file's bytes, or None when it went away after it was listed; any other failure fails the test.
pub fn read_written(file: &Path) -> Option<Vec<u8>> {
    match std::fs::read(file) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => panic!("cannot read {}: {err}", file.display()),
    }
}

pub fn files_under(dir: &Path, skip: &Path) -> Vec<PathBuf> {
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

/// The value of the input that matches `css`.
pub async fn value(app: &Client, css: &str) -> String {
    find(app, css).await.prop("value").await.unwrap().unwrap_or_default()
}

/// Waits until the text of the element that matches `css` passes `ok`, and returns it.
pub async fn wait_text(app: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    for _ in 0..150 {
        if let Ok(element) = app.find(Locator::Css(css)).await {
            last = element.text().await.unwrap_or_default();
            if ok(&last) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    screenshot(app, "target/e2e/wait-text.png").await;
    panic!("{css} never showed what was expected; it shows {last:?} (target/e2e/wait-text.png)");
}

/// The English text of a catalog message, as the window must show it.
pub fn english(area: &str, key: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../ui/messages/{area}/en.json"));
    let catalog: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    catalog[key].as_str().unwrap_or_else(|| panic!("{} has no message {key}", file.display())).to_owned()
}
