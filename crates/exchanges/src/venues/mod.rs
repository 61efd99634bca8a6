//! One module per exchange: how to ask for balances, key permissions and server time, and how to
//! read the answers and the exchange's own error codes. Parsers are pure functions of the body.

pub(crate) mod binance;
pub(crate) mod bitget;
pub(crate) mod bybit;
pub(crate) mod coinbase;
pub(crate) mod cryptocom;
pub(crate) mod gate;
pub(crate) mod kraken;
pub(crate) mod kucoin;
pub(crate) mod okx;
pub(crate) mod whitebit;

use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use coffre_catalog::model::{Balance, Credentials, DiagnosisKind, Permissions};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::time::Duration;

/// What a signer needs besides the credentials; produced fresh for every attempt.
pub(crate) struct SignContext {
    /// Local wall clock, ms since the epoch.
    pub now_ms: i64,
    /// Strictly increasing per process; Kraken and WhiteBIT refuse a repeated nonce.
    pub nonce: u64,
    /// `host[:port]` of the base URL, for Coinbase's `uri` claim.
    pub host: String,
    /// Random text for Coinbase's JWT header.
    pub random: String,
}

/// An exchange said no, in its own words, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub kind: DiagnosisKind,
    pub code: Option<String>,
    pub message: Option<String>,
}

impl Refusal {
    pub fn new(kind: DiagnosisKind, code: impl ToString, message: impl ToString) -> Self {
        Refusal {
            kind,
            code: Some(code.to_string()).filter(|c| !c.is_empty()),
            message: Some(message.to_string()).filter(|m| !m.is_empty()),
        }
    }
}

/// A successful status with a body that does not have the documented shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unexpected response from the exchange: {0}")]
pub(crate) struct ParseError(pub String);

impl ParseError {
    pub fn new(what: impl ToString) -> Self {
        ParseError(what.to_string())
    }
}

impl From<serde_json::Error> for ParseError {
    fn from(error: serde_json::Error) -> Self {
        ParseError(error.to_string())
    }
}

/// The per-exchange half of a check.
pub(crate) trait Venue: Sync {
    fn id(&self) -> &'static str;
    /// Display name for sentences.
    fn name(&self) -> &'static str;
    /// Production base: scheme + host, no path (clients append full documented paths).
    fn default_base_url(&self) -> &'static str;
    /// Unauthenticated server-time endpoint, when the exchange has one.
    fn time_path(&self) -> Option<&'static str>;
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError>;
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError>;
    /// Whether the exchange has an endpoint describing the calling key.
    fn reports_permissions(&self) -> bool {
        true
    }
    /// Only called when `reports_permissions()`.
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError>;
    /// How far the clock may drift before the exchange refuses a timestamp, in ms.
    fn clock_tolerance_ms(&self) -> i64 {
        5000
    }
    /// Sharpens a balance refusal with what the permission request showed (Binance's `-2015`).
    fn refine(&self, balance: Refusal, _permissions_readable: bool) -> Refusal {
        balance
    }
    /// How long the permission request waits after the balance request leaves. Kraken refuses a
    /// nonce that arrives after a larger one, so its second request leaves a moment later rather
    /// than together (and not after the first reply: that would cost a whole round trip).
    fn request_spacing(&self) -> Duration {
        Duration::ZERO
    }
    /// A refusal that one freshly signed resend fixes: our own other request overtook this one.
    fn resend_fixes(&self, _refusal: &Refusal) -> bool {
        false
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError>;
    fn parse_permissions(&self, body: &str, creds: &Credentials)
        -> Result<Permissions, ParseError>;
    /// `None` when the reply is a success; otherwise the exchange's refusal, classified.
    fn refusal(&self, reply: &Reply) -> Option<Refusal>;
}

/// Every supported exchange, in the order `supported()` lists them.
pub(crate) const ALL: [&dyn Venue; 10] = [
    &binance::Binance,
    &whitebit::Whitebit,
    &cryptocom::Cryptocom,
    &okx::Okx,
    &bybit::Bybit,
    &kraken::Kraken,
    &kucoin::Kucoin,
    &coinbase::Coinbase,
    &bitget::Bitget,
    &gate::Gate,
];

pub(crate) fn venue(id: &str) -> Option<&'static dyn Venue> {
    ALL.iter().copied().find(|v| v.id() == id)
}

/// The passphrase the user pasted, or "" (the exchange then answers "wrong passphrase").
pub(crate) fn passphrase(creds: &Credentials) -> &str {
    creds
        .passphrase
        .as_ref()
        .map(|p| p.expose())
        .unwrap_or_default()
}

/// Header names of the exchanges that authenticate with key, signature, timestamp and
/// passphrase headers (OKX, Bitget, KuCoin).
pub(crate) struct AccessHeaders {
    pub key: &'static str,
    pub sign: &'static str,
    pub timestamp: &'static str,
    pub passphrase: &'static str,
}

impl AccessHeaders {
    pub fn apply(
        &self,
        request: SignedRequest,
        creds: &Credentials,
        signature: String,
        timestamp: String,
        passphrase: String,
    ) -> SignedRequest {
        request
            .header(self.key, creds.api_key.expose().to_owned())
            .header(self.sign, signature)
            .header(self.timestamp, timestamp)
            .header(self.passphrase, passphrase)
    }
}

/// What an HTTP status means when the body carries no code the exchange's table knows.
pub(crate) fn by_status(reply: &Reply) -> Option<Refusal> {
    let kind = match reply.status {
        200..=299 => return None,
        429 | 418 => DiagnosisKind::RateLimited {
            retry_after_s: reply.retry_after_s,
        },
        500..=599 => DiagnosisKind::ExchangeUnavailable,
        401 => DiagnosisKind::InvalidKey,
        403 => DiagnosisKind::PermissionMissing,
        _ => DiagnosisKind::ExchangeUnavailable,
    };
    Some(Refusal {
        kind,
        code: Some(format!("HTTP {}", reply.status)),
        message: short(&reply.body),
    })
}

/// The kind an HTTP status names, for a code the exchange's own table does not know.
pub(crate) fn kind_by_status(reply: &Reply) -> DiagnosisKind {
    by_status(reply)
        .map(|r| r.kind)
        .unwrap_or(DiagnosisKind::ExchangeUnavailable)
}

/// A refused reply of the exchanges that answer `{"code": …, "msg": …}` (OKX, KuCoin, Bitget).
pub(crate) struct CodedRefusal {
    pub code: String,
    pub msg: String,
}

/// Reads a `{"code": …, "msg": …}` reply whose success code is `success`: `Ok(())` for a 2xx reply
/// with that code or none, `Err(Some(_))` for any other code (a JSON number counts as its digits),
/// `Err(None)` for a failed reply without a code (its HTTP status then tells what happened).
pub(crate) fn coded_reply(reply: &Reply, success: &str) -> Result<(), Option<CodedRefusal>> {
    let value: serde_json::Value = serde_json::from_str(&reply.body).unwrap_or_default();
    let code = value["code"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| int(&value["code"]).map(|c| c.to_string()));
    if (200..300).contains(&reply.status) && code.as_deref().unwrap_or(success) == success {
        return Ok(());
    }
    Err(code.filter(|c| c != success).map(|code| CodedRefusal {
        code,
        msg: value["msg"].as_str().unwrap_or_default().to_owned(),
    }))
}

/// A body excerpt for support, cut so a large HTML error page does not end up in the report.
pub(crate) fn short(body: &str) -> Option<String> {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(trimmed.chars().take(200).collect())
}

pub(crate) fn rate_limited(reply: &Reply) -> DiagnosisKind {
    DiagnosisKind::RateLimited {
        retry_after_s: reply.retry_after_s,
    }
}

/// The offset placeholder is filled in by the checker from its time probe.
pub(crate) const CLOCK_SKEW: DiagnosisKind = DiagnosisKind::ClockSkew { offset_ms: 0 };

/// Exchanges send amounts as decimal strings (sometimes numbers); never go through a float.
pub(crate) fn decimal(value: &serde_json::Value) -> Result<Decimal, ParseError> {
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Null => return Ok(Decimal::ZERO),
        other => return Err(ParseError::new(format!("not an amount: {other}"))),
    };
    if text.is_empty() {
        return Ok(Decimal::ZERO);
    }
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| ParseError::new(format!("not an amount: {text}")))
}

/// Drops all-zero rows: exchanges list every listed coin, the trader cares about holdings.
pub(crate) fn holdings(balances: Vec<Balance>) -> Vec<Balance> {
    balances
        .into_iter()
        .filter(|b| !(b.free.is_zero() && b.locked.is_zero()))
        .collect()
}

/// Parses a JSON body or says what it was.
pub(crate) fn json(body: &str) -> Result<serde_json::Value, ParseError> {
    Ok(serde_json::from_str(body)?)
}

/// Reads a number that an exchange may send as a JSON number or a string.
pub(crate) fn int(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A comma-separated IP list, `None` when empty.
pub(crate) fn ip_list(text: &str) -> Option<Vec<String>> {
    let ips: Vec<String> = text
        .split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if ips.is_empty() {
        None
    } else {
        Some(ips)
    }
}

/// The JSON array of strings, `None` when missing or empty.
pub(crate) fn string_list(value: &serde_json::Value) -> Option<Vec<String>> {
    let items: Vec<String> = value
        .as_array()?
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() {
        None
    } else {
        Some(items)
    }
}

pub(crate) fn from_millis(ms: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    if ms <= 0 {
        return None;
    }
    chrono::DateTime::from_timestamp_millis(ms)
}
