//! The open vault: unlocking (KDF, unwrap, full integrity check), reading records from the
//! verified in-memory index, and changing them one SQLite transaction at a time.
//!
//! Concurrency: every change runs in `BEGIN IMMEDIATE` with a short busy timeout, so a second
//! writer gets [`VaultError::Busy`] instead of waiting or corrupting anything. Inside the
//! transaction the counter is re-read; if another process changed the vault since we last looked,
//! the whole vault is re-read and re-verified (it is authenticated with our keys) before the
//! change is applied, so two Coffre processes never overwrite each other's changes blindly.
//! Reads check the counter too and reload when it moved.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::Utc;
use coffre_catalog::model::{CheckReport, Credentials};
use coffre_secret::{SecretBytes, SecretString};
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use crate::envelope::{self, fill_random};
use crate::error::VaultError;
use crate::header::Header;
use crate::integrity::{self, Leaf, LeafSum, PartDigests};
use crate::kdf::{KdfParams, KEY_LEN};
use crate::keys::VaultKeys;
use crate::model::{KeyMeta, KeyRecord, RecordId, RevokedKey};
use crate::{migrations, secret_part, store};

/// Longest label, notes and other free text accepted, in bytes.
const MAX_TEXT: usize = 64 * 1024;

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
    path: PathBuf,
    conn: Connection,
    header: Header,
    keys: VaultKeys,
    state: RefCell<State>,
    /// How long the KDF took when this vault was unlocked (`None` when it was just created).
    kdf_elapsed: Option<std::time::Duration>,
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
struct State {
    counter: u64,
    sum: LeafSum,
    records: HashMap<RecordId, Cached>,
}

#[derive(Clone)]
struct Cached {
    revision: u64,
    leaf: Leaf,
    meta: KeyMeta,
    /// The lowercased label `list` sorts by, computed once rather than on every listing.
    sort_key: String,
}

impl Cached {
    fn new(revision: u64, leaf: Leaf, meta: KeyMeta) -> Cached {
        Cached {
            revision,
            leaf,
            sort_key: meta.label.to_lowercase(),
            meta,
        }
    }
}

/// One record's row as stored.
struct Row {
    id: RecordId,
    revision: u64,
    meta: Vec<u8>,
    secret: Vec<u8>,
}

/// What a write does, computed inside the write transaction.
#[derive(Default)]
struct Change {
    upserts: Vec<(Row, KeyMeta)>,
    delete: Option<RecordId>,
    header: Option<Header>,
}

impl Vault {
    /// Creates a new vault at `path` (which must not exist). Refuses KDF parameters below the
    /// OWASP floor; see [`Vault::create_with`].
    pub fn create(
        path: &Path,
        password: &SecretString,
        kdf: KdfParams,
    ) -> Result<Vault, VaultError> {
        Vault::create_with(path, password, kdf, VaultOptions::default())
    }

    /// [`Vault::create`] with options (e.g. weak KDF parameters for tests).
    pub fn create_with(
        path: &Path,
        password: &SecretString,
        kdf: KdfParams,
        options: VaultOptions,
    ) -> Result<Vault, VaultError> {
        check_password(password)?;
        kdf.check_strength(options.allow_weak_kdf)?;
        let mut vault_id = [0u8; 16];
        fill_random(&mut vault_id);
        let mut data_key = SecretBytes::new(vec![0u8; KEY_LEN]);
        fill_random(data_key.expose_mut());
        let header = Header::wrap(vault_id, kdf, options.allow_weak_kdf, password, &data_key)?;
        let keys = VaultKeys::derive(data_key, &vault_id);

        let file = store::create_private_file(path)?;
        drop(file);
        let created = (|| {
            let mut conn = store::open(path)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            migrations::create(&tx)?;
            let manifest = integrity::manifest(&keys.manifest_key, 0, 0, &LeafSum::default());
            tx.execute(
                "INSERT INTO header (id, blob, counter, manifest) VALUES (1, ?1, 0, ?2)",
                params![header.encode(), manifest.to_vec()],
            )?;
            tx.commit()?;
            Ok(conn)
        })();
        let conn = match created {
            Ok(conn) => conn,
            Err(e) => {
                let _ = std::fs::remove_file(path);
                for companion in store::companions(path) {
                    let _ = std::fs::remove_file(companion);
                }
                return Err(e);
            }
        };
        store::sync_dir(path)?;
        Ok(Vault {
            path: path.to_owned(),
            conn,
            header,
            keys,
            state: RefCell::new(State::default()),
            kdf_elapsed: None,
        })
    }

    /// Opens the vault at `path`: runs the KDF, unwraps the data key (`WrongPassword` if it does
    /// not open), then reads and verifies every record and the manifest (`Modified` if anything
    /// was deleted, duplicated, swapped, rolled back or edited).
    ///
    /// Parameters below the OWASP floor are refused (`WeakKdf`) unless the vault was created
    /// with [`VaultOptions::allow_weak_kdf`]; parameters and flag are bound to the wrapped key, so
    /// lowering them in an existing file only makes the unlock fail.
    pub fn unlock(path: &Path, password: &SecretString) -> Result<Vault, VaultError> {
        let conn = store::open(path)?;
        let header = read_header(&conn)?;
        header.kdf.check_strength(header.weak_kdf_allowed)?;
        // Reading and hashing the rows needs no key, so it runs on its own thread while the KDF
        // runs; only the keyed checks and the decryption wait for the data key.
        let reader = std::thread::spawn(move || {
            let snapshot = read_snapshot(&conn);
            (conn, snapshot)
        });
        let kdf_started = std::time::Instant::now();
        let data_key = header.unwrap_data_key(password);
        let kdf_elapsed = Some(kdf_started.elapsed());
        let (conn, snapshot) = reader
            .join()
            .map_err(|_| VaultError::Corrupt("reading the records failed".into()))?;
        let keys = VaultKeys::derive(data_key?, &header.vault_id);
        let state = verify_snapshot(snapshot?, &keys, &header.vault_id)?;
        Ok(Vault {
            path: path.to_owned(),
            conn,
            header,
            keys,
            state: RefCell::new(state),
            kdf_elapsed,
        })
    }

    /// The KDF parameters of the vault at `path`, without the password (to show "unlocking takes
    /// about N s" or to decide on re-calibration).
    pub fn read_kdf_params(path: &Path) -> Result<KdfParams, VaultError> {
        let conn = store::open(path)?;
        Ok(read_header(&conn)?.kdf)
    }

    /// This vault's KDF parameters.
    pub fn kdf_params(&self) -> KdfParams {
        self.header.kdf
    }

    /// How long the KDF took at this unlock on this machine (`None` for a vault just created):
    /// what the parameters cost here, and what the rest of an unlock is measured against.
    pub fn kdf_elapsed(&self) -> Option<std::time::Duration> {
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

    /// All records, sorted by label (case-insensitively). Never decrypts a secret.
    pub fn list(&self) -> Result<Vec<KeyRecord>, VaultError> {
        self.sync()?;
        let state = self.state.borrow();
        // Sort references first, so only the records themselves are cloned.
        let mut sorted: Vec<(&RecordId, &Cached)> = state.records.iter().collect();
        sorted.sort_unstable_by(|a, b| (&a.1.sort_key, a.0).cmp(&(&b.1.sort_key, b.0)));
        Ok(sorted
            .into_iter()
            .map(|(id, c)| KeyRecord {
                id: id.clone(),
                revision: c.revision,
                meta: c.meta.clone(),
            })
            .collect())
    }

    /// The record with this id.
    pub fn get(&self, id: &str) -> Result<KeyRecord, VaultError> {
        self.sync()?;
        let state = self.state.borrow();
        state
            .records
            .get(id)
            .map(|c| KeyRecord {
                id: id.to_owned(),
                revision: c.revision,
                meta: c.meta.clone(),
            })
            .ok_or_else(|| VaultError::NotFound(id.to_owned()))
    }

    /// The record whose id is `label_or_id`, or else whose label equals it (case-insensitively).
    pub fn find(&self, label_or_id: &str) -> Result<KeyRecord, VaultError> {
        self.sync()?;
        if let Ok(record) = self.get(label_or_id) {
            return Ok(record);
        }
        let state = self.state.borrow();
        let wanted = label_or_id.trim().to_lowercase();
        state
            .records
            .iter()
            .find(|(_, c)| c.meta.label.to_lowercase() == wanted)
            .map(|(id, c)| KeyRecord {
                id: id.clone(),
                revision: c.revision,
                meta: c.meta.clone(),
            })
            .ok_or_else(|| VaultError::NotFound(label_or_id.to_owned()))
    }

    /// Adds a key. The vault sets `api_key_hint` and `key_type` from `creds`, and `updated_at`.
    pub fn add(&mut self, mut meta: KeyMeta, creds: &Credentials) -> Result<RecordId, VaultError> {
        check_meta(&meta)?;
        check_credentials(creds)?;
        let id = uuid::Uuid::new_v4().to_string();
        meta.api_key_hint = coffre_secret::mask(creds.api_key.expose());
        meta.key_type = creds.key_type;
        meta.updated_at = Utc::now();
        let secret = secret_part::encode(creds, &[]);
        self.write(|_, state, vault| {
            check_label_free(state, &meta.label, None)?;
            let row = vault.seal_row(&id, 1, &meta, &secret);
            Ok(Change {
                upserts: vec![(row, meta)],
                ..Change::default()
            })
        })?;
        Ok(id)
    }

    /// Adds many keys in one transaction (imports): all or none. Same rules as [`Vault::add`].
    pub fn add_many(
        &mut self,
        items: Vec<(KeyMeta, Credentials)>,
    ) -> Result<Vec<RecordId>, VaultError> {
        let mut prepared = Vec::with_capacity(items.len());
        let mut labels = std::collections::HashSet::new();
        for (mut meta, creds) in items {
            check_meta(&meta)?;
            check_credentials(&creds)?;
            if !labels.insert(meta.label.trim().to_lowercase()) {
                return Err(VaultError::DuplicateLabel(meta.label.trim().to_owned()));
            }
            meta.api_key_hint = coffre_secret::mask(creds.api_key.expose());
            meta.key_type = creds.key_type;
            meta.updated_at = Utc::now();
            let id = uuid::Uuid::new_v4().to_string();
            let secret = secret_part::encode(&creds, &[]);
            prepared.push((id, meta, secret));
        }
        let ids = prepared.iter().map(|(id, ..)| id.clone()).collect();
        self.write(|_, state, vault| {
            let mut upserts = Vec::with_capacity(prepared.len());
            for (id, meta, secret) in prepared {
                check_label_free(state, &meta.label, None)?;
                upserts.push((vault.seal_row(&id, 1, &meta, &secret), meta));
            }
            Ok(Change {
                upserts,
                ..Change::default()
            })
        })?;
        Ok(ids)
    }

    /// Replaces a record's metadata. The label must stay unique; the vault keeps its own fields
    /// (`api_key_hint`, `key_type`, `history`, `created_at`) and sets `updated_at`.
    pub fn update_meta(&mut self, id: &str, mut meta: KeyMeta) -> Result<(), VaultError> {
        check_meta(&meta)?;
        self.write(|conn, state, vault| {
            let current = state
                .records
                .get(id)
                .ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
            check_label_free(state, &meta.label, Some(id))?;
            meta.api_key_hint = current.meta.api_key_hint.clone();
            meta.key_type = current.meta.key_type;
            meta.history = current.meta.history.clone();
            meta.created_at = current.meta.created_at;
            meta.updated_at = Utc::now();
            vault.reseal(conn, state, id, meta, None)
        })
    }

    /// Deletes a record and its credentials.
    pub fn remove(&mut self, id: &str) -> Result<(), VaultError> {
        self.write(|_, state, _| {
            if !state.records.contains_key(id) {
                return Err(VaultError::NotFound(id.to_owned()));
            }
            Ok(Change {
                delete: Some(id.to_owned()),
                ..Change::default()
            })
        })
    }

    /// Opens the record's sealed secret part: its current credentials.
    pub fn credentials(&self, id: &str) -> Result<Credentials, VaultError> {
        Ok(self.read_secret(id)?.0)
    }

    /// The credentials this record's key replaced, oldest first (matching `meta.history`).
    pub fn previous_credentials(&self, id: &str) -> Result<Vec<Credentials>, VaultError> {
        Ok(self.read_secret(id)?.1)
    }

    /// Replaces the credentials of a key (rotation): the old ones move to the history, and the
    /// meta gains a [`RevokedKey`] entry.
    pub fn replace_credentials(&mut self, id: &str, creds: &Credentials) -> Result<(), VaultError> {
        check_credentials(creds)?;
        self.write(|conn, state, vault| {
            let current = state
                .records
                .get(id)
                .ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
            let (old, mut previous) = vault.open_secret_row(conn, state, id)?;
            previous.push(old);
            let now = Utc::now();
            let mut meta = current.meta.clone();
            meta.history.push(RevokedKey {
                api_key_hint: meta.api_key_hint.clone(),
                revoked_at: now,
            });
            meta.api_key_hint = coffre_secret::mask(creds.api_key.expose());
            meta.key_type = creds.key_type;
            meta.updated_at = now;
            let secret = secret_part::encode(creds, &previous);
            vault.reseal(conn, state, id, meta, Some(secret))
        })
    }

    /// Stores the latest live check in the record's metadata.
    pub fn record_check(&mut self, id: &str, report: CheckReport) -> Result<(), VaultError> {
        self.write(|conn, state, vault| {
            let mut meta = state
                .records
                .get(id)
                .ok_or_else(|| VaultError::NotFound(id.to_owned()))?
                .meta
                .clone();
            meta.last_check = Some(report);
            vault.reseal(conn, state, id, meta, None)
        })
    }

    /// Changes the master password (and optionally the KDF parameters): one KDF and one re-wrap
    /// of the data key, whatever the number of records.
    pub fn change_password(
        &mut self,
        new: &SecretString,
        kdf: Option<KdfParams>,
    ) -> Result<(), VaultError> {
        check_password(new)?;
        let kdf = kdf.unwrap_or(self.header.kdf);
        kdf.check_strength(self.header.weak_kdf_allowed)?;
        // The KDF runs before the write lock is taken, so other processes are not held up.
        let header = Header::wrap(
            self.header.vault_id,
            kdf,
            self.header.weak_kdf_allowed,
            new,
            &self.keys.data_key,
        )?;
        // Only the header row changes, so the commit writes a page or two. SQLite would also
        // run its automatic WAL checkpoint on this commit if earlier writes had filled the log,
        // making the change pay for copying them back; the next ordinary write does that instead.
        let autocheckpoint: i64 =
            self.conn
                .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let written = self.write(|_, _, _| {
            Ok(Change {
                header: Some(header),
                ..Change::default()
            })
        });
        // Re-arming the hook only stores a number; whatever it returns, the result of the change
        // is what the caller must hear (the new password may already be committed).
        let _ = self
            .conn
            .pragma_update(None, "wal_autocheckpoint", autocheckpoint);
        written
    }

    /// Writes a consistent encrypted copy of the vault to `dest` (mode 0600, replaced
    /// atomically), using SQLite's online backup, so it works while other processes use it.
    pub fn backup(&self, dest: &Path) -> Result<(), VaultError> {
        crate::backup::copy_to(&self.conn, dest)
    }

    /// [`Vault::backup`] of the vault file at `src`, without unlocking it.
    pub fn backup_file(src: &Path, dest: &Path) -> Result<(), VaultError> {
        let conn = store::open(src)?;
        read_header(&conn)?;
        crate::backup::copy_to(&conn, dest)
    }

    /// Replaces the vault at `dest` with the backup at `backup`, after unlocking the backup with
    /// `password` (which checks the password and the backup's integrity). The replacement is
    /// atomic (temporary file, fsync, rename). Close every vault open on `dest` first.
    pub fn restore(backup: &Path, dest: &Path, password: &SecretString) -> Result<(), VaultError> {
        let verified = Vault::unlock(backup, password)?;
        crate::backup::copy_to(&verified.conn, dest)
    }

    // ---- internals ----

    /// Reloads and re-verifies the vault if another process changed it since we last looked.
    fn sync(&self) -> Result<(), VaultError> {
        let counter = read_counter(&self.conn)?;
        if counter != self.state.borrow().counter {
            let fresh = load(&self.conn, &self.keys, &self.header.vault_id)?;
            *self.state.borrow_mut() = fresh;
        }
        Ok(())
    }

    /// Runs one change in its own `BEGIN IMMEDIATE` transaction, bumping the counter and the
    /// manifest; the in-memory index is updated only after the commit succeeded.
    fn write<F>(&mut self, op: F) -> Result<(), VaultError>
    where
        F: FnOnce(&Connection, &State, &Vault) -> Result<Change, VaultError>,
    {
        if let Some(header) = self.write_on(op)? {
            self.header = header;
        }
        Ok(())
    }

    /// Returns the new header when the change replaced it.
    fn write_on<F>(&self, op: F) -> Result<Option<Header>, VaultError>
    where
        F: FnOnce(&Connection, &State, &Vault) -> Result<Change, VaultError>,
    {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let counter = read_counter(&tx)?;
        if counter != self.state.borrow().counter {
            let fresh = load(&tx, &self.keys, &self.header.vault_id)?;
            *self.state.borrow_mut() = fresh;
        }
        let mut next = {
            let state = self.state.borrow();
            let change = op(&tx, &state, self)?;
            let mut next = Next {
                counter: counter + 1,
                sum: state.sum,
                count: state.records.len() as u64,
                change,
                new_leaves: Vec::new(),
            };
            if let Some(id) = &next.change.delete {
                tx.execute("DELETE FROM records WHERE id = ?1", params![id])?;
                if let Some(c) = state.records.get(id) {
                    next.sum.sub(&c.leaf);
                    next.count -= 1;
                }
            }
            let mut upsert = tx.prepare_cached(
                "INSERT INTO records (id, revision, meta, secret) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO UPDATE SET revision = ?2, meta = ?3, secret = ?4",
            )?;
            for (row, _) in &next.change.upserts {
                upsert.execute(params![row.id, row.revision as i64, row.meta, row.secret])?;
                if let Some(c) = state.records.get(&row.id) {
                    next.sum.sub(&c.leaf);
                } else {
                    next.count += 1;
                }
                let leaf = integrity::leaf(
                    &self.keys.manifest_key,
                    &row.id,
                    row.revision,
                    &row.meta,
                    &row.secret,
                );
                next.sum.add(&leaf);
                next.new_leaves.push(leaf);
            }
            drop(upsert);
            next
        };
        let manifest =
            integrity::manifest(&self.keys.manifest_key, next.counter, next.count, &next.sum);
        match &next.change.header {
            Some(h) => tx.execute(
                "UPDATE header SET blob = ?1, counter = ?2, manifest = ?3 WHERE id = 1",
                params![h.encode(), next.counter as i64, manifest.to_vec()],
            )?,
            None => tx.execute(
                "UPDATE header SET counter = ?1, manifest = ?2 WHERE id = 1",
                params![next.counter as i64, manifest.to_vec()],
            )?,
        };
        tx.commit()?;

        let mut state = self.state.borrow_mut();
        state.counter = next.counter;
        state.sum = next.sum;
        if let Some(id) = next.change.delete.take() {
            state.records.remove(&id);
        }
        let upserts = std::mem::take(&mut next.change.upserts);
        for ((row, meta), leaf) in upserts.into_iter().zip(next.new_leaves) {
            state
                .records
                .insert(row.id, Cached::new(row.revision, leaf, meta));
        }
        drop(state);
        Ok(next.change.header)
    }

    fn seal_row(&self, id: &str, revision: u64, meta: &KeyMeta, secret: &[u8]) -> Row {
        let vid = &self.header.vault_id;
        Row {
            id: id.to_owned(),
            revision,
            meta: envelope::seal(
                &self.keys.record_key,
                &record_aad(vid, id, revision, b"meta"),
                &meta.to_plaintext(),
            ),
            secret: envelope::seal(
                &self.keys.record_key,
                &record_aad(vid, id, revision, b"secret"),
                secret,
            ),
        }
    }

    /// A change that re-seals both parts of `id` at the next revision (the revision is in both
    /// parts' associated data); `secret` replaces the secret part, or the current one is kept.
    fn reseal(
        &self,
        conn: &Connection,
        state: &State,
        id: &str,
        meta: KeyMeta,
        secret: Option<zeroize::Zeroizing<Vec<u8>>>,
    ) -> Result<Change, VaultError> {
        let revision = state
            .records
            .get(id)
            .ok_or_else(|| VaultError::NotFound(id.to_owned()))?
            .revision
            + 1;
        let secret = match secret {
            Some(s) => s,
            None => {
                let (cur, prev) = self.open_secret_row(conn, state, id)?;
                secret_part::encode(&cur, &prev)
            }
        };
        let row = self.seal_row(id, revision, &meta, &secret);
        Ok(Change {
            upserts: vec![(row, meta)],
            ..Change::default()
        })
    }

    fn read_secret(&self, id: &str) -> Result<(Credentials, Vec<Credentials>), VaultError> {
        self.sync()?;
        let state = self.state.borrow();
        self.open_secret_row(&self.conn, &state, id)
    }

    /// Reads a record's row, checks it is exactly the verified one (same leaf), and opens its
    /// secret part.
    fn open_secret_row(
        &self,
        conn: &Connection,
        state: &State,
        id: &str,
    ) -> Result<(Credentials, Vec<Credentials>), VaultError> {
        let cached = state
            .records
            .get(id)
            .ok_or_else(|| VaultError::NotFound(id.to_owned()))?;
        let row = conn
            .query_row(
                "SELECT id, revision, meta, secret FROM records WHERE id = ?1",
                params![id],
                row_from,
            )
            .optional()?
            .ok_or(VaultError::Modified)?;
        let leaf = integrity::leaf(
            &self.keys.manifest_key,
            &row.id,
            row.revision,
            &row.meta,
            &row.secret,
        );
        if row.revision != cached.revision || leaf != cached.leaf {
            return Err(VaultError::Modified);
        }
        let plain = envelope::open(
            &self.keys.record_key,
            &record_aad(&self.header.vault_id, id, row.revision, b"secret"),
            &row.secret,
        )
        .map_err(|_| VaultError::Modified)?;
        secret_part::decode(&plain)
            .map_err(|_| VaultError::Corrupt("malformed credentials part".into()))
    }
}

struct Next {
    counter: u64,
    sum: LeafSum,
    count: u64,
    change: Change,
    new_leaves: Vec<Leaf>,
}

/// Associated data of a record part: binds it to this vault, this row, this revision and this
/// part, so parts cannot be moved between vaults, rows, revisions or columns.
fn record_aad(vault_id: &[u8; 16], id: &str, revision: u64, part: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(64 + id.len());
    aad.extend_from_slice(b"coffre record v1");
    aad.extend_from_slice(vault_id);
    aad.extend_from_slice(&(id.len() as u64).to_le_bytes());
    aad.extend_from_slice(id.as_bytes());
    aad.extend_from_slice(&revision.to_le_bytes());
    aad.extend_from_slice(part);
    aad
}

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let revision: i64 = r.get(1)?;
    Ok(Row {
        id: r.get(0)?,
        revision: u64::try_from(revision).unwrap_or(u64::MAX),
        meta: r.get(2)?,
        secret: r.get(3)?,
    })
}

fn read_header(conn: &Connection) -> Result<Header, VaultError> {
    migrations::migrate(conn).map_err(as_corrupt)?;
    let blob: Vec<u8> = conn
        .query_row("SELECT blob FROM header WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(|e| as_corrupt(e.into()))?
        .ok_or_else(|| VaultError::Corrupt("vault has no header".into()))?;
    Header::decode(&blob)
}

fn read_counter(conn: &Connection) -> Result<u64, VaultError> {
    let counter: i64 = conn
        .query_row("SELECT counter FROM header WHERE id = 1", [], |r| r.get(0))
        .map_err(|e| as_corrupt(e.into()))?;
    u64::try_from(counter).map_err(|_| VaultError::Modified)
}

/// While reading a vault, any database failure other than contention or I/O means the file is
/// not what Coffre wrote (missing table, wrong column type, damaged page).
fn as_corrupt(e: VaultError) -> VaultError {
    match e {
        VaultError::Db(msg) => VaultError::Corrupt(msg),
        other => other,
    }
}

/// Everything [`load`] needs from the file, read in one snapshot. Needs no key, so
/// [`Vault::unlock`] reads it while the KDF runs.
struct Snapshot {
    header_blob: Vec<u8>,
    counter: i64,
    manifest: Vec<u8>,
    rows: Vec<SnapshotRow>,
}

/// A stored row reduced to what unlock uses: the sealed meta part and both parts' digests (the
/// secret part itself is only read again, and checked against its leaf, when it is opened).
struct SnapshotRow {
    id: RecordId,
    revision: u64,
    meta: Vec<u8>,
    digests: PartDigests,
}

/// Reads the header row and every record row in one read transaction (a writer calls this
/// inside its own transaction), so they come from the same snapshot.
fn read_snapshot(conn: &Connection) -> Result<Snapshot, VaultError> {
    let tx = if conn.is_autocommit() {
        Some(
            conn.unchecked_transaction()
                .map_err(|e| as_corrupt(e.into()))?,
        )
    } else {
        None
    };
    let q = tx.as_deref().unwrap_or(conn);
    let (header_blob, counter, manifest) = q
        .query_row(
            "SELECT blob, counter, manifest FROM header WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|e| as_corrupt(e.into()))?;
    let mut rows = Vec::new();
    let mut stmt = q
        .prepare_cached("SELECT id, revision, meta, secret FROM records")
        .map_err(|e| as_corrupt(e.into()))?;
    let mut cursor = stmt.query([]).map_err(|e| as_corrupt(e.into()))?;
    while let Some(r) = cursor.next().map_err(|e| as_corrupt(e.into()))? {
        let row = (|| -> rusqlite::Result<SnapshotRow> {
            let revision: i64 = r.get(1)?;
            let meta: Vec<u8> = r.get(2)?;
            // Digest the secret part straight from SQLite's buffer: it is not kept.
            let secret = r.get_ref(3)?.as_blob()?;
            Ok(SnapshotRow {
                id: r.get(0)?,
                revision: u64::try_from(revision).unwrap_or(u64::MAX),
                digests: PartDigests::of(&meta, secret),
                meta,
            })
        })()
        .map_err(|e| as_corrupt(e.into()))?;
        rows.push(row);
    }
    Ok(Snapshot {
        header_blob,
        counter,
        manifest,
        rows,
    })
}

/// Reads every row in one snapshot, checks the manifest, and decrypts every meta part.
fn load(conn: &Connection, keys: &VaultKeys, vault_id: &[u8; 16]) -> Result<State, VaultError> {
    verify_snapshot(read_snapshot(conn)?, keys, vault_id)
}

/// Checks a snapshot against the manifest and decrypts every meta part: `Modified` if a row was
/// deleted, duplicated, swapped, rolled back or edited.
fn verify_snapshot(
    snapshot: Snapshot,
    keys: &VaultKeys,
    vault_id: &[u8; 16],
) -> Result<State, VaultError> {
    let Snapshot {
        header_blob,
        counter,
        manifest,
        rows,
    } = snapshot;
    if Header::decode(&header_blob)?.vault_id != *vault_id {
        return Err(VaultError::Modified);
    }
    let counter = u64::try_from(counter).map_err(|_| VaultError::Modified)?;

    let leaf_mac = integrity::LeafMac::new(&keys.manifest_key);
    // Hashing and decrypting ten thousand small rows is embarrassingly parallel; use every core.
    let leaves: Vec<Leaf> = rows
        .par_iter()
        .map(|row| leaf_mac.leaf(&row.id, row.revision, &row.digests))
        .collect();
    let mut sum = LeafSum::default();
    for leaf in &leaves {
        sum.add(leaf);
    }
    let expected = integrity::manifest(&keys.manifest_key, counter, rows.len() as u64, &sum);
    if !integrity::manifest_matches(&manifest, &expected) {
        return Err(VaultError::Modified);
    }

    let metas: Vec<KeyMeta> = rows
        .par_iter()
        .map(|row| {
            let plain = envelope::open(
                &keys.record_key,
                &record_aad(vault_id, &row.id, row.revision, b"meta"),
                &row.meta,
            )
            .map_err(|_| VaultError::Modified)?;
            KeyMeta::from_plaintext(&plain)
                .map_err(|_| VaultError::Corrupt("malformed record metadata".into()))
        })
        .collect::<Result<_, _>>()?;
    let mut records = HashMap::with_capacity(rows.len());
    for ((row, leaf), meta) in rows.into_iter().zip(leaves).zip(metas) {
        if records
            .insert(row.id, Cached::new(row.revision, leaf, meta))
            .is_some()
        {
            // Two rows with one id can only come from an edited schema.
            return Err(VaultError::Modified);
        }
    }
    Ok(State {
        counter,
        sum,
        records,
    })
}

fn check_password(password: &SecretString) -> Result<(), VaultError> {
    if password.is_empty() {
        return Err(VaultError::InvalidInput(
            "the master password is empty".into(),
        ));
    }
    Ok(())
}

fn check_meta(meta: &KeyMeta) -> Result<(), VaultError> {
    let label = meta.label.trim();
    if label.is_empty() {
        return Err(VaultError::InvalidInput("the label is empty".into()));
    }
    if label.len() > 200 {
        return Err(VaultError::InvalidInput(
            "the label is longer than 200 bytes".into(),
        ));
    }
    if meta.exchange.trim().is_empty() {
        return Err(VaultError::InvalidInput("the exchange is empty".into()));
    }
    if meta.notes.len() > MAX_TEXT {
        return Err(VaultError::InvalidInput(
            "the notes are longer than 64 KiB".into(),
        ));
    }
    Ok(())
}

fn check_credentials(creds: &Credentials) -> Result<(), VaultError> {
    if creds.api_key.is_empty() || creds.secret.is_empty() {
        return Err(VaultError::InvalidInput(
            "the API key and the secret are required".into(),
        ));
    }
    if creds.api_key.len() > MAX_TEXT || creds.secret.len() > MAX_TEXT {
        return Err(VaultError::InvalidInput(
            "a credential is longer than 64 KiB".into(),
        ));
    }
    Ok(())
}

/// Labels are unique case-insensitively, ignoring surrounding blanks.
fn check_label_free(state: &State, label: &str, except: Option<&str>) -> Result<(), VaultError> {
    let wanted = label.trim().to_lowercase();
    let taken = state
        .records
        .iter()
        .any(|(id, c)| Some(id.as_str()) != except && c.meta.label.trim().to_lowercase() == wanted);
    if taken {
        return Err(VaultError::DuplicateLabel(label.trim().to_owned()));
    }
    Ok(())
}
