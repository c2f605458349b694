//! One language's draft of a template as the linter sees it: one language of one template, with the fields of its
//! content type as Twilio's Content API defines them (`twilio_content_v1.json`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::TemplateCategory;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LintDraft {
    /// The WhatsApp template name sent with the approval request.
    pub name: String,
    pub category: TemplateCategory,
    /// WhatsApp's language code (`en`, `pt_BR`).
    pub language: String,
    pub content: TemplateContent,
    /// Sample values, keyed as Twilio writes them: `{"1": "Maria"}`.
    pub variables: BTreeMap<String, String>,
}

/// One content type with its fields. WhatsApp's components map onto them so:
/// the body is `body` (`title` in `twilio/card`); the footer is `footer` in `whatsapp/card` and
/// `subtitle` in `twilio/card`; a text header exists only as `whatsapp/card`'s `headerText`;
/// `media` is the media header; `actions` are the buttons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "type")]
#[ts(export)]
pub enum TemplateContent {
    #[serde(rename = "twilio/text")]
    Text { body: String },
    #[serde(rename = "twilio/media")]
    Media { body: String, media: Vec<String> },
    #[serde(rename = "twilio/quick-reply")]
    QuickReply { body: String, actions: Vec<QuickReplyAction> },
    #[serde(rename = "twilio/call-to-action")]
    CallToAction { body: String, actions: Vec<CallToActionAction> },
    #[serde(rename = "twilio/card")]
    Card { title: String, subtitle: Option<String>, media: Vec<String>, actions: Vec<CardAction> },
    #[serde(rename = "whatsapp/card", rename_all = "camelCase")]
    WhatsAppCard {
        body: String,
        header_text: Option<String>,
        footer: Option<String>,
        media: Vec<String>,
        actions: Vec<CardAction>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct QuickReplyAction {
    pub title: String,
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
#[ts(export)]
pub enum CallToActionAction {
    Url { title: String, url: String },
    PhoneNumber { title: String, phone: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
#[ts(export)]
pub enum CardAction {
    Url { title: String, url: String },
    PhoneNumber { title: String, phone: String },
    QuickReply { title: String, id: Option<String> },
}

/// The part of a draft a finding is about. `body` is `twilio/card`'s title, `footer` its
/// subtitle; `button` is a button's text and `button_url` its URL, `index` counting from 0;
/// `variable` is the sample of variable `key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum TemplateComponent {
    Name,
    Category,
    Body,
    Header,
    Footer,
    Media { index: u32 },
    Button { index: u32 },
    ButtonUrl { index: u32 },
    Variable { key: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ButtonKind {
    Url,
    PhoneNumber,
    QuickReply,
}

pub(crate) struct Button<'a> {
    pub kind: ButtonKind,
    pub title: &'a str,
    pub url: Option<&'a str>,
}

impl TemplateContent {
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            TemplateContent::Text { .. } => "twilio/text",
            TemplateContent::Media { .. } => "twilio/media",
            TemplateContent::QuickReply { .. } => "twilio/quick-reply",
            TemplateContent::CallToAction { .. } => "twilio/call-to-action",
            TemplateContent::Card { .. } => "twilio/card",
            TemplateContent::WhatsAppCard { .. } => "whatsapp/card",
        }
    }

    pub fn body(&self) -> &str {
        match self {
            TemplateContent::Text { body }
            | TemplateContent::Media { body, .. }
            | TemplateContent::QuickReply { body, .. }
            | TemplateContent::CallToAction { body, .. }
            | TemplateContent::WhatsAppCard { body, .. } => body,
            TemplateContent::Card { title, .. } => title,
        }
    }

    pub(crate) fn header(&self) -> Option<&str> {
        match self {
            TemplateContent::WhatsAppCard { header_text, .. } => header_text.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn footer(&self) -> Option<&str> {
        match self {
            TemplateContent::Card { subtitle: footer, .. } | TemplateContent::WhatsAppCard { footer, .. } => {
                footer.as_deref()
            }
            _ => None,
        }
    }

    pub(crate) fn media(&self) -> &[String] {
        match self {
            TemplateContent::Media { media, .. }
            | TemplateContent::Card { media, .. }
            | TemplateContent::WhatsAppCard { media, .. } => media,
            _ => &[],
        }
    }

    pub(crate) fn buttons(&self) -> Vec<Button<'_>> {
        match self {
            TemplateContent::Text { .. } | TemplateContent::Media { .. } => Vec::new(),
            TemplateContent::QuickReply { actions, .. } => {
                actions.iter().map(|a| Button { kind: ButtonKind::QuickReply, title: &a.title, url: None }).collect()
            }
            TemplateContent::CallToAction { actions, .. } => actions
                .iter()
                .map(|a| match a {
                    CallToActionAction::Url { title, url } => {
                        Button { kind: ButtonKind::Url, title, url: Some(url.as_str()) }
                    }
                    CallToActionAction::PhoneNumber { title, .. } => {
                        Button { kind: ButtonKind::PhoneNumber, title, url: None }
                    }
                })
                .collect(),
            TemplateContent::Card { actions, .. } | TemplateContent::WhatsAppCard { actions, .. } => {
                actions.iter().map(CardAction::button).collect()
            }
        }
    }

    fn text_mut(&mut self, component: &TemplateComponent) -> Option<&mut String> {
        match (self, component) {
            (
                TemplateContent::Text { body }
                | TemplateContent::Media { body, .. }
                | TemplateContent::QuickReply { body, .. }
                | TemplateContent::CallToAction { body, .. }
                | TemplateContent::WhatsAppCard { body, .. }
                | TemplateContent::Card { title: body, .. },
                TemplateComponent::Body,
            ) => Some(body),
            (TemplateContent::WhatsAppCard { header_text, .. }, TemplateComponent::Header) => header_text.as_mut(),
            (
                TemplateContent::Card { subtitle: footer, .. } | TemplateContent::WhatsAppCard { footer, .. },
                TemplateComponent::Footer,
            ) => footer.as_mut(),
            (
                TemplateContent::Media { media, .. }
                | TemplateContent::Card { media, .. }
                | TemplateContent::WhatsAppCard { media, .. },
                TemplateComponent::Media { index },
            ) => media.get_mut(*index as usize),
            (TemplateContent::QuickReply { actions, .. }, TemplateComponent::Button { index }) => {
                actions.get_mut(*index as usize).map(|a| &mut a.title)
            }
            (TemplateContent::CallToAction { actions, .. }, TemplateComponent::Button { index }) => {
                actions.get_mut(*index as usize).map(|a| match a {
                    CallToActionAction::Url { title, .. } | CallToActionAction::PhoneNumber { title, .. } => title,
                })
            }
            (TemplateContent::CallToAction { actions, .. }, TemplateComponent::ButtonUrl { index }) => {
                match actions.get_mut(*index as usize) {
                    Some(CallToActionAction::Url { url, .. }) => Some(url),
                    _ => None,
                }
            }
            (
                TemplateContent::Card { actions, .. } | TemplateContent::WhatsAppCard { actions, .. },
                TemplateComponent::Button { index },
            ) => actions.get_mut(*index as usize).map(|a| match a {
                CardAction::Url { title, .. }
                | CardAction::PhoneNumber { title, .. }
                | CardAction::QuickReply { title, .. } => title,
            }),
            (
                TemplateContent::Card { actions, .. } | TemplateContent::WhatsAppCard { actions, .. },
                TemplateComponent::ButtonUrl { index },
            ) => match actions.get_mut(*index as usize) {
                Some(CardAction::Url { url, .. }) => Some(url),
                _ => None,
            },
            _ => None,
        }
    }
}

impl CardAction {
    fn button(&self) -> Button<'_> {
        match self {
            CardAction::Url { title, url } => Button { kind: ButtonKind::Url, title, url: Some(url.as_str()) },
            CardAction::PhoneNumber { title, .. } => Button { kind: ButtonKind::PhoneNumber, title, url: None },
            CardAction::QuickReply { title, .. } => Button { kind: ButtonKind::QuickReply, title, url: None },
        }
    }
}

impl LintDraft {
    /// The text a component holds, if the draft has it: the sample for `variable`, nothing for
    /// `category`.
    pub fn text_mut(&mut self, component: &TemplateComponent) -> Option<&mut String> {
        match component {
            TemplateComponent::Name => Some(&mut self.name),
            TemplateComponent::Category => None,
            TemplateComponent::Variable { key } => self.variables.get_mut(key),
            _ => self.content.text_mut(component),
        }
    }

    /// The same, read only.
    pub fn text(&self, component: &TemplateComponent) -> Option<&str> {
        match component {
            TemplateComponent::Name => Some(&self.name),
            TemplateComponent::Category => None,
            TemplateComponent::Body => Some(self.content.body()),
            TemplateComponent::Header => self.content.header(),
            TemplateComponent::Footer => self.content.footer(),
            TemplateComponent::Media { index } => self.content.media().get(*index as usize).map(String::as_str),
            TemplateComponent::Button { index } => self.content.buttons().get(*index as usize).map(|b| b.title),
            TemplateComponent::ButtonUrl { index } => self.content.buttons().get(*index as usize).and_then(|b| b.url),
            TemplateComponent::Variable { key } => self.variables.get(key).map(String::as_str),
        }
    }
}
