//! The long runs the window can stop: a template sync and an outbox run. Each run gets a fresh
//! token; Stop cancels the token of the run under way.

use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

#[derive(Default)]
pub struct Runs {
    sync: Mutex<CancellationToken>,
    outbox: Mutex<CancellationToken>,
}

impl Runs {
    pub fn start_sync(&self) -> CancellationToken {
        fresh(&self.sync)
    }

    pub fn stop_sync(&self) {
        current(&self.sync).cancel();
    }

    pub fn start_outbox(&self) -> CancellationToken {
        fresh(&self.outbox)
    }

    pub fn stop_outbox(&self) {
        current(&self.outbox).cancel();
    }
}

fn fresh(slot: &Mutex<CancellationToken>) -> CancellationToken {
    let token = CancellationToken::new();
    *slot.lock().unwrap_or_else(|e| e.into_inner()) = token.clone();
    token
}

fn current(slot: &Mutex<CancellationToken>) -> CancellationToken {
    slot.lock().unwrap_or_else(|e| e.into_inner()).clone()
}
