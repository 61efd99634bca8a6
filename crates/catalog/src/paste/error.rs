//! Why a paste is refused, in words that say what is wrong and how to fix it. A message never
//! contains the pasted value: only the exchange, the field and public facts about formats.

use super::pem_key::PemProblem;
use super::Field;
use coffre_model::KeyType;
use serde::ser::SerializeStruct;
use serde::Serialize;

/// A refused paste. `code()` is stable for the UI's translations; `Display` is English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasteError {
    #[error("The {field} is empty: paste it from {exchange}'s API page.")]
    Empty { field: Field, exchange: String },
    #[error("The {field} contains a space in the middle: copy it again from {exchange}'s page, in one piece.")]
    InnerSpace { field: Field, exchange: String },
    #[error("The {field} has characters {exchange} never uses; it should be {expected}. Copy it again from {exchange}'s page.")]
    BadCharset {
        field: Field,
        exchange: String,
        expected: String,
    },
    #[error("The {field} is {actual} characters long; {exchange}'s is {expected}. Part of it is missing or extra: copy it again, in full.")]
    BadLength {
        field: Field,
        exchange: String,
        actual: usize,
        expected: String,
    },
    #[error("The {field} should start with \"{prefix}\" on {exchange}: check you copied the right value, from its first character.")]
    BadPrefix {
        field: Field,
        exchange: String,
        prefix: String,
    },
    #[error("The {field} is not valid base64 as {exchange} issues it: copy it again, in full, without adding or losing characters.")]
    BadBase64 { field: Field, exchange: String },
    #[error("The secret is the same as the API key: paste the secret from {exchange}'s page into the secret field.")]
    SameAsKey { exchange: String },
    #[error("The API key and the secret look swapped: paste each into the other field.")]
    Swapped { exchange: String },
    #[error("A private key was pasted into the API key field: it belongs in the secret field.")]
    PrivateKeyInKeyField { exchange: String },
    #[error("The private key cannot be used: {}.", .problem.explain())]
    BadPem { field: Field, problem: PemProblem },
    #[error(
        "{exchange} does not use PEM private keys here: paste the secret shown by {exchange}."
    )]
    PemNotAccepted { exchange: String },
    #[error(
        "{exchange} does not accept {key_type:?} keys: create a key of a type {exchange} supports."
    )]
    KeyTypeNotAccepted { exchange: String, key_type: KeyType },
    #[error("{exchange} requires the passphrase you chose when creating the key: enter it (it cannot be recovered; if lost, create a new key).")]
    PassphraseRequired { exchange: String },
}

impl PasteError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            PasteError::Empty { .. } => "empty",
            PasteError::InnerSpace { .. } => "inner_space",
            PasteError::BadCharset { .. } => "bad_charset",
            PasteError::BadLength { .. } => "bad_length",
            PasteError::BadPrefix { .. } => "bad_prefix",
            PasteError::BadBase64 { .. } => "bad_base64",
            PasteError::SameAsKey { .. } => "same_as_key",
            PasteError::Swapped { .. } => "swapped",
            PasteError::PrivateKeyInKeyField { .. } => "private_key_in_key_field",
            PasteError::BadPem { .. } => "bad_pem",
            PasteError::PemNotAccepted { .. } => "pem_not_accepted",
            PasteError::KeyTypeNotAccepted { .. } => "key_type_not_accepted",
            PasteError::PassphraseRequired { .. } => "passphrase_required",
        }
    }

    /// The field to highlight.
    pub fn field(&self) -> Field {
        match self {
            PasteError::Empty { field, .. }
            | PasteError::InnerSpace { field, .. }
            | PasteError::BadCharset { field, .. }
            | PasteError::BadLength { field, .. }
            | PasteError::BadPrefix { field, .. }
            | PasteError::BadBase64 { field, .. }
            | PasteError::BadPem { field, .. } => *field,
            PasteError::SameAsKey { .. }
            | PasteError::PemNotAccepted { .. }
            | PasteError::KeyTypeNotAccepted { .. } => Field::Secret,
            PasteError::Swapped { .. } | PasteError::PrivateKeyInKeyField { .. } => Field::ApiKey,
            PasteError::PassphraseRequired { .. } => Field::Passphrase,
        }
    }
}

/// `{code, field, message}`, the shape the app's IPC and `--json` output use.
impl Serialize for PasteError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PasteError", 3)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("field", &self.field())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}
