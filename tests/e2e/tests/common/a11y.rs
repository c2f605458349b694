//! Accessibility checks in the real window: axe-core, the keyboard, and the minimum window size.

use std::path::Path;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Client;
use serde_json::{json, Value};

/// The window's minimum size, from tauri.conf.json.
pub const MIN_WIDTH: u32 = 900;

/// Runs axe-core on what the window shows now, in its theme and, when that is light, once more
/// in the dark one. Fails on any violation of impact "serious" or "critical", naming `screen`;
/// prints the rest.
pub async fn axe(app: &Client, screen: &str) {
    let loaded = app.execute("return typeof window.axe === 'object'", vec![]).await.unwrap();
    if loaded != json!(true) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} is missing ({e}); `make test-deps` installs it", path.display()));
        app.execute(&source, vec![]).await.unwrap();
    }
    run_axe(app, screen).await;
    let dark = app.execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![]).await.unwrap();
    if dark != json!(true) {
        assert!(force_dark(app, true).await > 0, "the UI's stylesheets have no dark theme to check");
        run_axe(app, &format!("{screen} (dark)")).await;
        force_dark(app, false).await;
    }
}

/// Applies the stylesheets' `prefers-color-scheme: dark` rules whatever the OS prefers, or puts
/// them back as they were. Returns how many rules it changed.
async fn force_dark(app: &Client, on: bool) -> u64 {
    let changed = app
        .execute(
            "if (arguments[0]) {
               window.__forcedDark = [];
               for (const sheet of document.styleSheets)
                 for (const rule of sheet.cssRules)
                   if (rule instanceof CSSMediaRule && rule.media.mediaText.includes('prefers-color-scheme: dark')) {
                     window.__forcedDark.push([rule, rule.media.mediaText]);
                     rule.media.mediaText = 'all';
                   }
               document.documentElement.style.colorScheme = 'dark';
             } else {
               for (const [rule, text] of window.__forcedDark) rule.media.mediaText = text;
               document.documentElement.style.removeProperty('color-scheme');
             }
             return window.__forcedDark.length;",
            vec![json!(on)],
        )
        .await
        .unwrap();
    changed.as_u64().unwrap()
}

async fn run_axe(app: &Client, screen: &str) {
    let result = app
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary) }))))
               .catch((e) => done({ error: String(e) }));",
            vec![],
        )
        .await
        .unwrap();
    let violations = result.as_array().unwrap_or_else(|| panic!("axe failed on {screen}: {result}"));
    let (blocking, other): (Vec<&Value>, Vec<&Value>) =
        violations.iter().partition(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")));
    for v in &other {
        eprintln!("axe on {screen} ({}): {} {}: {}", v["impact"], v["id"], v["help"], v["nodes"]);
    }
    assert!(blocking.is_empty(), "axe on {screen}: {}", serde_json::to_string_pretty(&blocking).unwrap());
}

/// Presses keys one after another, as a person on the keyboard would.
pub async fn press(app: &Client, keys: &[Key]) {
    let mut actions = KeyActions::new("keyboard".to_owned());
    for key in keys {
        let key = char::from(*key);
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    }
    app.perform_actions(actions).await.unwrap();
}

/// Shift+Tab.
pub async fn press_back_tab(app: &Client) {
    let shift = char::from(Key::Shift);
    let tab = char::from(Key::Tab);
    let actions = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: shift })
        .then(KeyAction::Down { value: tab })
        .then(KeyAction::Up { value: tab })
        .then(KeyAction::Up { value: shift });
    app.perform_actions(actions).await.unwrap();
}

/// Types text into whatever has focus.
pub async fn type_text(app: &Client, text: &str) {
    let mut actions = KeyActions::new("keyboard".to_owned());
    for c in text.chars() {
        actions = actions.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
    }
    app.perform_actions(actions).await.unwrap();
}

/// The focused element, as `tag#id.classes "label"`, for assertions and failure messages.
pub async fn focused(app: &Client) -> String {
    let described = app
        .execute(
            "const e = document.activeElement;
             const label = (e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.textContent || '').trim();
             return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' \"' + label.slice(0, 60) + '\"';",
            vec![],
        )
        .await
        .unwrap();
    described.as_str().unwrap().to_owned()
}

/// Tabs forward until the element matching `css` has focus; fails after `limit` presses.
pub async fn tab_to(app: &Client, css: &str, limit: usize) {
    for _ in 0..limit {
        let there = app.execute("return document.activeElement.matches(arguments[0])", vec![json!(css)]).await.unwrap();
        if there == json!(true) {
            return;
        }
        press(app, &[Key::Tab]).await;
    }
    panic!("Tab never reached {css}; focus is on {}", focused(app).await);
}

/// Everything that can be operated, and text that is cut off, outside the window's width, and
/// whether the page scrolls sideways. Empty when the screen fits.
pub async fn overflow(app: &Client) -> Vec<String> {
    let found = app
        .execute(
            "const width = document.documentElement.clientWidth;
             const out = [];
             if (document.scrollingElement.scrollWidth > width) out.push('the page scrolls sideways: ' + document.scrollingElement.scrollWidth + ' > ' + width);
             for (const e of document.querySelectorAll('button, a[href], input, select, textarea, [tabindex]')) {
               const r = e.getBoundingClientRect();
               if (r.width === 0 && r.height === 0) continue;
               if (r.left < 0 || r.right > width + 0.5) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' \"' + (e.textContent || e.value || '').trim().slice(0, 40) + '\" spans ' + Math.round(r.left) + '..' + Math.round(r.right));
             }
             for (const e of document.querySelectorAll('*')) {
               if (e.clientWidth <= 1) continue; // visually hidden on purpose, for screen readers
               const s = getComputedStyle(e);
               if ((s.overflowX === 'hidden' || s.overflowX === 'clip') && e.scrollWidth > e.clientWidth + 1 && s.textOverflow !== 'ellipsis')
                 out.push('clipped: ' + e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className);
             }
             return out;",
            vec![],
        )
        .await
        .unwrap();
    found.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

/// Resizes the window so that its page is `width` CSS pixels wide.
pub async fn set_width(app: &Client, width: u32, height: u32) {
    app.set_window_size(width, height).await.unwrap();
}
