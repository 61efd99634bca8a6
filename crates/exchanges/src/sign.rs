//! What every exchange's signer shares: the error a signer can return and the primitives several
//! exchanges sign with (HMAC, base64, RSA). Each exchange's own scheme lives in `<exchange>/sign.rs`.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha512};

/// Why a request could not be signed. Never carries key material, only what kind of input was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the secret is not valid base64")]
    SecretNotBase64,
    #[error("the private key could not be read as {expected}")]
    BadPrivateKey { expected: &'static str },
    #[error("this exchange has no such request")]
    NotOffered,
    #[error("this key type is not supported by {exchange}")]
    UnsupportedKeyType { exchange: &'static str },
}

pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

pub(crate) fn hmac_sha512(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha512>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

pub(crate) fn base64(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

/// `base64(HMAC_SHA256(secret, message))`, the scheme OKX, KuCoin and Bitget share.
pub(crate) fn hmac_sha256_base64(secret: &str, message: &str) -> String {
    base64(&hmac_sha256(secret.as_bytes(), message.as_bytes()))
}

/// Base64 RSASSA-PKCS1-v1_5 SHA-256 signature; the key may be PKCS#8 or PKCS#1 PEM. Binance and
/// Bybit both sign this way with self-generated RSA keys.
pub fn rsa_pkcs1_sha256(private_key_pem: &str, payload: &str) -> Result<String, SignError> {
    use rsa::pkcs1::DecodeRsaPrivateKey as _;
    use rsa::pkcs1v15::SigningKey;
    use rsa::pkcs8::DecodePrivateKey as _;
    use rsa::signature::{SignatureEncoding as _, Signer as _};
    let pem = private_key_pem.trim();
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(pem)
        .or_else(|_| rsa::RsaPrivateKey::from_pkcs1_pem(pem))
        .map_err(|_| SignError::BadPrivateKey {
            expected: "an RSA PEM private key",
        })?;
    let signature = SigningKey::<sha2::Sha256>::new(key).sign(payload.as_bytes());
    Ok(base64(&signature.to_bytes()))
}
