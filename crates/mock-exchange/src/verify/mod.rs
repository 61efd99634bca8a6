//! What every exchange's request verifier shares (each lives in `<exchange>/verify.rs`, written from
//! the exchange's documentation, not from Coffre's signers, so the two cross-check each other): the
//! request and secrets it reads, its verdict, the constant-time comparisons, and the dispatch by id.
//!
//! Every verifier is a pure function: the caller supplies the clock and the last nonce it accepted
//! for the key, and records `Accepted::nonce` itself.

mod public_key;

pub use public_key::{BadPublicKey, PublicKey};

use base64::Engine;
use hmac::{Hmac, Mac};
use http::HeaderMap;
use sha2::{Sha256, Sha512};
use subtle::ConstantTimeEq;

use crate::account::MockKeyType;
use crate::registry;

/// The parts of an HTTP request a verifier looks at, exactly as received.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// Upper-case method, e.g. `GET`.
    pub method: &'a str,
    /// The path as sent, e.g. `/api/v3/account` (no query).
    pub path: &'a str,
    /// The raw query string after `?`, not decoded; `None` when the URL has no `?`.
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

impl Request<'_> {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub(crate) fn require(&self, name: &'static str) -> Result<&str, Rejection> {
        match self.header(name) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(Rejection::Missing(name)),
        }
    }

    /// `path` plus `?query` when the URL had a non-empty query: what most exchanges sign.
    pub(crate) fn path_and_query(&self) -> String {
        match self.query {
            Some(q) if !q.is_empty() => format!("{}?{}", self.path, q),
            _ => self.path.to_owned(),
        }
    }
}

/// The account's secrets as the exchange stores them.
#[derive(Clone, Copy)]
pub struct Credentials<'a> {
    pub api_key: &'a str,
    pub secret: &'a str,
    pub passphrase: Option<&'a str>,
    /// `Hmac`: `secret` is the shared secret; otherwise it is the uploaded public key PEM.
    pub key_type: MockKeyType,
}

/// The server-side state a verifier needs: the exchange's clock and the key's last accepted nonce.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    pub now_ms: i64,
    pub last_nonce: Option<u64>,
}

/// A request that passed. `nonce` is what the caller must remember for exchanges with increasing nonces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Accepted {
    pub nonce: Option<u64>,
}

/// Why a request was refused. Messages name fields, never secret values.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("missing {0}")]
    Missing(&'static str),
    #[error("malformed {0}")]
    Malformed(&'static str),
    #[error("the key in the request is not the account's key")]
    KeyMismatch,
    #[error("signature does not match")]
    BadSignature,
    #[error("passphrase does not match")]
    BadPassphrase,
    #[error("timestamp is ahead of the server clock")]
    TimestampAhead,
    #[error("timestamp is outside the accepted window")]
    TimestampExpired,
    #[error("nonce is not above the last accepted one")]
    NonceNotIncreasing,
    #[error("signed payload does not match the body")]
    PayloadMismatch,
    #[error("key used against the wrong environment (demo/simulated trading)")]
    WrongEnvironment,
}

impl Rejection {
    pub fn is_timestamp(&self) -> bool {
        matches!(
            self,
            Rejection::TimestampAhead | Rejection::TimestampExpired
        )
    }
}

/// The api key a request presents, found where `exchange` puts it (header, body or JWT).
pub fn api_key(exchange: &str, req: &Request) -> Option<String> {
    (registry::find(exchange)?.api_key)(req).filter(|k| !k.is_empty())
}

/// Runs the verifier of `exchange` (one of `EXCHANGES`).
pub fn verify(
    exchange: &str,
    req: &Request,
    creds: &Credentials,
    ctx: &Context,
) -> Result<Accepted, Rejection> {
    match registry::find(exchange) {
        Some(mock) => (mock.verify)(req, creds, ctx),
        None => Err(Rejection::Malformed("exchange")),
    }
}

pub(crate) fn hmac_sha256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(msg);
    mac.finalize().into_bytes().to_vec()
}

pub(crate) fn hmac_sha512(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut mac = Hmac::<Sha512>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(msg);
    mac.finalize().into_bytes().to_vec()
}

pub(crate) fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Constant-time text comparison, so a timing probe can't recover a signature byte by byte.
pub(crate) fn same(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// Signature check for the common case: `given` must equal `expected` exactly.
pub(crate) fn check_signature(given: &str, expected: &str) -> Result<(), Rejection> {
    if same(given, expected) {
        Ok(())
    } else {
        Err(Rejection::BadSignature)
    }
}

/// Passphrase check (clear text or already-derived form, as the exchange stores it).
pub(crate) fn check_passphrase(given: &str, expected: Option<&str>) -> Result<(), Rejection> {
    match expected {
        Some(p) if same(given, p) => Ok(()),
        _ => Err(Rejection::BadPassphrase),
    }
}

/// `|now - ts| <= tolerance`, telling "ahead" from "too old" for exchanges that word them apart.
pub(crate) fn within(ts_ms: i64, now_ms: i64, tolerance_ms: i64) -> Result<(), Rejection> {
    if ts_ms - now_ms > tolerance_ms {
        Err(Rejection::TimestampAhead)
    } else if now_ms - ts_ms > tolerance_ms {
        Err(Rejection::TimestampExpired)
    } else {
        Ok(())
    }
}

pub(crate) fn parse_ms(text: &str) -> Result<i64, Rejection> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| Rejection::Malformed("timestamp"))
}
