//! Live checks of keys in the vault: one key, or many at once — concurrently, bounded per exchange
//! by the checker — each result saved as the key's last check and reported as it arrives. A key
//! the default host does not know is looked for on the exchange's regions (`regions`).

use crate::error::CoreResult;
use crate::session::Session;
use coffre_model::{CheckReport, Credentials};
use coffre_vault::CredentialsVersion;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Where one key's check is, as the app's `check_progress` event and the CLI see it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CheckProgress {
    pub id: String,
    pub state: CheckState,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub report: Option<CheckReport>,
    /// Check all's word for the result (`check_run`); absent until done.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub outcome: Option<crate::check_run::CheckOutcome>,
    /// The key's verdicts after the check, each with all its reasons (Check all's rows).
    pub verdicts: Vec<crate::verdicts::PlatformVerdict>,
    /// The key's inventory row after the check, so the list updates even with its page closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key: Option<crate::views::KeySummary>,
}

impl CheckProgress {
    pub fn waiting(id: &str) -> CheckProgress {
        CheckProgress {
            id: id.to_owned(),
            state: CheckState::Waiting,
            report: None,
            outcome: None,
            verdicts: Vec::new(),
            key: None,
        }
    }

    pub fn done(id: &str, report: Option<CheckReport>) -> CheckProgress {
        CheckProgress {
            state: CheckState::Done,
            report,
            ..CheckProgress::waiting(id)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckState {
    Waiting,
    Running,
    Done,
}

/// Exchange id → base URL that wins over every key's own (the CLI's `--base-url`).
pub type BaseUrlOverrides = BTreeMap<String, String>;

/// What a check needs, read under the vault lock so the network call runs without it: the
/// credentials and which version of them they are.
fn inputs(
    session: &Session,
    id: &str,
    overrides: &BaseUrlOverrides,
) -> CoreResult<(String, Credentials, CredentialsVersion, Option<String>)> {
    session.with_vault(|v| {
        let meta = v.get(id)?.meta;
        let base_url = overrides
            .get(&meta.exchange)
            .cloned()
            .or(meta.base_url.clone());
        let version = meta.credentials_version();
        Ok((meta.exchange, v.credentials(id)?, version, base_url))
    })
}

/// Checks a key and saves the result. A key whose credentials were replaced while it was being
/// checked (rotated while Check all ran) is checked again with its new ones: the result shown and
/// kept is always of the credentials the key has.
async fn check_and_record(
    session: &Session,
    id: &str,
    overrides: &BaseUrlOverrides,
) -> CoreResult<CheckReport> {
    let mut attempts = 0;
    loop {
        let (exchange, creds, version, base_url) = inputs(session, id, overrides)?;
        let checker = &session.checker;
        let mut report = checker.check(&exchange, &creds, base_url.as_deref()).await;
        match base_url.as_deref() {
            // On the default host, an unknown key may be the right key for another region.
            None => report = crate::regions::fall_back(checker, &exchange, &creds, report).await,
            Some(url) => report.region = crate::regions::region_of(&exchange, url),
        }
        drop(creds);
        attempts += 1;
        let recorded =
            session.with_vault_mut(|v| Ok(v.record_check(id, version, report.clone())?))?;
        // Replaced again and again: give up on keeping up (the last replacement checks itself).
        if recorded || attempts == 3 {
            return Ok(report);
        }
    }
}

/// Checks one key live and saves the result as its last check.
pub async fn check_one(session: &Session, id: &str) -> CoreResult<CheckReport> {
    check_and_record(session, id, &BaseUrlOverrides::new()).await
}

/// Checks `ids` concurrently (the checker bounds how many run per exchange), saving each result
/// and calling `progress` when a key starts and when it is done. Results keep the order of `ids`;
/// a key deleted or a vault locked meanwhile ends only that key's check, with its error.
pub async fn check_many(
    session: &Session,
    ids: &[String],
    overrides: &BaseUrlOverrides,
    progress: &(dyn Fn(CheckProgress) + Send + Sync),
) -> Vec<(String, CoreResult<CheckReport>)> {
    let checks = ids.iter().map(|id| async move {
        progress(CheckProgress {
            state: CheckState::Running,
            ..CheckProgress::waiting(id)
        });
        let result = check_and_record(session, id, overrides).await;
        progress(CheckProgress::done(id, result.as_ref().ok().cloned()));
        (id.clone(), result)
    });
    futures_util::future::join_all(checks).await
}

/// Every key's id, in the vault's order (by label).
pub fn all_ids(session: &Session) -> CoreResult<Vec<String>> {
    session.with_vault(|v| Ok(v.list()?.into_iter().map(|r| r.id).collect()))
}
