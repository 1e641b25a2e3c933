//! Which language the app starts in, and remembering the user's choice in this browser.
//!
//! The host's `data-locale` wins; otherwise a choice remembered in `localStorage` (standalone, or
//! embedded when the host allows it with `data-remember-locale`); otherwise the browser's
//! languages; otherwise English.

use super::Locale;

/// The `localStorage` key that keeps the language chosen with the language switcher.
pub const STORAGE_KEY: &str = "cm-locale";

/// The language to start in, from what the host set, what was remembered and the browser's
/// preferred languages (`navigator.languages`), in that order of precedence.
pub fn decide(host: Option<Locale>, remembered: Option<&str>, languages: &[String]) -> Locale {
    host.or_else(|| remembered.and_then(Locale::from_tag))
        .or_else(|| from_languages(languages))
        .unwrap_or(Locale::En)
}

/// Finnish when any of the browser's languages is Finnish (`fi`, `fi-FI`, `FI-fi` …), else
/// `None` (the app then speaks English).
pub fn from_languages(languages: &[String]) -> Option<Locale> {
    languages
        .iter()
        .any(|tag| {
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            primary.eq_ignore_ascii_case("fi")
        })
        .then_some(Locale::Fi)
}

/// The language to start in, reading the browser: `remember` says whether the app may use its
/// remembered choice (standalone, or a host that allows it).
pub fn start_locale(host: Option<Locale>, remember: bool) -> Locale {
    if let Some(locale) = host {
        return locale;
    }
    let remembered = if remember { remembered() } else { None };
    decide(None, remembered.as_deref(), &browser_languages())
}

/// Keeps `locale` for the next visit. Storage can be disabled or full (private windows): the
/// choice then lasts only as long as the page, which is all that can be done.
pub fn remember(locale: Locale) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(STORAGE_KEY, locale.tag());
    }
}

fn remembered() -> Option<String> {
    local_storage()?.get_item(STORAGE_KEY).ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    // Reading `localStorage` itself throws where storage is blocked.
    web_sys::window()?.local_storage().ok().flatten()
}

/// `navigator.languages`, or `navigator.language` where the list is missing or empty.
fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_hosts_locale_wins_over_everything() {
        assert_eq!(
            decide(Some(Locale::En), Some("fi"), &tags(&["fi-FI"])),
            Locale::En
        );
        assert_eq!(decide(Some(Locale::Fi), Some("en"), &[]), Locale::Fi);
    }

    #[test]
    fn a_remembered_choice_wins_over_the_browsers_languages() {
        assert_eq!(decide(None, Some("en"), &tags(&["fi-FI"])), Locale::En);
        assert_eq!(decide(None, Some("fi"), &tags(&["en-US"])), Locale::Fi);
    }

    #[test]
    fn an_unreadable_remembered_value_is_ignored() {
        assert_eq!(decide(None, Some("sv"), &tags(&["fi"])), Locale::Fi);
        assert_eq!(decide(None, Some(""), &[]), Locale::En);
    }

    #[test]
    fn any_finnish_tag_gives_finnish() {
        for list in [
            &["fi"][..],
            &["fi-FI"],
            &["FI-fi"],
            &["sv-FI", "fi"],
            &["en-GB", "fi-FI"],
        ] {
            assert_eq!(decide(None, None, &tags(list)), Locale::Fi, "{list:?}");
        }
    }

    #[test]
    fn otherwise_english() {
        for list in [&[][..], &["en-US"], &["sv-FI", "de"], &["fil"], &["fin"]] {
            assert_eq!(decide(None, None, &tags(list)), Locale::En, "{list:?}");
        }
    }
}
