//! One change, one SQLite transaction: rows, counter and manifest are written together under
//! `BEGIN IMMEDIATE`, and the in-memory index follows only once the commit succeeded.
//!
//! Concurrency: the short busy timeout gives a second writer [`VaultError::Busy`] instead of
//! waiting or corrupting anything. Inside the transaction the schema is checked again (a file
//! edited while open is refused before anything is written), and the counter and header are
//! re-read: if another process changed the vault since we last looked, the whole vault is re-read
//! and re-verified (it is authenticated with our keys) before the change is applied, so two Coffre
//! processes never overwrite each other's changes blindly; if it changed the password, this
//! session's key is no longer the vault's and the write is refused.

use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::error::VaultError;
use crate::header::Header;
use crate::integrity::{self, Leaf, LeafSum};
use crate::keys::VaultKeys;
use crate::load::{check_same_header, load};
use crate::migrations;
use crate::model::{KeyMeta, RecordId};
use crate::rows::Row;
use crate::vault::{Cached, State, Vault};

/// What a write does, computed inside the write transaction.
#[derive(Default)]
pub(crate) struct Change {
    pub upserts: Vec<(Row, KeyMeta)>,
    pub delete: Option<RecordId>,
}

/// The state a change leads to, applied to the index after the commit.
struct Next {
    counter: u64,
    sum: LeafSum,
    count: u64,
    change: Change,
    new_leaves: Vec<Leaf>,
}

impl Vault {
    /// Runs one change in its own `BEGIN IMMEDIATE` transaction, bumping the counter and the
    /// manifest; the in-memory index is updated only after the commit succeeded.
    pub(crate) fn write<F>(&mut self, op: F) -> Result<(), VaultError>
    where
        F: FnOnce(&Connection, &State, &Vault) -> Result<Change, VaultError>,
    {
        let (tx, counter) = self.begin_write()?;
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
        let manifest = Manifest {
            keys: &self.keys,
            header: &self.header,
            counter: next.counter,
            count: next.count,
            sum: &next.sum,
        };
        manifest.store(&tx, false)?;
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
                .insert(row.id, Box::new(Cached::new(row.revision, leaf, meta)));
        }
        Ok(())
    }

    /// Opens the write transaction and brings the index up to the file: the schema checked
    /// again, the header still ours, and the index reloaded if another process moved the
    /// counter. Returns the transaction and the counter it starts from.
    pub(crate) fn begin_write(&self) -> Result<(Transaction<'_>, u64), VaultError> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        migrations::migrate(&tx)?;
        let (counter, blob): (i64, Vec<u8>) =
            tx.query_row("SELECT counter, blob FROM header WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        check_same_header(&blob, &self.header)?;
        let counter = u64::try_from(counter).map_err(|_| VaultError::Modified)?;
        if counter != self.state.borrow().counter {
            let fresh = load(&tx, &self.keys, &self.header)?;
            *self.state.borrow_mut() = fresh;
        }
        Ok((tx, counter))
    }
}

/// The manifest of one state of the vault, and the header row that stores it.
pub(crate) struct Manifest<'a> {
    /// The keys of the data key `header` wraps.
    pub keys: &'a VaultKeys,
    pub header: &'a Header,
    pub counter: u64,
    pub count: u64,
    pub sum: &'a LeafSum,
}

impl Manifest<'_> {
    /// Writes counter and manifest into the header row, and the header blob itself when it is
    /// new (a password change).
    pub fn store(&self, tx: &Connection, new_header: bool) -> Result<(), VaultError> {
        let mac = integrity::manifest(
            &self.keys.manifest_key,
            self.header.manifest_binding(),
            self.counter,
            self.count,
            self.sum,
        );
        let counter = self.counter as i64;
        if new_header {
            tx.execute(
                "UPDATE header SET blob = ?1, counter = ?2, manifest = ?3 WHERE id = 1",
                params![self.header.encode(), counter, mac.to_vec()],
            )?;
        } else {
            tx.execute(
                "UPDATE header SET counter = ?1, manifest = ?2 WHERE id = 1",
                params![counter, mac.to_vec()],
            )?;
        }
        Ok(())
    }
}
