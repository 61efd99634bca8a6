//! The error doctor's table (`data/error_codes.toml`): the codes exchanges refuse bots with, the
//! causes each can have and the parts of `coffre check` that tell those causes apart, with one
//! sentence per cause and per probe in en/fr/vi. Finding a code in a pasted line is the core's
//! `explain`; this module only holds the knowledge and turns it into sentences.

use crate::catalog::{catalog, Catalog, CatalogError};
use crate::text::{fill, placeholders, Text};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use ts_rs::TS;

const ERROR_CODES_TOML: &str = include_str!("../data/error_codes.toml");

/// Why a bot's request may have been refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    KeyMistyped,
    SecretMismatch,
    PassphraseWrong,
    IpNotAllowed,
    PermissionMissing,
    ClockOff,
    NonceReused,
    WrongRegion,
    WrongEnvironment,
    KeyExpired,
    WrongKeyType,
}

impl CauseKind {
    pub const ALL: [CauseKind; 11] = [
        CauseKind::KeyMistyped,
        CauseKind::SecretMismatch,
        CauseKind::PassphraseWrong,
        CauseKind::IpNotAllowed,
        CauseKind::PermissionMissing,
        CauseKind::ClockOff,
        CauseKind::NonceReused,
        CauseKind::WrongRegion,
        CauseKind::WrongEnvironment,
        CauseKind::KeyExpired,
        CauseKind::WrongKeyType,
    ];
}

/// The part of a key check that tells causes apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProbeKind {
    /// Whether the exchange accepts the vault's copy of the key from this computer.
    LiveCheck,
    /// This computer's clock against the exchange's.
    ClockOffset,
    /// Which of the exchange's sites the key answers on.
    Region,
    /// The key's permissions as the exchange reports them.
    PermissionRead,
    /// Whether the key is bound to IP addresses.
    IpRestrictionRead,
}

impl ProbeKind {
    pub const ALL: [ProbeKind; 5] = [
        ProbeKind::LiveCheck,
        ProbeKind::ClockOffset,
        ProbeKind::Region,
        ProbeKind::PermissionRead,
        ProbeKind::IpRestrictionRead,
    ];
}

/// Every key `[label]` must have.
pub const LABEL_KEYS: [&str; 8] = [
    "finding",
    "causes",
    "probes",
    "nothing",
    "unknown_code",
    "check_hint",
    "keys",
    "no_keys",
];

/// One code of one exchange: `[[exchange.code]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// As the exchange prints it: `-2015`, `50119`, `INVALID_KEY`, `EAPI:Invalid nonce`.
    pub code: String,
    /// Fragments of the exchange's message that name the code when the line has no code.
    #[serde(default)]
    pub says: Vec<String>,
    /// Most likely first.
    pub causes: Vec<CauseKind>,
    pub probes: Vec<ProbeKind>,
}

/// One exchange's codes and the names bots print for it: `[[exchange]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeCodes {
    /// The catalog's exchange id.
    pub id: String,
    /// ccxt ids, Hummingbot connectors, host names; lower case, matched as whole words.
    pub aliases: Vec<String>,
    #[serde(rename = "code")]
    pub codes: Vec<ErrorCode>,
}

/// The whole table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCodes {
    cause: BTreeMap<CauseKind, Text>,
    probe: BTreeMap<ProbeKind, Text>,
    /// The headings and hints around them (`coffre explain`'s output).
    label: BTreeMap<String, Text>,
    exchange: Vec<ExchangeCodes>,
}

/// The table from the embedded data, loaded and checked against the catalog on first use.
///
/// # Panics
/// If the embedded data is invalid; `embedded_table_is_valid` keeps that from shipping.
pub fn error_codes() -> &'static ErrorCodes {
    static TABLE: OnceLock<ErrorCodes> = OnceLock::new();
    TABLE.get_or_init(|| {
        ErrorCodes::from_toml(ERROR_CODES_TOML, catalog())
            .unwrap_or_else(|e| panic!("embedded error code table is invalid: {e}"))
    })
}

impl ErrorCodes {
    /// Parses and checks the table: known exchanges, a sentence for every cause and probe in each
    /// language with only the `{exchange}` placeholder, no code listed twice, no code without cause.
    pub fn from_toml(text: &str, catalog: &Catalog) -> Result<ErrorCodes, CatalogError> {
        let table: ErrorCodes = toml::from_str(text).map_err(|source| CatalogError::Parse {
            file: "error_codes.toml",
            source,
        })?;
        let problems = table.problems(catalog);
        if problems.is_empty() {
            Ok(table)
        } else {
            Err(CatalogError::Invalid(problems))
        }
    }

    fn problems(&self, catalog: &Catalog) -> Vec<String> {
        let mut problems = Vec::new();
        let allowed = BTreeSet::from(["exchange"]);
        let sentences = CauseKind::ALL
            .iter()
            .map(|k| (format!("cause {k:?}"), self.cause.get(k)))
            .chain(
                ProbeKind::ALL
                    .iter()
                    .map(|k| (format!("probe {k:?}"), self.probe.get(k))),
            );
        for (name, text) in sentences {
            let Some(text) = text else {
                problems.push(format!("{name} has no sentence"));
                continue;
            };
            for (lang, sentence) in text.all() {
                if sentence.trim().is_empty() {
                    problems.push(format!("{name} is empty in {lang}"));
                }
                if !placeholders(sentence).is_subset(&allowed) {
                    problems.push(format!("{name} uses an unknown placeholder in {lang}"));
                }
            }
        }
        let label_allowed = BTreeSet::from(["exchange", "code"]);
        for key in LABEL_KEYS {
            let Some(text) = self.label.get(key) else {
                problems.push(format!("label {key} has no sentence"));
                continue;
            };
            for (lang, sentence) in text.all() {
                if sentence.trim().is_empty() || !placeholders(sentence).is_subset(&label_allowed) {
                    problems.push(format!(
                        "label {key} is empty or has an unknown placeholder in {lang}"
                    ));
                }
            }
        }
        let mut aliases = BTreeSet::new();
        for exchange in &self.exchange {
            if catalog.exchange(&exchange.id).is_none() {
                problems.push(format!("unknown exchange {}", exchange.id));
            }
            for alias in &exchange.aliases {
                if alias != &alias.to_lowercase() || !aliases.insert(alias.as_str()) {
                    problems.push(format!("alias {alias} is not lower case or listed twice"));
                }
            }
            let mut codes = BTreeSet::new();
            for code in &exchange.codes {
                let at = format!("{} code {}", exchange.id, code.code);
                if code.code.trim().is_empty() || !codes.insert(code.code.as_str()) {
                    problems.push(format!("{at}: empty or listed twice"));
                }
                if code.causes.is_empty() || code.probes.is_empty() {
                    problems.push(format!("{at}: needs at least one cause and one probe"));
                }
            }
        }
        problems
    }

    /// Every exchange's codes, in the data's order.
    pub fn exchanges(&self) -> &[ExchangeCodes] {
        &self.exchange
    }

    /// The sentence for `cause` at the exchange shown as `exchange_name`, in `lang`.
    pub fn cause_sentence(&self, cause: CauseKind, exchange_name: &str, lang: &str) -> String {
        sentence(self.cause.get(&cause), exchange_name, lang)
    }

    /// The sentence for `probe` at the exchange shown as `exchange_name`, in `lang`.
    pub fn probe_sentence(&self, probe: ProbeKind, exchange_name: &str, lang: &str) -> String {
        sentence(self.probe.get(&probe), exchange_name, lang)
    }

    /// The label `key` of `[label]` in `lang`, filled from `params` (`exchange`, `code`).
    pub fn label(&self, key: &str, lang: &str, params: &[(&str, &str)]) -> String {
        match self.label.get(key) {
            Some(text) => fill(text.get(lang), params),
            None => key.to_owned(),
        }
    }
}

fn sentence(text: Option<&Text>, exchange_name: &str, lang: &str) -> String {
    // Validated at load: every kind has its text.
    text.map(|t| fill(t.get(lang), &[("exchange", exchange_name)]))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(edit: (&str, &str)) -> String {
        assert!(
            ERROR_CODES_TOML.contains(edit.0),
            "{} not in the data",
            edit.0
        );
        let text = ERROR_CODES_TOML.replacen(edit.0, edit.1, 1);
        match ErrorCodes::from_toml(&text, catalog()) {
            Ok(_) => panic!("the broken data was accepted"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn embedded_table_is_valid() {
        let table = ErrorCodes::from_toml(ERROR_CODES_TOML, catalog()).unwrap();
        assert!(table.exchanges().len() >= 10);
    }

    #[test]
    fn every_listed_code_has_its_causes_and_probes_in_each_language_translated() {
        let table = error_codes();
        let mut checked = 0;
        for exchange in table.exchanges() {
            let name = &catalog().exchange(&exchange.id).unwrap().name;
            for code in &exchange.codes {
                let en: Vec<String> = code
                    .causes
                    .iter()
                    .map(|c| table.cause_sentence(*c, name, "en"))
                    .chain(
                        code.probes
                            .iter()
                            .map(|p| table.probe_sentence(*p, name, "en")),
                    )
                    .collect();
                for lang in ["fr", "vi"] {
                    let other: Vec<String> = code
                        .causes
                        .iter()
                        .map(|c| table.cause_sentence(*c, name, lang))
                        .chain(
                            code.probes
                                .iter()
                                .map(|p| table.probe_sentence(*p, name, lang)),
                        )
                        .collect();
                    for (en, other) in en.iter().zip(&other) {
                        assert!(!en.trim().is_empty(), "{} {}", exchange.id, code.code);
                        assert!(
                            !other.trim().is_empty(),
                            "{} {} {lang}",
                            exchange.id,
                            code.code
                        );
                        assert_ne!(en, other, "{} {} {lang} is English", exchange.id, code.code);
                        assert!(!other.contains('{'), "{other}");
                    }
                }
                checked += 1;
            }
        }
        assert!(checked >= 45, "{checked} codes");
    }

    #[test]
    fn the_issue_s_codes_are_all_listed() {
        let listed: BTreeSet<(&str, &str)> = error_codes()
            .exchanges()
            .iter()
            .flat_map(|e| {
                e.codes
                    .iter()
                    .map(move |c| (e.id.as_str(), c.code.as_str()))
            })
            .collect();
        for wanted in [
            ("binance", "-2015"),
            ("binance", "-1021"),
            ("binance", "-2014"),
            ("okx", "50105"),
            ("okx", "50111"),
            ("okx", "50113"),
            ("okx", "50119"),
            ("okx", "50110"),
            ("bybit", "10003"),
            ("bybit", "10004"),
            ("bybit", "10010"),
            ("kucoin", "400003"),
            ("kucoin", "400004"),
            ("kucoin", "400005"),
            ("kucoin", "400006"),
            ("kraken", "EAPI:Invalid key"),
            ("kraken", "EAPI:Invalid nonce"),
            ("coinbase", "401"),
            ("bitget", "40006"),
            ("bitget", "40012"),
            ("bitget", "40018"),
            ("gate", "INVALID_KEY"),
            ("gate", "INVALID_SIGNATURE"),
        ] {
            assert!(listed.contains(&wanted), "{wanted:?} missing");
        }
        for exchange in ["whitebit", "cryptocom"] {
            assert!(listed.iter().any(|(e, _)| *e == exchange), "{exchange}");
        }
    }

    #[test]
    fn sentences_name_the_exchange() {
        let s = error_codes().cause_sentence(CauseKind::ClockOff, "Binance", "fr");
        assert!(s.contains("Binance") && s.contains("horloge"), "{s}");
    }

    #[test]
    fn broken_tables_are_refused() {
        let e = refused(("id = \"okx\"", "id = \"okz\""));
        assert!(e.contains("unknown exchange okz"), "{e}");
        let e = refused(("code = \"50113\"", "code = \"50119\""));
        assert!(e.contains("listed twice"), "{e}");
        let e = refused(("{exchange} binds it", "{platform} binds it"));
        assert!(e.contains("unknown placeholder"), "{e}");
        let e = refused(("\nwrong_key_type = {", "\n# wrong_key_type = {"));
        assert!(e.contains("WrongKeyType has no sentence"), "{e}");
        let e = refused(("causes = [\"clock_off\"]", "causes = [\"clock_of\"]"));
        assert!(e.contains("error_codes.toml"), "{e}");
    }
}
