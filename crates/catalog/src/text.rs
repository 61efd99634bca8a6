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
/// a missing parameter shows up in review instead of vanishing.
pub fn fill(template: &str, params: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The placeholder names used in a template (`{exchange}` → `exchange`).
pub(crate) fn placeholders(template: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                names.insert(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
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
}
