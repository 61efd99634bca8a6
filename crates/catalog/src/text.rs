//! Translated text: every sentence a trader reads exists in English, French and Vietnamese, and
//! templates fill `{name}` placeholders from parameters.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The languages Coffre speaks. Anything else falls back to English.
pub const LANGUAGES: [&str; 3] = ["en", "fr", "vi"];

/// A sentence in the three languages; all three are required (checked when the catalog loads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub fr: String,
    pub vi: String,
}

impl Text {
    /// The text in `lang` (`fr`, `fr-FR`, `vi_VN`, …); English for any other language.
    pub fn get(&self, lang: &str) -> &str {
        match base_lang(lang) {
            "fr" => &self.fr,
            "vi" => &self.vi,
            _ => &self.en,
        }
    }

    pub(crate) fn all(&self) -> [(&'static str, &str); 3] {
        [("en", &self.en), ("fr", &self.fr), ("vi", &self.vi)]
    }
}

/// A proper name (platform, form field): one spelling, with French or Vietnamese only where they
/// differ. Written in TOML either as a plain string or as `{ en = "…", fr = "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Name {
    Same(String),
    Translated {
        en: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fr: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        vi: Option<String>,
    },
}

impl Name {
    /// The name in `lang`, English where no translation differs.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Name::Same(name) => name,
            Name::Translated { en, fr, vi } => match base_lang(lang) {
                "fr" => fr.as_deref().unwrap_or(en),
                "vi" => vi.as_deref().unwrap_or(en),
                _ => en,
            },
        }
    }

    pub(crate) fn all(&self) -> Vec<&str> {
        match self {
            Name::Same(name) => vec![name.as_str()],
            Name::Translated { en, fr, vi } => {
                let mut all = vec![en.as_str()];
                all.extend(fr.as_deref());
                all.extend(vi.as_deref());
                all
            }
        }
    }
}

/// The language of the desktop's locale variables (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as
/// POSIX orders them), for sentences Rust writes when the user's setting follows the system;
/// `vars` reads one variable. `C`, `POSIX` or nothing set → English.
pub fn locale_lang(vars: impl Fn(&str) -> Option<String>) -> &'static str {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(vars)
        .find(|value| !value.is_empty())
        .map(|value| base_lang(&value))
        .unwrap_or("en")
}

/// `fr-FR` → `fr`; unknown languages → `en`.
pub fn base_lang(lang: &str) -> &'static str {
    let prefix = lang
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    LANGUAGES
        .into_iter()
        .find(|known| *known == prefix)
        .unwrap_or("en")
}

/// Replaces each `{name}` in `template` with its value; unknown placeholders stay as written so
/// a missing parameter shows up in review instead of vanishing. Counts use ICU's plural form,
/// as the UI's messages do: `{days, plural, =0 {today} one {in # day} other {in # days}}`.
pub fn fill(template: &str, params: &[(&str, &str)]) -> String {
    fill_in("en", template, params)
}

/// [`fill`] with the plural rules of `lang` (French counts 0 and 1 as singular; Vietnamese has
/// no plural, so only `=n` and `other` apply).
pub fn fill_in(lang: &str, template: &str, params: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = closing_brace(after) else {
            out.push_str(&rest[start..]);
            return out;
        };
        out.push_str(&argument(lang, &after[..end], params));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The index of the `}` closing an argument whose `{` was just before `text`.
fn closing_brace(text: &str) -> Option<usize> {
    let mut depth = 1usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// One argument's text: its value, or for `name, plural, …` the option its count selects.
fn argument(lang: &str, inner: &str, params: &[(&str, &str)]) -> String {
    let mut parts = inner.splitn(3, ',');
    let name = parts.next().unwrap_or_default().trim();
    let value = params.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    match (parts.next().map(str::trim), parts.next(), value) {
        (None, _, Some(value)) => value.to_owned(),
        (Some("plural"), Some(options), Some(value)) => match value.parse::<i64>() {
            Ok(count) => match plural_option(lang, count, options) {
                Some(chosen) => fill_in(lang, &chosen.replace('#', value), params),
                None => format!("{{{inner}}}"),
            },
            Err(_) => format!("{{{inner}}}"),
        },
        _ => format!("{{{inner}}}"),
    }
}

/// `selector {text}` pairs of a plural argument.
fn plural_options(options: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = options;
    while let Some(open) = rest.find('{') {
        let selector = rest[..open].trim();
        let after = &rest[open + 1..];
        let Some(end) = closing_brace(after) else {
            break;
        };
        found.push((selector, &after[..end]));
        rest = &after[end + 1..];
    }
    found
}

/// The option for `count`: an exact `=n` first, then the language's category, then `other`.
fn plural_option<'a>(lang: &str, count: i64, options: &'a str) -> Option<&'a str> {
    let options = plural_options(options);
    let category = match base_lang(lang) {
        "fr" if count == 0 || count == 1 => "one",
        "en" if count == 1 => "one",
        _ => "other",
    };
    let exact = format!("={count}");
    let pick = |wanted: &str| options.iter().find(|(s, _)| *s == wanted).map(|(_, t)| *t);
    pick(&exact)
        .or_else(|| pick(category))
        .or_else(|| pick("other"))
}

/// The placeholder names used in a template (`{exchange}` → `exchange`, and `days` for
/// `{days, plural, …}` with the names inside its options).
pub(crate) fn placeholders(template: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = closing_brace(after) else {
            break;
        };
        let inner = &after[..end];
        let mut parts = inner.splitn(3, ',');
        names.insert(parts.next().unwrap_or_default().trim());
        if let (Some("plural"), Some(options)) = (parts.next().map(str::trim), parts.next()) {
            for (_, text) in plural_options(options) {
                names.extend(placeholders(text));
            }
        }
        rest = &after[end + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_language_tags_pick_their_base_language() {
        let text = Text {
            en: "hello".into(),
            fr: "bonjour".into(),
            vi: "xin chào".into(),
        };
        assert_eq!(text.get("fr-FR"), "bonjour");
        assert_eq!(text.get("vi_VN"), "xin chào");
        assert_eq!(text.get("de"), "hello");
    }

    #[test]
    fn names_fall_back_to_english_where_no_translation_differs() {
        let name = Name::Translated {
            en: "ccxt script".into(),
            fr: Some("script ccxt".into()),
            vi: None,
        };
        assert_eq!(name.get("fr"), "script ccxt");
        assert_eq!(name.get("vi"), "ccxt script");
    }

    #[test]
    fn fill_replaces_known_placeholders_and_keeps_unknown_ones() {
        assert_eq!(
            fill(
                "{exchange} said {code} {other}",
                &[("exchange", "OKX"), ("code", "50113")]
            ),
            "OKX said 50113 {other}"
        );
        assert_eq!(
            placeholders("{a} and {b}").into_iter().collect::<Vec<_>>(),
            ["a", "b"]
        );
    }

    #[test]
    fn counts_take_the_plural_of_their_language_and_zero_its_own_words() {
        let template = "{days, plural, =0 {today} one {in # day} other {in # days}}";
        assert_eq!(fill_in("en", template, &[("days", "0")]), "today");
        assert_eq!(fill_in("en", template, &[("days", "1")]), "in 1 day");
        assert_eq!(fill_in("en", template, &[("days", "5")]), "in 5 days");
        let fr = "{days, plural, one {# jour} other {# jours}}";
        assert_eq!(fill_in("fr", fr, &[("days", "0")]), "0 jour");
        assert_eq!(fill_in("fr", fr, &[("days", "2")]), "2 jours");
        let vi = "{days, plural, =0 {hôm nay} other {sau # ngày}} ở {exchange}";
        assert_eq!(
            fill_in("vi", vi, &[("days", "0"), ("exchange", "OKX")]),
            "hôm nay ở OKX"
        );
        assert_eq!(
            fill_in("vi", vi, &[("days", "1"), ("exchange", "OKX")]),
            "sau 1 ngày ở OKX"
        );
        assert_eq!(
            placeholders(vi).into_iter().collect::<Vec<_>>(),
            ["days", "exchange"]
        );
    }

    #[test]
    fn the_system_locale_picks_the_language_posix_would() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(locale_lang(env(&[("LANG", "fr_FR.UTF-8")])), "fr");
        assert_eq!(
            locale_lang(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "vi_VN.UTF-8")])),
            "vi"
        );
        assert_eq!(locale_lang(env(&[("LC_ALL", ""), ("LANG", "vi_VN")])), "vi");
        assert_eq!(locale_lang(env(&[("LANG", "C.UTF-8")])), "en");
        assert_eq!(locale_lang(env(&[])), "en");
    }
}
