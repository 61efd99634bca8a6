//! The schema: a vault file holds exactly the tables and index Coffre's migrations create. A
//! trigger, table, view or index added to it (or a table altered) is `Modified`, found before
//! anything could fire, and a trigger never runs in Coffre's process, even one added while the
//! vault is open.

use std::path::Path;

use coffre_vault::Vault;

use crate::support::*;

/// A trigger that copies every sealed row into a table of its own on the next write.
const COPYING_TRIGGER: &str = "CREATE TABLE loot (id TEXT, secret BLOB);
     CREATE TRIGGER steal AFTER UPDATE ON header BEGIN
         INSERT INTO loot SELECT id, secret FROM records;
     END;";

fn loot(path: &Path) -> i64 {
    raw(path)
        .query_row("SELECT count(*) FROM loot", [], |r| r.get(0))
        .unwrap()
}

fn two_records(path: &Path) {
    let mut vault = create_weak(path);
    vault.add(meta("alpha"), &creds(1)).unwrap();
    vault.add(meta("beta"), &creds(2)).unwrap();
}

fn assert_modified<T>(result: Result<T, coffre_vault::VaultError>, what: &str) {
    match result {
        Err(e) => assert_eq!(e.code(), "vault_modified", "{what}: {e}"),
        Ok(_) => panic!("{what}: went unnoticed"),
    }
}

#[test]
fn an_added_trigger_is_modified_and_never_runs() {
    let (_dir, path) = temp_vault_path();
    two_records(&path);
    raw(&path).execute_batch(COPYING_TRIGGER).unwrap();
    assert_modified(Vault::unlock(&path, &password()), "unlock");
    assert_modified(Vault::read_kdf_params(&path), "read_kdf_params");
    assert_modified(Vault::read_vault_id(&path), "read_vault_id");
    let dest = path.with_file_name("backup.coffre");
    assert_modified(Vault::backup_file(&path, &dest), "backup_file");
    assert!(!dest.exists());
    assert_eq!(loot(&path), 0);
}

#[test]
fn a_trigger_alone_is_modified_and_the_records_it_would_delete_stay() {
    let (_dir, path) = temp_vault_path();
    two_records(&path);
    let conn = raw(&path);
    conn.execute_batch(
        "CREATE TRIGGER wipe AFTER UPDATE ON header BEGIN DELETE FROM records; END;",
    )
    .unwrap();
    assert_modified(Vault::unlock(&path, &password()), "unlock");
    // Taken out again, the file is exactly Coffre's and opens, every record there.
    conn.execute_batch("DROP TRIGGER wipe").unwrap();
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.list().unwrap().len(), 2);
}

#[test]
fn a_trigger_added_while_the_vault_is_open_never_runs() {
    let (_dir, path) = temp_vault_path();
    two_records(&path);
    let mut vault = Vault::unlock(&path, &password()).unwrap();
    raw(&path).execute_batch(COPYING_TRIGGER).unwrap();
    assert_modified(vault.add(meta("gamma"), &creds(3)), "add");
    assert_modified(
        vault.change_password(&"new password".into(), None),
        "change_password",
    );
    assert_eq!(loot(&path), 0);
    drop(vault);
    // Nothing was written: with the trigger and its table gone the vault is as it was.
    raw(&path)
        .execute_batch("DROP TRIGGER steal; DROP TABLE loot;")
        .unwrap();
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.list().unwrap().len(), 2);
}

#[test]
fn an_added_table_view_or_index_or_an_altered_table_is_modified() {
    for edit in [
        "CREATE TABLE notes (x TEXT)",
        "CREATE VIEW everything AS SELECT * FROM records",
        "CREATE INDEX by_revision ON records (revision)",
        "ALTER TABLE records ADD COLUMN label TEXT",
    ] {
        let (_dir, path) = temp_vault_path();
        two_records(&path);
        raw(&path).execute_batch(edit).unwrap();
        assert_modified(Vault::unlock(&path, &password()), edit);
    }
}

#[test]
fn an_untouched_vault_opens_and_its_schema_is_only_coffres() {
    let (_dir, path) = temp_vault_path();
    two_records(&path);
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.list().unwrap().len(), 2);
    let names: Vec<String> = {
        let conn = raw(&path);
        let mut stmt = conn
            .prepare("SELECT type || ' ' || name FROM sqlite_schema ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(
        names,
        [
            "table header",
            "table records",
            "index sqlite_autoindex_records_1"
        ]
    );
}
