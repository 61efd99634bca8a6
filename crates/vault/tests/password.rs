//! Master password: wrong ones are refused, and a change keeps every record readable (what it
//! cuts off is in `password_change.rs`).

use coffre_vault::{KeyMeta, Vault};

use crate::support::*;

#[test]
fn wrong_password_is_refused_with_its_own_code() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    vault.add(meta("a"), &creds(1)).unwrap();
    drop(vault);
    let err = Vault::unlock(&path, &"correct horse battery stapler".into())
        .err()
        .unwrap();
    assert_eq!(err.code(), "wrong_password");
    assert!(Vault::unlock(&path, &password()).is_ok());
}

#[test]
fn an_unlock_reports_how_long_its_kdf_took() {
    let (_dir, path) = temp_vault_path();
    let vault = create_weak(&path);
    assert_eq!(
        vault.kdf_elapsed(),
        None,
        "a vault just created ran no unlock"
    );
    drop(vault);
    let vault = Vault::unlock(&path, &password()).unwrap();
    let kdf = vault.kdf_elapsed().expect("unlock times its KDF");
    assert!(kdf > std::time::Duration::ZERO);
}

#[test]
fn password_change_at_10000_records_keeps_every_record_readable() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let items = (0..10_000)
        .map(|n| (KeyMeta::new("binance", format!("key {n}")), creds(n)))
        .collect();
    let ids = vault.add_many(items).unwrap();
    let before = std::fs::metadata(&path).unwrap().len();

    vault
        .change_password(&"a brand new password".into(), None)
        .unwrap();
    // Still usable in the same session.
    assert_eq!(vault.credentials(&ids[42]).unwrap(), creds(42));
    drop(vault);

    assert_eq!(
        Vault::unlock(&path, &password()).err().unwrap().code(),
        "wrong_password"
    );
    let vault = Vault::unlock(&path, &"a brand new password".into()).unwrap();
    let list = vault.list().unwrap();
    assert_eq!(list.len(), 10_000);
    for (n, id) in ids.iter().enumerate() {
        assert_eq!(vault.credentials(id).unwrap(), creds(n), "record {n}");
    }
    // Every record was re-sealed, in place: the file did not grow by a copy of them.
    checkpoint(&path);
    let after = std::fs::metadata(&path).unwrap().len();
    assert!(after <= before + 64 * 1024, "{before} -> {after}");
}

#[test]
fn password_change_can_raise_kdf_params() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let id = vault.add(meta("a"), &creds(1)).unwrap();
    let stronger = coffre_vault::KdfParams {
        mib: 2,
        passes: 2,
        lanes: 2,
    };
    vault
        .change_password(&"pw2".into(), Some(stronger))
        .unwrap();
    assert_eq!(vault.kdf_params(), stronger);
    assert_eq!(Vault::read_kdf_params(&path).unwrap(), stronger);
    let vault = Vault::unlock(&path, &"pw2".into()).unwrap();
    assert_eq!(vault.credentials(&id).unwrap(), creds(1));
}

#[test]
fn password_change_leaves_a_due_wal_checkpoint_to_the_next_write() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    vault.add(meta("before"), &creds(1)).unwrap();
    // Another connection that never checkpoints fills the log past SQLite's 1,000-page
    // threshold with a table it drops again (the vault refuses a schema holding anything it did
    // not create), so the next commit on the vault's own connection is due to run the automatic
    // checkpoint.
    let filler = raw(&path);
    filler.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    filler
        .execute_batch(
            "CREATE TABLE filler (b BLOB); INSERT INTO filler VALUES (randomblob(6000000));
             DROP TABLE filler;",
        )
        .unwrap();
    // In WAL mode only a checkpoint writes the main file.
    let main_file = || std::fs::read(&path).unwrap();
    let before = main_file();

    vault.change_password(&"new password".into(), None).unwrap();
    assert!(
        main_file() == before,
        "the password change ran the checkpoint"
    );

    vault.add(meta("after"), &creds(2)).unwrap();
    assert!(
        main_file() != before,
        "the next write should have run the checkpoint (else this test proves nothing)"
    );
    drop(filler);
}
