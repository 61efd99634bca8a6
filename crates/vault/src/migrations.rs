//! The SQLite schema and its versions, tracked in `PRAGMA user_version`. Version 1 is the first;
//! a later version adds a function here and a step in [`migrate`], run inside one transaction.

use rusqlite::Connection;

use crate::error::VaultError;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 1;

/// Version 1: one header row (key material, counter, manifest MAC) and one row per record
/// holding only ciphertext. No plaintext column and no index on anything but the random id.
fn v1(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE header (
             id       INTEGER PRIMARY KEY CHECK (id = 1),
             blob     BLOB    NOT NULL,
             counter  INTEGER NOT NULL,
             manifest BLOB    NOT NULL
         );
         CREATE TABLE records (
             id       TEXT    PRIMARY KEY NOT NULL,
             revision INTEGER NOT NULL,
             meta     BLOB    NOT NULL,
             secret   BLOB    NOT NULL
         );",
    )
}

/// Creates the schema in a fresh database (inside the caller's transaction).
pub(crate) fn create(conn: &Connection) -> Result<(), VaultError> {
    v1(conn)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(())
}

/// Brings an existing vault up to [`SCHEMA_VERSION`], or refuses one from a newer Coffre.
pub(crate) fn migrate(conn: &Connection) -> Result<(), VaultError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    match version {
        SCHEMA_VERSION => Ok(()),
        0 => Err(VaultError::Corrupt("not a Coffre vault (no schema)".into())),
        v if v > SCHEMA_VERSION => Err(VaultError::Corrupt(format!(
            "vault schema version {v} is newer than this Coffre understands ({SCHEMA_VERSION})"
        ))),
        v => Err(VaultError::Corrupt(format!(
            "unknown vault schema version {v}"
        ))),
    }
}
