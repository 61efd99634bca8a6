//! Bybit v5 (HMAC keys): lowercase hex HMAC-SHA256 of timestamp + api key + recv window + the
//! query string (GET) or the exact JSON body (POST).

use crate::sign::hmac_sha256;

/// The text that is signed.
pub fn prehash(
    timestamp_ms: &str,
    api_key: &str,
    recv_window: &str,
    query_or_body: &str,
) -> String {
    format!("{timestamp_ms}{api_key}{recv_window}{query_or_body}")
}

/// `X-BAPI-SIGN`.
pub fn sign(
    secret: &str,
    timestamp_ms: &str,
    api_key: &str,
    recv_window: &str,
    query_or_body: &str,
) -> String {
    let message = prehash(timestamp_ms, api_key, recv_window, query_or_body);
    hex::encode(hmac_sha256(secret.as_bytes(), message.as_bytes()))
}
