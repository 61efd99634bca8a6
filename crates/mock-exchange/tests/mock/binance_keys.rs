//! Binance self-generated keys: the account stores the uploaded public key PEM and the mock checks
//! base64 Ed25519 or RSA-SHA256 signatures (percent-encoded in the URL) over query + body.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use coffre_mock_exchange::{start, verify, MockAccount, MockKeyType, MockOptions};
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePublicKey};
use ed25519_dalek::Signer as _;
use proptest::prelude::*;
use rsa::signature::SignatureEncoding;
use serde_json::Value;

const API_KEY: &str = "Ed25519keyUploadedToBinanceAndIssuedBack0123456789abcdefABCDEF012";
const NOW: i64 = 1_763_700_000_000;
const RSA_TEST_KEY: &str = include_str!("../data/binance-rsa-test-key.pem");

/// A private key the test signs with; the mock only ever sees its public half.
enum Signer {
    Ed25519(ed25519_dalek::SigningKey),
    Rsa(rsa::RsaPrivateKey),
}

impl Signer {
    fn ed25519(seed: u8) -> Signer {
        Signer::Ed25519(ed25519_dalek::SigningKey::from_bytes(&[seed; 32]))
    }

    fn rsa() -> Signer {
        Signer::Rsa(rsa::RsaPrivateKey::from_pkcs8_pem(RSA_TEST_KEY).unwrap())
    }

    fn key_type(&self) -> MockKeyType {
        match self {
            Signer::Ed25519(_) => MockKeyType::Ed25519,
            Signer::Rsa(_) => MockKeyType::Rsa,
        }
    }

    fn public_pem(&self) -> String {
        match self {
            Signer::Ed25519(k) => k.verifying_key().to_public_key_pem(LineEnding::LF),
            Signer::Rsa(k) => k.to_public_key().to_public_key_pem(LineEnding::LF),
        }
        .unwrap()
    }

    /// `base64(signature(payload))`, percent-encoded as it goes in the URL.
    fn sign(&self, payload: &str) -> String {
        let raw = match self {
            Signer::Ed25519(k) => k.sign(payload.as_bytes()).to_bytes().to_vec(),
            Signer::Rsa(k) => rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(k.clone())
                .sign(payload.as_bytes())
                .to_vec(),
        };
        form_urlencoded::byte_serialize(STANDARD.encode(raw).as_bytes()).collect()
    }

    /// The account Binance would hold after the user uploaded this key's public half.
    fn account(&self) -> MockAccount {
        let mut a = MockAccount::new("binance", API_KEY, &self.public_pem(), None);
        a.key_type = Some(self.key_type());
        a
    }
}

fn signed_query(signer: &Signer, ts_ms: i64) -> String {
    let payload = format!("omitZeroBalances=true&recvWindow=5000&timestamp={ts_ms}");
    format!("{payload}&signature={}", signer.sign(&payload))
}

fn verify_query(account: &MockAccount, query: &str) -> Result<verify::Accepted, verify::Rejection> {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-mbx-apikey", account.api_key.parse().unwrap());
    let req = verify::Request {
        method: "GET",
        path: "/api/v3/account",
        query: Some(query),
        headers: &headers,
        body: b"",
    };
    let creds = verify::Credentials {
        api_key: &account.api_key,
        secret: &account.secret,
        passphrase: None,
        key_type: account.key_type_or_default(),
    };
    let ctx = verify::Context {
        now_ms: NOW,
        last_nonce: None,
    };
    verify::verify("binance", &req, &creds, &ctx)
}

#[test]
fn ed25519_signed_request_is_accepted() {
    let signer = Signer::ed25519(7);
    assert_eq!(
        verify_query(&signer.account(), &signed_query(&signer, NOW)),
        Ok(verify::Accepted::default())
    );
}

#[test]
fn rsa_signed_request_is_accepted() {
    let signer = Signer::rsa();
    assert_eq!(
        verify_query(&signer.account(), &signed_query(&signer, NOW)),
        Ok(verify::Accepted::default())
    );
}

#[test]
fn request_signed_by_another_ed25519_key_is_refused() {
    let account = Signer::ed25519(7).account();
    let query = signed_query(&Signer::ed25519(8), NOW);
    assert_eq!(
        verify_query(&account, &query),
        Err(verify::Rejection::BadSignature)
    );
}

#[test]
fn ed25519_signature_presented_to_an_rsa_account_is_refused() {
    let account = Signer::rsa().account();
    let query = signed_query(&Signer::ed25519(7), NOW);
    assert_eq!(
        verify_query(&account, &query),
        Err(verify::Rejection::BadSignature)
    );
}

#[test]
fn asymmetric_signature_is_case_sensitive() {
    let signer = Signer::ed25519(7);
    let query = signed_query(&signer, NOW);
    let (payload, signature) = query.split_once("&signature=").unwrap();
    // HMAC hex is compared case-insensitively; base64 must not be.
    let flipped = format!("{payload}&signature={}", signature.to_ascii_lowercase());
    assert_ne!(
        flipped, query,
        "the signature should contain upper-case letters"
    );
    assert_eq!(
        verify_query(&signer.account(), &flipped),
        Err(verify::Rejection::BadSignature)
    );
}

#[test]
fn signed_but_stale_asymmetric_request_is_refused_for_its_timestamp() {
    let signer = Signer::ed25519(7);
    let query = signed_query(&signer, NOW - 60_000);
    assert_eq!(
        verify_query(&signer.account(), &query),
        Err(verify::Rejection::TimestampExpired)
    );
}

#[test]
fn account_json_carries_the_key_type_and_public_key() {
    let pem = Signer::ed25519(7).public_pem();
    let json = serde_json::json!({
        "exchange": "binance", "api_key": API_KEY, "secret": pem, "key_type": "ed25519",
    });
    let account: MockAccount = serde_json::from_value(json).unwrap();
    assert_eq!(account.key_type, Some(MockKeyType::Ed25519));
    assert_eq!(account.validate(), Ok(()));
    assert_eq!(
        serde_json::to_value(&account).unwrap()["key_type"],
        "ed25519"
    );
}

#[test]
fn asymmetric_account_whose_secret_is_not_a_public_key_is_refused_at_validation() {
    let mut account = Signer::ed25519(7).account();
    account.secret = "a-shared-hmac-secret-not-a-pem".into();
    let err = account.validate().unwrap_err();
    assert!(err.contains("Ed25519 public key PEM"), "{err}");
    let mut rsa_as_ed = Signer::rsa().account();
    rsa_as_ed.key_type = Some(MockKeyType::Ed25519);
    assert!(rsa_as_ed.validate().is_err());
}

#[test]
fn asymmetric_key_type_is_refused_for_an_exchange_that_does_not_serve_it() {
    let mut account = Signer::ed25519(7).account();
    account.exchange = "bybit".into();
    let err = account.validate().unwrap_err();
    assert!(err.contains("only for binance"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_single_byte_change_of_an_ed25519_request_is_refused(
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let signer = Signer::ed25519(7);
        let query = signed_query(&signer, NOW);
        let separator = query.find("&signature=").unwrap();
        // Every byte of the payload and of the signature value, but not the `&signature=` name.
        let positions: Vec<usize> = (0..separator).chain(separator + 11..query.len()).collect();
        let i = positions[at.index(positions.len())];
        let mut bytes = query.clone().into_bytes();
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        let Ok(changed) = String::from_utf8(bytes) else {
            return Ok(()); // not a query string a client could send
        };
        if i > separator {
            // `%2B` and `%2b` are the same signature byte: that change is not a change.
            let decode = |q: &str| {
                percent_encoding::percent_decode_str(q.split_once("&signature=").unwrap().1)
                    .collect::<Vec<u8>>()
            };
            prop_assume!(decode(&changed) != decode(&query));
        }
        prop_assert_eq!(
            verify_query(&signer.account(), &changed),
            Err(verify::Rejection::BadSignature)
        );
    }
}

async fn get_account(base: &str, query: &str) -> (u16, Value) {
    let resp = reqwest::Client::new()
        .get(format!("{base}/api/v3/account?{query}"))
        .header("X-MBX-APIKEY", API_KEY)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

#[tokio::test]
async fn ed25519_key_reads_its_balance_over_http_and_a_flipped_byte_gets_1022() {
    let signer = Signer::ed25519(7);
    let handle = start(vec![signer.account()], MockOptions::default())
        .await
        .unwrap();
    let base = handle.url("binance").unwrap().to_owned();
    let now = chrono::Utc::now().timestamp_millis();
    let query = signed_query(&signer, now);
    let (status, body) = get_account(&base, &query).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["balances"][0]["asset"], "BTC");

    let tampered = query.replacen("omitZeroBalances=true", "omitZeroBalances=truE", 1);
    let (status, body) = get_account(&base, &tampered).await;
    assert_eq!(
        (status, body["code"].as_i64()),
        (400, Some(-1022)),
        "{body}"
    );
    handle.shutdown().await;
}

#[tokio::test]
async fn rsa_key_reads_its_balance_over_http() {
    let signer = Signer::rsa();
    let handle = start(vec![signer.account()], MockOptions::default())
        .await
        .unwrap();
    let base = handle.url("binance").unwrap().to_owned();
    let query = signed_query(&signer, chrono::Utc::now().timestamp_millis());
    let (status, body) = get_account(&base, &query).await;
    assert_eq!(status, 200, "{body}");
    handle.shutdown().await;
}
