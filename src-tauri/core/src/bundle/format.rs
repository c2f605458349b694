//! The bundle's format, versioned by [`SCHEMA_VERSION`] and described by a JSON Schema generated
//! from these types. Times are left out: exporting the same desk twice gives the same bytes.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{
    AccountStatus, AdvancedSettings, Attachments, AuthMethod, Behaviours, Channel, DistributionMode, DraftStatus,
    QueueKind, SetupStatus, TemplateCategory, WorkDistribution, WorkstreamKind,
};
use crate::template::TemplateContent;

/// The version of the format this build writes. A bundle of a newer version is refused.
pub const SCHEMA_VERSION: u32 = 1;

/// A Channel Desk configuration bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// The version of this format the bundle was written in.
    pub schema: u32,
    pub settings: BundleSettings,
    /// In the order of their ids, as every list of entities.
    pub accounts: Vec<BundleAccount>,
    pub queues: Vec<BundleQueue>,
    pub workstreams: Vec<BundleWorkstream>,
    pub templates: Vec<BundleTemplate>,
    /// The accounts' Auth tokens and API key secrets, only when the export was asked for them:
    /// an ASCII-armored age file sealed with the user's passphrase (scrypt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundleSettings {
    /// The public base URL that Twilio's inbound URL of each account is built on.
    pub callback_base_url: Option<String>,
}

/// A messaging account, without its Auth token or API key secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundleAccount {
    pub id: String,
    pub name: String,
    pub channel: Channel,
    /// A draft is a wizard not finished yet.
    pub status: AccountStatus,
    pub account_sid: Option<String>,
    pub auth_method: AuthMethod,
    pub api_key_sid: Option<String>,
    pub numbers: Vec<BundleNumber>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundleNumber {
    pub id: String,
    pub name: String,
    /// E.164, such as `+14155238886`.
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundleQueue {
    pub id: String,
    pub name: String,
    pub kind: QueueKind,
    /// The queue every desk has; exactly one.
    pub is_default: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundleWorkstream {
    pub id: String,
    pub name: String,
    pub kind: WorkstreamKind,
    pub channel: Channel,
    pub mode: DistributionMode,
    /// One of the bundle's queues.
    pub fallback_queue_id: String,
    pub distribution: WorkDistribution,
    pub advanced: AdvancedSettings,
    /// The "Set up WhatsApp" wizard's answers, once it was started.
    pub whatsapp: Option<BundleSetup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundleSetup {
    pub status: SetupStatus,
    /// One of the bundle's numbers.
    pub number_id: Option<String>,
    pub language: Option<String>,
    pub behaviours: Behaviours,
    pub attachments: Attachments,
}

/// A template across its languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundleTemplate {
    pub id: String,
    /// The WhatsApp template name.
    pub name: String,
    pub category: TemplateCategory,
    /// One of the bundle's accounts; none while drafted before choosing one.
    pub account_id: Option<String>,
    /// Every revision of every language, by language then revision.
    pub languages: Vec<BundleLanguage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BundleLanguage {
    pub id: String,
    /// A code of WhatsApp's template language list, such as `pt_BR`.
    pub language: String,
    pub revision: u32,
    pub status: DraftStatus,
    pub content: TemplateContent,
    /// Each variable's sample value, by the variable's name.
    pub variables: BTreeMap<String, String>,
    /// Twilio's, once published.
    pub content_sid: Option<String>,
    /// WhatsApp's approval status as Twilio last wrote it.
    pub approval_status: Option<String>,
}

impl Bundle {
    /// The bundle as its file holds it: keys sorted, two-space indents, one value per line.
    pub fn to_canonical(&self) -> Vec<u8> {
        // Through a `Value`, whose maps keep their keys sorted, whatever the types declare.
        let value = serde_json::to_value(self).expect("a bundle serializes");
        let mut bytes = serde_json::to_vec_pretty(&value).expect("a value serializes");
        bytes.push(b'\n');
        bytes
    }

    /// The JSON Schema of the format, as committed in `docs/bundle.schema.json`.
    pub fn json_schema() -> String {
        let schema = schemars::schema_for!(Bundle);
        let value = serde_json::to_value(&schema).expect("a schema serializes");
        let mut text = serde_json::to_string_pretty(&value).expect("a value serializes");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::Bundle;

    /// Writes the schema to `docs/`, or to `BUNDLE_SCHEMA_DIR`: `make bindings` and
    /// `make bindings-check` run it beside the TypeScript bindings.
    #[test]
    fn export_bindings_bundle_schema() {
        let dir = std::env::var_os("BUNDLE_SCHEMA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs"));
        std::fs::write(dir.join("bundle.schema.json"), Bundle::json_schema()).unwrap();
    }
}
