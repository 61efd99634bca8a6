//! Bitget v2: base64 HMAC-SHA256 of timestamp + METHOD + path + (`?` + query) + body; the
//! passphrase travels in clear in `ACCESS-PASSPHRASE`.

/// The text that is signed; the query is used exactly as sent.
pub fn prehash(timestamp_ms: &str, method: &str, path: &str, query: &str, body: &str) -> String {
    let method = method.to_ascii_uppercase();
    if query.is_empty() {
        format!("{timestamp_ms}{method}{path}{body}")
    } else {
        format!("{timestamp_ms}{method}{path}?{query}{body}")
    }
}

/// `ACCESS-SIGN`.
pub fn sign(
    secret: &str,
    timestamp_ms: &str,
    method: &str,
    path: &str,
    query: &str,
    body: &str,
) -> String {
    crate::sign::hmac_sha256_base64(secret, &prehash(timestamp_ms, method, path, query, body))
}
