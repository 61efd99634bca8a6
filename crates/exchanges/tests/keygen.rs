//! Self-generated Binance Ed25519 keys end to end: `keygen::ed25519()` makes the pair, the mock
//! exchange holds only the public half (as Binance does), and the client signs with the private one.

use coffre_exchanges::{keygen, Checker};
use coffre_mock_exchange::{start, MockAccount, MockKeyType, MockOptions};
use coffre_model::{Credentials, DiagnosisKind, KeyType};

const API_KEY: &str = "EdKeyIssuedByBinanceAfterUpload0000000000000000000000000000000001";

/// A Binance account that knows the uploaded public key under `API_KEY`.
fn uploaded(public_key_pem: &str) -> MockAccount {
    let mut account = MockAccount::new("binance", API_KEY, public_key_pem, None);
    account.key_type = Some(MockKeyType::Ed25519);
    account
}

fn ed25519_creds(private_key_pem: &str) -> Credentials {
    Credentials {
        api_key: API_KEY.into(),
        secret: private_key_pem.into(),
        passphrase: None,
        key_type: KeyType::Ed25519,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_ed25519_key_reads_binance_balances() {
    let key = keygen::ed25519();
    let mock = start(vec![uploaded(&key.public_key_pem)], MockOptions::default())
        .await
        .unwrap();
    let report = Checker::new()
        .check(
            "binance",
            &ed25519_creds(key.private_key_pem.expose()),
            mock.url("binance"),
        )
        .await;
    assert!(report.ok, "{:?}", report.diagnosis);
    assert!(report.diagnosis.is_none());
    assert!(!report.balances.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_private_key_is_a_bad_signature_and_stays_out_of_the_report() {
    let registered = keygen::ed25519();
    let other = keygen::ed25519();
    let mock = start(
        vec![uploaded(&registered.public_key_pem)],
        MockOptions::default(),
    )
    .await
    .unwrap();
    let report = Checker::new()
        .check(
            "binance",
            &ed25519_creds(other.private_key_pem.expose()),
            mock.url("binance"),
        )
        .await;
    assert!(!report.ok);
    assert_eq!(
        report.diagnosis.as_ref().map(|d| &d.kind),
        Some(&DiagnosisKind::BadSignature)
    );
    let json = serde_json::to_string(&report).unwrap();
    let private = other.private_key_pem.expose();
    // The base64 body of the PEM is the key material; no line of it may leak.
    for line in private.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!json.contains(line), "private key material in the report");
    }
    assert!(!json.contains("PRIVATE KEY"));
}
