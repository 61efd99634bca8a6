//! Bybit v5: lowercase hex HMAC-SHA256 of timestamp + key + recvWindow + (query for GET | body),
//! accepted when `server - recvWindow <= timestamp < server + 1000`.

use crate::verify::{
    check_signature, hmac_sha256, same, Accepted, Context, Credentials, Rejection, Request,
};

const DEFAULT_RECV_WINDOW: &str = "5000";
const AHEAD_ALLOWANCE_MS: i64 = 1000;

/// Where Bybit carries the api key: the `x-bapi-api-key` header.
pub(crate) fn api_key(req: &Request) -> Option<String> {
    req.header("x-bapi-api-key").map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let key = req.require("x-bapi-api-key")?;
    let timestamp = req.require("x-bapi-timestamp")?;
    let signature = req.require("x-bapi-sign")?;
    let recv_window = req
        .header("x-bapi-recv-window")
        .unwrap_or(DEFAULT_RECV_WINDOW);
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let signed_params = if req.method == "GET" {
        req.query.unwrap_or("")
    } else {
        std::str::from_utf8(req.body).map_err(|_| Rejection::Malformed("body"))?
    };
    let payload = format!("{timestamp}{key}{recv_window}{signed_params}");
    let expected = hex::encode(hmac_sha256(creds.secret.as_bytes(), payload.as_bytes()));
    check_signature(signature, &expected)?;

    let ts = crate::verify::parse_ms(timestamp)?;
    let window: i64 = recv_window
        .parse()
        .map_err(|_| Rejection::Malformed("recv_window"))?;
    if ts >= ctx.now_ms + AHEAD_ALLOWANCE_MS {
        return Err(Rejection::TimestampAhead);
    }
    if ts < ctx.now_ms - window {
        return Err(Rejection::TimestampExpired);
    }
    Ok(Accepted::default())
}
