//! The vault-wide safety overview: which keys can withdraw, which have no IP restriction, which
//! expire soon, which are pasted into more than one platform, and the banner's reminders.

use crate::catalog::{catalog, Catalog};
use crate::verdict::{EXPIRY_WARNING_DAYS, STALE_CHECK_DAYS};
use chrono::{DateTime, Utc};
use coffre_model::{Known, Permissions};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the overview needs to know about one key (no secret involved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFacts {
    pub id: String,
    pub exchange: String,
    /// From the last check; `None` when never checked.
    pub permissions: Option<Permissions>,
    /// When the last check ran; `None` when never checked.
    pub checked_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    /// Platforms and bots the key is pasted into.
    pub platforms: Vec<String>,
}

/// Keys grouped by what deserves attention; each list holds key ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SafetyOverview {
    /// The exchange reports withdrawals enabled.
    pub can_withdraw: Vec<String>,
    /// Withdrawals not known: never checked, or the exchange does not report it.
    pub withdraw_unknown: Vec<String>,
    /// The exchange reports no IP restriction.
    pub no_ip_restriction: Vec<String>,
    /// IP restriction not known: never checked, or the exchange does not report it.
    pub ip_unknown: Vec<String>,
    /// Expired keys.
    pub expired: Vec<String>,
    /// Keys expiring within `EXPIRY_WARNING_DAYS`.
    pub expiring_soon: Vec<Expiring>,
    /// Keys used by more than one platform.
    pub shared: Vec<SharedKey>,
    /// What the banner reminds of: expired or expiring keys, keys never or long not checked.
    pub reminders: Vec<Reminder>,
}

/// One banner reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub id: String,
    pub kind: ReminderKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    ExpiresSoon,
    Expired,
    NeverChecked,
    Stale,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expiring {
    pub id: String,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedKey {
    pub id: String,
    pub platforms: Vec<String>,
    /// The exchange uses a per-key nonce: sharing breaks requests outright, not just rate limits.
    pub nonce_clash: bool,
}

impl Catalog {
    /// Sorts the vault's keys into the overview's lists, as of `now`.
    pub fn safety_overview(&self, keys: &[KeyFacts], now: DateTime<Utc>) -> SafetyOverview {
        let mut overview = SafetyOverview::default();
        for key in keys {
            let withdraw = key
                .permissions
                .as_ref()
                .map_or(Known::NotReported, |p| p.withdraw);
            match withdraw {
                Known::Yes => overview.can_withdraw.push(key.id.clone()),
                Known::NotReported => overview.withdraw_unknown.push(key.id.clone()),
                Known::No => {}
            }
            let ip = key
                .permissions
                .as_ref()
                .map_or(Known::NotReported, |p| p.ip_restricted);
            match ip {
                Known::No => overview.no_ip_restriction.push(key.id.clone()),
                Known::NotReported => overview.ip_unknown.push(key.id.clone()),
                Known::Yes => {}
            }
            let expires_at = key
                .expires_at
                .or_else(|| key.permissions.as_ref().and_then(|p| p.expires_at));
            if let Some(expires_at) = expires_at {
                let days = (expires_at - now).num_days();
                if expires_at <= now {
                    overview.expired.push(key.id.clone());
                    overview
                        .reminders
                        .push(reminder(&key.id, ReminderKind::Expired, None));
                } else if days < EXPIRY_WARNING_DAYS {
                    overview.expiring_soon.push(Expiring {
                        id: key.id.clone(),
                        days,
                    });
                    overview.reminders.push(reminder(
                        &key.id,
                        ReminderKind::ExpiresSoon,
                        Some(days),
                    ));
                }
            }
            match key.checked_at {
                None => {
                    overview
                        .reminders
                        .push(reminder(&key.id, ReminderKind::NeverChecked, None))
                }
                Some(checked_at) => {
                    let days = (now - checked_at).num_days();
                    if days >= STALE_CHECK_DAYS {
                        overview
                            .reminders
                            .push(reminder(&key.id, ReminderKind::Stale, Some(days)));
                    }
                }
            }
            let mut platforms = key.platforms.clone();
            platforms.sort();
            platforms.dedup();
            if platforms.len() > 1 {
                overview.shared.push(SharedKey {
                    id: key.id.clone(),
                    platforms,
                    nonce_clash: self.exchange_or_other(&key.exchange).nonce_per_key,
                });
            }
        }
        overview
    }
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn safety_overview(keys: &[KeyFacts], now: DateTime<Utc>) -> SafetyOverview {
    catalog().safety_overview(keys, now)
}

fn reminder(id: &str, kind: ReminderKind, days: Option<i64>) -> Reminder {
    Reminder {
        id: id.to_owned(),
        kind,
        days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn key(
        id: &str,
        exchange: &str,
        permissions: Option<Permissions>,
        platforms: &[&str],
    ) -> KeyFacts {
        KeyFacts {
            id: id.into(),
            exchange: exchange.into(),
            checked_at: permissions.as_ref().map(|_| now() - Duration::days(1)),
            permissions,
            expires_at: None,
            platforms: platforms.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
    }

    #[test]
    fn keys_are_sorted_into_what_deserves_attention() {
        let withdrawing = Permissions {
            withdraw: Known::Yes,
            ip_restricted: Known::Yes,
            ..Permissions::default()
        };
        let open = Permissions {
            withdraw: Known::No,
            ip_restricted: Known::No,
            ..Permissions::default()
        };
        let mut expiring = key("exp", "bybit", Some(open.clone()), &["bitsgap"]);
        expiring.expires_at = Some(now() + Duration::days(3));
        let mut stale = key("stale", "okx", Some(open.clone()), &[]);
        stale.checked_at = Some(now() - Duration::days(45));
        let keys = [
            key("w", "binance", Some(withdrawing), &["bitsgap"]),
            key(
                "open",
                "kraken",
                Some(open.clone()),
                &["freqtrade", "bitsgap", "freqtrade"],
            ),
            key("new", "whitebit", None, &["bitsgap", "altrady"]),
            expiring,
            stale,
        ];
        let o = safety_overview(&keys, now());
        assert_eq!(o.can_withdraw, ["w"]);
        assert_eq!(o.withdraw_unknown, ["new"]);
        assert_eq!(o.no_ip_restriction, ["open", "exp", "stale"]);
        // Never read is "not verified", a group of its own, never "none".
        assert_eq!(o.ip_unknown, ["new"]);
        assert_eq!(
            o.expiring_soon,
            [Expiring {
                id: "exp".into(),
                days: 3
            }]
        );
        let shared: Vec<(&str, usize, bool)> = o
            .shared
            .iter()
            .map(|s| (s.id.as_str(), s.platforms.len(), s.nonce_clash))
            .collect();
        assert_eq!(shared, [("open", 2, true), ("new", 2, true)]);
        let reminders: Vec<(&str, ReminderKind)> = o
            .reminders
            .iter()
            .map(|r| (r.id.as_str(), r.kind))
            .collect();
        assert_eq!(
            reminders,
            [
                ("new", ReminderKind::NeverChecked),
                ("exp", ReminderKind::ExpiresSoon),
                ("stale", ReminderKind::Stale)
            ]
        );
    }
}
