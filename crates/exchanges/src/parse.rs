//! Reading exchange bodies without trusting their shape: amounts as decimals (never floats),
//! numbers that may be strings, IP lists, timestamps. Parsers are pure functions of the body.

use coffre_model::Balance;
use rust_decimal::Decimal;
use std::str::FromStr;

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
