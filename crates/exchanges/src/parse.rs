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

/// An amount that may be absent: `None` for a missing field, `null` and `""` (exchanges send all
/// three for "not applicable in this account mode"), like ccxt's `safeString`.
pub(crate) fn optional_decimal(value: &serde_json::Value) -> Result<Option<Decimal>, ParseError> {
    match value {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
        other => decimal(other).map(Some),
    }
}

/// The first of several fields that carries an amount (ccxt's `safeStringN`).
pub(crate) fn first_decimal(
    row: &serde_json::Value,
    names: &[&str],
) -> Result<Option<Decimal>, ParseError> {
    for name in names {
        if let Some(amount) = optional_decimal(&row[*name])? {
            return Ok(Some(amount));
        }
    }
    Ok(None)
}

/// One asset's balance from whichever of free, used and total the exchange sent: the missing one
/// is derived from the other two, as ccxt's `safeBalance` does, so Coffre shows what a bot sees.
/// What cannot be derived counts as zero.
pub(crate) fn balance_from(
    asset: &str,
    free: Option<Decimal>,
    used: Option<Decimal>,
    total: Option<Decimal>,
) -> Balance {
    let (free, used) = match (free, used, total) {
        (Some(free), Some(used), _) => (free, used),
        (Some(free), None, Some(total)) => (free, total - free),
        (None, Some(used), Some(total)) => (total - used, used),
        (free, used, _) => (free.unwrap_or_default(), used.unwrap_or_default()),
    };
    Balance {
        asset: asset.to_owned(),
        free,
        locked: used,
    }
}

/// A yes/no the exchange may send as `true`, `1`, `"1"` or `"true"` (and their opposites).
pub(crate) fn flag(value: &serde_json::Value) -> Option<bool> {
    match value {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::Number(n) => n.as_i64().map(|n| n != 0),
        serde_json::Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn amounts_come_as_strings_numbers_empty_or_null() {
        let d = |v| decimal(&v).unwrap();
        assert_eq!(d(json!("1.50")), Decimal::new(150, 2));
        assert_eq!(d(json!(25435.21)), Decimal::new(2543521, 2));
        assert_eq!(d(json!(3)), Decimal::new(3, 0));
        assert_eq!(d(json!("")), Decimal::ZERO);
        assert_eq!(d(json!(null)), Decimal::ZERO);
        assert_eq!(d(json!("1e-7")), Decimal::new(1, 7));
        assert!(decimal(&json!(true)).is_err());
        assert_eq!(optional_decimal(&json!("")).unwrap(), None);
        assert_eq!(optional_decimal(&json!(" ")).unwrap(), None);
        assert_eq!(optional_decimal(&json!("0")).unwrap(), Some(Decimal::ZERO));
    }

    #[test]
    fn the_missing_amount_is_derived_like_ccxt() {
        let n = |v: i64| Some(Decimal::new(v, 0));
        let b = balance_from("X", None, n(2), n(5));
        assert_eq!((b.free, b.locked), (Decimal::new(3, 0), Decimal::new(2, 0)));
        let b = balance_from("X", n(4), None, n(5));
        assert_eq!((b.free, b.locked), (Decimal::new(4, 0), Decimal::new(1, 0)));
        let b = balance_from("X", n(4), None, None);
        assert_eq!((b.free, b.locked), (Decimal::new(4, 0), Decimal::ZERO));
    }

    #[test]
    fn flags_come_as_booleans_numbers_or_strings() {
        assert_eq!(flag(&json!(true)), Some(true));
        assert_eq!(flag(&json!(1)), Some(true));
        assert_eq!(flag(&json!("1")), Some(true));
        assert_eq!(flag(&json!("false")), Some(false));
        assert_eq!(flag(&json!(0)), Some(false));
        assert_eq!(flag(&json!(null)), None);
        assert_eq!(flag(&json!("maybe")), None);
    }
}
