//! WhatsApp message templates: the draft as the linter sees it, and the linter.

mod content;
mod finding;
mod lint;
mod text;
mod twilio_types;

pub use content::{CallToActionAction, CardAction, LintDraft, QuickReplyAction, TemplateComponent, TemplateContent};
pub use finding::{apply_fix, LintCode, LintFinding, LintFix, LintSeverity, LintSpan};
pub use lint::{
    lint, LintContext, OtherTemplate, BODY_MAX, BUTTONS_MAX, BUTTON_TEXT_MAX, FOOTER_MAX, HEADER_MAX, NAME_MAX,
    PHONE_BUTTONS_MAX, URL_BUTTONS_MAX, VARIABLES_MAX,
};
pub use twilio_types::{content_types, new_content, template_content};
