//! The `coffre-mock-exchange` binary: its first stdout line is the URL map, and `--print-accounts`
//! output is accepted back by `--accounts`.

use std::io::BufRead;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_coffre-mock-exchange");

#[test]
fn first_stdout_line_is_the_url_map_and_the_second_the_tls_authority() {
    let mut child = Command::new(BIN).stdout(Stdio::piped()).spawn().unwrap();
    let (mut line, mut second) = (String::new(), String::new());
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    out.read_line(&mut line).unwrap();
    out.read_line(&mut second).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let urls: std::collections::BTreeMap<String, String> = serde_json::from_str(&line).unwrap();
    assert_eq!(urls.len(), 10);
    for exchange in coffre_mock_exchange::EXCHANGES {
        // Coinbase's real clients sign the `https://` URL, so its mock speaks TLS.
        let scheme = if exchange == "coinbase" {
            "https"
        } else {
            "http"
        };
        assert!(
            urls[exchange].starts_with(&format!("{scheme}://127.0.0.1:")),
            "{exchange}: {}",
            urls[exchange]
        );
    }
    let authority: serde_json::Value = serde_json::from_str(&second).unwrap();
    let pem = authority["tls_authority_pem"].as_str().unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
}

#[test]
fn printed_accounts_round_trip_through_accounts_file() {
    let first = Command::new(BIN).arg("--print-accounts").output().unwrap();
    assert!(first.status.success());
    let path =
        std::env::temp_dir().join(format!("coffre-mock-accounts-{}.json", std::process::id()));
    std::fs::write(&path, &first.stdout).unwrap();
    let second = Command::new(BIN)
        .arg("--accounts")
        .arg(&path)
        .arg("--print-accounts")
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(first.stdout, second.stdout);
    let accounts: Vec<coffre_mock_exchange::MockAccount> =
        serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(accounts, coffre_mock_exchange::demo_accounts());
}

#[test]
fn invalid_accounts_file_is_refused() {
    let path = std::env::temp_dir().join(format!("coffre-mock-bad-{}.json", std::process::id()));
    std::fs::write(&path, r#"[{"exchange":"okx","api_key":"k","secret":"s"}]"#).unwrap();
    let out = Command::new(BIN)
        .arg("--accounts")
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("passphrase"));
}
