//! Importing a bundle of 1,000 accounts (3 numbers each) and 10,000 templates into an empty desk,
//! against the floor: the same rows inserted by prepared statements in one transaction, with
//! their search entries, into another empty desk, in the same run.
//!
//! `cargo bench -p channel-desk-core --bench import`

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use channel_desk_core::bundle::{
    Bundle, BundleAccount, BundleLanguage, BundleNumber, BundleSettings, BundleTemplate, ImportMode, SCHEMA_VERSION,
};
use channel_desk_core::model::{AccountStatus, AuthMethod, Channel, DraftStatus, TemplateCategory};
use channel_desk_core::secrets::MemoryStore;
use channel_desk_core::template::TemplateContent;
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::{db, Desk};
use sqlx::types::Json;
use sqlx::{Connection, SqlitePool};
use tokio_util::sync::CancellationToken;

const ACCOUNTS: usize = 1_000;
const TEMPLATES: usize = 10_000;
const RUNS: usize = 5;
const TARGET: f64 = 2.0;

fn bundle(default_queue: channel_desk_core::bundle::BundleQueue) -> Bundle {
    let accounts = (0..ACCOUNTS)
        .map(|i| BundleAccount {
            id: format!("a{i:05}"),
            name: format!("Account {i}"),
            channel: Channel::Whatsapp,
            status: AccountStatus::Complete,
            account_sid: Some(format!("AC{i:032x}")),
            auth_method: AuthMethod::AuthToken,
            api_key_sid: None,
            numbers: (0..3)
                .map(|n| BundleNumber {
                    id: format!("a{i:05}n{n}"),
                    name: format!("Line {n}"),
                    number: format!("+1415555{:04}", (i * 3 + n) % 10_000),
                })
                .collect(),
        })
        .collect();
    let templates = (0..TEMPLATES)
        .map(|i| BundleTemplate {
            id: format!("t{i:05}"),
            name: format!("order_update_{i}"),
            category: TemplateCategory::Utility,
            account_id: Some(format!("a{:05}", i % ACCOUNTS)),
            languages: vec![BundleLanguage {
                id: format!("t{i:05}en"),
                language: "en".into(),
                revision: 1,
                status: DraftStatus::Draft,
                content: TemplateContent::Text {
                    body: format!("Hello {{{{1}}}}, your order {i} has shipped and arrives on {{{{2}}}}."),
                },
                variables: BTreeMap::from([("1".into(), "Maria".into()), ("2".into(), "Monday".into())]),
                content_sid: None,
                approval_status: None,
            }],
        })
        .collect();
    Bundle {
        schema: SCHEMA_VERSION,
        settings: BundleSettings { callback_base_url: Some("https://desk.example.com".into()) },
        accounts,
        queues: vec![default_queue],
        workstreams: Vec::new(),
        templates,
        secrets: None,
    }
}

async fn empty_desk(dir: &std::path::Path) -> Desk {
    let twilio = Twilio::new(BaseUrls::default(), Timing::default()).unwrap();
    Desk::open_with(dir, Arc::new(MemoryStore::default()), twilio).await.unwrap()
}

/// The floor: each row by one prepared statement, all in one transaction, the search index
/// filled by one statement, as the import fills it.
async fn raw(pool: &SqlitePool, b: &Bundle) {
    let mut conn = pool.acquire().await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    let now = chrono::Utc::now();
    for a in &b.accounts {
        sqlx::query(
            "INSERT INTO accounts (id, name, name_key, channel, account_sid, auth_method, status, created_at, updated_at)
             VALUES (?, ?, ?, 'whatsapp', ?, 'auth_token', 'complete', ?, ?)",
        )
        .bind(&a.id)
        .bind(&a.name)
        .bind(a.name.to_lowercase())
        .bind(&a.account_sid)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
        for n in &a.numbers {
            sqlx::query(
                "INSERT INTO whatsapp_numbers (id, account_id, name, number, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(&n.id)
            .bind(&a.id)
            .bind(&n.name)
            .bind(&n.number)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
    }
    for (key, t) in b.templates.iter().enumerate() {
        let key = key as i64 + 1;
        sqlx::query(
            "INSERT INTO template_families (id, name, name_key, category, account_id, created_at, updated_at, key)
             VALUES (?, ?, ?, 'utility', ?, ?, ?, ?)",
        )
        .bind(&t.id)
        .bind(&t.name)
        .bind(&t.name)
        .bind(&t.account_id)
        .bind(now)
        .bind(now)
        .bind(key)
        .execute(&mut *tx)
        .await
        .unwrap();
        let l = &t.languages[0];
        sqlx::query(
            "INSERT INTO template_drafts (search_id, id, family_id, language, revision, content, variables, status,
                    created_at, updated_at)
             VALUES (?, ?, ?, ?, 1, ?, ?, 'draft', ?, ?)",
        )
        .bind(key << 20)
        .bind(&l.id)
        .bind(&t.id)
        .bind(&l.language)
        .bind(Json(&l.content))
        .bind(Json(&l.variables))
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO template_search (rowid, name, body, header, footer, buttons, language)
         SELECT * FROM template_search_source",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        println!(
            "{ACCOUNTS} accounts ({} numbers) and {TEMPLATES} templates, into an empty desk; {RUNS} runs each, alternating",
            ACCOUNTS * 3
        );
        println!("{:>4} {:>10} {:>12} {:>7}", "run", "raw (ms)", "import (ms)", "ratio");
        let (mut raws, mut imports) = (Vec::new(), Vec::new());
        for run in 1..=RUNS {
            let dir = tempfile::tempdir().unwrap();
            let desk = empty_desk(dir.path()).await;
            let b = bundle(desk.bundles.export().await.unwrap().queues.remove(0));
            let pool = db::open(&dir.path().join(db::FILE_NAME)).await.unwrap();
            let started = Instant::now();
            raw(&pool, &b).await;
            let floor = started.elapsed();

            let dir = tempfile::tempdir().unwrap();
            let desk = empty_desk(dir.path()).await;
            let b = bundle(desk.bundles.export().await.unwrap().queues.remove(0));
            let started = Instant::now();
            let parsed = Bundle::parse(&b.to_canonical()).unwrap();
            desk.bundles.import(&parsed, ImportMode::Merge, &|_| {}, &CancellationToken::new()).await.unwrap();
            let import = started.elapsed();
            println!("{run:>4} {:>10} {:>12} {:>6.2}×", ms(floor), ms(import), import.as_secs_f64() / floor.as_secs_f64());
            raws.push(floor);
            imports.push(import);
        }
        let mean = |t: &[Duration]| t.iter().sum::<Duration>() / t.len() as u32;
        let ratio = mean(&imports).as_secs_f64() / mean(&raws).as_secs_f64();
        println!(
            "\nmeans: raw {} ms, import {} ms (parsing the file included): {ratio:.2}×; target ≤ {TARGET}×: {}",
            ms(mean(&raws)),
            ms(mean(&imports)),
            if ratio <= TARGET { "met" } else { "NOT met" }
        );
    });
}
