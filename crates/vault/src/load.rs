//! Reading the whole vault back and verifying it: one snapshot of the header and every row,
//! checked against the manifest MAC, with every meta part opened; used by unlock and by resync.
//!
//! Reads check the counter first and reload when another process moved it.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};
use zeroize::Zeroizing;

use crate::envelope;
use crate::error::VaultError;
use crate::header::Header;
use crate::integrity::{self, Leaf, LeafSum, PartDigests};
use crate::keys::VaultKeys;
use crate::migrations;
use crate::model::{KeyMeta, RecordId};
use crate::rows::write_record_aad;
use crate::vault::{Cached, State, Vault};

impl Vault {
    /// Reloads and re-verifies the vault if another process changed it since we last looked.
    pub(crate) fn sync(&self) -> Result<(), VaultError> {
        let counter = read_counter(&self.conn)?;
        if counter != self.state.borrow().counter {
            let fresh = load(&self.conn, &self.keys, &self.header)?;
            *self.state.borrow_mut() = fresh;
        }
        Ok(())
    }
}

/// Checks the file is a Coffre vault holding exactly Coffre's schema, and reads its header.
pub(crate) fn read_header(conn: &Connection) -> Result<Header, VaultError> {
    migrations::migrate(conn).map_err(as_corrupt)?;
    let blob: Vec<u8> = conn
        .query_row("SELECT blob FROM header WHERE id = 1", [], |r| r.get(0))
        .optional()
        .map_err(|e| as_corrupt(e.into()))?
        .ok_or_else(|| VaultError::Corrupt("vault has no header".into()))?;
    Header::decode(&blob)
}

pub(crate) fn read_counter(conn: &Connection) -> Result<u64, VaultError> {
    let counter: i64 = conn
        .query_row("SELECT counter FROM header WHERE id = 1", [], |r| r.get(0))
        .map_err(|e| as_corrupt(e.into()))?;
    u64::try_from(counter).map_err(|_| VaultError::Modified)
}

/// Checks that the stored header blob is the one this session's keys came from. A different one
/// of the same vault means its password was changed (by another Coffre, or a header put back from
/// another copy): the data key it wraps is not the one this session holds, and only the new
/// password can tell which, so it is reported like a wrong password.
pub(crate) fn check_same_header(stored: &[u8], ours: &Header) -> Result<(), VaultError> {
    if stored == ours.encode().as_slice() {
        return Ok(());
    }
    if Header::decode(stored)?.vault_id != ours.vault_id {
        return Err(VaultError::Modified);
    }
    Err(VaultError::WrongPassword)
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
pub(crate) struct Snapshot {
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
    /// Opened in place, so it is wiped like any plaintext.
    meta: Zeroizing<Vec<u8>>,
    digests: PartDigests,
}

/// Reads the header row and every record row in one read transaction (a writer calls this
/// inside its own transaction), so they come from the same snapshot.
pub(crate) fn read_snapshot(conn: &Connection) -> Result<Snapshot, VaultError> {
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
                meta: Zeroizing::new(meta),
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
pub(crate) fn load(
    conn: &Connection,
    keys: &VaultKeys,
    header: &Header,
) -> Result<State, VaultError> {
    verify_snapshot(read_snapshot(conn)?, keys, header)
}

/// Checks a snapshot against the manifest and decrypts every meta part: `Modified` if a row was
/// deleted, duplicated, swapped, rolled back or edited, or the header row replaced. `header` is
/// the one `keys` were unwrapped from.
pub(crate) fn verify_snapshot(
    snapshot: Snapshot,
    keys: &VaultKeys,
    header: &Header,
) -> Result<State, VaultError> {
    let Snapshot {
        header_blob,
        counter,
        manifest,
        rows,
    } = snapshot;
    check_same_header(&header_blob, header)?;
    let vault_id = &header.vault_id;
    let counter = u64::try_from(counter).map_err(|_| VaultError::Modified)?;
    let count = rows.len();

    let leaf_mac = integrity::LeafMac::new(&keys.manifest_key);
    // Everything after the KDF is on the user's wait. One pass computes each row's leaf and opens
    // and parses its meta part (AEAD first: the JSON parser only ever sees authenticated bytes);
    // nothing opened is kept unless the manifest over all the leaves then matches. On one thread:
    // spread over rayon's pool the same pass cost twice the CPU on two cores (metas allocated on
    // the workers, freed on the caller's thread, and the allocator's slow paths), for no gain.
    // The associated data is built in one buffer for all rows rather than allocated per row.
    let mut aad = Vec::new();
    let opened: Vec<(Leaf, Result<Entry, VaultError>)> = rows
        .into_iter()
        .map(|row| {
            let leaf = leaf_mac.leaf(&row.id, row.revision, &row.digests);
            (leaf, open_meta(row, leaf, keys, vault_id, &mut aad))
        })
        .collect();
    let mut sum = LeafSum::default();
    for (leaf, _) in &opened {
        sum.add(leaf);
    }
    let expected = integrity::manifest(
        &keys.manifest_key,
        header.manifest_binding(),
        counter,
        count as u64,
        &sum,
    );
    if !integrity::manifest_matches(&manifest, &expected) {
        return Err(VaultError::Modified);
    }
    let mut records = HashMap::with_capacity(count);
    for (_, entry) in opened {
        let (id, cached) = entry?;
        if records.insert(id, cached).is_some() {
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

/// A record's entry in the index.
type Entry = (RecordId, Box<Cached>);

/// Opens and parses one row's meta part into its index entry.
fn open_meta(
    mut row: SnapshotRow,
    leaf: Leaf,
    keys: &VaultKeys,
    vault_id: &[u8; 16],
    aad: &mut Vec<u8>,
) -> Result<Entry, VaultError> {
    write_record_aad(aad, vault_id, &row.id, row.revision, b"meta");
    let plain = envelope::open_in_place(&keys.record_key, aad, &mut row.meta)
        .map_err(|_| VaultError::Modified)?;
    let meta = KeyMeta::from_plaintext(plain)
        .map_err(|_| VaultError::Corrupt("malformed record metadata".into()))?;
    Ok((row.id, Box::new(Cached::new(row.revision, leaf, meta))))
}
