//! OKX v5: base64 HMAC-SHA256 of ISO timestamp + METHOD + path(?query) + body, passphrase in clear,
//! timestamp within 30 s; mock keys are live keys, so `x-simulated-trading: 1` is the wrong environment.

use chrono::DateTime;

use crate::verify::{
    b64, check_passphrase, check_signature, hmac_sha256, same, Accepted, Context, Credentials,
    Rejection, Request,
};

const TOLERANCE_MS: i64 = 30_000;

/// Where OKX carries the api key: the `ok-access-key` header.
pub(crate) fn api_key(req: &Request) -> Option<String> {
    req.header("ok-access-key").map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let key = req.require("ok-access-key")?;
    let signature = req.require("ok-access-sign")?;
    let timestamp = req.require("ok-access-timestamp")?;
    let passphrase = req.require("ok-access-passphrase")?;
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let ts = DateTime::parse_from_rfc3339(timestamp)
        .map_err(|_| Rejection::Malformed("timestamp"))?
        .timestamp_millis();
    check_passphrase(passphrase, creds.passphrase)?;
    let body = std::str::from_utf8(req.body).map_err(|_| Rejection::Malformed("body"))?;
    let prehash = format!("{timestamp}{}{}{body}", req.method, req.path_and_query());
    let expected = b64(&hmac_sha256(creds.secret.as_bytes(), prehash.as_bytes()));
    check_signature(signature, &expected)?;
    crate::verify::within(ts, ctx.now_ms, TOLERANCE_MS)?;
    if req.header("x-simulated-trading") == Some("1") {
        return Err(Rejection::WrongEnvironment);
    }
    Ok(Accepted::default())
}
