//! Channel Desk's domain crate. It knows nothing of Tauri: the desktop shell calls into it,
//! and everything here builds and tests without a window.

pub mod accounts;
pub mod bundle;
pub mod callback;
pub mod db;
pub mod desk;
pub mod environments;
pub mod error;
pub mod inbound;
pub mod language;
pub mod library;
pub mod links;
pub mod model;
pub mod outbox;
pub mod queues;
pub mod rules;
pub mod secrets;
pub mod settings;
pub mod setup;
pub mod template;
pub mod template_sync;
pub mod text_check;
pub mod twilio;
pub mod verification;
pub mod workstreams;

pub use accounts::Accounts;
pub use desk::Desk;
pub use error::{Error, ErrorCode, Result};
