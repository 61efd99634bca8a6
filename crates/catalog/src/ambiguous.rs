//! Exchange codes that mean several things at once (Binance `-2015`, KuCoin `400004`, …): the
//! general sentence for their kind would mislead, so each has its own, in en/fr/vi, as data.

use crate::catalog::catalog;
use crate::messages::Messages;
use crate::text::{fill, Text};
use coffre_model::{Diagnosis, DiagnosisKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One ambiguous code of one exchange: `[[exchange.ambiguous_codes]]` in `exchanges.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmbiguousCode {
    /// The exchange's own code as a diagnosis carries it (`-2015`, `HTTP 401`, `FORBIDDEN`).
    pub code: String,
    /// The diagnosis kind the client reads the code as (`invalid_key`, …). Once a code is re-read
    /// as another kind (Binance `-2015` when the key could read its own restrictions), it is no
    /// longer ambiguous and the general sentence of that kind applies.
    pub kind: String,
    /// The sentence; `{exchange}` is the exchange's name.
    pub text: Text,
}

/// The snake_case names of the diagnosis kinds, as in their JSON.
pub const KIND_NAMES: [&str; 10] = [
    "invalid_key",
    "bad_signature",
    "wrong_passphrase",
    "clock_skew",
    "ip_not_whitelisted",
    "permission_missing",
    "key_expired",
    "rate_limited",
    "exchange_unavailable",
    "network_error",
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

/// The sentence for `diagnosis` at `exchange` (id) shown as `exchange_name`, in `lang`, followed by
/// the exchange's code like `describe_diagnosis` ("… (Binance code -2015)"); `None` when the
/// diagnosis's code is not ambiguous there (then `describe_diagnosis` says it).
pub fn ambiguous_sentence(
    exchange: &str,
    diagnosis: &Diagnosis,
    exchange_name: &str,
    lang: &str,
) -> Option<String> {
    let code = diagnosis.exchange_code.as_deref()?;
    let kind = kind_name(&diagnosis.kind);
    let entry = catalog()
        .exchange(exchange)?
        .ambiguous_codes
        .iter()
        .find(|a| a.code == code && a.kind == kind)?;
    let text = fill(entry.text.get(lang), &[("exchange", exchange_name)]);
    let suffix = Messages::render(
        &catalog().messages().diagnosis,
        "exchange_code",
        lang,
        &[("exchange", exchange_name), ("code", code)],
    );
    Some(format!("{text} {suffix}"))
}

/// What `check_text` cannot see: kinds that exist, codes that are set, no code listed twice.
pub(crate) fn check_codes(at: &str, codes: &[AmbiguousCode], problems: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for entry in codes {
        if entry.code.trim().is_empty() {
            problems.push(format!("{at}: ambiguous code with an empty code"));
        }
        if !KIND_NAMES.contains(&entry.kind.as_str()) {
            problems.push(format!(
                "{at}: ambiguous code {} has unknown kind {}",
                entry.code, entry.kind
            ));
        }
        if !seen.insert((entry.code.as_str(), entry.kind.as_str())) {
            problems.push(format!(
                "{at}: ambiguous code {} as {} listed twice",
                entry.code, entry.kind
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    const EXCHANGES_TOML: &str = include_str!("../data/exchanges.toml");
    const PLATFORMS_TOML: &str = include_str!("../data/platforms.toml");
    const MESSAGES_TOML: &str = include_str!("../data/messages.toml");

    fn diagnosis(kind: DiagnosisKind, code: &str) -> Diagnosis {
        Diagnosis {
            kind,
            exchange_code: Some(code.to_owned()),
            exchange_message: None,
            message: String::new(),
        }
    }

    fn refused(edit: (&str, &str)) -> String {
        assert!(
            EXCHANGES_TOML.contains(edit.0),
            "{} not in the data",
            edit.0
        );
        let exchanges = EXCHANGES_TOML.replacen(edit.0, edit.1, 1);
        match Catalog::from_toml(&exchanges, PLATFORMS_TOML, MESSAGES_TOML) {
            Ok(_) => panic!("the broken data was accepted"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_ambiguous_code_has_its_sentence_in_each_language_with_the_code() {
        let d = diagnosis(DiagnosisKind::InvalidKey, "-2015");
        let en = ambiguous_sentence("binance", &d, "Binance", "en").unwrap();
        assert!(en.contains("Binance uses one code for all three"), "{en}");
        assert!(en.ends_with("(Binance code -2015)"), "{en}");
        let fr = ambiguous_sentence("binance", &d, "Binance", "fr").unwrap();
        assert!(fr.ends_with("(code Binance -2015)"), "{fr}");
        let vi = ambiguous_sentence("binance", &d, "Binance", "vi").unwrap();
        assert!(vi.ends_with("(mã Binance -2015)"), "{vi}");
    }

    #[test]
    fn a_code_read_as_another_kind_or_elsewhere_is_not_ambiguous() {
        let d = diagnosis(DiagnosisKind::PermissionMissing, "-2015");
        assert_eq!(ambiguous_sentence("binance", &d, "Binance", "en"), None);
        let d = diagnosis(DiagnosisKind::InvalidKey, "-2015");
        assert_eq!(ambiguous_sentence("okx", &d, "OKX", "en"), None);
    }

    #[test]
    fn every_ambiguous_code_kind_has_a_name_the_client_uses() {
        for exchange in crate::catalog().exchanges() {
            for entry in &exchange.ambiguous_codes {
                assert!(KIND_NAMES.contains(&entry.kind.as_str()), "{}", entry.code);
            }
        }
        assert!(crate::catalog()
            .exchanges()
            .iter()
            .any(|e| !e.ambiguous_codes.is_empty()));
    }

    #[test]
    fn broken_ambiguous_codes_are_refused_with_their_place() {
        let message = refused(("kind = \"wrong_passphrase\"", "kind = \"wrong_phrase\""));
        assert!(
            message.contains("exchange kucoin: ambiguous code 400004 has unknown kind"),
            "{message}"
        );
        let message = refused((
            "{exchange} refused the passphrase: either",
            "refused: either",
        ));
        assert!(
            message.contains("exchange kucoin ambiguous code 400004: fr placeholders differ"),
            "{message}"
        );
    }
}
