//! Config bundles: the desk's whole configuration as one JSON file that reads well in a diff.
//! Accounts (never their secrets) and numbers, the callback base URL, queues, workstreams with
//! their WhatsApp setups, and the template library, each entity with the id it has here.

mod diff;
mod export;
mod format;
mod import;
mod lint;
mod parse;
mod secrets;

pub use diff::{diff, Change, EntityDiff, EntityKind, FieldChange, DEFAULT_QUEUE};
pub use export::Bundles;
pub use format::*;
pub use import::{ImportMode, ImportOutcome, ImportProgress};
pub use lint::{lint, LanguageFindings};
pub use parse::{MAX_BYTES, MAX_DEPTH};
