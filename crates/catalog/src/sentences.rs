//! The one place that turns what Coffre decided into sentences, from the catalog's message
//! templates: verdict reasons, check diagnoses and permission names, in en/fr/vi.

use crate::catalog::{catalog, Catalog};
use crate::format::KeyFormat;
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
                params.push(("offset_s", seconds(offset_ms.unsigned_abs(), lang)));
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

impl Catalog {
    /// The shape of the first documented format, in `lang`, shown under a credential field
    /// ("64 caractères, lettres et chiffres uniquement"); empty when nothing is documented.
    pub fn field_hint(&self, formats: &[KeyFormat], lang: &str) -> String {
        let Some(format) = formats.first() else {
            return String::new();
        };
        let table = &self.messages().format;
        let (min, max) = (
            format.min_len.map(|n| n.to_string()).unwrap_or_default(),
            format.max_len.map(|n| n.to_string()).unwrap_or_default(),
        );
        let length_key = match (format.min_len, format.max_len) {
            (Some(a), Some(b)) if a == b => "length_exact",
            (Some(_), Some(_)) => "length_range",
            (Some(_), None) => "length_min",
            (None, Some(_)) => "length_max",
            (None, None) => "length_any",
        };
        let length = Messages::render(
            table,
            length_key,
            lang,
            &[
                ("count", min.as_str()),
                ("min", min.as_str()),
                ("max", max.as_str()),
            ],
        );
        let charset_key = serde_json::to_value(format.charset)
            .ok()
            .and_then(|v| v.as_str().map(|name| format!("charset_{name}")))
            .unwrap_or_default();
        let charset = Messages::render(table, &charset_key, lang, &[]);
        Messages::render(
            table,
            "hint",
            lang,
            &[("length", length.as_str()), ("charset", charset.as_str())],
        )
    }
}

impl Catalog {
    /// The note of a demo key whose mock answers `fault` (as the mock spells it:
    /// `clock_skew_ms:120000`), or of a healthy one, in `lang`: a sentence, never the fault's code.
    pub fn demo_note(&self, fault: Option<&str>, lang: &str) -> String {
        let table = &self.messages().demo;
        let Some(fault) = fault else {
            return Messages::render(table, "healthy", lang, &[]);
        };
        let (name, ms) = fault.split_once(':').unwrap_or((fault, ""));
        let secs = ms.parse::<i64>().map(|ms| seconds(ms.unsigned_abs(), lang));
        let phrase = Messages::render(table, name, lang, &[("seconds", &secs.unwrap_or_default())]);
        Messages::render(table, "fault", lang, &[("fault", phrase.as_str())])
    }
}

/// Milliseconds as seconds with at most one decimal, in the language's notation ("2.5", "2,5").
fn seconds(ms: u64, lang: &str) -> String {
    let tenths = (ms + 50) / 100;
    let text = match tenths % 10 {
        0 => (tenths / 10).to_string(),
        d => format!("{}.{d}", tenths / 10),
    };
    match crate::text::base_lang(lang) {
        "fr" | "vi" => text.replace('.', ","),
        _ => text,
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
        assert!(ahead.contains("2.3\u{a0}s ahead"), "{ahead}");
        let demo = diagnosis_message(
            &DiagnosisKind::ClockSkew { offset_ms: 120_000 },
            "Bybit",
            "vi",
        );
        assert!(demo.contains("120\u{a0}s"), "{demo}");
        assert!(behind.contains("retarde de 2,3\u{a0}s"), "{behind}");
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

    fn reason(kind: crate::reason::ReasonKind) -> Reason {
        Reason {
            platform: "bitsgap".into(),
            exchange: "binance".into(),
            kind,
        }
    }

    #[test]
    fn permission_sentences_stay_grammatical_whatever_permission_they_name() {
        use crate::exchange::Permission;
        use crate::reason::ReasonKind;
        let permissions = [
            Permission::Read,
            Permission::SpotTrade,
            Permission::Margin,
            Permission::Futures,
            Permission::Withdraw,
            Permission::InternalTransfer,
        ];
        for permission in permissions {
            let name = permission_name(permission.as_str(), "fr");
            for kind in [
                ReasonKind::PermissionOff { permission },
                ReasonKind::PermissionEnabled { permission },
                ReasonKind::NeedlessPermission { permission },
                ReasonKind::NotReported { permission },
            ] {
                let sentence = reason(kind).message("fr");
                // No adjective agrees with the permission's name ("Retraits activé"): the
                // name stands alone after a colon, or the adjective agrees with "permission".
                for agreeing in [" est", " activé", " désactivé", "\u{a0}: non communiqué"] {
                    assert!(
                        !sentence.contains(&format!("{name}{agreeing}")),
                        "{sentence}"
                    );
                }
            }
        }
    }

    #[test]
    fn format_hints_are_translated_with_their_numbers() {
        let c = catalog();
        let binance = c.exchange("binance").unwrap();
        assert_eq!(
            c.field_hint(&binance.formats.api_key, "en"),
            "64 characters, letters and digits only"
        );
        assert_eq!(
            c.field_hint(&binance.formats.api_key, "fr"),
            "64 caractères, lettres et chiffres uniquement"
        );
        assert_eq!(
            c.field_hint(&binance.formats.api_key, "vi"),
            "64 ký tự, chỉ gồm chữ cái và chữ số"
        );
        let whitebit = c.exchange("whitebit").unwrap();
        assert!(c
            .field_hint(&whitebit.formats.secret, "vi")
            .starts_with("từ 16 đến 128 ký tự"));
        assert_eq!(c.field_hint(&[], "fr"), "");
    }

    #[test]
    fn demo_notes_are_sentences_in_each_language() {
        let c = catalog();
        let note = c.demo_note(Some("clock_skew_ms:120000"), "fr");
        assert_eq!(
            note,
            "Clé de démonstration\u{a0}: son exchange fictif répond que l’horloge de cet ordinateur est décalée de 120\u{a0}s."
        );
        for lang in ["en", "fr", "vi"] {
            for fault in [
                None,
                Some("expired"),
                Some("clock_skew_ms:-1500"),
                Some("rate_limited"),
            ] {
                let note = c.demo_note(fault, lang);
                assert!(
                    !note.contains("ClockSkew") && !note.contains('{') && !note.contains('_'),
                    "{note}"
                );
            }
        }
    }

    #[test]
    fn day_counts_are_plural_aware_and_zero_says_today() {
        use crate::reason::ReasonKind;
        let soon = |days| reason(ReasonKind::ExpiresSoon { days });
        assert!(soon(1).message("en").contains("in 1 day:"));
        assert!(soon(5).message("en").contains("in 5 days:"));
        assert!(soon(0).message("en").contains("expires today"));
        assert!(soon(0).message("fr").contains("expire aujourd’hui"));
        assert!(soon(1).message("fr").contains("dans 1 jour\u{a0}:"));
        assert!(soon(2).message("fr").contains("dans 2 jours"));
        assert!(soon(0).message("vi").contains("hôm nay"));
        assert!(!soon(0).message("vi").contains("0 ngày"));
        let stale = reason(ReasonKind::CheckStale { days: 1 });
        assert!(
            stale.message("en").contains("1 day ago"),
            "{}",
            stale.message("en")
        );
        assert!(!stale.message("en").contains("1 days"));
    }
}
