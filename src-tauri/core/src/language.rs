//! The six languages Channel Desk speaks, and which of them the OS asks for.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[ts(export)]
pub enum Language {
    #[serde(rename = "en")]
    #[sqlx(rename = "en")]
    En,
    #[serde(rename = "zh-TW")]
    #[sqlx(rename = "zh-TW")]
    ZhTw,
    #[serde(rename = "ja")]
    #[sqlx(rename = "ja")]
    Ja,
    #[serde(rename = "it")]
    #[sqlx(rename = "it")]
    It,
    #[serde(rename = "de")]
    #[sqlx(rename = "de")]
    De,
    #[serde(rename = "tr")]
    #[sqlx(rename = "tr")]
    Tr,
}

impl Language {
    /// The language an OS locale asks for, when it is one of the six: `de_DE.UTF-8`, `de-CH`,
    /// `ja_JP.UTF-8`, `zh-Hant-TW`. Chinese is Traditional Chinese only when the locale says so
    /// by its script (`Hant`) or region (Taiwan, Hong Kong, Macau); `C` and `POSIX` ask for none.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let tag = locale.split(['.', '@']).next().unwrap_or_default().to_ascii_lowercase();
        let mut subtags = tag.split(['-', '_']);
        let language = subtags.next().unwrap_or_default();
        let rest: Vec<&str> = subtags.collect();
        match language {
            "en" => Some(Language::En),
            "ja" => Some(Language::Ja),
            "it" => Some(Language::It),
            "de" => Some(Language::De),
            "tr" => Some(Language::Tr),
            "zh" if !rest.contains(&"hans") && rest.iter().any(|s| ["hant", "tw", "hk", "mo"].contains(s)) => {
                Some(Language::ZhTw)
            }
            _ => None,
        }
    }

    /// The OS's language, when it is one of the six (on Linux, from `LANGUAGE`, `LC_ALL`,
    /// `LC_MESSAGES` or `LANG`, the first one set).
    pub fn of_os() -> Option<Language> {
        sys_locale::get_locale().as_deref().and_then(Language::from_locale)
    }
}
