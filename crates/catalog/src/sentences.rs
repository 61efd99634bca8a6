//! The one place that turns what Coffre decided into sentences, from the catalog's message
//! templates: verdict reasons, check diagnoses and permission names, in en/fr/vi.

use crate::catalog::{catalog, Catalog};
use crate::messages::Messages;
use crate::reason::Reason;
use coffre_model::{Diagnosis, DiagnosisKind};

impl Catalog {
    /// The sentence for `reason` in `lang`, naming its platform, exchange, permission and rule.
    pub fn reason_message(&self, reason: &Reason, lang: &str) -> String {
        let platform = match self.platform(&reason.platform) {
            Some(p) => p.name.get(lang).to_owned(),
            None => reason.platform.clone(),
        };
        let exchange = &self.exchange_or_other(&reason.exchange).name;
        let permission = reason
            .kind
            .permission()
            .map(|p| self.permission_name(p.as_str(), lang))
            .unwrap_or_default();
        let rule = reason
            .kind
            .rule()
            .and_then(|id| self.expiry_rule(&reason.exchange, &reason.platform, id))
            .map(|r| r.text.get(lang))
            .unwrap_or_default();
        let days = reason
            .kind
            .days()
            .map(|d| d.to_string())
            .unwrap_or_default();
        // Every placeholder is always given, empty when the reason has no such data, so a template
        // naming one its reason lacks reads as a gap rather than a raw `{name}`.
        Messages::render(
            &self.messages().reason,
            reason.code(),
            lang,
            &[
                ("platform", platform.as_str()),
                ("exchange", exchange.as_str()),
                ("permission", permission.as_str()),
                ("rule", rule),
                ("days", days.as_str()),
            ],
        )
    }

    /// The sentence for a failed check, in `lang` (`en`, `fr`, `vi`; others fall back to English).
    pub fn diagnosis_message(
        &self,
        kind: &DiagnosisKind,
        exchange_name: &str,
        lang: &str,
    ) -> String {
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
        Messages::render(&self.messages().diagnosis, code, lang, &params)
    }

    /// The diagnosis sentence followed by the exchange's own code when there is one
    /// ("… (Binance code -2015)"), for support conversations.
    pub fn describe_diagnosis(
        &self,
        diagnosis: &Diagnosis,
        exchange_name: &str,
        lang: &str,
    ) -> String {
        let sentence = self.diagnosis_message(&diagnosis.kind, exchange_name, lang);
        match &diagnosis.exchange_code {
            Some(code) => {
                let suffix = Messages::render(
                    &self.messages().diagnosis,
                    "exchange_code",
                    lang,
                    &[("exchange", exchange_name), ("code", code.as_str())],
                );
                format!("{sentence} {suffix}")
            }
            None => sentence,
        }
    }

    /// The name of a permission (by id: `withdraw`) in `lang` ("Withdrawals", "Retraits", "Rút tiền").
    pub fn permission_name(&self, permission: &str, lang: &str) -> String {
        Messages::render(&self.messages().permission, permission, lang, &[])
    }
}

impl Reason {
    /// Convenience over the global catalog for callers outside the catalog.
    pub fn message(&self, lang: &str) -> String {
        catalog().reason_message(self, lang)
    }
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn diagnosis_message(kind: &DiagnosisKind, exchange_name: &str, lang: &str) -> String {
    catalog().diagnosis_message(kind, exchange_name, lang)
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn describe_diagnosis(diagnosis: &Diagnosis, exchange_name: &str, lang: &str) -> String {
    catalog().describe_diagnosis(diagnosis, exchange_name, lang)
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn permission_name(permission: &str, lang: &str) -> String {
    catalog().permission_name(permission, lang)
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
