//! init, passwd, backup, restore, and the exit codes for wrong passwords and tampered files.

use crate::support::*;

#[test]
fn weak_kdf_needs_explicit_consent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let args = [
        "--vault",
        path.to_str().unwrap(),
        "--password-stdin",
        "init",
        "--kdf-mib",
        "1",
        "--kdf-passes",
        "1",
    ];
    let out = run_coffre(&args, &[PASSWORD]);
    assert_eq!(code(&out), 1);
    assert!(!path.exists());
    let mut weak = args.to_vec();
    weak.push("--weak-kdf");
    let out = run_coffre(&weak, &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("warning"));
}

#[test]
fn init_refuses_to_overwrite_a_vault() {
    let vault = TestVault::with_binance();
    let out = vault.run(
        &["init", "--weak-kdf", "--kdf-mib", "1", "--kdf-passes", "1"],
        &["other"],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(vault.labels(), ["main"]);
}

#[test]
fn wrong_password_exits_2() {
    let vault = TestVault::with_binance();
    let out = vault.run(&["list"], &["not the password"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn password_from_env_is_used_for_scripts() {
    let vault = TestVault::with_binance();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["list", "--json"])
        .env("COFFRE_VAULT", &vault.path)
        .env("COFFRE_PASSWORD", PASSWORD)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("\"main\""));
}

#[test]
fn tampered_vault_exits_3() {
    let vault = TestVault::with_binance();
    vault.add_binance("second");
    let db = rusqlite::Connection::open(&vault.path).unwrap();
    let mut blob: Vec<u8> = db
        .query_row("SELECT meta FROM records LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let middle = blob.len() / 2;
    blob[middle] ^= 0x01;
    db.execute(
        "UPDATE records SET meta = ?1 WHERE rowid = (SELECT rowid FROM records LIMIT 1)",
        [&blob],
    )
    .unwrap();
    drop(db);
    let out = vault.run(&["list"], &[PASSWORD]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
}

#[test]
fn deleted_record_is_detected_with_exit_3() {
    let vault = TestVault::with_binance();
    vault.add_binance("second");
    let db = rusqlite::Connection::open(&vault.path).unwrap();
    db.execute(
        "DELETE FROM records WHERE rowid = (SELECT rowid FROM records LIMIT 1)",
        [],
    )
    .unwrap();
    drop(db);
    let out = vault.run(&["list"], &[PASSWORD]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
}

#[test]
fn passwd_replaces_the_password() {
    let vault = TestVault::with_binance();
    let out = vault.run(&["passwd"], &[PASSWORD, "a new password"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(code(&vault.run(&["list"], &[PASSWORD])), 2);
    assert_eq!(code(&vault.run(&["list"], &["a new password"])), 0);
}

#[test]
fn backup_then_restore_brings_back_removed_keys() {
    let vault = TestVault::with_binance();
    let backup = vault.file("backup.db");
    // No password line: backup does not unlock.
    let out = vault.run(&["backup", backup.to_str().unwrap()], &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(code(&vault.run(&["rm", "main"], &[PASSWORD])), 0);
    assert!(vault.labels().is_empty());

    let restore =
        |lines: &[&str]| vault.run(&["restore", backup.to_str().unwrap(), "--yes"], lines);
    assert_eq!(code(&restore(&["wrong"])), 2);
    let out = restore(&[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(vault.labels(), ["main"]);
}

#[test]
fn restore_says_what_it_replaces_asks_first_and_keeps_the_replaced_file() {
    let vault = TestVault::with_binance();
    let backup = vault.file("backup.db");
    assert_eq!(
        code(&vault.run(&["backup", backup.to_str().unwrap()], &[])),
        0
    );
    vault.add_binance("added after the backup");
    // A script that did not say --yes restores nothing.
    let out = vault.run(&["restore", backup.to_str().unwrap()], &[PASSWORD]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("This replaces the vault at"),
        "{}",
        stderr(&out)
    );
    assert_eq!(vault.labels().len(), 2, "nothing replaced");

    let out = vault.run(&["restore", backup.to_str().unwrap(), "--yes"], &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(vault.labels(), ["main"]);
    let dir = backup.parent().unwrap();
    let kept: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "the replaced vault is kept beside it");
    let out = run_coffre(
        &[
            "--vault",
            kept[0].path().to_str().unwrap(),
            "--password-stdin",
            "list",
        ],
        &[PASSWORD],
    );
    assert!(
        stdout(&out).contains("added after the backup"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_backup_of_another_vault_is_refused_unless_told() {
    let vault = TestVault::with_binance();
    let other = TestVault::with_binance();
    let backup = other.file("other-backup.db");
    assert_eq!(
        code(&other.run(&["backup", backup.to_str().unwrap()], &[])),
        0
    );
    let out = vault.run(&["restore", backup.to_str().unwrap(), "--yes"], &[PASSWORD]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("another vault"), "{}", stderr(&out));
    let out = vault.run(
        &[
            "restore",
            backup.to_str().unwrap(),
            "--yes",
            "--other-vault",
        ],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn missing_vault_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    let out = run_coffre(
        &[
            "--vault",
            path.to_str().unwrap(),
            "--password-stdin",
            "list",
        ],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 1);
}
