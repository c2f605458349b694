//! Reading a bundle file, refusing what no Channel Desk wrote before anything is imported: a file
//! far larger than any desk's, nesting deeper than the format does, a newer format, wrong types,
//! fields the format lacks, an id used twice, and references to what the file does not hold.

use std::collections::HashMap;

use serde_json::Value;

use super::format::*;
use crate::error::{Error, Result};

/// Far larger than any real desk's bundle: 10,000 templates and 1,000 accounts take about 15 MB.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The format nests about 10 levels deep.
pub const MAX_DEPTH: usize = 32;

impl Bundle {
    pub fn parse(bytes: &[u8]) -> Result<Bundle> {
        if bytes.len() > MAX_BYTES {
            let message = format!("The file has {} bytes; a bundle has at most {MAX_BYTES}.", bytes.len());
            return Err(Error::bundle("too_large", "", message).with("size", bytes.len()).with("max", MAX_BYTES));
        }
        check_depth(bytes)?;
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            let message = format!("The file is not JSON: {e}.");
            Error::bundle("not_json", "", message).with("line", e.line()).with("column", e.column())
        })?;
        check_version(&value)?;
        let bundle: Bundle = serde_path_to_error::deserialize(&value).map_err(|e| {
            let pointer = pointer_of(e.path());
            let message = format!("{pointer}: {}.", e.inner());
            Error::bundle("wrong_type", &pointer, message)
        })?;
        let written = serde_json::to_value(&bundle).expect("a bundle serializes");
        unknown_fields(&value, &written, &mut String::new())?;
        check_ids(&bundle)?;
        check_references(&bundle)?;
        Ok(bundle)
    }
}

/// Counts brackets outside strings, so that no parser recurses into a hostile depth.
fn check_depth(bytes: &[u8]) -> Result<()> {
    let (mut depth, mut line, mut in_string, mut escaped) = (0usize, 1usize, false, false);
    for &b in bytes {
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') | (false, b'"') => in_string = !in_string,
            (false, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let message = format!("Line {line} nests deeper than {MAX_DEPTH} levels; a bundle never does.");
                    return Err(Error::bundle("too_deep", "", message).with("line", line));
                }
            }
            (false, b']' | b'}') => depth = depth.saturating_sub(1),
            (_, b'\n') => line += 1,
            _ => {}
        }
    }
    Ok(())
}

fn check_version(value: &Value) -> Result<()> {
    let version = value.get("schema").and_then(Value::as_u64);
    match version {
        Some(v) if v > u64::from(SCHEMA_VERSION) => {
            let message = format!(
                "This bundle is in format {v}, written by a newer Channel Desk; this one reads format \
                 {SCHEMA_VERSION} and older. Update Channel Desk to import it."
            );
            Err(Error::bundle("too_new", "", message).with("version", v.to_string()).with("max", SCHEMA_VERSION))
        }
        Some(v) if v >= 1 => Ok(()),
        _ => {
            Err(Error::bundle("wrong_type", "/schema", "/schema: a bundle starts with its format version, 1 or more."))
        }
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => push_key(&mut pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// `key` as a JSON pointer's next token (RFC 6901: `~` as `~0`, `/` as `~1`).
fn push_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
}

/// The first key of `read` that the bundle, written back, does not have: a field the format lacks.
fn unknown_fields(read: &Value, written: &Value, pointer: &mut String) -> Result<()> {
    match (read, written) {
        (Value::Object(read), Value::Object(written)) => {
            for (key, value) in read {
                let len = pointer.len();
                push_key(pointer, key);
                match written.get(key) {
                    Some(known) => unknown_fields(value, known, pointer)?,
                    None => {
                        let message = format!("{pointer} is not a field of the bundle format.");
                        return Err(Error::bundle("unknown_field", pointer, message).with("name", key.as_str()));
                    }
                }
                pointer.truncate(len);
            }
        }
        (Value::Array(read), Value::Array(written)) => {
            for (index, (value, known)) in read.iter().zip(written).enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{index}"));
                unknown_fields(value, known, pointer)?;
                pointer.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Every id of every entity, with where it is.
fn ids(bundle: &Bundle) -> Vec<(&str, String)> {
    let mut ids = Vec::new();
    for (i, a) in bundle.accounts.iter().enumerate() {
        ids.push((a.id.as_str(), format!("/accounts/{i}/id")));
        for (j, n) in a.numbers.iter().enumerate() {
            ids.push((n.id.as_str(), format!("/accounts/{i}/numbers/{j}/id")));
        }
    }
    for (i, q) in bundle.queues.iter().enumerate() {
        ids.push((q.id.as_str(), format!("/queues/{i}/id")));
    }
    for (i, w) in bundle.workstreams.iter().enumerate() {
        ids.push((w.id.as_str(), format!("/workstreams/{i}/id")));
    }
    for (i, t) in bundle.templates.iter().enumerate() {
        ids.push((t.id.as_str(), format!("/templates/{i}/id")));
        for (j, l) in t.languages.iter().enumerate() {
            ids.push((l.id.as_str(), format!("/templates/{i}/languages/{j}/id")));
        }
    }
    ids
}

fn check_ids(bundle: &Bundle) -> Result<()> {
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (id, pointer) in ids(bundle) {
        if let Some(first) = seen.get(id) {
            let message = format!("{pointer}: the id {id} is already the id of {first}.");
            return Err(Error::bundle("duplicate_id", &pointer, message).with("id", id).with("first", first.as_str()));
        }
        seen.insert(id, pointer);
    }
    Ok(())
}

fn check_references(bundle: &Bundle) -> Result<()> {
    let queues: Vec<&str> = bundle.queues.iter().map(|q| q.id.as_str()).collect();
    let numbers: Vec<&str> = bundle.accounts.iter().flat_map(|a| &a.numbers).map(|n| n.id.as_str()).collect();
    let accounts: Vec<&str> = bundle.accounts.iter().map(|a| a.id.as_str()).collect();
    let missing = |pointer: String, id: &str, what: &str| {
        let message = format!("{pointer} refers to the {what} {id}, which the bundle does not hold.");
        Err(Error::bundle("missing_reference", &pointer, message).with("id", id).with("what", what))
    };
    for (i, w) in bundle.workstreams.iter().enumerate() {
        if !queues.contains(&w.fallback_queue_id.as_str()) {
            return missing(format!("/workstreams/{i}/fallbackQueueId"), &w.fallback_queue_id, "queue");
        }
        if let Some(number) = w.whatsapp.as_ref().and_then(|s| s.number_id.as_deref()) {
            if !numbers.contains(&number) {
                return missing(format!("/workstreams/{i}/whatsapp/numberId"), number, "number");
            }
        }
    }
    for (i, t) in bundle.templates.iter().enumerate() {
        if let Some(account) = t.account_id.as_deref() {
            if !accounts.contains(&account) {
                return missing(format!("/templates/{i}/accountId"), account, "account");
            }
        }
    }
    Ok(())
}
