//! What every mock exchange's endpoints share: JSON responses, the private-call path (authenticate,
//! check the permission, answer), indicative prices and stable per-account ids.

use std::str::FromStr;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::account::{Fault, MockAccount, MockBalance};
use crate::server::{Incoming, Refusal, Venue};

/// Seconds a rate-limited client is told to wait.
pub(crate) const RETRY_AFTER_SECS: u64 = 5;

pub(crate) fn json(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

/// A 429 with the exchange's body and a `Retry-After` header.
pub(crate) fn rate_limited(body: Value) -> Response {
    let mut resp = json(429, body);
    resp.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    resp
}

pub(crate) fn not_found() -> Response {
    json(
        404,
        serde_json::json!({"error": "not found on this mock exchange"}),
    )
}

/// What a venue says for each way a private call can fail.
pub(crate) trait Dialect {
    fn refuse(&self, refusal: Refusal) -> Response;
    /// The exchange's answer when the key lacks the permission an endpoint needs.
    fn permission_denied(&self) -> Response;
}

/// Which permission an endpoint needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needs {
    /// Balance endpoints: read permission, and the `permission_denied` fault applies.
    Read,
    /// Key-information endpoints, which every key may call.
    Nothing,
}

/// Authenticates, checks the permission, then lets the endpoint answer for the account.
pub(crate) fn private(
    venue: &Venue,
    req: &Incoming,
    dialect: &impl Dialect,
    needs: Needs,
    respond: impl FnOnce(&MockAccount) -> Response,
) -> Response {
    let account = match venue.authenticate(req) {
        Ok(a) => a,
        Err(refusal) => return dialect.refuse(refusal),
    };
    if needs == Needs::Read
        && (account.fault == Some(Fault::PermissionDenied)
            || !account.permissions_or_default().read)
    {
        return dialect.permission_denied();
    }
    respond(account)
}

/// Indicative USD prices so balances can carry values.
pub(crate) fn usd_price(asset: &str) -> Decimal {
    let price = match asset {
        "BTC" => "65000",
        "ETH" => "3200",
        "SOL" => "150",
        "USDT" | "USDC" | "USD" | "DAI" => "1",
        "EUR" => "1.08",
        _ => "0",
    };
    Decimal::from_str(price).unwrap_or_default()
}

pub(crate) fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_default()
}

pub(crate) fn total(b: &MockBalance) -> Decimal {
    dec(&b.free) + dec(&b.locked)
}

pub(crate) fn usd_value(b: &MockBalance) -> Decimal {
    (total(b) * usd_price(&b.asset)).round_dp(2)
}

pub(crate) fn usd_total(balances: &[MockBalance]) -> Decimal {
    balances.iter().map(usd_value).sum()
}

/// A stable per-account number (user ids and the like), derived from the api key.
pub(crate) fn stable_id(account: &MockAccount, digits: u32) -> u64 {
    let hash = Sha256::digest(account.api_key.as_bytes());
    let n = u64::from_be_bytes(hash[..8].try_into().expect("8 bytes"));
    let floor = 10u64.pow(digits - 1);
    floor + n % (9 * floor)
}

/// A stable UUID-looking string derived from the api key and a purpose.
pub(crate) fn stable_uuid(account: &MockAccount, purpose: &str) -> String {
    let hash = hex::encode(Sha256::digest(format!("{purpose}:{}", account.api_key)));
    format!(
        "{}-{}-4{}-a{}-{}",
        &hash[..8],
        &hash[8..12],
        &hash[13..16],
        &hash[17..20],
        &hash[20..32]
    )
}

/// When every mock key was created: a fixed instant, so reports are reproducible.
pub(crate) fn created_at() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_767_225_600, 0).expect("valid instant") // 2026-01-01
}

/// Masks all but the first `keep` characters, the way exchanges show keys and IPs back.
pub(crate) fn masked_prefix(text: &str, keep: usize) -> String {
    let shown: String = text.chars().take(keep).collect();
    format!("{shown}*****")
}
