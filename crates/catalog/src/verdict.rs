//! Whether a key is ready for a platform, judged from the platform's profile (data) and the key's
//! last check: a status and the typed reasons behind it (see `reason`; sentences in `sentences`).

use crate::catalog::{catalog, Catalog};
use crate::exchange::{Exchange, Permission};
use crate::platform::{IpPolicy, ResolvedProfile};
use chrono::{DateTime, Utc};
use coffre_model::{Known, Permissions};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::reason::{Reason, ReasonKind, Severity};

/// A key expiring within this many days is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 14;
/// A check older than this many days no longer vouches for the key.
pub const STALE_CHECK_DAYS: i64 = 30;

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Everything the platform needs is confirmed.
    Ready,
    /// The platform will refuse the key, or the key no longer works.
    Rejected,
    /// It should work, but something needs attention or confirming by hand.
    Risky,
    /// The key was never checked.
    Unknown,
}

/// A key's readiness for a platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub status: Status,
    pub reasons: Vec<Reason>,
}

impl Catalog {
    /// Judges a key of `exchange` for `platform` from its last check (`permissions` and
    /// `checked_at`; `None` when never checked) and its known expiry, as of `now`.
    pub fn judge(
        &self,
        exchange: &str,
        permissions: Option<&Permissions>,
        checked_at: Option<DateTime<Utc>>,
        expires_at: Option<DateTime<Utc>>,
        platform: &str,
        now: DateTime<Utc>,
    ) -> Verdict {
        let reason = |kind| Reason {
            platform: platform.to_owned(),
            exchange: exchange.to_owned(),
            kind,
        };
        let Some(entry) = self.platform(platform) else {
            // Not even "never checked": without the platform there is nothing to judge against.
            return Verdict {
                status: Status::Unknown,
                reasons: vec![reason(ReasonKind::UnknownPlatform)],
            };
        };
        let profile = self
            .profile(exchange, Some(platform))
            .expect("platform exists");

        let mut kinds = Vec::new();
        if !entry.supports(exchange) {
            kinds.push(ReasonKind::ExchangeNotSupported);
        }
        let expires_at = expires_at.or_else(|| permissions.and_then(|p| p.expires_at));
        kinds.extend(expires_at.and_then(|at| expiry(at, now)));
        let checked = match (permissions, checked_at) {
            (Some(permissions), Some(checked_at)) => Some((permissions, checked_at)),
            _ => None,
        };
        match checked {
            None => kinds.push(ReasonKind::NeverChecked),
            Some((permissions, checked_at)) => {
                let stale_days = (now - checked_at).num_days();
                if stale_days >= STALE_CHECK_DAYS {
                    kinds.push(ReasonKind::CheckStale { days: stale_days });
                }
                kinds.extend(permission_reasons(&profile, permissions));
                kinds.extend(ip_reasons(
                    &profile,
                    self.exchange_or_other(exchange),
                    permissions,
                ));
            }
        }
        finish(kinds.into_iter().map(reason).collect(), checked.is_none())
    }
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn judge(
    exchange: &str,
    permissions: Option<&Permissions>,
    checked_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
    platform: &str,
    now: DateTime<Utc>,
) -> Verdict {
    catalog().judge(exchange, permissions, checked_at, expires_at, platform, now)
}

fn expiry(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<ReasonKind> {
    let days = (expires_at - now).num_days();
    if expires_at <= now {
        Some(ReasonKind::Expired)
    } else if days < EXPIRY_WARNING_DAYS {
        Some(ReasonKind::ExpiresSoon { days })
    } else {
        None
    }
}

/// What the check says about each permission the profile requires on, refuses or advises off.
fn permission_reasons(profile: &ResolvedProfile, permissions: &Permissions) -> Vec<ReasonKind> {
    let mut kinds = Vec::new();
    for permission in Permission::ALL {
        let on = profile.required_on.contains(&permission);
        let refused = profile.required_off.contains(&permission);
        let advised = profile.advised_off.contains(&permission);
        match permission.of(permissions) {
            Known::No if on => kinds.push(ReasonKind::missing(permission)),
            Known::Yes if refused => kinds.push(ReasonKind::refused(permission)),
            Known::Yes if advised => kinds.push(ReasonKind::NeedlessPermission { permission }),
            Known::NotReported if on || refused => {
                kinds.push(ReasonKind::NotReported { permission })
            }
            _ => {}
        }
    }
    kinds
}

/// The platform's IP policy against the key's restriction, then the exchange's rules that hit
/// keys without an IP whitelist.
fn ip_reasons(
    profile: &ResolvedProfile,
    exchange: &Exchange,
    permissions: &Permissions,
) -> Vec<ReasonKind> {
    let mut kinds = Vec::new();
    let ip = permissions.ip_restricted;
    match (profile.ip_whitelist, ip) {
        (IpPolicy::Required, Known::No) => kinds.push(ReasonKind::IpWhitelistRequired),
        (IpPolicy::Recommended, Known::No) => kinds.push(ReasonKind::IpWhitelistRecommended),
        (IpPolicy::Forbidden, Known::Yes) => kinds.push(ReasonKind::IpWhitelistForbidden),
        (IpPolicy::Required | IpPolicy::Forbidden, Known::NotReported) => {
            kinds.push(ReasonKind::NotReported {
                permission: Permission::IpRestricted,
            })
        }
        _ => {}
    }
    if ip == Known::No {
        let unavoidable = profile.ip_whitelist == IpPolicy::Forbidden;
        for rule in exchange.expiry.iter().filter(|r| r.when.needs_no_ip()) {
            let hits = rule.applies_to.is_empty()
                || rule
                    .applies_to
                    .iter()
                    .any(|p| p.of(permissions) != Known::No);
            if hits {
                kinds.push(ReasonKind::IpWhitelistMissing {
                    rule: rule.id.clone(),
                    unavoidable,
                });
            }
        }
    }
    kinds
}

fn finish(reasons: Vec<Reason>, never_checked: bool) -> Verdict {
    let worst = reasons.iter().map(Reason::severity).max();
    let status = match worst {
        Some(Severity::Blocker) => Status::Rejected,
        _ if never_checked => Status::Unknown,
        Some(Severity::Warning) => Status::Risky,
        _ => Status::Ready,
    };
    Verdict { status, reasons }
}

#[cfg(test)]
mod tests;
