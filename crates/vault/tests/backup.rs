//! Backups are consistent encrypted copies; restores check the backup first and replace the
//! destination atomically.

use coffre_vault::Vault;

use crate::support::*;

#[test]
fn backup_of_an_open_vault_restores_to_the_same_data() {
    let (dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let a = vault.add(meta("a"), &creds(1)).unwrap();
    let backup = dir.path().join("backup.coffre");
    vault.backup(&backup).unwrap();
    // Changes after the backup are not in it.
    vault.add(meta("b"), &creds(2)).unwrap();

    let restored = dir.path().join("restored.coffre");
    Vault::restore(&backup, &restored, &password()).unwrap();
    let r = Vault::unlock(&restored, &password()).unwrap();
    assert_eq!(r.list().unwrap().len(), 1);
    assert_eq!(r.credentials(&a).unwrap(), creds(1));
}

#[test]
fn backup_file_works_while_another_handle_holds_the_vault() {
    let (dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    vault.add(meta("a"), &creds(1)).unwrap();
    // The change is still in the -wal: the copy must include it.
    let backup = dir.path().join("b.coffre");
    Vault::backup_file(&path, &backup).unwrap();
    vault.add(meta("b"), &creds(2)).unwrap();
    let b = Vault::unlock(&backup, &password()).unwrap();
    assert_eq!(b.list().unwrap().len(), 1);
}

#[test]
fn restore_replaces_the_destination_and_drops_its_stale_wal() {
    let (dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let keep = vault.add(meta("keep"), &creds(1)).unwrap();
    let backup = dir.path().join("backup.coffre");
    vault.backup(&backup).unwrap();
    vault.add(meta("later"), &creds(2)).unwrap();
    drop(vault);

    Vault::restore(&backup, &path, &password()).unwrap();
    let v = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(v.list().unwrap().len(), 1);
    assert_eq!(v.credentials(&keep).unwrap(), creds(1));
}

#[test]
fn restore_with_a_wrong_password_leaves_the_destination_alone() {
    let (dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    vault.add(meta("a"), &creds(1)).unwrap();
    let backup = dir.path().join("backup.coffre");
    vault.backup(&backup).unwrap();
    drop(vault);
    let dest = dir.path().join("dest.coffre");
    std::fs::write(&dest, b"existing").unwrap();
    let err = Vault::restore(&backup, &dest, &"wrong".into()).unwrap_err();
    assert_eq!(err.code(), "wrong_password");
    assert_eq!(std::fs::read(&dest).unwrap(), b"existing");
}

#[test]
fn a_tampered_backup_is_not_restored() {
    let (dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let a = vault.add(meta("a"), &creds(1)).unwrap();
    let backup = dir.path().join("backup.coffre");
    vault.backup(&backup).unwrap();
    raw(&backup)
        .execute("DELETE FROM records WHERE id = ?1", [&a])
        .unwrap();
    let dest = dir.path().join("dest.coffre");
    assert_eq!(
        Vault::restore(&backup, &dest, &password())
            .unwrap_err()
            .code(),
        "vault_modified"
    );
    assert!(!dest.exists());
}
