//! Binance SIGNED endpoints: over the raw query string followed by the raw body (no separator,
//! `signature` excluded), either hex HMAC-SHA256 compared case-insensitively, or for self-generated
//! keys base64 Ed25519 / RSA-SHA256 (percent-encoded in the URL, case-sensitive); then the
//! `timestamp`/`recvWindow` rule.

use base64::Engine;
use percent_encoding::percent_decode_str;

use crate::account::MockKeyType;
use crate::verify::{
    hmac_sha256, same, Accepted, Context, Credentials, PublicKey, Rejection, Request,
};

const DEFAULT_RECV_WINDOW_MS: f64 = 5000.0;
const MAX_RECV_WINDOW_MS: f64 = 60000.0;
/// Binance accepts timestamps up to one second ahead of its clock.
const AHEAD_ALLOWANCE_MS: i64 = 1000;

/// Where Binance carries the api key: the `x-mbx-apikey` header.
pub(crate) fn api_key(req: &Request) -> Option<String> {
    req.header("x-mbx-apikey").map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let key = req.require("x-mbx-apikey")?;
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let query = req.query.unwrap_or("");
    let body = std::str::from_utf8(req.body).map_err(|_| Rejection::Malformed("body"))?;
    let (query_rest, query_sig) = split_signature(query);
    let (body_rest, body_sig) = split_signature(body);
    let signature = query_sig
        .or(body_sig)
        .ok_or(Rejection::Missing("signature"))?;
    let payload = format!("{query_rest}{body_rest}");

    check_signature(creds, &payload, signature)?;

    // The query wins over the body when a parameter appears in both.
    let param = |name: &str| param(&query_rest, name).or_else(|| param(&body_rest, name));
    let timestamp = param("timestamp").ok_or(Rejection::Missing("timestamp"))?;
    let mut ts: i64 = timestamp
        .parse()
        .map_err(|_| Rejection::Malformed("timestamp"))?;
    if ts > 99_999_999_999_999 {
        ts /= 1000; // microseconds
    }
    let recv_window = match param("recvWindow") {
        Some(w) => w
            .parse::<f64>()
            .ok()
            .filter(|w| *w > 0.0 && *w <= MAX_RECV_WINDOW_MS)
            .ok_or(Rejection::Malformed("recvWindow"))?,
        None => DEFAULT_RECV_WINDOW_MS,
    };
    if ts >= ctx.now_ms + AHEAD_ALLOWANCE_MS {
        return Err(Rejection::TimestampAhead);
    }
    if (ctx.now_ms - ts) as f64 > recv_window {
        return Err(Rejection::TimestampExpired);
    }
    Ok(Accepted::default())
}

fn check_signature(creds: &Credentials, payload: &str, signature: &str) -> Result<(), Rejection> {
    if creds.key_type == MockKeyType::Hmac {
        let expected = hex::encode(hmac_sha256(creds.secret.as_bytes(), payload.as_bytes()));
        return if same(&signature.to_ascii_lowercase(), &expected) {
            Ok(())
        } else {
            Err(Rejection::BadSignature)
        };
    }
    // `start` refused accounts whose PEM does not parse, so a failure here is the account file's.
    let key = PublicKey::from_pem(creds.key_type, creds.secret)
        .map_err(|_| Rejection::Malformed("account public key"))?;
    // Base64 carries `+`, `/` and `=`, which the client percent-encodes; `+` is not a space here.
    let decoded = percent_decode_str(signature)
        .decode_utf8()
        .map_err(|_| Rejection::BadSignature)?;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(decoded.as_bytes())
        .map_err(|_| Rejection::BadSignature)?;
    if key.verifies(payload.as_bytes(), &raw) {
        Ok(())
    } else {
        Err(Rejection::BadSignature)
    }
}

/// Removes the `signature=...` pair from a parameter string, keeping every other byte as sent.
fn split_signature(params: &str) -> (String, Option<&str>) {
    let mut signature = None;
    let kept: Vec<&str> = params
        .split('&')
        .filter(|pair| match pair.strip_prefix("signature=") {
            Some(sig) => {
                signature = Some(sig);
                false
            }
            None => true,
        })
        .collect();
    let kept = if params.is_empty() {
        String::new()
    } else {
        kept.join("&")
    };
    (kept, signature)
}

fn param<'a>(params: &'a str, name: &str) -> Option<&'a str> {
    params.split('&').find_map(|pair| {
        pair.strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('='))
    })
}
