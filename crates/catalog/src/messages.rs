//! The sentence tables of `data/messages.toml` (diagnoses, verdict reasons, permission names, the
//! guide's templates), in en/fr/vi, and the keys each table must have. Filled in `sentences`.

use crate::text::{fill, Text};
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
            Some(text) => fill(text.get(lang), params),
            None => code.to_owned(),
        }
    }
}
