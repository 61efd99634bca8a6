//! Regions found, not guessed: a key the exchange's default host does not know (its "invalid key /
//! key doesn't exist" answer) is tried on the exchange's regional hosts from the catalog (OKX EEA
//! and US, WhiteBIT EU, Bybit's regional entities, Binance.US) before the check says "invalid".
//! The most frequent failure is the right key at the wrong host, not a wrong key.

use crate::error::{CoreError, CoreResult};
use crate::session::Session;
use coffre_catalog::catalog;
use coffre_exchanges::Checker;
use coffre_model::{CheckReport, Credentials, DiagnosisKind, RegionFound};

/// Whether the exchange's answer means "this host does not know the key".
pub fn unknown_key(report: &CheckReport) -> bool {
    !report.ok
        && report
            .diagnosis
            .as_ref()
            .is_some_and(|d| d.kind == DiagnosisKind::InvalidKey)
}

/// A region knows the key when its answer is anything but "unknown key" (a balance, or a refusal
/// that names the key: IP not whitelisted, permission missing…).
fn knows(report: &CheckReport) -> bool {
    !unknown_key(report)
        && (report.ok
            || report.diagnosis.as_ref().is_some_and(|d| {
                !matches!(
                    d.kind,
                    DiagnosisKind::NetworkError | DiagnosisKind::ExchangeUnavailable
                )
            }))
}

/// The region `url` as the key's metadata would name it, when the catalog lists it for `exchange`.
pub fn region_of(exchange: &str, url: &str) -> Option<RegionFound> {
    let url = url.trim_end_matches('/');
    catalog()
        .exchange(exchange)?
        .alt_urls
        .iter()
        .find(|u| u.is_region() && u.url == url)
        .map(|u| RegionFound {
            name: u.name.clone().unwrap_or_else(|| u.url.clone()),
            url: u.url.clone(),
            site: u.site.clone(),
            own_exchange: u.own_exchange.clone(),
            saved: true,
        })
}

/// Tries `exchange`'s regional hosts (all at once: each is another entity's server, with its own
/// rate limits) and returns the first in catalog order that knows the key, with its report.
pub async fn find(
    checker: &Checker,
    exchange: &str,
    creds: &Credentials,
) -> Option<(RegionFound, CheckReport)> {
    let entry = catalog().exchange(exchange)?;
    let tries = entry
        .alt_urls
        .iter()
        .filter(|u| u.is_region())
        .filter_map(|u| Some((u, checker.region_base(exchange, &u.url)?)))
        .map(|(region, base)| async move {
            let report = checker.check(exchange, creds, Some(&base)).await;
            (region, report)
        });
    let reports = futures_util::future::join_all(tries).await;
    reports
        .into_iter()
        .find(|(_, report)| knows(report))
        .map(|(region, report)| {
            let found = RegionFound {
                name: region.name.clone().unwrap_or_else(|| region.url.clone()),
                url: region.url.clone(),
                site: region.site.clone(),
                own_exchange: region.own_exchange.clone(),
                saved: false,
            };
            (found, report)
        })
}

/// The default host's `report` of an unknown key, completed from the regions: the region's report
/// (the check goes on there) with where it was found, or — for a region that is an exchange of
/// its own, which Coffre does not check — the original failure, naming that exchange.
pub async fn fall_back(
    checker: &Checker,
    exchange: &str,
    creds: &Credentials,
    report: CheckReport,
) -> CheckReport {
    if !unknown_key(&report) {
        return report;
    }
    match find(checker, exchange, creds).await {
        None => report,
        Some((found, _)) if found.own_exchange.is_some() => CheckReport {
            region: Some(found),
            ..report
        },
        Some((found, region_report)) => CheckReport {
            region: Some(found),
            ..region_report
        },
    }
}

/// Saves the region the key's last check found as the key's host (its `base_url`), marking the
/// saved report so the offer is not made again; returns the host. Refused when the last check
/// found no region, or found an exchange of its own (nothing Coffre could check there).
pub fn save_found_host(session: &Session, id: &str) -> CoreResult<String> {
    session.with_vault_mut(|v| {
        let mut meta = v.get(id)?.meta;
        let mut report = meta.last_check.clone();
        let found = report
            .as_mut()
            .and_then(|r| r.region.as_mut())
            .filter(|f| f.own_exchange.is_none())
            .ok_or_else(|| {
                CoreError::InvalidInput("the key's last check found no regional host".into())
            })?;
        found.saved = true;
        let url = found.url.clone();
        meta.base_url = Some(url.clone());
        meta.last_check = report;
        v.update_meta(id, meta)?;
        Ok(url)
    })
}
