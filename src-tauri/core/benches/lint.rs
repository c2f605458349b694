//! The linter on a 1,024-character body with 20 variables, a header, a footer and six buttons,
//! against a floor any linter pays: counting the body's characters and finding its `{{n}}`.
//!
//! `cargo bench -p channel-desk-core --bench lint`

use std::hint::black_box;
use std::time::{Duration, Instant};

use channel_desk_core::model::TemplateCategory;
use channel_desk_core::template::{lint, CardAction, LintContext, LintDraft, OtherTemplate, TemplateContent};

const ITERATIONS: usize = 20_000;

fn body() -> String {
    let mut body = String::new();
    for i in 1..=20 {
        body.push_str(&format!("Item {{{{{i}}}}} of your order is packed. "));
    }
    let filler = "Thank you for shopping with us. ";
    body.extend(filler.chars().cycle().take(1023 - body.chars().count()));
    body.push('.');
    body
}

fn draft() -> LintDraft {
    let quick = |title: &str| CardAction::QuickReply { title: title.into(), id: None };
    LintDraft {
        name: "order_items_packed".into(),
        category: TemplateCategory::Utility,
        language: "en".into(),
        content: TemplateContent::WhatsAppCard {
            body: body(),
            header_text: Some("Your order {{1}} is packed".into()),
            footer: Some("Reply STOP to opt out".into()),
            media: vec![],
            actions: vec![
                quick("Thanks"),
                quick("Change address"),
                quick("Cancel order"),
                CardAction::Url { title: "Track".into(), url: "https://example.com/track/{{2}}".into() },
                CardAction::Url { title: "Help".into(), url: "https://example.com/help".into() },
                CardAction::PhoneNumber { title: "Call us".into(), phone: "+14155238886".into() },
            ],
        },
        variables: (1..=20).map(|i| (i.to_string(), format!("#{i}"))).collect(),
    }
}

/// What any linter must do at least: count the body's characters and find its placeholders.
fn floor(body: &str) -> usize {
    let chars = body.chars().count();
    let bytes = body.as_bytes();
    let mut variables = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'{' {
            let digits = bytes[i + 2..].iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 0 && bytes[i + 2 + digits..].starts_with(b"}}") {
                variables += 1;
                i += 4 + digits;
                continue;
            }
        }
        i += 1;
    }
    chars + variables
}

fn measure(mut run: impl FnMut()) -> (Duration, Duration) {
    for _ in 0..ITERATIONS / 10 {
        run();
    }
    let mut total = Duration::ZERO;
    let mut min = Duration::MAX;
    for _ in 0..ITERATIONS {
        let start = Instant::now();
        run();
        let took = start.elapsed();
        total += took;
        min = min.min(took);
    }
    (total / ITERATIONS as u32, min)
}

fn main() {
    let draft = draft();
    let context = LintContext {
        other_templates: (0..50)
            .map(|i| OtherTemplate {
                name: format!("other_{i}"),
                body: format!("Another template, number {i}: {}", body()),
            })
            .collect(),
    };
    let body = body();
    let findings = lint(&draft, &context);
    assert!(findings.is_empty(), "the benchmark's draft should be clean: {findings:?}");
    println!("body: {} characters, 20 variables; header, footer, 6 buttons; 50 other templates", body.chars().count());

    let (lint_mean, lint_min) = measure(|| {
        black_box(lint(black_box(&draft), black_box(&context)));
    });
    let (floor_mean, floor_min) = measure(|| {
        black_box(floor(black_box(&body)));
    });
    println!("lint:     mean {lint_mean:?}, min {lint_min:?} per lint ({ITERATIONS} iterations)");
    println!("baseline: mean {floor_mean:?}, min {floor_min:?} (chars().count() and a {{{{n}}}} scan of the body)");
    println!(
        "ratio:    {:.1}x the baseline (mean), {:.1}x (min); target under 1 ms per lint",
        lint_mean.as_secs_f64() / floor_mean.as_secs_f64(),
        lint_min.as_secs_f64() / floor_min.as_secs_f64()
    );
}
