//! The open vault: the `Vault` type, the verified in-memory index it reads records from, and what
//! it says about itself (file, KDF parameters, counter).
//!
//! Each user-visible operation is an `impl Vault` block in its own module: `unlock` (create,
//! unlock), `records` (list, add, update, remove, credentials), `checks`, `password`, `backup`.
//! Below them, `load` reads and verifies the whole file, `schema` checks it holds only Coffre's
//! tables, `transaction` applies one change, `rows` seals and opens a record's parts, and `rekey`
//! re-seals them all under a new data key.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

use crate::error::VaultError;
use crate::header::Header;
use crate::integrity::{Leaf, LeafSum};
use crate::kdf::KdfParams;
use crate::keys::VaultKeys;
use crate::model::{KeyMeta, RecordId};

/// Options for [`Vault::create_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VaultOptions {
    /// Accept Argon2id parameters below the OWASP floor (tests, benchmarks). Recorded in the
    /// header (and authenticated), so such a vault keeps opening and may keep weak parameters on
    /// password change; a vault created without it refuses weak parameters forever.
    pub allow_weak_kdf: bool,
}

/// An unlocked vault.
pub struct Vault {
    pub(crate) path: PathBuf,
    pub(crate) conn: Connection,
    pub(crate) header: Header,
    pub(crate) keys: VaultKeys,
    pub(crate) state: RefCell<State>,
    /// How long the KDF took when this vault was unlocked (`None` when it was just created).
    pub(crate) kdf_elapsed: Option<Duration>,
}

impl std::fmt::Debug for Vault {
    /// Shows where the vault is and how many records it holds; never keys or contents.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state.borrow();
        f.debug_struct("Vault")
            .field("path", &self.path)
            .field("counter", &state.counter)
            .field("records", &state.records.len())
            .finish_non_exhaustive()
    }
}

/// The verified view of the file as of `counter`.
#[derive(Default)]
pub(crate) struct State {
    pub counter: u64,
    pub sum: LeafSum,
    /// Boxed: a `KeyMeta` is half a kilobyte, and unlock fills ten thousand entries at once.
    pub records: HashMap<RecordId, Box<Cached>>,
}

#[derive(Clone)]
pub(crate) struct Cached {
    pub revision: u64,
    pub leaf: Leaf,
    pub meta: KeyMeta,
    /// The lowercased label `list` sorts by, computed once rather than on every listing.
    pub sort_key: String,
}

impl Cached {
    pub fn new(revision: u64, leaf: Leaf, meta: KeyMeta) -> Cached {
        Cached {
            revision,
            leaf,
            sort_key: meta.label.to_lowercase(),
            meta,
        }
    }
}

impl Vault {
    /// This vault's KDF parameters.
    pub fn kdf_params(&self) -> KdfParams {
        self.header.kdf
    }

    /// How long the KDF took at this unlock on this machine (`None` for a vault just created):
    /// what the parameters cost here, and what the rest of an unlock is measured against.
    pub fn kdf_elapsed(&self) -> Option<Duration> {
        self.kdf_elapsed
    }

    /// The file this vault lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The integrity counter: grows by one with every change. An app that remembers the highest
    /// counter it has seen can detect a whole-file rollback, which the file alone cannot.
    pub fn counter(&self) -> Result<u64, VaultError> {
        self.sync()?;
        Ok(self.state.borrow().counter)
    }
}
