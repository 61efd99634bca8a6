//! The demo through the real `coffre-mock-exchange` program: its own process, its accounts, their
//! platforms, stopped with the demo.

use crate::support::session;
use coffre_core::demo::{self, DemoExchanges};
use std::path::PathBuf;

/// The mock program of this build (scripts/test builds every binary of the workspace first).
fn program() -> PathBuf {
    demo::find_mock_program().unwrap_or_else(|| {
        panic!(
            "{} is not built beside the tests: run `cargo build -p coffre-mock-exchange`",
            demo::MOCK_PROGRAM
        )
    })
}

fn alive(pid: u32) -> bool {
    // A zombie still has a /proc entry, so look at its state too.
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s.contains(") Z "))
        .unwrap_or(false)
}

#[test]
fn demo_vault_holds_the_mocks_accounts_with_their_platforms_and_urls() {
    let t = session();
    let accounts = demo::accounts(&program()).unwrap();
    let exchanges = DemoExchanges::start(&program()).unwrap();
    assert!(exchanges.urls["binance"].starts_with("http://127.0.0.1:"));
    assert!(exchanges.urls["coinbase"].starts_with("https://127.0.0.1:"));
    assert!(exchanges
        .tls_authority_pem
        .starts_with("-----BEGIN CERTIFICATE-----"));
    let vault = demo::build_vault(
        &t.dir.path().join("demo.coffre"),
        &accounts,
        &exchanges.urls,
    )
    .unwrap();
    let records = vault.list().unwrap();
    assert_eq!(records.len(), accounts.len());
    let main = records
        .iter()
        .find(|r| r.meta.label == "Binance main")
        .expect("the healthy Binance key");
    assert_eq!(main.meta.platforms, ["bitsgap"]);
    assert_eq!(
        main.meta.base_url.as_ref(),
        Some(&exchanges.urls["binance"])
    );
    let skew = records
        .iter()
        .find(|r| r.meta.label == "Bybit clock skew")
        .unwrap();
    assert_eq!(
        skew.meta.notes,
        "Demo key: its mock exchange answers that this computer's clock is 120\u{a0}s off.",
        "a fault in words, never the mock's code"
    );
    // Every platform the demo assigns is one the catalog knows.
    for r in &records {
        for p in &r.meta.platforms {
            assert!(coffre_catalog::catalog().platform(p).is_some(), "{p}");
        }
    }
}

#[test]
fn the_mock_exchanges_run_apart_and_stop_with_the_demo() {
    let exchanges = DemoExchanges::start(&program()).unwrap();
    let pid = exchanges.pid();
    assert_ne!(pid, std::process::id(), "a process of its own");
    assert!(alive(pid));
    drop(exchanges);
    assert!(!alive(pid), "stopped when the demo ends");
}

#[test]
fn locking_the_demo_session_stops_its_exchanges() {
    let t = session();
    demo::open(&t.session, &t.dir.path().join("demo.coffre"), &program()).unwrap();
    assert!(t.session.is_demo() && t.session.is_unlocked());
    t.session.lock();
    assert!(!t.session.is_demo());
}

#[test]
fn a_program_that_is_not_the_mock_is_a_clear_demo_error() {
    let err = DemoExchanges::start(std::path::Path::new("/nonexistent/coffre-mock-exchange"))
        .err()
        .expect("refused");
    assert_eq!(err.code(), "demo_unavailable");
    let err = DemoExchanges::start(std::path::Path::new("/bin/true"))
        .err()
        .expect("no URL map");
    assert!(err.to_string().contains("exited at start"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_coinbase_key_is_checked_over_tls_with_the_mocks_authority() {
    let t = session();
    demo::open(&t.session, &t.dir.path().join("demo.coffre"), &program()).unwrap();
    let records = t.session.with_vault(|v| Ok(v.list()?)).unwrap();
    let coinbase = records
        .iter()
        .find(|r| r.meta.exchange == "coinbase")
        .expect("the demo's Coinbase key");
    assert!(coinbase
        .meta
        .base_url
        .as_deref()
        .is_some_and(|url| url.starts_with("https://127.0.0.1:")));
    let report = coffre_core::checks::check_one(&t.session, &coinbase.id)
        .await
        .unwrap();
    assert!(report.ok, "{:?}", report.diagnosis);
    assert!(!report.balances.is_empty());
}
