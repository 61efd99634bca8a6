//! KuCoin: base64 HMAC-SHA256 of timestamp + METHOD + endpoint (with `?query`) + body; for key
//! versions 2 and 3 the passphrase header is itself HMAC'd with the secret.

/// The text that is signed.
pub fn prehash(timestamp_ms: &str, method: &str, endpoint: &str, body: &str) -> String {
    format!(
        "{timestamp_ms}{}{endpoint}{body}",
        method.to_ascii_uppercase()
    )
}

/// `KC-API-SIGN`.
pub fn sign(secret: &str, timestamp_ms: &str, method: &str, endpoint: &str, body: &str) -> String {
    crate::sign::hmac_sha256_base64(secret, &prehash(timestamp_ms, method, endpoint, body))
}

/// `KC-API-PASSPHRASE` for key versions 2 and 3.
pub fn passphrase(secret: &str, passphrase: &str) -> String {
    crate::sign::hmac_sha256_base64(secret, passphrase)
}

/// The raw primitive, exposed for the SDK's own unit vector.
pub fn hmac_base64(key: &str, plain: &str) -> String {
    crate::sign::hmac_sha256_base64(key, plain)
}
