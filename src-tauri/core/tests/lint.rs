//! The template linter: each rule passes and fails, with its span exact, and each fix clears
//! its finding. Spans count chars.

use std::collections::BTreeMap;

use channel_desk_core::error::Param;
use channel_desk_core::model::TemplateCategory;
use channel_desk_core::template::{
    apply_fix, lint, CallToActionAction, CardAction, LintCode, LintContext, LintDraft, LintFinding, LintFix,
    LintSeverity, LintSpan, OtherTemplate, QuickReplyAction, TemplateComponent, TemplateContent,
};
use proptest::prelude::*;

const BODY: &str = "Hello {{1}}, your order {{2}} has shipped today.";

fn draft(content: TemplateContent) -> LintDraft {
    LintDraft {
        name: "order_update".into(),
        category: TemplateCategory::Utility,
        language: "en".into(),
        content,
        variables: samples(&[("1", "Maria"), ("2", "A-100")]),
    }
}

fn samples(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn text(body: &str) -> LintDraft {
    draft(TemplateContent::Text { body: body.into() })
}

fn named(name: &str) -> LintDraft {
    LintDraft { name: name.into(), ..text(BODY) }
}

fn card(header: Option<&str>, footer: Option<&str>, media: &[&str], actions: Vec<CardAction>) -> LintDraft {
    draft(TemplateContent::WhatsAppCard {
        body: BODY.into(),
        header_text: header.map(Into::into),
        footer: footer.map(Into::into),
        media: media.iter().map(|m| m.to_string()).collect(),
        actions,
    })
}

fn header(h: &str) -> LintDraft {
    card(Some(h), None, &[], vec![])
}

fn footer(f: &str) -> LintDraft {
    card(None, Some(f), &[], vec![])
}

fn quick_replies(titles: &[&str]) -> LintDraft {
    draft(TemplateContent::QuickReply {
        body: BODY.into(),
        actions: titles.iter().map(|t| QuickReplyAction { title: t.to_string(), id: None }).collect(),
    })
}

fn url(title: &str, url: &str) -> CallToActionAction {
    CallToActionAction::Url { title: title.into(), url: url.into() }
}

fn phone(title: &str) -> CallToActionAction {
    CallToActionAction::PhoneNumber { title: title.into(), phone: "+14155238886".into() }
}

fn call_to_action(actions: Vec<CallToActionAction>) -> LintDraft {
    draft(TemplateContent::CallToAction { body: BODY.into(), actions })
}

fn url_button(u: &str) -> LintDraft {
    call_to_action(vec![url("Track", u)])
}

fn card_quick(title: &str) -> CardAction {
    CardAction::QuickReply { title: title.into(), id: None }
}

fn card_url(title: &str) -> CardAction {
    CardAction::Url { title: title.into(), url: "https://example.com/orders".into() }
}

fn findings(d: &LintDraft) -> Vec<LintFinding> {
    lint(d, &LintContext::default())
}

/// The one finding with `code`.
fn only(d: &LintDraft, code: LintCode) -> LintFinding {
    let found: Vec<_> = findings(d).into_iter().filter(|f| f.code == code).collect();
    assert_eq!(found.len(), 1, "{code:?} once in {found:?}");
    found.into_iter().next().unwrap()
}

fn none(d: &LintDraft, code: LintCode) {
    let found: Vec<_> = findings(d).into_iter().filter(|f| f.code == code).collect();
    assert!(found.is_empty(), "no {code:?} expected: {found:?}");
}

fn at(f: &LintFinding, component: TemplateComponent, start: u32, end: u32) {
    assert_eq!((&f.component, f.span), (&component, LintSpan { start, end }), "{f:?}");
}

/// Applies the finding's fix and checks that the finding is gone; returns the fixed draft.
fn fixed(d: &LintDraft, code: LintCode) -> LintDraft {
    let f = only(d, code);
    let mut d = d.clone();
    assert!(apply_fix(&mut d, f.fix.as_ref().expect("a fix")));
    none(&d, code);
    d
}

fn param(f: &LintFinding, key: &str) -> Param {
    f.params.get(key).cloned().unwrap_or_else(|| panic!("{key} in {f:?}"))
}

fn n(value: usize) -> Param {
    Param::Number(value as i64)
}

fn char_span(haystack: &str, needle: &str) -> (u32, u32) {
    let byte = haystack.find(needle).expect("needle");
    let start = haystack[..byte].chars().count() as u32;
    (start, start + needle.chars().count() as u32)
}

#[test]
fn clean_drafts_of_every_type_have_no_findings() {
    let drafts = [
        text(BODY),
        draft(TemplateContent::Media { body: BODY.into(), media: vec!["https://example.com/a.png".into()] }),
        quick_replies(&["Yes", "No"]),
        call_to_action(vec![url("Track", "https://example.com/track/{{2}}"), phone("Call us")]),
        draft(TemplateContent::Card {
            title: BODY.into(),
            subtitle: Some("Reply STOP to opt out".into()),
            media: vec!["https://example.com/a.png".into()],
            actions: vec![card_quick("Yes"), card_quick("No"), card_url("Open")],
        }),
        card(Some("Order {{1}}"), Some("Thanks"), &[], vec![card_url("Open")]),
    ];
    for d in &drafts {
        assert_eq!(findings(d), vec![], "{d:?}");
    }
}

#[test]
fn name_is_required() {
    none(&named("a"), LintCode::NameRequired);
    let f = only(&named(""), LintCode::NameRequired);
    at(&f, TemplateComponent::Name, 0, 0);
    assert_eq!(f.severity, LintSeverity::Error);
    assert_eq!(f.fix, None);
}

#[test]
fn name_is_lowercase_letters_digits_and_underscores() {
    none(&named("order_update_2"), LintCode::NameInvalidCharacters);
    let bad = named("Order Update-2!");
    let f = only(&bad, LintCode::NameInvalidCharacters);
    at(&f, TemplateComponent::Name, 0, 15);
    let d = fixed(&bad, LintCode::NameInvalidCharacters);
    assert_eq!(d.name, "order_update_2");

    let f = only(&named("bestellung_Ü"), LintCode::NameInvalidCharacters);
    at(&f, TemplateComponent::Name, 11, 12);
    assert_eq!(fixed(&named("bestellung_Ü"), LintCode::NameInvalidCharacters).name, "bestellung_");

    let f = only(&named("📦"), LintCode::NameInvalidCharacters);
    assert_eq!(f.fix, None, "nothing of the name would be left");
}

#[test]
fn name_is_at_most_512_characters() {
    none(&named(&"a".repeat(512)), LintCode::NameTooLong);
    let f = only(&named(&"a".repeat(513)), LintCode::NameTooLong);
    at(&f, TemplateComponent::Name, 512, 513);
    assert_eq!((param(&f, "max"), param(&f, "actual")), (n(512), n(513)));
}

#[test]
fn authentication_wants_an_authentication_type() {
    none(&text(BODY), LintCode::AuthenticationNotSupported);
    let d = LintDraft { category: TemplateCategory::Authentication, ..text(BODY) };
    let f = only(&d, LintCode::AuthenticationNotSupported);
    at(&f, TemplateComponent::Category, 0, 0);
    assert_eq!(f.severity, LintSeverity::Warning);
    assert_eq!(param(&f, "contentType"), Param::Text("twilio/text".into()));
}

#[test]
fn body_is_required() {
    none(&text("x"), LintCode::BodyRequired);
    let f = only(&text(" \n "), LintCode::BodyRequired);
    at(&f, TemplateComponent::Body, 0, 3);
    let empty_card =
        draft(TemplateContent::Card { title: String::new(), subtitle: None, media: vec![], actions: vec![] });
    at(&only(&empty_card, LintCode::BodyRequired), TemplateComponent::Body, 0, 0);
}

#[test]
fn body_is_at_most_1024_characters() {
    none(&text(&"é".repeat(1024)), LintCode::BodyTooLong);
    let f = only(&text(&"é".repeat(1030)), LintCode::BodyTooLong);
    at(&f, TemplateComponent::Body, 1024, 1030);
    assert_eq!((param(&f, "max"), param(&f, "actual")), (n(1024), n(1030)));
}

#[test]
fn header_is_at_most_60_characters() {
    none(&header(&"h".repeat(60)), LintCode::HeaderTooLong);
    let f = only(&header(&"h".repeat(61)), LintCode::HeaderTooLong);
    at(&f, TemplateComponent::Header, 60, 61);
}

#[test]
fn header_has_at_most_one_variable() {
    none(&header("Order {{1}}"), LintCode::HeaderTooManyVariables);
    let f = only(&header("Order {{1}} for {{2}}"), LintCode::HeaderTooManyVariables);
    at(&f, TemplateComponent::Header, 16, 21);
    assert_eq!(param(&f, "actual"), n(2));
}

#[test]
fn header_has_no_emoji() {
    none(&header("Your order © 2026, step 1"), LintCode::HeaderEmoji);
    let d = header("Your order 📦");
    at(&only(&d, LintCode::HeaderEmoji), TemplateComponent::Header, 11, 12);
    assert_eq!(fixed(&d, LintCode::HeaderEmoji).content, header("Your order ").content);

    at(&only(&header("Hi 👩‍💻 team"), LintCode::HeaderEmoji), TemplateComponent::Header, 3, 6);
    at(&only(&header("We ❤️ you"), LintCode::HeaderEmoji), TemplateComponent::Header, 3, 5);
    at(&only(&header("Press 1️⃣ now"), LintCode::HeaderEmoji), TemplateComponent::Header, 6, 9);
    at(&only(&header("Hi 👍🏽"), LintCode::HeaderEmoji), TemplateComponent::Header, 3, 5);
    fixed(&header("Hi 👩‍💻 team"), LintCode::HeaderEmoji);
}

#[test]
fn header_has_no_markdown() {
    none(&header("Big sale"), LintCode::HeaderMarkdown);
    let d = header("Big ~sale");
    at(&only(&d, LintCode::HeaderMarkdown), TemplateComponent::Header, 4, 5);
    assert_eq!(fixed(&d, LintCode::HeaderMarkdown).content, header("Big sale").content);
    let found: Vec<_> =
        findings(&header("Use `code`**")).into_iter().filter(|f| f.code == LintCode::HeaderMarkdown).collect();
    let spans: Vec<_> = found.iter().map(|f| (f.span.start, f.span.end)).collect();
    assert_eq!(spans, vec![(4, 5), (9, 12)]);
}

#[test]
fn header_is_one_line() {
    none(&header("Order update"), LintCode::HeaderNewline);
    let d = header("Order\r\nupdate");
    at(&only(&d, LintCode::HeaderNewline), TemplateComponent::Header, 5, 7);
    assert_eq!(fixed(&d, LintCode::HeaderNewline).content, header("Order update").content);
}

#[test]
fn header_is_text_or_media_not_both() {
    none(&card(Some("Order"), None, &[], vec![]), LintCode::HeaderWithMedia);
    none(&card(None, None, &["https://example.com/a.png"], vec![]), LintCode::HeaderWithMedia);
    let f = only(&card(Some("Order"), None, &["https://example.com/a.png"], vec![]), LintCode::HeaderWithMedia);
    at(&f, TemplateComponent::Header, 0, 5);
}

#[test]
fn footer_is_at_most_60_characters() {
    let subtitle = |s: String| {
        draft(TemplateContent::Card { title: BODY.into(), subtitle: Some(s), media: vec![], actions: vec![] })
    };
    none(&subtitle("f".repeat(60)), LintCode::FooterTooLong);
    let f = only(&subtitle("f".repeat(61)), LintCode::FooterTooLong);
    at(&f, TemplateComponent::Footer, 60, 61);
    assert_eq!((param(&f, "max"), param(&f, "actual")), (n(60), n(61)));
}

#[test]
fn footer_has_no_emoji() {
    none(&footer("Thanks"), LintCode::FooterEmoji);
    let d = footer("Thanks 🙏");
    at(&only(&d, LintCode::FooterEmoji), TemplateComponent::Footer, 7, 8);
    assert_eq!(fixed(&d, LintCode::FooterEmoji).content, footer("Thanks ").content);
}

#[test]
fn footer_is_one_line() {
    none(&footer("Reply STOP"), LintCode::FooterNewline);
    let d = footer("Reply\nSTOP");
    at(&only(&d, LintCode::FooterNewline), TemplateComponent::Footer, 5, 6);
    assert_eq!(fixed(&d, LintCode::FooterNewline).content, footer("Reply STOP").content);
}

#[test]
fn footer_has_no_variables() {
    none(&footer("Reply STOP to opt out"), LintCode::FooterVariable);
    at(&only(&footer("Ref {{1}}"), LintCode::FooterVariable), TemplateComponent::Footer, 4, 9);
}

#[test]
fn media_needs_a_url() {
    let media = |m: Vec<String>| draft(TemplateContent::Media { body: BODY.into(), media: m });
    none(&media(vec!["https://example.com/a.png".into()]), LintCode::MediaRequired);
    at(&only(&media(vec![]), LintCode::MediaRequired), TemplateComponent::Media { index: 0 }, 0, 0);
}

#[test]
fn media_is_one() {
    let one = card(None, None, &["https://example.com/a.png"], vec![]);
    none(&one, LintCode::TooManyMedia);
    let two = card(None, None, &["https://example.com/a.png", "https://example.com/b.png"], vec![]);
    let f = only(&two, LintCode::TooManyMedia);
    at(&f, TemplateComponent::Media { index: 1 }, 0, 25);
    assert_eq!(param(&f, "actual"), n(2));
}

#[test]
fn at_most_10_buttons() {
    let titles: Vec<String> = (1..=11).map(|i| format!("Option {i}")).collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    none(&quick_replies(&titles[..10]), LintCode::TooManyButtons);
    let f = only(&quick_replies(&titles), LintCode::TooManyButtons);
    at(&f, TemplateComponent::Button { index: 10 }, 0, 9);
    assert_eq!((param(&f, "max"), param(&f, "actual")), (n(10), n(11)));
}

#[test]
fn at_most_2_url_buttons() {
    let two = call_to_action(vec![url("A", "https://a.example"), url("B", "https://b.example"), phone("C")]);
    none(&two, LintCode::TooManyUrlButtons);
    let three = call_to_action(vec![
        url("A", "https://a.example"),
        url("B", "https://b.example"),
        url("Third", "https://c.example"),
    ]);
    let f = only(&three, LintCode::TooManyUrlButtons);
    at(&f, TemplateComponent::Button { index: 2 }, 0, 5);
    assert_eq!((param(&f, "max"), param(&f, "actual")), (n(2), n(3)));
}

#[test]
fn at_most_1_phone_button() {
    none(&call_to_action(vec![phone("Call")]), LintCode::TooManyPhoneButtons);
    let f = only(&call_to_action(vec![phone("Call"), phone("Call again")]), LintCode::TooManyPhoneButtons);
    at(&f, TemplateComponent::Button { index: 1 }, 0, 10);
}

#[test]
fn quick_replies_are_grouped_apart_from_other_buttons() {
    let grouped = card(None, None, &[], vec![card_quick("Yes"), card_quick("No"), card_url("Open")]);
    none(&grouped, LintCode::QuickRepliesNotGrouped);
    let mixed = card(None, None, &[], vec![card_quick("Yes"), card_url("Open"), card_quick("No")]);
    at(&only(&mixed, LintCode::QuickRepliesNotGrouped), TemplateComponent::Button { index: 2 }, 0, 2);
}

#[test]
fn button_text_is_required() {
    none(&quick_replies(&["Yes"]), LintCode::ButtonTextRequired);
    at(&only(&quick_replies(&[" "]), LintCode::ButtonTextRequired), TemplateComponent::Button { index: 0 }, 0, 1);
}

#[test]
fn button_text_is_at_most_20_characters() {
    none(&quick_replies(&["Confirm my order now"]), LintCode::ButtonTextTooLong);
    let f = only(&quick_replies(&["Yes", "Confirm my order now!"]), LintCode::ButtonTextTooLong);
    at(&f, TemplateComponent::Button { index: 1 }, 20, 21);
}

#[test]
fn button_url_is_an_http_url() {
    none(&url_button("https://example.com/track/{{2}}"), LintCode::ButtonUrlInvalid);
    none(&url_button("http://example.com"), LintCode::ButtonUrlInvalid);
    at(
        &only(&url_button("example.com/x"), LintCode::ButtonUrlInvalid),
        TemplateComponent::ButtonUrl { index: 0 },
        0,
        13,
    );
    at(
        &only(&url_button("ftp://example.com"), LintCode::ButtonUrlInvalid),
        TemplateComponent::ButtonUrl { index: 0 },
        0,
        17,
    );
    at(&only(&url_button(""), LintCode::ButtonUrlInvalid), TemplateComponent::ButtonUrl { index: 0 }, 0, 0);
}

#[test]
fn url_variable_only_in_the_path() {
    none(&url_button("https://example.com/track/{{2}}"), LintCode::UrlVariableInDomain);
    let f = only(&url_button("https://{{2}}.example.com/track"), LintCode::UrlVariableInDomain);
    at(&f, TemplateComponent::ButtonUrl { index: 0 }, 8, 13);
    let f = only(&url_button("https://example.com{{2}}"), LintCode::UrlVariableInDomain);
    at(&f, TemplateComponent::ButtonUrl { index: 0 }, 19, 24);
}

#[test]
fn variables_are_numbered() {
    none(&text(BODY), LintCode::VariableNotNumbered);
    let d = text("Hello {{ 1 }}, your order {{2}} has shipped today.");
    at(&only(&d, LintCode::VariableNotNumbered), TemplateComponent::Body, 6, 13);
    assert_eq!(fixed(&d, LintCode::VariableNotNumbered).content, text(BODY).content);
    fixed(&text("Hello {{01}}, your order {{2}} has shipped today."), LintCode::VariableNotNumbered);

    let named = text("Hello {{name}}, your order {{1}} has shipped today.");
    let f = only(&named, LintCode::VariableNotNumbered);
    at(&f, TemplateComponent::Body, 6, 14);
    assert_eq!(f.fix, None);
}

#[test]
fn variables_are_sequential() {
    none(&text(BODY), LintCode::VariablesNotSequential);
    let d = LintDraft {
        variables: samples(&[("1", "Maria"), ("3", "A-100")]),
        ..text("Hello {{1}}, your order {{3}} has shipped today.")
    };
    let f = only(&d, LintCode::VariablesNotSequential);
    at(&f, TemplateComponent::Body, 24, 29);
    assert_eq!((param(&f, "variable"), param(&f, "expected")), (n(3), n(2)));

    let zero = text("Hello {{0}}, your order {{1}} has shipped today.");
    at(&only(&zero, LintCode::VariablesNotSequential), TemplateComponent::Body, 6, 11);
    // The order in the text does not matter, and the header counts too.
    none(&card(Some("Order {{2}}"), None, &[], vec![]), LintCode::VariablesNotSequential);
}

fn many_variables(count: usize) -> LintDraft {
    let body: String = (1..=count).map(|i| format!("word {{{{{i}}}}} ")).collect::<String>() + "end.";
    let variables = (1..=count).map(|i| (i.to_string(), "x".to_string())).collect();
    LintDraft { variables, ..text(&body) }
}

#[test]
fn at_most_100_variables() {
    none(&many_variables(100), LintCode::TooManyVariables);
    let d = many_variables(101);
    let f = only(&d, LintCode::TooManyVariables);
    let (start, end) = char_span(d.content_body(), "{{101}}");
    at(&f, TemplateComponent::Body, start, end);
    assert_eq!((param(&f, "max"), param(&f, "actual")), (n(100), n(101)));
}

trait Body {
    fn content_body(&self) -> &str;
}

impl Body for LintDraft {
    fn content_body(&self) -> &str {
        match &self.content {
            TemplateContent::Text { body } => body,
            _ => unreachable!("only text drafts here"),
        }
    }
}

#[test]
fn no_variable_at_the_start() {
    none(&text(BODY), LintCode::VariableAtStart);
    let f = only(&text("{{1}}, your order {{2}} has shipped today."), LintCode::VariableAtStart);
    at(&f, TemplateComponent::Body, 0, 5);
    at(
        &only(&text(" ¡{{1}}, your order {{2}} has shipped!"), LintCode::VariableAtStart),
        TemplateComponent::Body,
        2,
        7,
    );
}

#[test]
fn no_variable_at_the_end() {
    none(&text(BODY), LintCode::VariableAtEnd);
    let f = only(&text("Hello {{1}}, your order has shipped, ref {{2}}"), LintCode::VariableAtEnd);
    at(&f, TemplateComponent::Body, 41, 46);
    let punctuated = text("Hello {{1}}, your order has shipped, ref {{2}}. ");
    at(&only(&punctuated, LintCode::VariableAtEnd), TemplateComponent::Body, 41, 46);
}

#[test]
fn no_adjacent_variables() {
    none(&text(BODY), LintCode::AdjacentVariables);
    let f = only(&text("Hello {{1}} {{2}}, your order has shipped today."), LintCode::AdjacentVariables);
    at(&f, TemplateComponent::Body, 6, 17);
    let f = only(&text("Hello {{1}}{{2}}, your order has shipped today."), LintCode::AdjacentVariables);
    at(&f, TemplateComponent::Body, 6, 16);
}

#[test]
fn enough_words_per_variable() {
    none(&text(BODY), LintCode::TooFewWords);
    let d = text("Hi {{1}}, code {{2}} ok.");
    let f = only(&d, LintCode::TooFewWords);
    at(&f, TemplateComponent::Body, 0, 24);
    assert_eq!((param(&f, "variables"), param(&f, "words"), param(&f, "min")), (n(2), n(3), n(5)));
    // Japanese has no spaces between words: each kana or kanji counts.
    none(&text("こんにちは{{1}}さん、ご注文{{2}}を発送しました。"), LintCode::TooFewWords);
}

#[test]
fn every_variable_has_a_sample() {
    none(&text(BODY), LintCode::VariableMissingSample);
    let missing = LintDraft { variables: samples(&[("1", "Maria")]), ..text(BODY) };
    let f = only(&missing, LintCode::VariableMissingSample);
    at(&f, TemplateComponent::Body, 24, 29);
    assert_eq!(param(&f, "variable"), n(2));
    let blank = LintDraft { variables: samples(&[("1", "Maria"), ("2", " ")]), ..text(BODY) };
    at(&only(&blank, LintCode::VariableMissingSample), TemplateComponent::Body, 24, 29);
    let in_url =
        LintDraft { variables: samples(&[("1", "Maria"), ("2", "A-100")]), ..url_button("https://example.com/{{3}}") };
    at(&only(&in_url, LintCode::VariableMissingSample), TemplateComponent::ButtonUrl { index: 0 }, 20, 25);
}

#[test]
fn body_with_samples_is_at_most_1024_characters() {
    let body = format!("Hello {{{{1}}}}, {} today.", "a".repeat(1000));
    let short = LintDraft { variables: samples(&[("1", "Maria")]), ..text(&body) };
    none(&short, LintCode::BodyTooLongWithSamples);
    let long = LintDraft { variables: samples(&[("1", &"M".repeat(20))]), ..text(&body) };
    let f = only(&long, LintCode::BodyTooLongWithSamples);
    let length = body.chars().count();
    at(&f, TemplateComponent::Body, 0, length as u32);
    assert_eq!(param(&f, "actual"), n(length - 5 + 20));
    none(&long, LintCode::BodyTooLong);
}

#[test]
fn no_sample_without_its_variable() {
    none(&text(BODY), LintCode::UnusedSample);
    let d = LintDraft { variables: samples(&[("1", "Maria"), ("2", "A-100"), ("3", "spare")]), ..text(BODY) };
    let f = only(&d, LintCode::UnusedSample);
    at(&f, TemplateComponent::Variable { key: "3".into() }, 0, 5);
    assert_eq!(f.severity, LintSeverity::Warning);
    assert_eq!(f.fix, Some(LintFix::RemoveSample { key: "3".into() }));
    assert_eq!(fixed(&d, LintCode::UnusedSample).variables, text(BODY).variables);
    // A named variable's sample is in use, though the name itself is refused.
    let named = LintDraft {
        variables: samples(&[("name", "Maria"), ("1", "A-100")]),
        ..text("Hello {{name}}, your order {{1}} has shipped today.")
    };
    none(&named, LintCode::UnusedSample);
}

#[test]
fn no_duplicate_body_in_the_account() {
    let context = LintContext {
        other_templates: vec![OtherTemplate {
            name: "shipped".into(),
            body: "Hello  {{1}},\nyour order {{2}} has shipped today. ".into(),
        }],
    };
    let different = text("Hello {{1}}, your order {{2}} has shipped at last.");
    assert!(lint(&different, &context).iter().all(|f| f.code != LintCode::DuplicateBody));
    let found: Vec<_> = lint(&text(BODY), &context).into_iter().filter(|f| f.code == LintCode::DuplicateBody).collect();
    assert_eq!(found.len(), 1);
    at(&found[0], TemplateComponent::Body, 0, 48);
    assert_eq!(param(&found[0], "name"), Param::Text("shipped".into()));
}

#[test]
fn drafts_and_findings_cross_ipc_in_twilio_s_shapes() {
    let d = call_to_action(vec![url("Track", "https://{{2}}.example.com")]);
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["category"], "utility");
    assert_eq!(
        json["content"],
        serde_json::json!({
            "type": "twilio/call-to-action",
            "body": BODY,
            "actions": [{"type": "URL", "title": "Track", "url": "https://{{2}}.example.com"}],
        })
    );
    assert_eq!(serde_json::from_value::<LintDraft>(json).unwrap(), d);
    let card = serde_json::to_value(header("Hi").content).unwrap();
    assert_eq!(card["type"], "whatsapp/card");
    assert_eq!(card["headerText"], "Hi");

    let f = only(&d, LintCode::UrlVariableInDomain);
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        serde_json::json!({
            "code": "url_variable_in_domain",
            "severity": "error",
            "component": {"kind": "button_url", "index": 0},
            "span": {"start": 8, "end": 13},
            "params": {},
            "fix": null,
        })
    );
}

#[test]
fn a_fix_that_no_longer_fits_is_refused() {
    let mut d = text(BODY);
    let fix = LintFix::Replace {
        component: TemplateComponent::Header,
        span: LintSpan { start: 0, end: 1 },
        text: String::new(),
    };
    assert!(!apply_fix(&mut d, &fix));
    let fix = LintFix::Replace {
        component: TemplateComponent::Body,
        span: LintSpan { start: 40, end: 400 },
        text: String::new(),
    };
    assert!(!apply_fix(&mut d, &fix));
    assert_eq!(d, text(BODY));
}

fn messy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(\\{\\{[0-9 a]{0,3}\\}\\}|\\{|\\}|[a-zA-Z ,.!:/_~*`-]|https://|😀|👩\u{200D}💻|\u{FE0F}|\u{20E3}|\n|é|日){0,40}",
    ]
}

fn actions() -> impl Strategy<Value = Vec<CardAction>> {
    prop::collection::vec(
        (0..3u8, messy(), messy()).prop_map(|(kind, title, url)| match kind {
            0 => CardAction::Url { title, url },
            1 => CardAction::PhoneNumber { title, phone: url },
            _ => CardAction::QuickReply { title, id: None },
        }),
        0..13,
    )
}

fn content() -> impl Strategy<Value = TemplateContent> {
    let media = || prop::collection::vec(messy(), 0..3);
    prop_oneof![
        messy().prop_map(|body| TemplateContent::Text { body }),
        (messy(), media()).prop_map(|(body, media)| TemplateContent::Media { body, media }),
        (messy(), prop::collection::vec(messy(), 0..12)).prop_map(|(body, titles)| TemplateContent::QuickReply {
            body,
            actions: titles.into_iter().map(|title| QuickReplyAction { title, id: None }).collect(),
        }),
        (messy(), prop::collection::vec((any::<bool>(), messy(), messy()), 0..5)).prop_map(|(body, actions)| {
            TemplateContent::CallToAction {
                body,
                actions: actions
                    .into_iter()
                    .map(|(is_url, title, url)| {
                        if is_url {
                            CallToActionAction::Url { title, url }
                        } else {
                            CallToActionAction::PhoneNumber { title, phone: url }
                        }
                    })
                    .collect(),
            }
        }),
        (messy(), prop::option::of(messy()), media(), actions())
            .prop_map(|(title, subtitle, media, actions)| TemplateContent::Card { title, subtitle, media, actions }),
        (messy(), prop::option::of(messy()), prop::option::of(messy()), media(), actions()).prop_map(
            |(body, header_text, footer, media, actions)| TemplateContent::WhatsAppCard {
                body,
                header_text,
                footer,
                media,
                actions
            }
        ),
    ]
}

fn drafts() -> impl Strategy<Value = LintDraft> {
    let category = prop_oneof![
        Just(TemplateCategory::Utility),
        Just(TemplateCategory::Marketing),
        Just(TemplateCategory::Authentication)
    ];
    (messy(), category, content(), prop::collection::btree_map("[0-9a-z ]{0,3}", messy(), 0..6)).prop_map(
        |(name, category, content, variables)| LintDraft { name, category, language: "en".into(), content, variables },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The linter never panics; every span lies in its component's text; every fix applies.
    #[test]
    fn lint_takes_any_draft(d in drafts(), bodies in prop::collection::vec(messy(), 0..3)) {
        let context = LintContext {
            other_templates: bodies.into_iter().map(|body| OtherTemplate { name: "other".into(), body }).collect(),
        };
        for f in lint(&d, &context) {
            let length = d.text(&f.component).map_or(0, |t| t.chars().count()) as u32;
            prop_assert!(f.span.start <= f.span.end && f.span.end <= length, "{:?} outside {:?}", f, d);
            if let Some(fix) = &f.fix {
                let mut fixed = d.clone();
                prop_assert!(apply_fix(&mut fixed, fix), "{:?} does not apply to {:?}", fix, d);
            }
        }
    }
}
