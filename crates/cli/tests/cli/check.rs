//! check: results are printed as JSON lines, saved in the vault, and failures exit 4.

use crate::support::*;
use serde_json::Value;

/// A loopback port nothing listens on: the connection is refused at once.
fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("binance=http://127.0.0.1:{port}")
}

#[test]
fn unreachable_exchange_fails_with_exit_4_and_is_recorded() {
    let vault = TestVault::with_binance();
    let url = dead_url();
    let out = vault.run(
        &["check", "--all", "--json", "--base-url", &url],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["label"], "main");
    assert_eq!(lines[0]["exchange"], "binance");
    assert_eq!(lines[0]["ok"], false);
    assert!(lines[0]["diagnosis"]["kind"].is_string(), "{}", lines[0]);
    assert!(!all_output(&out).contains(BINANCE_SECRET));

    let out = vault.run(&["list", "--json"], &[PASSWORD]);
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["status"], "failed");
    assert!(rows[0]["last_checked_at"].is_string());
}
