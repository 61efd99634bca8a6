//! A password change cuts the old password off: a new data key, every record re-sealed, and the
//! header bound into the manifest, so an old header row put back into the file (from an old
//! backup, with the leaked old password) opens nothing.

use std::path::Path;

use coffre_vault::{Vault, VaultOptions};

use crate::support::*;

const OLD: &str = "the old password, since leaked";
const NEW: &str = "the new password";

/// A vault under [`OLD`] holding K1 (`k1`), whose header row is returned as it was then, and
/// which was then changed to [`NEW`] and given K2 (`k2`).
fn changed_after_copying_the_header() -> (tempfile::TempDir, std::path::PathBuf, HeaderRow) {
    let (dir, path) = temp_vault_path();
    let weak = VaultOptions {
        allow_weak_kdf: true,
    };
    let mut vault = Vault::create_with(&path, &OLD.into(), WEAK, weak).unwrap();
    vault.add(meta("k1"), &creds(1)).unwrap();
    let old = HeaderRow::read(&path);
    vault.change_password(&NEW.into(), None).unwrap();
    vault.add(meta("k2"), &creds(2)).unwrap();
    drop(vault);
    (dir, path, old)
}

/// The header row's three columns, as stored.
struct HeaderRow {
    blob: Vec<u8>,
    counter: i64,
    manifest: Vec<u8>,
}

impl HeaderRow {
    fn read(path: &Path) -> HeaderRow {
        raw(path)
            .query_row(
                "SELECT blob, counter, manifest FROM header WHERE id = 1",
                [],
                |r| {
                    Ok(HeaderRow {
                        blob: r.get(0)?,
                        counter: r.get(1)?,
                        manifest: r.get(2)?,
                    })
                },
            )
            .unwrap()
    }
}

fn records(path: &Path) -> Vec<(String, i64, Vec<u8>, Vec<u8>)> {
    let conn = raw(path);
    let mut stmt = conn
        .prepare("SELECT id, revision, meta, secret FROM records ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn an_old_header_blob_put_back_is_modified_under_the_old_password() {
    let (_dir, path, old) = changed_after_copying_the_header();
    raw(&path)
        .execute("UPDATE header SET blob = ?1 WHERE id = 1", [&old.blob])
        .unwrap();
    // The old password opens the old header's key, but nothing in the file is sealed or MACed
    // with it any more: refused as modified, K2 (and K1) never read.
    let err = Vault::unlock(&path, &OLD.into()).unwrap_err();
    assert_eq!(err.code(), "vault_modified", "{err}");
    // The new password does not open the old header at all.
    let err = Vault::unlock(&path, &NEW.into()).unwrap_err();
    assert_eq!(err.code(), "wrong_password", "{err}");
}

#[test]
fn a_whole_old_header_row_put_back_is_modified_under_the_old_password() {
    let (_dir, path, old) = changed_after_copying_the_header();
    raw(&path)
        .execute(
            "UPDATE header SET blob = ?1, counter = ?2, manifest = ?3 WHERE id = 1",
            rusqlite::params![old.blob, old.counter, old.manifest],
        )
        .unwrap();
    let err = Vault::unlock(&path, &OLD.into()).unwrap_err();
    assert_eq!(err.code(), "vault_modified", "{err}");
}

#[test]
fn after_a_change_only_the_new_password_opens_and_it_reads_every_key() {
    let (_dir, path, _) = changed_after_copying_the_header();
    let err = Vault::unlock(&path, &OLD.into()).unwrap_err();
    assert_eq!(err.code(), "wrong_password");
    let vault = Vault::unlock(&path, &NEW.into()).unwrap();
    assert_eq!(vault.list().unwrap().len(), 2);
    let k1 = vault.find("k1").unwrap();
    let k2 = vault.find("k2").unwrap();
    assert_eq!(vault.credentials(&k1.id).unwrap(), creds(1));
    assert_eq!(vault.credentials(&k2.id).unwrap(), creds(2));
    assert_eq!(k1.meta.notes, "notes for k1");
}

#[test]
fn a_change_re_seals_every_record_under_a_new_key() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let a = vault.add(meta("a"), &creds(1)).unwrap();
    vault.add(meta("b"), &creds(2)).unwrap();
    vault.replace_credentials(&a, &creds(3)).unwrap();
    let before = records(&path);
    let header_before = HeaderRow::read(&path);

    vault.change_password(&NEW.into(), None).unwrap();
    let after = records(&path);
    assert_eq!(after.len(), before.len());
    for (old, new) in before.iter().zip(&after) {
        assert_eq!((&old.0, old.1), (&new.0, new.1), "same ids and revisions");
        assert_ne!(old.2, new.2, "meta part of {} not re-sealed", old.0);
        assert_ne!(old.3, new.3, "secret part of {} not re-sealed", old.0);
    }
    let header_after = HeaderRow::read(&path);
    assert_ne!(header_before.blob, header_after.blob);
    assert_eq!(header_after.counter, header_before.counter + 1);
    // Same session and a fresh one read the same, history included.
    assert_eq!(vault.previous_credentials(&a).unwrap(), vec![creds(1)]);
    drop(vault);
    let vault = Vault::unlock(&path, &NEW.into()).unwrap();
    assert_eq!(vault.credentials(&a).unwrap(), creds(3));
    assert_eq!(vault.previous_credentials(&a).unwrap(), vec![creds(1)]);
    assert_eq!(vault.get(&a).unwrap().revision, 2);
}

#[test]
fn a_row_edited_since_unlock_stops_the_change_and_nothing_is_written() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let a = vault.add(meta("a"), &creds(1)).unwrap();
    let b = vault.add(meta("b"), &creds(2)).unwrap();
    // An edit the manifest does not vouch for must not be re-sealed (and so blessed) by the change.
    raw(&path)
        .execute(
            "UPDATE records SET secret = (SELECT secret FROM records WHERE id = ?1) WHERE id = ?2",
            [&b, &a],
        )
        .unwrap();
    let before = (records(&path), HeaderRow::read(&path).blob);
    let err = vault.change_password(&NEW.into(), None).unwrap_err();
    assert_eq!(err.code(), "vault_modified");
    assert!((records(&path), HeaderRow::read(&path).blob) == before);
    assert!(Vault::unlock(&path, &NEW.into()).is_err());
}
