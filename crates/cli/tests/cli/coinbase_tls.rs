//! `coffre check` against the Coinbase mock, which speaks TLS with an authority made for its run:
//! a debug build trusts the authority a test hands over in `COFFRE_MOCK_TLS_AUTHORITY` (for
//! loopback only); without it, the mock's certificate is refused like any unknown one.

use crate::support::{code, stderr, stdout, TestVault, PASSWORD};
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `coffre check cb --json` with the master password on stdin and `env` added.
fn check(vault: &TestVault, base_url: &str, env: &[(&str, &str)]) -> Output {
    let flag = format!("coinbase={base_url}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["--vault", vault.path.to_str().unwrap(), "--password-stdin"])
        .args(["check", "cb", "--json", "--base-url", &flag])
        .env_remove("COFFRE_PASSWORD")
        .env_remove("COFFRE_VAULT")
        .env_remove("COFFRE_MOCK_TLS_AUTHORITY")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn the_coinbase_mock_is_checked_over_tls_once_its_authority_is_handed_over() {
    let account = coffre_mock_exchange::demo_accounts()
        .into_iter()
        .find(|a| a.exchange == "coinbase" && a.fault.is_none())
        .unwrap();
    let vault = TestVault::new();
    let out = vault.run(
        &["add", "--exchange", "coinbase", "--label", "cb"],
        &[PASSWORD, &account.api_key, &account.secret],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime
        .block_on(coffre_mock_exchange::start(
            vec![account],
            Default::default(),
        ))
        .unwrap();
    let url = mock.url("coinbase").unwrap().to_owned();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");

    let trusted = check(
        &vault,
        &url,
        &[("COFFRE_MOCK_TLS_AUTHORITY", mock.tls_authority_pem())],
    );
    let refused = check(&vault, &url, &[]);
    runtime.block_on(mock.shutdown());

    assert_eq!(
        code(&trusted),
        0,
        "{}{}",
        stdout(&trusted),
        stderr(&trusted)
    );
    let line: Value = serde_json::from_str(stdout(&trusted).trim()).unwrap();
    assert_eq!(line["ok"], true, "{line}");
    assert!(line["balances"].as_array().is_some_and(|b| !b.is_empty()));
    assert_eq!(
        code(&refused),
        4,
        "{}{}",
        stdout(&refused),
        stderr(&refused)
    );
    let line: Value = serde_json::from_str(stdout(&refused).trim()).unwrap();
    assert_eq!(line["ok"], false, "{line}");
}
