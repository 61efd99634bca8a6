//! One pure signer per exchange: secrets, method, path, query, body and a timestamp or nonce in,
//! signature text (or headers) out. No clock, no network, no randomness unless passed in, so
//! every signer is checked against the published and derived vectors.

pub mod binance;
pub mod bitget;
pub mod bybit;
pub mod coinbase;
pub mod cryptocom;
pub mod gate;
pub mod kraken;
pub mod kucoin;
pub mod okx;
pub mod whitebit;

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
