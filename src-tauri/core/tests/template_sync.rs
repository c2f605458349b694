//! Template sync against the fake Twilio on a real SQLite file: paging with progress, 429, status
//! changes kept with their reasons, paused templates flagged, unknown contents imported, content
//! deleted here left alone, content gone from Twilio reported, and cancellation.

#[path = "common/fake_desk.rs"]
mod fake_desk;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use channel_desk_core::model::{
    DraftStatus, LibrarySearch, NewTemplateInput, StatusEntry, SyncProgress, SyncReport, TemplateCategory,
    TemplateFamily,
};
use channel_desk_core::template::TemplateContent;
use channel_desk_core::template_sync::MISSING_IN_TWILIO;
use channel_desk_core::ErrorCode;
use fake_desk::{fake_desk, FakeDesk};
use fake_twilio::Fault;
use tokio_util::sync::CancellationToken;

async fn sync(f: &FakeDesk) -> SyncReport {
    f.desk.sync_templates(&f.account_id, &|_| {}, &CancellationToken::new()).await.unwrap()
}

async fn families(f: &FakeDesk) -> Vec<TemplateFamily> {
    let page = f.desk.library.search(&LibrarySearch { limit: 1000, ..LibrarySearch::default() }).await.unwrap();
    let mut families = Vec::new();
    for row in page.rows {
        families.push(f.desk.library.get(&row.id).await.unwrap());
    }
    families
}

/// The draft that holds `sid`, with its family.
async fn draft_of(f: &FakeDesk, sid: &str) -> (TemplateFamily, channel_desk_core::model::TemplateDraft) {
    for family in families(f).await {
        if let Some(draft) = family.drafts.iter().find(|d| d.content_sid.as_deref() == Some(sid)).cloned() {
            return (family, draft);
        }
    }
    panic!("no draft holds {sid}");
}

async fn history(f: &FakeDesk, sid: &str) -> Vec<(String, Option<String>)> {
    let (_, draft) = draft_of(f, sid).await;
    let entries: Vec<StatusEntry> = f.desk.library.history(&draft.id).await.unwrap();
    entries.into_iter().map(|e| (e.status, e.reason)).collect()
}

/// A template this desk drafted and published as `sid`.
async fn published_here(f: &FakeDesk, name: &str, body: &str) -> String {
    let sid = f.fake.add_content(&f.twilio_account.sid, name, "en", body);
    let family = f
        .desk
        .library
        .create(NewTemplateInput {
            name: name.into(),
            category: TemplateCategory::Utility,
            account_id: Some(f.account_id.clone()),
            language: "en".into(),
            content: TemplateContent::Text { body: body.into() },
            variables: Default::default(),
        })
        .await
        .unwrap();
    f.desk.library.published(&family.drafts[0].id, &sid).await.unwrap();
    sid
}

#[tokio::test]
async fn reads_every_page_reports_each_and_imports_by_whatsapp_name() {
    let f = fake_desk().await;
    f.fake.set_page_size(Some(3));
    let mut sids = Vec::new();
    for i in 0..3 {
        sids.push(
            f.content(&format!("order_update_{i}"), "en", &format!("Order {{{{1}}}} is on its way ({i})"), "approved")
                .await,
        );
    }
    // Three more languages of one template, and one more template.
    for language in ["de", "it", "tr"] {
        sids.push(f.content("order_update_0", language, "…", "approved").await);
    }
    sids.push(f.content("welcome", "en", "Welcome!", "pending").await);

    let progress = Arc::new(Mutex::new(Vec::new()));
    let seen = progress.clone();
    let on_progress = move |p: SyncProgress| seen.lock().unwrap().push((p.pages, p.contents));
    let report = f.desk.sync_templates(&f.account_id, &on_progress, &CancellationToken::new()).await.unwrap();

    assert_eq!(*progress.lock().unwrap(), vec![(1, 3), (2, 6), (3, 7)]);
    assert_eq!((report.pages, report.contents, report.added, report.updated, report.unchanged), (3, 7, 7, 0, 0));
    assert!(!report.cancelled && report.missing.is_empty() && report.skipped.is_empty());
    let pages: Vec<_> = f.fake.requests().into_iter().filter(|r| r.path == "/v1/ContentAndApprovals").collect();
    assert_eq!(pages.len(), 3);
    assert!(pages[0].query.as_deref().unwrap().contains("PageSize=1000"), "{:?}", pages[0].query);

    let families = families(&f).await;
    let names: Vec<&str> = families.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["order_update_0", "order_update_1", "order_update_2", "welcome"]);
    let languages: Vec<&str> = families[0].drafts.iter().map(|d| d.language.as_str()).collect();
    assert_eq!(languages, ["de", "en", "it", "tr"]);
    assert!(families.iter().flat_map(|t| &t.drafts).all(|d| d.status == DraftStatus::Published));
    assert!(families.iter().all(|t| t.account_id.as_deref() == Some(f.account_id.as_str())));

    let again = sync(&f).await;
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 7));
    assert_eq!(self::families(&f).await.iter().map(|t| t.drafts.len()).sum::<usize>(), 7);
}

#[tokio::test]
async fn a_429_during_a_sync_is_waited_out() {
    let f = fake_desk().await;
    f.fake.set_page_size(Some(2));
    for i in 0..4 {
        f.content(&format!("notice_{i}"), "en", "Your appointment is tomorrow.", "approved").await;
    }
    // After the first page, Twilio refuses the next request once, asking to wait a second.
    let fake = &f.fake;
    let on_progress = |p: SyncProgress| {
        if p.pages == 1 {
            fake.fail_next(
                "GET",
                "/v1/ContentAndApprovals",
                Fault::Status { status: 429, code: 20429, retry_after: Some(1) },
            );
        }
    };
    let started = Instant::now();
    let report = f.desk.sync_templates(&f.account_id, &on_progress, &CancellationToken::new()).await.unwrap();

    assert!(started.elapsed() >= Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!((report.pages, report.added), (2, 4));
    assert_eq!(f.fake.requests().iter().filter(|r| r.path == "/v1/ContentAndApprovals").count(), 3);
}

#[tokio::test]
async fn a_rejection_is_kept_with_its_reason_verbatim_once() {
    let f = fake_desk().await;
    let sid = published_here(&f, "spring_sale", "Everything is 50% off!").await;
    let reason = "The template's content violates WhatsApp's Commerce Policy:  promotional  wording.";
    f.fake.set_approval_status(&sid, "rejected", Some(reason));

    let report = sync(&f).await;
    assert_eq!((report.added, report.updated, report.unchanged), (0, 1, 0));
    assert_eq!(history(&f, &sid).await, [("rejected".to_owned(), Some(reason.to_owned()))]);
    assert_eq!(draft_of(&f, &sid).await.1.approval_status.as_deref(), Some("rejected"));

    let again = sync(&f).await;
    assert_eq!((again.updated, again.unchanged), (0, 1));
    assert_eq!(history(&f, &sid).await.len(), 1);

    f.fake.set_approval_status(&sid, "rejected", Some("Another reason."));
    assert_eq!(sync(&f).await.updated, 1, "a new reason is a change");
    assert_eq!(history(&f, &sid).await.len(), 2);
}

#[tokio::test]
async fn an_approved_template_then_paused_is_flagged() {
    let f = fake_desk().await;
    let sid = f.content("delivery_window", "en", "We deliver between 9 and 5.", "approved").await;
    let other = f.content("opening_hours", "en", "We open at 9.", "approved").await;
    assert!(sync(&f).await.flagged.is_empty());

    f.fake.set_approval_status(&sid, "paused", None);
    f.fake.set_approval_status(&other, "DISABLED", None);
    let report = sync(&f).await;
    let flagged: Vec<_> =
        report.flagged.iter().map(|t| (t.template.name.as_str(), t.status.as_str(), t.changed)).collect();
    assert_eq!(flagged, [("delivery_window", "paused", true), ("opening_hours", "disabled", true)]);
    assert_eq!(report.updated, 2);
    let statuses: Vec<String> = history(&f, &sid).await.into_iter().map(|(status, _)| status).collect();
    assert_eq!(statuses, ["approved", "paused"]);

    let again = sync(&f).await;
    assert_eq!(again.flagged.len(), 2);
    assert!(again.flagged.iter().all(|t| !t.changed), "flagged until WhatsApp lifts it, as changed only once");
}

#[tokio::test]
async fn an_unknown_content_is_imported_as_a_published_draft() {
    let f = fake_desk().await;
    let sid = f.content("payment_due", "pt_BR", "Olá {{1}}, sua fatura  vence amanhã.", "approved").await;
    let unsubmitted = f.fake.add_content(&f.twilio_account.sid, "draft_in_console", "en", "Hi");

    let report = sync(&f).await;
    assert_eq!(report.added, 2);

    let (family, draft) = draft_of(&f, &sid).await;
    assert_eq!(family.name, "payment_due", "the WhatsApp name, not the friendly name");
    assert_eq!(family.category, TemplateCategory::Utility);
    assert_eq!(family.account_id.as_deref(), Some(f.account_id.as_str()));
    assert_eq!((draft.language.as_str(), draft.revision, draft.status), ("pt_BR", 1, DraftStatus::Published));
    assert_eq!(draft.content, TemplateContent::Text { body: "Olá {{1}}, sua fatura  vence amanhã.".into() });
    assert_eq!(draft.approval_status.as_deref(), Some("approved"));
    assert_eq!(history(&f, &sid).await, [("approved".to_owned(), None)]);
    assert_eq!(
        f.desk.template_sync.twilio_body(&sid).await.unwrap().as_deref(),
        Some("Olá {{1}}, sua fatura  vence amanhã.")
    );

    let (family, draft) = draft_of(&f, &unsubmitted).await;
    assert_eq!(family.name, "draft_in_console", "no WhatsApp name: the friendly name");
    assert_eq!(draft.approval_status.as_deref(), Some("unsubmitted"));

    // Searchable like any other template.
    let found = f.desk.library.search(&LibrarySearch { text: "fatura".into(), ..LibrarySearch::default() }).await;
    assert_eq!(found.unwrap().total, 1);
}

#[tokio::test]
async fn an_unknown_content_in_a_known_language_is_its_next_revision() {
    let f = fake_desk().await;
    let mine = published_here(&f, "greeting", "Hello").await;
    let theirs = f.content("greeting", "en", "Hello there", "approved").await;

    let report = sync(&f).await;
    assert_eq!((report.added, report.updated), (1, 1));
    let (family, draft) = draft_of(&f, &theirs).await;
    assert_eq!(family.drafts.len(), 2);
    assert_eq!(draft.revision, 2);
    assert_eq!(draft_of(&f, &mine).await.1.revision, 1);
}

#[tokio::test]
async fn content_deleted_here_is_not_imported_again() {
    let f = fake_desk().await;
    let sid = f.content("old_offer", "en", "Old offer", "approved").await;
    sync(&f).await;
    let (family, _) = draft_of(&f, &sid).await;
    // Twilio still lists it: its delete there failed, or has not shown yet.
    f.desk.library.delete(&family.id).await.unwrap();

    let report = sync(&f).await;
    assert_eq!((report.added, report.deleted_here, report.contents), (0, 1, 1));
    assert!(families(&f).await.is_empty());
}

#[tokio::test]
async fn a_content_gone_from_twilio_is_reported_and_marked_not_dropped() {
    let f = fake_desk().await;
    let sid = f.content("gone_soon", "en", "Bye", "approved").await;
    let stays = f.content("stays", "en", "Hi", "approved").await;
    sync(&f).await;
    f.desk.twilio.delete_content(&f.credentials(), &sid).await.unwrap();

    let report = sync(&f).await;
    let missing: Vec<(&str, &str)> = report.missing.iter().map(|t| (t.content_sid.as_str(), t.name.as_str())).collect();
    assert_eq!(missing, [(sid.as_str(), "gone_soon")]);
    assert_eq!((report.unchanged, report.updated), (1, 0));
    let (_, draft) = draft_of(&f, &sid).await;
    assert_eq!(draft.approval_status.as_deref(), Some(MISSING_IN_TWILIO));
    assert_eq!(history(&f, &sid).await.last().unwrap().0, MISSING_IN_TWILIO);
    assert_eq!(f.desk.template_sync.twilio_body(&sid).await.unwrap(), None);
    assert!(f.desk.template_sync.twilio_body(&stays).await.unwrap().is_some());

    let again = sync(&f).await;
    assert_eq!(again.missing.len(), 1, "reported while it is gone");
    assert_eq!(history(&f, &sid).await.len(), 2, "marked once");
}

#[tokio::test]
async fn cancelling_between_pages_keeps_the_pages_reconciled() {
    let f = fake_desk().await;
    f.fake.set_page_size(Some(2));
    let mut sids = Vec::new();
    for i in 0..6 {
        sids.push(f.content(&format!("reminder_{i}"), "en", "Reminder", "approved").await);
    }
    let cancel = CancellationToken::new();
    let on_progress = |_: SyncProgress| cancel.cancel();
    let report = f.desk.sync_templates(&f.account_id, &on_progress, &cancel).await.unwrap();

    assert!(report.cancelled);
    assert_eq!((report.pages, report.contents, report.added), (1, 2, 2));
    assert!(report.missing.is_empty() && report.texts.is_empty());
    assert_eq!(f.fake.requests().iter().filter(|r| r.path == "/v1/ContentAndApprovals").count(), 1);
    let drafts: Vec<_> = families(&f).await.into_iter().flat_map(|t| t.drafts).collect();
    assert_eq!(drafts.len(), 2);
    for draft in &drafts {
        assert_eq!(draft.status, DraftStatus::Published);
        assert_eq!(history(&f, draft.content_sid.as_deref().unwrap()).await.len(), 1);
    }

    let rest = sync(&f).await;
    assert_eq!((rest.added, rest.unchanged, rest.pages), (4, 2, 3));
}

#[tokio::test]
async fn cancelling_during_a_request_stops_at_once() {
    let f = fake_desk().await;
    f.fake.set_page_size(Some(2));
    for i in 0..4 {
        f.content(&format!("reminder_{i}"), "en", "Reminder", "approved").await;
    }
    let cancel = CancellationToken::new();
    // The second page takes five seconds to come.
    let fake = &f.fake;
    let on_progress =
        |_: SyncProgress| fake.fail_next("GET", "/v1/ContentAndApprovals", Fault::Delay(Duration::from_secs(5)));
    let canceller = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        canceller.cancel();
    });
    let started = Instant::now();
    let report = f.desk.sync_templates(&f.account_id, &on_progress, &cancel).await.unwrap();

    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert!(report.cancelled);
    assert_eq!((report.pages, report.added), (1, 2));
}

#[tokio::test]
async fn a_sync_without_credentials_says_so_and_changes_nothing() {
    let f = fake_desk().await;
    f.content("welcome", "en", "Welcome", "approved").await;
    let err = f.desk.sync_templates("no-such-account", &|_| {}, &CancellationToken::new()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(families(&f).await.is_empty());
}

#[tokio::test]
async fn a_workstream_is_offered_the_approved_templates_with_twilios_text() {
    let f = fake_desk().await;
    let shipped = f.content("order_shipped", "en", "Your order {{1}} has shipped.", "approved").await;
    let german = f.content("order_shipped", "de", "Ihre Bestellung {{1}} ist versandt.", "approved").await;
    f.content("spring_sale", "en", "Spring sale!", "rejected").await;
    f.content("login_code", "en", "Your code is {{1}}.", "pending").await;
    sync(&f).await;
    f.fake.set_content_body(&shipped, "Edited in the Console after the sync.");

    let offered = f.desk.template_sync.approved(&f.account_id).await.unwrap();

    let rows: Vec<_> = offered
        .iter()
        .map(|t| (t.content_sid.as_str(), t.name.as_str(), t.language.as_str(), t.text.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (german.as_str(), "order_shipped", "de", "Ihre Bestellung {{1}} ist versandt."),
            (shipped.as_str(), "order_shipped", "en", "Your order {{1}} has shipped."),
        ],
        "approved only, by name then language, with the text the last sync read"
    );
    assert!(f.desk.template_sync.approved("another-account").await.unwrap().is_empty());
}
