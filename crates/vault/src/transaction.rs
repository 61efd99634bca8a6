//! One change, one SQLite transaction: rows, counter and manifest are written together under
//! `BEGIN IMMEDIATE`, and the in-memory index follows only once the commit succeeded.
//!
//! Concurrency: the short busy timeout gives a second writer [`VaultError::Busy`] instead of
//! waiting or corrupting anything. Inside the transaction the counter is re-read; if another
//! process changed the vault since we last looked, the whole vault is re-read and re-verified (it
//! is authenticated with our keys) before the change is applied, so two Coffre processes never
//! overwrite each other's changes blindly.

use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::error::VaultError;
use crate::header::Header;
use crate::integrity::{self, Leaf, LeafSum};
use crate::load::{load, read_counter};
use crate::model::{KeyMeta, RecordId};
use crate::rows::Row;
use crate::vault::{Cached, State, Vault};

/// What a write does, computed inside the write transaction.
#[derive(Default)]
pub(crate) struct Change {
    pub upserts: Vec<(Row, KeyMeta)>,
    pub delete: Option<RecordId>,
    pub header: Option<Header>,
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
                .insert(row.id, Box::new(Cached::new(row.revision, leaf, meta)));
        }
        drop(state);
        Ok(next.change.header)
    }
}
