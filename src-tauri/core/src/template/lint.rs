//! WhatsApp's template rules as a linter that reports every finding, not only the first.

use url::Url;

use super::content::{Button, ButtonKind, LintDraft, TemplateComponent, TemplateContent};
use super::finding::{LintCode, LintFinding, LintFix, LintSeverity, LintSpan};
use super::text::{count_words, emoji_runs, is_space_or_punctuation, placeholders, runs, Found, Placeholder};
use crate::error::{Param, Params};
use crate::model::TemplateCategory;

pub const NAME_MAX: usize = 512;
pub const BODY_MAX: usize = 1024;
pub const HEADER_MAX: usize = 60;
pub const FOOTER_MAX: usize = 60;
pub const BUTTONS_MAX: usize = 10;
pub const URL_BUTTONS_MAX: usize = 2;
pub const PHONE_BUTTONS_MAX: usize = 1;
pub const BUTTON_TEXT_MAX: usize = 20;
pub const VARIABLES_MAX: usize = 100;

/// What the linter needs beyond the draft: the other templates of the same account and
/// language (not this draft, nor its earlier revisions).
#[derive(Debug, Clone, Default)]
pub struct LintContext {
    pub other_templates: Vec<OtherTemplate>,
}

#[derive(Debug, Clone)]
pub struct OtherTemplate {
    pub name: String,
    pub body: String,
}

/// Every finding on `draft`, in the order of the table below. Lengths are in characters.
///
/// | code | severity | component | params | rule | fix |
/// |---|---|---|---|---|---|
/// | `name_required` | error | name | — | a name is needed | — |
/// | `name_invalid_characters` | error | name (first to last bad character) | — | only `a-z`, `0-9`, `_` | lowercased, spaces and hyphens to `_`, the rest dropped (none when nothing is left) |
/// | `name_too_long` | error | name (past 512) | `max`, `actual` | at most 512 | — |
/// | `authentication_not_supported` | warning | category (empty span) | `contentType` | AUTHENTICATION wants `whatsapp/authentication`, which this type is not | — |
/// | `body_required` | error | body | — | a body that is not only spaces | — |
/// | `body_too_long` | error | body (past 1,024) | `max`, `actual` | at most 1,024 | — |
/// | `header_too_long` | error | header (past 60) | `max`, `actual` | at most 60 | — |
/// | `header_too_many_variables` | error | header (second to last variable) | `max`, `actual` | at most one variable | — |
/// | `header_emoji` | error | header (the emoji) | — | no emoji | removes it |
/// | `header_markdown` | error | header (the run of `*_~` and backticks) | — | no formatting characters | removes them |
/// | `header_newline` | error | header (the line break) | — | one line | a space instead |
/// | `header_with_media` | error | header | — | a text header or media, not both | — |
/// | `footer_too_long` | error | footer (past 60) | `max`, `actual` | at most 60 | — |
/// | `footer_emoji` | error | footer (the emoji) | — | no emoji | removes it |
/// | `footer_newline` | error | footer (the line break) | — | one line | a space instead |
/// | `footer_variable` | error | footer (the variable) | — | no variables | — |
/// | `media_required` | error | media 0 (empty span) | — | `twilio/media` needs a media URL | — |
/// | `too_many_media` | error | media 1 | `max`, `actual` | one media header | — |
/// | `too_many_buttons` | error | each button past the 10th | `max`, `actual` | at most 10 | — |
/// | `too_many_url_buttons` | error | each URL button past the 2nd | `max`, `actual` | at most 2 | — |
/// | `too_many_phone_buttons` | error | each phone button past the 1st | `max`, `actual` | at most 1 | — |
/// | `quick_replies_not_grouped` | error | the button that splits them | — | quick replies together, the other buttons together | — |
/// | `button_text_required` | error | button | — | a text | — |
/// | `button_text_too_long` | error | button (past 20) | `max`, `actual` | at most 20 | — |
/// | `button_url_invalid` | error | button_url | — | an http(s) URL with a host (variables read as a word) | — |
/// | `url_variable_in_domain` | error | button_url (the variable) | — | the domain is fixed; a variable only in the path | — |
/// | `variable_not_numbered` | error | where it is (the placeholder) | — | `{{1}}`, `{{2}}`…, no names, spaces or leading zeros | `{{n}}` when it means a number |
/// | `variables_not_sequential` | error | the first out of order | `variable`, `expected` | numbered from 1 with no gaps | — |
/// | `too_many_variables` | error | the 101st | `max`, `actual` | at most 100 | — |
/// | `variable_at_start` | error | body (the variable) | — | not at the start (spaces and punctuation before it count as start) | — |
/// | `variable_at_end` | error | body (the variable) | — | not at the end (spaces and punctuation after it count as end) | — |
/// | `adjacent_variables` | error | body (both variables) | — | something other than spaces between two variables | — |
/// | `too_few_words` | error | body | `variables`, `words`, `min` | 2x+1 words besides x variables | — |
/// | `variable_missing_sample` | error | where it first is (the placeholder) | `variable` | every variable has a sample | — |
/// | `body_too_long_with_samples` | error | body | `max`, `actual` | at most 1,024 with the samples in | — |
/// | `unused_sample` | warning | variable (the sample) | `variable` | a sample with no variable | removes the sample |
/// | `duplicate_body` | error | body | `name` | no other template of the account and language has this body, spaces aside | — |
pub fn lint(draft: &LintDraft, context: &LintContext) -> Vec<LintFinding> {
    let mut out = Vec::new();
    lint_name(&draft.name, &mut out);
    if draft.category == TemplateCategory::Authentication {
        out.push(
            finding(LintCode::AuthenticationNotSupported, TemplateComponent::Category, 0, 0)
                .with("contentType", draft.content.type_name()),
        );
    }

    let body: Vec<char> = draft.content.body().chars().collect();
    if body.iter().all(|c| c.is_whitespace()) {
        out.push(finding(LintCode::BodyRequired, TemplateComponent::Body, 0, body.len()));
    }
    too_long(&mut out, LintCode::BodyTooLong, TemplateComponent::Body, body.len(), BODY_MAX);

    let media = draft.content.media();
    let header: Option<Vec<char>> = draft.content.header().map(|h| h.chars().collect());
    if let Some(header) = &header {
        lint_header(header, !media.is_empty(), &mut out);
    }
    let footer: Option<Vec<char>> = draft.content.footer().map(|f| f.chars().collect());
    if let Some(footer) = &footer {
        lint_footer(footer, &mut out);
    }
    if matches!(draft.content, TemplateContent::Media { .. }) && media.is_empty() {
        out.push(finding(LintCode::MediaRequired, TemplateComponent::Media { index: 0 }, 0, 0));
    }
    if media.len() > 1 {
        out.push(
            finding(LintCode::TooManyMedia, TemplateComponent::Media { index: 1 }, 0, media[1].chars().count())
                .with("max", 1usize)
                .with("actual", media.len()),
        );
    }

    let buttons = draft.content.buttons();
    lint_buttons(&buttons, &mut out);
    let urls: Vec<(u32, Vec<char>)> =
        buttons.iter().enumerate().filter_map(|(i, b)| b.url.map(|u| (i as u32, u.chars().collect()))).collect();
    for (index, url) in &urls {
        lint_url(*index, url, &mut out);
    }

    let media: Vec<Vec<char>> = media.iter().map(|m| m.chars().collect()).collect();
    let mut texts: Vec<(TemplateComponent, &[char])> = Vec::with_capacity(2 + media.len() + urls.len());
    if let Some(header) = &header {
        texts.push((TemplateComponent::Header, header));
    }
    texts.push((TemplateComponent::Body, &body));
    for (i, m) in media.iter().enumerate() {
        texts.push((TemplateComponent::Media { index: i as u32 }, m));
    }
    for (index, url) in &urls {
        texts.push((TemplateComponent::ButtonUrl { index: *index }, url));
    }
    let found: Vec<Vec<Found>> = texts.iter().map(|(_, t)| placeholders(t)).collect();
    lint_variables(draft, &texts, &found, &mut out);
    let body_found = &found[usize::from(header.is_some())];
    lint_body_variables(draft, &body, body_found, &mut out);
    if let Some(footer) = &footer {
        for p in placeholders(footer) {
            out.push(finding(LintCode::FooterVariable, TemplateComponent::Footer, p.start, p.end));
        }
    }

    let text = draft.content.body();
    if !body.iter().all(|c| c.is_whitespace()) {
        if let Some(other) =
            context.other_templates.iter().find(|o| o.body.split_whitespace().eq(text.split_whitespace()))
        {
            out.push(
                finding(LintCode::DuplicateBody, TemplateComponent::Body, 0, body.len())
                    .with("name", other.name.as_str()),
            );
        }
    }
    out
}

fn severity(code: LintCode) -> LintSeverity {
    match code {
        LintCode::UnusedSample | LintCode::AuthenticationNotSupported => LintSeverity::Warning,
        _ => LintSeverity::Error,
    }
}

fn finding(code: LintCode, component: TemplateComponent, start: usize, end: usize) -> LintFinding {
    LintFinding { code, severity: severity(code), component, span: span(start, end), params: Params::new(), fix: None }
}

fn span(start: usize, end: usize) -> LintSpan {
    LintSpan { start: start as u32, end: end as u32 }
}

impl LintFinding {
    fn with(mut self, key: &str, value: impl Into<Param>) -> Self {
        self.params.insert(key.to_owned(), value.into());
        self
    }

    fn fixed(mut self, fix: LintFix) -> Self {
        self.fix = Some(fix);
        self
    }
}

fn replace(component: TemplateComponent, start: usize, end: usize, text: &str) -> LintFix {
    LintFix::Replace { component, span: span(start, end), text: text.to_owned() }
}

fn too_long(out: &mut Vec<LintFinding>, code: LintCode, component: TemplateComponent, len: usize, max: usize) {
    if len > max {
        out.push(finding(code, component, max, len).with("max", max).with("actual", len));
    }
}

fn valid_name_char(c: char) -> bool {
    matches!(c, 'a'..='z' | '0'..='9' | '_')
}

fn lint_name(name: &str, out: &mut Vec<LintFinding>) {
    let chars: Vec<char> = name.chars().collect();
    if chars.is_empty() {
        out.push(finding(LintCode::NameRequired, TemplateComponent::Name, 0, 0));
    }
    if let Some(first) = chars.iter().position(|c| !valid_name_char(*c)) {
        let last = chars.iter().rposition(|c| !valid_name_char(*c)).unwrap_or(first);
        let mut found = finding(LintCode::NameInvalidCharacters, TemplateComponent::Name, first, last + 1);
        let mut normalized = String::with_capacity(chars.len());
        for c in &chars {
            if c.is_whitespace() || *c == '-' {
                normalized.push('_');
            } else {
                normalized.extend(c.to_lowercase().filter(|l| valid_name_char(*l)));
            }
        }
        if !normalized.is_empty() {
            found = found.fixed(replace(TemplateComponent::Name, 0, chars.len(), &normalized));
        }
        out.push(found);
    }
    too_long(out, LintCode::NameTooLong, TemplateComponent::Name, chars.len(), NAME_MAX);
}

fn lint_header(header: &[char], has_media: bool, out: &mut Vec<LintFinding>) {
    let component = TemplateComponent::Header;
    too_long(out, LintCode::HeaderTooLong, component.clone(), header.len(), HEADER_MAX);
    let found = placeholders(header);
    if found.len() > 1 {
        out.push(
            finding(LintCode::HeaderTooManyVariables, component.clone(), found[1].start, found[found.len() - 1].end)
                .with("max", 1usize)
                .with("actual", found.len()),
        );
    }
    no_emoji_or_newline(header, &component, LintCode::HeaderEmoji, LintCode::HeaderNewline, out);
    for (start, end) in runs(header, |c| matches!(c, '*' | '_' | '~' | '`')) {
        out.push(finding(LintCode::HeaderMarkdown, component.clone(), start, end).fixed(replace(
            component.clone(),
            start,
            end,
            "",
        )));
    }
    if has_media && !header.is_empty() {
        out.push(finding(LintCode::HeaderWithMedia, component, 0, header.len()));
    }
}

fn lint_footer(footer: &[char], out: &mut Vec<LintFinding>) {
    let component = TemplateComponent::Footer;
    too_long(out, LintCode::FooterTooLong, component.clone(), footer.len(), FOOTER_MAX);
    no_emoji_or_newline(footer, &component, LintCode::FooterEmoji, LintCode::FooterNewline, out);
}

fn no_emoji_or_newline(
    text: &[char],
    component: &TemplateComponent,
    emoji: LintCode,
    newline: LintCode,
    out: &mut Vec<LintFinding>,
) {
    for (start, end) in emoji_runs(text) {
        out.push(finding(emoji, component.clone(), start, end).fixed(replace(component.clone(), start, end, "")));
    }
    for (start, end) in runs(text, |c| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')) {
        out.push(finding(newline, component.clone(), start, end).fixed(replace(component.clone(), start, end, " ")));
    }
}

fn lint_buttons(buttons: &[Button<'_>], out: &mut Vec<LintFinding>) {
    let (mut urls, mut phones, mut splits) = (0, 0, 0);
    for (i, button) in buttons.iter().enumerate() {
        let component = TemplateComponent::Button { index: i as u32 };
        let title_len = button.title.chars().count();
        let over = |code, max: usize| {
            finding(code, component.clone(), 0, title_len).with("max", max).with("actual", buttons.len())
        };
        if i >= BUTTONS_MAX {
            out.push(over(LintCode::TooManyButtons, BUTTONS_MAX));
        }
        match button.kind {
            ButtonKind::Url => {
                urls += 1;
                if urls > URL_BUTTONS_MAX {
                    let count = buttons.iter().filter(|b| b.kind == ButtonKind::Url).count();
                    out.push(over(LintCode::TooManyUrlButtons, URL_BUTTONS_MAX).with("actual", count));
                }
            }
            ButtonKind::PhoneNumber => {
                phones += 1;
                if phones > PHONE_BUTTONS_MAX {
                    let count = buttons.iter().filter(|b| b.kind == ButtonKind::PhoneNumber).count();
                    out.push(over(LintCode::TooManyPhoneButtons, PHONE_BUTTONS_MAX).with("actual", count));
                }
            }
            ButtonKind::QuickReply => {}
        }
        if i > 0 && (button.kind == ButtonKind::QuickReply) != (buttons[i - 1].kind == ButtonKind::QuickReply) {
            splits += 1;
            if splits == 2 {
                out.push(finding(LintCode::QuickRepliesNotGrouped, component.clone(), 0, title_len));
            }
        }
        if button.title.trim().is_empty() {
            out.push(finding(LintCode::ButtonTextRequired, component, 0, title_len));
        } else {
            too_long(out, LintCode::ButtonTextTooLong, component, title_len, BUTTON_TEXT_MAX);
        }
    }
}

fn lint_url(index: u32, url: &[char], out: &mut Vec<LintFinding>) {
    let component = TemplateComponent::ButtonUrl { index };
    let found = placeholders(url);
    let mut filled = String::with_capacity(url.len());
    let mut at = 0;
    for p in &found {
        filled.extend(&url[at..p.start]);
        filled.push('x');
        at = p.end;
    }
    filled.extend(&url[at..]);
    let valid = Url::parse(&filled)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty()));
    if !valid {
        out.push(finding(LintCode::ButtonUrlInvalid, component.clone(), 0, url.len()));
    }
    let authority = url.windows(3).position(|w| w == [':', '/', '/']).map_or(0, |i| i + 3);
    let path = url[authority..].iter().position(|c| matches!(c, '/' | '?' | '#')).map_or(url.len(), |i| authority + i);
    for p in found.iter().filter(|p| p.start < path) {
        out.push(finding(LintCode::UrlVariableInDomain, component.clone(), p.start, p.end));
    }
}

/// Numbering, count, samples: over the header, body, media and button URLs together, as
/// Twilio numbers them.
fn lint_variables(
    draft: &LintDraft,
    texts: &[(TemplateComponent, &[char])],
    found: &[Vec<Found>],
    out: &mut Vec<LintFinding>,
) {
    let occurrences = || texts.iter().zip(found).flat_map(|((c, t), f)| f.iter().map(move |p| (c, *t, p)));
    let mut numbers: Vec<u32> = Vec::new();
    for (component, _, p) in occurrences() {
        match p.placeholder {
            Placeholder::Numbered(n) => numbers.push(n),
            Placeholder::Other { canonical } => {
                let mut bad = finding(LintCode::VariableNotNumbered, component.clone(), p.start, p.end);
                if let Some(n) = canonical {
                    bad = bad.fixed(replace(component.clone(), p.start, p.end, &format!("{{{{{n}}}}}")));
                }
                out.push(bad);
            }
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    let first = |n: u32| {
        occurrences()
            .find(|(_, _, p)| p.placeholder == Placeholder::Numbered(n))
            .map(|(c, _, p)| finding(LintCode::VariablesNotSequential, c.clone(), p.start, p.end))
            .expect("every number was found in some text")
    };
    if let Some((i, n)) = numbers.iter().enumerate().find(|(i, n)| **n as usize != i + 1) {
        out.push(first(*n).with("variable", *n).with("expected", i + 1));
    }
    if numbers.len() > VARIABLES_MAX {
        let mut over = first(numbers[VARIABLES_MAX]).with("max", VARIABLES_MAX).with("actual", numbers.len());
        over.code = LintCode::TooManyVariables;
        out.push(over);
    }
    for &n in &numbers {
        if draft.variables.get(&n.to_string()).is_none_or(|s| s.trim().is_empty()) {
            let mut missing = first(n).with("variable", n);
            missing.code = LintCode::VariableMissingSample;
            out.push(missing);
        }
    }
    for (key, sample) in &draft.variables {
        let numbered = key.parse::<u32>().is_ok_and(|n| n.to_string() == *key && numbers.binary_search(&n).is_ok());
        let named = || {
            occurrences().any(|(_, t, p)| {
                matches!(p.placeholder, Placeholder::Other { .. })
                    && t[p.start + 2..p.end - 2].iter().copied().filter(|c| !c.is_whitespace()).eq(key.chars())
            })
        };
        if !numbered && !named() {
            out.push(
                finding(
                    LintCode::UnusedSample,
                    TemplateComponent::Variable { key: key.clone() },
                    0,
                    sample.chars().count(),
                )
                .with("variable", key.as_str())
                .fixed(LintFix::RemoveSample { key: key.clone() }),
            );
        }
    }
}

/// Where the body's variables stand, how many words they have around them, and the body's
/// length once the samples are in.
fn lint_body_variables(draft: &LintDraft, body: &[char], found: &[Found], out: &mut Vec<LintFinding>) {
    let (Some(first), Some(last)) = (found.first(), found.last()) else { return };
    let component = TemplateComponent::Body;
    if body[..first.start].iter().all(|c| is_space_or_punctuation(*c)) {
        out.push(finding(LintCode::VariableAtStart, component.clone(), first.start, first.end));
    }
    if body[last.end..].iter().all(|c| is_space_or_punctuation(*c)) {
        out.push(finding(LintCode::VariableAtEnd, component.clone(), last.start, last.end));
    }
    for pair in found.windows(2) {
        if body[pair[0].end..pair[1].start].iter().all(|c| c.is_whitespace()) {
            out.push(finding(LintCode::AdjacentVariables, component.clone(), pair[0].start, pair[1].end));
        }
    }
    let words = count_words(body, found);
    let min = 2 * found.len() + 1;
    if words < min {
        out.push(
            finding(LintCode::TooFewWords, component.clone(), 0, body.len())
                .with("variables", found.len())
                .with("words", words)
                .with("min", min),
        );
    }
    let mut length = body.len();
    let mut substituted = false;
    for p in found {
        if let Placeholder::Numbered(n) = p.placeholder {
            if let Some(sample) = draft.variables.get(&n.to_string()).filter(|s| !s.trim().is_empty()) {
                length = length - (p.end - p.start) + sample.chars().count();
                substituted = true;
            }
        }
    }
    if substituted && length > BODY_MAX {
        out.push(
            finding(LintCode::BodyTooLongWithSamples, component, 0, body.len())
                .with("max", BODY_MAX)
                .with("actual", length),
        );
    }
}
