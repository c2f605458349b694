//! What importing a bundle would change, entity by entity and field by field: the dry run.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::format::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Settings,
    Account,
    Number,
    Queue,
    Workstream,
    Template,
    TemplateLanguage,
}

/// A field of an entity, by its JSON pointer inside the entity (`/distribution/capacity/units`),
/// with its value before and after; `None` where it has none.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Added,
    Changed {
        fields: Vec<FieldChange>,
    },
    /// In the desk, not in the bundle: removed only by an import that replaces.
    Removed,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityDiff {
    pub kind: EntityKind,
    pub id: String,
    /// Its name (a number's, a language's code), in the bundle or else in the desk.
    pub name: String,
    pub change: Change,
}

/// `to` against `from`: every entity of either, by kind, then id.
pub fn diff(from: &Bundle, to: &Bundle) -> Vec<EntityDiff> {
    let (from, to) = (entities(from), entities(to));
    let mut keys: Vec<&(EntityKind, String)> = from.keys().chain(to.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let (old, new) = (from.get(key), to.get(key));
            let name = new.or(old).map(|(name, _)| name.clone()).unwrap_or_default();
            let change = match (old, new) {
                (None, _) => Change::Added,
                (_, None) => Change::Removed,
                (Some((_, old)), Some((_, new))) => {
                    let fields = fields(old, new);
                    if fields.is_empty() {
                        Change::Unchanged
                    } else {
                        Change::Changed { fields }
                    }
                }
            };
            EntityDiff { kind: key.0, id: key.1.clone(), name, change }
        })
        .collect()
}

type Entities = BTreeMap<(EntityKind, String), (String, Value)>;

/// Each entity as its own JSON: an account without its numbers, a number with its account's id,
/// a template without its languages, a language with its template's id. The default queue is
/// known as the default queue, whatever its id: every desk has one, and importing a bundle
/// makes the bundle's the desk's.
fn entities(bundle: &Bundle) -> Entities {
    let mut out = Entities::new();
    out.insert((EntityKind::Settings, String::new()), (String::new(), json(&bundle.settings)));
    for a in &bundle.accounts {
        let mut value = json(a);
        value.as_object_mut().expect("an object").remove("numbers");
        out.insert((EntityKind::Account, a.id.clone()), (a.name.clone(), value));
        for n in &a.numbers {
            let mut value = json(n);
            with(&mut value, "accountId", &a.id);
            out.insert((EntityKind::Number, n.id.clone()), (n.name.clone(), value));
        }
    }
    for q in &bundle.queues {
        let id = if q.is_default { DEFAULT_QUEUE.to_owned() } else { q.id.clone() };
        let mut value = json(q);
        if q.is_default {
            value.as_object_mut().expect("an object").remove("id");
        }
        out.insert((EntityKind::Queue, id), (q.name.clone(), value));
    }
    let default_queue = bundle.queues.iter().find(|q| q.is_default).map(|q| q.id.as_str());
    for w in &bundle.workstreams {
        let mut value = json(w);
        if Some(w.fallback_queue_id.as_str()) == default_queue {
            with(&mut value, "fallbackQueueId", DEFAULT_QUEUE);
        }
        out.insert((EntityKind::Workstream, w.id.clone()), (w.name.clone(), value));
    }
    for t in &bundle.templates {
        let mut value = json(t);
        value.as_object_mut().expect("an object").remove("languages");
        out.insert((EntityKind::Template, t.id.clone()), (t.name.clone(), value));
        for l in &t.languages {
            let mut value = json(l);
            with(&mut value, "templateId", &t.id);
            let name = format!("{} {} r{}", t.name, l.language, l.revision);
            out.insert((EntityKind::TemplateLanguage, l.id.clone()), (name, value));
        }
    }
    out
}

/// How the default queue is named in a diff, in place of its id.
pub const DEFAULT_QUEUE: &str = "default";

fn with(value: &mut Value, key: &str, text: &str) {
    value.as_object_mut().expect("an object").insert(key.to_owned(), Value::String(text.to_owned()));
}

fn json(part: &impl Serialize) -> Value {
    serde_json::to_value(part).expect("a bundle part serializes")
}

/// The leaves that differ, by pointer.
fn fields(old: &Value, new: &Value) -> Vec<FieldChange> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    leaves(old, &mut String::new(), &mut a);
    leaves(new, &mut String::new(), &mut b);
    let mut pointers: Vec<&String> = a.keys().chain(b.keys()).collect();
    pointers.sort();
    pointers.dedup();
    pointers
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| FieldChange { field: p.clone(), old: a.get(p).cloned(), new: b.get(p).cloned() })
        .collect()
}

/// Every scalar, and every empty list or object, by its pointer.
fn leaves(value: &Value, pointer: &mut String, out: &mut BTreeMap<String, Value>) {
    let len = pointer.len();
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, value) in map {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                leaves(value, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (index, value) in items.iter().enumerate() {
                pointer.push_str(&format!("/{index}"));
                leaves(value, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {
            out.insert(pointer.clone(), value.clone());
        }
    }
}
