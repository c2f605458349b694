//! Config bundles: the whole desk exported as one canonical file, the same bytes every time,
//! with no secret in it, and a change shown in a diff as that change alone.

mod common;

use channel_desk_core::bundle::{
    diff, Bundle, BundleNumber, BundleQueue, Change, EntityDiff, EntityKind, FieldChange, ImportMode, ImportProgress,
    DEFAULT_QUEUE, MAX_BYTES, SCHEMA_VERSION,
};
use channel_desk_core::error::Param;
use channel_desk_core::model::{
    AutomatedMessage, Behaviours, Channel, DistributionMode, FallbackQueueInput, LibrarySearch, MessageTrigger,
    NewTemplateInput, NewWorkstreamInput, NumberInput, QueueInput, QueueKind, Survey, SurveyDelivery, TemplateCategory,
    TemplateRef, WorkstreamKind,
};
use channel_desk_core::secrets::Secret;
use channel_desk_core::template::TemplateContent;
use channel_desk_core::{Desk, ErrorCode};
use common::{complete_account, desk, TOKEN};
use proptest::prelude::*;
use serde_json::json;
use tokio_util::sync::CancellationToken;

/// Not the test token's digits, which the file is searched for.
const HX: &str = "HXfedcba9876543210fedcba9876543210";

/// A desk with some of everything: two accounts (one a draft), a callback base URL, a queue, a
/// workstream set up for WhatsApp, and a template in two languages, one published.
async fn furnish(desk: &Desk) {
    desk.settings.set_callback_base_url("https://desk.example.com/hooks").await.unwrap();
    let account = complete_account(desk, "Contoso", &[("Support", "+14155550100"), ("Sales", "+14155550101")]).await;
    desk.accounts.create_draft(common::channel("Fabrikam")).await.unwrap();
    let queue = desk.queues.create(QueueInput { name: "Tier 2".into(), kind: QueueKind::Messaging }).await.unwrap();
    let workstream = desk
        .workstreams
        .create(NewWorkstreamInput {
            name: "WhatsApp support".into(),
            kind: WorkstreamKind::Messaging,
            channel: Channel::Whatsapp,
            mode: DistributionMode::Push,
            fallback_queue: FallbackQueueInput::Existing { id: queue.id },
        })
        .await
        .unwrap();
    desk.setups.save_number(&workstream.id, &account.numbers[0].id).await.unwrap();
    desk.setups.save_language(&workstream.id, "en").await.unwrap();
    let behaviours = Behaviours {
        automated_messages: vec![AutomatedMessage {
            trigger: MessageTrigger::Greeting,
            text: "Hi, I am {AgentName}.".into(),
        }],
        survey: Survey { enabled: false, reference: None, message: None, delivery: SurveyDelivery::SendLink },
        templates: vec![TemplateRef { content_sid: HX.into(), language: "en".into(), text: "Hello {{1}}.".into() }],
    };
    desk.setups.save_behaviours(&workstream.id, behaviours).await.unwrap();
    let family = desk
        .library
        .create(NewTemplateInput {
            name: "order_update".into(),
            category: TemplateCategory::Utility,
            account_id: Some(account.id.clone()),
            language: "en".into(),
            content: TemplateContent::Text { body: "Hello {{1}}, your order shipped.".into() },
            variables: [("1".to_owned(), "Maria".to_owned())].into(),
        })
        .await
        .unwrap();
    desk.library.published(&family.drafts[0].id, HX).await.unwrap();
    let german = channel_desk_core::model::NewLanguageInput {
        language: "de".into(),
        content: TemplateContent::Text { body: "Hallo {{1}}, Ihre Bestellung ist unterwegs.".into() },
        variables: [("1".to_owned(), "Maria".to_owned())].into(),
    };
    desk.library.add_language(&family.id, german).await.unwrap();
}

fn text(bundle: &Bundle) -> String {
    String::from_utf8(bundle.to_canonical()).unwrap()
}

#[tokio::test]
async fn the_same_desk_exports_the_same_bytes_with_everything_in_it_and_no_secret() {
    let f = desk().await;
    furnish(&f.desk).await;
    let first = f.desk.bundles.export().await.unwrap();
    let second = f.desk.bundles.export().await.unwrap();
    assert_eq!(first.to_canonical(), second.to_canonical(), "byte-identical");

    assert_eq!(first.schema, SCHEMA_VERSION);
    assert_eq!(first.settings.callback_base_url.as_deref(), Some("https://desk.example.com/hooks"));
    let accounts: Vec<(&str, usize)> = first.accounts.iter().map(|a| (a.name.as_str(), a.numbers.len())).collect();
    assert_eq!(accounts.len(), 2);
    assert!(accounts.contains(&("Contoso", 2)) && accounts.contains(&("Fabrikam", 0)));
    assert_eq!(first.queues.len(), 2, "the default queue and Tier 2");
    let setup = first.workstreams[0].whatsapp.as_ref().unwrap();
    let contoso = first.accounts.iter().find(|a| a.name == "Contoso").unwrap();
    assert!(contoso.numbers.iter().any(|n| Some(&n.id) == setup.number_id.as_ref()), "the setup names its number");
    assert_eq!(setup.behaviours.templates[0].content_sid, HX);
    let languages: Vec<(&str, Option<&str>)> =
        first.templates[0].languages.iter().map(|l| (l.language.as_str(), l.content_sid.as_deref())).collect();
    assert_eq!(languages, [("de", None), ("en", Some(HX))]);

    let file = text(&first);
    assert!(!file.contains(TOKEN), "the Auth token stays in the keyring");
    for (list, ids) in [
        ("accounts", first.accounts.iter().map(|a| a.id.clone()).collect::<Vec<_>>()),
        ("queues", first.queues.iter().map(|q| q.id.clone()).collect()),
    ] {
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "{list} in the order of their ids");
    }
    let top: Vec<&str> =
        file.lines().filter(|l| l.starts_with("  \"")).map(|l| l.trim().split('"').nth(1).unwrap()).collect();
    assert_eq!(top, ["accounts", "queues", "schema", "settings", "templates", "workstreams"], "keys sorted");
    assert!(!file.contains("createdAt") && !file.contains("updatedAt"), "no time that changes on every export");
}

#[tokio::test]
async fn one_change_shows_as_that_line_alone() {
    let f = desk().await;
    furnish(&f.desk).await;
    let before = text(&f.desk.bundles.export().await.unwrap());
    let account = f.desk.bundles.export().await.unwrap().accounts.into_iter().find(|a| a.name == "Contoso").unwrap();
    let number = account.numbers.iter().find(|n| n.name == "Sales").unwrap();
    f.desk
        .accounts
        .update_number(&number.id, NumberInput { name: "Sales".into(), number: "+14155550102".into() })
        .await
        .unwrap();
    let after = text(&f.desk.bundles.export().await.unwrap());
    let (old, new): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(old.len(), new.len());
    let changed: Vec<(&str, &str)> = old.iter().zip(&new).filter(|(a, b)| a != b).map(|(a, b)| (*a, *b)).collect();
    assert_eq!(changed, [("          \"number\": \"+14155550101\"", "          \"number\": \"+14155550102\"")]);
}

#[test]
fn the_committed_schema_describes_this_format() {
    let schema: serde_json::Value = serde_json::from_str(&Bundle::json_schema()).unwrap();
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required, ["schema", "settings", "accounts", "queues", "workstreams", "templates"]);
    assert_eq!(schema["properties"]["accounts"]["items"]["$ref"], "#/$defs/BundleAccount");
    assert!(schema["$defs"]["BundleAccount"]["properties"].get("authToken").is_none(), "no place for a secret");
}

/// The furnished desk's bundle as JSON, to break in one place.
async fn exported() -> serde_json::Value {
    let f = desk().await;
    furnish(&f.desk).await;
    serde_json::from_slice(&f.desk.bundles.export().await.unwrap().to_canonical()).unwrap()
}

/// The refusal of `value`'s file, as (rule, pointer).
fn refusal(value: &serde_json::Value) -> (String, String) {
    refusal_of(&serde_json::to_vec(value).unwrap())
}

fn refusal_of(bytes: &[u8]) -> (String, String) {
    let err = Bundle::parse(bytes).unwrap_err();
    assert_eq!(err.code, ErrorCode::BundleInvalid);
    let param = |name: &str| match err.params.get(name) {
        Some(Param::Text(text)) => text.clone(),
        other => panic!("{name} is {other:?}"),
    };
    (param("rule"), param("pointer"))
}

fn pair(rule: &str, pointer: &str) -> (String, String) {
    (rule.to_owned(), pointer.to_owned())
}

#[tokio::test]
async fn an_exported_file_reads_back_as_the_same_bundle() {
    let f = desk().await;
    furnish(&f.desk).await;
    let bundle = f.desk.bundles.export().await.unwrap();
    assert_eq!(Bundle::parse(&bundle.to_canonical()).unwrap(), bundle);
}

#[tokio::test]
async fn hostile_files_are_refused_naming_the_rule_and_where() {
    let good = exported().await;
    let broken = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut value = good.clone();
        change(&mut value);
        refusal(&value)
    };

    let mut huge = b"{\"schema\": 1, \"padding\": \"".to_vec();
    huge.resize(MAX_BYTES + 1, b'x');
    assert_eq!(refusal_of(&huge), pair("too_large", ""));
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(refusal_of(deep.as_bytes()), pair("too_deep", ""));
    let brackets_in_text = format!("{{\"schema\": 1, \"x\": \"{}\"}}", "[".repeat(1000));
    assert_ne!(refusal_of(brackets_in_text.as_bytes()).0, "too_deep", "brackets inside a string are text");
    assert_eq!(refusal_of(b"{\"schema\": 1,"), pair("not_json", ""));

    assert_eq!(broken(&|v| v["schema"] = json!(SCHEMA_VERSION + 1)), pair("too_new", ""));
    assert_eq!(broken(&|v| v["schema"] = json!("1")), pair("wrong_type", "/schema"));
    assert_eq!(broken(&|v| v["workstreams"][0]["name"] = json!(7)), pair("wrong_type", "/workstreams/0/name"));
    assert_eq!(
        broken(&|v| v["templates"][0]["languages"][1]["revision"] = json!(-1)),
        pair("wrong_type", "/templates/0/languages/1/revision")
    );
    assert_eq!(
        broken(&|v| v["accounts"][0]["authToken"] = json!("0123")),
        pair("unknown_field", "/accounts/0/authToken")
    );
    assert_eq!(
        broken(&|v| v["workstreams"][0]["distribution"]["colour"] = json!("red")),
        pair("unknown_field", "/workstreams/0/distribution/colour")
    );
    assert_eq!(broken(&|v| v["queues"][1]["id"] = v["queues"][0]["id"].clone()), pair("duplicate_id", "/queues/1/id"));
    assert_eq!(
        broken(&|v| v["workstreams"][0]["fallbackQueueId"] = json!("gone")),
        pair("missing_reference", "/workstreams/0/fallbackQueueId")
    );
    assert_eq!(
        broken(&|v| v["workstreams"][0]["whatsapp"]["numberId"] = json!("gone")),
        pair("missing_reference", "/workstreams/0/whatsapp/numberId")
    );
    assert_eq!(
        broken(&|v| v["templates"][0]["accountId"] = json!("gone")),
        pair("missing_reference", "/templates/0/accountId")
    );
}

/// Runs of the fuzz below: 2,000, or `BUNDLE_FUZZ_CASES` for a longer search.
fn fuzz_cases() -> u32 {
    std::env::var("BUNDLE_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases()))]

    /// Any bytes, and any one byte of a real bundle changed, read without a panic: a bundle or
    /// a refusal.
    #[test]
    fn the_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512), at in any::<usize>(), byte in any::<u8>()) {
        let _ = Bundle::parse(&bytes);
        let mut file = SAMPLE.as_bytes().to_vec();
        let at = at % file.len();
        file[at] = byte;
        let _ = Bundle::parse(&file);
    }
}

/// A small bundle of every kind of entity, for the fuzz to break.
const SAMPLE: &str = r#"{"schema": 1, "settings": {"callbackBaseUrl": "https://x.example.com"},
 "accounts": [{"id": "a", "name": "A", "channel": "whatsapp", "status": "complete", "accountSid": "AC0123456789abcdef0123456789abcdef",
   "authMethod": "auth_token", "apiKeySid": null, "numbers": [{"id": "n", "name": "N", "number": "+14155550100"}]}],
 "queues": [{"id": "q", "name": "Q", "kind": "messaging", "isDefault": true}],
 "workstreams": [], "templates": [{"id": "t", "name": "t", "category": "utility", "accountId": "a", "languages": [
   {"id": "l", "language": "en", "revision": 1, "status": "draft", "content": {"type": "twilio/text", "body": "Hi {{1}}"},
    "variables": {"1": "x"}, "contentSid": null, "approvalStatus": null}]}]}"#;

#[test]
fn the_fuzz_sample_is_a_bundle() {
    Bundle::parse(SAMPLE.as_bytes()).unwrap();
}

#[tokio::test]
async fn the_dry_run_names_each_entity_added_changed_removed_or_unchanged_field_by_field() {
    let f = desk().await;
    furnish(&f.desk).await;
    let desk = f.desk.bundles.export().await.unwrap();
    assert!(diff(&desk, &desk).iter().all(|e| e.change == Change::Unchanged));

    let mut bundle = desk.clone();
    bundle.workstreams[0].name = "WhatsApp care".into();
    bundle.workstreams[0].distribution.auto_close_after_minutes = 60;
    bundle.queues.push(BundleQueue {
        id: "q-new".into(),
        name: "Tier 3".into(),
        kind: QueueKind::Messaging,
        is_default: false,
    });
    bundle.templates.clear();
    let changes = diff(&desk, &bundle);
    let of = |kind: EntityKind| -> Vec<(&str, &Change)> {
        changes.iter().filter(|e| e.kind == kind).map(|e| (e.name.as_str(), &e.change)).collect()
    };
    let renamed = Change::Changed {
        fields: vec![
            FieldChange {
                field: "/distribution/autoCloseAfterMinutes".into(),
                old: Some(json!(43200)),
                new: Some(json!(60)),
            },
            FieldChange {
                field: "/name".into(),
                old: Some(json!("WhatsApp support")),
                new: Some(json!("WhatsApp care")),
            },
        ],
    };
    assert_eq!(of(EntityKind::Workstream), [("WhatsApp care", &renamed)]);
    assert!(of(EntityKind::Queue).contains(&("Tier 3", &Change::Added)));
    assert_eq!(of(EntityKind::Template), [("order_update", &Change::Removed)]);
    assert_eq!(of(EntityKind::TemplateLanguage).len(), 2, "both languages go with their template");
    assert!(of(EntityKind::TemplateLanguage).iter().all(|(_, c)| **c == Change::Removed));
    assert!(of(EntityKind::Account).iter().all(|(_, c)| **c == Change::Unchanged));
}

#[tokio::test]
async fn every_desk_s_default_queue_is_the_same_queue_to_the_dry_run() {
    let (a, b) = (desk().await, desk().await);
    let (from, to) = (a.desk.bundles.export().await.unwrap(), b.desk.bundles.export().await.unwrap());
    assert_ne!(from.queues[0].id, to.queues[0].id, "each desk made its own");
    let changes = diff(&from, &to);
    let queues: Vec<(&str, &Change)> =
        changes.iter().filter(|e| e.kind == EntityKind::Queue).map(|e| (e.id.as_str(), &e.change)).collect();
    assert_eq!(queues, [(DEFAULT_QUEUE, &Change::Unchanged)]);
}

#[tokio::test]
async fn secrets_travel_only_sealed_with_the_passphrase_and_a_wrong_one_reads_nothing() {
    let f = desk().await;
    furnish(&f.desk).await;
    assert!(f.desk.bundles.export().await.unwrap().secrets.is_none(), "left out unless asked for");
    let err = f.desk.export_with_secrets(&Secret::new("")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::Required, Some("passphrase")));

    let sealed = f.desk.export_with_secrets(&Secret::new("correct horse battery")).await.unwrap();
    let file = sealed.to_canonical();
    let text = String::from_utf8(file.clone()).unwrap();
    assert!(!text.contains(TOKEN), "the token is sealed");
    assert!(text.contains("-----BEGIN AGE ENCRYPTED FILE-----"));
    let without: Bundle = Bundle { secrets: None, ..sealed.clone() };
    assert_eq!(without, f.desk.bundles.export().await.unwrap(), "the rest is the plain bundle");

    let read = Bundle::parse(&file).unwrap();
    let contoso = read.accounts.iter().find(|a| a.name == "Contoso").unwrap();
    let secrets = read.open_secrets(&Secret::new("correct horse battery")).unwrap();
    let opened: Vec<(&str, &str)> = secrets.iter().map(|(id, s)| (id.as_str(), s.expose())).collect();
    assert_eq!(opened, [(contoso.id.as_str(), TOKEN)], "the draft account has no secret to carry");

    let err = read.open_secrets(&Secret::new("correct horse battery staple")).unwrap_err();
    assert_eq!(err.code, ErrorCode::BundleInvalid);
    assert_eq!(err.params.get("rule"), Some(&Param::Text("wrong_passphrase".into())));
    let mut damaged = read.clone();
    damaged.secrets = Some(read.secrets.unwrap().replace("-----BEGIN", "-----BEGUN"));
    let err = damaged.open_secrets(&Secret::new("correct horse battery")).unwrap_err();
    assert_eq!(err.params.get("rule"), Some(&Param::Text("secrets_damaged".into())));
}

/// Imports with no one watching the progress, and no Cancel.
async fn import(desk: &Desk, bundle: &Bundle, mode: ImportMode) -> channel_desk_core::Result<Vec<EntityDiff>> {
    let outcome = desk.bundles.import(bundle, mode, &|_| {}, &CancellationToken::new()).await?;
    assert!(!outcome.cancelled);
    Ok(outcome.changes)
}

fn rule(err: &channel_desk_core::Error) -> (ErrorCode, Option<String>, Option<String>) {
    let text = |name: &str| match err.params.get(name) {
        Some(Param::Text(t)) => Some(t.clone()),
        _ => None,
    };
    (err.code, text("rule"), text("pointer"))
}

#[tokio::test]
async fn export_import_into_an_empty_desk_export_gives_the_same_bytes() {
    let (from, to) = (desk().await, desk().await);
    furnish(&from.desk).await;
    let file = from.desk.bundles.export().await.unwrap().to_canonical();
    let changes = import(&to.desk, &Bundle::parse(&file).unwrap(), ImportMode::Merge).await.unwrap();
    assert!(changes.iter().any(|e| e.change == Change::Added));
    assert_eq!(to.desk.bundles.export().await.unwrap().to_canonical(), file, "byte-identical");

    let again = import(&to.desk, &Bundle::parse(&file).unwrap(), ImportMode::Merge).await.unwrap();
    assert!(again.iter().all(|e| e.change == Change::Unchanged), "a second import changes nothing");
    let found = to.desk.library.search(&LibrarySearch { text: "unterwegs".into(), ..Default::default() }).await;
    assert_eq!(found.unwrap().rows.len(), 1, "imported texts are in the search index");
    let workstream = to.desk.workstreams.list().await.unwrap().remove(0);
    let setup = to.desk.workstreams.get(&workstream.id).await.unwrap().whatsapp.unwrap();
    assert_eq!(setup.number.unwrap().number, "+14155550100", "the setup keeps its number");
}

#[tokio::test]
async fn merge_keeps_what_the_bundle_lacks_and_replace_removes_it() {
    let f = desk().await;
    furnish(&f.desk).await;
    let bundle = f.desk.bundles.export().await.unwrap();
    let extra =
        f.desk.queues.create(QueueInput { name: "Night shift".into(), kind: QueueKind::Messaging }).await.unwrap();

    import(&f.desk, &bundle, ImportMode::Merge).await.unwrap();
    assert!(f.desk.queues.list().await.unwrap().iter().any(|q| q.id == extra.id), "merge keeps it");
    let changes = import(&f.desk, &bundle, ImportMode::Replace).await.unwrap();
    assert!(changes.iter().any(|e| e.id == extra.id && e.change == Change::Removed));
    assert!(!f.desk.queues.list().await.unwrap().iter().any(|q| q.id == extra.id), "replace removes it");
    assert_eq!(f.desk.bundles.export().await.unwrap(), bundle);

    let mut swapped = bundle.clone();
    let (a, b) = (swapped.queues[0].name.clone(), swapped.queues[1].name.clone());
    (swapped.queues[0].name, swapped.queues[1].name) = (b, a);
    import(&f.desk, &swapped, ImportMode::Merge).await.unwrap();
    assert_eq!(f.desk.bundles.export().await.unwrap(), swapped, "two names swapped in one import");
}

#[tokio::test]
async fn an_import_with_any_problem_writes_nothing_and_names_where() {
    let f = desk().await;
    furnish(&f.desk).await;
    let before = f.desk.bundles.export().await.unwrap();

    let mut bad = before.clone();
    bad.workstreams[0].name = "Renamed".into();
    let contoso = bad.accounts.iter().position(|a| a.name == "Contoso").unwrap();
    bad.accounts[contoso].numbers.push(BundleNumber {
        id: "n-new".into(),
        name: "Spare".into(),
        number: "not a number".into(),
    });
    let err = import(&f.desk, &bad, ImportMode::Merge).await.unwrap_err();
    let contoso = bad.accounts.iter().position(|a| a.name == "Contoso").unwrap();
    let spare = bad.accounts[contoso].numbers.len() - 1;
    let pointer = format!("/accounts/{contoso}/numbers/{spare}");
    assert_eq!(rule(&err), (ErrorCode::InvalidPhoneNumber, None, Some(pointer)));
    assert_eq!(f.desk.bundles.export().await.unwrap(), before, "nothing written");

    let mut locked = before.clone();
    locked.workstreams[0].mode = DistributionMode::Pick;
    let err = import(&f.desk, &locked, ImportMode::Merge).await.unwrap_err();
    assert_eq!(rule(&err), (ErrorCode::ModeLocked, None, Some("/workstreams/0/mode".into())));

    // A name the desk keeps (merge leaves its queue) is the database's to refuse.
    let taken =
        f.desk.queues.create(QueueInput { name: "Night shift".into(), kind: QueueKind::Messaging }).await.unwrap();
    let mut clash = before.clone();
    clash.queues.push(BundleQueue {
        id: "q-other".into(),
        name: "night SHIFT".into(),
        kind: QueueKind::Messaging,
        is_default: false,
    });
    clash.workstreams[0].name = "Renamed".into();
    let err = import(&f.desk, &clash, ImportMode::Merge).await.unwrap_err();
    let pointer = format!("/queues/{}", clash.queues.len() - 1);
    assert_eq!(rule(&err), (ErrorCode::BundleInvalid, Some("rejected".into()), Some(pointer)));
    let after = f.desk.bundles.export().await.unwrap();
    assert_eq!(after.workstreams, before.workstreams, "the rename before the refusal was rolled back");
    assert!(after.queues.iter().any(|q| q.id == taken.id));
}

#[tokio::test]
async fn an_import_with_the_passphrase_puts_the_tokens_in_the_keyring_and_a_wrong_one_imports_nothing() {
    let (from, to) = (desk().await, desk().await);
    furnish(&from.desk).await;
    let sealed = from.desk.export_with_secrets(&Secret::new("correct horse battery")).await.unwrap();
    let empty = to.desk.bundles.export().await.unwrap();

    let err = to
        .desk
        .import_bundle(&sealed, ImportMode::Merge, Some(&Secret::new("wrong")), &|_| {}, &CancellationToken::new())
        .await
        .unwrap_err();
    assert_eq!(rule(&err).1.as_deref(), Some("wrong_passphrase"));
    assert_eq!(to.desk.bundles.export().await.unwrap(), empty, "nothing imported");

    to.desk
        .import_bundle(
            &sealed,
            ImportMode::Merge,
            Some(&Secret::new("correct horse battery")),
            &|_| {},
            &CancellationToken::new(),
        )
        .await
        .unwrap();
    let contoso = sealed.accounts.iter().find(|a| a.name == "Contoso").unwrap();
    assert_eq!(to.desk.accounts.credentials(&contoso.id).await.unwrap().password.expose(), TOKEN);
    assert_eq!(
        to.desk.bundles.export().await.unwrap().to_canonical(),
        Bundle { secrets: None, ..sealed }.to_canonical()
    );
}

/// The app and the command line on one data folder: a page saved while an import runs waits for
/// it, and both land; at worst one would be told to try again (reason `busy`).
#[tokio::test(flavor = "multi_thread")]
async fn a_page_saved_while_the_command_line_imports_waits_and_both_land() {
    let f = desk().await;
    furnish(&f.desk).await;
    let mut bundle = f.desk.bundles.export().await.unwrap();
    for i in 0..2_000 {
        let mut t = bundle.templates[0].clone();
        t.id = format!("t{i:05}");
        t.name = format!("notice_{i}");
        t.languages.truncate(1);
        t.languages[0].id = format!("t{i:05}l");
        t.languages[0].status = channel_desk_core::model::DraftStatus::Draft;
        t.languages[0].content_sid = None;
        bundle.templates.push(t);
    }
    let cli =
        common::open_desk(f.dir.path(), std::sync::Arc::new(channel_desk_core::secrets::MemoryStore::default())).await;
    let running = tokio::spawn(async move { import(&cli, &bundle, ImportMode::Merge).await });
    let (mut saved, mut longest_wait) = (Vec::new(), std::time::Duration::ZERO);
    for i in 0..20 {
        let name = format!("Queue {i}");
        let started = std::time::Instant::now();
        let result = f.desk.queues.create(QueueInput { name: name.clone(), kind: QueueKind::Messaging }).await;
        longest_wait = longest_wait.max(started.elapsed());
        match result {
            Ok(_) => saved.push(name),
            Err(err) => assert_eq!(err.params.get("reason"), Some(&Param::Text("busy".into())), "{err:?}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    running.await.unwrap().unwrap();
    let after = f.desk.bundles.export().await.unwrap();
    assert_eq!(after.templates.len(), 2_001, "the import landed");
    let queues: Vec<&str> = after.queues.iter().map(|q| q.name.as_str()).collect();
    assert!(saved.iter().all(|n| queues.contains(&n.as_str())), "every page saved is kept");
    assert!(!saved.is_empty());
    assert!(longest_wait > std::time::Duration::from_millis(50), "a save waited for the import: {longest_wait:?}");
}

#[tokio::test]
async fn a_long_import_reports_its_progress_and_cancelled_before_the_commit_writes_nothing() {
    let f = desk().await;
    furnish(&f.desk).await;
    let before = f.desk.bundles.export().await.unwrap();
    let mut bundle = before.clone();
    for i in 0..1_200 {
        bundle.queues.push(BundleQueue {
            id: format!("q{i:05}"),
            name: format!("Queue {i}"),
            kind: QueueKind::Messaging,
            is_default: false,
        });
    }
    let seen = std::sync::Mutex::new(Vec::new());
    let cancel = CancellationToken::new();
    let on_progress = |p: ImportProgress| {
        seen.lock().unwrap().push(p);
        cancel.cancel();
    };
    let outcome = f.desk.bundles.import(&bundle, ImportMode::Merge, &on_progress, &cancel).await.unwrap();
    assert!(outcome.cancelled);
    assert_eq!(seen.lock().unwrap().clone(), [ImportProgress { written: 500, total: 1_200 }]);
    assert_eq!(f.desk.bundles.export().await.unwrap(), before, "nothing written");

    let seen = std::sync::Mutex::new(Vec::new());
    let on_progress = |p: ImportProgress| seen.lock().unwrap().push(p.written);
    let outcome =
        f.desk.bundles.import(&bundle, ImportMode::Merge, &on_progress, &CancellationToken::new()).await.unwrap();
    assert!(!outcome.cancelled);
    assert_eq!(seen.into_inner().unwrap(), [500, 1_000, 1_200]);
    assert_eq!(f.desk.bundles.export().await.unwrap().queues.len(), 1_202);
}
