//! The template library: families and their languages, revisions of published languages, the
//! approval timeline, delete, and full-text search with its filters.

mod common;

use std::collections::BTreeMap;

use channel_desk_core::library::match_expression;
use channel_desk_core::model::{
    DraftContentInput, DraftStatus, LibrarySearch, NewLanguageInput, NewTemplateInput, StatusChange, StatusFilter,
    TemplateCategory, TemplateDetailsInput, TemplateFamily,
};
use channel_desk_core::template::{CardAction, LintCode, LintDraft, LintFinding, TemplateContent};
use channel_desk_core::{Desk, ErrorCode};
use chrono::{TimeZone, Utc};
use common::{complete_account, desk, problems, rows};
use serde_json::json;

const SID_A: &str = "HX0123456789abcdef0123456789abcdef";
const SID_B: &str = "HXfedcba9876543210fedcba9876543210";

fn content(body: &str) -> TemplateContent {
    TemplateContent::Text { body: body.into() }
}

fn new(
    name: &str,
    category: TemplateCategory,
    account_id: Option<&str>,
    language: &str,
    body: &str,
) -> NewTemplateInput {
    NewTemplateInput {
        name: name.into(),
        category,
        account_id: account_id.map(str::to_owned),
        language: language.into(),
        content: content(body),
        variables: BTreeMap::from([("1".to_owned(), "Maria".to_owned())]),
    }
}

async fn create(desk: &Desk, name: &str, language: &str, body: &str) -> TemplateFamily {
    desk.library.create(new(name, TemplateCategory::Utility, None, language, body)).await.unwrap()
}

fn language(code: &str, body: &str) -> NewLanguageInput {
    NewLanguageInput { language: code.into(), content: content(body), variables: BTreeMap::new() }
}

fn text(words: &str) -> LibrarySearch {
    LibrarySearch { text: words.into(), ..LibrarySearch::default() }
}

/// The names the search finds, in order.
async fn names(desk: &Desk, q: LibrarySearch) -> Vec<String> {
    let page = desk.library.search(&q).await.unwrap();
    assert_eq!(page.total as usize, page.rows.len(), "these searches fit one page");
    page.rows.into_iter().map(|r| r.name).collect()
}

fn status(sid: &str, status: &str, reason: Option<&str>, minute: u32) -> StatusChange {
    StatusChange {
        content_sid: sid.into(),
        status: status.into(),
        reason: reason.map(str::to_owned),
        at: Utc.with_ymd_and_hms(2026, 11, 25, 10, minute, 0).unwrap(),
    }
}

#[tokio::test]
async fn a_template_starts_with_its_first_language_as_a_draft() {
    let f = desk().await;
    let t = f
        .desk
        .library
        .create(new("  order_shipped ", TemplateCategory::Utility, None, "en", "Your order {{1}} shipped."))
        .await
        .unwrap();
    assert_eq!(
        (t.name.as_str(), t.category, t.account_id.as_deref()),
        ("order_shipped", TemplateCategory::Utility, None)
    );
    assert_eq!(t.drafts.len(), 1);
    let d = &t.drafts[0];
    assert_eq!((d.language.as_str(), d.revision, d.status), ("en", 1, DraftStatus::Draft));
    assert_eq!((d.content_sid.as_deref(), d.approval_status.as_deref()), (None, None));
    assert_eq!(d.content.body(), "Your order {{1}} shipped.");
    assert_eq!(d.variables["1"], "Maria");
    assert_eq!(f.desk.library.get(&t.id).await.unwrap(), t);
    assert_eq!(&f.desk.library.draft(&d.id).await.unwrap(), d);
}

#[tokio::test]
async fn a_refused_template_names_every_field_at_once_and_keeps_nothing() {
    let f = desk().await;
    let err = f.desk.library.create(new(" ", TemplateCategory::Marketing, Some("gone"), "xx", "Hi")).await.unwrap_err();
    assert_eq!(
        problems(&err),
        [
            (ErrorCode::NotFound, Some("templateAccount".into())),
            (ErrorCode::Required, Some("templateName".into())),
            (ErrorCode::UnknownLanguage, Some("templateLanguage".into())),
        ]
    );
    assert_eq!(err.params["what"], "account".into());
    let err =
        f.desk.library.create(new(&"a".repeat(513), TemplateCategory::Utility, None, "", "Hi")).await.unwrap_err();
    assert_eq!(
        problems(&err),
        [(ErrorCode::TooLong, Some("templateName".into())), (ErrorCode::Required, Some("templateLanguage".into()))]
    );
    assert_eq!(serde_json::to_value(&err.params).unwrap(), json!({"max": 512, "actual": 513}));
    assert!(f.desk.library.create(new(&"a".repeat(512), TemplateCategory::Utility, None, "en", "Hi")).await.is_ok());
    assert_eq!((rows(&f.pool, "template_families").await, rows(&f.pool, "template_drafts").await), (1, 1));
}

#[tokio::test]
async fn names_are_unique_within_an_account_whatever_their_case() {
    let f = desk().await;
    let sales = complete_account(&f.desk, "Sales", &[("Main", "+14155238886")]).await;
    let support = complete_account(&f.desk, "Support", &[("Main", "+14155238887")]).await;
    let mine =
        |name: &str, account: &str| new(name, TemplateCategory::Utility, Some(account), "en", "Hello {{1}}, hi.");
    f.desk.library.create(mine("order_shipped", &sales.id)).await.unwrap();
    let err = f.desk.library.create(mine("ORDER_SHIPPED", &sales.id)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateName, Some("templateName")));
    assert_eq!(serde_json::to_value(&err.params).unwrap(), json!({"what": "template", "name": "order_shipped"}));
    let other = f.desk.library.create(mine("order_shipped", &support.id)).await.unwrap();
    create(&f.desk, "order_shipped", "en", "No account yet").await;
    let err =
        f.desk.library.create(new("Order_Shipped", TemplateCategory::Utility, None, "en", "x")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateName, "templates with no account yet are one group");

    let details = |name: &str, account: &str| TemplateDetailsInput {
        name: name.into(),
        category: TemplateCategory::Marketing,
        account_id: Some(account.into()),
    };
    let err = f.desk.library.save_details(&other.id, details("order_shipped", &sales.id)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateName, Some("templateName")));
    let saved = f.desk.library.save_details(&other.id, details("order_delivered", &sales.id)).await.unwrap();
    assert_eq!(
        (saved.name.as_str(), saved.category, saved.account_id.as_deref()),
        ("order_delivered", TemplateCategory::Marketing, Some(sales.id.as_str()))
    );
    let err = f.desk.library.save_details("gone", details("x", &sales.id)).await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "template".into()));
}

#[tokio::test]
async fn a_language_is_added_once_and_a_missing_one_is_a_gap() {
    let f = desk().await;
    let t = create(&f.desk, "order_shipped", "en", "Your order shipped.").await;
    create(&f.desk, "welcome", "it", "Benvenuto!").await;
    let de = f.desk.library.add_language(&t.id, language("de", "Ihre Bestellung ist unterwegs.")).await.unwrap();
    assert_eq!((de.language.as_str(), de.revision, de.status), ("de", 1, DraftStatus::Draft));
    assert_eq!(de.family_id, t.id);

    let err = f.desk.library.add_language(&t.id, language("de", "Noch einmal")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateName, Some("templateLanguage")));
    assert_eq!(serde_json::to_value(&err.params).unwrap(), json!({"what": "template_language", "name": "de"}));
    let err = f.desk.library.add_language(&t.id, language("de-DE", "x")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::UnknownLanguage, Some("templateLanguage")));
    let err = f.desk.library.add_language("gone", language("fr", "x")).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let raw = |revision: i64, status: &'static str, sid: Option<&'static str>| {
        sqlx::query(
            "INSERT INTO template_drafts (search_id, id, family_id, language, revision, content, status, content_sid,
                    created_at, updated_at)
             VALUES ((SELECT (key << 20) + 100 + ?2 FROM template_families WHERE id = ?1), 'x', ?1, 'de', ?2, '{}', ?3,
                     ?4, '', '')",
        )
        .bind(&t.id)
        .bind(revision)
        .bind(status)
        .bind(sid)
        .execute(&f.pool)
    };
    assert!(raw(1, "published", Some(SID_A)).await.is_err(), "the database refuses a second revision 1 of a language");
    assert!(raw(2, "draft", None).await.is_err(), "and a second draft being edited");
    assert!(raw(2, "published", Some(SID_A)).await.is_ok(), "a published revision beside the draft is fine");

    let page = f.desk.library.search(&LibrarySearch::default()).await.unwrap();
    let gaps: Vec<(&str, Vec<&str>)> =
        page.rows.iter().map(|r| (r.name.as_str(), r.languages_missing.iter().map(String::as_str).collect())).collect();
    assert_eq!(gaps, [("order_shipped", vec!["it"]), ("welcome", vec!["de", "en"])]);
    let codes: Vec<(&str, u32)> = page.rows[0].languages.iter().map(|l| (l.language.as_str(), l.revision)).collect();
    assert_eq!(codes, [("de", 1), ("de", 2), ("en", 1)], "every revision of every language, in order");
}

#[tokio::test]
async fn a_draft_saves_its_content_and_samples() {
    let f = desk().await;
    let t = create(&f.desk, "order_shipped", "en", "Your order shipped.").await;
    let input = DraftContentInput {
        content: content("Your order {{1}} is on its way."),
        variables: BTreeMap::from([("1".to_owned(), "A-1001".to_owned())]),
    };
    let saved = f.desk.library.save_content(&t.drafts[0].id, input).await.unwrap();
    assert_eq!((saved.id.as_str(), saved.revision), (t.drafts[0].id.as_str(), 1));
    assert_eq!(saved.content.body(), "Your order {{1}} is on its way.");
    assert_eq!(saved.variables["1"], "A-1001");
    assert!(f.desk.library.get(&t.id).await.unwrap().updated_at >= t.updated_at);
    assert_eq!(names(&f.desk, text("way")).await, ["order_shipped"]);
    assert!(names(&f.desk, text("shipped.")).await.len() == 1, "the name still finds it");
    let err =
        f.desk.library.save_content("gone", DraftContentInput { content: content("x"), variables: BTreeMap::new() });
    assert_eq!(err.await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn publishing_keeps_the_content_sid_once() {
    let f = desk().await;
    let t = create(&f.desk, "order_shipped", "en", "Your order shipped.").await;
    let other = create(&f.desk, "welcome", "en", "Welcome!").await;
    let id = &t.drafts[0].id;
    let err = f.desk.library.published(id, "HX123").await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidContentSid, Some("contentSid")));
    let d = f.desk.library.published(id, &format!(" {SID_A} ")).await.unwrap();
    assert_eq!((d.status, d.content_sid.as_deref()), (DraftStatus::Published, Some(SID_A)));
    assert_eq!(f.desk.library.published(id, SID_A).await.unwrap(), d, "the same SID again changes nothing");
    let err = f.desk.library.published(id, SID_B).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateContentSid);
    let err = f.desk.library.published(&other.drafts[0].id, SID_A).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateContentSid, "a Content SID is one draft's");
}

#[tokio::test]
async fn status_changes_make_a_timeline_ordered_by_time_with_reasons_verbatim() {
    let f = desk().await;
    let t = create(&f.desk, "order_shipped", "en", "Your order shipped.").await;
    let id = t.drafts[0].id.clone();
    f.desk.library.published(&id, SID_A).await.unwrap();
    assert!(f.desk.library.history(&id).await.unwrap().is_empty());

    f.desk.library.record_status(status(SID_A, "unsubmitted", None, 0)).await.unwrap();
    f.desk.library.record_status(status(SID_A, "received", None, 5)).await.unwrap();
    let reason = "  The template's content is too generic ✗ ";
    let d = f.desk.library.record_status(status(SID_A, "Rejected", Some(reason), 20)).await.unwrap();
    assert_eq!(d.approval_status.as_deref(), Some("Rejected"), "as Twilio wrote it");
    // A sync that reads the same answer again, and a late answer from before the others.
    f.desk.library.record_status(status(SID_A, "Rejected", Some(reason), 30)).await.unwrap();
    let d = f.desk.library.record_status(status(SID_A, "pending", None, 10)).await.unwrap();
    assert_eq!(d.approval_status.as_deref(), Some("Rejected"), "the latest in time stays the status");

    let history = f.desk.library.history(&id).await.unwrap();
    let steps: Vec<(&str, Option<&str>, u32)> =
        history.iter().map(|e| (e.status.as_str(), e.reason.as_deref(), chrono::Timelike::minute(&e.at))).collect();
    assert_eq!(
        steps,
        [("unsubmitted", None, 0), ("received", None, 5), ("pending", None, 10), ("Rejected", Some(reason), 20)]
    );
    let err = f.desk.library.record_status(status(SID_B, "approved", None, 40)).await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "template".into()));
    assert_eq!(f.desk.library.history("gone").await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn editing_an_approved_language_makes_a_new_revision_and_keeps_the_approved_row() {
    let f = desk().await;
    let t = create(&f.desk, "order_shipped", "en", "Your order shipped.").await;
    let approved_id = t.drafts[0].id.clone();
    f.desk.library.published(&approved_id, SID_A).await.unwrap();
    let approved = f.desk.library.record_status(status(SID_A, "approved", None, 0)).await.unwrap();

    let input = DraftContentInput { content: content("Your order has shipped."), variables: BTreeMap::new() };
    let revision = f.desk.library.save_content(&approved_id, input).await.unwrap();
    assert_ne!(revision.id, approved_id);
    assert_eq!((revision.language.as_str(), revision.revision, revision.status), ("en", 2, DraftStatus::Draft));
    assert_eq!((revision.content_sid.as_deref(), revision.approval_status.as_deref()), (None, None));
    assert_eq!(revision.content.body(), "Your order has shipped.");
    assert_eq!(f.desk.library.draft(&approved_id).await.unwrap(), approved, "the approved row is as it was");

    assert_eq!(f.desk.library.new_revision(&approved_id).await.unwrap(), revision, "one draft per language");
    assert_eq!(f.desk.library.new_revision(&revision.id).await.unwrap(), revision);
    let input = DraftContentInput { content: content("Your order is on its way."), variables: BTreeMap::new() };
    let again = f.desk.library.save_content(&approved_id, input).await.unwrap();
    assert_eq!((again.id.as_str(), again.revision), (revision.id.as_str(), 2));
    let family = f.desk.library.get(&t.id).await.unwrap();
    let revisions: Vec<(u32, DraftStatus)> = family.drafts.iter().map(|d| (d.revision, d.status)).collect();
    assert_eq!(revisions, [(1, DraftStatus::Published), (2, DraftStatus::Draft)]);

    f.desk.library.published(&revision.id, SID_B).await.unwrap();
    let third = f.desk.library.new_revision(&revision.id).await.unwrap();
    assert_eq!((third.revision, third.content.body()), (3, "Your order is on its way."));
    assert_eq!(names(&f.desk, text("way")).await, ["order_shipped"]);
    assert_eq!(
        names(&f.desk, LibrarySearch { statuses: vec![StatusFilter::Approved], ..text("shipped") }).await.len(),
        1
    );
}

#[tokio::test]
async fn delete_removes_everything_or_nothing_and_keeps_a_record_of_published_content() {
    let f = desk().await;
    let sales = complete_account(&f.desk, "Sales", &[("Main", "+14155238886")]).await;
    let t = f
        .desk
        .library
        .create(new("order_shipped", TemplateCategory::Utility, Some(&sales.id), "en", "Your order shipped."))
        .await
        .unwrap();
    f.desk.library.add_language(&t.id, language("de", "Versandt.")).await.unwrap();
    f.desk.library.published(&t.drafts[0].id, SID_A).await.unwrap();
    f.desk.library.record_status(status(SID_A, "approved", None, 0)).await.unwrap();
    let kept = create(&f.desk, "welcome", "en", "Welcome!").await;

    let guard = "CREATE TRIGGER refuse BEFORE DELETE ON template_status_history BEGIN SELECT RAISE(ABORT, 'no'); END";
    sqlx::query(guard).execute(&f.pool).await.unwrap();
    let err = f.desk.library.delete(&t.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Storage);
    assert_eq!(f.desk.library.get(&t.id).await.unwrap().drafts.len(), 2, "nothing was deleted");
    assert!(f.desk.library.deleted_in_twilio().await.unwrap().is_empty(), "nor recorded");
    assert_eq!(names(&f.desk, text("versandt")).await, ["order_shipped"]);

    sqlx::query("DROP TRIGGER refuse").execute(&f.pool).await.unwrap();
    f.desk.library.delete(&t.id).await.unwrap();
    assert_eq!(f.desk.library.get(&t.id).await.unwrap_err().code, ErrorCode::NotFound);
    for table in ["template_drafts", "template_status_history"] {
        let left: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&f.pool).await.unwrap();
        assert_eq!(left, if table == "template_drafts" { 1 } else { 0 }, "{table}");
    }
    assert_eq!(rows(&f.pool, "template_search").await, 1, "the index lost the deleted drafts");
    assert!(names(&f.desk, text("versandt")).await.is_empty());
    assert_eq!(names(&f.desk, LibrarySearch::default()).await, [kept.name]);
    let records = f.desk.library.deleted_in_twilio().await.unwrap();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(
        (r.content_sid.as_str(), r.account_id.as_deref(), r.name.as_str(), r.language.as_str()),
        (SID_A, Some(sales.id.as_str()), "order_shipped", "en")
    );
    assert_eq!((r.revision, r.approval_status.as_deref()), (1, Some("approved")));
    assert_eq!(f.desk.library.delete(&t.id).await.unwrap_err().code, ErrorCode::NotFound);
}

/// A library of five templates in two accounts (and one with none), in several languages and statuses.
async fn library(desk: &Desk) -> (String, String) {
    let sales = complete_account(desk, "Sales", &[("Main", "+14155238886")]).await.id;
    let support = complete_account(desk, "Support", &[("Main", "+14155238887")]).await.id;
    let lib = &desk.library;
    let add = |name: &'static str, category, account: Option<String>, lang: &'static str, body: &'static str| async move {
        lib.create(new(name, category, account.as_deref(), lang, body)).await.unwrap()
    };
    let shipped =
        add("order_shipped", TemplateCategory::Utility, Some(sales.clone()), "en", "Your order {{1}} has shipped.")
            .await;
    lib.add_language(&shipped.id, language("de", "Ihre Bestellung {{1}} wurde versandt.")).await.unwrap();
    lib.published(&shipped.drafts[0].id, SID_A).await.unwrap();
    lib.record_status(status(SID_A, "APPROVED", None, 0)).await.unwrap();
    let sale = add(
        "spring_sale",
        TemplateCategory::Marketing,
        Some(sales.clone()),
        "en",
        "Spring sale: 20% off, AND free shipping!",
    )
    .await;
    lib.published(&sale.drafts[0].id, SID_B).await.unwrap();
    lib.record_status(status(SID_B, "rejected", Some("promotional"), 0)).await.unwrap();
    add("login_code", TemplateCategory::Authentication, Some(support.clone()), "en", "Your code is {{1}}.").await;
    let buttons = TemplateContent::WhatsAppCard {
        body: "Ticket {{1}} is open. Reply below.".into(),
        header_text: Some("Support ticket".into()),
        footer: Some("Acme helpdesk".into()),
        media: Vec::new(),
        actions: vec![
            CardAction::QuickReply { title: "Close ticket".into(), id: Some("close".into()) },
            CardAction::QuickReply { title: "Talk to an agent".into(), id: None },
        ],
    };
    let ticket = lib
        .create(NewTemplateInput {
            content: buttons,
            ..new("ticket_open", TemplateCategory::Utility, Some(&support), "it", "")
        })
        .await
        .unwrap();
    lib.add_language(&ticket.id, language("zh_CN", "工单 {{1}} 已打开。")).await.unwrap();
    add("café_opening", TemplateCategory::Marketing, None, "fr", "Notre café ouvre ses portes « NEAR(5) » bientôt.")
        .await;
    (sales, support)
}

#[tokio::test]
async fn search_finds_by_name_body_texts_language_and_word_start() {
    let f = desk().await;
    library(&f.desk).await;
    let find = |words: &'static str| names(&f.desk, text(words));
    assert_eq!(find("").await.len(), 5);
    assert_eq!(find("spring").await, ["spring_sale"], "a word of the name");
    assert_eq!(find("order_shipped").await, ["order_shipped"], "the whole name");
    assert_eq!(find("versandt").await, ["order_shipped"], "a word of another language's body");
    assert_eq!(find("Shipping").await, ["spring_sale"], "whatever the case");
    assert_eq!(find("ship").await, ["order_shipped", "spring_sale"], "the last word as a word's start");
    assert_eq!(find("order ship").await, ["order_shipped"]);
    assert!(find("ship order").await.is_empty(), "only the last word is a start");
    assert_eq!(find("support ticket").await, ["ticket_open"], "the header");
    assert_eq!(find("helpdesk").await, ["ticket_open"], "the footer");
    assert_eq!(find("agent").await, ["ticket_open"], "a button's title");
    assert_eq!(find("zh_CN").await, ["ticket_open"], "a language code");
    assert_eq!(find("de").await, ["order_shipped"], "a language code");
    assert_eq!(find("cafe").await, ["café_opening"], "diacritics aside");
    assert_eq!(find("工单").await, ["ticket_open"]);
    assert!(find("refund").await.is_empty());
}

#[tokio::test]
async fn search_is_safe_against_fts_syntax_in_what_the_user_types() {
    let f = desk().await;
    library(&f.desk).await;
    let find = |words: &'static str| names(&f.desk, text(words));
    assert_eq!(find("\"spring").await, ["spring_sale"]);
    assert_eq!(find("spring\" OR \"login").await, Vec::<String>::new(), "OR is a word, not an operator");
    assert_eq!(find("sale AND").await, ["spring_sale"], "AND is a word, and the sale's body has it");
    assert_eq!(find("NEAR(").await, ["café_opening"]);
    assert_eq!(find("NEAR(5)").await, ["café_opening"]);
    assert_eq!(find("* ( ) : ^ -").await.len(), 5, "marks alone find everything");
    assert_eq!(find("shipp*").await, ["order_shipped", "spring_sale"]);
    assert_eq!(find("name:spring").await, Vec::<String>::new(), "no column filter");
    assert_eq!(find("-order +shipped").await, ["order_shipped"], "no NOT, no column filter");
    assert!(find("{body} order").await.is_empty(), "braces are not a column filter: body is a word to find");
    assert_eq!(match_expression(" a\"b  NEAR( "), Some("\"a\"\"b\" \"NEAR(\"*".to_owned()));
    assert_eq!(match_expression("  * ! "), None);
}

#[tokio::test]
async fn search_filters_by_status_category_language_and_account_and_their_combination() {
    let f = desk().await;
    let (sales, support) = library(&f.desk).await;
    let by = |q: LibrarySearch| names(&f.desk, q);
    let all = LibrarySearch::default;
    let statuses = |s: Vec<StatusFilter>| LibrarySearch { statuses: s, ..all() };
    assert_eq!(by(statuses(vec![StatusFilter::Approved])).await, ["order_shipped"], "APPROVED whatever its case");
    assert_eq!(by(statuses(vec![StatusFilter::Rejected])).await, ["spring_sale"]);
    assert_eq!(
        by(statuses(vec![StatusFilter::Draft])).await,
        ["café_opening", "login_code", "order_shipped", "ticket_open"],
        "order_shipped has a German draft"
    );
    assert_eq!(
        by(statuses(vec![StatusFilter::Approved, StatusFilter::Rejected])).await,
        ["order_shipped", "spring_sale"]
    );
    assert!(by(statuses(vec![StatusFilter::Pending, StatusFilter::Paused])).await.is_empty());

    let categories = |c: Vec<TemplateCategory>| LibrarySearch { categories: c, ..all() };
    assert_eq!(by(categories(vec![TemplateCategory::Marketing])).await, ["café_opening", "spring_sale"]);
    assert_eq!(by(categories(vec![TemplateCategory::Authentication])).await, ["login_code"]);

    let languages = |l: &[&str]| LibrarySearch { languages: l.iter().map(|s| s.to_string()).collect(), ..all() };
    assert_eq!(by(languages(&["de"])).await, ["order_shipped"]);
    assert_eq!(by(languages(&["zh_CN", "fr"])).await, ["café_opening", "ticket_open"]);

    let accounts = |a: Vec<String>, without_account| LibrarySearch { account_ids: a, without_account, ..all() };
    assert_eq!(by(accounts(vec![sales.clone()], false)).await, ["order_shipped", "spring_sale"]);
    assert_eq!(by(accounts(vec![], true)).await, ["café_opening"]);
    assert_eq!(by(accounts(vec![support.clone()], true)).await, ["café_opening", "login_code", "ticket_open"]);

    // Together: a draft with the words must itself pass the status and language filters.
    let q = |t: &str, s: Vec<StatusFilter>, l: &[&str]| LibrarySearch {
        text: t.into(),
        statuses: s,
        languages: l.iter().map(|s| s.to_string()).collect(),
        categories: vec![TemplateCategory::Utility],
        account_ids: vec![sales.clone()],
        ..all()
    };
    assert_eq!(by(q("versandt", vec![StatusFilter::Draft], &["de"])).await, ["order_shipped"]);
    assert!(by(q("versandt", vec![StatusFilter::Approved], &[])).await.is_empty(), "the German draft is not approved");
    assert!(by(q("versandt", vec![], &["en"])).await.is_empty(), "the English one has no such word");
    assert_eq!(by(q("order", vec![StatusFilter::Approved], &["en"])).await, ["order_shipped"]);
    assert!(by(LibrarySearch { categories: vec![TemplateCategory::Marketing], ..q("order", vec![], &[]) })
        .await
        .is_empty());
}

#[tokio::test]
async fn the_list_comes_in_windows_by_name_with_the_count_of_all() {
    let f = desk().await;
    for i in (0..25).rev() {
        create(&f.desk, &format!("notice_{i:02}"), "en", "A notice for you.").await;
    }
    create(&f.desk, "other", "en", "Something else.").await;
    let window = |offset, limit| LibrarySearch { text: "notice".into(), offset, limit, ..LibrarySearch::default() };
    let page = f.desk.library.search(&window(10, 5)).await.unwrap();
    assert_eq!((page.total, page.offset), (25, 10));
    let got: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(got, ["notice_10", "notice_11", "notice_12", "notice_13", "notice_14"]);
    let last = f.desk.library.search(&window(20, 100)).await.unwrap();
    assert_eq!((last.total, last.rows.len()), (25, 5));
    let beyond = f.desk.library.search(&window(40, 5)).await.unwrap();
    assert_eq!((beyond.total, beyond.rows.len()), (25, 0), "a window past the end still counts them all");
    let default = f.desk.library.search(&window(0, 0)).await.unwrap();
    assert_eq!(default.rows.len(), 25, "no limit asked is a page of 100");
}

#[tokio::test]
async fn a_renamed_template_is_found_by_its_new_name_only() {
    let f = desk().await;
    let t = create(&f.desk, "order_shipped", "en", "Your parcel left.").await;
    f.desk.library.add_language(&t.id, language("de", "Ihr Paket ist unterwegs.")).await.unwrap();
    let details =
        TemplateDetailsInput { name: "parcel_sent".into(), category: TemplateCategory::Utility, account_id: None };
    f.desk.library.save_details(&t.id, details).await.unwrap();
    assert!(names(&f.desk, text("order")).await.is_empty());
    assert_eq!(names(&f.desk, LibrarySearch { languages: vec!["de".into()], ..text("sent") }).await, ["parcel_sent"]);
    assert_eq!(rows(&f.pool, "template_search").await, 2);
}

#[tokio::test]
async fn lint_compares_a_body_with_the_accounts_other_templates_in_its_language() {
    let f = desk().await;
    let body = "Your order {{1}} has shipped today.";
    let first = create(&f.desk, "order_shipped", "en", body).await;
    let copy = create(&f.desk, "order_sent", "en", body).await;
    let codes = |findings: Vec<LintFinding>| findings.into_iter().map(|x| x.code).collect::<Vec<_>>();

    let copied = codes(f.desk.library.lint_draft(&copy.drafts[0].id).await.unwrap());
    assert_eq!(copied, [LintCode::DuplicateBody], "another template of the same account has this body");

    let german = f.desk.library.add_language(&first.id, language("de", body)).await.unwrap();
    let own = codes(f.desk.library.lint_draft(&german.id).await.unwrap());
    assert!(!own.contains(&LintCode::DuplicateBody), "its own family's English draft and other languages do not count");

    let unsaved = LintDraft {
        name: "order_sent".into(),
        category: TemplateCategory::Utility,
        language: "en".into(),
        content: content(body),
        variables: BTreeMap::from([("1".to_owned(), "Maria".to_owned())]),
    };
    let elsewhere = codes(f.desk.library.lint(None, Some("another-account"), &unsaved).await.unwrap());
    assert!(!elsewhere.contains(&LintCode::DuplicateBody), "another account's templates do not count");
    let unsaved_here = codes(f.desk.library.lint(None, None, &unsaved).await.unwrap());
    assert_eq!(unsaved_here, [LintCode::DuplicateBody], "an unsaved draft is compared with every saved one");
}
