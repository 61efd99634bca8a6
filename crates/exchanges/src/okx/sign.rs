//! OKX v5: base64 HMAC-SHA256 of ISO timestamp + METHOD + request path (with `?query`) + body.
//! The passphrase travels in clear in `OK-ACCESS-PASSPHRASE`.

/// The text that is signed.
pub fn prehash(timestamp_iso: &str, method: &str, request_path: &str, body: &str) -> String {
    format!(
        "{timestamp_iso}{}{request_path}{body}",
        method.to_ascii_uppercase()
    )
}

/// `OK-ACCESS-SIGN`.
pub fn sign(
    secret: &str,
    timestamp_iso: &str,
    method: &str,
    request_path: &str,
    body: &str,
) -> String {
    crate::sign::hmac_sha256_base64(secret, &prehash(timestamp_iso, method, request_path, body))
}

/// OKX's timestamp format: ISO 8601 UTC with milliseconds, e.g. `2020-12-08T09:08:57.715Z`.
pub fn timestamp(unix_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(unix_ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}
