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

    let out = vault.run(&["restore", backup.to_str().unwrap()], &["wrong"]);
    assert_eq!(code(&out), 2);
    let out = vault.run(&["restore", backup.to_str().unwrap()], &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(vault.labels(), ["main"]);
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
