//! The OS's language, as the end-to-end test starts the app: `LANG=de_DE.UTF-8`. Its own test
//! binary, because it sets this process's locale variables.
#![cfg(target_os = "linux")]

mod common;

use channel_desk_core::language::Language;
use common::fixture;

#[tokio::test]
async fn lang_de_makes_the_desk_german_until_another_language_is_chosen() {
    for variable in ["LANGUAGE", "LC_ALL", "LC_MESSAGES"] {
        std::env::remove_var(variable);
    }
    std::env::set_var("LANG", "de_DE.UTF-8");
    let f = fixture().await;
    assert_eq!(Language::of_os(), Some(Language::De));
    assert_eq!(f.settings.get().await.unwrap().language, Language::De);
    assert_eq!(f.settings.set_language(Some(Language::Ja)).await.unwrap().language, Language::Ja);

    std::env::set_var("LANG", "C.UTF-8");
    let english = f.settings.set_language(None).await.unwrap();
    assert_eq!((english.language, english.language_chosen), (Language::En, None), "C is no language: English");
}
