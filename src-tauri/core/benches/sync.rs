//! A template sync of 1,000 contents from the fake Twilio, each request 50 ms late, into a fresh
//! desk, against the least time it can take: a request per page, so pages × 50 ms. The target
//! (≤ 1.25×) is the steady-state sync's, the common one, with nothing changed: the first sync
//! also writes 1,000 drafts with their search index after the page arrived.
//!
//! `cargo bench -p channel-desk-core --bench sync`

use std::sync::Arc;
use std::time::{Duration, Instant};

use channel_desk_core::model::{AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, NumberInput};
use channel_desk_core::secrets::{MemoryStore, Secret};
use channel_desk_core::twilio::{BaseUrls, Credentials, Timing, Twilio};
use channel_desk_core::Desk;
use fake_twilio::{Account, FakeTwilio};
use tokio_util::sync::CancellationToken;

const CONTENTS: usize = 1_000;
const LATENCY: Duration = Duration::from_millis(50);
const RUNS: usize = 10;
const TARGET: f64 = 1.25;

/// 500 templates in two languages each, every fifth still pending, with bodies of some length.
fn seed(fake: &FakeTwilio, account: &Account) {
    for i in 0..CONTENTS {
        let (template, language) = (i / 2, if i % 2 == 0 { "en" } else { "de" });
        let body = format!(
            "Hello {{{{1}}}}, your order {{{{2}}}} from template {template} has shipped and will arrive on {{{{3}}}}. \
             Track it in the app or reply to this message if anything is wrong with your delivery."
        );
        let sid = fake.add_content(&account.sid, &format!("order_update_{template:03}"), language, &body);
        fake.set_approval_status(&sid, if i % 5 == 0 { "pending" } else { "approved" }, None);
    }
}

/// A fresh desk with one complete account on the fake's account.
async fn fresh_desk(fake: &FakeTwilio, account: &Account, dir: &std::path::Path) -> (Desk, String) {
    let twilio = Twilio::new(BaseUrls::all_at(&fake.url()).unwrap(), Timing::default()).unwrap();
    let desk = Desk::open_with(dir, Arc::new(MemoryStore::default()), twilio).await.unwrap();
    let a = &desk.accounts;
    let draft =
        a.create_draft(ChannelDetailsInput { name: "Contoso".into(), channel: Channel::Whatsapp }).await.unwrap();
    let details = AccountDetailsInput {
        account_sid: account.sid.clone(),
        auth_method: AuthMethod::AuthToken,
        auth_token: Some(Secret::new(account.auth_token.clone())),
        api_key_sid: None,
        api_key_secret: None,
    };
    a.save_account_details(&draft.id, details).await.unwrap();
    a.add_number(&draft.id, NumberInput { name: "Main".into(), number: "+14155238886".into() }).await.unwrap();
    a.complete(&draft.id).await.unwrap();
    (desk, draft.id)
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn mean(times: &[Duration]) -> Duration {
    times.iter().sum::<Duration>() / times.len() as u32
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let fake = FakeTwilio::start().await;
        let account = fake.add_account("Contoso", "active", "Full");
        seed(&fake, &account);
        fake.set_latency(LATENCY);
        let creds = Credentials {
            account_sid: account.sid.clone(),
            username: account.sid.clone(),
            password: Secret::new(account.auth_token.clone()),
        };
        println!(
            "{CONTENTS} contents in the fake Twilio, {} ms added to every request; {RUNS} runs, each into a fresh desk",
            LATENCY.as_millis()
        );
        println!("first: the sync that imports them all; again: the same desk synced once more, nothing changed");
        println!("fetch: the client reading the same pages alone, no desk\n");
        println!(
            "{:>4} {:>6} {:>11} {:>11} {:>11} {:>11} {:>7} {:>7}",
            "run", "pages", "least (ms)", "fetch (ms)", "first (ms)", "again (ms)", "first", "again"
        );
        let (mut fetches, mut firsts, mut agains) = (Vec::new(), Vec::new(), Vec::new());
        let mut least = Duration::ZERO;
        for run in 1..=RUNS {
            let dir = tempfile::tempdir().unwrap();
            let (desk, account_id) = fresh_desk(&fake, &account, dir.path()).await;
            let started = Instant::now();
            assert_eq!(desk.twilio.contents_and_approvals(&creds).await.unwrap().len(), CONTENTS);
            let fetch = started.elapsed();

            let started = Instant::now();
            let report = desk.sync_templates(&account_id, &|_| {}, &CancellationToken::new()).await.unwrap();
            let first = started.elapsed();
            assert_eq!(report.added as usize, CONTENTS, "every content imported");

            let started = Instant::now();
            let again = desk.sync_templates(&account_id, &|_| {}, &CancellationToken::new()).await.unwrap();
            let second = started.elapsed();
            assert_eq!(again.unchanged as usize, CONTENTS, "nothing changed");

            least = LATENCY * report.pages;
            let ratio = |d: Duration| d.as_secs_f64() / least.as_secs_f64();
            println!(
                "{run:>4} {:>6} {:>11} {:>11} {:>11} {:>11} {:>6.2}× {:>6.2}×",
                report.pages,
                ms(least),
                ms(fetch),
                ms(first),
                ms(second),
                ratio(first),
                ratio(second)
            );
            fetches.push(fetch);
            firsts.push(first);
            agains.push(second);
        }
        let ratio = |d: Duration| d.as_secs_f64() / least.as_secs_f64();
        let (fetch, first, again) = (mean(&fetches), mean(&firsts), mean(&agains));
        let verdict = if ratio(again) <= TARGET { "met" } else { "NOT met" };
        println!("\nleast possible {} ms (pages × {} ms); means:", ms(least), LATENCY.as_millis());
        println!("  fetch alone {} ms, {:.2}×", ms(fetch), ratio(fetch));
        println!(
            "  first sync  {} ms, {:.2}× (not held to the target: it writes every draft and its search entry)",
            ms(first),
            ratio(first)
        );
        println!(
            "  sync again  {} ms, {:.2}×: target ≤ {TARGET}× for the steady-state sync {verdict}",
            ms(again),
            ratio(again)
        );
    });
}
