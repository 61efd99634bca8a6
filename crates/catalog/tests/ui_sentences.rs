//! The catalog's sentences the UI shows, exported to `ui/src/i18n/catalog.json`: diagnoses (general
//! and per ambiguous exchange code), exchange names and format hints, in en/fr/vi. The TOML is the
//! one source; the JSON is generated from it like the ts-rs types, and this test fails when the
//! two differ. Regenerate with `COFFRE_WRITE_UI_SENTENCES=1 cargo test -p coffre-catalog --test ui_sentences`.

use coffre_catalog::catalog;
use coffre_catalog::text::LANGUAGES;
use serde_json::{json, Map, Value};
use std::path::Path;

fn sentences(lang: &str) -> Value {
    let c = catalog();
    let messages = c.messages();
    let diagnosis: Map<String, Value> = messages
        .diagnosis
        .iter()
        .map(|(code, text)| (code.clone(), json!(text.get(lang))))
        .collect();
    let mut ambiguous = Map::new();
    let mut names = Map::new();
    let mut hints = Map::new();
    for exchange in c.exchanges() {
        for entry in &exchange.ambiguous_codes {
            // `exchange|kind|code`: the code only stands for this sentence read as that kind.
            let key = format!("{}|{}|{}", exchange.id, entry.kind, entry.code);
            ambiguous.insert(key, json!(entry.text.get(lang)));
        }
        names.insert(exchange.id.clone(), json!(exchange.display_name(lang)));
        hints.insert(
            exchange.id.clone(),
            json!({
                "api_key": c.field_hint(&exchange.formats.api_key, lang),
                "secret": c.field_hint(&exchange.formats.secret, lang),
            }),
        );
    }
    json!({
        "diagnosis": diagnosis,
        "diagnosis_code": ambiguous,
        "exchange_name": names,
        "format_hint": hints,
    })
}

fn generated() -> String {
    let all: Map<String, Value> = LANGUAGES
        .iter()
        .map(|lang| (lang.to_string(), sentences(lang)))
        .collect();
    serde_json::to_string_pretty(&Value::Object(all)).expect("json") + "\n"
}

#[test]
fn the_ui_shows_the_catalog_sentences_from_one_source() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/i18n/catalog.json");
    let expected = generated();
    if std::env::var_os("COFFRE_WRITE_UI_SENTENCES").is_some() {
        std::fs::write(&path, &expected).expect("write catalog.json");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == expected,
        "ui/src/i18n/catalog.json is stale: run COFFRE_WRITE_UI_SENTENCES=1 cargo test -p coffre-catalog --test ui_sentences"
    );
}

#[test]
fn every_language_exports_the_same_sentences() {
    let keys = |lang: &str| -> Vec<String> {
        let v = sentences(lang);
        v.as_object()
            .unwrap()
            .iter()
            .flat_map(|(table, entries)| {
                entries
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(move |k| format!("{table}.{k}"))
            })
            .collect()
    };
    assert_eq!(keys("fr"), keys("en"));
    assert_eq!(keys("vi"), keys("en"));
    assert!(keys("en").contains(&"diagnosis_code.binance|invalid_key|-2015".to_owned()));
    assert_eq!(sentences("fr")["exchange_name"]["other"], "Autre exchange");
    assert_eq!(sentences("vi")["exchange_name"]["binance"], "Binance");
}
