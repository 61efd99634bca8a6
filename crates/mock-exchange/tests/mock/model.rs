//! The account model: fault JSON forms, secret-free Debug output, and the demo set's shape.

use coffre_mock_exchange::{demo_accounts, Fault, MockAccount, EXCHANGES};

#[test]
fn faults_round_trip_through_their_json_strings() {
    for (fault, text) in [
        (Fault::IpNotWhitelisted, "\"ip_not_whitelisted\""),
        (Fault::Expired, "\"expired\""),
        (Fault::ClockSkewMs(-1500), "\"clock_skew_ms:-1500\""),
        (Fault::RateLimited, "\"rate_limited\""),
        (Fault::Unavailable, "\"unavailable\""),
        (Fault::PermissionDenied, "\"permission_denied\""),
    ] {
        assert_eq!(serde_json::to_string(&fault).unwrap(), text);
        assert_eq!(serde_json::from_str::<Fault>(text).unwrap(), fault);
    }
    assert!(serde_json::from_str::<Fault>("\"clock_skew_ms:soon\"").is_err());
}

#[test]
fn minimal_account_json_defaults_to_a_healthy_trading_key() {
    let a: MockAccount =
        serde_json::from_str(r#"{"exchange":"binance","api_key":"k","secret":"s"}"#).unwrap();
    let p = a.permissions_or_default();
    assert!(p.read && p.spot_trade && !p.withdraw);
    assert_eq!(a.allowed_ips_or_default(), ["127.0.0.1"]);
    assert!(!a.balances_or_default().is_empty());
    assert!(serde_json::from_str::<MockAccount>(
        r#"{"exchange":"binance","api_key":"k","secret":"s","typo":1}"#
    )
    .is_err());
}

#[test]
fn debug_output_hides_secret_and_passphrase() {
    for a in demo_accounts() {
        let shown = format!("{a:?}");
        assert!(!shown.contains(&a.secret), "{}", a.exchange);
        if let Some(p) = &a.passphrase {
            assert!(!shown.contains(p.as_str()), "{}", a.exchange);
        }
    }
}

#[test]
fn demo_set_has_a_healthy_key_per_exchange_and_every_fault() {
    let demo = demo_accounts();
    for exchange in EXCHANGES {
        assert!(
            demo.iter()
                .any(|a| a.exchange == exchange && a.fault.is_none()),
            "{exchange}"
        );
    }
    for kind in [
        "ip_not_whitelisted",
        "expired",
        "clock_skew_ms",
        "rate_limited",
        "unavailable",
        "permission_denied",
    ] {
        assert!(
            demo.iter()
                .any(|a| a.fault.is_some_and(|f| f.to_string().starts_with(kind))),
            "{kind}"
        );
    }
    assert!(demo
        .iter()
        .all(|a| a.label.is_some() && a.validate().is_ok()));
    assert_eq!(demo, demo_accounts(), "the demo set is deterministic");
}

#[test]
fn demo_credentials_have_each_exchange_format() {
    let hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    let alnum = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
    for a in demo_accounts() {
        let (k, s) = (a.api_key.as_str(), a.secret.as_str());
        let ok = match a.exchange.as_str() {
            "binance" => k.len() == 64 && s.len() == 64 && alnum(k) && alnum(s),
            "whitebit" => k.len() == 32 && s.len() == 32 && hex(k) && hex(s),
            "cryptocom" => k.len() == 22 && s.len() == 22 && alnum(k) && alnum(s),
            "okx" => k.len() == 36 && s.len() == 32 && hex(s) && s == s.to_uppercase(),
            "bybit" => k.len() == 18 && s.len() == 36 && alnum(k) && alnum(s),
            "kraken" => k.len() == 56 && s.len() == 88,
            "kucoin" => k.len() == 24 && hex(k) && s.len() == 36,
            "coinbase" => {
                k.starts_with("organizations/")
                    && k.contains("/apiKeys/")
                    && s.starts_with("-----BEGIN EC PRIVATE KEY-----")
            }
            "bitget" => k.starts_with("bg_") && k.len() == 35 && hex(&k[3..]),
            "gate" => k.len() == 32 && s.len() == 64 && hex(k) && hex(s),
            _ => false,
        };
        assert!(ok, "{} credentials have the wrong format", a.exchange);
    }
}
