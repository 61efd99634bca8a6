//! Kraken spot REST: base64 HMAC-SHA512 keyed with the base64-decoded private key over
//! `path || SHA256(nonce + body)`; the nonce in the body must rise strictly per key.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::verify::{
    b64, check_signature, hmac_sha512, same, Accepted, Context, Credentials, Rejection, Request,
};

/// Where Kraken carries the api key: the `api-key` header.
pub(crate) fn api_key(req: &Request) -> Option<String> {
    req.header("api-key").map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let key = req.require("api-key")?;
    let signature = req.require("api-sign")?;
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let nonce_text = nonce_in(req.body)?;
    let secret = base64::engine::general_purpose::STANDARD
        .decode(creds.secret)
        .map_err(|_| Rejection::BadSignature)?;
    let mut inner = Sha256::new();
    inner.update(nonce_text.as_bytes());
    inner.update(req.body);
    let mut message = req.path.as_bytes().to_vec();
    message.extend_from_slice(&inner.finalize());
    let expected = b64(&hmac_sha512(&secret, &message));
    check_signature(signature, &expected)?;

    let nonce: u64 = nonce_text
        .parse()
        .map_err(|_| Rejection::Malformed("nonce"))?;
    if ctx.last_nonce.is_some_and(|last| nonce <= last) {
        return Err(Rejection::NonceNotIncreasing);
    }
    Ok(Accepted { nonce: Some(nonce) })
}

/// The nonce exactly as written in a form-encoded or JSON body.
fn nonce_in(body: &[u8]) -> Result<String, Rejection> {
    if body.first() == Some(&b'{') {
        let json: serde_json::Value =
            serde_json::from_slice(body).map_err(|_| Rejection::Malformed("body"))?;
        return match json.get("nonce") {
            Some(serde_json::Value::String(s)) => Ok(s.clone()),
            Some(serde_json::Value::Number(n)) => Ok(n.to_string()),
            Some(_) => Err(Rejection::Malformed("nonce")),
            None => Err(Rejection::Missing("nonce")),
        };
    }
    form_urlencoded::parse(body)
        .find(|(k, _)| k == "nonce")
        .map(|(_, v)| v.into_owned())
        .ok_or(Rejection::Missing("nonce"))
}
