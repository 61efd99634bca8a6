//! KuCoin: base64 HMAC-SHA256 of timestamp + METHOD + endpoint(?query) + body; the passphrase header
//! is clear text for key version 1 and base64 HMAC-SHA256(secret, passphrase) for versions 2 and 3.

use crate::verify::{
    b64, check_passphrase, check_signature, hmac_sha256, same, Accepted, Context, Credentials,
    Rejection, Request,
};

const TOLERANCE_MS: i64 = 5000;

/// Where KuCoin carries the api key: the `kc-api-key` header.
pub(crate) fn api_key(req: &Request) -> Option<String> {
    req.header("kc-api-key").map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let key = req.require("kc-api-key")?;
    let signature = req.require("kc-api-sign")?;
    let timestamp = req.require("kc-api-timestamp")?;
    let passphrase = req.require("kc-api-passphrase")?;
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let ts = crate::verify::parse_ms(timestamp)?;
    crate::verify::within(ts, ctx.now_ms, TOLERANCE_MS)?;
    let expected_passphrase = match req.header("kc-api-key-version").unwrap_or("1") {
        "1" => creds.passphrase.map(str::to_owned),
        "2" | "3" => creds
            .passphrase
            .map(|p| b64(&hmac_sha256(creds.secret.as_bytes(), p.as_bytes()))),
        _ => return Err(Rejection::Malformed("key version")),
    };
    check_passphrase(passphrase, expected_passphrase.as_deref())?;
    let body = std::str::from_utf8(req.body).map_err(|_| Rejection::Malformed("body"))?;
    let prehash = format!("{timestamp}{}{}{body}", req.method, req.path_and_query());
    let expected = b64(&hmac_sha256(creds.secret.as_bytes(), prehash.as_bytes()));
    check_signature(signature, &expected)?;
    Ok(Accepted::default())
}
