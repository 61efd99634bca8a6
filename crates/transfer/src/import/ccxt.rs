//! The ccxt JSON import. Two shapes are accepted:
//! - an object keyed by label: `{"my binance": {"exchange": "binance", "apiKey": "…", "secret": "…", "password": "…"}}`
//! - an array: `[{"exchange": "okx", "label": "bot", "apiKey": "…", "secret": "…", "password": "…"}]`,
//!   where a missing `label` defaults to the exchange id.
//!
//! `password` is ccxt's name for the API passphrase. Other ccxt options (`options`,
//! `enableRateLimit`, …) are ignored; credential fields Coffre does not store (`uid`, `privateKey`,
//! `walletAddress`, `token`, `login`, `twofa`, `accountId`) are refused when non-empty, so no credential
//! is silently dropped.

use coffre_secret::SecretString;
use serde_json::{Map, Value};

use super::{check_row, finish, ImportError, ImportedKey, Location, RawRow};

/// ccxt credential attributes Coffre has no place for.
const UNSUPPORTED: [&str; 7] = [
    "uid",
    "privateKey",
    "walletAddress",
    "token",
    "login",
    "twofa",
    "accountId",
];

/// Reads and validates every entry of a ccxt credentials file.
pub fn parse(input: &[u8]) -> Result<Vec<ImportedKey>, Vec<ImportError>> {
    // serde_json's syntax errors give a line and column, never the text around them.
    let document: Value = serde_json::from_slice(input).map_err(|e| {
        vec![ImportError::new(
            Location::File,
            None,
            "bad_file",
            format!("not valid JSON (line {}, column {})", e.line(), e.column()),
        )]
    })?;
    let entries: Vec<(Location, Option<String>, Value)> = match document {
        Value::Object(map) => map
            .into_iter()
            .map(|(label, v)| (Location::Key(label.clone()), Some(label), v))
            .collect(),
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (Location::Entry(i + 1), None, v))
            .collect(),
        _ => {
            return Err(vec![ImportError::new(
                Location::File,
                None,
                "bad_file",
                "expected a JSON object keyed by label or an array of entries",
            )])
        }
    };

    let mut keys = Vec::new();
    let mut errors = Vec::new();
    for (location, label, value) in entries {
        let Value::Object(mut fields) = value else {
            errors.push(ImportError::new(
                location,
                None,
                "bad_file",
                "each entry must be a JSON object",
            ));
            continue;
        };
        if let Some(key) = read_entry(location, label, &mut fields, &mut errors) {
            keys.push(key);
        }
    }
    finish(keys, errors)
}

fn read_entry(
    location: Location,
    label: Option<String>,
    fields: &mut Map<String, Value>,
    errors: &mut Vec<ImportError>,
) -> Option<ImportedKey> {
    let before = errors.len();
    for name in UNSUPPORTED {
        if let Some(v) = fields.get(name) {
            if !matches!(v, Value::Null) && v.as_str() != Some("") {
                errors.push(ImportError::new(
                    location.clone(),
                    Some(name),
                    "unsupported_field",
                    format!("Coffre does not store a ccxt {name}; remove it from the file or keep this key elsewhere"),
                ));
            }
        }
    }
    let exchange = take_text(fields, "exchange", &location, errors);
    let label = label.or_else(|| {
        fields
            .get("label")
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let api_key = take_secret(fields, "apiKey", &location, errors);
    let secret = take_secret(fields, "secret", &location, errors);
    let passphrase = match fields.get("password") {
        None | Some(Value::Null) => None,
        Some(_) => take_secret(fields, "password", &location, errors),
    };
    if errors.len() > before {
        return None;
    }
    let (exchange, api_key, secret) = (exchange?, api_key?, secret?);
    let label = label.unwrap_or_else(|| exchange.clone());
    check_row(
        RawRow {
            location,
            exchange: &exchange,
            label: &label,
            api_key: api_key.expose(),
            secret: secret.expose(),
            passphrase: passphrase.as_ref().map(SecretString::expose),
            platforms: Vec::new(),
            notes: "",
        },
        errors,
    )
}

/// Takes a required string field out of the entry.
fn take_text(
    fields: &mut Map<String, Value>,
    name: &'static str,
    location: &Location,
    errors: &mut Vec<ImportError>,
) -> Option<String> {
    match fields.get_mut(name) {
        Some(Value::String(s)) => Some(std::mem::take(s)),
        Some(_) => {
            errors.push(ImportError::new(
                location.clone(),
                Some(name),
                "bad_file",
                format!("{name} must be a JSON string"),
            ));
            None
        }
        None => {
            errors.push(ImportError::new(
                location.clone(),
                Some(name),
                "missing_field",
                format!("{name} is missing"),
            ));
            None
        }
    }
}

/// Like [`take_text`], but moves the parsed buffer straight into a `SecretString` so it is wiped on drop.
fn take_secret(
    fields: &mut Map<String, Value>,
    name: &'static str,
    location: &Location,
    errors: &mut Vec<ImportError>,
) -> Option<SecretString> {
    take_text(fields, name, location, errors).map(SecretString::new)
}
