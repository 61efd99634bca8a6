//! Each exchange's real client against the loopback mock (independent verifiers): a healthy key
//! reads balances and permissions; every fault, a wrong secret, an unknown key and a wrong
//! passphrase come back as the right diagnosis.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use coffre_exchanges::{Checker, RetryPolicy};
use coffre_mock_exchange::{start, Fault, MockAccount, MockOptions};
use coffre_model::{CheckReport, Credentials, DiagnosisKind, KeyType, Known};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::time::Duration;

/// The exchange clock shift used for the clock-skew case: beyond every exchange's tolerance.
const SKEW_MS: i64 = 120_000;

fn reports_permissions(exchange: &str) -> bool {
    !matches!(exchange, "whitebit" | "cryptocom")
}

fn has_passphrase(exchange: &str) -> bool {
    matches!(exchange, "okx" | "kucoin" | "bitget")
}

/// A credential set in the exchange's own format (Kraken base64, Coinbase Ed25519), from a seed.
pub(crate) fn account(exchange: &str, seed: &str) -> MockAccount {
    let (api_key, secret) = match exchange {
        "kraken" => (
            format!("kraken-{seed}-key"),
            BASE64.encode([seed.len() as u8; 64]),
        ),
        "coinbase" => {
            let mut seed_bytes = [7u8; 32];
            seed_bytes[0] = seed.len() as u8;
            let key = ed25519_dalek::SigningKey::from_bytes(&seed_bytes);
            let mut full = seed_bytes.to_vec();
            full.extend_from_slice(key.verifying_key().as_bytes());
            (
                format!("organizations/org/apiKeys/{seed}"),
                BASE64.encode(full),
            )
        }
        "gate" => (format!("a1b2c3d4e5f6{seed}0000"), format!("{seed}-secret")),
        _ => (
            format!("{exchange}-{seed}-key"),
            format!("{exchange}-{seed}-secret"),
        ),
    };
    let passphrase = has_passphrase(exchange).then_some("Pass-Phrase-1");
    MockAccount::new(exchange, &api_key, &secret, passphrase)
}

fn with_fault(mut account: MockAccount, fault: Fault) -> MockAccount {
    account.fault = Some(fault);
    account
}

pub(crate) fn creds(account: &MockAccount) -> Credentials {
    Credentials {
        api_key: account.api_key.as_str().into(),
        secret: account.secret.as_str().into(),
        passphrase: account.passphrase.as_deref().map(Into::into),
        key_type: if account.exchange == "coinbase" {
            KeyType::Ed25519
        } else {
            KeyType::Hmac
        },
    }
}

pub(crate) fn checker() -> Checker {
    // A Retry-After longer than a second is reported rather than waited for, to keep tests quick.
    Checker::new().with_retry_policy(RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(50),
        max_wait: Duration::from_secs(1),
    })
}

fn kind_of(report: &CheckReport) -> Option<&DiagnosisKind> {
    report.diagnosis.as_ref().map(|d| &d.kind)
}

/// What a case should produce; exchanges that cannot tell cases apart say so here.
fn expected(exchange: &str, case: &str) -> &'static str {
    match (exchange, case) {
        // Binance answers -2015 for all of these; only a missing permission can be told apart
        // (the key could still read its own restrictions).
        ("binance", "ip" | "expired" | "unknown_key") => "invalid_key",
        // One message for "unauthorized" on WhiteBIT and one code on Crypto.com and Coinbase.
        ("whitebit" | "cryptocom" | "coinbase", "wrong_secret") => "invalid_key",
        // KuCoin HMACs the passphrase with the secret: a wrong secret spoils the passphrase first.
        ("kucoin", "wrong_secret") => "wrong_passphrase",
        // Expired keys are deleted: the exchange no longer knows them (Bybit alone says "expired";
        // WhiteBIT says the key is disabled).
        ("whitebit", "expired") => "ip_not_whitelisted",
        ("bybit", "expired") => "key_expired",
        (_, "expired") => "invalid_key",
        // Kraken answers "Permission denied" for a key used from an IP off its allowlist.
        ("kraken", "ip") => "permission_missing",
        // Crypto.com has one code for every authorization failure.
        ("cryptocom", "permission") => "invalid_key",
        (_, "ip") => "ip_not_whitelisted",
        (_, "permission") => "permission_missing",
        (_, "wrong_secret") => "bad_signature",
        (_, "unknown_key") => "invalid_key",
        (_, "wrong_passphrase") => "wrong_passphrase",
        (_, "rate_limited") => "rate_limited",
        (_, "unavailable") => "exchange_unavailable",
        _ => "unknown case",
    }
}

fn name(kind: Option<&DiagnosisKind>) -> &'static str {
    kind.map(coffre_exchanges::messages::kind_name)
        .unwrap_or("none")
}

async fn round_trip(exchange: &str) {
    let healthy = account(exchange, "healthy");
    let faulty = [
        (
            "ip",
            with_fault(account(exchange, "ip"), Fault::IpNotWhitelisted),
        ),
        (
            "expired",
            with_fault(account(exchange, "expired"), Fault::Expired),
        ),
        (
            "permission",
            with_fault(account(exchange, "permission"), Fault::PermissionDenied),
        ),
        (
            "rate_limited",
            with_fault(account(exchange, "rate-limited"), Fault::RateLimited),
        ),
        (
            "unavailable",
            with_fault(account(exchange, "unavailable"), Fault::Unavailable),
        ),
    ];
    let mut accounts = vec![healthy.clone()];
    accounts.extend(faulty.iter().map(|(_, a)| a.clone()));
    let mock = start(accounts, MockOptions::default())
        .await
        .expect("mock starts");
    let url = mock
        .url(exchange)
        .expect("mock serves the exchange")
        .to_owned();
    // Coinbase's mock speaks TLS, with an authority of its own made for this run.
    let checker = checker()
        .with_loopback_tls_authority(mock.tls_authority_pem())
        .expect("the mock's authority is a certificate");
    let mut wrong = Vec::new();

    let report = checker.check(exchange, &creds(&healthy), Some(&url)).await;
    assert!(report.ok, "{exchange} healthy key: {:?}", report.diagnosis);
    let usdt = report
        .balances
        .iter()
        .find(|b| b.asset == "USDT")
        .expect("USDT balance");
    assert_eq!(usdt.free, Decimal::from_str("150").unwrap(), "{exchange}");
    assert_eq!(usdt.locked, Decimal::from_str("25").unwrap(), "{exchange}");
    assert!(
        report
            .balances
            .iter()
            .any(|b| b.asset.contains("BTC") || b.asset == "XXBT"),
        "{exchange}"
    );
    if reports_permissions(exchange) {
        assert_eq!(report.permissions.read, Known::Yes, "{exchange}");
        assert_eq!(report.permissions.spot_trade, Known::Yes, "{exchange}");
    } else {
        assert_eq!(
            report.permissions.withdraw,
            Known::NotReported,
            "{exchange}"
        );
    }
    let offset = report.clock_offset_ms.expect("clock offset measured");
    assert!(offset.abs() < 2_000, "{exchange} offset {offset}");

    for (case, account) in &faulty {
        let report = checker.check(exchange, &creds(account), Some(&url)).await;
        let got = name(kind_of(&report));
        if report.ok || got != expected(exchange, case) {
            wrong.push(format!("{case}: got {got} ({:?})", report.diagnosis));
        }
        if *case == "rate_limited" {
            if let Some(DiagnosisKind::RateLimited { retry_after_s }) = kind_of(&report) {
                if retry_after_s.is_none() && exchange != "kraken" {
                    wrong.push("rate_limited: no retry-after".to_owned());
                }
            }
        }
    }

    let mut wrong_secret = creds(&healthy);
    wrong_secret.secret = account(exchange, "other").secret.as_str().into();
    let report = checker.check(exchange, &wrong_secret, Some(&url)).await;
    if name(kind_of(&report)) != expected(exchange, "wrong_secret") {
        wrong.push(format!("wrong secret: {:?}", report.diagnosis));
    }
    let report = checker
        .check(exchange, &creds(&account(exchange, "unknown")), Some(&url))
        .await;
    if name(kind_of(&report)) != expected(exchange, "unknown_key") {
        wrong.push(format!("unknown key: {:?}", report.diagnosis));
    }
    if has_passphrase(exchange) {
        let mut wrong_passphrase = creds(&healthy);
        wrong_passphrase.passphrase = Some("not-the-passphrase".into());
        let report = checker.check(exchange, &wrong_passphrase, Some(&url)).await;
        if name(kind_of(&report)) != expected(exchange, "wrong_passphrase") {
            wrong.push(format!("wrong passphrase: {:?}", report.diagnosis));
        }
    }
    mock.shutdown().await;

    // The skewed exchange clock needs its own mock: the fault shifts the whole exchange's time.
    let skewed = with_fault(account(exchange, "skewed"), Fault::ClockSkewMs(SKEW_MS));
    let mock = start(vec![skewed.clone()], MockOptions::default())
        .await
        .expect("mock starts");
    let url = mock
        .url(exchange)
        .expect("mock serves the exchange")
        .to_owned();
    let checker = checker
        .with_loopback_tls_authority(mock.tls_authority_pem())
        .expect("the mock's authority is a certificate");
    let report = checker.check(exchange, &creds(&skewed), Some(&url)).await;
    match (exchange, kind_of(&report), report.clock_offset_ms) {
        // Crypto.com has no time endpoint: the offset comes from the HTTP `Date` header, which the
        // mock does not shift, so only the kind can be checked.
        ("cryptocom", Some(DiagnosisKind::ClockSkew { .. }), _) => {}
        // Kraken's nonce is a counter: a wrong clock does not stop the key, but it is measured.
        ("kraken", None, Some(offset)) if (offset + SKEW_MS).abs() < 2_000 => {}
        // Local clock minus exchange clock: the exchange is ahead by SKEW_MS, so we are behind.
        (_, Some(DiagnosisKind::ClockSkew { offset_ms }), _)
            if (offset_ms + SKEW_MS).abs() < 2_000 => {}
        (_, kind, offset) => wrong.push(format!("clock skew: got {kind:?}, offset {offset:?}")),
    }
    mock.shutdown().await;

    assert!(wrong.is_empty(), "{exchange}:\n{}", wrong.join("\n"));
}

macro_rules! round_trip_tests {
    ($($test:ident => $exchange:literal),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() {
                round_trip($exchange).await;
            }
        )*
    };
}

round_trip_tests! {
    binance_reads_balances_and_permissions_and_diagnoses_every_fault => "binance",
    whitebit_reads_balances_and_diagnoses_every_fault => "whitebit",
    cryptocom_reads_balances_and_diagnoses_every_fault => "cryptocom",
    okx_reads_balances_and_permissions_and_diagnoses_every_fault => "okx",
    bybit_reads_balances_and_permissions_and_diagnoses_every_fault => "bybit",
    kraken_reads_balances_and_permissions_and_diagnoses_every_fault => "kraken",
    kucoin_reads_balances_and_permissions_and_diagnoses_every_fault => "kucoin",
    coinbase_reads_balances_and_permissions_and_diagnoses_every_fault => "coinbase",
    bitget_reads_balances_and_permissions_and_diagnoses_every_fault => "bitget",
    gate_reads_balances_and_permissions_and_diagnoses_every_fault => "gate",
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_many_keeps_each_id_with_its_own_report() {
    let good = account("binance", "many-good");
    let bad = with_fault(account("binance", "many-bad"), Fault::Unavailable);
    let mock = start(vec![good.clone(), bad.clone()], MockOptions::default())
        .await
        .unwrap();
    let url = mock.url("binance").map(str::to_owned);
    let reports = checker()
        .check_many(vec![
            (
                "a".to_owned(),
                "binance".to_owned(),
                creds(&good),
                url.clone(),
            ),
            (
                "b".to_owned(),
                "binance".to_owned(),
                creds(&bad),
                url.clone(),
            ),
            (
                "c".to_owned(),
                "nosuchexchange".to_owned(),
                creds(&good),
                None,
            ),
        ])
        .await;
    let ids: Vec<&str> = reports.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert!(reports[0].1.ok);
    assert_eq!(
        kind_of(&reports[1].1),
        Some(&DiagnosisKind::ExchangeUnavailable)
    );
    assert!(!reports[2].1.ok);
    mock.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_exchange_is_a_network_error_not_a_panic() {
    // Port 9 on loopback: nothing listens there.
    let report = Checker::new()
        .with_retry_policy(RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        })
        .check(
            "okx",
            &creds(&account("okx", "x")),
            Some("http://127.0.0.1:9"),
        )
        .await;
    assert!(!report.ok);
    assert_eq!(kind_of(&report), Some(&DiagnosisKind::NetworkError));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_appears_in_a_failed_report() {
    let mut key = account("bitget", "leak");
    key.secret = "SUPER-SECRET-VALUE".to_owned();
    let mock = start(vec![account("bitget", "other")], MockOptions::default())
        .await
        .unwrap();
    let report = checker()
        .check("bitget", &creds(&key), mock.url("bitget"))
        .await;
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains("SUPER-SECRET-VALUE") && !json.contains("Pass-Phrase-1"),
        "{json}"
    );
    mock.shutdown().await;
}
