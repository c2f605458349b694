//! The linter over a bundle's templates, as the template page runs it on each draft: what a
//! command line checks in a desk or in a bundle kept in version control.

use serde::Serialize;

use super::format::*;
use crate::template::{self, LintContext, LintDraft, LintFinding, OtherTemplate};

/// The findings on one language of a template: its latest revision.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LanguageFindings {
    pub template: String,
    pub language: String,
    pub revision: u32,
    /// Where the language is in the bundle.
    pub pointer: String,
    pub findings: Vec<LintFinding>,
}

/// Every language's latest revision, linted against the other templates of its account in the
/// same language (for duplicate bodies); only the languages with findings.
pub fn lint(bundle: &Bundle) -> Vec<LanguageFindings> {
    let mut out = Vec::new();
    for (i, t) in bundle.templates.iter().enumerate() {
        for (j, l) in t.languages.iter().enumerate() {
            let newer = t.languages.iter().any(|o| o.language == l.language && o.revision > l.revision);
            if newer {
                continue;
            }
            let other_templates = bundle
                .templates
                .iter()
                .filter(|o| o.id != t.id && o.account_id == t.account_id)
                .flat_map(|o| o.languages.iter().filter(|ol| ol.language == l.language).map(move |ol| (o, ol)))
                .map(|(o, ol)| OtherTemplate { name: o.name.clone(), body: ol.content.body().to_owned() })
                .collect();
            let draft = LintDraft {
                name: t.name.clone(),
                category: t.category,
                language: l.language.clone(),
                content: l.content.clone(),
                variables: l.variables.clone(),
            };
            let findings = template::lint(&draft, &LintContext { other_templates });
            if !findings.is_empty() {
                out.push(LanguageFindings {
                    template: t.name.clone(),
                    language: l.language.clone(),
                    revision: l.revision,
                    pointer: format!("/templates/{i}/languages/{j}"),
                    findings,
                });
            }
        }
    }
    out
}
