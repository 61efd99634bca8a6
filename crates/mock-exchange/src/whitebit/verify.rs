//! WhiteBIT V4 private calls: hex HMAC-SHA512 over the base64 payload header, which must decode to
//! the body; nonce strictly increasing per key, or within ±5 s of the clock when `nonceWindow` is set.

use base64::Engine;

use crate::verify::{
    b64, check_signature, hmac_sha512, same, Accepted, Context, Credentials, Rejection, Request,
};

const NONCE_WINDOW_MS: i64 = 5000;

/// Where WhiteBIT carries the api key: the `x-txc-apikey` header.
pub(crate) fn api_key(req: &Request) -> Option<String> {
    req.header("x-txc-apikey").map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let key = req.require("x-txc-apikey")?;
    let payload = req.require("x-txc-payload")?;
    let signature = req.require("x-txc-signature")?;
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .map_err(|_| Rejection::PayloadMismatch)?;
    if decoded != req.body || payload != b64(req.body) {
        return Err(Rejection::PayloadMismatch);
    }
    let expected = hex::encode(hmac_sha512(creds.secret.as_bytes(), payload.as_bytes()));
    check_signature(signature, &expected)?;

    let body: serde_json::Value =
        serde_json::from_slice(req.body).map_err(|_| Rejection::Malformed("body"))?;
    match body.get("request").and_then(|r| r.as_str()) {
        None => return Err(Rejection::Missing("request")),
        Some(path) if path != req.path => return Err(Rejection::Malformed("request")),
        Some(_) => {}
    }
    let nonce = match body.get("nonce") {
        Some(serde_json::Value::String(s)) => s.parse::<u64>().ok(),
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        None => return Err(Rejection::Missing("nonce")),
        _ => None,
    }
    .ok_or(Rejection::Malformed("nonce"))?;
    let windowed = match body.get("nonceWindow") {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::Bool(b)) => *b,
        Some(_) => return Err(Rejection::Malformed("nonceWindow")),
    };
    if windowed {
        crate::verify::within(nonce as i64, ctx.now_ms, NONCE_WINDOW_MS)?;
    } else if ctx.last_nonce.is_some_and(|last| nonce <= last) {
        return Err(Rejection::NonceNotIncreasing);
    }
    Ok(Accepted { nonce: Some(nonce) })
}
