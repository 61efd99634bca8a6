//! The words and the typography of every French and Vietnamese sentence Coffre shows: the UI's
//! i18n files and the fr/vi text of every catalog data file, against `data/glossary.toml`.
//!
//! Walks the files as they are on disk (not the embedded copies) so a sentence added anywhere by
//! anyone is held to the same rules.

use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Glossary {
    no_vietnamese_ui: Vec<String>,
    term: Vec<Term>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    concept: String,
    fr: String,
    fr_rejected: Vec<String>,
    vi: String,
    vi_rejected: Vec<String>,
    source: String,
}

/// One translated sentence: where it comes from, its language, and its text.
struct Sentence {
    place: String,
    lang: &'static str,
    text: String,
    /// A box or field label: the platform's on-screen words, exempt from the glossary.
    label: bool,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("catalog data dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| !p.ends_with("glossary.toml"))
        .collect();
    files.sort();
    files
}

/// Every fr/vi string of a TOML value: tables holding `en` beside `fr`/`vi` are translations.
fn walk_toml(value: &toml::Value, place: &str, label: bool, out: &mut Vec<Sentence>) {
    match value {
        toml::Value::Table(table) => {
            let translated = table.contains_key("en");
            for (key, v) in table {
                let here = format!("{place}.{key}");
                // The exchanges' boxes and the platforms' form fields, as they read on screen.
                let is_label =
                    label || ["permission_labels", "fields", "extra_off"].contains(&key.as_str());
                match (v, key.as_str()) {
                    (toml::Value::String(s), lang @ ("fr" | "vi")) if translated => {
                        out.push(Sentence {
                            place: here,
                            lang: if lang == "fr" { "fr" } else { "vi" },
                            text: s.clone(),
                            label: is_label,
                        })
                    }
                    _ => walk_toml(v, &here, is_label, out),
                }
            }
        }
        toml::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk_toml(v, &format!("{place}[{i}]"), label, out);
            }
        }
        _ => {}
    }
}

fn walk_json(value: &serde_json::Value, place: &str, lang: &'static str, out: &mut Vec<Sentence>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                walk_json(v, &format!("{place}.{k}"), lang, out);
            }
        }
        serde_json::Value::String(s) => out.push(Sentence {
            place: place.to_owned(),
            lang,
            text: s.clone(),
            label: false,
        }),
        _ => {}
    }
}

fn sentences() -> Vec<Sentence> {
    let mut out = Vec::new();
    for file in data_files() {
        let text = fs::read_to_string(&file).expect("read data file");
        let value: toml::Value = toml::from_str(&text).expect("data file parses");
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        walk_toml(&value, &name, false, &mut out);
    }
    for lang in ["fr", "vi"] {
        let path = root().join(format!("ui/src/i18n/{lang}.json"));
        let text = fs::read_to_string(&path).expect("read i18n file");
        let value: serde_json::Value = serde_json::from_str(&text).expect("i18n file parses");
        let lang = if lang == "fr" { "fr" } else { "vi" };
        walk_json(&value, &format!("{lang}.json"), lang, &mut out);
    }
    out
}

fn glossary() -> Glossary {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/glossary.toml"))
        .expect("read glossary");
    toml::from_str(&text).expect("glossary parses")
}

/// The sentence without the platform's own words: quoted text, `code`, [buttons].
fn own_words(text: &str) -> String {
    let pairs = [('«', '»'), ('“', '”'), ('"', '"'), ('`', '`'), ('[', ']')];
    let mut out = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    let text = without_placeholders(text);
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match pairs.iter().find(|(open, _)| *open == c) {
                Some((_, end)) => closing = Some(*end),
                None => out.push(c),
            },
        }
    }
    out
}

/// `text` without its `{name}` placeholders (the words inside plural options stay).
fn without_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Rejected variants in `text` (lower-cased), outside occurrences of the accepted term.
fn rejected_in(text: &str, accepted: &str, rejected: &[String]) -> Vec<String> {
    let text = text
        .to_lowercase()
        .replace(&accepted.to_lowercase(), "\u{1}");
    rejected
        .iter()
        .filter(|r| text.contains(&r.to_lowercase()))
        .cloned()
        .collect()
}

#[test]
fn the_glossary_names_each_concept_once_with_its_source() {
    let glossary = glossary();
    assert!(glossary.term.len() >= 15);
    for term in &glossary.term {
        assert!(!term.source.trim().is_empty(), "{}", term.concept);
        assert!(
            !term.fr.is_empty() && !term.vi.is_empty(),
            "{}",
            term.concept
        );
        for (accepted, rejected) in [(&term.fr, &term.fr_rejected), (&term.vi, &term.vi_rejected)] {
            assert!(
                !rejected.iter().any(|r| r.eq_ignore_ascii_case(accepted)),
                "{}: the term itself is rejected",
                term.concept
            );
        }
    }
}

#[test]
fn no_translation_uses_a_rejected_variant() {
    let glossary = glossary();
    let mut problems = Vec::new();
    for sentence in sentences().iter().filter(|s| !s.label) {
        let text = own_words(&sentence.text);
        for term in &glossary.term {
            let (accepted, rejected) = match sentence.lang {
                "fr" => (&term.fr, &term.fr_rejected),
                _ => (&term.vi, &term.vi_rejected),
            };
            for variant in rejected_in(&text, accepted, rejected) {
                problems.push(format!(
                    "{}: “{variant}” for {} (use “{accepted}”): {}",
                    sentence.place, term.concept, sentence.text
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// French typography, one convention: ’ for the apostrophe; U+202F (narrow no-break space)
/// before ; ! ?; U+00A0 (no-break space) before : and inside « »; no English quotes.
fn typography_problems(text: &str) -> Vec<&'static str> {
    let mut problems = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    if text.contains('\'') {
        problems.push("straight apostrophe ' (use ’)");
    }
    if text.contains('“') || text.contains('”') {
        problems.push("English quotes “ ” (use « »)");
    }
    for (i, &c) in chars.iter().enumerate() {
        let before = if i > 0 { Some(chars[i - 1]) } else { None };
        let after = chars.get(i + 1).copied();
        // Punctuation that ends a clause: followed by a space, a closing sign or the end.
        let ends_clause = after.is_none_or(|a| a.is_whitespace() || "»)}".contains(a));
        match c {
            ';' | '!' | '?' if ends_clause && before != Some('\u{202f}') => {
                problems.push("; ! ? need a narrow no-break space (U+202F) before them")
            }
            ':' if ends_clause && before != Some('\u{a0}') => {
                problems.push(": needs a no-break space (U+00A0) before it")
            }
            '«' if after != Some('\u{a0}') => problems.push("« needs a no-break space after it"),
            '»' if before != Some('\u{a0}') => problems.push("» needs a no-break space before it"),
            _ => {}
        }
    }
    problems.dedup();
    problems
}

#[test]
fn french_typography_is_one_convention_everywhere() {
    let mut problems = Vec::new();
    for sentence in sentences().iter().filter(|s| s.lang == "fr") {
        for problem in typography_problems(&sentence.text) {
            problems.push(format!("{}: {problem}: {}", sentence.place, sentence.text));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Whether each `→` of a menu path joins quoted on-screen names (“Settings” → “API”), an
/// explanation in parentheses allowed after a name.
fn menu_path_is_quoted(text: &str) -> bool {
    text.match_indices('→').all(|(at, arrow)| {
        let before = text[..at].trim_end();
        let after = text[at + arrow.len()..].trim_start();
        (before.ends_with('”') || before.ends_with(')')) && after.starts_with('“')
    })
}

#[test]
fn vietnamese_guides_keep_the_menu_names_of_platforms_without_a_vietnamese_ui() {
    let glossary = glossary();
    let mut problems = Vec::new();
    for file in ["exchanges.toml", "platforms.toml"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(file);
        let value: toml::Value = toml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        let key = if file == "exchanges.toml" {
            "exchange"
        } else {
            "platform"
        };
        for entry in value[key].as_array().unwrap() {
            let id = entry["id"].as_str().unwrap();
            if !glossary.no_vietnamese_ui.iter().any(|n| n == id) {
                continue;
            }
            let mut texts = Vec::new();
            walk_toml(entry, id, false, &mut texts);
            for t in texts
                .iter()
                .filter(|t| t.lang == "vi" && t.text.contains('→'))
            {
                if !menu_path_is_quoted(&t.text) {
                    problems.push(format!("{}: {}", t.place, t.text));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_checks_catch_what_they_claim() {
    assert!(menu_path_is_quoted("mở “Settings” (Cài đặt) → “API”"));
    assert!(!menu_path_is_quoted("mở Cài đặt → API"));
    // A glossary or typography check that cannot fail proves nothing.
    assert_eq!(
        rejected_in(
            "Collez la phrase secrète",
            "passphrase",
            &["phrase secrète".into()]
        ),
        ["phrase secrète"]
    );
    assert!(rejected_in("khóa riêng tư", "khóa riêng tư", &["khóa riêng".into()]).is_empty());
    assert_eq!(own_words("Cochez « Liste blanche » ici"), "Cochez  ici");
    assert!(!typography_problems("Prête : oui").is_empty());
    assert!(!typography_problems("l'exchange").is_empty());
    assert!(!typography_problems("Supprimer ?").is_empty());
    assert!(typography_problems("Supprimer\u{202f}? EAPI:Invalid, https://x").is_empty());
    assert!(typography_problems("Oui\u{a0}: «\u{a0}x\u{a0}», l’exchange\u{202f}!").is_empty());
}
