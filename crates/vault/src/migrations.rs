//! The SQLite schema and its versions, tracked in `PRAGMA user_version`. Version 1 is the first;
//! a later version adds a function to [`STEPS`], run inside one transaction.
//!
//! The SQL text of a step is part of the file format: every open compares the file's schema, text
//! included, with what the steps create (`schema.rs`), so a released step is never edited.

use rusqlite::Connection;

use crate::error::VaultError;
use crate::schema;

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

/// Step `n` brings a version `n` database to version `n + 1` (step 0 creates version 1). A new
/// file runs every step, so a created file and a migrated one hold the same schema.
type Step = fn(&Connection) -> rusqlite::Result<()>;
const STEPS: [Step; SCHEMA_VERSION as usize] = [v1];

/// Creates the schema in a fresh database (inside the caller's transaction).
pub(crate) fn create(conn: &Connection) -> Result<(), VaultError> {
    build(conn, SCHEMA_VERSION)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(())
}

/// Runs the steps up to `version` on an empty database: the schema a vault of that version has.
pub(crate) fn build(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    let steps = usize::try_from(version).unwrap_or(0).min(STEPS.len());
    STEPS[..steps].iter().try_for_each(|step| step(conn))
}

/// Brings an existing vault up to [`SCHEMA_VERSION`], or refuses one from a newer Coffre. The
/// schema is verified first, so nothing runs against a schema Coffre did not write.
pub(crate) fn migrate(conn: &Connection) -> Result<(), VaultError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    match version {
        SCHEMA_VERSION => schema::verify(conn, version),
        0 => Err(VaultError::Corrupt("not a Coffre vault (no schema)".into())),
        v if v > SCHEMA_VERSION => Err(VaultError::Corrupt(format!(
            "vault schema version {v} is newer than this Coffre understands ({SCHEMA_VERSION})"
        ))),
        v => Err(VaultError::Corrupt(format!(
            "unknown vault schema version {v}"
        ))),
    }
}
