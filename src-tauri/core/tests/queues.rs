//! Queues: the default one, names, renaming and deleting.

mod common;

use channel_desk_core::model::{
    Channel, DistributionMode, FallbackQueueInput, NewWorkstreamInput, QueueInput, QueueKind, WorkstreamKind,
};
use channel_desk_core::ErrorCode;
use common::{desk, problems, rows};
use serde_json::json;

fn queue(name: &str) -> QueueInput {
    QueueInput { name: name.into(), kind: QueueKind::Messaging }
}

fn workstream(name: &str, fallback_queue_id: &str) -> NewWorkstreamInput {
    NewWorkstreamInput {
        name: name.into(),
        kind: WorkstreamKind::Messaging,
        channel: Channel::Whatsapp,
        mode: DistributionMode::Push,
        fallback_queue: FallbackQueueInput::Existing { id: fallback_queue_id.into() },
    }
}

#[tokio::test]
async fn every_desk_starts_with_the_default_messaging_queue() {
    let f = desk().await;
    let queues = f.desk.queues.list().await.unwrap();
    assert_eq!(queues.len(), 1);
    let default = &queues[0];
    assert_eq!(
        (default.name.as_str(), default.kind, default.is_default),
        ("Default messaging queue", QueueKind::Messaging, true)
    );
    assert!(default.used_by.is_empty());

    f.desk.queues.create(queue("Escalations")).await.unwrap();
    f.desk.queues.create(queue("billing")).await.unwrap();
    let names: Vec<String> = f.desk.queues.list().await.unwrap().into_iter().map(|q| q.name).collect();
    assert_eq!(names, ["Default messaging queue", "billing", "Escalations"], "the default first, then by name");
}

#[tokio::test]
async fn queue_names_are_required_trimmed_and_at_most_100_characters() {
    let f = desk().await;
    let err = f.desk.queues.create(queue("   ")).await.unwrap_err();
    assert_eq!(problems(&err), [(ErrorCode::Required, Some("queueName".into()))]);
    let err = f.desk.queues.create(queue(&"q".repeat(101))).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::TooLong, Some("queueName")));
    assert_eq!(serde_json::to_value(&err.params).unwrap(), json!({"max": 100, "actual": 101}));
    let created = f.desk.queues.create(queue(&format!("  {}  ", "ü".repeat(100)))).await.unwrap();
    assert_eq!(created.name, "ü".repeat(100), "100 characters fit, however many bytes they take");
    assert_eq!(rows(&f.pool, "queues").await, 2);
}

#[tokio::test]
async fn queue_names_are_unique_whatever_their_case() {
    let f = desk().await;
    let first = f.desk.queues.create(queue("Ärger")).await.unwrap();
    let err = f.desk.queues.create(queue("ärger")).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateName, Some("queueName")));
    assert_eq!(serde_json::to_value(&err.params).unwrap(), json!({"what": "queue", "name": "Ärger"}));
    f.desk.queues.create(queue("ÇAĞRI")).await.unwrap();
    assert_eq!(f.desk.queues.create(queue("çağrı")).await.unwrap_err().code, ErrorCode::DuplicateName);
    let err = f.desk.queues.create(queue("DEFAULT messaging QUEUE")).await.unwrap_err();
    assert_eq!(err.params["name"], "Default messaging queue".into(), "as the other one writes it");

    let err = f.desk.queues.rename(&first.id, "çağri").await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateName, Some("queueName")));
    assert_eq!(f.desk.queues.rename(&first.id, "ÄRGER").await.unwrap().name, "ÄRGER", "its own name in another case");
}

#[tokio::test]
async fn any_queue_can_be_renamed_the_default_one_too() {
    let f = desk().await;
    let default = f.desk.queues.list().await.unwrap().remove(0);
    let renamed = f.desk.queues.rename(&default.id, "  Everything else ").await.unwrap();
    assert_eq!((renamed.name.as_str(), renamed.is_default), ("Everything else", true));
    assert!(renamed.updated_at >= default.updated_at);
    let err = f.desk.queues.rename(&default.id, "").await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::Required, Some("queueName")));
    let err = f.desk.queues.rename("no-such-queue", "Elsewhere").await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "queue".into()));
}

#[tokio::test]
async fn the_default_queue_cannot_be_deleted() {
    let f = desk().await;
    let default = f.desk.queues.list().await.unwrap().remove(0);
    assert_eq!(f.desk.queues.delete(&default.id).await.unwrap_err().code, ErrorCode::DefaultQueue);
    let raw = sqlx::query("DELETE FROM queues WHERE id = ?").bind(&default.id).execute(&f.pool).await;
    assert!(raw.is_err(), "the database refuses it too");
    assert_eq!(rows(&f.pool, "queues").await, 1);
}

#[tokio::test]
async fn a_fallback_queue_cannot_be_deleted_and_the_refusal_names_its_workstreams() {
    let f = desk().await;
    let q = f.desk.queues.create(queue("Escalations")).await.unwrap();
    f.desk.workstreams.create(workstream("WhatsApp Sales", &q.id)).await.unwrap();
    f.desk.workstreams.create(workstream("Billing, EU", &q.id)).await.unwrap();
    assert_eq!(f.desk.queues.list().await.unwrap()[1].used_by, ["Billing, EU", "WhatsApp Sales"]);

    let err = f.desk.queues.delete(&q.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::QueueInUse);
    assert_eq!(
        serde_json::to_value(&err.params).unwrap(),
        json!({"names": r#"["Billing, EU","WhatsApp Sales"]"#, "count": 2})
    );
    let raw = sqlx::query("DELETE FROM queues WHERE id = ?").bind(&q.id).execute(&f.pool).await;
    assert!(raw.is_err(), "a foreign key keeps a workstream's fallback queue");
    assert_eq!(rows(&f.pool, "queues").await, 2);
}

#[tokio::test]
async fn a_queue_no_workstream_uses_is_deleted() {
    let f = desk().await;
    let q = f.desk.queues.create(queue("Escalations")).await.unwrap();
    f.desk.queues.delete(&q.id).await.unwrap();
    assert_eq!(f.desk.queues.list().await.unwrap().len(), 1);
    let err = f.desk.queues.delete(&q.id).await.unwrap_err();
    assert_eq!((err.code, err.params["what"].clone()), (ErrorCode::NotFound, "queue".into()));
    f.desk.queues.create(queue("escalations")).await.expect("its name is free again");
}
