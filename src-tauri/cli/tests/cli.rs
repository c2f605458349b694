//! The command line on a desk seeded through the core, as a user runs it: the same data folder
//! as the app, output on stdout, errors on stderr with the app's codes and a failing exit code.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use channel_desk_core::bundle::Bundle;
use channel_desk_core::model::{
    AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, NewTemplateInput, TemplateCategory,
};
use channel_desk_core::secrets::{MemoryStore, Secret};
use channel_desk_core::template::TemplateContent;
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::Desk;

fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_channel-desk-cli"))
        .args(args)
        .env("CHANNEL_DESK_DATA_DIR", dir)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A desk with one template, in `dir`; its bundle.
async fn seeded(dir: &Path) -> Bundle {
    let twilio = Twilio::new(BaseUrls::default(), Timing::default()).unwrap();
    let desk = Desk::open_with(dir, Arc::new(MemoryStore::default()), twilio).await.unwrap();
    let input = NewTemplateInput {
        name: "order_update".into(),
        category: TemplateCategory::Utility,
        account_id: None,
        language: "en".into(),
        content: TemplateContent::Text { body: "Hello {{1}}, your order from our shop has shipped.".into() },
        variables: [("1".to_owned(), "Maria".to_owned())].into(),
    };
    desk.library.create(input).await.unwrap();
    desk.bundles.export().await.unwrap()
}

#[tokio::test]
async fn export_writes_the_desk_s_bundle_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = seeded(dir.path()).await;
    let first = cli(dir.path(), &["export"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(first.stdout, bundle.to_canonical());
    assert!(cli(dir.path(), &["export", "--output", "dev.json"]).status.success());
    assert_eq!(std::fs::read(dir.path().join("dev.json")).unwrap(), first.stdout, "byte-identical");
}

#[tokio::test]
async fn diff_shows_what_an_import_would_change_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut bundle = seeded(dir.path()).await;
    bundle.templates[0].name = "order_shipped".into();
    bundle.settings.callback_base_url = Some("https://desk.example.com".into());
    std::fs::write(dir.path().join("prod.json"), bundle.to_canonical()).unwrap();

    let against_desk = cli(dir.path(), &["diff", "prod.json"]);
    assert!(against_desk.status.success(), "{}", stderr(&against_desk));
    let text = stdout(&against_desk);
    assert!(text.contains("    /name: \"order_update\" → \"order_shipped\""), "{text}");
    assert!(text.contains("    /callbackBaseUrl: null → \"https://desk.example.com\""), "{text}");
    assert!(text.ends_with("2 changed, 2 unchanged\n"), "{text}");

    std::fs::write(dir.path().join("dev.json"), cli(dir.path(), &["export"]).stdout).unwrap();
    let files = cli(dir.path(), &["diff", "dev.json", "prod.json", "--json"]);
    let changes: serde_json::Value = serde_json::from_slice(&files.stdout).unwrap();
    let kinds: Vec<&str> = changes.as_array().unwrap().iter().map(|c| c["change"]["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["changed", "unchanged", "changed", "unchanged"]);
}

#[tokio::test]
async fn import_says_what_a_dry_run_would_do_then_merges_or_replaces() {
    let (dev, prod) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    seeded(dev.path()).await;
    assert!(cli(dev.path(), &["export", "-o", "desk.json"]).status.success());
    let file = dev.path().join("desk.json");
    let file = file.to_str().unwrap();
    let before = cli(prod.path(), &["export"]).stdout;

    let dry = cli(prod.path(), &["import", file, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let text = stdout(&dry);
    assert!(text.contains("+ template order_update ("), "{text}");
    assert!(text.ends_with("Dry run, nothing written. A merge keeps the 0 marked -.\n"), "{text}");
    assert_eq!(cli(prod.path(), &["export"]).stdout, before, "a dry run writes nothing");

    let neither = cli(prod.path(), &["import", file]);
    assert_eq!(neither.status.code(), Some(2), "--dry-run or --apply, said out loud");

    let applied = cli(prod.path(), &["import", file, "--apply"]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    assert_eq!(cli(prod.path(), &["export"]).stdout, std::fs::read(file).unwrap(), "prod now exports dev's bundle");

    let mut smaller: Bundle = Bundle::parse(&std::fs::read(file).unwrap()).unwrap();
    smaller.templates.clear();
    std::fs::write(prod.path().join("smaller.json"), smaller.to_canonical()).unwrap();
    let merged = cli(prod.path(), &["import", "smaller.json", "--apply"]);
    assert!(stdout(&merged).ends_with("Imported (merge): the 2 marked - stay in the desk.\n"), "{}", stdout(&merged));
    let replaced = cli(prod.path(), &["import", "smaller.json", "--apply", "--replace"]);
    assert!(stdout(&replaced).ends_with("Imported (replace): the 2 marked - were removed.\n"));
    assert_eq!(cli(prod.path(), &["export"]).stdout, smaller.to_canonical());
}

#[tokio::test]
async fn lint_fails_on_a_template_error_in_the_app_s_words() {
    let dir = tempfile::tempdir().unwrap();
    let clean = cli(dir.path(), &["lint"]);
    assert!(clean.status.success());
    let mut bundle = seeded(dir.path()).await;
    assert_eq!(stdout(&cli(dir.path(), &["lint"])), "0 errors, 0 warnings\n");

    bundle.templates[0].languages[0].content = TemplateContent::Text { body: " ".into() };
    std::fs::write(dir.path().join("broken.json"), bundle.to_canonical()).unwrap();
    let broken = cli(dir.path(), &["lint", "broken.json"]);
    assert_eq!(broken.status.code(), Some(1));
    let text = stdout(&broken);
    assert!(text.starts_with("order_update en r1 (/templates/0/languages/0)\n"), "{text}");
    assert!(text.contains("  error[body_required]: The message needs a text.\n"), "{text}");
    let json = cli(dir.path(), &["lint", "broken.json", "--json"]);
    let found: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(found[0]["findings"][0]["code"], "body_required");
}

#[tokio::test]
async fn a_refused_file_is_named_on_stderr_with_its_code_and_a_failing_exit() {
    let dir = tempfile::tempdir().unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&seeded(dir.path()).await.to_canonical()).unwrap();
    value["templates"][0]["colour"] = "red".into();
    std::fs::write(dir.path().join("odd.json"), serde_json::to_vec(&value).unwrap()).unwrap();
    let odd = cli(dir.path(), &["diff", "odd.json"]);
    assert_eq!(odd.status.code(), Some(1));
    assert_eq!(stderr(&odd), "error[bundle_invalid]: /templates/0/colour is not a field of the bundle format.\n");
    assert!(odd.stdout.is_empty());

    let missing = cli(dir.path(), &["lint", "nowhere.json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).starts_with("error[storage]: Could not read nowhere.json: "), "{}", stderr(&missing));
}

/// Through the real keyring: run inside tests/with-keyring.sh, as `make core-test` does.
#[tokio::test]
async fn export_with_secrets_seals_the_keyring_s_token_with_the_passphrase_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let token = "00ff00ff00ff00ff00ff00ff00ff00ff";
    let desk = Desk::open(dir.path()).await.unwrap();
    let account = desk
        .accounts
        .create_draft(ChannelDetailsInput { name: "Contoso".into(), channel: Channel::Whatsapp })
        .await
        .unwrap();
    let details = AccountDetailsInput {
        account_sid: "AC0123456789abcdef0123456789abcdef".into(),
        auth_method: AuthMethod::AuthToken,
        auth_token: Some(Secret::new(token)),
        api_key_sid: None,
        api_key_secret: None,
    };
    desk.accounts.save_account_details(&account.id, details).await.unwrap();
    drop(desk);

    let output = Command::new(env!("CARGO_BIN_EXE_channel-desk-cli"))
        .args(["export", "--with-secrets", "--output", "sealed.json"])
        .env("CHANNEL_DESK_DATA_DIR", dir.path())
        .env("CHANNEL_DESK_PASSPHRASE", "tr0ub4dor&3")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let file = std::fs::read(dir.path().join("sealed.json")).unwrap();
    assert!(!file.windows(token.len()).any(|w| w == token.as_bytes()), "no token bytes in the file");
    let secrets = Bundle::parse(&file).unwrap().open_secrets(&Secret::new("tr0ub4dor&3")).unwrap();
    assert_eq!(secrets[&account.id].expose(), token);

    let other = tempfile::tempdir().unwrap();
    let sealed = dir.path().join("sealed.json");
    let import = |passphrase: &str| {
        Command::new(env!("CARGO_BIN_EXE_channel-desk-cli"))
            .args(["import", sealed.to_str().unwrap(), "--apply"])
            .env("CHANNEL_DESK_DATA_DIR", other.path())
            .env("CHANNEL_DESK_PASSPHRASE", passphrase)
            .output()
            .unwrap()
    };
    let wrong = import("tr0ub4dor&4");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).starts_with("error[bundle_invalid]: The passphrase does not open"), "{}", stderr(&wrong));
    assert!(import("tr0ub4dor&3").status.success());
    let desk = Desk::open(other.path()).await.unwrap();
    assert_eq!(desk.accounts.credentials(&account.id).await.unwrap().password.expose(), token, "in the keyring");
}

#[test]
fn schema_prints_the_committed_schema() {
    let dir = tempfile::tempdir().unwrap();
    let schema = cli(dir.path(), &["schema"]);
    let committed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/bundle.schema.json")).unwrap();
    assert_eq!(schema.stdout, committed);
}

#[tokio::test]
async fn environments_are_listed_created_and_chosen_and_each_command_can_name_one() {
    let root = tempfile::tempdir().unwrap();
    seeded(root.path()).await;
    let created = cli(root.path(), &["env", "create", "Prod", "--colour", "red"]);
    assert!(created.status.success(), "{}", stderr(&created));
    let prod = root.path().join("environments/prod");
    assert_eq!(
        stdout(&created),
        format!("* Default (grey) {}\n  Prod (red) {}\n", root.path().display(), prod.display())
    );

    let dev_bundle = cli(root.path(), &["export", "-o", "dev.json"]);
    assert!(dev_bundle.status.success());
    let dry = cli(root.path(), &["--env", "prod", "import", "dev.json", "--dry-run"]);
    assert!(stdout(&dry).contains("+ template order_update"), "prod has no template yet: {}", stdout(&dry));
    assert!(cli(root.path(), &["import", "dev.json", "--apply", "--env", "Prod"]).status.success());

    let chosen = cli(root.path(), &["env", "use", "prod"]);
    assert!(stdout(&chosen).contains("* Prod (red)"));
    assert_eq!(
        cli(root.path(), &["export"]).stdout,
        std::fs::read(root.path().join("dev.json")).unwrap(),
        "the current environment is Prod now, with dev's configuration"
    );
    let missing = cli(root.path(), &["--env", "staging", "export"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        stderr(&missing),
        "error[not_found]: There is no environment named \"staging\"; see the list of environments.\n"
    );
}
