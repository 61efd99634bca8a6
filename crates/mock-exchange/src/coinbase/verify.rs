//! Coinbase Advanced Trade (CDP keys): a per-request JWT in `Authorization: Bearer`, signed ES256
//! (raw r||s) or EdDSA, checked against the public key derived from the account's secret; `kid`/`sub`
//! name the key, `nbf <= now < exp`, and the `uri`/`uris` claim names "METHOD host/path" where host is
//! the `Host` header the client sent (the mock's own address instead of api.coinbase.com).

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::Value;

use crate::verify::{same, Accepted, Context, Credentials, Rejection, Request};

const ISSUERS: [&str; 2] = ["cdp", "coinbase-cloud"];

/// The public half of a CDP secret, in the form the JWT's `alg` needs.
pub(crate) enum PublicKey {
    Es256(p256::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
}

/// Derives the public key from a CDP secret: an EC PEM (SEC1 or PKCS#8) or a base64 Ed25519 key
/// (64 bytes seed + public, or a bare 32-byte seed).
pub(crate) fn public_key(secret: &str) -> Option<PublicKey> {
    let secret = secret.trim().replace("\\n", "\n");
    if secret.starts_with("-----BEGIN") {
        use p256::pkcs8::DecodePrivateKey;
        let key = p256::SecretKey::from_sec1_pem(&secret)
            .or_else(|_| p256::SecretKey::from_pkcs8_pem(&secret))
            .ok()?;
        return Some(PublicKey::Es256(p256::ecdsa::VerifyingKey::from(
            key.public_key(),
        )));
    }
    let bytes = STANDARD.decode(secret).ok()?;
    let seed: [u8; 32] = bytes.get(..32)?.try_into().ok()?;
    if bytes.len() != 32 && bytes.len() != 64 {
        return None;
    }
    Some(PublicKey::Ed25519(
        ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key(),
    ))
}

fn bearer<'a>(req: &'a Request) -> Result<&'a str, Rejection> {
    req.require("authorization")?
        .strip_prefix("Bearer ")
        .ok_or(Rejection::Malformed("authorization"))
}

fn json_part(part: &str) -> Result<Value, Rejection> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| Rejection::Malformed("jwt"))?;
    serde_json::from_slice(&bytes).map_err(|_| Rejection::Malformed("jwt"))
}

pub(crate) fn api_key(req: &Request) -> Option<String> {
    let token = bearer(req).ok()?;
    let header = json_part(token.split('.').next()?).ok()?;
    header.get("kid")?.as_str().map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let token = bearer(req)?;
    let parts: Vec<&str> = token.split('.').collect();
    let [header_b64, claims_b64, signature_b64] = parts[..] else {
        return Err(Rejection::Malformed("jwt"));
    };
    let header = json_part(header_b64)?;
    let claims = json_part(claims_b64)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature_b64)
        .map_err(|_| Rejection::BadSignature)?;

    let text = |v: &Value, name: &'static str| -> Result<String, Rejection> {
        v.get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or(Rejection::Missing(name))
    };
    if !same(&text(&header, "kid")?, creds.api_key) || !same(&text(&claims, "sub")?, creds.api_key)
    {
        return Err(Rejection::KeyMismatch);
    }
    let signed = format!("{header_b64}.{claims_b64}");
    let key = public_key(creds.secret).ok_or(Rejection::BadSignature)?;
    match (text(&header, "alg")?.as_str(), key) {
        ("ES256", PublicKey::Es256(key)) => {
            use p256::ecdsa::signature::Verifier;
            let sig = p256::ecdsa::Signature::from_slice(&signature)
                .map_err(|_| Rejection::BadSignature)?;
            key.verify(signed.as_bytes(), &sig)
                .map_err(|_| Rejection::BadSignature)?;
        }
        ("EdDSA", PublicKey::Ed25519(key)) => {
            let sig = ed25519_dalek::Signature::from_slice(&signature)
                .map_err(|_| Rejection::BadSignature)?;
            key.verify_strict(signed.as_bytes(), &sig)
                .map_err(|_| Rejection::BadSignature)?;
        }
        _ => return Err(Rejection::Malformed("alg")),
    }

    if !ISSUERS.contains(&text(&claims, "iss")?.as_str()) {
        return Err(Rejection::Malformed("iss"));
    }
    let host = req.require("host")?;
    let expected_uri = format!("{} {host}{}", req.method, req.path);
    let uri_ok = match (claims.get("uri"), claims.get("uris")) {
        (Some(Value::String(uri)), _) => *uri == expected_uri,
        (_, Some(Value::Array(uris))) => uris.iter().any(|u| u.as_str() == Some(&expected_uri)),
        _ => return Err(Rejection::Missing("uri")),
    };
    if !uri_ok {
        return Err(Rejection::Malformed("uri"));
    }

    let seconds = |name: &'static str| {
        claims
            .get(name)
            .and_then(Value::as_i64)
            .ok_or(Rejection::Missing(name))
    };
    let (nbf, exp) = (seconds("nbf")?, seconds("exp")?);
    let now = ctx.now_ms.div_euclid(1000);
    if now < nbf {
        return Err(Rejection::TimestampAhead);
    }
    if now >= exp {
        return Err(Rejection::TimestampExpired);
    }
    Ok(Accepted::default())
}
