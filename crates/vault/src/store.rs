//! Files and connections: vault files are created 0600 before SQLite touches them (SQLite gives
//! its -wal and -shm files the same mode), and every connection runs WAL with `synchronous=FULL`
//! so an acknowledged change survives a crash or power loss.
//!
//! Every connection is also set, before its first statement, to run only SQL Coffre wrote (the
//! schema check in `schema.rs` then reports a file that holds more): defensive mode (no
//! `writable_schema`, no writes to SQLite's internals), an untrusted schema (SQL stored in the file
//! may call only functions SQLite marks innocuous), and triggers and views off: Coffre uses
//! neither, so one added to the file, even while it is open, never runs in Coffre's process.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use crate::error::VaultError;

/// How long a writer waits for another process's write transaction before reporting `Busy`.
/// Changes are single small transactions, so a longer wait means someone holds the lock for real.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_millis(250);

/// Creates an empty file with mode 0600, failing if anything exists at `path`.
pub(crate) fn create_private_file(path: &Path) -> Result<File, VaultError> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            VaultError::AlreadyExists(path.display().to_string())
        } else {
            VaultError::Io(e)
        }
    })
}

/// Opens a connection to an existing or freshly created vault file, with Coffre's pragmas.
pub(crate) fn open(path: &Path) -> Result<Connection, VaultError> {
    if !path.is_file() {
        return Err(VaultError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no vault at {}", path.display()),
        )));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // SQLite reads the file's header and schema here: a failure other than contention means the
    // file is not a database this Coffre can use (damaged header, unknown schema format, …).
    configure(&conn).map_err(|e| match e {
        VaultError::Db(msg) => VaultError::Corrupt(msg),
        other => other,
    })?;
    Ok(conn)
}

/// The connection flags, and the value each must have.
const DB_CONFIG: [(DbConfig, bool); 4] = [
    (DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true),
    (DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false),
    (DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false),
    (DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false),
];

fn configure(conn: &Connection) -> Result<(), VaultError> {
    // Flags first: SQLite reads the schema at the first statement below.
    for (flag, wanted) in DB_CONFIG {
        if conn.set_db_config(flag, wanted)? != wanted {
            return Err(VaultError::Db(format!(
                "SQLite refused {flag:?} = {wanted}"
            )));
        }
    }
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(VaultError::Db(format!("could not enable WAL (got {mode})")));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Deleted rows are overwritten, not left in free pages (defence in depth: they are ciphertext).
    conn.pragma_update(None, "secure_delete", true)?;
    conn.pragma_update(None, "foreign_keys", false)?;
    Ok(())
}

/// The `-wal` and `-shm` companions of a vault file.
pub(crate) fn companions(path: &Path) -> [PathBuf; 2] {
    let with = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    [with("-wal"), with("-shm")]
}

/// Flushes a directory entry change (create, rename) to disk.
pub(crate) fn sync_dir(path: &Path) -> Result<(), VaultError> {
    #[cfg(unix)]
    {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_run_only_what_coffre_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v");
        drop(create_private_file(&path).unwrap());
        let conn = open(&path).unwrap();
        for (flag, wanted) in DB_CONFIG {
            assert_eq!(conn.db_config(flag).unwrap(), wanted, "{flag:?}");
        }
        // Defensive mode: the schema cannot be edited through `writable_schema`.
        conn.execute_batch("CREATE TABLE t (x); PRAGMA writable_schema = ON;")
            .unwrap();
        assert!(conn
            .execute("UPDATE sqlite_schema SET sql = 'CREATE TABLE t (y)'", [])
            .is_err());
    }
}
