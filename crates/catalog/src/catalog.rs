//! The catalog: the embedded data files, parsed once and validated, behind [`catalog()`].
//! Validation is strict so that a typo in a data file fails the test suite, not a trader.

use crate::exchange::{Exchange, ExpiryRule, GuideStep, Permission};
use crate::messages::{Messages, DIAGNOSIS_KEYS, GUIDE_KEYS};
use crate::platform::{Platform, Profile};
use crate::text::{placeholders, Text};
use crate::verdict::ReasonCode;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::OnceLock;

const EXCHANGES_TOML: &str = include_str!("../data/exchanges.toml");
const PLATFORMS_TOML: &str = include_str!("../data/platforms.toml");
const MESSAGES_TOML: &str = include_str!("../data/messages.toml");

/// Everything Coffre knows, loaded from the data files.
#[derive(Debug, Clone)]
pub struct Catalog {
    exchanges: Vec<Exchange>,
    platforms: Vec<Platform>,
    default_profile: Profile,
    messages: Messages,
}

/// Why the data files cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: {source}")]
    Parse {
        file: &'static str,
        #[source]
        source: toml::de::Error,
    },
    #[error("catalog data is inconsistent:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExchangesFile {
    exchange: Vec<Exchange>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlatformsFile {
    /// The profile used when the trader names no platform.
    default: Profile,
    platform: Vec<Platform>,
}

/// The catalog built from the embedded data, loaded on first use.
///
/// # Panics
/// If the embedded data is invalid; `embedded_catalog_is_valid` keeps that from shipping.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        Catalog::from_toml(EXCHANGES_TOML, PLATFORMS_TOML, MESSAGES_TOML)
            .unwrap_or_else(|e| panic!("embedded catalog data is invalid: {e}"))
    })
}

impl Catalog {
    /// Parses and validates the three data files.
    pub fn from_toml(
        exchanges: &str,
        platforms: &str,
        messages: &str,
    ) -> Result<Catalog, CatalogError> {
        let exchanges: ExchangesFile =
            toml::from_str(exchanges).map_err(|source| CatalogError::Parse {
                file: "exchanges.toml",
                source,
            })?;
        let platforms: PlatformsFile =
            toml::from_str(platforms).map_err(|source| CatalogError::Parse {
                file: "platforms.toml",
                source,
            })?;
        let messages: Messages =
            toml::from_str(messages).map_err(|source| CatalogError::Parse {
                file: "messages.toml",
                source,
            })?;
        let catalog = Catalog {
            exchanges: exchanges.exchange,
            platforms: platforms.platform,
            default_profile: platforms.default,
            messages,
        };
        let problems = catalog.problems();
        if problems.is_empty() {
            Ok(catalog)
        } else {
            Err(CatalogError::Invalid(problems))
        }
    }

    /// All exchanges, `other` last.
    pub fn exchanges(&self) -> &[Exchange] {
        &self.exchanges
    }

    /// One exchange by ccxt id.
    pub fn exchange(&self, id: &str) -> Option<&Exchange> {
        self.exchanges.iter().find(|e| e.id == id)
    }

    /// The exchange entry to use for any id: its own, or `other` for exchanges Coffre does not know.
    pub fn exchange_or_other(&self, id: &str) -> &Exchange {
        self.exchange(id)
            .or_else(|| self.exchange("other"))
            .expect("validated catalog has an `other` exchange")
    }

    /// All platforms and bots.
    pub fn platforms(&self) -> &[Platform] {
        &self.platforms
    }

    /// One platform by id (`bitsgap`, `crypty-ghost`, …).
    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }

    /// The profile used when no platform is named (safe defaults for a trading key).
    pub fn default_profile(&self) -> &Profile {
        &self.default_profile
    }

    /// The sentence tables.
    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// Every inconsistency in the data; empty when the catalog is sound.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let exchange_ids = unique_ids(
            self.exchanges.iter().map(|e| e.id.as_str()),
            "exchange",
            &mut problems,
        );
        if !exchange_ids.contains("other") {
            problems.push("no `other` exchange".to_owned());
        }
        for exchange in &self.exchanges {
            check_exchange(exchange, &mut problems);
        }
        unique_ids(
            self.platforms.iter().map(|p| p.id.as_str()),
            "platform",
            &mut problems,
        );
        check_profile(
            "default profile",
            &self.default_profile,
            &exchange_ids,
            &mut problems,
        );
        for platform in &self.platforms {
            let at = format!("platform {}", platform.id);
            for name in platform.name.all() {
                if name.trim().is_empty() {
                    problems.push(format!("{at}: empty name"));
                }
            }
            for exchange in &platform.exchanges {
                if exchange != "*" && !exchange_ids.contains(exchange.as_str()) {
                    problems.push(format!("{at}: unknown exchange {exchange}"));
                }
            }
            for text in &platform.notes {
                check_text(&at, text, &[], &mut problems);
            }
            if !platform.profiles.iter().any(|p| p.exchange == "*") {
                problems.push(format!("{at}: no `*` profile"));
            }
            let mut seen = BTreeSet::new();
            for profile in &platform.profiles {
                if !seen.insert(profile.exchange.as_str()) {
                    problems.push(format!("{at}: two profiles for {}", profile.exchange));
                }
                if profile.exchange != "*" && !platform.supports(&profile.exchange) {
                    problems.push(format!(
                        "{at}: profile for unsupported exchange {}",
                        profile.exchange
                    ));
                }
                let at = format!("{at} profile {}", profile.exchange);
                check_profile(&at, profile, &exchange_ids, &mut problems);
            }
        }
        self.check_messages(&mut problems);
        problems
    }

    fn check_messages(&self, problems: &mut Vec<String>) {
        let m = &self.messages;
        for key in DIAGNOSIS_KEYS {
            if !m.diagnosis.contains_key(key) {
                problems.push(format!("messages: diagnosis.{key} missing"));
            }
        }
        for code in ReasonCode::ALL {
            if !m.reason.contains_key(code.as_str()) {
                problems.push(format!("messages: reason.{} missing", code.as_str()));
            }
        }
        for permission in Permission::ALL {
            if !m.permission.contains_key(permission.as_str()) {
                problems.push(format!(
                    "messages: permission.{} missing",
                    permission.as_str()
                ));
            }
        }
        for key in GUIDE_KEYS {
            if !m.guide.contains_key(key) {
                problems.push(format!("messages: guide.{key} missing"));
            }
        }
        let tables = [
            ("diagnosis", &m.diagnosis),
            ("reason", &m.reason),
            ("permission", &m.permission),
            ("guide", &m.guide),
        ];
        for (table, entries) in tables {
            for (key, text) in entries {
                check_text(&format!("messages: {table}.{key}"), text, &[], problems);
            }
        }
    }
}

fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
    problems: &mut Vec<String>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if id.is_empty()
            || id
                .chars()
                .any(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        {
            problems.push(format!(
                "{what} id {id:?}: use lowercase letters, digits and dashes"
            ));
        }
        if !seen.insert(id) {
            problems.push(format!("{what} id {id} is used twice"));
        }
    }
    seen
}

/// A text must exist in the three languages, with the same placeholders, all of them known.
fn check_text(at: &str, text: &Text, allowed: &[&str], problems: &mut Vec<String>) {
    let reference = placeholders(&text.en);
    for (lang, value) in text.all() {
        if value.trim().is_empty() {
            problems.push(format!("{at}: {lang} text is empty"));
        }
        if placeholders(value) != reference {
            problems.push(format!("{at}: {lang} placeholders differ from en"));
        }
    }
    if !allowed.is_empty() {
        for name in &reference {
            if !allowed.contains(name) {
                problems.push(format!("{at}: unknown placeholder {{{name}}}"));
            }
        }
    }
}

const STEP_PLACEHOLDERS: [&str; 2] = ["exchange", "platform"];

fn check_steps(at: &str, steps: &[GuideStep], problems: &mut Vec<String>) {
    for (i, step) in steps.iter().enumerate() {
        check_text(
            &format!("{at} step {}", i + 1),
            &step.text,
            &STEP_PLACEHOLDERS,
            problems,
        );
    }
}

fn check_rule(at: &str, rule: &ExpiryRule, problems: &mut Vec<String>) {
    let at = format!("{at} expiry {}", rule.id);
    check_text(&at, &rule.text, &["exchange"], problems);
    if rule.days == 0 {
        problems.push(format!("{at}: 0 days"));
    }
    if rule.source.trim().is_empty() {
        problems.push(format!("{at}: no source"));
    }
}

fn check_exchange(exchange: &Exchange, problems: &mut Vec<String>) {
    let at = format!("exchange {}", exchange.id);
    if exchange.name.trim().is_empty() {
        problems.push(format!("{at}: empty name"));
    }
    if exchange.key_types.is_empty() {
        problems.push(format!("{at}: no key type"));
    }
    check_text(
        &format!("{at} api_key label"),
        &exchange.fields.api_key.label,
        &[],
        problems,
    );
    check_text(
        &format!("{at} secret label"),
        &exchange.fields.secret.label,
        &[],
        problems,
    );
    if let Some(passphrase) = &exchange.fields.passphrase {
        check_text(
            &format!("{at} passphrase label"),
            &passphrase.label,
            &[],
            problems,
        );
    }
    for (field, formats) in [
        ("api_key", &exchange.formats.api_key),
        ("secret", &exchange.formats.secret),
    ] {
        for (i, format) in formats.iter().enumerate() {
            for problem in format.problems() {
                problems.push(format!("{at} {field} format {}: {problem}", i + 1));
            }
            if !exchange.key_types.contains(&format.key_type) {
                problems.push(format!(
                    "{at} {field} format {}: key type not offered by the exchange",
                    i + 1
                ));
            }
        }
    }
    if !exchange.reports_permissions && !exchange.reported.is_empty() {
        problems.push(format!("{at}: lists reported permissions but reports none"));
    }
    for label in &exchange.permission_labels {
        check_text(
            &format!("{at} label {}", label.permission.as_str()),
            &label.label,
            &[],
            problems,
        );
    }
    for text in &exchange.extra_off {
        check_text(&format!("{at} extra_off"), text, &[], problems);
    }
    let mut rule_ids = BTreeSet::new();
    for rule in &exchange.expiry {
        if !rule_ids.insert(rule.id.as_str()) {
            problems.push(format!("{at}: expiry id {} used twice", rule.id));
        }
        check_rule(&at, rule, problems);
    }
    for url in exchange
        .base_url
        .iter()
        .chain(exchange.alt_urls.iter().map(|u| &u.url))
    {
        let host_only = url
            .strip_prefix("https://")
            .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'));
        if !host_only {
            problems.push(format!("{at}: {url} is not an https scheme+host URL"));
        }
    }
    if exchange.id != "other" && exchange.base_url.is_none() {
        problems.push(format!("{at}: no base_url"));
    }
    let guide = &exchange.guide;
    check_steps(&format!("{at} guide.before"), &guide.before, problems);
    check_steps(&format!("{at} guide.ip_on"), &guide.ip_on, problems);
    check_steps(&format!("{at} guide.ip_off"), &guide.ip_off, problems);
    check_steps(&format!("{at} guide.after"), &guide.after, problems);
    if guide.ip_on.is_empty() || guide.ip_off.is_empty() {
        problems.push(format!("{at}: guide needs ip_on and ip_off steps"));
    }
}

fn check_profile(
    at: &str,
    profile: &Profile,
    exchange_ids: &BTreeSet<&str>,
    problems: &mut Vec<String>,
) {
    if profile.exchange != "*" && !exchange_ids.contains(profile.exchange.as_str()) {
        problems.push(format!("{at}: unknown exchange {}", profile.exchange));
    }
    let on: BTreeSet<Permission> = profile.required_on.iter().flatten().copied().collect();
    for off in profile
        .required_off
        .iter()
        .chain(&profile.advised_off)
        .flatten()
    {
        if on.contains(off) {
            problems.push(format!("{at}: {} both required on and off", off.as_str()));
        }
    }
    if on.contains(&Permission::IpRestricted)
        || profile
            .required_off
            .iter()
            .chain(&profile.advised_off)
            .flatten()
            .any(|p| *p == Permission::IpRestricted)
    {
        problems.push(format!("{at}: use ip_whitelist, not ip_restricted"));
    }
    if let Some(fields) = &profile.fields {
        let mut seen = BTreeSet::new();
        for field in fields {
            if !seen.insert(field.credential) {
                problems.push(format!("{at}: form field {:?} twice", field.credential));
            }
            if field.label.all().iter().any(|l| l.trim().is_empty()) {
                problems.push(format!("{at}: empty form field label"));
            }
        }
    }
    for text in &profile.notes {
        check_text(&format!("{at} note"), text, &[], problems);
    }
    check_steps(
        &format!("{at} steps_before"),
        &profile.steps_before,
        problems,
    );
    check_steps(&format!("{at} steps_after"), &profile.steps_after, problems);
    for rule in &profile.expiry {
        check_rule(at, rule, problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_is_valid() {
        if let Err(e) = Catalog::from_toml(EXCHANGES_TOML, PLATFORMS_TOML, MESSAGES_TOML) {
            panic!("{e}");
        }
        let c = catalog();
        let ids: Vec<&str> = c.exchanges().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "binance",
                "whitebit",
                "cryptocom",
                "okx",
                "bybit",
                "kraken",
                "kucoin",
                "coinbase",
                "bitget",
                "gate",
                "other"
            ]
        );
        for platform in [
            "bitsgap",
            "crypty-ghost",
            "crypty-trader",
            "smartradex",
            "3commas",
            "cryptohopper",
            "pionex",
            "altrady",
            "freqtrade",
            "hummingbot",
            "ccxt-script",
        ] {
            assert!(c.platform(platform).is_some(), "{platform} missing");
        }
    }

    #[test]
    fn passphrase_exchanges_are_okx_kucoin_and_bitget() {
        let with: Vec<&str> = catalog()
            .exchanges()
            .iter()
            .filter(|e| e.needs_passphrase())
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(with, ["okx", "kucoin", "bitget"]);
        let okx = catalog().exchange("okx").unwrap();
        assert_eq!(
            okx.fields.passphrase.as_ref().unwrap().label.en,
            "Passphrase"
        );
    }

    fn with_edit(file: &str, from: &str, to: &str) -> Result<Catalog, CatalogError> {
        let edit = |text: &str, name: &str| {
            if name == file {
                assert!(text.contains(from), "{from} not in {file}");
                text.replacen(from, to, 1)
            } else {
                text.to_owned()
            }
        };
        Catalog::from_toml(
            &edit(EXCHANGES_TOML, "exchanges"),
            &edit(PLATFORMS_TOML, "platforms"),
            &edit(MESSAGES_TOML, "messages"),
        )
    }

    fn problems(result: Result<Catalog, CatalogError>) -> String {
        match result {
            Ok(_) => panic!("the broken data was accepted"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn broken_data_is_refused_with_the_place_of_the_problem() {
        let cases = [
            (
                "exchanges",
                "id = \"whitebit\"",
                "id = \"binance\"",
                "binance is used twice",
            ),
            (
                "platforms",
                "exchanges = [\"binance\"]",
                "exchanges = [\"binanse\"]",
                "unknown exchange binanse",
            ),
            (
                "messages",
                "vi = \"Chọn “{label}”.\"",
                "vi = \"Chọn.\"",
                "guide.enable: vi placeholders differ",
            ),
            (
                "messages",
                "vi = \"Quyền đọc\"",
                "vi = \"\"",
                "permission.read: vi text is empty",
            ),
            (
                "exchanges",
                "min_len = 56, max_len = 56",
                "min_len = 56, max_len = 5",
                "min_len 56 > max_len 5",
            ),
            (
                "platforms",
                "exchange = \"kraken\"\nip",
                "exchange = \"krakn\"\nip",
                "unknown exchange krakn",
            ),
            (
                "messages",
                "expires_soon = ",
                "expires_later = ",
                "reason.expires_soon missing",
            ),
        ];
        for (file, from, to, expected) in cases {
            let message = problems(with_edit(file, from, to));
            assert!(
                message.contains(expected),
                "expected {expected:?} in {message}"
            );
        }
    }

    #[test]
    fn unknown_fields_and_charsets_fail_to_parse() {
        assert!(matches!(
            with_edit("exchanges", "charset = \"uuid\"", "charset = \"guid\""),
            Err(CatalogError::Parse { .. })
        ));
        assert!(matches!(
            with_edit("platforms", "kind = \"bot\"", "kind = \"bot\"\ncolour = 1"),
            Err(CatalogError::Parse { .. })
        ));
    }

    #[test]
    fn unknown_exchanges_fall_back_to_other() {
        assert_eq!(catalog().exchange_or_other("mexc").id, "other");
        assert_eq!(catalog().exchange_or_other("kraken").id, "kraken");
    }
}
