//! Output for people: a diff as one line per entity with its changed fields under it, and lint
//! findings in the app's own English words (its catalog, `ui/messages/template/en.json`).

use std::collections::HashMap;
use std::io::Write;

use channel_desk_core::bundle::{Change, EntityDiff, EntityKind, ImportMode, LanguageFindings};
use channel_desk_core::environments::Environment;
use channel_desk_core::error::Param;
use channel_desk_core::template::{LintFinding, LintSeverity};
use serde_json::Value;

const TEMPLATE_CATALOG: &str = include_str!("../../../ui/messages/template/en.json");

/// The diff, and what the import did with it, or would do.
pub fn import(out: &mut impl Write, changes: &[EntityDiff], mode: ImportMode, dry_run: bool) {
    diff(out, changes);
    let removed = changes.iter().filter(|e| e.change == Change::Removed).count();
    let line = match (dry_run, mode) {
        (true, ImportMode::Merge) => format!("Dry run, nothing written. A merge keeps the {removed} marked -."),
        (true, ImportMode::Replace) => format!("Dry run, nothing written. A replace removes the {removed} marked -."),
        (false, ImportMode::Merge) => format!("Imported (merge): the {removed} marked - stay in the desk."),
        (false, ImportMode::Replace) => format!("Imported (replace): the {removed} marked - were removed."),
    };
    writeln!(out, "{line}").ok();
}

pub fn diff(out: &mut impl Write, changes: &[EntityDiff]) {
    let unchanged = changes.iter().filter(|e| e.change == Change::Unchanged).count();
    for e in changes {
        let mark = match &e.change {
            Change::Added => '+',
            Change::Removed => '-',
            Change::Changed { .. } => '~',
            Change::Unchanged => continue,
        };
        writeln!(out, "{mark} {} {} ({})", kind(e.kind), e.name, e.id).ok();
        if let Change::Changed { fields } = &e.change {
            for f in fields {
                writeln!(out, "    {}: {} → {}", f.field, value(&f.old), value(&f.new)).ok();
            }
        }
    }
    writeln!(out, "{} changed, {unchanged} unchanged", changes.len() - unchanged).ok();
}

fn kind(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Settings => "settings",
        EntityKind::Account => "account",
        EntityKind::Number => "number",
        EntityKind::Queue => "queue",
        EntityKind::Workstream => "workstream",
        EntityKind::Template => "template",
        EntityKind::TemplateLanguage => "template language",
    }
}

fn value(v: &Option<Value>) -> String {
    v.as_ref().map_or_else(|| "(none)".to_owned(), Value::to_string)
}

pub fn lint(out: &mut impl Write, found: &[LanguageFindings]) {
    // Plural messages are lists of variants; the linter's are plain strings.
    let catalog: HashMap<String, Value> = serde_json::from_str(TEMPLATE_CATALOG).expect("the catalog is JSON");
    let (mut errors, mut warnings) = (0, 0);
    for l in found {
        writeln!(out, "{} {} r{} ({})", l.template, l.language, l.revision, l.pointer).ok();
        for f in &l.findings {
            let severity = match f.severity {
                LintSeverity::Error => {
                    errors += 1;
                    "error"
                }
                LintSeverity::Warning => {
                    warnings += 1;
                    "warning"
                }
            };
            writeln!(out, "  {severity}[{}]: {}", code(f), words(&catalog, f)).ok();
        }
    }
    writeln!(out, "{errors} errors, {warnings} warnings").ok();
}

fn code(f: &LintFinding) -> String {
    serde_json::to_value(f.code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The finding's message from the catalog, its `{params}` filled in as the app fills them.
fn words(catalog: &HashMap<String, Value>, f: &LintFinding) -> String {
    let message = catalog.get(&format!("template_lint_{}", code(f))).and_then(Value::as_str);
    let mut text = message.map_or_else(|| code(f), str::to_owned);
    let examples = [("first", "{{1}}"), ("second", "{{2}}")];
    for (name, param) in &f.params {
        let value = match param {
            Param::Text(t) => t.clone(),
            Param::Number(n) => n.to_string(),
        };
        text = text.replace(&format!("{{{name}}}"), &value);
    }
    for (name, example) in examples {
        text = text.replace(&format!("{{{name}}}"), example);
    }
    text
}

pub fn environments(out: &mut impl Write, envs: &[Environment]) {
    for e in envs {
        let mark = if e.current { '*' } else { ' ' };
        let colour =
            serde_json::to_value(e.colour).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        writeln!(out, "{mark} {} ({colour}) {}", e.name, e.dir.display()).ok();
    }
}
