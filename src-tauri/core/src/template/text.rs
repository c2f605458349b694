//! What the linter reads in a text: placeholders, emoji, words. Positions are char indices.

use unicode_properties::{GeneralCategoryGroup, UnicodeEmoji, UnicodeGeneralCategory};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placeholder {
    /// `{{n}}`, as Twilio numbers WhatsApp variables.
    Numbered(u32),
    /// Anything else between `{{` and `}}`; `canonical` is the number it means when it is one
    /// written with spaces or leading zeros (`{{ 1 }}`, `{{01}}`).
    Other { canonical: Option<u32> },
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub placeholder: Placeholder,
}

/// Every `{{…}}` with no brace inside, left to right.
pub(crate) fn placeholders(text: &[char]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < text.len() {
        if text[i] != '{' || text[i + 1] != '{' {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        while j < text.len() && text[j] != '{' && text[j] != '}' {
            j += 1;
        }
        if j + 1 < text.len() && text[j] == '}' && text[j + 1] == '}' {
            found.push(Found { start: i, end: j + 2, placeholder: classify(&text[i + 2..j]) });
            i = j + 2;
        } else if j < text.len() && text[j] == '{' {
            i = (i + 1).max(j - 1);
        } else {
            i = (i + 1).max(j);
        }
    }
    found
}

fn classify(inner: &[char]) -> Placeholder {
    let digits = |s: &[char]| !s.is_empty() && s.len() <= 9 && s.iter().all(char::is_ascii_digit);
    let value = |s: &[char]| s.iter().fold(0u32, |n, c| n * 10 + (*c as u32 - '0' as u32));
    if digits(inner) && (inner[0] != '0' || inner.len() == 1) {
        return Placeholder::Numbered(value(inner));
    }
    let start = inner.iter().position(|c| !c.is_whitespace()).unwrap_or(inner.len());
    let end = inner.iter().rposition(|c| !c.is_whitespace()).map_or(start, |e| e + 1);
    let trimmed = &inner[start..end];
    let canonical = if digits(trimmed) { Some(value(trimmed)).filter(|n| *n > 0) } else { None };
    Placeholder::Other { canonical }
}

/// Runs of emoji, each with what holds it together (variation selectors, joiners, skin tones,
/// keycaps, tags). A character counts as an emoji when Unicode gives it emoji presentation, or
/// when it may be an emoji and a U+FE0F asks for that; text-style symbols such as © do not.
pub(crate) fn emoji_runs(text: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if !starts_emoji(text[i], text.get(i + 1).copied()) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < text.len() {
            let c = text[i];
            let joined = text[i - 1] == '\u{200D}' && c.is_emoji_char();
            if joined || continues_emoji(c) || starts_emoji(c, text.get(i + 1).copied()) {
                i += 1;
            } else {
                break;
            }
        }
        runs.push((start, i));
    }
    runs
}

fn starts_emoji(c: char, next: Option<char>) -> bool {
    use unicode_properties::EmojiStatus::*;
    match c.emoji_status() {
        EmojiPresentation
        | EmojiPresentationAndModifierBase
        | EmojiPresentationAndEmojiComponent
        | EmojiPresentationAndModifierAndEmojiComponent => true,
        EmojiModifierBase | EmojiOther | EmojiOtherAndEmojiComponent => next == Some('\u{FE0F}'),
        _ => false,
    }
}

fn continues_emoji(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0F}' | '\u{20E3}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
}

/// Maximal runs of characters that `pred` holds for.
pub(crate) fn runs(text: &[char], pred: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if pred(text[i]) {
            let start = i;
            while i < text.len() && pred(text[i]) {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

pub(crate) fn is_space_or_punctuation(c: char) -> bool {
    c.is_whitespace() || c.general_category_group() == GeneralCategoryGroup::Punctuation
}

/// Words outside the placeholders: whitespace-separated pieces with a letter or digit in them.
/// Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) count each character
/// as a word, so that the ratio rule never fails a Chinese or Japanese body for lack of spaces.
pub(crate) fn count_words(text: &[char], placeholders: &[Found]) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let mut next = placeholders.iter().peekable();
    let mut i = 0;
    while i < text.len() {
        if let Some(p) = next.peek() {
            if p.start == i {
                i = p.end;
                in_word = false;
                next.next();
                continue;
            }
        }
        let c = text[i];
        if unspaced_script(c) {
            words += 1;
            in_word = false;
        } else if c.is_whitespace() {
            in_word = false;
        } else if c.is_alphanumeric() && !in_word {
            words += 1;
            in_word = true;
        }
        i += 1;
    }
    words
}

fn unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'        // Thai, Lao
        | '\u{1000}'..='\u{109F}'      // Myanmar
        | '\u{1780}'..='\u{17FF}'      // Khmer
        | '\u{3040}'..='\u{30FF}'      // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'      // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'      // CJK Unified Ideographs
        | '\u{F900}'..='\u{FAFF}'      // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{3134F}') // CJK Extensions B–G
}
