//! The English sentence a trader reads for a diagnosis. Every sentence is the catalog's data: one
//! per kind in general, and one per exchange code that means several things at once
//! (`ambiguous_codes` in `exchanges.toml`), where the general sentence would mislead.

use coffre_model::Diagnosis;

pub use coffre_catalog::ambiguous::kind_name;

/// The sentence for a diagnosis at `exchange` (id) shown as `name`, ending with the exchange's
/// own code for support ("… (Binance code -2015)").
pub fn sentence(exchange: &str, name: &str, diagnosis: &Diagnosis) -> String {
    coffre_catalog::ambiguous_sentence(exchange, diagnosis, name, "en")
        .unwrap_or_else(|| coffre_catalog::describe_diagnosis(diagnosis, name, "en"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use coffre_model::DiagnosisKind;

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
        assert!(text.contains("42.5\u{a0}s behind"), "{text}");
        assert!(text.contains("OKX"), "{text}");
    }
}
