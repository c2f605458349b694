//! A template sync of 1,000 contents from the fake Twilio, each request 50 ms late, into a fresh
//! desk, against the least time it can take: a request per page, so pages × 50 ms.
//!
//! `cargo bench -p channel-desk-core --bench sync`

use std::sync::Arc;
use std::time::{Duration, Instant};

use channel_desk_core::model::{AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, NumberInput};
use channel_desk_core::secrets::{MemoryStore, Secret};
use channel_desk_core::twilio::{BaseUrls, Timing, Twilio};
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

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let fake = FakeTwilio::start().await;
        let account = fake.add_account("Contoso", "active", "Full");
        seed(&fake, &account);
        fake.set_latency(LATENCY);
        println!("{CONTENTS} contents in the fake Twilio, {} ms added to every request; {RUNS} syncs, each into a fresh desk\n", LATENCY.as_millis());
        println!("{:>4} {:>6} {:>8} {:>11} {:>12} {:>7}", "run", "pages", "added", "least (ms)", "sync (ms)", "ratio");
        let mut times = Vec::new();
        let mut least = Duration::ZERO;
        for run in 1..=RUNS {
            let dir = tempfile::tempdir().unwrap();
            let (desk, account_id) = fresh_desk(&fake, &account, dir.path()).await;
            let started = Instant::now();
            let report = desk.sync_templates(&account_id, &|_| {}, &CancellationToken::new()).await.unwrap();
            let took = started.elapsed();
            assert_eq!(report.added as usize, CONTENTS, "every content imported");
            least = LATENCY * report.pages;
            let ratio = took.as_secs_f64() / least.as_secs_f64();
            println!("{run:>4} {:>6} {:>8} {:>11} {:>12} {:>6.2}×", report.pages, report.added, ms(least), ms(took), ratio);
            times.push(took);
        }
        let mean = times.iter().sum::<Duration>() / RUNS as u32;
        let min = *times.iter().min().unwrap();
        let ratio = mean.as_secs_f64() / least.as_secs_f64();
        println!(
            "\nsync mean {} ms, min {} ms; least possible {} ms; mean ratio {ratio:.2}× (min {:.2}×); target ≤ {TARGET}×: {}",
            ms(mean),
            ms(min),
            ms(least),
            min.as_secs_f64() / least.as_secs_f64(),
            if ratio <= TARGET { "met" } else { "NOT met" }
        );
    });
}
