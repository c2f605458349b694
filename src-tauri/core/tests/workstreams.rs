//! Workstreams: creation, the mode that never changes, work distribution, advanced settings,
//! copy and delete.

mod common;

use channel_desk_core::model::{
    AdvancedSettings, Attachments, AutomatedMessage, Behaviours, Capacity, Channel, ContextVariable, DistributionMode,
    FallbackQueueInput, MessageTrigger, NewWorkstreamInput, Presence, QueueInput, QueueKind, QuickReply, SetupStatus,
    SetupStep, SkillMatching, Survey, SurveyDelivery, TemplateRef, VariableKind, WorkDistribution, Workstream,
    WorkstreamDetailsInput, WorkstreamKind, WrapUp,
};
use channel_desk_core::workstreams::copy_name;
use channel_desk_core::{Desk, ErrorCode};
use common::{complete_account, desk, problems, rows};
use serde_json::json;

fn new(name: &str, mode: DistributionMode, fallback_queue: FallbackQueueInput) -> NewWorkstreamInput {
    NewWorkstreamInput {
        name: name.into(),
        kind: WorkstreamKind::Messaging,
        channel: Channel::Whatsapp,
        mode,
        fallback_queue,
    }
}

async fn default_queue(desk: &Desk) -> String {
    desk.queues.list().await.unwrap().remove(0).id
}

async fn create(desk: &Desk, name: &str, mode: DistributionMode) -> Workstream {
    let existing = FallbackQueueInput::Existing { id: default_queue(desk).await };
    desk.workstreams.create(new(name, mode, existing)).await.unwrap()
}

fn defaults() -> WorkDistribution {
    WorkDistribution {
        auto_close_after_minutes: 43_200,
        capacity: Capacity::Unit { units: 1 },
        wrap_up: WrapUp::Always,
        allowed_presences: vec![Presence::Available, Presence::Busy],
        skill_matching: SkillMatching::Exact,
        keep_same_agent: false,
    }
}

fn field(err: &channel_desk_core::Error) -> (ErrorCode, Option<&str>) {
    (err.code, err.field.as_deref())
}

#[tokio::test]
async fn a_workstream_starts_with_the_default_work_distribution_and_nothing_else() {
    let f = desk().await;
    let w = create(&f.desk, "  WhatsApp Sales ", DistributionMode::Push).await;
    assert_eq!(
        (w.name.as_str(), w.kind, w.channel, w.mode),
        ("WhatsApp Sales", WorkstreamKind::Messaging, Channel::Whatsapp, DistributionMode::Push)
    );
    assert_eq!(w.fallback_queue.name, "Default messaging queue");
    assert_eq!(w.distribution, defaults());
    assert_eq!(w.advanced, AdvancedSettings::default());
    assert_eq!(w.whatsapp, None);
    assert_eq!(f.desk.workstreams.get(&w.id).await.unwrap(), w);

    let list = f.desk.workstreams.list().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].name.as_str(), list[0].mode, list[0].setup_status, list[0].number.as_deref()),
        ("WhatsApp Sales", DistributionMode::Push, None, None)
    );
    assert_eq!(list[0].fallback_queue, w.fallback_queue);
}

#[tokio::test]
async fn a_new_fallback_queue_is_created_with_the_workstream_or_not_at_all() {
    let f = desk().await;
    let fallback = |name: &str| FallbackQueueInput::New { name: name.into() };
    let w = f.desk.workstreams.create(new("Sales", DistributionMode::Pick, fallback(" Sales queue "))).await.unwrap();
    assert_eq!(w.fallback_queue.name, "Sales queue");
    let queues = f.desk.queues.list().await.unwrap();
    assert_eq!(queues[1].name, "Sales queue");
    assert_eq!(queues[1].used_by, ["Sales"]);

    let err =
        f.desk.workstreams.create(new("sales", DistributionMode::Pick, fallback("Support queue"))).await.unwrap_err();
    assert_eq!(field(&err), (ErrorCode::DuplicateName, Some("workstreamName")));
    assert_eq!(serde_json::to_value(&err.params).unwrap(), json!({"what": "workstream", "name": "Sales"}));
    assert_eq!(rows(&f.pool, "queues").await, 2, "the refused workstream's new queue is not left behind");

    let err = f.desk.workstreams.create(new("", DistributionMode::Push, fallback("SALES QUEUE"))).await.unwrap_err();
    assert_eq!(
        problems(&err),
        [
            (ErrorCode::Required, Some("workstreamName".into())),
            (ErrorCode::DuplicateName, Some("fallbackQueueName".into())),
        ],
        "every problem at once"
    );
    assert_eq!(err.more[0].params["what"], "queue".into());
    let err = f
        .desk
        .workstreams
        .create(new("Support", DistributionMode::Push, fallback(&"q".repeat(101))))
        .await
        .unwrap_err();
    assert_eq!(field(&err), (ErrorCode::TooLong, Some("fallbackQueueName")));
    assert_eq!((rows(&f.pool, "queues").await, rows(&f.pool, "workstreams").await), (2, 1));
}

#[tokio::test]
async fn the_fallback_queue_chosen_must_exist() {
    let f = desk().await;
    let existing = |id: &str| FallbackQueueInput::Existing { id: id.into() };
    let err = f.desk.workstreams.create(new("Sales", DistributionMode::Push, existing("gone"))).await.unwrap_err();
    assert_eq!(field(&err), (ErrorCode::NotFound, Some("fallbackQueue")));
    assert_eq!(err.params["what"], "queue".into());
    let err = f.desk.workstreams.create(new("Sales", DistributionMode::Push, existing(" "))).await.unwrap_err();
    assert_eq!(field(&err), (ErrorCode::Required, Some("fallbackQueue")));
    assert_eq!(rows(&f.pool, "workstreams").await, 0);
}

#[tokio::test]
async fn workstream_names_are_unique_whatever_their_case_and_at_most_100_characters() {
    let f = desk().await;
    create(&f.desk, "Ärger", DistributionMode::Push).await;
    let other = create(&f.desk, "ÇAĞRI", DistributionMode::Pick).await;
    let queue = default_queue(&f.desk).await;
    let existing = FallbackQueueInput::Existing { id: queue.clone() };
    let err = f.desk.workstreams.create(new("ärger", DistributionMode::Push, existing.clone())).await.unwrap_err();
    assert_eq!(field(&err), (ErrorCode::DuplicateName, Some("workstreamName")));
    let err = f.desk.workstreams.create(new(&"w".repeat(101), DistributionMode::Push, existing)).await.unwrap_err();
    assert_eq!(field(&err), (ErrorCode::TooLong, Some("workstreamName")));

    let details = |name: &str| WorkstreamDetailsInput {
        name: name.into(),
        mode: DistributionMode::Pick,
        fallback_queue_id: queue.clone(),
    };
    let err = f.desk.workstreams.save_details(&other.id, details("ÄRGER")).await.unwrap_err();
    assert_eq!(field(&err), (ErrorCode::DuplicateName, Some("workstreamName")));
    assert_eq!(f.desk.workstreams.save_details(&other.id, details("çağri")).await.unwrap().name, "çağri");
    let q = f.desk.queues.create(QueueInput { name: "ärger".into(), kind: QueueKind::Messaging }).await;
    assert!(q.is_ok(), "a queue may share a workstream's name");
}

#[tokio::test]
async fn the_mode_is_set_at_creation_and_never_changes() {
    let f = desk().await;
    let w = create(&f.desk, "Sales", DistributionMode::Push).await;
    let escalations = f.desk.queues.create(QueueInput { name: "Escalations".into(), kind: QueueKind::Messaging }).await;
    let escalations = escalations.unwrap().id;
    let input = |mode| WorkstreamDetailsInput { name: "Sales EU".into(), mode, fallback_queue_id: escalations.clone() };
    let err = f.desk.workstreams.save_details(&w.id, input(DistributionMode::Pick)).await.unwrap_err();
    assert_eq!(problems(&err), [(ErrorCode::ModeLocked, Some("mode".into()))]);
    assert_eq!(f.desk.workstreams.get(&w.id).await.unwrap(), w, "nothing of the refused save is kept");

    let saved = f.desk.workstreams.save_details(&w.id, input(DistributionMode::Push)).await.unwrap();
    assert_eq!(
        (saved.name.as_str(), saved.mode, saved.fallback_queue.name.as_str()),
        ("Sales EU", DistributionMode::Push, "Escalations")
    );

    let err = f
        .desk
        .workstreams
        .save_details(
            &w.id,
            WorkstreamDetailsInput { name: " ".into(), mode: DistributionMode::Pick, fallback_queue_id: "gone".into() },
        )
        .await
        .unwrap_err();
    assert_eq!(
        problems(&err),
        [
            (ErrorCode::Required, Some("workstreamName".into())),
            (ErrorCode::ModeLocked, Some("mode".into())),
            (ErrorCode::NotFound, Some("fallbackQueue".into())),
        ]
    );
    let raw = sqlx::query("UPDATE workstreams SET mode = 'pick', keep_same_agent = 1 WHERE id = ?")
        .bind(&w.id)
        .execute(&f.pool)
        .await;
    assert!(raw.is_err(), "the database refuses a pick workstream that keeps the same agent");
    let err = f.desk.workstreams.save_details("gone", input(DistributionMode::Push)).await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "workstream".into()));
}

#[tokio::test]
async fn work_distribution_limits_name_their_fields() {
    let f = desk().await;
    let w = create(&f.desk, "Sales", DistributionMode::Push).await;
    let save = |d: WorkDistribution| {
        let (desk, id) = (&f.desk, w.id.clone());
        async move { desk.workstreams.save_distribution(&id, d).await }
    };
    let range =
        |err: channel_desk_core::Error| (err.code, err.field.clone(), serde_json::to_value(&err.params).unwrap());

    for (minutes, ok) in [(0, false), (1, true), (43_200, true), (43_201, false)] {
        let result = save(WorkDistribution { auto_close_after_minutes: minutes, ..defaults() }).await;
        match ok {
            true => assert_eq!(result.unwrap().distribution.auto_close_after_minutes, minutes),
            false => assert_eq!(
                range(result.unwrap_err()),
                (
                    ErrorCode::OutOfRange,
                    Some("autoCloseAfterMinutes".into()),
                    json!({"min": 1, "max": 43200, "actual": minutes})
                )
            ),
        }
    }
    for (units, ok) in [(-1, false), (0, true), (10_000, true), (10_001, false)] {
        let result = save(WorkDistribution { capacity: Capacity::Unit { units }, ..defaults() }).await;
        match ok {
            true => assert_eq!(result.unwrap().distribution.capacity, Capacity::Unit { units }),
            false => assert_eq!(
                range(result.unwrap_err()),
                (ErrorCode::OutOfRange, Some("capacityUnits".into()), json!({"min": 0, "max": 10000, "actual": units}))
            ),
        }
    }
    for (minutes, ok) in [(0, false), (1, true), (43_200, true), (43_201, false)] {
        let result = save(WorkDistribution { wrap_up: WrapUp::Custom { minutes }, ..defaults() }).await;
        match ok {
            true => assert_eq!(result.unwrap().distribution.wrap_up, WrapUp::Custom { minutes }),
            false => assert_eq!(range(result.unwrap_err()).1.as_deref(), Some("wrapUpMinutes")),
        }
    }
    let profile = |p: &str| WorkDistribution { capacity: Capacity::Profile { profile: p.into() }, ..defaults() };
    assert_eq!(field(&save(profile("  ")).await.unwrap_err()), (ErrorCode::Required, Some("capacityProfile")));
    assert_eq!(
        field(&save(profile(&"p".repeat(101))).await.unwrap_err()),
        (ErrorCode::TooLong, Some("capacityProfile"))
    );
    assert_eq!(
        save(profile(" Default profile ")).await.unwrap().distribution.capacity,
        Capacity::Profile { profile: "Default profile".into() }
    );
    let none = WorkDistribution { allowed_presences: vec![], ..defaults() };
    assert_eq!(field(&save(none).await.unwrap_err()), (ErrorCode::NoneChosen, Some("allowedPresences")));

    let err = save(WorkDistribution {
        auto_close_after_minutes: 0,
        capacity: Capacity::Unit { units: -5 },
        wrap_up: WrapUp::Custom { minutes: 0 },
        allowed_presences: vec![],
        ..defaults()
    })
    .await
    .unwrap_err();
    assert_eq!(
        problems(&err).into_iter().map(|(_, field)| field.unwrap()).collect::<Vec<_>>(),
        ["autoCloseAfterMinutes", "capacityUnits", "wrapUpMinutes", "allowedPresences"],
        "every problem at once, in the page's order"
    );

    let all = WorkDistribution {
        auto_close_after_minutes: 5,
        capacity: Capacity::Unit { units: 3 },
        wrap_up: WrapUp::DontBlock,
        allowed_presences: vec![Presence::Offline, Presence::Away, Presence::BusyDnd, Presence::Away],
        skill_matching: SkillMatching::Closest,
        keep_same_agent: true,
    };
    let saved = save(all.clone()).await.unwrap().distribution;
    assert_eq!(saved.allowed_presences, [Presence::BusyDnd, Presence::Away, Presence::Offline], "each once, in order");
    assert_eq!(saved, WorkDistribution { allowed_presences: saved.allowed_presences.clone(), ..all });
    assert_eq!(f.desk.workstreams.get(&w.id).await.unwrap().distribution, saved);
}

#[tokio::test]
async fn keeping_the_same_agent_is_for_push_workstreams_only() {
    let f = desk().await;
    let pick = create(&f.desk, "Pick", DistributionMode::Pick).await;
    let keep = WorkDistribution { keep_same_agent: true, auto_close_after_minutes: 60, ..defaults() };
    let err = f.desk.workstreams.save_distribution(&pick.id, keep.clone()).await.unwrap_err();
    assert_eq!(problems(&err), [(ErrorCode::PushOnly, Some("keepSameAgent".into()))]);
    assert_eq!(
        f.desk.workstreams.get(&pick.id).await.unwrap().distribution,
        defaults(),
        "a failed save keeps the last one"
    );
    let push = create(&f.desk, "Push", DistributionMode::Push).await;
    assert!(f.desk.workstreams.save_distribution(&push.id, keep).await.unwrap().distribution.keep_same_agent);
}

#[tokio::test]
async fn advanced_settings_check_names_lengths_and_uniqueness() {
    let f = desk().await;
    let push = create(&f.desk, "Push", DistributionMode::Push).await;
    let pick = create(&f.desk, "Pick", DistributionMode::Pick).await;
    let variable = |name: &str, kind| ContextVariable { name: name.into(), kind };
    let reply = |title: &str, text: &str| QuickReply { title: title.into(), text: text.into() };
    let advanced = AdvancedSettings {
        bot_name: Some(" Copilot ".into()),
        session_template: Some("  ".into()),
        agent_notification_template: Some("Incoming WhatsApp".into()),
        context_variables: vec![variable("orderId", VariableKind::Text), variable("Ärger", VariableKind::Number)],
        quick_replies: vec![reply("Hello", "Hello, how can I help?")],
    };
    let saved = f.desk.workstreams.save_advanced(&push.id, advanced.clone()).await.unwrap().advanced;
    assert_eq!(saved.bot_name.as_deref(), Some("Copilot"));
    assert_eq!(saved.session_template, None, "blank becomes nothing");
    assert_eq!(saved.context_variables, advanced.context_variables);
    assert_eq!(saved.quick_replies, advanced.quick_replies);

    let err = f.desk.workstreams.save_advanced(&pick.id, advanced.clone()).await.unwrap_err();
    assert_eq!(problems(&err), [(ErrorCode::PushOnly, Some("botName".into()))]);
    let no_bot = AdvancedSettings { bot_name: Some(" ".into()), ..advanced.clone() };
    assert_eq!(f.desk.workstreams.save_advanced(&pick.id, no_bot).await.unwrap().advanced.bot_name, None);

    let long = "t".repeat(101);
    let bad = AdvancedSettings {
        bot_name: Some(long.clone()),
        session_template: Some(long.clone()),
        agent_notification_template: Some(long.clone()),
        context_variables: vec![
            variable("orderId", VariableKind::Text),
            variable(" ", VariableKind::Text),
            variable("ärger", VariableKind::Text),
            variable("ORDERID", VariableKind::Number),
            variable(&long, VariableKind::Text),
        ],
        quick_replies: vec![reply("", "text"), reply(&long, &"x".repeat(1001)), reply("ok", "x".repeat(1000).as_str())],
    };
    let err = f.desk.workstreams.save_advanced(&push.id, bad).await.unwrap_err();
    assert_eq!(
        problems(&err),
        [
            (ErrorCode::TooLong, Some("botName".into())),
            (ErrorCode::TooLong, Some("sessionTemplate".into())),
            (ErrorCode::TooLong, Some("agentNotificationTemplate".into())),
            (ErrorCode::Required, Some("contextVariables.1.name".into())),
            (ErrorCode::DuplicateName, Some("contextVariables.3.name".into())),
            (ErrorCode::TooLong, Some("contextVariables.4.name".into())),
            (ErrorCode::Required, Some("quickReplies.0.title".into())),
            (ErrorCode::TooLong, Some("quickReplies.1.title".into())),
            (ErrorCode::TooLong, Some("quickReplies.1.text".into())),
        ]
    );
    assert_eq!(
        serde_json::to_value(&err.more[3].params).unwrap(),
        json!({"what": "context_variable", "name": "orderId"})
    );
    assert_eq!(f.desk.workstreams.get(&push.id).await.unwrap().advanced, saved, "a failed save loses nothing");
    let ü = AdvancedSettings {
        context_variables: vec![variable("Ärger", VariableKind::Text), variable("ärger", VariableKind::Text)],
        ..Default::default()
    };
    let err = f.desk.workstreams.save_advanced(&push.id, ü).await.unwrap_err();
    assert_eq!(field(&err), (ErrorCode::DuplicateName, Some("contextVariables.1.name")));
}

/// A push workstream with every setting off its default, and a WhatsApp setup bound to a number.
async fn everything(f: &common::DeskFixture) -> Workstream {
    let w = create(&f.desk, "WhatsApp Sales", DistributionMode::Push).await;
    let account = complete_account(&f.desk, "Contoso", &[("Sales line", "+14155238886")]).await;
    let d = WorkDistribution {
        auto_close_after_minutes: 120,
        capacity: Capacity::Profile { profile: "Chat".into() },
        wrap_up: WrapUp::Custom { minutes: 15 },
        allowed_presences: vec![Presence::Available],
        skill_matching: SkillMatching::None,
        keep_same_agent: true,
    };
    f.desk.workstreams.save_distribution(&w.id, d).await.unwrap();
    let advanced = AdvancedSettings {
        bot_name: Some("Copilot".into()),
        session_template: Some("Default session".into()),
        agent_notification_template: None,
        context_variables: vec![ContextVariable { name: "orderId".into(), kind: VariableKind::Number }],
        quick_replies: vec![QuickReply { title: "Hi".into(), text: "Hi {name}".into() }],
    };
    f.desk.workstreams.save_advanced(&w.id, advanced).await.unwrap();
    f.desk.setups.save_number(&w.id, &account.numbers[0].id).await.unwrap();
    f.desk.setups.save_language(&w.id, "pt_BR").await.unwrap();
    let behaviours = Behaviours {
        automated_messages: vec![AutomatedMessage {
            trigger: MessageTrigger::AgentAssigned,
            text: "{AgentName} is here.".into(),
        }],
        survey: Survey {
            enabled: true,
            reference: Some("https://forms.example.com/s".into()),
            message: Some("Tell us".into()),
            delivery: SurveyDelivery::SendLink,
        },
        templates: vec![TemplateRef {
            content_sid: "HX0123456789abcdef0123456789abcdef".into(),
            language: "pt_BR".into(),
            text: "Olá".into(),
        }],
    };
    f.desk.setups.save_behaviours(&w.id, behaviours).await.unwrap();
    f.desk
        .setups
        .save_user_features(&w.id, Attachments { enabled: true, customers: true, agents: false })
        .await
        .unwrap();
    f.desk.setups.finish(&w.id).await.unwrap()
}

#[tokio::test]
async fn a_copy_has_every_setting_and_behaviour_but_not_the_number() {
    let f = desk().await;
    let original = everything(&f).await;
    let copy = f.desk.workstreams.copy(&original.id).await.unwrap();
    assert_ne!(copy.id, original.id);
    assert_eq!(copy.name, "Copy of WhatsApp Sales");
    assert_eq!((copy.kind, copy.channel, copy.mode), (original.kind, original.channel, original.mode));
    assert_eq!(copy.fallback_queue, original.fallback_queue);
    assert_eq!(copy.distribution, original.distribution);
    assert_eq!(copy.advanced, original.advanced);
    let (theirs, ours) = (original.whatsapp.unwrap(), copy.whatsapp.unwrap());
    assert_eq!(theirs.status, SetupStatus::Active);
    assert_eq!((ours.status, ours.number.as_ref(), ours.next_step), (SetupStatus::Draft, None, SetupStep::Number));
    assert_eq!(ours.language, theirs.language);
    assert_eq!(ours.behaviours, theirs.behaviours);
    assert_eq!(ours.attachments, theirs.attachments);
    let available = f.desk.setups.available_numbers(&copy.id).await.unwrap();
    assert!(available.is_empty(), "the number still serves the original");

    let bare = create(&f.desk, "Bare", DistributionMode::Pick).await;
    assert_eq!(f.desk.workstreams.copy(&bare.id).await.unwrap().whatsapp, None, "no setup, none copied");
    let err = f.desk.workstreams.copy("gone").await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "workstream".into()));
}

#[tokio::test]
async fn copies_are_numbered_when_the_name_is_taken_and_fit_100_characters() {
    let f = desk().await;
    let w = create(&f.desk, "Sales", DistributionMode::Push).await;
    let mut made = Vec::new();
    for _ in 0..3 {
        made.push(f.desk.workstreams.copy(&w.id).await.unwrap().name);
    }
    assert_eq!(made, ["Copy of Sales", "Copy of Sales (2)", "Copy of Sales (3)"]);
    create(&f.desk, "copy of copy of sales", DistributionMode::Push).await;
    let copy_of_copy =
        f.desk.workstreams.list().await.unwrap().into_iter().find(|s| s.name == "Copy of Sales").unwrap();
    assert_eq!(
        f.desk.workstreams.copy(&copy_of_copy.id).await.unwrap().name,
        "Copy of Copy of Sales (2)",
        "whatever the case"
    );

    let long = create(&f.desk, &"ä".repeat(100), DistributionMode::Push).await;
    let first = f.desk.workstreams.copy(&long.id).await.unwrap().name;
    let second = f.desk.workstreams.copy(&long.id).await.unwrap().name;
    assert_eq!(first, format!("Copy of {}", "ä".repeat(92)));
    assert_eq!(second, format!("Copy of {} (2)", "ä".repeat(88)));
    assert_eq!((first.chars().count(), second.chars().count()), (100, 100));
    assert_eq!(copy_name("Sales  x", 1), "Copy of Sales  x");
    let cut_at_a_space = copy_name(&format!("{} tail", "a".repeat(87)), 2);
    assert_eq!(cut_at_a_space, format!("Copy of {} (2)", "a".repeat(87)), "no space before the number");
}

#[tokio::test]
async fn deleting_a_workstream_names_what_goes_and_removes_all_of_it() {
    let f = desk().await;
    let w = everything(&f).await;
    let number_id = w.whatsapp.as_ref().unwrap().number.as_ref().unwrap().id.clone();
    let other = create(&f.desk, "Other", DistributionMode::Push).await;
    f.desk.setups.save_language(&other.id, "en").await.unwrap();

    let deletion = f.desk.workstreams.deletion(&w.id).await.unwrap();
    assert_eq!(deletion.name, "WhatsApp Sales");
    let bound = deletion.number.unwrap();
    assert_eq!(
        (bound.number.as_str(), bound.name.as_str(), bound.account_name.as_str()),
        ("+14155238886", "Sales line", "Contoso")
    );
    assert_eq!(
        (deletion.automated_messages, deletion.templates, deletion.context_variables, deletion.quick_replies),
        (1, 1, 1, 1)
    );

    f.desk.workstreams.delete(&w.id).await.unwrap();
    for table in ["context_variables", "quick_replies", "automated_messages", "message_templates"] {
        assert_eq!(rows(&f.pool, table).await, 0, "{table} keeps nothing of it");
    }
    assert_eq!(
        (rows(&f.pool, "workstreams").await, rows(&f.pool, "whatsapp_setups").await),
        (1, 1),
        "the other one stays"
    );
    assert_eq!(rows(&f.pool, "queues").await, 1, "queues stay");
    assert_eq!(rows(&f.pool, "whatsapp_numbers").await, 1, "the number stays in its account");
    let free = f.desk.setups.available_numbers(&other.id).await.unwrap();
    assert_eq!(
        free.into_iter().map(|a| a.number.id).collect::<Vec<_>>(),
        [number_id],
        "and is free for another workstream"
    );

    let err = f.desk.workstreams.delete(&w.id).await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "workstream".into()));
    assert_eq!(f.desk.workstreams.deletion(&w.id).await.unwrap_err().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_workstream_is_deleted_all_or_nothing() {
    let f = desk().await;
    let w = everything(&f).await;
    // A trigger that fails the delete halfway, after the setup's rows would have gone.
    sqlx::query(
        "CREATE TRIGGER refuse BEFORE DELETE ON quick_replies BEGIN SELECT RAISE(ABORT, 'refused for the test'); END",
    )
    .execute(&f.pool)
    .await
    .unwrap();
    let err = f.desk.workstreams.delete(&w.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Storage);
    assert_eq!(f.desk.workstreams.get(&w.id).await.unwrap(), w, "everything is still there");
    for table in ["context_variables", "quick_replies", "automated_messages", "message_templates", "whatsapp_setups"] {
        assert_eq!(rows(&f.pool, table).await, 1, "{table} is whole");
    }
}
