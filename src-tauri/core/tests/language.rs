//! The six languages: which one an OS locale asks for, and the one chosen in Settings.

mod common;

use channel_desk_core::language::Language;
use common::{fixture, open_desk};

#[test]
fn an_os_locale_asks_for_one_of_the_six_or_none() {
    let cases = [
        ("de_DE.UTF-8", Some(Language::De)),
        ("de-CH", Some(Language::De)),
        ("de_AT@euro", Some(Language::De)),
        ("en_US.UTF-8", Some(Language::En)),
        ("en-GB", Some(Language::En)),
        ("zh-TW", Some(Language::ZhTw)),
        ("zh_TW.UTF-8", Some(Language::ZhTw)),
        ("zh-Hant-TW", Some(Language::ZhTw)),
        ("zh-Hant", Some(Language::ZhTw)),
        ("zh-HK", Some(Language::ZhTw)),
        ("zh_MO", Some(Language::ZhTw)),
        ("zh-CN", None),
        ("zh-Hans-HK", None),
        ("zh", None),
        ("tr_TR", Some(Language::Tr)),
        ("ja_JP.UTF-8", Some(Language::Ja)),
        ("it-IT", Some(Language::It)),
        ("IT", Some(Language::It)),
        ("fr_FR.UTF-8", None),
        ("C", None),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("", None),
    ];
    for (locale, language) in cases {
        assert_eq!(Language::from_locale(locale), language, "{locale:?}");
    }
}

#[test]
fn languages_cross_ipc_as_their_tags() {
    let tags: Vec<String> = [Language::En, Language::ZhTw, Language::Ja, Language::It, Language::De, Language::Tr]
        .iter()
        .map(|l| serde_json::to_value(l).unwrap().as_str().unwrap().to_owned())
        .collect();
    assert_eq!(tags, ["en", "zh-TW", "ja", "it", "de", "tr"]);
    assert_eq!(serde_json::from_str::<Language>("\"zh-TW\"").unwrap(), Language::ZhTw);
}

#[tokio::test]
async fn the_language_follows_the_os_until_one_is_chosen_and_the_choice_is_kept() {
    let f = fixture().await;
    let os = Language::of_os().unwrap_or(Language::En);
    let settings = f.settings.get().await.unwrap();
    assert_eq!((settings.language, settings.language_chosen), (os, None), "the OS's, else English");

    let chosen = f.settings.set_language(Some(Language::Tr)).await.unwrap();
    assert_eq!((chosen.language, chosen.language_chosen), (Language::Tr, Some(Language::Tr)));
    f.settings.set_callback_base_url("https://desk.example.com").await.unwrap();
    let reopened = open_desk(f.dir.path(), f.secrets.clone()).await.settings.get().await.unwrap();
    assert_eq!(
        (reopened.language, reopened.language_chosen, reopened.callback_base_url.as_deref()),
        (Language::Tr, Some(Language::Tr), Some("https://desk.example.com")),
        "remembered, beside the other settings"
    );

    let following = f.settings.set_language(None).await.unwrap();
    assert_eq!((following.language, following.language_chosen), (os, None), "back to following the OS");
}
