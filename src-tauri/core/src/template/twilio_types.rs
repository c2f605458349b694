//! A library draft's content as Twilio's Content API writes it, and back. `whatsapp/card` has no
//! field of its own in the client's [`ContentTypes`], so it travels in `other` under its type
//! name, with the spec's field names (`body`, `header_text`, `footer`, `media`, `actions`).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::content::{CallToActionAction, CardAction, QuickReplyAction, TemplateContent};
use crate::twilio::{Action, ActionType, ButtonsType, CardType, ContentTypes, MediaType, NewContent, TextType};

const WHATSAPP_CARD: &str = "whatsapp/card";

/// The create request for one language's draft.
pub fn new_content(
    friendly_name: &str,
    language: &str,
    content: &TemplateContent,
    variables: &BTreeMap<String, String>,
) -> NewContent {
    NewContent {
        friendly_name: friendly_name.to_owned(),
        language: language.to_owned(),
        variables: variables.clone(),
        types: content_types(content),
    }
}

/// The types Twilio holds for one content type of the library's.
pub fn content_types(content: &TemplateContent) -> ContentTypes {
    let mut types = ContentTypes::default();
    match content {
        TemplateContent::Text { body } => types.text = Some(TextType { body: body.clone() }),
        TemplateContent::Media { body, media } => {
            types.media = Some(MediaType { body: non_empty(body), media: media.clone() });
        }
        TemplateContent::QuickReply { body, actions } => {
            let actions = actions
                .iter()
                .map(|a| Action {
                    kind: Some(ActionType::QuickReply),
                    title: a.title.clone(),
                    id: a.id.clone(),
                    ..Action::default()
                })
                .collect();
            types.quick_reply = Some(ButtonsType { body: body.clone(), actions });
        }
        TemplateContent::CallToAction { body, actions } => {
            let actions = actions.iter().map(call_to_action).collect();
            types.call_to_action = Some(ButtonsType { body: body.clone(), actions });
        }
        TemplateContent::Card { title, subtitle, media, actions } => {
            types.card = Some(CardType {
                title: non_empty(title),
                subtitle: subtitle.clone(),
                media: media.clone(),
                actions: actions.iter().map(card_action).collect(),
            });
        }
        TemplateContent::WhatsAppCard { body, header_text, footer, media, actions } => {
            let mut card = Map::new();
            card.insert("body".into(), json!(body));
            if let Some(header_text) = header_text {
                card.insert("header_text".into(), json!(header_text));
            }
            if let Some(footer) = footer {
                card.insert("footer".into(), json!(footer));
            }
            if !media.is_empty() {
                card.insert("media".into(), json!(media));
            }
            if !actions.is_empty() {
                let actions: Vec<Action> = actions.iter().map(card_action).collect();
                card.insert("actions".into(), json!(actions));
            }
            types.other.insert(WHATSAPP_CARD.to_owned(), Value::Object(card));
        }
    }
    types
}

/// The library's content for what Twilio holds, or `None` when nothing of it is a type the
/// library edits as Twilio wrote it (`twilio/location`, a button kind such as `COPY_CODE`). A
/// content with several types reads as the richest one: `whatsapp/card`, `twilio/card`,
/// `twilio/call-to-action`, `twilio/quick-reply`, `twilio/media`, then `twilio/text`.
pub fn template_content(types: &ContentTypes) -> Option<TemplateContent> {
    if let Some(card) = types.other.get(WHATSAPP_CARD) {
        return whatsapp_card(card);
    }
    if let Some(card) = &types.card {
        return Some(TemplateContent::Card {
            title: card.title.clone().unwrap_or_default(),
            subtitle: card.subtitle.clone(),
            media: card.media.clone(),
            actions: card.actions.iter().map(read_card_action).collect::<Option<_>>()?,
        });
    }
    if let Some(cta) = &types.call_to_action {
        return Some(TemplateContent::CallToAction {
            body: cta.body.clone(),
            actions: cta.actions.iter().map(read_call_to_action).collect::<Option<_>>()?,
        });
    }
    if let Some(quick) = &types.quick_reply {
        let actions = quick
            .actions
            .iter()
            .map(|a| match a.kind {
                None | Some(ActionType::QuickReply) => {
                    Some(QuickReplyAction { title: a.title.clone(), id: a.id.clone() })
                }
                Some(_) => None,
            })
            .collect::<Option<_>>()?;
        return Some(TemplateContent::QuickReply { body: quick.body.clone(), actions });
    }
    if let Some(media) = &types.media {
        return Some(TemplateContent::Media {
            body: media.body.clone().unwrap_or_default(),
            media: media.media.clone(),
        });
    }
    types.text.as_ref().map(|text| TemplateContent::Text { body: text.body.clone() })
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

fn call_to_action(action: &CallToActionAction) -> Action {
    match action {
        CallToActionAction::Url { title, url } => {
            Action { kind: Some(ActionType::Url), title: title.clone(), url: Some(url.clone()), ..Action::default() }
        }
        CallToActionAction::PhoneNumber { title, phone } => Action {
            kind: Some(ActionType::PhoneNumber),
            title: title.clone(),
            phone: Some(phone.clone()),
            ..Action::default()
        },
    }
}

fn card_action(action: &CardAction) -> Action {
    match action {
        CardAction::Url { title, url } => {
            call_to_action(&CallToActionAction::Url { title: title.clone(), url: url.clone() })
        }
        CardAction::PhoneNumber { title, phone } => {
            call_to_action(&CallToActionAction::PhoneNumber { title: title.clone(), phone: phone.clone() })
        }
        CardAction::QuickReply { title, id } => {
            Action { kind: Some(ActionType::QuickReply), title: title.clone(), id: id.clone(), ..Action::default() }
        }
    }
}

fn read_call_to_action(action: &Action) -> Option<CallToActionAction> {
    let title = action.title.clone();
    match action.kind.as_ref()? {
        ActionType::Url => Some(CallToActionAction::Url { title, url: action.url.clone().unwrap_or_default() }),
        ActionType::PhoneNumber => {
            Some(CallToActionAction::PhoneNumber { title, phone: action.phone.clone().unwrap_or_default() })
        }
        _ => None,
    }
}

fn read_card_action(action: &Action) -> Option<CardAction> {
    match action.kind.as_ref()? {
        ActionType::QuickReply => Some(CardAction::QuickReply { title: action.title.clone(), id: action.id.clone() }),
        _ => Some(match read_call_to_action(action)? {
            CallToActionAction::Url { title, url } => CardAction::Url { title, url },
            CallToActionAction::PhoneNumber { title, phone } => CardAction::PhoneNumber { title, phone },
        }),
    }
}

fn whatsapp_card(card: &Value) -> Option<TemplateContent> {
    let text = |field: &str| card.get(field).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_owned);
    let media = match card.get("media") {
        None | Some(Value::Null) => Vec::new(),
        Some(media) => serde_json::from_value(media.clone()).ok()?,
    };
    let actions: Vec<Action> = match card.get("actions") {
        None | Some(Value::Null) => Vec::new(),
        Some(actions) => serde_json::from_value(actions.clone()).ok()?,
    };
    Some(TemplateContent::WhatsAppCard {
        body: text("body").unwrap_or_default(),
        header_text: text("header_text"),
        footer: text("footer"),
        media,
        actions: actions.iter().map(read_card_action).collect::<Option<_>>()?,
    })
}
