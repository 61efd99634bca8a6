//! Reading keys from files other tools write: a CSV sheet or a ccxt credentials JSON.
//!
//! An import is all or nothing: every row is checked, and any refused row makes the whole file
//! refused, with one error per problem so the user can fix them all in one pass.

mod ccxt;
mod csv;

use std::collections::BTreeSet;
use std::fmt;

use coffre_model::{Credentials, ExchangeId};

pub use self::ccxt::parse as parse_ccxt;
pub use self::csv::parse as parse_csv;

/// One key read from an import file, validated and ready for the vault.
#[derive(Debug, Clone)]
pub struct ImportedKey {
    /// Where it came from in the file, for messages.
    pub location: Location,
    pub exchange: ExchangeId,
    pub label: String,
    pub credentials: Credentials,
    pub platforms: Vec<String>,
    pub notes: String,
}

/// Where a row sits in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A CSV line, counted from 1 with the header as line 1 (as a spreadsheet shows it).
    Line(u64),
    /// A ccxt array entry, counted from 1.
    Entry(usize),
    /// A ccxt object entry, by its key.
    Key(String),
    /// The file as a whole (unreadable, wrong shape).
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Entry(n) => write!(f, "entry {n}"),
            Location::Key(k) => write!(f, "entry {k:?}"),
            Location::File => f.write_str("file"),
        }
    }
}

/// Why one row (or the file) was refused. Never carries a credential value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}{}: {message}", .field.map(|f| format!(", field {f}")).unwrap_or_default())]
pub struct ImportError {
    pub location: Location,
    /// The column or JSON field, when one is to blame.
    pub field: Option<&'static str>,
    /// Stable code: a paste-validation code (`empty`, `same_as_key`, …) or one of `bad_file`,
    /// `missing_column`, `missing_field`, `bad_exchange`, `bad_label`, `duplicate_label`, `unsupported_field`.
    pub code: &'static str,
    pub message: String,
}

impl ImportError {
    pub(crate) fn new(
        location: Location,
        field: Option<&'static str>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            location,
            field,
            code,
            message: message.into(),
        }
    }
}

/// The fields of one row as the file gives them, before validation.
pub(crate) struct RawRow<'a> {
    pub location: Location,
    pub exchange: &'a str,
    pub label: &'a str,
    pub api_key: &'a str,
    pub secret: &'a str,
    pub passphrase: Option<&'a str>,
    pub platforms: Vec<String>,
    pub notes: &'a str,
}

/// Validates one row, appending its problems to `errors`.
pub(crate) fn check_row(row: RawRow<'_>, errors: &mut Vec<ImportError>) -> Option<ImportedKey> {
    let exchange = row.exchange.trim().to_ascii_lowercase();
    let label = row.label.trim().to_owned();
    let mut ok = true;
    if exchange.is_empty()
        || !exchange
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        errors.push(ImportError::new(
            row.location.clone(),
            Some("exchange"),
            "bad_exchange",
            "the exchange must be a ccxt id such as binance, okx or kraken",
        ));
        ok = false;
    }
    if label.is_empty() {
        errors.push(ImportError::new(
            row.location.clone(),
            Some("label"),
            "bad_label",
            "every key needs a label, a name you will recognize it by",
        ));
        ok = false;
    }
    if !ok {
        return None;
    }
    let passphrase = row.passphrase.filter(|p| !p.trim().is_empty());
    match crate::validate::credentials(&exchange, row.api_key, row.secret, passphrase) {
        Ok(credentials) => Some(ImportedKey {
            location: row.location,
            exchange,
            label,
            credentials,
            platforms: row.platforms,
            notes: row.notes.trim().to_owned(),
        }),
        Err(problems) => {
            errors.extend(
                problems.into_iter().map(|p| {
                    ImportError::new(row.location.clone(), Some(p.field), p.code, p.message)
                }),
            );
            None
        }
    }
}

/// Refuses labels used twice in one file: the vault keeps labels unique, and failing before
/// anything is written keeps the import all or nothing.
pub(crate) fn check_unique_labels(keys: &[ImportedKey], errors: &mut Vec<ImportError>) {
    let mut seen = BTreeSet::new();
    for key in keys {
        if !seen.insert(key.label.as_str()) {
            errors.push(ImportError::new(
                key.location.clone(),
                Some("label"),
                "duplicate_label",
                format!(
                    "the label {:?} is used by an earlier row; labels must be unique",
                    key.label
                ),
            ));
        }
    }
}

/// Turns the collected rows and errors into the import's result.
pub(crate) fn finish(
    keys: Vec<ImportedKey>,
    mut errors: Vec<ImportError>,
) -> Result<Vec<ImportedKey>, Vec<ImportError>> {
    check_unique_labels(&keys, &mut errors);
    if errors.is_empty() {
        Ok(keys)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests;
