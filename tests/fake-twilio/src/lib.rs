//! A stateful fake of Twilio's REST API (the api, content and messaging hosts on one port) for Channel Desk's
//! tests. Seed it with accounts, senders, services and numbers, point the client at [`FakeTwilio::url`], then
//! read the state back, queue [`Fault`]s and inspect the [`Recorded`] requests.

mod content;
mod faults;
mod routes;
mod state;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::{Arc, Mutex};

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use faults::{Fault, Recorded};
pub use state::{Account, ApiKey, KeyType};

/// A Twilio on 127.0.0.1 that serves until it is dropped.
pub struct FakeTwilio {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: JoinHandle<()>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<state::State>,
    faults: Mutex<Vec<faults::Queued>>,
    requests: Mutex<Vec<Recorded>>,
    writes: AtomicUsize,
    /// Microseconds after its arrival that every request is answered: [`FakeTwilio::set_latency`].
    latency_micros: AtomicU64,
}

impl FakeTwilio {
    /// Binds 127.0.0.1 on a free port and serves on the current Tokio runtime.
    pub async fn start() -> FakeTwilio {
        Self::start_on(0).await
    }

    /// Binds 127.0.0.1 on `port`: an app pointed there beforehand was offline until now.
    pub async fn start_on(port: u16) -> FakeTwilio {
        let shared = Arc::new(Shared::default());
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let app = routes::router(shared.clone());
        let server = tokio::spawn(async move { axum::serve(listener, app).await.expect("serve the fake Twilio") });
        FakeTwilio { shared, addr, server }
    }

    /// The base URL for all three hosts, e.g. `http://127.0.0.1:4321` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for FakeTwilio {
    fn drop(&mut self) {
        self.server.abort();
    }
}
