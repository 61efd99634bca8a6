//! One expiry truth per key: the date a key (or its trading) stops working, what says so and how
//! urgent it is. The list row, the key's page, the banner, the safety overview, the verdicts and
//! `coffre audit` all read it from here, so they cannot disagree.
//!
//! Where the date comes from, in order: what the exchange reported at the last check (Binance
//! `tradingAuthorityExpirationTime`, Bybit `expiredAt`, … in `Permissions::expires_at`) or what the
//! user set, the earlier of the two; otherwise an estimate from the catalog's rules for keys
//! without an IP whitelist, counted from a fixed start (the key's creation as the exchange reports
//! it, else the day it was added to Coffre). Rules counted from the key's last *use* give no date:
//! Coffre cannot see when a bot last used the key, and a date counted from its own check would be
//! wrong for every key in use.

use chrono::{DateTime, Duration, Utc};
use coffre_catalog::catalog;
use coffre_catalog::exchange::{ExpiryCondition, ExpiryEffect, ExpiryRule};
use coffre_catalog::verdict::EXPIRY_WARNING_DAYS;
use coffre_model::Known;
use coffre_vault::KeyMeta;
use serde::Serialize;
use ts_rs::TS;

/// Where a deadline's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The exchange said so at the last check.
    Reported,
    /// The catalog's rule for keys without an IP whitelist; the exchange said nothing.
    Estimated,
    /// The user entered it.
    SetByUser,
}

/// What happens on the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineEffect {
    /// The key stops working (or the exchange did not say what stops).
    KeyExpires,
    TradingRemoved,
    KeyDeleted,
}

/// How urgent it is, the same threshold everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineWarning {
    None,
    /// Fewer than `EXPIRY_WARNING_DAYS` whole days left.
    Soon,
    Expired,
}

/// A key's deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Deadline {
    pub at: DateTime<Utc>,
    pub kind: DeadlineKind,
    pub effect: DeadlineEffect,
    /// Whole days left (0 on the last day, negative once passed).
    pub days: i64,
    pub warning: DeadlineWarning,
    /// The catalog rule behind an estimate (`binance-no-ip-trading`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rule: Option<String>,
    /// Who states it: the exchange's id for a reported date, the rule's source for an estimate.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub source: Option<String>,
    /// False when only third-party sources state the rule (shown as unconfirmed).
    pub confirmed: bool,
    /// The start an estimate counts from.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub counted_from: Option<DateTime<Utc>>,
}

impl Deadline {
    fn new(at: DateTime<Utc>, kind: DeadlineKind, now: DateTime<Utc>) -> Deadline {
        let days = (at - now).num_days();
        let warning = if at <= now {
            DeadlineWarning::Expired
        } else if days < EXPIRY_WARNING_DAYS {
            DeadlineWarning::Soon
        } else {
            DeadlineWarning::None
        };
        Deadline {
            at,
            kind,
            effect: DeadlineEffect::KeyExpires,
            days,
            warning,
            rule: None,
            source: None,
            confirmed: true,
            counted_from: None,
        }
    }

    /// Reported or set by the user: a date to act on, not an estimate.
    pub fn is_firm(&self) -> bool {
        self.kind != DeadlineKind::Estimated
    }
}

/// The key's deadline as of `now`, or `None` when nothing is known (never checked, IP-bound, or an
/// exchange without a dated rule).
pub fn of(meta: &KeyMeta, now: DateTime<Utc>) -> Option<Deadline> {
    firm(meta, now).or_else(|| estimated(meta, now))
}

/// The reported or user-set deadline only (the verdicts judge a key on these, not on estimates).
pub fn firm(meta: &KeyMeta, now: DateTime<Utc>) -> Option<Deadline> {
    let check = meta.last_check.as_ref();
    let reported = check.and_then(|r| r.permissions.expires_at).map(|at| {
        let mut d = Deadline::new(at, DeadlineKind::Reported, now);
        d.source = check.map(|r| r.exchange.clone());
        d
    });
    let by_user = meta
        .expires_at
        .map(|at| Deadline::new(at, DeadlineKind::SetByUser, now));
    match (reported, by_user) {
        (Some(r), Some(u)) if u.at < r.at => Some(u),
        (Some(r), _) => Some(r),
        (None, u) => u,
    }
}

/// The earliest date the catalog's rules give a key the last check found without an IP whitelist.
fn estimated(meta: &KeyMeta, now: DateTime<Utc>) -> Option<Deadline> {
    let check = meta.last_check.as_ref()?;
    let permissions = &check.permissions;
    if permissions.ip_restricted != Known::No {
        return None;
    }
    let start = permissions.created_at.unwrap_or(meta.created_at);
    let entry = catalog().exchange(&meta.exchange)?;
    entry
        .expiry
        .iter()
        .filter(|rule| rule.when == ExpiryCondition::NoIpWhitelist)
        .filter(|rule| {
            rule.applies_to.is_empty()
                || rule
                    .applies_to
                    .iter()
                    .any(|p| p.of(permissions) != Known::No)
        })
        .map(|rule| from_rule(rule, start, now))
        .min_by_key(|d| d.at)
}

fn from_rule(rule: &ExpiryRule, start: DateTime<Utc>, now: DateTime<Utc>) -> Deadline {
    let at = start + Duration::days(i64::from(rule.days));
    let mut d = Deadline::new(at, DeadlineKind::Estimated, now);
    d.effect = match rule.effect {
        ExpiryEffect::TradingRemoved => DeadlineEffect::TradingRemoved,
        ExpiryEffect::KeyDeleted => DeadlineEffect::KeyDeleted,
        ExpiryEffect::KeyInvalid => DeadlineEffect::KeyExpires,
    };
    d.rule = Some(rule.id.clone());
    d.source = Some(rule.source.clone());
    d.confirmed = rule.confirmed;
    d.counted_from = Some(start);
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use coffre_model::{CheckReport, Permissions};

    fn now() -> DateTime<Utc> {
        "2026-12-01T12:00:00Z".parse().unwrap()
    }

    fn checked(exchange: &str, permissions: Permissions) -> KeyMeta {
        let mut meta = KeyMeta::new(exchange, "k");
        meta.created_at = now() - Duration::days(20);
        meta.last_check = Some(CheckReport {
            exchange: exchange.into(),
            checked_at: now(),
            ok: true,
            balances: Vec::new(),
            permissions,
            diagnosis: None,
            clock_offset_ms: None,
            region: None,
            valuation: None,
        });
        meta
    }

    fn no_ip_trading() -> Permissions {
        Permissions {
            read: Known::Yes,
            spot_trade: Known::Yes,
            ip_restricted: Known::No,
            ..Permissions::default()
        }
    }

    #[test]
    fn binance_reported_trading_expiry_is_the_deadline() {
        let at = now() + Duration::days(9);
        let meta = checked(
            "binance",
            Permissions {
                expires_at: Some(at),
                ..no_ip_trading()
            },
        );
        let d = of(&meta, now()).unwrap();
        assert_eq!(d.at, at);
        assert_eq!(d.kind, DeadlineKind::Reported);
        assert_eq!(d.days, 9);
        assert_eq!(d.warning, DeadlineWarning::Soon);
        assert_eq!(d.source.as_deref(), Some("binance"));
    }

    #[test]
    fn binance_without_a_reported_date_is_estimated_from_the_rule() {
        let d = of(&checked("binance", no_ip_trading()), now()).unwrap();
        assert_eq!(d.kind, DeadlineKind::Estimated);
        assert_eq!(d.rule.as_deref(), Some("binance-no-ip-trading"));
        assert_eq!(d.effect, DeadlineEffect::TradingRemoved);
        assert!(d.confirmed);
        // Added 20 days ago, the rule gives 30 days: 10 left.
        assert_eq!(d.days, 10);
        assert_eq!(d.counted_from, Some(now() - Duration::days(20)));
    }

    #[test]
    fn an_estimate_counts_from_the_creation_the_exchange_reports() {
        let created = now() - Duration::days(29);
        let mut permissions = no_ip_trading();
        permissions.created_at = Some(created);
        let d = of(&checked("binance", permissions), now()).unwrap();
        assert_eq!(d.at, created + Duration::days(30));
        assert_eq!(d.days, 1);
    }

    #[test]
    fn bybit_reported_expiry_wins_over_its_rule() {
        let at = now() + Duration::days(40);
        let mut permissions = no_ip_trading();
        permissions.expires_at = Some(at);
        let d = of(&checked("bybit", permissions), now()).unwrap();
        assert_eq!(
            (d.kind, d.at, d.warning),
            (DeadlineKind::Reported, at, DeadlineWarning::None)
        );
    }

    #[test]
    fn bybit_without_report_is_estimated_at_ninety_days() {
        let d = of(&checked("bybit", no_ip_trading()), now()).unwrap();
        assert_eq!(d.rule.as_deref(), Some("bybit-no-ip-invalid"));
        assert_eq!(d.effect, DeadlineEffect::KeyExpires);
        assert_eq!(d.days, 70);
    }

    #[test]
    fn ip_bound_or_unchecked_keys_and_inactivity_rules_give_no_date() {
        let mut bound = no_ip_trading();
        bound.ip_restricted = Known::Yes;
        assert_eq!(of(&checked("binance", bound), now()), None);
        assert_eq!(of(&KeyMeta::new("binance", "k"), now()), None);
        // KuCoin and OKX delete unused keys: counted from a last use Coffre cannot see.
        assert_eq!(of(&checked("kucoin", no_ip_trading()), now()), None);
        assert_eq!(of(&checked("okx", no_ip_trading()), now()), None);
        // Read-only Binance key: the trading rule does not hit it.
        let mut read_only = no_ip_trading();
        read_only.spot_trade = Known::No;
        read_only.margin = Known::No;
        assert_eq!(of(&checked("binance", read_only), now()), None);
    }

    #[test]
    fn the_earlier_of_reported_and_user_set_wins_and_past_dates_are_expired() {
        let mut permissions = no_ip_trading();
        permissions.expires_at = Some(now() + Duration::days(30));
        let mut meta = checked("bybit", permissions);
        meta.expires_at = Some(now() - Duration::hours(1));
        let d = of(&meta, now()).unwrap();
        assert_eq!(d.kind, DeadlineKind::SetByUser);
        assert_eq!(d.warning, DeadlineWarning::Expired);
        meta.expires_at = Some(now() + Duration::days(60));
        assert_eq!(of(&meta, now()).unwrap().kind, DeadlineKind::Reported);
    }

    #[test]
    fn a_user_date_alone_counts_even_never_checked() {
        let mut meta = KeyMeta::new("kraken", "k");
        meta.expires_at = Some(now() + Duration::days(3));
        let d = of(&meta, now()).unwrap();
        assert_eq!((d.kind, d.days), (DeadlineKind::SetByUser, 3));
    }
}
