//! Backups and restores: SQLite's online backup API copies a consistent snapshot (it works while
//! other connections read and write), into a 0600 temporary file beside the destination that is
//! fsynced and renamed over it, so the destination is always either the old file or the new one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::Connection;

use coffre_secret::SecretString;

use crate::error::VaultError;
use crate::load::read_header;
use crate::store;
use crate::vault::Vault;

impl Vault {
    /// Writes a consistent encrypted copy of the vault to `dest` (mode 0600, replaced
    /// atomically), using SQLite's online backup, so it works while other processes use it.
    pub fn backup(&self, dest: &Path) -> Result<(), VaultError> {
        copy_to(&self.conn, dest)
    }

    /// [`Vault::backup`] of the vault file at `src`, without unlocking it.
    pub fn backup_file(src: &Path, dest: &Path) -> Result<(), VaultError> {
        let conn = store::open(src)?;
        read_header(&conn)?;
        copy_to(&conn, dest)
    }

    /// Replaces the vault at `dest` with the backup at `backup`, after unlocking the backup with
    /// `password` (which checks the password and the backup's integrity). The replacement is
    /// atomic (temporary file, fsync, rename). Close every vault open on `dest` first.
    pub fn restore(backup: &Path, dest: &Path, password: &SecretString) -> Result<(), VaultError> {
        let verified = Vault::unlock(backup, password)?;
        copy_to(&verified.conn, dest)
    }
}

/// Copies the database behind `src` to `dest`, replacing `dest` atomically.
fn copy_to(src: &Connection, dest: &Path) -> Result<(), VaultError> {
    let tmp = temp_path(dest);
    let result = copy_via(src, &tmp, dest);
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    for companion in store::companions(&tmp) {
        let _ = std::fs::remove_file(companion);
    }
    result
}

fn copy_via(src: &Connection, tmp: &Path, dest: &Path) -> Result<(), VaultError> {
    drop(store::create_private_file(tmp)?);
    {
        let mut out = Connection::open(tmp)?;
        {
            let backup = Backup::new(src, &mut out)?;
            // Whole database in one step: a vault is small, and one step means one snapshot.
            backup.run_to_completion(i32::MAX, Duration::ZERO, None)?;
        }
        // Leave a self-contained file: everything in the main file, no -wal needed.
        out.pragma_update(None, "journal_mode", "DELETE")?;
        out.close().map_err(|(_, e)| VaultError::from(e))?;
    }
    std::fs::File::open(tmp)?.sync_all()?;
    // A -wal left by the file being replaced would be replayed onto the new one: remove it first.
    for companion in store::companions(dest) {
        match std::fs::remove_file(&companion) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    std::fs::rename(tmp, dest)?;
    store::sync_dir(dest)?;
    Ok(())
}

fn temp_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "vault".into());
    let tmp_name = format!(".{name}.{}.tmp", uuid::Uuid::new_v4().simple());
    dest.with_file_name(tmp_name)
}
