//! Whether a key is ready for a platform, computed from the platform's profile (data) and the
//! key's last check: a status and the reasons behind it, each a code with parameters that
//! `Reason::message` turns into a sentence in en/fr/vi.

use crate::catalog::{catalog, Catalog};
use crate::exchange::{ExpiryRule, Permission};
use crate::messages::{permission_name, Messages};
use crate::model::{Known, Permissions};
use crate::platform::IpPolicy;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A key expiring within this many days is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 14;
/// A check older than this many days no longer vouches for the key.
pub const STALE_CHECK_DAYS: i64 = 30;

/// The overall answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// How much a reason weighs on the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Blocker,
}

/// Why the status is what it is. Codes are stable: the UI and tests rely on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    ExchangeNotSupported,
    UnknownPlatform,
    NeverChecked,
    CheckStale,
    ReadOff,
    TradingOff,
    MarginOff,
    FuturesRequired,
    PermissionOff,
    WithdrawEnabled,
    TransferEnabled,
    TradingEnabled,
    MarginEnabled,
    FuturesEnabled,
    PermissionEnabled,
    NeedlessPermission,
    NotReported,
    IpWhitelistRequired,
    IpWhitelistRecommended,
    IpWhitelistForbidden,
    IpWhitelistMissing,
    Expired,
    ExpiresSoon,
}

impl ReasonCode {
    pub const ALL: [ReasonCode; 23] = [
        ReasonCode::ExchangeNotSupported,
        ReasonCode::UnknownPlatform,
        ReasonCode::NeverChecked,
        ReasonCode::CheckStale,
        ReasonCode::ReadOff,
        ReasonCode::TradingOff,
        ReasonCode::MarginOff,
        ReasonCode::FuturesRequired,
        ReasonCode::PermissionOff,
        ReasonCode::WithdrawEnabled,
        ReasonCode::TransferEnabled,
        ReasonCode::TradingEnabled,
        ReasonCode::MarginEnabled,
        ReasonCode::FuturesEnabled,
        ReasonCode::PermissionEnabled,
        ReasonCode::NeedlessPermission,
        ReasonCode::NotReported,
        ReasonCode::IpWhitelistRequired,
        ReasonCode::IpWhitelistRecommended,
        ReasonCode::IpWhitelistForbidden,
        ReasonCode::IpWhitelistMissing,
        ReasonCode::Expired,
        ReasonCode::ExpiresSoon,
    ];

    /// The snake_case code (`withdraw_enabled`), also the key in `messages.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::ExchangeNotSupported => "exchange_not_supported",
            ReasonCode::UnknownPlatform => "unknown_platform",
            ReasonCode::NeverChecked => "never_checked",
            ReasonCode::CheckStale => "check_stale",
            ReasonCode::ReadOff => "read_off",
            ReasonCode::TradingOff => "trading_off",
            ReasonCode::MarginOff => "margin_off",
            ReasonCode::FuturesRequired => "futures_required",
            ReasonCode::PermissionOff => "permission_off",
            ReasonCode::WithdrawEnabled => "withdraw_enabled",
            ReasonCode::TransferEnabled => "transfer_enabled",
            ReasonCode::TradingEnabled => "trading_enabled",
            ReasonCode::MarginEnabled => "margin_enabled",
            ReasonCode::FuturesEnabled => "futures_enabled",
            ReasonCode::PermissionEnabled => "permission_enabled",
            ReasonCode::NeedlessPermission => "needless_permission",
            ReasonCode::NotReported => "not_reported",
            ReasonCode::IpWhitelistRequired => "ip_whitelist_required",
            ReasonCode::IpWhitelistRecommended => "ip_whitelist_recommended",
            ReasonCode::IpWhitelistForbidden => "ip_whitelist_forbidden",
            ReasonCode::IpWhitelistMissing => "ip_whitelist_missing",
            ReasonCode::Expired => "expired",
            ReasonCode::ExpiresSoon => "expires_soon",
        }
    }

    fn for_missing(permission: Permission) -> ReasonCode {
        match permission {
            Permission::Read => ReasonCode::ReadOff,
            Permission::SpotTrade => ReasonCode::TradingOff,
            Permission::Margin => ReasonCode::MarginOff,
            Permission::Futures => ReasonCode::FuturesRequired,
            _ => ReasonCode::PermissionOff,
        }
    }

    fn for_refused(permission: Permission) -> ReasonCode {
        match permission {
            Permission::Withdraw => ReasonCode::WithdrawEnabled,
            Permission::InternalTransfer => ReasonCode::TransferEnabled,
            Permission::SpotTrade => ReasonCode::TradingEnabled,
            Permission::Margin => ReasonCode::MarginEnabled,
            Permission::Futures => ReasonCode::FuturesEnabled,
            _ => ReasonCode::PermissionEnabled,
        }
    }
}

/// One reason. `params` hold ids and numbers (`platform`, `exchange`, `permission`, `rule`,
/// `days`); [`Reason::message`] turns them into names in the trader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: ReasonCode,
    pub severity: Severity,
    pub params: BTreeMap<String, String>,
}

impl Reason {
    fn new(code: ReasonCode, severity: Severity, params: &[(&str, String)]) -> Reason {
        Reason {
            code,
            severity,
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        }
    }

    /// The sentence for this reason in `lang`.
    pub fn message(&self, lang: &str) -> String {
        let c = catalog();
        let param = |name: &str| {
            self.params
                .get(name)
                .map(String::as_str)
                .unwrap_or_default()
        };
        let platform = match c.platform(param("platform")) {
            Some(p) => p.name.get(lang).to_owned(),
            None => param("platform").to_owned(),
        };
        let exchange = c.exchange_or_other(param("exchange")).name.clone();
        let permission = if param("permission").is_empty() {
            String::new()
        } else {
            permission_name(param("permission"), lang)
        };
        let rule = rule_by_id(c, param("exchange"), param("platform"), param("rule"))
            .map(|r| r.text.get(lang).to_owned())
            .unwrap_or_default();
        Messages::render(
            &c.messages().reason,
            self.code.as_str(),
            lang,
            &[
                ("platform", platform.as_str()),
                ("exchange", exchange.as_str()),
                ("permission", permission.as_str()),
                ("rule", rule.as_str()),
                ("days", param("days")),
            ],
        )
    }
}

/// A key's readiness for a platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub status: Status,
    pub reasons: Vec<Reason>,
}

fn rule_by_id<'c>(
    c: &'c Catalog,
    exchange: &str,
    platform: &str,
    id: &str,
) -> Option<&'c ExpiryRule> {
    let from_exchange = c.exchange_or_other(exchange).expiry.iter();
    let from_platform = c
        .platform(platform)
        .into_iter()
        .flat_map(|p| p.profiles.iter().flat_map(|profile| profile.expiry.iter()));
    from_exchange.chain(from_platform).find(|r| r.id == id)
}

/// Judges a key of `exchange` for `platform` from its last check (`permissions` and
/// `checked_at`; `None` when never checked) and its known expiry, as of `now`.
pub fn judge(
    exchange: &str,
    permissions: Option<&Permissions>,
    checked_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
    platform: &str,
    now: DateTime<Utc>,
) -> Verdict {
    let c = catalog();
    let ids = [
        ("platform", platform.to_owned()),
        ("exchange", exchange.to_owned()),
    ];
    let Some(entry) = c.platform(platform) else {
        return Verdict {
            status: Status::Unknown,
            reasons: vec![Reason::new(
                ReasonCode::UnknownPlatform,
                Severity::Warning,
                &ids,
            )],
        };
    };
    let mut reasons = Vec::new();
    if !entry.supports(exchange) {
        reasons.push(Reason::new(
            ReasonCode::ExchangeNotSupported,
            Severity::Blocker,
            &ids,
        ));
    }
    let profile = c
        .profile(exchange, Some(platform))
        .expect("platform exists");

    let expires_at = expires_at.or_else(|| permissions.and_then(|p| p.expires_at));
    if let Some(expires_at) = expires_at {
        let days = (expires_at - now).num_days();
        if expires_at <= now {
            reasons.push(Reason::new(ReasonCode::Expired, Severity::Blocker, &ids));
        } else if days < EXPIRY_WARNING_DAYS {
            let params = [ids[0].clone(), ids[1].clone(), ("days", days.to_string())];
            reasons.push(Reason::new(
                ReasonCode::ExpiresSoon,
                Severity::Warning,
                &params,
            ));
        }
    }

    let checked = match (permissions, checked_at) {
        (Some(permissions), Some(checked_at)) => Some((permissions, checked_at)),
        _ => None,
    };
    let Some((permissions, checked_at)) = checked else {
        reasons.push(Reason::new(ReasonCode::NeverChecked, Severity::Info, &ids));
        return finish(reasons, true);
    };
    let stale_days = (now - checked_at).num_days();
    if stale_days >= STALE_CHECK_DAYS {
        let params = [
            ids[0].clone(),
            ids[1].clone(),
            ("days", stale_days.to_string()),
        ];
        reasons.push(Reason::new(
            ReasonCode::CheckStale,
            Severity::Warning,
            &params,
        ));
    }

    let with_permission = |p: Permission| {
        [
            ids[0].clone(),
            ids[1].clone(),
            ("permission", p.as_str().to_owned()),
        ]
    };
    for permission in Permission::ALL {
        let state = permission.of(permissions);
        let on = profile.required_on.contains(&permission);
        let refused = profile.required_off.contains(&permission);
        let advised = profile.advised_off.contains(&permission);
        match state {
            Known::No if on => reasons.push(Reason::new(
                ReasonCode::for_missing(permission),
                Severity::Blocker,
                &ids,
            )),
            Known::Yes if refused => reasons.push(Reason::new(
                ReasonCode::for_refused(permission),
                Severity::Blocker,
                &ids,
            )),
            Known::Yes if advised => reasons.push(Reason::new(
                ReasonCode::NeedlessPermission,
                Severity::Warning,
                &with_permission(permission),
            )),
            Known::NotReported if on || refused => reasons.push(Reason::new(
                ReasonCode::NotReported,
                Severity::Warning,
                &with_permission(permission),
            )),
            _ => {}
        }
    }

    let ip = permissions.ip_restricted;
    match (profile.ip_whitelist, ip) {
        (IpPolicy::Required, Known::No) => reasons.push(Reason::new(
            ReasonCode::IpWhitelistRequired,
            Severity::Blocker,
            &ids,
        )),
        (IpPolicy::Recommended, Known::No) => reasons.push(Reason::new(
            ReasonCode::IpWhitelistRecommended,
            Severity::Warning,
            &ids,
        )),
        (IpPolicy::Forbidden, Known::Yes) => reasons.push(Reason::new(
            ReasonCode::IpWhitelistForbidden,
            Severity::Blocker,
            &ids,
        )),
        (IpPolicy::Required | IpPolicy::Forbidden, Known::NotReported) => {
            reasons.push(Reason::new(
                ReasonCode::NotReported,
                Severity::Warning,
                &with_permission(Permission::IpRestricted),
            ))
        }
        _ => {}
    }
    if ip == Known::No {
        // The exchange's own clock on unrestricted keys; unavoidable (so only informative) when
        // the platform forbids binding IPs.
        let severity = if profile.ip_whitelist == IpPolicy::Forbidden {
            Severity::Info
        } else {
            Severity::Warning
        };
        let exchange_rules = &c.exchange_or_other(exchange).expiry;
        for rule in exchange_rules.iter().filter(|r| r.when.needs_no_ip()) {
            let hits = rule.applies_to.is_empty()
                || rule
                    .applies_to
                    .iter()
                    .any(|p| p.of(permissions) != Known::No);
            if hits {
                let params = [ids[0].clone(), ids[1].clone(), ("rule", rule.id.clone())];
                reasons.push(Reason::new(
                    ReasonCode::IpWhitelistMissing,
                    severity,
                    &params,
                ));
            }
        }
    }
    finish(reasons, false)
}

fn finish(reasons: Vec<Reason>, never_checked: bool) -> Verdict {
    let worst = reasons.iter().map(|r| r.severity).max();
    let status = match worst {
        Some(Severity::Blocker) => Status::Rejected,
        _ if never_checked => Status::Unknown,
        Some(Severity::Warning) => Status::Risky,
        _ => Status::Ready,
    };
    Verdict { status, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
    }

    /// A key that gives a platform exactly what it asks, as far as the exchange reports it.
    fn healthy(exchange: &str, platform: &str) -> Permissions {
        let c = catalog();
        let entry = c.exchange_or_other(exchange);
        let profile = c.profile(exchange, Some(platform)).unwrap();
        let mut p = Permissions::default();
        let set = |p: &mut Permissions, perm: Permission, value: Known| {
            let value = if entry.reports(perm) {
                value
            } else {
                Known::NotReported
            };
            match perm {
                Permission::Read => p.read = value,
                Permission::SpotTrade => p.spot_trade = value,
                Permission::Margin => p.margin = value,
                Permission::Futures => p.futures = value,
                Permission::Withdraw => p.withdraw = value,
                Permission::InternalTransfer => p.internal_transfer = value,
                Permission::IpRestricted => p.ip_restricted = value,
            }
        };
        for perm in Permission::ALL {
            let value = if profile.required_on.contains(&perm) {
                Known::Yes
            } else {
                Known::No
            };
            set(&mut p, perm, value);
        }
        let ip = if profile.ip_whitelist == IpPolicy::Forbidden {
            Known::No
        } else {
            Known::Yes
        };
        set(&mut p, Permission::IpRestricted, ip);
        p
    }

    fn codes(verdict: &Verdict) -> Vec<&'static str> {
        verdict.reasons.iter().map(|r| r.code.as_str()).collect()
    }

    fn judge_now(exchange: &str, p: &Permissions, platform: &str) -> Verdict {
        judge(
            exchange,
            Some(p),
            Some(now() - Duration::days(1)),
            None,
            platform,
            now(),
        )
    }

    #[test]
    fn every_exchange_and_platform_pair_is_judged_from_the_data() {
        let c = catalog();
        for platform in c.platforms() {
            for exchange in c.exchanges() {
                let (e, pid) = (exchange.id.as_str(), platform.id.as_str());
                let verdict = judge_now(e, &healthy(e, pid), pid);
                let profile = c.profile(e, Some(pid)).unwrap();
                let mut unreported: Vec<&str> = Permission::ALL
                    .into_iter()
                    .filter(|p| profile.required_on.contains(p) || profile.required_off.contains(p))
                    .chain(
                        matches!(
                            profile.ip_whitelist,
                            IpPolicy::Required | IpPolicy::Forbidden
                        )
                        .then_some(Permission::IpRestricted),
                    )
                    .filter(|p| !exchange.reports(*p))
                    .map(Permission::as_str)
                    .collect();
                unreported.sort();
                let mut said: Vec<&str> = verdict
                    .reasons
                    .iter()
                    .filter(|r| r.code == ReasonCode::NotReported)
                    .map(|r| r.params["permission"].as_str())
                    .collect();
                said.sort();
                let at = format!("{e} × {pid}: {:?}", codes(&verdict));
                if !platform.supports(e) {
                    assert_eq!(verdict.status, Status::Rejected, "{at}");
                    assert!(codes(&verdict).contains(&"exchange_not_supported"), "{at}");
                    continue;
                }
                assert_eq!(said, unreported, "{at}");
                let expected = if unreported.is_empty() {
                    Status::Ready
                } else {
                    Status::Risky
                };
                assert_eq!(verdict.status, expected, "{at}");
                assert!(
                    verdict
                        .reasons
                        .iter()
                        .all(|r| r.severity != Severity::Blocker),
                    "{at}"
                );
            }
        }
    }

    #[test]
    fn specific_problems_give_their_reason_and_status() {
        type Edit = fn(&mut Permissions);
        let cases: [(&str, &str, Edit, Status, &[&str]); 11] = [
            (
                "binance",
                "bitsgap",
                |p| p.withdraw = Known::Yes,
                Status::Rejected,
                &["withdraw_enabled"],
            ),
            (
                "binance",
                "bitsgap",
                |p| p.ip_restricted = Known::No,
                Status::Rejected,
                &[
                    "ip_whitelist_required",
                    "ip_whitelist_missing",
                    "ip_whitelist_missing",
                ],
            ),
            (
                "binance",
                "crypty-ghost",
                |p| p.spot_trade = Known::Yes,
                Status::Risky,
                &["needless_permission"],
            ),
            (
                "binance",
                "crypty-trader",
                |p| p.spot_trade = Known::No,
                Status::Rejected,
                &["trading_off"],
            ),
            (
                "binance",
                "crypty-trader",
                |p| p.read = Known::No,
                Status::Rejected,
                &["read_off"],
            ),
            (
                "binance",
                "smartradex",
                |p| p.ip_restricted = Known::Yes,
                Status::Rejected,
                &["ip_whitelist_forbidden"],
            ),
            (
                "binance",
                "smartradex",
                |p| p.margin = Known::Yes,
                Status::Rejected,
                // SmartradeX forbids IP binding, so Binance's no-IP rules come along as information.
                &[
                    "margin_enabled",
                    "ip_whitelist_missing",
                    "ip_whitelist_missing",
                ],
            ),
            (
                "kucoin",
                "bitsgap",
                |p| p.internal_transfer = Known::Yes,
                Status::Risky,
                &["needless_permission"],
            ),
            (
                "okx",
                "freqtrade",
                |p| p.ip_restricted = Known::No,
                Status::Risky,
                &["ip_whitelist_recommended", "ip_whitelist_missing"],
            ),
            (
                "bybit",
                "altrady",
                |p| p.withdraw = Known::Yes,
                Status::Rejected,
                &["withdraw_enabled"],
            ),
            (
                "kraken",
                "3commas",
                |_| {},
                Status::Rejected,
                &["exchange_not_supported"],
            ),
        ];
        for (exchange, platform, edit, status, expected) in cases {
            let mut p = healthy(exchange, platform);
            edit(&mut p);
            let verdict = judge_now(exchange, &p, platform);
            assert_eq!(
                (verdict.status, codes(&verdict).as_slice()),
                (status, expected),
                "{exchange} × {platform}"
            );
        }
    }

    #[test]
    fn smartradex_key_without_ip_is_ready_but_told_about_binance_expiry() {
        let verdict = judge_now("binance", &healthy("binance", "smartradex"), "smartradex");
        assert_eq!(verdict.status, Status::Ready);
        assert!(verdict.reasons.iter().all(|r| r.severity == Severity::Info));
        assert_eq!(verdict.reasons[0].params["rule"], "binance-no-ip-trading");
        assert!(verdict.reasons[0].message("fr").contains("30 jours"));
    }

    #[test]
    fn whitebit_reports_nothing_so_bitsgap_asks_to_confirm_by_hand() {
        let verdict = judge_now("whitebit", &Permissions::default(), "bitsgap");
        assert_eq!(verdict.status, Status::Risky);
        let permissions: Vec<&str> = verdict
            .reasons
            .iter()
            .map(|r| r.params["permission"].as_str())
            .collect();
        assert_eq!(
            permissions,
            ["read", "spot_trade", "withdraw", "internal_transfer"]
        );
        assert_eq!(
            verdict.reasons[2].message("en"),
            "Withdrawals: not reported by WhiteBIT. Confirm it by hand with the checklist."
        );
    }

    #[test]
    fn never_checked_is_unknown_unless_already_expired() {
        let verdict = judge("binance", None, None, None, "bitsgap", now());
        assert_eq!(
            (verdict.status, codes(&verdict)),
            (Status::Unknown, vec!["never_checked"])
        );
        let expired = judge(
            "binance",
            None,
            None,
            Some(now() - Duration::hours(1)),
            "bitsgap",
            now(),
        );
        assert_eq!(
            (expired.status, codes(&expired)),
            (Status::Rejected, vec!["expired", "never_checked"])
        );
    }

    #[test]
    fn expiry_and_stale_checks_are_flagged() {
        let p = healthy("bybit", "bitsgap");
        let soon = judge(
            "bybit",
            Some(&p),
            Some(now()),
            Some(now() + Duration::days(5)),
            "bitsgap",
            now(),
        );
        assert_eq!(
            (soon.status, codes(&soon)),
            (Status::Risky, vec!["expires_soon"])
        );
        assert_eq!(soon.reasons[0].params["days"], "5");
        assert_eq!(
            soon.reasons[0].message("en"),
            "The key expires in 5 days: prepare a replacement."
        );

        let mut reported = p.clone();
        reported.expires_at = Some(now() - Duration::days(1));
        let expired = judge(
            "bybit",
            Some(&reported),
            Some(now()),
            None,
            "bitsgap",
            now(),
        );
        assert_eq!(
            (expired.status, codes(&expired)),
            (Status::Rejected, vec!["expired"])
        );

        let far = judge(
            "bybit",
            Some(&p),
            Some(now()),
            Some(now() + Duration::days(60)),
            "bitsgap",
            now(),
        );
        assert_eq!(far.status, Status::Ready);

        let stale = judge(
            "bybit",
            Some(&p),
            Some(now() - Duration::days(40)),
            None,
            "bitsgap",
            now(),
        );
        assert_eq!(
            (stale.status, codes(&stale)),
            (Status::Risky, vec!["check_stale"])
        );
        assert_eq!(stale.reasons[0].params["days"], "40");
    }

    #[test]
    fn unknown_platform_is_unknown() {
        let verdict = judge_now("binance", &Permissions::default(), "nosuchbot");
        assert_eq!(
            (verdict.status, codes(&verdict)),
            (Status::Unknown, vec!["unknown_platform"])
        );
    }

    #[test]
    fn reasons_read_naturally_in_each_language() {
        let mut p = healthy("binance", "bitsgap");
        p.withdraw = Known::Yes;
        let verdict = judge_now("binance", &p, "bitsgap");
        let reason = &verdict.reasons[0];
        assert_eq!(
            reason.message("en"),
            "Withdrawals are enabled: Bitsgap will reject this key. Untick withdrawals on Binance."
        );
        assert!(reason
            .message("fr")
            .starts_with("Les retraits sont activés : Bitsgap refusera"));
        assert!(reason.message("vi").contains("Bitsgap sẽ từ chối"));
        for lang in ["en", "fr", "vi"] {
            assert!(!reason.message(lang).contains('{'));
        }
    }
}
