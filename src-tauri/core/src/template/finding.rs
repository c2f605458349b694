//! What the linter says about a draft, and the fixes the UI can apply.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::content::{LintDraft, TemplateComponent};
use crate::error::Params;

/// An error blocks publishing; a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LintSeverity {
    Error,
    Warning,
}

/// Every rule, by a code that never changes. The table on `lint` (template/lint.rs) gives each
/// one's severity, component and params.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LintCode {
    NameRequired,
    NameInvalidCharacters,
    NameTooLong,
    BodyRequired,
    BodyTooLong,
    BodyTooLongWithSamples,
    HeaderTooLong,
    HeaderTooManyVariables,
    HeaderEmoji,
    HeaderMarkdown,
    HeaderNewline,
    HeaderWithMedia,
    FooterTooLong,
    FooterEmoji,
    FooterNewline,
    FooterVariable,
    MediaRequired,
    TooManyMedia,
    TooManyButtons,
    TooManyUrlButtons,
    TooManyPhoneButtons,
    QuickRepliesNotGrouped,
    ButtonTextRequired,
    ButtonTextTooLong,
    ButtonUrlInvalid,
    UrlVariableInDomain,
    VariableNotNumbered,
    VariablesNotSequential,
    TooManyVariables,
    VariableAtStart,
    VariableAtEnd,
    AdjacentVariables,
    TooFewWords,
    VariableMissingSample,
    UnusedSample,
    AuthenticationNotSupported,
    DuplicateBody,
}

/// Where the text a finding is about lies: `start..end` counted in characters (Unicode scalar
/// values: Rust's `char`s, JavaScript's `[...text]`, not its UTF-16 `text.length`) of the
/// component's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LintSpan {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum LintFix {
    /// Put `text` in place of `span` of `component`'s text.
    Replace { component: TemplateComponent, span: LintSpan, text: String },
    /// Drop the sample of a variable that the template does not use.
    RemoveSample { key: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LintFinding {
    pub code: LintCode,
    pub severity: LintSeverity,
    pub component: TemplateComponent,
    pub span: LintSpan,
    #[ts(type = "Record<string, string | number>")]
    pub params: Params,
    pub fix: Option<LintFix>,
}

/// Applies `fix` to `draft`; false, and the draft unchanged, when the fix no longer fits it
/// (its component or span is gone).
pub fn apply_fix(draft: &mut LintDraft, fix: &LintFix) -> bool {
    match fix {
        LintFix::Replace { component, span, text } => {
            let Some(target) = draft.text_mut(component) else { return false };
            let (Some(start), Some(end)) = (byte_index(target, span.start), byte_index(target, span.end)) else {
                return false;
            };
            if start > end {
                return false;
            }
            target.replace_range(start..end, text);
            true
        }
        LintFix::RemoveSample { key } => draft.variables.remove(key).is_some(),
    }
}

fn byte_index(text: &str, chars: u32) -> Option<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).nth(chars as usize)
}
