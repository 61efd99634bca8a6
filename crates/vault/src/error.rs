//! The vault's one error type. Messages are for logs and never contain a secret; the UI and CLI
//! pick their own sentence from [`VaultError::code`].

use thiserror::Error;

/// Everything that can go wrong with a vault.
#[derive(Debug, Error)]
pub enum VaultError {
    /// The master password does not open the data key (or the header's wrapped key was altered:
    /// the two cannot be told apart, by design of the AEAD).
    #[error("wrong master password")]
    WrongPassword,
    /// A record, the integrity manifest or the counter does not match: rows were deleted,
    /// duplicated, swapped, rolled back or edited.
    #[error("vault was modified outside Coffre")]
    Modified,
    /// Not a Coffre vault, a malformed or truncated header, or an unknown format version.
    #[error("vault file is corrupt or not a Coffre vault: {0}")]
    Corrupt(String),
    /// Another process is writing to the vault right now.
    #[error("vault is busy: another Coffre process is writing to it; try again")]
    Busy,
    /// No record with that id or label.
    #[error("no key named {0:?}")]
    NotFound(String),
    /// Another record already has this label.
    #[error("a key labelled {0:?} already exists")]
    DuplicateLabel(String),
    /// A file already exists where a new vault was to be created.
    #[error("a file already exists at {0}")]
    AlreadyExists(String),
    /// The caller passed something the vault cannot store.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// Argon2id parameters below the OWASP floor (19 MiB, 2 passes) without explicit consent.
    #[error("key-derivation parameters {mib} MiB / {passes} passes are below the safe minimum")]
    WeakKdf {
        /// Memory of the refused parameters.
        mib: u32,
        /// Passes of the refused parameters.
        passes: u32,
    },
    /// A file-system error.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// An SQLite error that is neither corruption nor contention.
    #[error("database error: {0}")]
    Db(String),
}

impl VaultError {
    /// A stable, machine-readable code for the UI, the CLI and the IPC `{code, message}`.
    pub fn code(&self) -> &'static str {
        match self {
            VaultError::WrongPassword => "wrong_password",
            VaultError::Modified => "vault_modified",
            VaultError::Corrupt(_) => "vault_corrupt",
            VaultError::Busy => "vault_busy",
            VaultError::NotFound(_) => "not_found",
            VaultError::DuplicateLabel(_) => "duplicate_label",
            VaultError::AlreadyExists(_) => "vault_exists",
            VaultError::InvalidInput(_) => "invalid_input",
            VaultError::WeakKdf { .. } => "weak_kdf",
            VaultError::Io(_) => "io",
            VaultError::Db(_) => "db",
        }
    }
}

impl From<rusqlite::Error> for VaultError {
    /// Contention becomes `Busy`, damage becomes `Corrupt`; anything else is a plain `Db` error.
    /// SQLite messages never contain record contents (only ciphertext is ever bound), so they are
    /// safe to keep.
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match &err {
            rusqlite::Error::SqliteFailure(e, _) => match e.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => VaultError::Busy,
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    VaultError::Corrupt(err.to_string())
                }
                _ => VaultError::Db(err.to_string()),
            },
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => VaultError::Corrupt(err.to_string()),
            _ => VaultError::Db(err.to_string()),
        }
    }
}
