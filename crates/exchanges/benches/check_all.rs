//! Checks 50 keys across the ten exchanges with `check_many`, against the loopback mock with
//! 300 ms of latency per response, and prints the wall time and its ratio to one request's
//! latency. A check is 2-3 requests per key (time probe, balance, permissions); they run side by
//! side; Kraken's second request leaves 25 ms after its first, since its nonces must arrive in order.

use coffre_exchanges::{supported, Checker};
use coffre_mock_exchange::{healthy_accounts, start, MockAccount, MockOptions};
use coffre_model::{Credentials, KeyType};
use std::time::{Duration, Instant};

const KEYS: usize = 50;
const LATENCY: Duration = Duration::from_millis(300);

fn creds(account: &MockAccount) -> Credentials {
    let key_type = match (
        account.exchange.as_str(),
        account.secret.starts_with("-----BEGIN"),
    ) {
        ("coinbase", true) => KeyType::Ecdsa,
        ("coinbase", false) => KeyType::Ed25519,
        _ => KeyType::Hmac,
    };
    Credentials {
        api_key: account.api_key.as_str().into(),
        secret: account.secret.as_str().into(),
        passphrase: account.passphrase.as_deref().map(Into::into),
        key_type,
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        // Five healthy keys per exchange, built from the demo's healthy key formats.
        let accounts = healthy_accounts(KEYS / supported().len());
        let mock = start(accounts.clone(), MockOptions { latency: LATENCY })
            .await
            .expect("mock starts");
        let items: Vec<_> = accounts
            .iter()
            .enumerate()
            .map(|(n, a)| {
                let url = mock.url(&a.exchange).map(str::to_owned);
                (n.to_string(), a.exchange.clone(), creds(a), url)
            })
            .collect();
        // The mock serves Coinbase over TLS with an authority made for the run.
        let checker = Checker::new()
            .with_loopback_tls_authority(mock.tls_authority_pem())
            .expect("the mock's authority");
        // Warm-up: connection set-up is not what is measured.
        let _ = checker.check_many(items.clone()).await;
        let started = Instant::now();
        let reports = checker.check_many(items).await;
        let wall = started.elapsed();
        let ok = reports.iter().filter(|(_, r)| r.ok).count();
        println!("check_many: {} keys across {} exchanges, mock latency {} ms", reports.len(), supported().len(), LATENCY.as_millis());
        println!("  healthy reports: {ok}/{}", reports.len());
        let priced = reports
            .iter()
            .filter(|(_, r)| r.valuation.as_ref().is_some_and(|v| v.prices_read))
            .count();
        // The tickers are read alongside the signed requests, one per exchange per `check_many`.
        println!("  valued at the exchange's ticker: {priced}/{}", reports.len());
        // A figure over failing checks measures nothing.
        assert_eq!(ok, reports.len(), "every key of the bench must check healthy");
        for (id, report) in reports.iter().filter(|(_, r)| !r.ok) {
            println!("  not ok: key {id} on {}: {:?}", report.exchange, report.diagnosis.as_ref().map(|d| &d.kind));
        }
        println!("  wall time: {} ms", wall.as_millis());
        println!(
            "  ratio to one request's latency: {:.2}x (target <= 2x; Kraken's second request leaves 25 ms after its first)",
            wall.as_secs_f64() / LATENCY.as_secs_f64()
        );
        mock.shutdown().await;
    });
}
