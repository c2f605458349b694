//! How the accounts list opens with 1,000 accounts against 10, each with 3 numbers, in the
//! built app under Xvfb. The two desks are seeded through the core, then the app is started on
//! each in turn, and the bench prints the minimum and median of:
//! - the time from the WebDriver session request to the first rows drawn;
//! - PSS summed over the app and its WebKit processes after 3 s idle;
//! - how many rows the DOM holds;
//!
//! and the ratios of 1,000 to 10. Run it with `make bench`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use channel_desk_core::model::{AccountDetailsInput, AuthMethod, Channel, ChannelDetailsInput, NumberInput};
use channel_desk_core::secrets::Secret;
use channel_desk_core::Desk;
use common::*;
use fantoccini::Locator;

const ROUNDS: usize = 5;
const SIZES: [usize; 2] = [10, 1_000];

struct Run {
    start_ms: f64,
    pss_mb: f64,
    rows: u64,
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    isolated_home();
    let dirs: Vec<_> = SIZES.iter().map(|_| tempfile::tempdir().unwrap()).collect();
    for (dir, &size) in dirs.iter().zip(&SIZES) {
        let seeding = Instant::now();
        seed(dir.path(), size).await;
        eprintln!("seeded {size} accounts in {:.1} s", seeding.elapsed().as_secs_f64());
    }
    let mut runs: Vec<Vec<Run>> = SIZES.iter().map(|_| Vec::new()).collect();
    for round in 0..ROUNDS {
        for (i, dir) in dirs.iter().enumerate() {
            let run = measure(dir.path()).await;
            eprintln!(
                "round {}: {} accounts: {:.0} ms, {:.1} MB PSS, {} rows in the DOM",
                round + 1,
                SIZES[i],
                run.start_ms,
                run.pss_mb,
                run.rows
            );
            runs[i].push(run);
        }
    }

    println!("\naccounts list, {ROUNDS} starts each            min      median");
    let stats = |i: usize, f: fn(&Run) -> f64| {
        let mut v: Vec<f64> = runs[i].iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        (v[0], v[v.len() / 2])
    };
    for (i, size) in SIZES.iter().enumerate() {
        let (min, median) = stats(i, |r| r.start_ms);
        println!("{size:>5} accounts: start to rows (ms)   {min:>8.0} {median:>8.0}");
        let (min, median) = stats(i, |r| r.pss_mb);
        println!("{size:>5} accounts: PSS after 3 s (MB)  {min:>8.1} {median:>8.1}");
        println!("{size:>5} accounts: rows in the DOM      {:>8}", runs[i][0].rows);
    }
    let (small, large) = (stats(0, |r| r.start_ms).1, stats(1, |r| r.start_ms).1);
    println!("start-up, median: 1,000 accounts take {:.2}x the time of 10", large / small);
    let (small, large) = (stats(0, |r| r.pss_mb).1, stats(1, |r| r.pss_mb).1);
    println!("memory, median: 1,000 accounts take {:+.1} MB over 10 ({:.2}x)", large - small, large / small);
}

/// `size` complete accounts, each with an Auth token in the keyring and 3 numbers.
async fn seed(dir: &Path, size: usize) {
    let desk = Desk::open(dir).await.unwrap();
    for i in 0..size {
        let name = format!("Contoso {i:04}");
        let id = desk.accounts.create_draft(ChannelDetailsInput { name, channel: Channel::Whatsapp }).await.unwrap().id;
        let details = AccountDetailsInput {
            account_sid: format!("AC{i:032x}"),
            auth_method: AuthMethod::AuthToken,
            auth_token: Some(Secret::new(format!("{i:032x}"))),
            api_key_sid: None,
            api_key_secret: None,
        };
        desk.accounts.save_account_details(&id, details).await.unwrap();
        for n in 0..3 {
            let number = format!("+1415555{:04}", i * 3 + n);
            desk.accounts.add_number(&id, NumberInput { name: format!("Line {n}"), number }).await.unwrap();
        }
        desk.accounts.complete(&id).await.unwrap();
    }
}

async fn measure(dir: &Path) -> Run {
    let twilio = unreachable_twilio();
    let driver = TauriDriver::start(&[
        ("CHANNEL_DESK_DATA_DIR", dir.to_str().unwrap()),
        ("CHANNEL_DESK_TWILIO_API_URL", &twilio),
        ("CHANNEL_DESK_TWILIO_CONTENT_URL", &twilio),
        ("CHANNEL_DESK_TWILIO_MESSAGING_URL", &twilio),
    ]);
    let started = Instant::now();
    let app = driver.session().await;
    app.wait().at_most(WAIT).for_element(Locator::Css("tr[data-account-id]")).await.expect("the list shows rows");
    let start_ms = started.elapsed().as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let pss_mb = pss_kb(driver.pid()) as f64 / 1024.0;
    let rows = app.execute("return document.querySelectorAll('tr[data-account-id]').length", vec![]).await.unwrap();
    app.close().await.unwrap();
    Run { start_ms, pss_mb, rows: rows.as_u64().unwrap() }
}

/// PSS of every process under `root` except the WebDriver servers themselves.
fn pss_kb(root: u32) -> u64 {
    let parent_of = |pid: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The name is in parentheses and may hold spaces: the fields after it are fixed.
        stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()
    };
    let descends = |mut pid: u32| loop {
        match parent_of(pid) {
            Some(parent) if parent == root => return true,
            Some(parent) if parent > 1 => pid = parent,
            _ => return false,
        }
    };
    let mut total = 0;
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        if name.trim() == "WebKitWebDriver" || !descends(pid) {
            continue;
        }
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        total += rollup
            .lines()
            .find_map(|l| l.strip_prefix("Pss:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
    }
    total
}
