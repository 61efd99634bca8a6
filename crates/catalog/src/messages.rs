//! Sentences that are not tied to one exchange or platform, from `data/messages.toml`: diagnosis
//! sentences, verdict reasons, permission names and the guide's templates, in en/fr/vi.

use crate::catalog::catalog;
use crate::model::{Diagnosis, DiagnosisKind};
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

/// The sentence for a failed check, in `lang` (`en`, `fr`, `vi`; others fall back to English).
pub fn diagnosis_message(kind: &DiagnosisKind, exchange_name: &str, lang: &str) -> String {
    let table = &catalog().messages().diagnosis;
    let mut params: Vec<(&str, String)> = vec![("exchange", exchange_name.to_owned())];
    let code = match kind {
        DiagnosisKind::InvalidKey => "invalid_key",
        DiagnosisKind::BadSignature => "bad_signature",
        DiagnosisKind::WrongPassphrase => "wrong_passphrase",
        DiagnosisKind::ClockSkew { offset_ms } => {
            params.push(("offset_ms", offset_ms.unsigned_abs().to_string()));
            if *offset_ms >= 0 {
                "clock_ahead"
            } else {
                "clock_behind"
            }
        }
        DiagnosisKind::IpNotWhitelisted => "ip_not_whitelisted",
        DiagnosisKind::PermissionMissing => "permission_missing",
        DiagnosisKind::KeyExpired => "key_expired",
        DiagnosisKind::RateLimited { retry_after_s } => match retry_after_s {
            Some(seconds) => {
                params.push(("retry_after_s", seconds.to_string()));
                "rate_limited_retry"
            }
            None => "rate_limited",
        },
        DiagnosisKind::ExchangeUnavailable => "exchange_unavailable",
        DiagnosisKind::NetworkError => "network_error",
    };
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Messages::render(table, code, lang, &params)
}

/// The diagnosis sentence followed by the exchange's own code when there is one
/// ("… (Binance code -2015)"), for support conversations.
pub fn describe_diagnosis(diagnosis: &Diagnosis, exchange_name: &str, lang: &str) -> String {
    let sentence = diagnosis_message(&diagnosis.kind, exchange_name, lang);
    match &diagnosis.exchange_code {
        Some(code) => {
            let suffix = Messages::render(
                &catalog().messages().diagnosis,
                "exchange_code",
                lang,
                &[("exchange", exchange_name), ("code", code.as_str())],
            );
            format!("{sentence} {suffix}")
        }
        None => sentence,
    }
}

/// The name of a permission in `lang` ("withdrawals", "retraits", "rút tiền").
pub fn permission_name(permission: &str, lang: &str) -> String {
    Messages::render(&catalog().messages().permission, permission, lang, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_diagnosis_has_a_sentence_naming_the_exchange_in_each_language() {
        let kinds = [
            DiagnosisKind::InvalidKey,
            DiagnosisKind::BadSignature,
            DiagnosisKind::WrongPassphrase,
            DiagnosisKind::ClockSkew { offset_ms: 1500 },
            DiagnosisKind::ClockSkew { offset_ms: -1500 },
            DiagnosisKind::IpNotWhitelisted,
            DiagnosisKind::PermissionMissing,
            DiagnosisKind::KeyExpired,
            DiagnosisKind::RateLimited {
                retry_after_s: None,
            },
            DiagnosisKind::RateLimited {
                retry_after_s: Some(30),
            },
            DiagnosisKind::ExchangeUnavailable,
            DiagnosisKind::NetworkError,
        ];
        for kind in &kinds {
            for lang in ["en", "fr", "vi"] {
                let sentence = diagnosis_message(kind, "Kraken", lang);
                assert!(sentence.contains("Kraken"), "{kind:?} {lang}: {sentence}");
                assert!(!sentence.contains('{'), "{kind:?} {lang}: {sentence}");
            }
        }
    }

    #[test]
    fn clock_skew_says_ahead_or_behind_with_the_offset() {
        let ahead = diagnosis_message(
            &DiagnosisKind::ClockSkew { offset_ms: 2300 },
            "Binance",
            "en",
        );
        let behind = diagnosis_message(
            &DiagnosisKind::ClockSkew { offset_ms: -2300 },
            "Binance",
            "fr",
        );
        assert!(ahead.contains("2300 ms ahead"));
        assert!(behind.contains("retarde de 2300 ms"));
        let retry = diagnosis_message(
            &DiagnosisKind::RateLimited {
                retry_after_s: Some(42),
            },
            "OKX",
            "vi",
        );
        assert!(retry.contains("42"));
    }

    #[test]
    fn the_exchange_code_is_appended_when_known() {
        let diagnosis = Diagnosis {
            kind: DiagnosisKind::IpNotWhitelisted,
            exchange_code: Some("-2015".into()),
            exchange_message: None,
            message: String::new(),
        };
        assert!(describe_diagnosis(&diagnosis, "Binance", "en").ends_with("(Binance code -2015)"));
        assert_eq!(permission_name("withdraw", "vi"), "Rút tiền");
    }
}
