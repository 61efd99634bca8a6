//! Only what Coffre wrote runs: a vault file's schema (every table, index, trigger and view in
//! `sqlite_schema`, SQL text included) must be exactly what the migrations create for its
//! version, or the file was modified.
//!
//! Why: the schema is SQL that SQLite runs on Coffre's behalf. A trigger added to the file would
//! run inside Coffre's own write transactions (copying the sealed rows or the header elsewhere,
//! or undoing a write), and a view, an index or an altered table changes what statements do. The
//! rows are sealed and MACed, so none of that reaches a plaintext, but such a file was edited
//! outside Coffre and is refused as `Modified` before any statement that could fire a trigger.
//! The connection itself is opened so that nothing in a schema could run anyway (`store.rs`:
//! defensive mode, untrusted schema, triggers and views off); this check is what reports it.

use std::borrow::Cow;
use std::sync::OnceLock;

use rusqlite::Connection;

use crate::error::VaultError;
use crate::migrations;

/// One `sqlite_schema` row: type, name, table, SQL text (none for automatic indexes).
type Entry = (String, String, String, Option<String>);

/// Checks that `conn`'s database holds exactly the schema of `version`, and nothing else.
pub(crate) fn verify(conn: &Connection, version: i64) -> Result<(), VaultError> {
    if entries(conn)? != *expected(version)? {
        return Err(VaultError::Modified);
    }
    Ok(())
}

/// The schema the migrations create for `version`, built in a throwaway in-memory database by
/// the same SQLite, so its text is normalised exactly as in a file. Kept for the current version:
/// every open and every write checks against it, and building it costs a quarter of a millisecond.
fn expected(version: i64) -> Result<Cow<'static, [Entry]>, VaultError> {
    static CURRENT: OnceLock<Vec<Entry>> = OnceLock::new();
    if version != migrations::SCHEMA_VERSION {
        return Ok(Cow::Owned(build(version)?));
    }
    if let Some(current) = CURRENT.get() {
        return Ok(Cow::Borrowed(current));
    }
    let built = build(version)?;
    Ok(Cow::Borrowed(CURRENT.get_or_init(|| built)))
}

fn build(version: i64) -> Result<Vec<Entry>, VaultError> {
    let scratch = Connection::open_in_memory()?;
    migrations::build(&scratch, version)?;
    Ok(entries(&scratch)?)
}

fn entries(conn: &Connection) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt =
        conn.prepare_cached("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        migrations::create(&conn).unwrap();
        conn
    }

    #[test]
    fn the_schema_the_migrations_create_verifies() {
        let conn = fresh();
        verify(&conn, migrations::SCHEMA_VERSION).unwrap();
        // Two tables and the automatic index of the records' text primary key.
        assert_eq!(entries(&conn).unwrap().len(), 3);
    }

    #[test]
    fn any_extra_or_altered_entry_is_modified() {
        for edit in [
            "CREATE TABLE extra (x)",
            "CREATE INDEX by_revision ON records (revision)",
            "CREATE VIEW everything AS SELECT * FROM records",
            "CREATE TRIGGER t AFTER UPDATE ON header BEGIN SELECT 1; END",
            "ALTER TABLE records ADD COLUMN note TEXT",
            "DROP TABLE records",
        ] {
            let conn = fresh();
            conn.execute_batch(edit).unwrap();
            assert!(
                matches!(
                    verify(&conn, migrations::SCHEMA_VERSION),
                    Err(VaultError::Modified)
                ),
                "{edit}"
            );
        }
    }
}
