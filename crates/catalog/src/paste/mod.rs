//! Paste-in validation against a catalog's formats: cleans what the trader pasted, catches a key
//! pasted twice or swapped with its secret, and says how to fix each problem without echoing it.

mod clean;
mod error;
pub mod pem_key;

pub use clean::clean;
pub use error::PasteError;
pub use pem_key::PemProblem;

use crate::catalog::{catalog, Catalog};
use crate::exchange::Exchange;
use crate::format::{Charset, KeyFormat, Mismatch};
use clean::looks_like_pem;
use coffre_model::{Credentials, ExchangeId, KeyType};
use coffre_secret::SecretString;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which credential field a value was pasted into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ApiKey,
    Secret,
    Passphrase,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::ApiKey => "API key",
            Field::Secret => "secret",
            Field::Passphrase => "passphrase",
        })
    }
}

/// An accepted value and what it says about the key.
struct Accepted {
    value: SecretString,
    key_type: KeyType,
    /// Whether the matched format points at this exchange rather than at "anything visible".
    distinctive: bool,
}

impl Catalog {
    /// Cleans and checks one field. `exchange` `None` (or an id Coffre does not know) only checks
    /// it is not empty and has no space inside.
    pub fn validate_paste_field(
        &self,
        exchange: Option<&str>,
        field: Field,
        raw: &str,
    ) -> Result<SecretString, PasteError> {
        let entry = self.exchange_or_other(exchange.unwrap_or("other"));
        check_field(entry, field, raw).map(|accepted| accepted.value)
    }

    /// Cleans and checks a whole key. Returns every problem found, so the form can mark each
    /// field.
    pub fn validate_paste(
        &self,
        exchange: &str,
        api_key: &str,
        secret: &str,
        passphrase: Option<&str>,
    ) -> Result<Credentials, Vec<PasteError>> {
        let entry = self.exchange_or_other(exchange);
        let name = || entry.name.clone();
        let key = check_field(entry, Field::ApiKey, api_key);
        let sec = check_field(entry, Field::Secret, secret);
        let mut errors = Vec::new();

        let cleaned_key = clean(api_key, Field::ApiKey);
        let cleaned_secret = clean(secret, Field::Secret);
        let same = !cleaned_key.is_empty() && cleaned_key == cleaned_secret;
        let swapped = !same
            && key.is_err()
            && sec.is_err()
            && check_field(entry, Field::Secret, api_key).is_ok()
            && check_field(entry, Field::ApiKey, secret).is_ok();

        if same {
            errors.push(PasteError::SameAsKey { exchange: name() });
        } else if swapped {
            errors.push(PasteError::Swapped { exchange: name() });
        } else {
            errors.extend(key.as_ref().err().cloned());
            errors.extend(sec.as_ref().err().cloned());
        }

        let passphrase = match (entry.needs_passphrase(), passphrase) {
            (false, _) => None,
            (true, raw) => match check_field(entry, Field::Passphrase, raw.unwrap_or("")) {
                Ok(accepted) => Some(accepted.value),
                Err(_) => {
                    errors.push(PasteError::PassphraseRequired { exchange: name() });
                    None
                }
            },
        };

        match (key, sec) {
            (Ok(key), Ok(sec)) if errors.is_empty() => Ok(Credentials {
                api_key: key.value,
                key_type: sec.key_type,
                secret: sec.value,
                passphrase,
            }),
            _ => Err(errors),
        }
    }

    /// The exchange a key comes from, when its shape says so unambiguously (Kraken's 56/88
    /// base64, Coinbase's `organizations/…/apiKeys/…`, Bitget's `bg_`, OKX's UUID + 32 hex, …).
    pub fn detect_exchange(&self, api_key: &str, secret: &str) -> Option<ExchangeId> {
        let mut matches = self
            .exchanges()
            .iter()
            .filter(|e| e.id != "other")
            .filter(|e| {
                match (
                    check_field(e, Field::ApiKey, api_key),
                    check_field(e, Field::Secret, secret),
                ) {
                    (Ok(key), Ok(sec)) => key.distinctive || sec.distinctive,
                    _ => false,
                }
            });
        let first = matches.next()?;
        match matches.next() {
            None => Some(first.id.clone()),
            Some(_) => None,
        }
    }

    /// What a field looks like on this exchange, in English, for form placeholders and help text
    /// ("64 characters: letters and digits only, or a PEM private key (…)").
    pub fn format_hint(&self, exchange: &str, field: Field) -> String {
        let entry = self.exchange_or_other(exchange);
        if field == Field::Passphrase {
            return "the passphrase you chose when creating the key".to_owned();
        }
        let hints: Vec<String> = formats_for(entry, field)
            .iter()
            .map(|f| {
                let mut hint = String::new();
                if let Some(prefix) = &f.prefix {
                    hint.push_str(&format!("starts with {prefix}, "));
                }
                if f.charset != Charset::Pem && (f.min_len.is_some() || f.max_len.is_some()) {
                    hint.push_str(&format!("{}: ", f.describe_length()));
                }
                hint.push_str(f.charset.describe());
                hint
            })
            .collect();
        let mut unique: Vec<String> = Vec::new();
        for hint in hints {
            if !unique.contains(&hint) {
                unique.push(hint);
            }
        }
        unique.join(", or ")
    }
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn validate_field(
    exchange: Option<&str>,
    field: Field,
    raw: &str,
) -> Result<SecretString, PasteError> {
    catalog().validate_paste_field(exchange, field, raw)
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn validate(
    exchange: &str,
    api_key: &str,
    secret: &str,
    passphrase: Option<&str>,
) -> Result<Credentials, Vec<PasteError>> {
    catalog().validate_paste(exchange, api_key, secret, passphrase)
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn detect_exchange(api_key: &str, secret: &str) -> Option<ExchangeId> {
    catalog().detect_exchange(api_key, secret)
}

/// Convenience over the global catalog for callers outside the catalog.
pub fn format_hint(exchange: &str, field: Field) -> String {
    catalog().format_hint(exchange, field)
}

/// The formats for a field; exchanges that publish none accept any visible text.
fn formats_for(exchange: &Exchange, field: Field) -> Vec<KeyFormat> {
    let listed = match field {
        Field::ApiKey => &exchange.formats.api_key,
        Field::Secret => &exchange.formats.secret,
        Field::Passphrase => return Vec::new(),
    };
    if listed.is_empty() {
        vec![KeyFormat {
            charset: Charset::Token,
            // Emptiness is refused before formats are consulted.
            min_len: None,
            max_len: None,
            prefix: None,
            decoded_len: Vec::new(),
            key_type: KeyType::Hmac,
        }]
    } else {
        listed.clone()
    }
}

fn check_field(exchange: &Exchange, field: Field, raw: &str) -> Result<Accepted, PasteError> {
    let name = || exchange.name.clone();
    let value = clean(raw, field);
    if value.is_empty() {
        return Err(PasteError::Empty {
            field,
            exchange: name(),
        });
    }
    if field == Field::Passphrase {
        return Ok(Accepted {
            value,
            key_type: KeyType::Hmac,
            distinctive: false,
        });
    }
    let formats = formats_for(exchange, field);
    if looks_like_pem(value.expose()) {
        return check_pem(exchange, field, value, &formats);
    }
    if value.expose().chars().any(char::is_whitespace) {
        return Err(PasteError::InnerSpace {
            field,
            exchange: name(),
        });
    }
    let text_formats: Vec<&KeyFormat> = formats
        .iter()
        .filter(|f| f.charset != Charset::Pem)
        .collect();
    let mut mismatches = Vec::new();
    for format in &text_formats {
        match format.check(value.expose()) {
            Ok(()) => {
                return Ok(Accepted {
                    key_type: format.key_type,
                    distinctive: format.is_distinctive(),
                    value,
                })
            }
            Err(mismatch) => mismatches.push((*format, mismatch)),
        }
    }
    Err(explain(exchange, field, value.expose(), &mismatches))
}

fn check_pem(
    exchange: &Exchange,
    field: Field,
    value: SecretString,
    formats: &[KeyFormat],
) -> Result<Accepted, PasteError> {
    let name = || exchange.name.clone();
    if field == Field::ApiKey {
        return Err(PasteError::PrivateKeyInKeyField { exchange: name() });
    }
    let pem_types: Vec<KeyType> = formats
        .iter()
        .filter(|f| f.charset == Charset::Pem)
        .map(|f| f.key_type)
        .collect();
    let generic = exchange.id == "other";
    if pem_types.is_empty() && !generic {
        return Err(PasteError::PemNotAccepted { exchange: name() });
    }
    let key_type = pem_key::inspect(value.expose())
        .map_err(|problem| PasteError::BadPem { field, problem })?;
    if !generic && !pem_types.contains(&key_type) {
        return Err(PasteError::KeyTypeNotAccepted {
            exchange: name(),
            key_type,
        });
    }
    Ok(Accepted {
        value,
        key_type,
        distinctive: false,
    })
}

/// Turns the mismatches against every text format into the one error that helps most: a length
/// problem when the characters were right, else a decoding, prefix or charset problem.
fn explain(
    exchange: &Exchange,
    field: Field,
    value: &str,
    mismatches: &[(&KeyFormat, Mismatch)],
) -> PasteError {
    let name = exchange.name.clone();
    if mismatches.is_empty() {
        // Only PEM formats exist for this field and a plain value was pasted.
        return PasteError::BadCharset {
            field,
            exchange: name,
            expected: Charset::Pem.describe().to_owned(),
        };
    }
    let by = |kind: Mismatch| {
        mismatches
            .iter()
            .filter(move |(_, m)| *m == kind)
            .map(|(f, _)| *f)
    };
    if by(Mismatch::Length).next().is_some() {
        let expected: Vec<String> = by(Mismatch::Length)
            .map(KeyFormat::describe_length)
            .collect();
        return PasteError::BadLength {
            field,
            exchange: name,
            actual: value.chars().count(),
            expected: expected.join(" or "),
        };
    }
    if by(Mismatch::Decode).next().is_some() {
        return PasteError::BadBase64 {
            field,
            exchange: name,
        };
    }
    if let Some(format) = by(Mismatch::Prefix).next() {
        if mismatches.len() == 1 {
            return PasteError::BadPrefix {
                field,
                exchange: name,
                prefix: format.prefix.clone().unwrap_or_default(),
            };
        }
    }
    let mut expected: Vec<&str> = mismatches
        .iter()
        .map(|(f, _)| f.charset.describe())
        .collect();
    expected.dedup();
    PasteError::BadCharset {
        field,
        exchange: name,
        expected: expected.join(", or "),
    }
}

#[cfg(test)]
mod tests;
