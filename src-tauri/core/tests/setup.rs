//! The "Set up WhatsApp" wizard on a workstream: the number, the language, behaviours, user
//! features, Finish, resuming a draft, and unbinding a number that an account delete takes.

mod common;

use channel_desk_core::model::{
    Attachments, AutomatedMessage, Behaviours, Channel, DistributionMode, DriftCheck, DriftOutcome, FallbackQueueInput,
    MessageTrigger, NewWorkstreamInput, NumberDrift, NumberState, SetupStatus, SetupStep, Survey, SurveyDelivery,
    TemplateRef, Verification, VerificationOutcome, Workstream, WorkstreamKind,
};
use channel_desk_core::setup::{channel_languages, next_step};
use channel_desk_core::{Desk, Error, ErrorCode};
use chrono::Utc;
use common::{channel, complete_account, desk, details, number, problems, rows, SID, TOKEN};
use serde_json::json;

async fn workstream(desk: &Desk, name: &str) -> Workstream {
    let queue = desk.queues.list().await.unwrap().remove(0).id;
    let input = NewWorkstreamInput {
        name: name.into(),
        kind: WorkstreamKind::Messaging,
        channel: Channel::Whatsapp,
        mode: DistributionMode::Push,
        fallback_queue: FallbackQueueInput::Existing { id: queue },
    };
    desk.workstreams.create(input).await.unwrap()
}

fn behaviours() -> Behaviours {
    Behaviours {
        automated_messages: vec![],
        survey: Survey { enabled: false, reference: None, message: None, delivery: SurveyDelivery::SendLink },
        templates: vec![],
    }
}

fn message(trigger: MessageTrigger, text: &str) -> AutomatedMessage {
    AutomatedMessage { trigger, text: text.into() }
}

fn template(sid: &str, language: &str, text: &str) -> TemplateRef {
    TemplateRef { content_sid: sid.into(), language: language.into(), text: text.into() }
}

fn survey(reference: &str, message: &str) -> Survey {
    Survey {
        enabled: true,
        reference: Some(reference.into()),
        message: Some(message.into()),
        delivery: SurveyDelivery::SendLink,
    }
}

fn fields(err: &Error) -> Vec<(ErrorCode, String)> {
    problems(err).into_iter().map(|(code, field)| (code, field.unwrap_or_default())).collect()
}

const HX: &str = "HX0123456789abcdef0123456789abcdef";

#[test]
fn the_language_list_is_whatsapps_71_template_languages() {
    let languages = channel_languages();
    assert_eq!(languages.len(), 71);
    let mut codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    for code in [
        "af", "sq", "zh_CN", "zh_HK", "zh_TW", "en_GB", "en_US", "fil", "rw_RW", "ky_KG", "pt_BR", "pt_PT", "es_MX",
        "zu",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
    assert!(!codes.contains(&"sb") && !codes.contains(&"Zh_HK"), "Albanian is sq, Chinese (HKG) zh_HK");
    let pt = languages.iter().find(|l| l.code == "pt_BR").unwrap();
    assert_eq!(pt.tag, "pt-BR", "a BCP 47 tag for Intl.DisplayNames");
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 71, "each once");
}

#[tokio::test]
async fn the_number_page_offers_complete_accounts_numbers_that_no_other_workstream_uses() {
    let f = desk().await;
    let sales = workstream(&f.desk, "Sales").await;
    let support = workstream(&f.desk, "Support").await;
    let fabrikam = complete_account(&f.desk, "Fabrikam", &[("Main", "+442079460019")]).await;
    let contoso =
        complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886"), ("Help line", "+14155550100")]).await;
    let draft = f.desk.accounts.create_draft(channel("Draft")).await.unwrap();
    f.desk.accounts.add_number(&draft.id, number("Draft line", "+14155550101")).await.unwrap();

    let offered = f.desk.setups.available_numbers(&sales.id).await.unwrap();
    let shown: Vec<(&str, &str, &str)> = offered
        .iter()
        .map(|a| (a.number.account_name.as_str(), a.number.name.as_str(), a.number.number.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Contoso", "Sales line", "+14155238886"),
            ("Contoso", "Help line", "+14155550100"),
            ("Fabrikam", "Main", "+442079460019")
        ],
        "complete accounts only, by account name"
    );
    assert_eq!(offered[0].number.account_id, contoso.id);
    assert_eq!((offered[0].verification, offered[0].drift), (None, None), "never checked");

    let sales_line = &contoso.numbers[0].id;
    let saved = f.desk.setups.save_number(&sales.id, sales_line).await.unwrap();
    let setup = saved.whatsapp.unwrap();
    assert_eq!((setup.status, setup.number.unwrap().name.as_str()), (SetupStatus::Draft, "Sales line"));
    assert_eq!(f.desk.workstreams.list().await.unwrap()[0].number.as_deref(), Some("+14155238886"));
    assert_eq!(
        f.desk.setups.available_numbers(&sales.id).await.unwrap().len(),
        3,
        "its own number is still offered to it"
    );
    let to_support: Vec<String> =
        f.desk.setups.available_numbers(&support.id).await.unwrap().into_iter().map(|a| a.number.id).collect();
    assert_eq!(to_support, [contoso.numbers[1].id.clone(), fabrikam.numbers[0].id.clone()]);

    let err = f.desk.setups.save_number(&support.id, sales_line).await.unwrap_err();
    assert_eq!(fields(&err), [(ErrorCode::NumberInUse, "setupNumber".into())]);
    assert_eq!(serde_json::to_value(&err.params).unwrap(), json!({"workstream": "Sales"}));
    assert_eq!(f.desk.workstreams.get(&support.id).await.unwrap().whatsapp, None, "the refused save started nothing");

    let err = f
        .desk
        .setups
        .save_number(&support.id, &f.desk.accounts.get(&draft.id).await.unwrap().numbers[0].id)
        .await
        .unwrap_err();
    assert_eq!(fields(&err), [(ErrorCode::AccountNotComplete, "setupNumber".into())]);
    assert_eq!(err.params["account"], "Draft".into());
    let err = f.desk.setups.save_number(&support.id, "gone").await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "number".into()));
    assert_eq!(
        fields(&f.desk.setups.save_number(&support.id, " ").await.unwrap_err()),
        [(ErrorCode::Required, "setupNumber".into())]
    );
    let err = f.desk.setups.save_number("gone", sales_line).await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "workstream".into()));
}

#[tokio::test]
async fn the_database_binds_a_number_to_one_workstream_and_keeps_it_from_being_deleted_under_it() {
    let f = desk().await;
    let sales = workstream(&f.desk, "Sales").await;
    let support = workstream(&f.desk, "Support").await;
    let account =
        complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886"), ("Help line", "+14155550100")]).await;
    f.desk.setups.save_number(&sales.id, &account.numbers[0].id).await.unwrap();
    f.desk.setups.save_language(&support.id, "en").await.unwrap();
    let raw = sqlx::query("UPDATE whatsapp_setups SET number_id = ? WHERE workstream_id = ?")
        .bind(&account.numbers[0].id)
        .bind(&support.id)
        .execute(&f.pool)
        .await;
    assert!(raw.unwrap_err().as_database_error().unwrap().is_unique_violation(), "a unique index");
    let raw =
        sqlx::query("DELETE FROM whatsapp_numbers WHERE id = ?").bind(&account.numbers[0].id).execute(&f.pool).await;
    assert!(raw.is_err(), "a foreign key");
    let raw = sqlx::query("DELETE FROM accounts WHERE id = ?").bind(&account.id).execute(&f.pool).await;
    assert!(raw.is_err(), "nor with its account");
    let raw = sqlx::query("UPDATE whatsapp_setups SET status = 'active' WHERE workstream_id = ?")
        .bind(&support.id)
        .execute(&f.pool)
        .await;
    assert!(raw.is_err(), "an active setup has a number and a language");
}

#[tokio::test]
async fn the_number_page_shows_the_accounts_check_and_the_numbers_own_drift() {
    let f = desk().await;
    let sales = workstream(&f.desk, "Sales").await;
    let account =
        complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886"), ("Help line", "+14155550100")]).await;
    let inputs = f.desk.accounts.checked_inputs(&account.id).await.unwrap();
    let now = Utc::now();
    let verification = Verification {
        outcome: VerificationOutcome::Verified,
        checked_at: now,
        friendly_name: None,
        status: Some("active".into()),
        account_type: None,
        problem: None,
        checked: vec![],
        key_access: None,
    };
    assert!(f.desk.accounts.record_verification(&account.id, &inputs, &verification).await.unwrap());
    let drift = |n: usize, state| NumberDrift {
        number_id: account.numbers[n].id.clone(),
        name: account.numbers[n].name.clone(),
        number: account.numbers[n].number.clone(),
        state,
        problem: None,
    };
    let check = DriftCheck {
        outcome: DriftOutcome::Drifted,
        checked_at: now,
        numbers: vec![drift(0, NumberState::InSync), drift(1, NumberState::Drifted)],
        problem: None,
    };
    assert!(f.desk.accounts.record_drift(&account.id, &inputs, &check).await.unwrap());
    let offered = f.desk.setups.available_numbers(&sales.id).await.unwrap();
    let states: Vec<_> = offered.iter().map(|a| (a.verification, a.drift)).collect();
    assert_eq!(
        states,
        [
            (Some(VerificationOutcome::Verified), Some(DriftOutcome::InSync)),
            (Some(VerificationOutcome::Verified), Some(DriftOutcome::Drifted)),
        ]
    );
}

#[tokio::test]
async fn the_language_is_required_and_from_the_list() {
    let f = desk().await;
    let w = workstream(&f.desk, "Sales").await;
    let err = f.desk.setups.save_language(&w.id, "").await.unwrap_err();
    assert_eq!(fields(&err), [(ErrorCode::Required, "setupLanguage".into())]);
    let err = f.desk.setups.save_language(&w.id, "pt-BR").await.unwrap_err();
    assert_eq!(fields(&err), [(ErrorCode::UnknownLanguage, "setupLanguage".into())]);
    assert_eq!(err.params["language"], "pt-BR".into());
    assert_eq!(
        f.desk.setups.save_language(&w.id, "PT_BR").await.unwrap_err().code,
        ErrorCode::UnknownLanguage,
        "codes are case-sensitive"
    );
    let saved = f.desk.setups.save_language(&w.id, " pt_BR ").await.unwrap().whatsapp.unwrap();
    assert_eq!((saved.language.as_deref(), saved.status), (Some("pt_BR"), SetupStatus::Draft));
}

#[tokio::test]
async fn automated_messages_use_each_trigger_once_and_only_two_placeholders() {
    let f = desk().await;
    let w = workstream(&f.desk, "Sales").await;
    let with = |messages| Behaviours { automated_messages: messages, ..behaviours() };
    let good = vec![
        message(MessageTrigger::Greeting, " Hello! {QueueName} will answer shortly. "),
        message(MessageTrigger::AgentAssigned, "{AgentName} of {QueueName} is here: {AgentName}. A lone { stays."),
        message(MessageTrigger::SessionEnded, &"x".repeat(1000)),
    ];
    let saved = f.desk.setups.save_behaviours(&w.id, with(good.clone())).await.unwrap().whatsapp.unwrap();
    assert_eq!(saved.behaviours.automated_messages[0].text, "Hello! {QueueName} will answer shortly.", "trimmed");
    assert_eq!(saved.behaviours.automated_messages[1..], good[1..]);

    let bad = vec![
        message(MessageTrigger::Greeting, "Hi"),
        message(MessageTrigger::Greeting, "Hi again"),
        message(MessageTrigger::AgentAssigned, "Hi {agentname}"),
        message(MessageTrigger::AgentJoinedConversation, "{CustomerName} {Queue Name}"),
        message(MessageTrigger::ConsultAccepted, "  "),
        message(MessageTrigger::HolidayMessage, &"x".repeat(1001)),
        message(MessageTrigger::OfferCallback, "{}"),
    ];
    let err = f.desk.setups.save_behaviours(&w.id, with(bad)).await.unwrap_err();
    assert_eq!(
        fields(&err),
        [
            (ErrorCode::RepeatedTrigger, "automatedMessages.1.trigger".into()),
            (ErrorCode::UnknownPlaceholder, "automatedMessages.2.text".into()),
            (ErrorCode::UnknownPlaceholder, "automatedMessages.3.text".into()),
            (ErrorCode::Required, "automatedMessages.4.text".into()),
            (ErrorCode::TooLong, "automatedMessages.5.text".into()),
            (ErrorCode::UnknownPlaceholder, "automatedMessages.6.text".into()),
        ]
    );
    assert_eq!(err.params["trigger"], "greeting".into());
    assert_eq!(err.more[0].params["placeholder"], "{agentname}".into());
    assert_eq!(err.more[1].params["placeholder"], "{CustomerName}".into(), "the first one it meets");
    assert_eq!(
        f.desk.workstreams.get(&w.id).await.unwrap().whatsapp.unwrap().behaviours,
        saved.behaviours,
        "a failed save loses nothing"
    );
}

#[tokio::test]
async fn the_survey_is_checked_only_when_on() {
    let f = desk().await;
    let w = workstream(&f.desk, "Sales").await;
    let save = |survey: Survey| {
        let (desk, id) = (&f.desk, w.id.clone());
        async move { desk.setups.save_behaviours(&id, Behaviours { survey, ..behaviours() }).await }
    };
    let on = save(survey(" https://forms.example.com/survey?id=1 ", " Tell us how we did. ")).await.unwrap();
    let s = on.whatsapp.unwrap().behaviours.survey;
    assert_eq!(s, survey("https://forms.example.com/survey?id=1", "Tell us how we did."));
    assert!(save(survey("Customer satisfaction: Q3", &"m".repeat(200))).await.is_ok(), "a name, and 200 characters");

    let err = save(Survey {
        enabled: true,
        reference: None,
        message: Some(" ".into()),
        delivery: SurveyDelivery::InsertInConversation,
    })
    .await
    .unwrap_err();
    assert_eq!(
        fields(&err),
        [
            (ErrorCode::Required, "surveyReference".into()),
            (ErrorCode::Required, "surveyMessage".into()),
            (ErrorCode::NotForWhatsapp, "surveyDelivery".into()),
        ]
    );
    let err = save(survey(&"r".repeat(501), &"m".repeat(201))).await.unwrap_err();
    assert_eq!(
        fields(&err),
        [(ErrorCode::TooLong, "surveyReference".into()), (ErrorCode::TooLong, "surveyMessage".into())]
    );
    assert_eq!(serde_json::to_value(&err.more[0].params).unwrap(), json!({"max": 200, "actual": 201}));
    for link in ["http://forms.example.com/s", "www.example.com/survey", "ftp://example.com/s"] {
        let err = save(survey(link, "Thanks")).await.unwrap_err();
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidUrl, Some("surveyReference")), "{link}");
        assert_eq!(err.params["reason"], "not_https".into());
    }
    let err = save(survey("https:// not a link", "Thanks")).await.unwrap_err();
    assert_eq!((err.code, err.params["reason"].clone()), (ErrorCode::InvalidUrl, "not_a_url".into()));

    let off = Survey {
        enabled: false,
        reference: Some(format!("http://{}", "r".repeat(600))),
        message: Some("  ".into()),
        delivery: SurveyDelivery::InsertInConversation,
    };
    let kept = save(off.clone()).await.unwrap().whatsapp.unwrap().behaviours.survey;
    assert_eq!(kept, Survey { message: None, ..off }, "what was typed is kept, unchecked, while it is off");
}

#[tokio::test]
async fn templates_have_a_content_sid_unique_per_channel_a_language_and_a_text() {
    let f = desk().await;
    let w = workstream(&f.desk, "Sales").await;
    let with = |templates| Behaviours { templates, ..behaviours() };
    let good = vec![
        template(&format!(" {HX} "), "pt_BR", " Olá, {{1}}! "),
        template("HXFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "en", &"t".repeat(1024)),
    ];
    let saved = f.desk.setups.save_behaviours(&w.id, with(good)).await.unwrap().whatsapp.unwrap().behaviours.templates;
    assert_eq!(saved[0], template(HX, "pt_BR", "Olá, {{1}}!"), "trimmed");
    assert_eq!(saved.len(), 2);

    let bad = vec![
        template(HX, "en", "One"),
        template(&HX.to_uppercase(), "en", "Two"),
        template("HX0123", "xx", " "),
        template("MG0123456789abcdef0123456789abcdef", "", &"t".repeat(1025)),
        template("", "en", "Five"),
        template("HX0123456789abcdef0123456789abcdeg", "en", "Six"),
    ];
    let err = f.desk.setups.save_behaviours(&w.id, with(bad)).await.unwrap_err();
    assert_eq!(
        fields(&err),
        [
            (ErrorCode::DuplicateContentSid, "templates.1.contentSid".into()),
            (ErrorCode::InvalidContentSid, "templates.2.contentSid".into()),
            (ErrorCode::UnknownLanguage, "templates.2.language".into()),
            (ErrorCode::Required, "templates.2.text".into()),
            (ErrorCode::InvalidContentSid, "templates.3.contentSid".into()),
            (ErrorCode::Required, "templates.3.language".into()),
            (ErrorCode::TooLong, "templates.3.text".into()),
            (ErrorCode::Required, "templates.4.contentSid".into()),
            (ErrorCode::InvalidContentSid, "templates.5.contentSid".into()),
        ]
    );
    assert_eq!(err.params["contentSid"], HX.into(), "the one already in the list, as typed there");
    assert_eq!(serde_json::to_value(&err.more[5].params).unwrap(), json!({"max": 1024, "actual": 1025}));
    assert_eq!(f.desk.workstreams.get(&w.id).await.unwrap().whatsapp.unwrap().behaviours.templates, saved);
}

#[tokio::test]
async fn file_attachments_are_off_by_default_and_need_someone_when_on() {
    let f = desk().await;
    let w = workstream(&f.desk, "Sales").await;
    let started = f.desk.setups.save_language(&w.id, "en").await.unwrap().whatsapp.unwrap();
    assert_eq!(started.attachments, Attachments::default());
    assert!(!started.behaviours.survey.enabled, "the survey is off by default too");
    let save = |enabled, customers, agents| {
        let (desk, id) = (&f.desk, w.id.clone());
        async move { desk.setups.save_user_features(&id, Attachments { enabled, customers, agents }).await }
    };
    let err = save(true, false, false).await.unwrap_err();
    assert_eq!(fields(&err), [(ErrorCode::NoneChosen, "attachments".into())]);
    for (customers, agents) in [(true, false), (false, true), (true, true)] {
        let saved = save(true, customers, agents).await.unwrap().whatsapp.unwrap().attachments;
        assert_eq!(saved, Attachments { enabled: true, customers, agents });
    }
    let off = save(false, true, true).await.unwrap().whatsapp.unwrap().attachments;
    assert_eq!(off, Attachments::default(), "off stores both boxes off");
}

#[tokio::test]
async fn finish_needs_a_number_and_a_language_and_makes_the_setup_active() {
    let f = desk().await;
    let w = workstream(&f.desk, "Sales").await;
    let steps =
        |err: &Error| std::iter::once(err).chain(&err.more).map(|e| e.params["step"].clone()).collect::<Vec<_>>();
    let err = f.desk.setups.finish(&w.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::SetupIncomplete);
    assert_eq!(steps(&err), ["number".into(), "language".into()]);
    assert_eq!(f.desk.workstreams.get(&w.id).await.unwrap().whatsapp, None, "nothing started");

    f.desk.setups.save_language(&w.id, "en_GB").await.unwrap();
    assert_eq!(steps(&f.desk.setups.finish(&w.id).await.unwrap_err()), ["number".into()]);
    let account = complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886")]).await;
    let other = workstream(&f.desk, "Support").await;
    f.desk.setups.save_number(&other.id, &account.numbers[0].id).await.unwrap();
    assert_eq!(steps(&f.desk.setups.finish(&other.id).await.unwrap_err()), ["language".into()]);
    f.desk.setups.remove(&other.id).await.unwrap();

    f.desk.setups.save_number(&w.id, &account.numbers[0].id).await.unwrap();
    let done = f.desk.setups.finish(&w.id).await.unwrap();
    let setup = done.whatsapp.unwrap();
    assert_eq!((setup.status, setup.next_step), (SetupStatus::Active, SetupStep::Summary));
    let listed = f.desk.workstreams.list().await.unwrap().into_iter().find(|s| s.id == w.id).unwrap();
    assert_eq!(listed.setup_status, Some(SetupStatus::Active));
    let edited = f.desk.setups.save_language(&w.id, "de").await.unwrap().whatsapp.unwrap();
    assert_eq!(
        (edited.status, edited.language.as_deref()),
        (SetupStatus::Active, Some("de")),
        "editing keeps it active"
    );
    assert_eq!(f.desk.setups.finish("gone").await.unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn next_step_is_the_first_page_still_needing_input_else_the_one_after_the_last_saved() {
    use SetupStep::*;
    assert_eq!(next_step(false, true, Some(UserFeatures)), Number);
    assert_eq!(next_step(true, false, Some(Behaviours)), Language);
    assert_eq!(next_step(true, true, Some(Number)), Language);
    assert_eq!(next_step(true, true, Some(Language)), Behaviours);
    assert_eq!(next_step(true, true, Some(Behaviours)), UserFeatures);
    assert_eq!(next_step(true, true, Some(UserFeatures)), Summary);
    assert_eq!(next_step(true, true, Some(Summary)), Summary);
    assert_eq!(next_step(true, true, None), Summary);
}

#[tokio::test]
async fn a_draft_resumes_where_it_was_left() {
    let f = desk().await;
    let w = workstream(&f.desk, "Sales").await;
    let account = complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886")]).await;
    let step = |w: Workstream| w.whatsapp.unwrap().next_step;
    assert_eq!(step(f.desk.setups.save_behaviours(&w.id, behaviours()).await.unwrap()), SetupStep::Number);
    assert_eq!(step(f.desk.setups.save_number(&w.id, &account.numbers[0].id).await.unwrap()), SetupStep::Language);
    assert_eq!(step(f.desk.setups.save_language(&w.id, "en").await.unwrap()), SetupStep::Behaviours);
    assert_eq!(step(f.desk.setups.save_behaviours(&w.id, behaviours()).await.unwrap()), SetupStep::UserFeatures);
    assert_eq!(
        step(f.desk.setups.save_user_features(&w.id, Attachments::default()).await.unwrap()),
        SetupStep::Summary
    );
    assert_eq!(step(f.desk.workstreams.get(&w.id).await.unwrap()), SetupStep::Summary);
    let summary = f.desk.workstreams.list().await.unwrap();
    assert_eq!(summary[0].setup_status, Some(SetupStatus::Draft));
}

#[tokio::test]
async fn removing_the_setup_frees_its_number() {
    let f = desk().await;
    let sales = workstream(&f.desk, "Sales").await;
    let support = workstream(&f.desk, "Support").await;
    let account = complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886")]).await;
    f.desk.setups.save_number(&sales.id, &account.numbers[0].id).await.unwrap();
    let behaviours = Behaviours { automated_messages: vec![message(MessageTrigger::Greeting, "Hi")], ..behaviours() };
    f.desk.setups.save_behaviours(&sales.id, behaviours).await.unwrap();
    assert_eq!(f.desk.setups.remove(&sales.id).await.unwrap().whatsapp, None);
    assert_eq!((rows(&f.pool, "whatsapp_setups").await, rows(&f.pool, "automated_messages").await), (0, 0));
    f.desk.setups.save_number(&support.id, &account.numbers[0].id).await.expect("free for another workstream");
    assert_eq!(f.desk.setups.remove(&sales.id).await.unwrap().whatsapp, None, "removing none is no error");
}

#[tokio::test]
async fn deleting_an_account_that_workstreams_use_asks_first_and_unbinds_on_the_word() {
    let f = desk().await;
    let sales = workstream(&f.desk, "Sales").await;
    let support = workstream(&f.desk, "Support").await;
    let untouched = workstream(&f.desk, "Untouched").await;
    let account =
        complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886"), ("Help line", "+14155550100")]).await;
    let other = complete_account(&f.desk, "Fabrikam", &[("Main", "+442079460019")]).await;
    for (w, n) in [(&sales, &account.numbers[0]), (&support, &account.numbers[1]), (&untouched, &other.numbers[0])] {
        f.desk.setups.save_number(&w.id, &n.id).await.unwrap();
        f.desk.setups.save_language(&w.id, "en").await.unwrap();
        f.desk.setups.finish(&w.id).await.unwrap();
    }

    let err = f.desk.accounts.delete(&account.id, false).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::UsedByWorkstreams);
    assert_eq!(
        serde_json::to_value(&err.params).unwrap(),
        json!({"what": "account", "names": r#"["Sales","Support"]"#, "count": 2})
    );
    assert_eq!(f.desk.accounts.get(&account.id).await.unwrap().numbers.len(), 2, "nothing was deleted");
    assert_eq!(f.desk.workstreams.get(&sales.id).await.unwrap().whatsapp.unwrap().status, SetupStatus::Active);

    f.desk.accounts.delete(&account.id, true).await.unwrap();
    assert_eq!(f.desk.accounts.get(&account.id).await.unwrap_err().code, ErrorCode::NotFound);
    for w in [&sales, &support] {
        let setup = f.desk.workstreams.get(&w.id).await.unwrap().whatsapp.unwrap();
        assert_eq!((setup.status, setup.number, setup.next_step), (SetupStatus::Draft, None, SetupStep::Number));
        assert_eq!(setup.language.as_deref(), Some("en"), "the rest of the setup stays");
    }
    let kept = f.desk.workstreams.get(&untouched.id).await.unwrap().whatsapp.unwrap();
    assert_eq!((kept.status, kept.number.unwrap().id), (SetupStatus::Active, other.numbers[0].id.clone()));

    let bare = complete_account(&f.desk, "Unused", &[("Spare", "+14155550101")]).await;
    f.desk.accounts.delete(&bare.id, false).await.expect("an account no workstream uses goes without asking");
}

#[tokio::test]
async fn removing_a_number_that_a_workstream_uses_asks_first_and_unbinds_on_the_word() {
    let f = desk().await;
    let sales = workstream(&f.desk, "Sales").await;
    let account =
        complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886"), ("Help line", "+14155550100")]).await;
    let (used, spare) = (&account.numbers[0].id, &account.numbers[1].id);
    f.desk.setups.save_number(&sales.id, used).await.unwrap();

    let err = f.desk.accounts.remove_number(used, false).await.unwrap_err();
    assert_eq!(
        serde_json::to_value(&err.params).unwrap(),
        json!({"what": "number", "names": r#"["Sales"]"#, "count": 1})
    );
    assert_eq!(err.code, ErrorCode::UsedByWorkstreams);
    assert_eq!(f.desk.accounts.get(&account.id).await.unwrap().numbers.len(), 2);

    let left = f.desk.accounts.remove_number(used, true).await.unwrap();
    assert_eq!(left.numbers.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), [spare.as_str()]);
    let setup = f.desk.workstreams.get(&sales.id).await.unwrap().whatsapp.unwrap();
    assert_eq!((setup.status, setup.number), (SetupStatus::Draft, None));

    f.desk.setups.save_number(&sales.id, spare).await.unwrap();
    let err = f.desk.accounts.remove_number(spare, true).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::LastNumber, "unbinding cannot take a complete account's last number");
    assert!(
        f.desk.workstreams.get(&sales.id).await.unwrap().whatsapp.unwrap().number.is_some(),
        "nor does it unbind then"
    );
}

#[tokio::test]
async fn a_draft_accounts_numbers_can_go_freely() {
    let f = desk().await;
    let draft = f.desk.accounts.create_draft(channel("Draft")).await.unwrap();
    f.desk.accounts.save_account_details(&draft.id, details(SID, Some(TOKEN))).await.unwrap();
    let account = f.desk.accounts.add_number(&draft.id, number("Line", "+14155238886")).await.unwrap();
    f.desk.accounts.remove_number(&account.numbers[0].id, false).await.unwrap();
    f.desk.accounts.delete(&draft.id, false).await.unwrap();
}
