//! Saving and deleting a secret survive SIGKILL at every step. The test runs itself as a child
//! process that pauses before and after every keyring call (the steps between them are SQLite
//! transactions), kills it with SIGKILL at each pause in turn, then opens the desk again and
//! checks that the database and the real keyring agree, and that the account is as it was
//! before or as it was meant to be after. Run inside `tests/with-keyring.sh` (gnome-keyring).
//!
//! A bundle import is one SQLite transaction: killed at moments spread over its run, it leaves
//! the desk exporting exactly what it did before, or exactly the bundle.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use channel_desk_core::bundle::{Bundle, BundleLanguage, BundleTemplate, ImportMode};
use channel_desk_core::model::{
    AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, DraftStatus, TemplateCategory,
};
use channel_desk_core::secrets::{Keyring, Secret, SecretStore};
use channel_desk_core::template::TemplateContent;
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::Desk;
use tokio_util::sync::CancellationToken;

const CHILD: &str = "CHANNEL_DESK_CRASH_CHILD";
const SERVICE: &str = "channel-desk-crash-test";
const OLD: (&str, &str) = ("AC00000000000000000000000000000001", "old-token");
const NEW: (&str, &str) = ("AC00000000000000000000000000000002", "new-token");

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    match std::env::var(CHILD) {
        Ok(op) => runtime.block_on(child(&op)),
        Err(_) => runtime.block_on(parent()),
    }
}

/// A keyring that, once armed, stops before and after every call until told to go on.
struct Pausing {
    keyring: Keyring,
    armed: AtomicBool,
}

impl Pausing {
    fn pause(&self, step: &str) {
        if self.armed.load(Ordering::SeqCst) {
            println!("pause {step}");
            std::io::stdout().flush().unwrap();
            std::io::stdin().lock().read_line(&mut String::new()).unwrap();
        }
    }
}

impl SecretStore for Pausing {
    fn set(&self, key: &str, secret: &Secret) -> channel_desk_core::Result<()> {
        println!("entry {key}");
        self.pause("before set");
        self.keyring.set(key, secret)?;
        self.pause("after set");
        Ok(())
    }
    fn get(&self, key: &str) -> channel_desk_core::Result<Option<Secret>> {
        self.pause("before get");
        let found = self.keyring.get(key)?;
        self.pause("after get");
        Ok(found)
    }
    fn delete(&self, key: &str) -> channel_desk_core::Result<()> {
        self.pause("before delete");
        self.keyring.delete(key)?;
        self.pause("after delete");
        Ok(())
    }
}

async fn open(dir: &Path, secrets: Arc<dyn SecretStore>) -> Desk {
    let twilio = Twilio::new(BaseUrls::default(), Timing::default()).unwrap();
    Desk::open_with(dir, secrets, twilio).await.unwrap()
}

fn details((sid, token): (&str, &str)) -> AccountDetailsInput {
    AccountDetailsInput {
        account_sid: sid.into(),
        auth_method: AuthMethod::AuthToken,
        auth_token: Some(Secret::new(token)),
        api_key_sid: None,
        api_key_secret: None,
    }
}

async fn child(op: &str) {
    let dir = std::env::var("CHANNEL_DESK_DATA_DIR").unwrap();
    let id = std::env::var("CHANNEL_DESK_CRASH_ACCOUNT").unwrap();
    let store = Arc::new(Pausing { keyring: Keyring::new(SERVICE), armed: AtomicBool::new(false) });
    let desk = open(Path::new(&dir), store.clone()).await;
    store.armed.store(true, Ordering::SeqCst);
    match op {
        "save" => drop(desk.accounts.save_account_details(&id, details(NEW)).await.unwrap()),
        "delete" => desk.accounts.delete(&id, false).await.unwrap(),
        "import" => {
            let bundle = Bundle::parse(&std::fs::read(&id).unwrap()).unwrap();
            println!("importing");
            desk.bundles.import(&bundle, ImportMode::Replace, &|_| {}, &CancellationToken::new()).await.unwrap();
        }
        other => panic!("no operation {other}"),
    }
    println!("done");
}

/// What the desk in `dir` holds after a kill, once opened again (which sweeps what a crash left).
struct After {
    /// The account's SID and the secret its row points at, if the account is still there.
    account: Option<(String, Option<String>)>,
    /// The entry the row points at, and the entries `secret_entries` lists.
    entry: Option<String>,
    listed: Vec<String>,
}

async fn entry_of(dir: &Path, id: &str) -> Option<String> {
    let pool = channel_desk_core::db::open(&dir.join(channel_desk_core::db::FILE_NAME)).await.unwrap();
    sqlx::query_scalar("SELECT secret_entry FROM accounts WHERE id = ?")
        .bind(id)
        .fetch_optional(&pool)
        .await
        .unwrap()
        .flatten()
}

async fn after(dir: &Path, id: &str) -> After {
    let keyring = Arc::new(Keyring::new(SERVICE));
    let desk = open(dir, keyring.clone()).await;
    let account = match desk.accounts.get(id).await {
        Ok(account) => {
            let secret = desk.accounts.credentials(id).await.ok().map(|c| c.password.expose().to_owned());
            Some((account.account_sid.unwrap(), secret))
        }
        Err(_) => None,
    };
    let pool = channel_desk_core::db::open(&dir.join(channel_desk_core::db::FILE_NAME)).await.unwrap();
    let listed = sqlx::query_scalar("SELECT entry FROM secret_entries").fetch_all(&pool).await.unwrap();
    After { account, entry: entry_of(dir, id).await, listed }
}

/// Runs `op` in a child and kills it at its `kill_at`-th pause; returns the entries it wrote
/// and whether it finished before reaching that pause.
fn run_child(op: &str, dir: &Path, id: &str, kill_at: usize) -> (Vec<String>, bool) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .env(CHILD, op)
        .env("CHANNEL_DESK_DATA_DIR", dir)
        .env("CHANNEL_DESK_CRASH_ACCOUNT", id)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (mut pauses, mut entries) = (0, Vec::new());
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(entry) = line.strip_prefix("entry ") {
            entries.push(entry.to_owned());
        } else if line.starts_with("pause ") {
            if pauses == kill_at {
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                return (entries, false);
            }
            pauses += 1;
            writeln!(stdin, "go").unwrap();
        } else if line == "done" {
            assert!(child.wait().unwrap().success());
            return (entries, true);
        }
    }
    panic!("the {op} child ended without finishing: {:?}", child.wait());
}

/// A bundle of the desk in `dir` with `templates` more templates, and its file.
async fn bigger(dir: &Path, templates: usize) -> (Bundle, std::path::PathBuf) {
    let mut bundle = open(dir, Arc::new(Keyring::new(SERVICE))).await.bundles.export().await.unwrap();
    for i in 0..templates {
        bundle.templates.push(BundleTemplate {
            id: format!("t{i:05}"),
            name: format!("notice_{i}"),
            category: TemplateCategory::Utility,
            account_id: None,
            languages: vec![BundleLanguage {
                id: format!("t{i:05}en"),
                language: "en".into(),
                revision: 1,
                status: DraftStatus::Draft,
                content: TemplateContent::Text { body: format!("Notice {i}: your order has shipped.") },
                variables: Default::default(),
                content_sid: None,
                approval_status: None,
            }],
        });
    }
    let file = dir.join("bundle.json");
    std::fs::write(&file, bundle.to_canonical()).unwrap();
    (bundle, file)
}

/// Kills an import at moments spread over its run; each time the desk exports what it did
/// before or the whole bundle. Returns how many kills landed before the import finished.
async fn imports() -> usize {
    let mut kills = 0;
    for delay_ms in [0u64, 25, 100, 300, 1_000, 3_000] {
        let dir = tempfile::tempdir().unwrap();
        let before = open(dir.path(), Arc::new(Keyring::new(SERVICE))).await.bundles.export().await.unwrap();
        let (bundle, file) = bigger(dir.path(), 3_000).await;
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(CHILD, "import")
            .env("CHANNEL_DESK_DATA_DIR", dir.path())
            .env("CHANNEL_DESK_CRASH_ACCOUNT", &file)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "importing");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL, or nothing if it has finished
        child.wait().unwrap();
        let finished = lines.next().is_some_and(|l| l.unwrap() == "done");
        let after = open(dir.path(), Arc::new(Keyring::new(SERVICE))).await.bundles.export().await.unwrap();
        let at = format!("import killed after {delay_ms} ms");
        if finished {
            assert_eq!(after, bundle, "{at}: it had finished");
        } else {
            assert!(after == before || after == bundle, "{at}: the desk is neither as before nor as the bundle");
            kills += 1;
        }
    }
    kills
}

async fn parent() {
    let import_kills = imports().await;
    assert!(import_kills > 0, "no kill landed while an import ran");
    println!("crash test: killed {import_kills} imports midway; each desk was as before or as the bundle");
    let keyring = Arc::new(Keyring::new(SERVICE));
    let mut kills = 0;
    for op in ["save", "delete"] {
        for kill_at in 0.. {
            let dir = tempfile::tempdir().unwrap();
            let desk = open(dir.path(), keyring.clone()).await;
            let channel = ChannelDetailsInput { name: "Contoso".into(), channel: Channel::Whatsapp };
            let id = desk.accounts.create_draft(channel).await.unwrap().id;
            desk.accounts.save_account_details(&id, details(OLD)).await.unwrap();
            drop(desk);
            let old_entry = entry_of(dir.path(), &id).await.unwrap();

            let (mut written, finished) = run_child(op, dir.path(), &id, kill_at);
            let after = after(dir.path(), &id).await;
            let at = format!("{op}, killed at pause {kill_at}");
            let before = Some((OLD.0.to_owned(), Some(OLD.1.to_owned())));
            let meant = match op {
                "save" => Some((NEW.0.to_owned(), Some(NEW.1.to_owned()))),
                _ => None,
            };
            assert!(after.account == before || after.account == meant, "{at}: the account is {:?}", after.account);
            if finished {
                assert_eq!(after.account, meant, "{at}: the operation finished");
            }
            // Of the entry it started from and those the child wrote, the keyring holds only the
            // one the row points at, and only that one stays listed.
            let pointed: Vec<String> = after.entry.into_iter().collect();
            assert_eq!(after.listed, pointed, "{at}: listed entries");
            written.push(old_entry);
            for entry in written {
                let in_keyring = keyring.get(&entry).unwrap().is_some();
                assert_eq!(in_keyring, pointed.contains(&entry), "{at}: entry {entry} in the keyring: {in_keyring}");
            }
            if finished {
                println!("{op}: {kill_at} kill points, then a run to the end");
                break;
            }
            kills += 1;
        }
    }
    println!("crash test: killed the child with SIGKILL at {kills} points; every state after was consistent");
}
