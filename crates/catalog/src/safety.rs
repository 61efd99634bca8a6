//! The vault-wide safety overview: which keys can withdraw, which have no IP restriction, which
//! expire soon, which are pasted into more than one platform.

use crate::catalog::catalog;
use crate::exchange::ExpiryCondition;
use crate::model::{Known, Permissions};
use crate::verdict::EXPIRY_WARNING_DAYS;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the overview needs to know about one key (no secret involved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFacts {
    pub id: String,
    pub exchange: String,
    /// From the last check; `None` when never checked.
    pub permissions: Option<Permissions>,
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
    /// Expired keys.
    pub expired: Vec<String>,
    /// Keys expiring within `EXPIRY_WARNING_DAYS`.
    pub expiring_soon: Vec<Expiring>,
    /// Keys used by more than one platform.
    pub shared: Vec<SharedKey>,
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
    /// The exchange has IP-dependent expiry rules and the key has no IP restriction.
    pub expiry_rules_apply: bool,
}

/// Sorts the vault's keys into the overview's lists, as of `now`.
pub fn safety_overview(keys: &[KeyFacts], now: DateTime<Utc>) -> SafetyOverview {
    let c = catalog();
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
        let no_ip = key
            .permissions
            .as_ref()
            .is_some_and(|p| p.ip_restricted == Known::No);
        if no_ip {
            overview.no_ip_restriction.push(key.id.clone());
        }
        let expires_at = key
            .expires_at
            .or_else(|| key.permissions.as_ref().and_then(|p| p.expires_at));
        if let Some(expires_at) = expires_at {
            let days = (expires_at - now).num_days();
            if expires_at <= now {
                overview.expired.push(key.id.clone());
            } else if days < EXPIRY_WARNING_DAYS {
                overview.expiring_soon.push(Expiring {
                    id: key.id.clone(),
                    days,
                });
            }
        }
        let mut platforms = key.platforms.clone();
        platforms.sort();
        platforms.dedup();
        if platforms.len() > 1 {
            let exchange = c.exchange_or_other(&key.exchange);
            overview.shared.push(SharedKey {
                id: key.id.clone(),
                platforms,
                nonce_clash: exchange.nonce_per_key,
                expiry_rules_apply: no_ip
                    && exchange
                        .expiry
                        .iter()
                        .any(|r| r.when != ExpiryCondition::Inactive),
            });
        }
    }
    overview
}
