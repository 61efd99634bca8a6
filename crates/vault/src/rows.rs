//! A record's row: both parts sealed with associated data that binds them to this vault, row,
//! revision and part, and the secret part opened only when its row matches the verified leaf.

use coffre_model::Credentials;
use rusqlite::{params, Connection, OptionalExtension};
use zeroize::Zeroizing;

use crate::envelope;
use crate::error::VaultError;
use crate::integrity;
use crate::model::{KeyMeta, RecordId};
use crate::secret_part;
use crate::transaction::Change;
use crate::vault::{State, Vault};

/// One record's row as stored.
pub(crate) struct Row {
    pub id: RecordId,
    pub revision: u64,
    pub meta: Vec<u8>,
    pub secret: Vec<u8>,
}

impl Vault {
    pub(crate) fn seal_row(&self, id: &str, revision: u64, meta: &KeyMeta, secret: &[u8]) -> Row {
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
    pub(crate) fn reseal(
        &self,
        conn: &Connection,
        state: &State,
        id: &str,
        meta: KeyMeta,
        secret: Option<Zeroizing<Vec<u8>>>,
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

    pub(crate) fn read_secret(
        &self,
        id: &str,
    ) -> Result<(Credentials, Vec<Credentials>), VaultError> {
        self.sync()?;
        let state = self.state.borrow();
        self.open_secret_row(&self.conn, &state, id)
    }

    /// Reads a record's row, checks it is exactly the verified one (same leaf), and opens its
    /// secret part.
    pub(crate) fn open_secret_row(
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

/// Associated data of a record part: binds it to this vault, this row, this revision and this
/// part, so parts cannot be moved between vaults, rows, revisions or columns.
pub(crate) fn record_aad(vault_id: &[u8; 16], id: &str, revision: u64, part: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(64 + id.len());
    write_record_aad(&mut aad, vault_id, id, revision, part);
    aad
}

/// [`record_aad`] into a buffer the caller reuses (unlock, once per row).
pub(crate) fn write_record_aad(
    aad: &mut Vec<u8>,
    vault_id: &[u8; 16],
    id: &str,
    revision: u64,
    part: &[u8],
) {
    aad.clear();
    aad.extend_from_slice(b"coffre record v1");
    aad.extend_from_slice(vault_id);
    aad.extend_from_slice(&(id.len() as u64).to_le_bytes());
    aad.extend_from_slice(id.as_bytes());
    aad.extend_from_slice(&revision.to_le_bytes());
    aad.extend_from_slice(part);
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
