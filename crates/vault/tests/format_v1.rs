//! Vaults written by the previous Coffre (header format 1: the manifest does not cover the header,
//! and a password change re-wrapped the same data key) still open and keep working; their next
//! password change moves them to format 2 and cuts the old passwords off.
//!
//! `fixtures/legacy-v1.coffre` was written by that Coffre: created under "legacy password A" with
//! the test KDF, `alpha` = `creds(1)` added, password changed to "legacy password B" (same data
//! key), `beta` = `creds(2)` added. `fixtures/legacy-v1-header-a.bin` is its header blob from
//! before that change.

use std::path::{Path, PathBuf};

use coffre_vault::Vault;

use crate::support::*;

const A: &str = "legacy password A";
const B: &str = "legacy password B";
const C: &str = "a password chosen after the upgrade";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of the legacy vault to work on.
fn legacy_vault() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_vault_path();
    std::fs::copy(fixture("legacy-v1.coffre"), &path).unwrap();
    (dir, path)
}

fn header_version(path: &Path) -> u8 {
    let blob: Vec<u8> = raw(path)
        .query_row("SELECT blob FROM header WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    blob[b"COFFRE-VAULT".len()]
}

fn put_header(path: &Path, blob: &[u8]) {
    raw(path)
        .execute("UPDATE header SET blob = ?1 WHERE id = 1", [blob])
        .unwrap();
}

#[test]
fn a_format_1_vault_opens_keeps_working_and_moves_to_format_2_at_a_password_change() {
    let (_dir, path) = legacy_vault();
    assert_eq!(header_version(&path), 1);
    assert_eq!(
        Vault::unlock(&path, &A.into()).unwrap_err().code(),
        "wrong_password"
    );
    let mut vault = Vault::unlock(&path, &B.into()).unwrap();
    let alpha = vault.find("alpha").unwrap();
    let beta = vault.find("beta").unwrap();
    assert_eq!(vault.credentials(&alpha.id).unwrap(), creds(1));
    assert_eq!(vault.credentials(&beta.id).unwrap(), creds(2));
    // Ordinary writes keep format 1 (moving on needs the password: the version is bound to the
    // wrapped key).
    let gamma = vault.add(meta("gamma"), &creds(3)).unwrap();
    vault.replace_credentials(&alpha.id, &creds(4)).unwrap();
    drop(vault);
    assert_eq!(header_version(&path), 1);
    let mut vault = Vault::unlock(&path, &B.into()).unwrap();
    assert_eq!(vault.list().unwrap().len(), 3);

    vault.change_password(&C.into(), None).unwrap();
    drop(vault);
    assert_eq!(header_version(&path), 2);
    assert_eq!(
        Vault::unlock(&path, &B.into()).unwrap_err().code(),
        "wrong_password"
    );
    let vault = Vault::unlock(&path, &C.into()).unwrap();
    assert_eq!(vault.list().unwrap().len(), 3);
    assert_eq!(vault.credentials(&alpha.id).unwrap(), creds(4));
    assert_eq!(
        vault.previous_credentials(&alpha.id).unwrap(),
        vec![creds(1)]
    );
    assert_eq!(vault.credentials(&beta.id).unwrap(), creds(2));
    assert_eq!(vault.credentials(&gamma).unwrap(), creds(3));
}

#[test]
fn an_old_header_put_back_after_the_first_new_password_change_is_modified() {
    let (_dir, path) = legacy_vault();
    let header_a = std::fs::read(fixture("legacy-v1-header-a.bin")).unwrap();
    // What format 1 left behind, unchanged by reading it: the header from before the old-style
    // change wraps the same data key, so password A still opens the file with it. Only a
    // password change (below) ends that.
    {
        let (_dir, copy) = legacy_vault();
        put_header(&copy, &header_a);
        assert_eq!(
            Vault::unlock(&copy, &A.into())
                .unwrap()
                .list()
                .unwrap()
                .len(),
            2
        );
    }
    let mut vault = Vault::unlock(&path, &B.into()).unwrap();
    vault.change_password(&C.into(), None).unwrap();
    vault
        .add(meta("added after the change"), &creds(5))
        .unwrap();
    drop(vault);

    put_header(&path, &header_a);
    let err = Vault::unlock(&path, &A.into()).unwrap_err();
    assert_eq!(err.code(), "vault_modified", "{err}");
}
