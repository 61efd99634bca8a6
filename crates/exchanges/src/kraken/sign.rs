//! Kraken spot: base64 HMAC-SHA512, keyed with the base64-decoded private key, of the URI path
//! followed by the raw SHA-256 of nonce + POST data.

use crate::sign::{hmac_sha512, SignError};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest as _, Sha256};

/// `API-Sign` for a POST to `uri_path` (e.g. `/0/private/Balance`) with form body `post_data`.
pub fn sign(
    private_key_b64: &str,
    uri_path: &str,
    nonce: &str,
    post_data: &str,
) -> Result<String, SignError> {
    let key = BASE64
        .decode(private_key_b64.trim())
        .map_err(|_| SignError::SecretNotBase64)?;
    let digest = Sha256::digest(format!("{nonce}{post_data}").as_bytes());
    let mut message = uri_path.as_bytes().to_vec();
    message.extend_from_slice(&digest);
    Ok(crate::sign::base64(&hmac_sha512(&key, &message)))
}
