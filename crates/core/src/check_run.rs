//! "Check all" as a run the session owns, not the page that started it: each key's row (its
//! outcome, verdicts with their reasons, and its new inventory row) is kept here as it arrives, so
//! leaving the page loses nothing and coming back shows where the run is.

use crate::checks::{self, BaseUrlOverrides, CheckProgress, CheckState};
use crate::error::CoreResult;
use crate::session::{lock, Session};
use crate::verdicts::{self, PlatformVerdict};
use crate::views::KeySummary;
use chrono::Utc;
use coffre_catalog::verdict::Status;
use coffre_model::CheckReport;
use serde::Serialize;
use std::sync::Mutex;
use ts_rs::TS;

/// How one key came out of its check, in the words Check all uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    /// The key works and every platform it is on will take it.
    Works,
    /// It works, but a platform needs something looked at.
    Risky,
    /// It works on the exchange, but a platform will refuse it.
    WillBeRejected,
    /// The exchange was not reached (network, exchange down, rate limited): nothing learnt.
    CouldntCheck,
    /// The exchange answered and refused the key.
    KeyRefused,
}

/// The outcome of `report` given the key's verdicts after it.
pub fn outcome(report: &CheckReport, verdicts: &[PlatformVerdict]) -> CheckOutcome {
    if report.is_unreachable() {
        return CheckOutcome::CouldntCheck;
    }
    if !report.ok {
        return CheckOutcome::KeyRefused;
    }
    let statuses = verdicts.iter().map(|v| v.status);
    let worst = statuses.max_by_key(|s| verdicts::badness(*s));
    match worst {
        Some(Status::Rejected) => CheckOutcome::WillBeRejected,
        Some(Status::Risky | Status::Unknown) => CheckOutcome::Risky,
        Some(Status::Ready) | None => CheckOutcome::Works,
    }
}

/// Every key of the current (or last) run, in the vault's order, and whether it is still going.
#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct CheckRun {
    pub running: bool,
    pub rows: Vec<CheckProgress>,
}

/// The session's run, behind its own lock (never held across a check).
#[derive(Default)]
pub(crate) struct CheckRuns(Mutex<CheckRun>);

impl CheckRuns {
    pub(crate) fn clear(&self) {
        *lock(&self.0) = CheckRun::default();
    }

    fn update(&self, row: &CheckProgress) {
        let mut run = lock(&self.0);
        if let Some(slot) = run.rows.iter_mut().find(|r| r.id == row.id) {
            *slot = row.clone();
        }
    }
}

/// Where the run is: the page shows this when it opens, then follows the progress events.
pub fn current(session: &Session) -> CheckRun {
    lock(&session.check_runs().0).clone()
}

/// Starts a run over `ids` unless one is going; `false` when one already is (the caller then
/// follows that one instead of starting a second).
pub fn begin(session: &Session, ids: &[String]) -> bool {
    let mut run = lock(&session.check_runs().0);
    if run.running {
        return false;
    }
    *run = CheckRun {
        running: true,
        rows: ids.iter().map(|id| CheckProgress::waiting(id)).collect(),
    };
    true
}

/// The progress event of a check that ended outside a run (the key-health radar's): with the
/// key's new inventory row, so the list updates whichever page is open.
pub fn finished(
    session: &Session,
    id: &str,
    result: CoreResult<CheckReport>,
    lang: &str,
) -> CheckProgress {
    match result {
        Ok(report) => judged(session, id, report, lang),
        Err(_) => CheckProgress::done(id, None),
    }
}

/// The row of a finished check: the report with the key's verdicts in `lang`, its outcome and
/// its new inventory row, read back from the vault the check was saved to.
fn judged(session: &Session, id: &str, report: CheckReport, lang: &str) -> CheckProgress {
    let now = Utc::now();
    let record = session.with_vault(|v| Ok(v.get(id)?)).ok();
    let verdicts = record
        .as_ref()
        .map(|r| verdicts::key_verdicts(&r.meta, lang, now))
        .unwrap_or_default();
    CheckProgress {
        outcome: Some(outcome(&report, &verdicts)),
        key: record.as_ref().map(|r| KeySummary::from_record(r, now)),
        verdicts,
        ..CheckProgress::done(id, Some(report))
    }
}

/// Runs the checks of a run started with [`begin`], keeping each row in the session and passing
/// it to `progress`; ends the run when every key is done.
pub async fn run(
    session: &Session,
    ids: &[String],
    overrides: &BaseUrlOverrides,
    lang: &str,
    progress: &(dyn Fn(CheckProgress) + Send + Sync),
) {
    let each = |p: CheckProgress| {
        let row = match (p.state, p.report) {
            (CheckState::Done, Some(report)) => judged(session, &p.id, report, lang),
            (state, report) => CheckProgress {
                state,
                report,
                ..CheckProgress::waiting(&p.id)
            },
        };
        session.check_runs().update(&row);
        progress(row);
    };
    checks::check_many(session, ids, overrides, &each).await;
    lock(&session.check_runs().0).running = false;
}

#[cfg(test)]
mod tests {
    use super::*;
    use coffre_model::{Diagnosis, DiagnosisKind};

    fn report(ok: bool, kind: Option<DiagnosisKind>) -> CheckReport {
        CheckReport {
            exchange: "binance".into(),
            checked_at: Utc::now(),
            ok,
            balances: Vec::new(),
            permissions: Default::default(),
            diagnosis: kind.map(|kind| Diagnosis {
                kind,
                exchange_code: None,
                exchange_message: None,
                message: String::new(),
            }),
            clock_offset_ms: None,
            region: None,
            valuation: None,
        }
    }

    fn verdict(status: Status) -> PlatformVerdict {
        PlatformVerdict {
            platform: "bitsgap".into(),
            platform_name: "Bitsgap".into(),
            status,
            reasons: Vec::new(),
        }
    }

    #[test]
    fn five_outcomes_never_two() {
        let works = report(true, None);
        assert_eq!(outcome(&works, &[]), CheckOutcome::Works);
        assert_eq!(
            outcome(&works, &[verdict(Status::Ready)]),
            CheckOutcome::Works
        );
        assert_eq!(
            outcome(&works, &[verdict(Status::Ready), verdict(Status::Risky)]),
            CheckOutcome::Risky
        );
        assert_eq!(
            outcome(&works, &[verdict(Status::Risky), verdict(Status::Rejected)]),
            CheckOutcome::WillBeRejected,
            "\"withdrawals on ✓ works\" is no longer green"
        );
        for kind in [
            DiagnosisKind::NetworkError,
            DiagnosisKind::ExchangeUnavailable,
            DiagnosisKind::RateLimited {
                retry_after_s: Some(5),
            },
        ] {
            let down = report(false, Some(kind));
            assert_eq!(
                outcome(&down, &[verdict(Status::Ready)]),
                CheckOutcome::CouldntCheck
            );
        }
        for kind in [DiagnosisKind::InvalidKey, DiagnosisKind::IpNotWhitelisted] {
            let refused = report(false, Some(kind));
            assert_eq!(outcome(&refused, &[]), CheckOutcome::KeyRefused);
        }
    }
}
