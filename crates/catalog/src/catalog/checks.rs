//! The data's consistency rules, run once when the catalog loads: unique ids, known references,
//! complete translations with matching placeholders. Strict, so a typo fails the tests, not a trader.

use super::Catalog;
use crate::exchange::{Exchange, ExpiryRule, GuideStep, Permission};
use crate::messages::{DEADLINE_KEYS, DEMO_KEYS, DIAGNOSIS_KEYS, FORMAT_KEYS, GUIDE_KEYS};
use crate::platform::Profile;
use crate::reason;
use crate::text::{placeholders, Text};
use std::collections::BTreeSet;

impl Catalog {
    /// Every inconsistency in the data; empty when the catalog is sound.
    pub(super) fn problems(&self) -> Vec<String> {
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
        for code in reason::CODES {
            if !m.reason.contains_key(code) {
                problems.push(format!("messages: reason.{code} missing"));
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
        for key in FORMAT_KEYS {
            if !m.format.contains_key(key) {
                problems.push(format!("messages: format.{key} missing"));
            }
        }
        for key in DEMO_KEYS {
            if !m.demo.contains_key(key) {
                problems.push(format!("messages: demo.{key} missing"));
            }
        }
        for key in DEADLINE_KEYS {
            if !m.deadline.contains_key(key) {
                problems.push(format!("messages: deadline.{key} missing"));
            }
        }
        let tables = [
            ("diagnosis", &m.diagnosis),
            ("reason", &m.reason),
            ("permission", &m.permission),
            ("guide", &m.guide),
            ("format", &m.format),
            ("demo", &m.demo),
            ("deadline", &m.deadline),
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
    for region in exchange.alt_urls.iter().filter(|u| u.is_region()) {
        if region.name.as_deref().is_none_or(str::is_empty) {
            problems.push(format!("{at}: region {} has no name", region.url));
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
    for ambiguous in &exchange.ambiguous_codes {
        let at = format!("{at} ambiguous code {}", ambiguous.code);
        check_text(&at, &ambiguous.text, &["exchange"], problems);
    }
    crate::ambiguous::check_codes(&at, &exchange.ambiguous_codes, problems);
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
