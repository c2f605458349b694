//! The template library's search over 10,000 templates: FTS5 through `Library::search`, against a
//! plain SQLite `LIKE '%word%'` scan of the same rows, measured in the same run.
//!
//! `cargo bench -p channel-desk-core --bench search`

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use channel_desk_core::model::{
    LibrarySearch, NewLanguageInput, NewTemplateInput, StatusChange, StatusFilter, TemplateCategory,
};
use channel_desk_core::secrets::MemoryStore;
use channel_desk_core::template::{QuickReplyAction, TemplateContent};
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
use channel_desk_core::{db, Desk};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

const TEMPLATES: usize = 10_000;
const RUNS: usize = 50;
const TARGET: Duration = Duration::from_millis(5);

const WORDS: &[&str] = &[
    "order",
    "shipped",
    "delivery",
    "payment",
    "invoice",
    "account",
    "appointment",
    "reminder",
    "ticket",
    "refund",
    "password",
    "welcome",
    "confirm",
    "schedule",
    "update",
    "status",
    "receipt",
    "booking",
    "flight",
    "table",
    "support",
    "agent",
    "balance",
    "renewal",
    "subscription",
    "discount",
    "offer",
    "event",
    "survey",
    "feedback",
    "parcel",
    "tracking",
    "pickup",
    "store",
    "coupon",
    "loyalty",
    "points",
    "verify",
    "code",
    "expires",
];
const LANGUAGES: &[(&str, &str)] =
    &[("de", "Ihre Bestellung wurde versandt"), ("it", "Il suo ordine è partito"), ("zh_CN", "您的订单已发货")];
const CATEGORIES: [TemplateCategory; 3] =
    [TemplateCategory::Utility, TemplateCategory::Marketing, TemplateCategory::Authentication];
const STATUSES: [&str; 4] = ["approved", "pending", "rejected", "paused"];

/// A small deterministic generator, so every run seeds the same library.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn words(&mut self, count: usize) -> Vec<&'static str> {
        (0..count).map(|_| WORDS[self.next(WORDS.len())]).collect()
    }
}

fn content(body: String, buttons: &[&str]) -> TemplateContent {
    let actions = buttons.iter().map(|t| QuickReplyAction { title: (*t).to_owned(), id: None }).collect();
    TemplateContent::QuickReply { body, actions }
}

async fn seed(desk: &Desk) {
    let mut rng = Lcg(9);
    for i in 0..TEMPLATES {
        let name = format!("{}_{}_{i}", WORDS[rng.next(WORDS.len())], WORDS[rng.next(WORDS.len())]);
        let body = format!(
            "Hello {{{{1}}}}, your {} is {}. {} {{{{2}}}} today.",
            rng.words(3).join(" "),
            rng.words(2).join(" "),
            rng.words(6).join(" ")
        );
        let family = desk
            .library
            .create(NewTemplateInput {
                name,
                category: CATEGORIES[i % 3],
                account_id: None,
                language: "en".into(),
                content: content(body, &rng.words(2)),
                variables: BTreeMap::from([("1".into(), "Maria".into()), ("2".into(), "A-1001".into())]),
            })
            .await
            .unwrap();
        if i % 4 == 0 {
            let (code, text) = LANGUAGES[rng.next(LANGUAGES.len())];
            let body = format!("{text} {{{{1}}}}: {}.", rng.words(4).join(" "));
            let input =
                NewLanguageInput { language: code.into(), content: content(body, &[]), variables: BTreeMap::new() };
            desk.library.add_language(&family.id, input).await.unwrap();
        }
        if i % 5 == 0 {
            let sid = format!("HX{i:032x}");
            desk.library.published(&family.drafts[0].id, &sid).await.unwrap();
            let change = StatusChange {
                content_sid: sid,
                status: STATUSES[rng.next(STATUSES.len())].into(),
                reason: None,
                at: chrono::Utc::now(),
            };
            desk.library.record_status(change).await.unwrap();
        }
    }
}

struct Query {
    label: &'static str,
    search: LibrarySearch,
}

fn queries() -> Vec<Query> {
    let text = |t: &str| LibrarySearch { text: t.into(), ..LibrarySearch::default() };
    vec![
        Query { label: "one common word", search: text("order") },
        Query { label: "a word's start", search: text("ship") },
        Query { label: "two words", search: text("refund ticket") },
        Query { label: "three words, typing", search: text("payment invoice rem") },
        Query { label: "another language", search: text("versandt") },
        Query { label: "CJK", search: text("您的订单已发货") },
        Query { label: "nothing found", search: text("xylophone") },
        Query {
            label: "word + approved",
            search: LibrarySearch { statuses: vec![StatusFilter::Approved], ..text("delivery") },
        },
        Query {
            label: "word + de + utility",
            search: LibrarySearch {
                languages: vec!["de".into()],
                categories: vec![TemplateCategory::Utility],
                ..text("bestellung")
            },
        },
    ]
}

/// The baseline: the same window and count, finding each word with `LIKE '%word%'` in the
/// template's name and the draft's content and language.
async fn like_search(pool: &SqlitePool, q: &LibrarySearch) -> (u32, usize) {
    let filter = |b: &mut QueryBuilder<'_, Sqlite>| {
        b.push(" WHERE f.id IN (SELECT d.family_id FROM template_drafts d JOIN template_families g ON g.id = d.family_id WHERE 1");
        for word in q.text.split_whitespace() {
            let pattern = format!("%{word}%");
            b.push(" AND (g.name LIKE ").push_bind(pattern.clone());
            b.push(" OR d.content LIKE ").push_bind(pattern.clone());
            b.push(" OR d.language LIKE ").push_bind(pattern).push(")");
        }
        if !q.languages.is_empty() {
            b.push(" AND d.language IN (");
            let mut list = b.separated(", ");
            q.languages.iter().for_each(|l| {
                list.push_bind(l.clone());
            });
            b.push(")");
        }
        if q.statuses.contains(&StatusFilter::Approved) {
            b.push(" AND lower(d.approval_status) = 'approved'");
        }
        b.push(")");
        if !q.categories.is_empty() {
            b.push(" AND f.category IN (");
            let mut list = b.separated(", ");
            q.categories.iter().for_each(|c| {
                list.push_bind(*c);
            });
            b.push(")");
        }
    };
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM template_families f");
    filter(&mut count);
    let total: u32 = count.build_query_scalar().fetch_one(pool).await.unwrap();
    let mut page = QueryBuilder::<Sqlite>::new("SELECT f.id FROM template_families f");
    filter(&mut page);
    page.push(" ORDER BY f.name COLLATE NOCASE, f.id LIMIT 100");
    let rows: Vec<String> = page.build_query_scalar().fetch_all(pool).await.unwrap();
    (total, rows.len())
}

struct Times(Vec<Duration>);

impl Times {
    fn mean(&self) -> Duration {
        self.0.iter().sum::<Duration>() / self.0.len() as u32
    }
    fn max(&self) -> Duration {
        *self.0.iter().max().unwrap()
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let twilio = Twilio::new(BaseUrls::default(), Timing::default()).unwrap();
        let desk = Desk::open_with(dir.path(), Arc::new(MemoryStore::default()), twilio).await.unwrap();
        let started = Instant::now();
        seed(&desk).await;
        let pool = db::open(&dir.path().join(db::FILE_NAME)).await.unwrap();
        let drafts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM template_drafts").fetch_one(&pool).await.unwrap();
        println!(
            "seeded {TEMPLATES} templates ({drafts} language drafts) through the library in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        println!("{RUNS} runs per query; each FTS run is Library::search (count, page of 100, languages, gaps)\n");
        println!(
            "{:<22} {:>7} {:>10} {:>10} {:>11} {:>11} {:>8}",
            "query", "found", "fts mean", "fts max", "like mean", "like max", "like/fts"
        );
        let mut worst = Duration::ZERO;
        for q in queries() {
            let mut fts = Times(Vec::new());
            let mut like = Times(Vec::new());
            let mut found = (0, 0);
            for _ in 0..RUNS {
                let t = Instant::now();
                let page = desk.library.search(&q.search).await.unwrap();
                fts.0.push(t.elapsed());
                let t = Instant::now();
                let baseline = like_search(&pool, &q.search).await;
                like.0.push(t.elapsed());
                found = (page.total, baseline.0);
            }
            worst = worst.max(fts.mean());
            let ratio = like.mean().as_secs_f64() / fts.mean().as_secs_f64();
            println!(
                "{:<22} {:>7} {:>10} {:>10} {:>11} {:>11} {:>7.1}×",
                q.label,
                found.0,
                ms(fts.mean()),
                ms(fts.max()),
                ms(like.mean()),
                ms(like.max()),
                ratio
            );
            if found.0 != found.1 {
                println!("{:<22} (LIKE found {}: it also matches inside words and JSON keys)", "", found.1);
            }
        }
        println!(
            "\nslowest FTS mean {} ms; target ≤ {} ms: {}",
            ms(worst),
            TARGET.as_millis(),
            if worst <= TARGET { "met" } else { "NOT met" }
        );
    });
}
