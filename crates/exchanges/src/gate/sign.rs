//! Gate v4: hex HMAC-SHA512 of METHOD, path, raw query, hex SHA-512 of the body (of the empty
//! string when there is none) and the timestamp in seconds, joined by newlines.

use crate::sign::hmac_sha512;
use sha2::{Digest as _, Sha512};

/// The text that is signed.
pub fn prehash(method: &str, url_path: &str, query: &str, body: &str, timestamp_s: &str) -> String {
    let body_hash = hex::encode(Sha512::digest(body.as_bytes()));
    format!(
        "{}\n{url_path}\n{query}\n{body_hash}\n{timestamp_s}",
        method.to_ascii_uppercase()
    )
}

/// Signs an already built signature string.
pub fn sign_prehash(secret: &str, prehash: &str) -> String {
    hex::encode(hmac_sha512(secret.as_bytes(), prehash.as_bytes()))
}

/// `SIGN`.
pub fn sign(
    secret: &str,
    method: &str,
    url_path: &str,
    query: &str,
    body: &str,
    timestamp_s: &str,
) -> String {
    sign_prehash(secret, &prehash(method, url_path, query, body, timestamp_s))
}
