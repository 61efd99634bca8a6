//! Re-sealing every record under a new data key (a password change). Each stored row is first
//! checked against the verified index (same revision, same leaf, so nothing is carried over that
//! the manifest did not vouch for), then both parts are opened with the old record key and sealed
//! again with the new one: the same plaintext, bound to the same vault, id, revision and part.
//!
//! Three passes, so that the statements never overlap (SQLite leaves a scan of a table that is
//! being updated undefined) and the cryptography, most of the cost, can use every core: read every
//! row; re-seal them, on as many threads as there are cores, with all the nonces drawn in one call;
//! write them back by rowid with one prepared statement (no id index lookup, one compiled
//! statement for every row).

use std::num::NonZeroUsize;

use rusqlite::{params, Connection};

use crate::envelope::{self, fill_random, NONCE_LEN};
use crate::error::VaultError;
use crate::integrity::{Leaf, LeafMac, LeafSum, PartDigests};
use crate::keys::VaultKeys;
use crate::model::RecordId;
use crate::rows::record_aad;
use crate::vault::State;

/// Below this many rows a second thread costs more than it saves.
const ROWS_PER_THREAD: usize = 1_000;

/// What re-sealing wrote: each record's new leaf, and their sum.
pub(crate) struct Resealed {
    pub leaves: Vec<(RecordId, Leaf)>,
    pub sum: LeafSum,
}

/// One stored row: as read, then as re-sealed.
struct Row {
    rowid: i64,
    id: RecordId,
    revision: u64,
    meta: Vec<u8>,
    secret: Vec<u8>,
}

/// What re-sealing needs besides the rows.
struct Rekey<'a> {
    state: &'a State,
    old: &'a VaultKeys,
    new: &'a VaultKeys,
    vault_id: &'a [u8; 16],
}

/// Re-seals every row of `state` from the `old` keys to the `new` ones, inside the caller's write
/// transaction. `Modified` if the rows are not exactly the verified ones.
pub(crate) fn reseal_all(
    tx: &Connection,
    state: &State,
    old: &VaultKeys,
    new: &VaultKeys,
    vault_id: &[u8; 16],
) -> Result<Resealed, VaultError> {
    let mut rows = read_all(tx)?;
    // With the ids unique (the verified schema's primary key), the same count and every id known
    // means the rows are exactly the indexed records.
    if rows.len() != state.records.len() {
        return Err(VaultError::Modified);
    }
    let rekey = Rekey {
        state,
        old,
        new,
        vault_id,
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(rows.len() / ROWS_PER_THREAD)
        .max(1);
    let per_thread = rows.len().div_ceil(threads).max(1);
    let leaves: Vec<Leaf> = std::thread::scope(|scope| {
        let mut chunks = rows.chunks_mut(per_thread);
        let first = chunks.next();
        let others: Vec<_> = chunks
            .map(|chunk| scope.spawn(|| rekey.reseal(chunk)))
            .collect();
        let mut leaves = first.map_or(Ok(Vec::new()), |chunk| rekey.reseal(chunk))?;
        for other in others {
            let more = other
                .join()
                .map_err(|_| VaultError::Corrupt("re-sealing the records failed".into()))??;
            leaves.extend(more);
        }
        Ok::<_, VaultError>(leaves)
    })?;

    let mut update =
        tx.prepare_cached("UPDATE records SET meta = ?1, secret = ?2 WHERE rowid = ?3")?;
    let mut resealed = Resealed {
        leaves: Vec::with_capacity(rows.len()),
        sum: LeafSum::default(),
    };
    for (row, leaf) in rows.into_iter().zip(leaves) {
        update.execute(params![row.meta, row.secret, row.rowid])?;
        resealed.sum.add(&leaf);
        resealed.leaves.push((row.id, leaf));
    }
    Ok(resealed)
}

impl Rekey<'_> {
    /// Checks and re-seals `rows` in place; returns their new leaves.
    fn reseal(&self, rows: &mut [Row]) -> Result<Vec<Leaf>, VaultError> {
        let old_mac = LeafMac::new(&self.old.manifest_key);
        let new_mac = LeafMac::new(&self.new.manifest_key);
        let mut random = vec![0u8; rows.len() * 2 * NONCE_LEN];
        fill_random(&mut random);
        let (nonces, _) = random.as_chunks::<NONCE_LEN>();
        let mut leaves = Vec::with_capacity(rows.len());
        for (row, nonces) in rows.iter_mut().zip(nonces.chunks_exact(2)) {
            let cached = self
                .state
                .records
                .get(&row.id)
                .ok_or(VaultError::Modified)?;
            let digests = PartDigests::of(&row.meta, &row.secret);
            if row.revision != cached.revision
                || old_mac.leaf(&row.id, row.revision, &digests) != cached.leaf
            {
                return Err(VaultError::Modified);
            }
            let parts = [(&b"meta"[..], &mut row.meta), (b"secret", &mut row.secret)];
            for ((part, sealed), nonce) in parts.into_iter().zip(nonces) {
                let aad = record_aad(self.vault_id, &row.id, row.revision, part);
                let plain = envelope::open(&self.old.record_key, &aad, sealed)
                    .map_err(|_| VaultError::Modified)?;
                *sealed = envelope::seal_with_nonce(&self.new.record_key, &aad, &plain, nonce);
            }
            let digests = PartDigests::of(&row.meta, &row.secret);
            leaves.push(new_mac.leaf(&row.id, row.revision, &digests));
        }
        Ok(leaves)
    }
}

fn read_all(tx: &Connection) -> Result<Vec<Row>, VaultError> {
    let mut stmt = tx.prepare_cached("SELECT rowid, id, revision, meta, secret FROM records")?;
    let rows = stmt.query_map([], |r| {
        let revision: i64 = r.get(2)?;
        Ok(Row {
            rowid: r.get(0)?,
            id: r.get(1)?,
            revision: u64::try_from(revision).unwrap_or(u64::MAX),
            meta: r.get(3)?,
            secret: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
