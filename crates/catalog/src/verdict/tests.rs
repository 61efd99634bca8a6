//! Verdicts for every exchange × platform of the shipped data, for specific problems, and on a
//! small hand-written catalog where the data behind an answer must be plain to see.

use super::*;
use crate::fixture::small_catalog;
use chrono::{Duration, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
}

/// A key that gives a platform exactly what it asks, as far as the exchange reports it.
fn healthy(exchange: &str, platform: &str) -> Permissions {
    healthy_in(catalog(), exchange, platform)
}

fn healthy_in(c: &Catalog, exchange: &str, platform: &str) -> Permissions {
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
    verdict.reasons.iter().map(Reason::code).collect()
}

fn judge_now(exchange: &str, p: &Permissions, platform: &str) -> Verdict {
    catalog().judge(
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
                .filter_map(|r| match r.kind {
                    ReasonKind::NotReported { permission } => Some(permission.as_str()),
                    _ => None,
                })
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
                    .all(|r| r.severity() != Severity::Blocker),
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
    assert!(verdict
        .reasons
        .iter()
        .all(|r| r.severity() == Severity::Info));
    assert_eq!(
        verdict.reasons[0].kind.rule(),
        Some("binance-no-ip-trading")
    );
    assert!(verdict.reasons[0].message("fr").contains("30 jours"));
}

#[test]
fn whitebit_reports_nothing_so_bitsgap_asks_to_confirm_by_hand() {
    let verdict = judge_now("whitebit", &Permissions::default(), "bitsgap");
    assert_eq!(verdict.status, Status::Risky);
    let permissions: Vec<&str> = verdict
        .reasons
        .iter()
        .map(|r| r.kind.permission().expect("names a permission").as_str())
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
    assert_eq!(soon.reasons[0].kind.days(), Some(5));
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
    assert_eq!(stale.reasons[0].kind.days(), Some(40));
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
        .starts_with("Les retraits sont activés\u{a0}: Bitsgap refusera"));
    assert!(reason.message("vi").contains("Bitsgap sẽ từ chối"));
    for lang in ["en", "fr", "vi"] {
        assert!(!reason.message(lang).contains('{'));
    }
}

#[test]
fn on_a_small_catalog_a_trading_key_without_ip_is_told_the_exchange_rule() {
    let c = small_catalog();
    let mut p = healthy_in(&c, "acme", "tidy");
    p.ip_restricted = Known::No;
    let verdict = c.judge("acme", Some(&p), Some(now()), None, "tidy", now());
    assert_eq!(verdict.status, Status::Risky);
    let kinds: Vec<&ReasonKind> = verdict.reasons.iter().map(|r| &r.kind).collect();
    assert_eq!(
        kinds,
        [
            &ReasonKind::IpWhitelistRecommended,
            &ReasonKind::IpWhitelistMissing {
                rule: "acme-no-ip".into(),
                unavoidable: false
            }
        ]
    );
    assert_eq!(
        c.reason_message(&verdict.reasons[0], "en"),
        "No IP whitelist: anyone who steals this key can use it from anywhere. Add Tidy's IP addresses on Acme."
    );
    assert_eq!(
        c.reason_message(&verdict.reasons[1], "en"),
        "No IP whitelist: Acme deletes trading keys without an IP whitelist after 90 days."
    );
}

#[test]
fn on_a_small_catalog_withdrawals_on_are_refused_and_other_exchanges_are_not_supported() {
    let c = small_catalog();
    let mut p = healthy_in(&c, "acme", "tidy");
    p.withdraw = Known::Yes;
    let verdict = c.judge("acme", Some(&p), Some(now()), None, "tidy", now());
    assert_eq!(
        (verdict.status, codes(&verdict)),
        (Status::Rejected, vec!["withdraw_enabled"])
    );
    let elsewhere = c.judge("mexc", None, None, None, "tidy", now());
    assert_eq!(
        (elsewhere.status, codes(&elsewhere)),
        (
            Status::Rejected,
            vec!["exchange_not_supported", "never_checked"]
        )
    );
    assert_eq!(
        c.reason_message(&elsewhere.reasons[0], "fr"),
        "Tidy ne se connecte pas à Other exchange."
    );
}

#[test]
fn a_missing_permission_without_its_own_code_is_named_in_the_sentence() {
    let c = small_catalog();
    let mut p = healthy_in(&c, "acme", "payout");
    p.withdraw = Known::No;
    let verdict = c.judge("acme", Some(&p), Some(now()), None, "payout", now());
    assert_eq!(verdict.status, Status::Rejected);
    assert_eq!(
        verdict.reasons[0].kind,
        ReasonKind::PermissionOff {
            permission: Permission::Withdraw
        }
    );
    assert_eq!(
        c.reason_message(&verdict.reasons[0], "en"),
        "Permission off: Withdrawals. Payout needs it; enable it on Acme."
    );
}
