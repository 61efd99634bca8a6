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
    // Issue 14: not reaching the exchange is "couldn't check", not a failed key, and dates no
    // check of the key (the vault keeps the attempt apart from the last known check).
    assert_eq!(rows[0]["status"], "couldnt_check");
    assert!(rows[0]["last_checked_at"].is_null(), "{}", rows[0]);
}

/// Runs `coffre ARGS` while a mock Binance that knows the test key answers on loopback.
fn with_mock_binance(vault: &TestVault, args: &[&str]) -> std::process::Output {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let account =
        coffre_mock_exchange::MockAccount::new("binance", BINANCE_KEY, BINANCE_SECRET, None);
    let mock = runtime
        .block_on(coffre_mock_exchange::start(
            vec![account],
            Default::default(),
        ))
        .unwrap();
    let flag = format!("binance={}", mock.url("binance").unwrap());
    let mut full = args.to_vec();
    full.extend(["--base-url", flag.as_str()]);
    let out = vault.run(&full, &[PASSWORD]);
    runtime.block_on(mock.shutdown());
    out
}

#[test]
fn healthy_key_passes_with_exit_0_and_balances() {
    let vault = TestVault::with_binance();
    let out = with_mock_binance(&vault, &["check", "main", "--json"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let line: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(line["ok"], true, "{line}");
    assert!(line["diagnosis"].is_null());
    assert!(line["balances"].is_array());
    assert!(line["permissions"]["read"].is_string());
}

#[test]
fn one_failing_key_among_several_exits_4_with_one_line_each() {
    let vault = TestVault::with_binance();
    // Same exchange, a key the mock does not know: refused.
    let out = vault.run(
        &["add", "--exchange", "binance", "--label", "unknown"],
        &[PASSWORD, &BINANCE_KEY.replace('v', "w"), BINANCE_SECRET],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = with_mock_binance(&vault, &["check", "--all", "--json"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_label = |label: &str| lines.iter().find(|l| l["label"] == label).unwrap().clone();
    assert_eq!(lines.len(), 2);
    assert_eq!(by_label("main")["ok"], true);
    assert_eq!(by_label("unknown")["ok"], false);
    assert!(by_label("unknown")["diagnosis"]["message"].is_string());
}

#[test]
fn a_healthy_key_s_line_tells_what_its_balances_are_worth() {
    let vault = TestVault::with_binance();
    let out = with_mock_binance(&vault, &["check", "main"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    // The mock's default balances: BTC 0.0125, ETH 0.42, USDT 150 + 25 in orders.
    let price = |base| coffre_mock_exchange::last_price("binance", base, "USDT").unwrap();
    let dec = |text: &str| text.parse::<rust_decimal::Decimal>().unwrap();
    let total = dec("0.0125") * price("BTC") + dec("0.42") * price("ETH") + dec("175");
    let worth = coffre_core::holdings::worth_text(&coffre_model::Valuation {
        quote: "USDT".to_owned(),
        total,
        assets: Vec::new(),
        prices_read: true,
    });
    assert!(worth.starts_with("≈ 2 "), "{worth}");
    assert!(
        stdout(&out).contains(&format!("3 asset(s) with a balance, {worth}")),
        "{}",
        stdout(&out)
    );

    let out = with_mock_binance(&vault, &["check", "main", "--json"]);
    let line: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(line["valuation"]["quote"], "USDT", "{line}");
    assert_eq!(line["valuation"]["prices_read"], true);
    assert_eq!(line["valuation"]["total"].as_str().map(dec), Some(total));
}

#[test]
fn holdings_adds_up_what_the_checks_read_and_counts_apart_the_keys_never_read() {
    let vault = TestVault::with_binance();
    let out = vault.run(&["holdings"], &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no balances read yet"),
        "{}",
        stderr(&out)
    );

    // A second key the mock does not know: refused, so nothing of it is counted.
    let out = vault.run(
        &["add", "--exchange", "binance", "--label", "unknown"],
        &[PASSWORD, &BINANCE_KEY.replace('v', "w"), BINANCE_SECRET],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = with_mock_binance(&vault, &["check", "--all"]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));

    let price = |base| coffre_mock_exchange::last_price("binance", base, "USDT").unwrap();
    let dec = |text: &str| text.parse::<rust_decimal::Decimal>().unwrap();
    let total = dec("0.0125") * price("BTC") + dec("0.42") * price("ETH") + dec("175");
    let out = vault.run(&["holdings"], &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let worth = coffre_core::holdings::quote_text(total, "USDT");
    let line = |start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_default()
    };
    assert!(line("Binance").contains(&worth), "{text}");
    // One key counted, as of today's check.
    assert!(
        line("Binance").contains(&format!("   1  {}", chrono::Utc::now().format("%Y-%m-%d"))),
        "{text}"
    );
    assert!(line("TOTAL").ends_with(&worth), "{text}");
    assert!(text.contains("1 key(s) not counted"), "{text}");

    let out = vault.run(&["holdings", "--json"], &[PASSWORD]);
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["exchanges"][0]["exchange"], "binance", "{summary}");
    assert_eq!(summary["exchanges"][0]["keys"], 1);
    assert_eq!(summary["quotes"][0]["total"].as_str().map(dec), Some(total));
    assert_eq!(summary["not_read"], 1);
    assert!(!all_output(&out).contains(BINANCE_SECRET));
}
