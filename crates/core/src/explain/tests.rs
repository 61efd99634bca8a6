use super::*;
use coffre_catalog::error_codes::error_codes;
use serde::Deserialize;
use std::collections::BTreeSet;

const BOT_LINES: &str = include_str!("bot_lines.toml");
const SOURCES: &str = include_str!("SOURCES");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lines {
    line: Vec<Line>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: String,
    text: String,
    exchange: Option<String>,
    code: Option<String>,
    #[serde(default)]
    named: Vec<String>,
}

fn lines() -> Vec<Line> {
    toml::from_str::<Lines>(BOT_LINES).unwrap().line
}

fn found(explanation: &Explanation) -> Vec<(&str, &str)> {
    explanation
        .findings
        .iter()
        .map(|f| (f.exchange.as_str(), f.code.as_str()))
        .collect()
}

#[test]
fn real_bot_lines_name_their_exchange_and_code() {
    let lines = lines();
    assert!(lines.len() >= 30, "{} lines", lines.len());
    for line in &lines {
        let explanation = explain(&line.text, "en");
        match (&line.exchange, &line.code) {
            (Some(exchange), Some(code)) => {
                assert_eq!(
                    found(&explanation),
                    [(exchange.as_str(), code.as_str())],
                    "{}",
                    line.id
                );
                let finding = &explanation.findings[0];
                assert!(!finding.causes.is_empty() && !finding.probes.is_empty());
                assert_eq!(explanation.hint, None, "{}", line.id);
            }
            _ => {
                assert_eq!(found(&explanation), [], "{}", line.id);
                assert_eq!(explanation.exchanges, line.named, "{}", line.id);
                assert!(explanation.hint.is_some(), "{}", line.id);
            }
        }
    }
}

#[test]
fn every_bot_line_has_its_public_source() {
    let sources: BTreeSet<&str> = SOURCES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (id, url) = l.split_once(' ').unwrap();
            assert!(url.starts_with("https://github.com/"), "{l}");
            id
        })
        .collect();
    let ids: BTreeSet<String> = lines().into_iter().map(|l| l.id).collect();
    let ids: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(ids, sources);
}

#[test]
fn the_explanation_speaks_the_asked_language() {
    let text = r#"AuthenticationError: binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#;
    let en = explain(text, "en");
    let fr = explain(text, "fr-FR");
    let vi = explain(text, "vi");
    assert_eq!(en.findings[0].title, "Binance, code -2015");
    assert_eq!(vi.findings[0].title, "Binance, mã -2015");
    let kinds: Vec<CauseKind> = fr.findings[0].causes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            CauseKind::KeyMistyped,
            CauseKind::IpNotAllowed,
            CauseKind::PermissionMissing,
            CauseKind::WrongRegion
        ]
    );
    let table = error_codes();
    assert_eq!(
        fr.findings[0].causes[1].text,
        table.cause_sentence(CauseKind::IpNotAllowed, "Binance", "fr")
    );
    for (en, other) in en.findings[0].causes.iter().zip(&vi.findings[0].causes) {
        assert_ne!(en.text, other.text);
    }
    let probes: Vec<ProbeKind> = en.findings[0].probes.iter().map(|p| p.kind).collect();
    assert_eq!(
        probes,
        [ProbeKind::PermissionRead, ProbeKind::IpRestrictionRead]
    );
}

#[test]
fn a_named_exchange_keeps_other_exchanges_codes_out() {
    // Bybit's old API answered Binance's words and code; the table lists no -2015 for Bybit.
    let text =
        r#"bybit {"ret_code":"-2015","ret_msg":"Invalid API-key, IP, or permissions for action."}"#;
    let explanation = explain(text, "en");
    assert_eq!(found(&explanation), []);
    assert_eq!(explanation.exchanges, ["bybit"]);
    let hint = explanation.hint.unwrap();
    assert!(hint.contains("Bybit"), "{hint}");
}

#[test]
fn short_codes_count_only_as_the_value_of_a_code_key() {
    let explained = explain(
        r#"whitebit {"code":10,"message":"Inner validation failed"}"#,
        "en",
    );
    assert_eq!(found(&explained), [("whitebit", "10")]);
    let explained = explain("whitebit: retrying in 10 s after 2 attempts", "en");
    assert_eq!(found(&explained), []);
}

#[test]
fn a_minus_sign_makes_a_code_only_where_it_starts_a_number() {
    assert_eq!(
        found(&explain("binance APIError(code=-1021): late", "en")),
        [("binance", "-1021")]
    );
    // `x-2015` is a word with a dash, not Binance's code.
    assert_eq!(found(&explain("binance request x-2015 failed", "en")), []);
}

#[test]
fn several_refusals_come_in_the_order_of_the_text() {
    let text = r#"kucoin {"code":"400005"} then kucoin {"code":"400002"}"#;
    assert_eq!(
        found(&explain(text, "en")),
        [("kucoin", "400005"), ("kucoin", "400002")]
    );
}

#[test]
fn concerned_exchanges_fall_back_to_the_named_ones() {
    let explanation = explain(
        "OSError: Error fetching Binance user stream listen key.",
        "en",
    );
    assert_eq!(concerned(&explanation), ["binance"]);
    assert_eq!(
        concerned(&explain("nothing here", "en")),
        Vec::<&str>::new()
    );
}
