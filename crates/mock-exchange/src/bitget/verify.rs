//! Bitget v2: base64 HMAC-SHA256 of timestamp + METHOD + path + ("?" + raw query) + body, with the
//! passphrase in clear and the timestamp within 30 s.

use crate::verify::{
    b64, check_passphrase, check_signature, hmac_sha256, same, Accepted, Context, Credentials,
    Rejection, Request,
};

const TOLERANCE_MS: i64 = 30_000;

/// Where Bitget carries the api key: the `access-key` header.
pub(crate) fn api_key(req: &Request) -> Option<String> {
    req.header("access-key").map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let key = req.require("access-key")?;
    let signature = req.require("access-sign")?;
    let timestamp = req.require("access-timestamp")?;
    let passphrase = req.require("access-passphrase")?;
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let ts = crate::verify::parse_ms(timestamp)?;
    check_passphrase(passphrase, creds.passphrase)?;
    let body = std::str::from_utf8(req.body).map_err(|_| Rejection::Malformed("body"))?;
    let prehash = format!("{timestamp}{}{}{body}", req.method, req.path_and_query());
    let expected = b64(&hmac_sha256(creds.secret.as_bytes(), prehash.as_bytes()));
    check_signature(signature, &expected)?;
    crate::verify::within(ts, ctx.now_ms, TOLERANCE_MS)?;
    Ok(Accepted::default())
}
