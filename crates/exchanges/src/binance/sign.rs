//! Binance spot: the signed payload is the query string followed by the body, no separator.
//! HMAC keys sign with hex HMAC-SHA256; self-generated Ed25519 and RSA keys sign with base64.

use crate::sign::{base64, hmac_sha256, rsa_pkcs1_sha256, SignError};
use coffre_model::KeyType;
use ed25519_dalek::pkcs8::DecodePrivateKey as _;
use ed25519_dalek::Signer as _;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The signature of `payload` (query string + body) as Binance expects it in the `signature`
/// parameter, before URL encoding: hex for HMAC, base64 for Ed25519 and RSA.
pub fn signature(key_type: KeyType, secret: &str, payload: &str) -> Result<String, SignError> {
    match key_type {
        KeyType::Hmac => Ok(hex::encode(hmac_sha256(
            secret.as_bytes(),
            payload.as_bytes(),
        ))),
        KeyType::Ed25519 => ed25519(secret, payload),
        KeyType::Rsa => rsa_pkcs1_sha256(secret, payload),
        KeyType::Ecdsa => Err(SignError::UnsupportedKeyType {
            exchange: "Binance",
        }),
    }
}

/// Base64 Ed25519 signature with a PKCS#8 PEM private key (what Binance's key generator writes).
pub fn ed25519(private_key_pem: &str, payload: &str) -> Result<String, SignError> {
    let key = ed25519_dalek::SigningKey::from_pkcs8_pem(private_key_pem.trim()).map_err(|_| {
        SignError::BadPrivateKey {
            expected: "an Ed25519 PKCS#8 PEM private key",
        }
    })?;
    Ok(base64(&key.sign(payload.as_bytes()).to_bytes()))
}

/// Characters left as they are in a query value: RFC 3986 unreserved. Base64 `+`, `/` and `=`
/// must be escaped or the exchange reads a different signature.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a query value (UTF-8), as Binance requires before signing and for signatures.
pub fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}
