//! What a check ends with when it gets no usable answer: the failure of one request, and the
//! report and diagnosis it becomes.

use coffre_model::{CheckReport, Diagnosis, DiagnosisKind, Permissions};

use crate::messages;
use crate::parse::ParseError;
use crate::refusal::Refusal;
use crate::sign::SignError;
use crate::venue::Venue;

/// A request that did not produce a usable answer.
pub(crate) struct Failure {
    pub(crate) refusal: Refusal,
    pub(crate) date_offset_ms: Option<i64>,
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        Failure {
            refusal,
            date_offset_ms: None,
        }
    }
}

impl Failure {
    pub(super) fn unsigned(error: SignError) -> Self {
        Failure {
            refusal: Refusal {
                kind: DiagnosisKind::InvalidKey,
                code: None,
                message: Some(error.to_string()),
            },
            date_offset_ms: None,
        }
    }

    pub(crate) fn unexpected(error: ParseError) -> Self {
        Failure {
            refusal: Refusal {
                kind: DiagnosisKind::ExchangeUnavailable,
                code: None,
                message: Some(error.to_string()),
            },
            date_offset_ms: None,
        }
    }
}

/// The refusal in the user's words, beside what the exchange said.
pub(super) fn diagnosis(venue: &dyn Venue, refusal: Refusal) -> Diagnosis {
    let mut diagnosis = Diagnosis {
        kind: refusal.kind,
        exchange_code: refusal.code,
        exchange_message: refusal.message,
        message: String::new(),
    };
    diagnosis.message = messages::sentence(venue.id(), venue.name(), &diagnosis);
    diagnosis
}

/// A report of a check that learnt nothing yet.
pub(super) fn empty_report(exchange: &str) -> CheckReport {
    CheckReport {
        exchange: exchange.to_owned(),
        checked_at: chrono::Utc::now(),
        ok: false,
        balances: Vec::new(),
        permissions: Permissions::default(),
        diagnosis: None,
        clock_offset_ms: None,
        region: None,
        valuation: None,
    }
}

/// The report of a key no client can check.
pub(super) fn unsupported(exchange: &str) -> CheckReport {
    let mut report = empty_report(exchange);
    report.diagnosis = Some(Diagnosis {
        kind: DiagnosisKind::ExchangeUnavailable,
        exchange_code: None,
        exchange_message: None,
        message: format!(
            "Coffre cannot check {exchange} keys live; confirm the key on the exchange's website."
        ),
    });
    report
}
