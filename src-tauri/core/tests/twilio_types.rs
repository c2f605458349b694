//! A library draft's content written as Twilio's Content API types and read back, through the
//! JSON that goes over the wire.

use std::collections::BTreeMap;

use channel_desk_core::template::{
    new_content, template_content, CallToActionAction, CardAction, QuickReplyAction, TemplateContent,
};
use channel_desk_core::twilio::ContentTypes;
use serde_json::{json, Value};

fn samples() -> BTreeMap<String, String> {
    [("1".to_owned(), "Maria".to_owned()), ("2".to_owned(), "#1042".to_owned())].into()
}

/// The request's `types` as JSON, and the library content read back from that JSON as Twilio
/// would echo it.
fn round_trip(content: &TemplateContent) -> (Value, Option<TemplateContent>) {
    let request = new_content("order_update_en_r1", "en", content, &samples());
    assert_eq!(request.friendly_name, "order_update_en_r1");
    assert_eq!(request.language, "en");
    assert_eq!(request.variables, samples());
    let wire = serde_json::to_value(&request).expect("serializes");
    let types: ContentTypes = serde_json::from_value(wire["types"].clone()).expect("Twilio's types read back");
    (wire["types"].clone(), template_content(&types))
}

#[test]
fn text_round_trips() {
    let content = TemplateContent::Text { body: "Hello {{1}}, order {{2}} has shipped.".into() };
    let (wire, back) = round_trip(&content);
    assert_eq!(wire, json!({"twilio/text": {"body": "Hello {{1}}, order {{2}} has shipped."}}));
    assert_eq!(back, Some(content));
}

#[test]
fn media_round_trips_with_and_without_a_body() {
    let content = TemplateContent::Media {
        body: "Your receipt, {{1}}.".into(),
        media: vec!["https://example.com/receipt.pdf".into()],
    };
    let (wire, back) = round_trip(&content);
    assert_eq!(
        wire,
        json!({"twilio/media": {"body": "Your receipt, {{1}}.", "media": ["https://example.com/receipt.pdf"]}})
    );
    assert_eq!(back, Some(content));

    let bare = TemplateContent::Media { body: String::new(), media: vec!["https://example.com/a.jpg".into()] };
    let (wire, back) = round_trip(&bare);
    assert_eq!(wire, json!({"twilio/media": {"media": ["https://example.com/a.jpg"]}}), "no empty body is sent");
    assert_eq!(back, Some(bare));
}

#[test]
fn quick_reply_round_trips() {
    let content = TemplateContent::QuickReply {
        body: "Did order {{2}} arrive?".into(),
        actions: vec![
            QuickReplyAction { title: "Yes".into(), id: Some("arrived".into()) },
            QuickReplyAction { title: "Not yet".into(), id: None },
        ],
    };
    let (wire, back) = round_trip(&content);
    assert_eq!(
        wire,
        json!({"twilio/quick-reply": {"body": "Did order {{2}} arrive?", "actions": [
            {"type": "QUICK_REPLY", "title": "Yes", "id": "arrived"},
            {"type": "QUICK_REPLY", "title": "Not yet"},
        ]}})
    );
    assert_eq!(back, Some(content));
}

#[test]
fn call_to_action_round_trips() {
    let content = TemplateContent::CallToAction {
        body: "Track order {{2}}.".into(),
        actions: vec![
            CallToActionAction::Url { title: "Track".into(), url: "https://example.com/track/{{2}}".into() },
            CallToActionAction::PhoneNumber { title: "Call us".into(), phone: "+14155550100".into() },
        ],
    };
    let (wire, back) = round_trip(&content);
    assert_eq!(
        wire,
        json!({"twilio/call-to-action": {"body": "Track order {{2}}.", "actions": [
            {"type": "URL", "title": "Track", "url": "https://example.com/track/{{2}}"},
            {"type": "PHONE_NUMBER", "title": "Call us", "phone": "+14155550100"},
        ]}})
    );
    assert_eq!(back, Some(content));
}

#[test]
fn card_round_trips() {
    let content = TemplateContent::Card {
        title: "Order {{2}} shipped".into(),
        subtitle: Some("Thanks for shopping".into()),
        media: vec!["https://example.com/parcel.jpg".into()],
        actions: vec![
            CardAction::Url { title: "Track".into(), url: "https://example.com/track/{{2}}".into() },
            CardAction::PhoneNumber { title: "Call us".into(), phone: "+14155550100".into() },
            CardAction::QuickReply { title: "Thanks".into(), id: Some("thanks".into()) },
        ],
    };
    let (wire, back) = round_trip(&content);
    assert_eq!(
        wire,
        json!({"twilio/card": {
            "title": "Order {{2}} shipped",
            "subtitle": "Thanks for shopping",
            "media": ["https://example.com/parcel.jpg"],
            "actions": [
                {"type": "URL", "title": "Track", "url": "https://example.com/track/{{2}}"},
                {"type": "PHONE_NUMBER", "title": "Call us", "phone": "+14155550100"},
                {"type": "QUICK_REPLY", "title": "Thanks", "id": "thanks"},
            ],
        }})
    );
    assert_eq!(back, Some(content));

    let bare = TemplateContent::Card { title: "Hello".into(), subtitle: None, media: vec![], actions: vec![] };
    let (wire, back) = round_trip(&bare);
    assert_eq!(wire, json!({"twilio/card": {"title": "Hello"}}));
    assert_eq!(back, Some(bare));
}

#[test]
fn whatsapp_card_round_trips_with_the_specs_field_names() {
    let content = TemplateContent::WhatsAppCard {
        body: "Hello {{1}}, order {{2}} has shipped.".into(),
        header_text: Some("Shipping update".into()),
        footer: Some("Reply STOP to opt out".into()),
        media: vec!["https://example.com/parcel.jpg".into()],
        actions: vec![
            CardAction::Url { title: "Track".into(), url: "https://example.com/track/{{2}}".into() },
            CardAction::QuickReply { title: "Thanks".into(), id: None },
        ],
    };
    let (wire, back) = round_trip(&content);
    assert_eq!(
        wire,
        json!({"whatsapp/card": {
            "body": "Hello {{1}}, order {{2}} has shipped.",
            "header_text": "Shipping update",
            "footer": "Reply STOP to opt out",
            "media": ["https://example.com/parcel.jpg"],
            "actions": [
                {"type": "URL", "title": "Track", "url": "https://example.com/track/{{2}}"},
                {"type": "QUICK_REPLY", "title": "Thanks"},
            ],
        }})
    );
    assert_eq!(back, Some(content));

    let bare = TemplateContent::WhatsAppCard {
        body: "Hello".into(),
        header_text: None,
        footer: None,
        media: vec![],
        actions: vec![],
    };
    let (wire, back) = round_trip(&bare);
    assert_eq!(wire, json!({"whatsapp/card": {"body": "Hello"}}));
    assert_eq!(back, Some(bare));
}

#[test]
fn types_the_library_does_not_edit_read_as_none() {
    let read = |types: Value| template_content(&serde_json::from_value(types).expect("types"));
    assert_eq!(read(json!({"twilio/location": {"latitude": 1.0, "longitude": 2.0}})), None);
    assert_eq!(read(json!({})), None);
    let copy_code = json!({"twilio/call-to-action": {"body": "Your code", "actions": [
        {"type": "COPY_CODE", "title": "Copy", "code": "123456"},
    ]}});
    assert_eq!(read(copy_code), None, "a button kind the library has no field for");
    let voice = json!({"whatsapp/card": {"body": "Call", "actions": [{"type": "VOICE_CALL", "title": "Call"}]}});
    assert_eq!(read(voice), None);
}

#[test]
fn several_types_read_as_the_richest() {
    let types = json!({
        "twilio/text": {"body": "Track order {{1}} at example.com"},
        "twilio/call-to-action": {"body": "Track order {{1}}", "actions": [
            {"type": "URL", "title": "Track", "url": "https://example.com/{{1}}"},
        ]},
        "twilio/location": {"latitude": 1.0, "longitude": 2.0},
    });
    let content = template_content(&serde_json::from_value(types).expect("types"));
    assert_eq!(
        content,
        Some(TemplateContent::CallToAction {
            body: "Track order {{1}}".into(),
            actions: vec![CallToActionAction::Url { title: "Track".into(), url: "https://example.com/{{1}}".into() }],
        })
    );
}
