//! Platforms: `audit` verdicts and exit code, the encrypted share file between two vaults,
//! `keygen ed25519` against the mock Binance, and the per-platform IP lists.

use crate::support::*;
use coffre_mock_exchange::{demo_accounts, MockAccount, MockKeyType};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

/// Runs `coffre ARGS --base-url binance=<mock>` while the mock serves `accounts`.
fn with_mock(vault: &TestVault, accounts: Vec<MockAccount>, args: &[&str]) -> std::process::Output {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime
        .block_on(coffre_mock_exchange::start(accounts, Default::default()))
        .unwrap();
    let flag = format!("binance={}", mock.url("binance").unwrap());
    let mut full = args.to_vec();
    full.extend(["--base-url", flag.as_str()]);
    let out = vault.run(&full, &[PASSWORD]);
    runtime.block_on(mock.shutdown());
    out
}

fn audit_json(vault: &TestVault, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["audit", "--json"];
    args.extend_from_slice(extra);
    let out = vault.run(&args, &[PASSWORD]);
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
    (code(&out), json)
}

#[test]
fn audit_flags_a_checked_key_that_can_withdraw_with_exit_6() {
    let demo = demo_accounts()
        .into_iter()
        .find(|a| a.label.as_deref() == Some("Binance withdrawals on"))
        .expect("the demo has a Binance key with withdrawals on");
    let vault = TestVault::new();
    let out = vault.run(
        &[
            "add",
            "--exchange",
            "binance",
            "--label",
            "bot",
            "--platform",
            "bitsgap",
        ],
        &[PASSWORD, &demo.api_key, &demo.secret],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = with_mock(&vault, demo_accounts(), &["check", "bot"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));

    let (code, audit) = audit_json(&vault, &[]);
    assert_eq!(code, 6, "{audit:#}");
    let key = &audit["keys"][0];
    assert_eq!(key["label"], "bot");
    let verdict = &key["verdicts"][0];
    assert_eq!(verdict["platform"], "bitsgap");
    assert!(
        verdict["status"] == "rejected" || verdict["status"] == "risky",
        "{verdict:#}"
    );
    let reasons = verdict["reasons"].as_array().unwrap();
    let withdraw = reasons
        .iter()
        .find(|r| r["code"] == "withdraw_enabled")
        .unwrap_or_else(|| panic!("no withdraw reason in {verdict:#}"));
    assert!(withdraw["message"].as_str().unwrap().len() > 10);
    assert_eq!(audit["safety"]["can_withdraw"], serde_json::json!(["bot"]));
    assert!(!vault.run(&["audit"], &[PASSWORD]).stdout.is_empty());
}

/// Issue 14: `audit` must list every reason, several sharing a code (3Commas and a Binance key
/// without IP whitelist: one per Binance rule), and never count a key never read as safe.
#[test]
fn audit_lists_every_reason_even_sharing_a_code_and_unread_keys_as_not_verified() {
    let demo = demo_accounts()
        .into_iter()
        .find(|a| a.label.as_deref() == Some("Binance no IP restriction"))
        .expect("the demo has a Binance key without IP restriction");
    let vault = TestVault::new();
    let args = |label: &'static str| {
        [
            "add",
            "--exchange",
            "binance",
            "--label",
            label,
            "--platform",
            "3commas",
        ]
    };
    let out = vault.run(&args("open"), &[PASSWORD, &demo.api_key, &demo.secret]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let (code_unread, unread) = audit_json(&vault, &[]);
    assert_eq!(code_unread, 0, "{unread:#}");
    assert_eq!(unread["safety"]["can_withdraw"], serde_json::json!([]));
    assert_eq!(
        unread["safety"]["withdraw_unknown"],
        serde_json::json!(["open"])
    );

    let out = with_mock(&vault, demo_accounts(), &["check", "open"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let (code, audit) = audit_json(&vault, &[]);
    assert_eq!(code, 6, "{audit:#}");
    let verdict = &audit["keys"][0]["verdicts"][0];
    assert_eq!(verdict["status"], "risky", "{verdict:#}");
    let same: Vec<&Value> = verdict["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["code"] == "ip_whitelist_missing")
        .collect();
    assert!(same.len() >= 2, "{verdict:#}");
    assert_ne!(same[0]["message"], same[1]["message"]);
    assert_eq!(audit["safety"]["withdraw_unknown"], serde_json::json!([]));
    let text = stdout(&vault.run(&["audit"], &[PASSWORD]));
    for reason in &same {
        assert!(text.contains(reason["message"].as_str().unwrap()), "{text}");
    }
}

#[test]
fn audit_of_unchecked_keys_exits_0_and_speaks_the_asked_language() {
    let vault = TestVault::with_binance();
    let (code, en) = audit_json(&vault, &[]);
    assert_eq!(code, 0, "{en:#}");
    let verdict = &en["keys"][0]["verdicts"][0];
    assert_eq!(verdict["status"], "unknown");
    assert_eq!(verdict["reasons"][0]["code"], "never_checked");
    let (_, fr) = audit_json(&vault, &["--lang", "fr"]);
    let message = |v: &Value| v["keys"][0]["verdicts"][0]["reasons"][0]["message"].clone();
    assert_ne!(message(&en), message(&fr));
}

/// The one-time passphrase `export --format share` prints on stderr.
fn passphrase_from(stderr_text: &str) -> String {
    stderr_text
        .lines()
        .find_map(|l| {
            l.split_once("passphrase: ")
                .map(|(_, p)| p.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no passphrase in {stderr_text}"))
}

#[test]
fn share_file_moves_a_key_between_two_vaults() {
    let sender = TestVault::with_binance();
    let file = sender.file("main.coffre-share");
    let out = sender.run(
        &[
            "export",
            "main",
            "--format",
            "share",
            "--output",
            file.to_str().unwrap(),
        ],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let passphrase = passphrase_from(&stderr(&out));
    assert!(!all_output(&out).contains(BINANCE_SECRET));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"COFFRE-SHARE"));

    let receiver = TestVault::new();
    let path = file.to_str().unwrap();
    let out = receiver.run(
        &["import", "--format", "share", path],
        &[PASSWORD, "WRONG-WRONG"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(receiver.labels().is_empty());

    let out = receiver.run(
        &["import", "--format", "share", path],
        &[PASSWORD, &passphrase],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let env = |v: &TestVault| stdout(&v.run(&["export", "main", "--format", "env"], &[PASSWORD]));
    assert_eq!(env(&receiver), env(&sender));
    assert!(env(&receiver).contains(BINANCE_SECRET));
    let shown = receiver.run(&["show", "main", "--json"], &[PASSWORD]);
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["platforms"], serde_json::json!(["bitsgap"]));
}

#[test]
fn keygen_stores_an_ed25519_key_that_passes_the_mock_check() {
    /// Binance API keys are 64 alphanumerics.
    const ISSUED: &str = "Ed25519IssuedKey000000000000000000000000000000000000000000000042";
    let vault = TestVault::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["--vault", vault.path.to_str().unwrap(), "--password-stdin"])
        .args([
            "keygen",
            "ed25519",
            "--label",
            "ed",
            "--platform",
            "bitsgap",
        ])
        .env_remove("COFFRE_PASSWORD")
        .env_remove("COFFRE_VAULT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{PASSWORD}").unwrap();
    // The public key comes first; Binance issues the API key only after it is uploaded.
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut public_pem = String::new();
    while !public_pem.contains("-----END PUBLIC KEY-----") {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            let _ = child.kill();
            let _ = child.wait();
            panic!("coffre ended before printing the public key: {public_pem}");
        }
        public_pem.push_str(&line);
    }
    writeln!(stdin, "{ISSUED}").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "keygen failed: {}", stderr(&out));
    assert!(!public_pem.contains("PRIVATE"));

    let mut uploaded = MockAccount::new("binance", ISSUED, &public_pem, None);
    uploaded.key_type = Some(MockKeyType::Ed25519);
    let out = with_mock(&vault, vec![uploaded], &["check", "ed", "--json"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let line: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(line["ok"], true, "{line}");
    let shown = vault.run(&["show", "ed", "--json"], &[PASSWORD]);
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["key_type"], "ed25519");
}

#[test]
fn platform_ips_are_stored_shown_and_validated() {
    let vault = TestVault::with_binance();
    let out = vault.run(
        &[
            "platform-ips",
            "main",
            "bitsgap",
            "203.0.113.7",
            "2001:db8::/32",
        ],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = vault.run(&["platform-ips", "main", "bitsgap"], &[PASSWORD]);
    assert_eq!(stdout(&out), "203.0.113.7\n2001:db8::/32\n");
    let out = vault.run(
        &["platform-ips", "main", "bitsgap", "not-an-ip"],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 1);
    let out = vault.run(&["show", "main", "--json"], &[PASSWORD]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        shown["platform_ips"]["bitsgap"],
        serde_json::json!(["203.0.113.7", "2001:db8::/32"])
    );
}

/// Issue 14's Bybit key: the expiry Bybit reports is the key's deadline in `audit`, text and JSON,
/// with the same days as the safety overview's "expiring soon".
#[test]
fn audit_prints_each_keys_deadline_with_its_source() {
    let demo = demo_accounts()
        .into_iter()
        .find(|a| a.label.as_deref() == Some("Bybit expiring soon"))
        .expect("the demo has an expiring Bybit key");
    let vault = TestVault::new();
    let out = vault.run(
        &["add", "--exchange", "bybit", "--label", "bybit bot"],
        &[PASSWORD, &demo.api_key, &demo.secret],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime
        .block_on(coffre_mock_exchange::start(
            demo_accounts(),
            Default::default(),
        ))
        .unwrap();
    let flag = format!("bybit={}", mock.url("bybit").unwrap());
    let out = vault.run(&["check", "bybit bot", "--base-url", &flag], &[PASSWORD]);
    runtime.block_on(mock.shutdown());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));

    let (_, audit) = audit_json(&vault, &[]);
    let deadline = &audit["keys"][0]["deadline"];
    assert_eq!(deadline["kind"], "reported", "{audit:#}");
    assert_eq!(deadline["source"], "bybit");
    let days = deadline["days"].as_i64().unwrap();
    assert!((9..=10).contains(&days), "{deadline}");
    assert_eq!(audit["safety"]["expiring_soon"][0]["days"], days);
    let text = stdout(&vault.run(&["audit"], &[PASSWORD]));
    assert!(
        text.contains("bybit bot (bybit) deadline")
            && text.contains(&format!("key expires in {days} day(s) — reported by bybit")),
        "{text}"
    );
}
