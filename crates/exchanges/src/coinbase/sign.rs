//! Coinbase Advanced Trade (CDP keys): a fresh JWT per request, signed ES256 (P-256 PEM key) or
//! EdDSA (base64 Ed25519 key), whose `uri` claim binds it to one method, host and path.

use crate::sign::SignError;
use base64::engine::general_purpose::{STANDARD as BASE64, URL_SAFE_NO_PAD as BASE64URL};
use base64::Engine as _;
use coffre_model::KeyType;
use serde::Serialize;

/// How long a token is valid, in seconds (the official SDK's default).
pub const LIFETIME_S: i64 = 120;

/// The JWT signature algorithm of a CDP key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Es256,
    EdDsa,
}

impl Algorithm {
    /// The key type says it when it was recorded; otherwise a PEM block means ECDSA (legacy
    /// keys) and anything else a base64 Ed25519 key (current keys).
    pub fn for_key(key_type: KeyType, secret: &str) -> Algorithm {
        match key_type {
            KeyType::Ecdsa => Algorithm::Es256,
            KeyType::Ed25519 => Algorithm::EdDsa,
            KeyType::Hmac | KeyType::Rsa if secret.contains("-----BEGIN") => Algorithm::Es256,
            KeyType::Hmac | KeyType::Rsa => Algorithm::EdDsa,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Algorithm::Es256 => "ES256",
            Algorithm::EdDsa => "EdDSA",
        }
    }
}

#[derive(Serialize)]
struct Header<'a> {
    alg: &'a str,
    kid: &'a str,
    nonce: &'a str,
    typ: &'a str,
}

#[derive(Serialize)]
struct Claims<'a> {
    sub: &'a str,
    iss: &'a str,
    nbf: i64,
    exp: i64,
    uri: String,
}

/// Everything one token depends on besides the key.
pub struct JwtRequest<'a> {
    pub key_name: &'a str,
    pub method: &'a str,
    /// Host as sent in the `Host` header: `api.coinbase.com`, or `127.0.0.1:PORT` for a mock.
    pub host: &'a str,
    /// Path without the query string.
    pub path: &'a str,
    pub now_s: i64,
    /// Random per request; the caller supplies it so the signer stays pure.
    pub nonce: &'a str,
}

/// The compact JWT for `Authorization: Bearer …`.
pub fn jwt(
    algorithm: Algorithm,
    secret: &str,
    request: &JwtRequest<'_>,
) -> Result<String, SignError> {
    let header = Header {
        alg: algorithm.name(),
        kid: request.key_name,
        nonce: request.nonce,
        typ: "JWT",
    };
    let claims = Claims {
        sub: request.key_name,
        iss: "cdp",
        nbf: request.now_s,
        exp: request.now_s + LIFETIME_S,
        uri: format!(
            "{} {}{}",
            request.method.to_ascii_uppercase(),
            request.host,
            request.path
        ),
    };
    let header = serde_json::to_string(&header).expect("plain strings serialize");
    let claims = serde_json::to_string(&claims).expect("plain strings serialize");
    let signing_input = format!("{}.{}", BASE64URL.encode(header), BASE64URL.encode(claims));
    let signature = match algorithm {
        Algorithm::Es256 => es256(secret, signing_input.as_bytes())?,
        Algorithm::EdDsa => eddsa(secret, signing_input.as_bytes())?,
    };
    Ok(format!("{signing_input}.{}", BASE64URL.encode(signature)))
}

/// Raw `r || s` ES256 signature (JWS form, not DER) with a SEC1 or PKCS#8 P-256 PEM key.
fn es256(secret: &str, message: &[u8]) -> Result<Vec<u8>, SignError> {
    use p256::ecdsa::signature::Signer as _;
    use p256::pkcs8::DecodePrivateKey as _;
    // Keys copied from JSON often keep their line breaks escaped.
    let pem = secret.trim().replace("\\n", "\n");
    let key = p256::SecretKey::from_sec1_pem(&pem)
        .or_else(|_| p256::SecretKey::from_pkcs8_pem(&pem))
        .map_err(|_| SignError::BadPrivateKey {
            expected: "a P-256 EC PEM private key",
        })?;
    let signature: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(key).sign(message);
    Ok(signature.to_bytes().to_vec())
}

/// Ed25519 signature with CDP's base64 secret: 64 bytes (seed + public key) or a bare 32-byte seed.
fn eddsa(secret: &str, message: &[u8]) -> Result<Vec<u8>, SignError> {
    use ed25519_dalek::Signer as _;
    let bad = || SignError::BadPrivateKey {
        expected: "a base64 Ed25519 private key",
    };
    let bytes = BASE64.decode(secret.trim()).map_err(|_| bad())?;
    let seed: [u8; 32] = match bytes.len() {
        32 | 64 => bytes[..32].try_into().map_err(|_| bad())?,
        _ => return Err(bad()),
    };
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    if bytes.len() == 64 && key.verifying_key().as_bytes() != &bytes[32..] {
        return Err(bad());
    }
    Ok(key.sign(message).to_bytes().to_vec())
}
