//! Coinbase against its mock over TLS: accounts listed on several pages are all read (each page
//! with its own JWT), a listing that never ends stops at the page cap with a diagnosis, EC keys
//! sign in Coinbase's own SEC1 form and in the older forms, and the mock's certificate is trusted
//! only when it is handed over.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use coffre_exchanges::Checker;
use coffre_mock_exchange::{demo_accounts, start, MockAccount, MockBalance, MockHandle};
use coffre_model::{Credentials, DiagnosisKind, KeyType};

/// The DER of the P-256 named curve (prime256v1), as SEC1's `parameters` carries it.
const PRIME256V1: &[u8] = &[0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

/// The demo set's healthy Coinbase key: an ECDSA key as CDP issues it.
fn demo_key() -> MockAccount {
    demo_accounts()
        .into_iter()
        .find(|a| a.exchange == "coinbase" && a.fault.is_none())
        .expect("a healthy Coinbase demo key")
}

/// The demo key holding `count` currencies, each its own Coinbase account.
fn with_currencies(count: usize) -> MockAccount {
    let mut account = demo_key();
    account.balances = Some(
        (0..count)
            .map(|n| MockBalance::new(&format!("C{n:04}"), &format!("{}.5", n + 1), "0"))
            .collect(),
    );
    account
}

fn creds(account: &MockAccount) -> Credentials {
    Credentials {
        api_key: account.api_key.as_str().into(),
        secret: account.secret.as_str().into(),
        passphrase: None,
        key_type: KeyType::Ecdsa,
    }
}

async fn mock(accounts: Vec<MockAccount>) -> MockHandle {
    start(accounts, Default::default())
        .await
        .expect("mock starts")
}

fn trusting(mock: &MockHandle) -> Checker {
    Checker::new()
        .with_loopback_tls_authority(mock.tls_authority_pem())
        .expect("the mock's authority is a certificate")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_on_several_pages_are_all_read() {
    // 250 per page, as Coinbase allows: three pages, the last one short.
    let account = with_currencies(600);
    let mock = mock(vec![account.clone()]).await;
    let report = trusting(&mock)
        .check("coinbase", &creds(&account), mock.url("coinbase"))
        .await;
    assert!(report.ok, "{:?}", report.diagnosis);
    assert_eq!(report.balances.len(), 600);
    let last = report.balances.iter().find(|b| b.asset == "C0599").unwrap();
    assert_eq!(last.free.to_string(), "600.5");
    mock.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_longer_than_the_page_cap_is_a_diagnosis_not_an_endless_loop() {
    // One account more than 20 pages of 250 hold.
    let account = with_currencies(20 * 250 + 1);
    let mock = mock(vec![account.clone()]).await;
    let report = trusting(&mock)
        .check("coinbase", &creds(&account), mock.url("coinbase"))
        .await;
    assert!(!report.ok);
    let diagnosis = report.diagnosis.expect("a diagnosis");
    assert_eq!(diagnosis.kind, DiagnosisKind::ExchangeUnavailable);
    assert_eq!(diagnosis.exchange_code.as_deref(), Some("too_many_pages"));
    assert!(
        diagnosis
            .exchange_message
            .as_deref()
            .is_some_and(|m| m.contains("after 20 pages")),
        "{diagnosis:?}"
    );
    mock.shutdown().await;
}

/// The DER inside a PEM block.
fn der_of(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    BASE64.decode(body).unwrap()
}

#[test]
fn the_demo_ec_key_is_sec1_with_its_named_curve_as_coinbase_issues_it() {
    let secret = demo_key().secret;
    assert!(
        secret.starts_with("-----BEGIN EC PRIVATE KEY-----\n"),
        "{secret}"
    );
    // What OpenSSL and Python's `cryptography` need to load it: the curve named in the key.
    let der = der_of(&secret);
    assert!(der.windows(PRIME256V1.len()).any(|w| w == PRIME256V1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_pem_form_of_one_ec_key_signs_a_check_the_mock_accepts() {
    use p256::pkcs8::{EncodePrivateKey as _, LineEnding};
    let issued = demo_key();
    let key = p256::SecretKey::from_sec1_pem(&issued.secret).unwrap();
    // SEC1 without the curve (what the mock's demo key used to be), and PKCS#8.
    let bare = key.to_sec1_pem(LineEnding::LF).unwrap().to_string();
    assert!(!der_of(&bare)
        .windows(PRIME256V1.len())
        .any(|w| w == PRIME256V1));
    let pkcs8 = key.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let mock = mock(vec![issued.clone()]).await;
    let checker = trusting(&mock);
    for (form, secret) in [
        ("issued", issued.secret.clone()),
        ("bare SEC1", bare),
        ("PKCS#8", pkcs8),
        // Copied out of a JSON file, its line breaks escaped.
        ("escaped", issued.secret.replace('\n', "\\n")),
    ] {
        let creds = Credentials {
            secret: secret.as_str().into(),
            ..creds(&issued)
        };
        let report = checker
            .check("coinbase", &creds, mock.url("coinbase"))
            .await;
        assert!(report.ok, "{form}: {:?}", report.diagnosis);
    }
    mock.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mock_is_reached_over_tls_only_with_its_authority_handed_over() {
    let account = demo_key();
    let mock = mock(vec![account.clone()]).await;
    let url = mock.url("coinbase").unwrap();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    // The built-in roots alone do not vouch for the mock's certificate.
    let report = Checker::new()
        .check("coinbase", &creds(&account), Some(url))
        .await;
    assert_eq!(
        report.diagnosis.map(|d| d.kind),
        Some(DiagnosisKind::NetworkError)
    );
    // Another run's authority does not either.
    let other = self::mock(Vec::new()).await;
    let report = trusting(&other)
        .check("coinbase", &creds(&account), Some(url))
        .await;
    assert!(!report.ok);
    let report = trusting(&mock)
        .check("coinbase", &creds(&account), Some(url))
        .await;
    assert!(report.ok, "{:?}", report.diagnosis);
    other.shutdown().await;
    mock.shutdown().await;
}
