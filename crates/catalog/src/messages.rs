//! The sentence tables of `data/messages.toml` (diagnoses, verdict reasons, permission names, the
//! guide's templates, format hints), in en/fr/vi, and the keys each table must have. Filled in `sentences`.

use crate::text::{fill_in, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The sentence tables, keyed by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub diagnosis: BTreeMap<String, Text>,
    pub reason: BTreeMap<String, Text>,
    pub permission: BTreeMap<String, Text>,
    pub guide: BTreeMap<String, Text>,
    /// The shape of a credential, shown under its field ("64 characters, letters and digits only").
    pub format: BTreeMap<String, Text>,
    /// The notes of the demo vault's keys, one per mock fault.
    pub demo: BTreeMap<String, Text>,
    /// The key-health radar's desktop notifications, one per deadline effect.
    pub deadline: BTreeMap<String, Text>,
}

/// Every key `deadline` must have: the title and one sentence per effect of a deadline.
pub(crate) const DEADLINE_KEYS: [&str; 5] = [
    "notice_title",
    "key_expires",
    "trading_removed",
    "key_deleted",
    "estimated",
];

impl crate::Catalog {
    /// A deadline sentence (`DEADLINE_KEYS`) in `lang`, filled with `params` (`label`, `exchange`,
    /// `days`).
    pub fn deadline_sentence(&self, code: &str, lang: &str, params: &[(&str, &str)]) -> String {
        Messages::render(&self.messages().deadline, code, lang, params)
    }
}

/// Every key `diagnosis` must have.
pub(crate) const DIAGNOSIS_KEYS: [&str; 13] = [
    "exchange_code",
    "invalid_key",
    "bad_signature",
    "wrong_passphrase",
    "clock_ahead",
    "clock_behind",
    "ip_not_whitelisted",
    "permission_missing",
    "key_expired",
    "rate_limited",
    "rate_limited_retry",
    "exchange_unavailable",
    "network_error",
];

/// Every key `demo` must have: the two notes and one phrase per mock fault.
pub(crate) const DEMO_KEYS: [&str; 8] = [
    "healthy",
    "fault",
    "ip_not_whitelisted",
    "expired",
    "clock_skew_ms",
    "rate_limited",
    "unavailable",
    "permission_denied",
];

/// Every key `format` must have: the length forms and one `charset_<name>` per charset.
pub(crate) const FORMAT_KEYS: [&str; 13] = [
    "hint",
    "length_exact",
    "length_range",
    "length_min",
    "length_max",
    "length_any",
    "charset_alnum",
    "charset_hex",
    "charset_base64",
    "charset_uuid",
    "charset_pem",
    "charset_cdp_key_name",
    "charset_token",
];

/// Every key `guide` must have.
pub(crate) const GUIDE_KEYS: [&str; 3] = ["enable", "disable", "any_platform"];

impl Messages {
    /// The message with `code` in `table`, filled; the code itself if missing (cannot happen with
    /// the validated embedded catalog, but a missing sentence must not crash the app).
    pub(crate) fn render(
        table: &BTreeMap<String, Text>,
        code: &str,
        lang: &str,
        params: &[(&str, &str)],
    ) -> String {
        match table.get(code) {
            Some(text) => fill_in(lang, text.get(lang), params),
            None => code.to_owned(),
        }
    }
}
