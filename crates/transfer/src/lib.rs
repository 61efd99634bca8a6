//! Coffre's import and export formats: reading keys from a CSV or ccxt JSON file, and rendering one
//! key for a bot or library (dotenv, ccxt constructor JSON, Freqtrade config or env vars), and the
//! encrypted single-key share file another Coffre imports with a one-time passphrase.
//!
//! Secrets stay in `SecretString`s on the way in and out; errors name the row and the field, never a value.
#![forbid(unsafe_code)]

pub mod export;
pub mod import;
pub mod share;
mod validate;

#[cfg(test)]
mod fixtures;

pub use export::ExportError;
pub use import::{ImportError, ImportedKey, Location};
pub use share::{export_share, import_share, ShareError, ShareMeta};
