//! Coffre's encrypted vault: API keys sealed in an SQLite file that reveals nothing but the number
//! and sizes of its records.
//!
//! Key hierarchy: master password —Argon2id→ KEK —XChaCha20-Poly1305 wrap→ random data key
//! —HKDF→ record key + manifest key. Every record has a sealed meta part and a sealed secret
//! part, bound to vault, row, revision and part; a keyed manifest over all rows, the header and a
//! counter detects deleted, duplicated, swapped and rolled-back rows and a replaced header. A
//! password change draws a new data key and re-seals every record. The file must hold exactly
//! Coffre's schema, and SQLite runs nothing else from it. See `docs/architecture.md`.
#![deny(unsafe_code)]
#![warn(missing_docs)]

mod backup;
mod checks;
pub mod envelope;
mod error;
mod harden;
mod header;
mod integrity;
pub mod kdf;
mod keys;
mod load;
pub mod migrations;
mod model;
mod password;
mod peek;
mod records;
mod rekey;
mod rows;
mod schema;
mod secret_part;
mod store;
mod timestamp;
mod transaction;
mod unlock;
mod vault;

pub use error::VaultError;
pub use harden::{harden_process, Hardening};
pub use kdf::KdfParams;
pub use model::{CredentialsVersion, KeyMeta, KeyRecord, RecordId, RevokedKey};
pub use vault::{Vault, VaultOptions};

/// Re-exported so callers need not depend on the model crate for the vault's signatures.
pub use coffre_model::{CheckReport, Credentials, ExchangeId, KeyType};
pub use coffre_secret::SecretString;

/// Entry points for the fuzzer (`fuzz/fuzz_targets/record_decode.rs`).
#[doc(hidden)]
pub mod fuzzing {
    /// Runs every decoder the vault applies to bytes read from disk: envelope framing and open,
    /// header blob, meta JSON, secret part. Returns how many accepted the input; never panics.
    pub fn decode_record(bytes: &[u8]) -> usize {
        let key = coffre_secret::SecretBytes::new(vec![7; 32]);
        [
            crate::envelope::Envelope::parse(bytes).is_ok(),
            crate::envelope::open(&key, b"fuzz", bytes).is_ok(),
            crate::header::Header::decode(bytes).is_ok(),
            crate::KeyMeta::from_plaintext(bytes).is_ok(),
            crate::secret_part::decode(bytes).is_ok(),
        ]
        .into_iter()
        .filter(|ok| *ok)
        .count()
    }
}
