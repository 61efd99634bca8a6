//! The English sentence a trader reads for a diagnosis. General sentences (one per kind, in
//! en/fr/vi) are the catalog's data; this table only holds the exchange codes that mean several
//! things at once, where the general sentence would mislead.

use coffre_catalog::model::{Diagnosis, DiagnosisKind};

/// `(exchange, exchange code, kind it was read as, sentence)`. Keyed by kind too, because a code
/// may be re-read as another kind once more is known (Binance `-2015`).
const AMBIGUOUS_CODES: &[(&str, &str, &str, &str)] = &[
    ("binance", "-2015", "invalid_key", "{exchange} rejected the key: it is invalid, this computer's IP is not whitelisted, or the key lacks permission. Binance uses one code for all three, so check each on the key's page."),
    ("whitebit", "10", "invalid_key", "{exchange} rejected the request: the API key is unknown or the secret does not belong to it (WhiteBIT does not say which)."),
    ("whitebit", "2", "ip_not_whitelisted", "{exchange} refused the key: it is disabled, or this computer's IP is not on its list (WhiteBIT does not say which)."),
    ("cryptocom", "40101", "invalid_key", "{exchange} rejected the key: the API key is unknown or the secret does not belong to it (Crypto.com does not say which)."),
    ("kucoin", "400004", "wrong_passphrase", "{exchange} refused the passphrase: either it is not the one chosen when creating the key, or the secret is wrong (KuCoin signs the passphrase with the secret, so it cannot tell which)."),
    ("kraken", "EGeneral:Permission denied", "permission_missing", "{exchange} denied the request: the key lacks the permission (Query Funds), or this computer's IP is not on the key's allowlist (Kraken uses one error for both)."),
    ("okx", "50101", "invalid_key", "{exchange} rejected the key: it belongs to the other environment (a demo-trading key on the live site, or the reverse)."),
    ("coinbase", "HTTP 401", "invalid_key", "{exchange} refused the request: the key name is unknown, the private key does not belong to it, or the key was deleted (Coinbase does not say which)."),
    ("gate", "FORBIDDEN", "permission_missing", "{exchange} accepted the key but it lacks a permission this check needs: enable read access for spot, and for account to let Coffre see the key's permissions."),
];

/// The snake_case name of a kind, as in its JSON.
pub fn kind_name(kind: &DiagnosisKind) -> &'static str {
    match kind {
        DiagnosisKind::InvalidKey => "invalid_key",
        DiagnosisKind::BadSignature => "bad_signature",
        DiagnosisKind::WrongPassphrase => "wrong_passphrase",
        DiagnosisKind::ClockSkew { .. } => "clock_skew",
        DiagnosisKind::IpNotWhitelisted => "ip_not_whitelisted",
        DiagnosisKind::PermissionMissing => "permission_missing",
        DiagnosisKind::KeyExpired => "key_expired",
        DiagnosisKind::RateLimited { .. } => "rate_limited",
        DiagnosisKind::ExchangeUnavailable => "exchange_unavailable",
        DiagnosisKind::NetworkError => "network_error",
    }
}

fn ambiguous_sentence(exchange: &str, code: &str, kind: &DiagnosisKind) -> Option<&'static str> {
    AMBIGUOUS_CODES
        .iter()
        .find(|(e, c, k, _)| *e == exchange && *c == code && *k == kind_name(kind))
        .map(|(_, _, _, sentence)| *sentence)
}

/// The sentence for a diagnosis at `exchange` (id) shown as `name`, ending with the exchange's
/// own code for support ("… (Binance code -2015)").
pub fn sentence(exchange: &str, name: &str, diagnosis: &Diagnosis) -> String {
    let code = diagnosis.exchange_code.as_deref();
    match code.and_then(|code| ambiguous_sentence(exchange, code, &diagnosis.kind)) {
        Some(template) => {
            let text = template.replace("{exchange}", name);
            match code {
                Some(code) => format!("{text} ({name} code {code})"),
                None => text,
            }
        }
        None => coffre_catalog::describe_diagnosis(diagnosis, name, "en"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnosis(kind: DiagnosisKind, code: Option<&str>) -> Diagnosis {
        Diagnosis {
            kind,
            exchange_code: code.map(str::to_owned),
            exchange_message: None,
            message: String::new(),
        }
    }

    #[test]
    fn binance_2015_says_it_is_ambiguous() {
        let text = sentence(
            "binance",
            "Binance",
            &diagnosis(DiagnosisKind::InvalidKey, Some("-2015")),
        );
        assert!(text.contains(
            "it is invalid, this computer's IP is not whitelisted, or the key lacks permission"
        ));
        assert!(text.ends_with("(Binance code -2015)"), "{text}");
    }

    #[test]
    fn a_code_read_as_another_kind_gets_the_general_sentence() {
        let text = sentence(
            "binance",
            "Binance",
            &diagnosis(DiagnosisKind::PermissionMissing, Some("-2015")),
        );
        assert!(!text.contains("one code for all three"), "{text}");
        assert!(text.contains("Binance"));
    }

    #[test]
    fn clock_skew_sentence_gives_the_offset() {
        let text = sentence(
            "okx",
            "OKX",
            &diagnosis(
                DiagnosisKind::ClockSkew { offset_ms: -42_500 },
                Some("50102"),
            ),
        );
        assert!(text.contains("42500"), "{text}");
        assert!(text.contains("OKX"), "{text}");
    }
}
