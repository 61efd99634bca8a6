//! Tampering: every byte of a small vault flipped in turn, and deliberate row edits (swap, delete,
//! duplicate, rollback) made with SQLite directly. Each must give the original data or a clean
//! `Modified` / `Corrupt` / `WrongPassword`, never a panic and never different data.

use std::path::Path;

use coffre_vault::{Vault, VaultError};

use crate::support::*;

fn remove_companions(path: &Path) {
    for s in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(s);
        let _ = std::fs::remove_file(std::path::PathBuf::from(p));
    }
}

fn open_and_read(
    path: &Path,
) -> Result<Vec<(String, u64, String, coffre_vault::Credentials)>, VaultError> {
    let vault = Vault::unlock(path, &password())?;
    snapshot(&vault)
}

fn assert_clean_refusal(result: Result<impl std::fmt::Debug, VaultError>, expected: &str) {
    match result {
        Err(e) => assert_eq!(e.code(), expected, "{e}"),
        Ok(v) => panic!("tampering went unnoticed: {v:?}"),
    }
}

#[test]
fn every_flipped_byte_gives_the_original_data_or_a_clean_error() {
    let (dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let a = vault.add(meta("alpha"), &creds(1)).unwrap();
    vault.add(meta("beta"), &creds(2)).unwrap();
    vault.replace_credentials(&a, &creds(3)).unwrap();
    drop(vault);
    checkpoint(&path);
    remove_companions(&path);
    let original = std::fs::read(&path).unwrap();
    let expected = open_and_read(&path).unwrap();
    remove_companions(&path);

    let victim = dir.path().join("tampered.coffre");
    let (mut same, mut modified, mut corrupt, mut wrong_pw) = (0, 0, 0, 0);
    for offset in 0..original.len() {
        let mut bytes = original.clone();
        bytes[offset] ^= 0xff;
        remove_companions(&victim);
        std::fs::write(&victim, &bytes).unwrap();
        match open_and_read(&victim) {
            Ok(data) => {
                assert!(data == expected, "flip at {offset} changed the data");
                same += 1;
            }
            Err(VaultError::Modified) => modified += 1,
            Err(VaultError::Corrupt(_)) => corrupt += 1,
            Err(VaultError::WrongPassword) => wrong_pw += 1,
            Err(other) => panic!("flip at {offset}: unexpected error {other:?}"),
        }
    }
    eprintln!(
        "{} bytes: {same} unchanged, {modified} modified, {corrupt} corrupt, {wrong_pw} wrong password",
        original.len()
    );
    // The matrix really hit the sealed data and the structure, not only slack space. (The header
    // blob has its own checksum, so flips there are `Corrupt` rather than `WrongPassword`.)
    assert!(
        modified > 0 && corrupt > 0,
        "{modified} modified, {corrupt} corrupt"
    );
}

/// A vault with two records, and a raw connection to it.
fn two_records() -> (tempfile::TempDir, std::path::PathBuf, String, String) {
    let (dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let a = vault.add(meta("alpha"), &creds(1)).unwrap();
    let b = vault.add(meta("beta"), &creds(2)).unwrap();
    drop(vault);
    (dir, path, a, b)
}

#[test]
fn swapped_record_blobs_are_detected() {
    for column in ["meta", "secret"] {
        let (_dir, path, a, b) = two_records();
        let conn = raw(&path);
        let get = |id: &str| -> Vec<u8> {
            conn.query_row(
                &format!("SELECT {column} FROM records WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap()
        };
        let (blob_a, blob_b) = (get(&a), get(&b));
        let set = |id: &str, blob: &Vec<u8>| {
            conn.execute(
                &format!("UPDATE records SET {column} = ?1 WHERE id = ?2"),
                rusqlite::params![blob, id],
            )
            .unwrap();
        };
        set(&a, &blob_b);
        set(&b, &blob_a);
        drop(conn);
        assert_clean_refusal(open_and_read(&path), "vault_modified");
    }
}

#[test]
fn meta_and_secret_parts_cannot_trade_places() {
    let (_dir, path, a, _) = two_records();
    let conn = raw(&path);
    conn.execute(
        "UPDATE records SET meta = secret, secret = meta WHERE id = ?1",
        [&a],
    )
    .unwrap();
    drop(conn);
    assert_clean_refusal(open_and_read(&path), "vault_modified");
}

#[test]
fn a_deleted_row_is_detected() {
    let (_dir, path, a, _) = two_records();
    raw(&path)
        .execute("DELETE FROM records WHERE id = ?1", [&a])
        .unwrap();
    assert_clean_refusal(open_and_read(&path), "vault_modified");
}

#[test]
fn a_duplicated_row_is_detected() {
    let (_dir, path, a, _) = two_records();
    raw(&path)
        .execute(
            "INSERT INTO records (id, revision, meta, secret)
             SELECT '00000000-0000-4000-8000-000000000000', revision, meta, secret FROM records WHERE id = ?1",
            [&a],
        )
        .unwrap();
    assert_clean_refusal(open_and_read(&path), "vault_modified");
}

#[test]
fn a_rolled_back_row_is_detected() {
    let (_dir, path, a, _) = two_records();
    let old: (i64, Vec<u8>, Vec<u8>) = raw(&path)
        .query_row(
            "SELECT revision, meta, secret FROM records WHERE id = ?1",
            [&a],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let mut vault = Vault::unlock(&path, &password()).unwrap();
    vault.replace_credentials(&a, &creds(9)).unwrap();
    drop(vault);
    raw(&path)
        .execute(
            "UPDATE records SET revision = ?1, meta = ?2, secret = ?3 WHERE id = ?4",
            rusqlite::params![old.0, old.1, old.2, a],
        )
        .unwrap();
    assert_clean_refusal(open_and_read(&path), "vault_modified");
}

#[test]
fn a_rolled_back_counter_or_manifest_is_detected() {
    let (_dir, path, _, _) = two_records();
    raw(&path)
        .execute("UPDATE header SET counter = counter - 1", [])
        .unwrap();
    assert_clean_refusal(open_and_read(&path), "vault_modified");
}

#[test]
fn a_row_changed_while_open_is_refused_when_read() {
    let (_dir, path, a, b) = two_records();
    let vault = Vault::unlock(&path, &password()).unwrap();
    let conn = raw(&path);
    conn.execute(
        "UPDATE records SET secret = (SELECT secret FROM records WHERE id = ?1) WHERE id = ?2",
        [&b, &a],
    )
    .unwrap();
    assert_clean_refusal(vault.credentials(&a), "vault_modified");
}
