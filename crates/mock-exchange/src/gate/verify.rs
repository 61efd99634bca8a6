//! Gate API v4: hex HMAC-SHA512 of METHOD\nPATH\nQUERY\nhex(SHA512(body))\nTIMESTAMP, with the
//! path including `/api/v4`, the raw query as sent, and the timestamp in seconds within 60 s.

use sha2::{Digest, Sha512};

use crate::verify::{
    check_signature, hmac_sha512, same, Accepted, Context, Credentials, Rejection, Request,
};

const TOLERANCE_MS: i64 = 60_000;

/// Where Gate carries the api key: the `key` header.
pub(crate) fn api_key(req: &Request) -> Option<String> {
    req.header("key").map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let key = req.require("key")?;
    let timestamp = req.require("timestamp")?;
    let signature = req.require("sign")?;
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let body_hash = hex::encode(Sha512::digest(req.body));
    let message = format!(
        "{}\n{}\n{}\n{body_hash}\n{timestamp}",
        req.method,
        req.path,
        req.query.unwrap_or("")
    );
    let expected = hex::encode(hmac_sha512(creds.secret.as_bytes(), message.as_bytes()));
    check_signature(signature, &expected)?;
    let seconds: f64 = timestamp
        .trim()
        .parse()
        .map_err(|_| Rejection::Malformed("timestamp"))?;
    crate::verify::within((seconds * 1000.0) as i64, ctx.now_ms, TOLERANCE_MS)?;
    Ok(Accepted::default())
}
