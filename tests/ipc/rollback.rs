//! Whole-file rollback: the app remembers the highest counter it has seen per vault id and warns
//! (`AppStatus.rollback`) before unlocking a file older than that, until the user accepts it; a
//! restore through the app is the user's own rollback and does not warn.

use crate::harness::{TestApp, API_KEY, PASSWORD, SECRET};
use coffre_app_lib::commands::vault::restore_from;
use coffre_app_lib::state::AppState;
use coffre_secret::SecretString;
use coffre_vault::{Credentials, KeyMeta, KeyType, Vault};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tauri::Manager;

fn vault_file(t: &TestApp) -> PathBuf {
    t.dir.path().join("data/vault.coffre")
}

fn rollback(t: &TestApp) -> Value {
    t.call("app_status", json!({})).unwrap()["rollback"].clone()
}

/// Puts an old copy of the vault file back, as a sync tool or a file manager would (with the vault
/// locked: its journal is then folded into the file).
fn put_back(copy: &Path, file: &Path) {
    for suffix in ["-wal", "-shm"] {
        let mut companion = file.as_os_str().to_owned();
        companion.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(companion));
    }
    std::fs::copy(copy, file).unwrap();
}

/// A change made by the app to its open vault (straight through its session: what matters here is
/// the counter, not how keys are pasted).
fn add_key(t: &TestApp, label: &str) {
    let creds = Credentials {
        api_key: API_KEY.into(),
        secret: SECRET.into(),
        passphrase: None,
        key_type: KeyType::Hmac,
    };
    let state = t.window.state::<AppState>();
    state
        .session
        .with_vault_mut(|v| Ok(v.add(KeyMeta::new("binance", label), &creds)?))
        .unwrap();
}

fn unlock(t: &TestApp) {
    t.call("vault_unlock", json!({"password": PASSWORD}))
        .unwrap();
}

fn lock(t: &TestApp) {
    t.call("vault_lock", json!({})).unwrap();
}

/// A vault with one key whose file is copied aside, then two more keys: returns the copy.
fn vault_with_an_old_copy(t: &TestApp) -> PathBuf {
    t.create_vault();
    add_key(t, "first");
    lock(t);
    let copy = t.dir.path().join("old-copy.coffre");
    std::fs::copy(vault_file(t), &copy).unwrap();
    unlock(t);
    add_key(t, "second");
    add_key(t, "third");
    lock(t);
    copy
}

#[test]
fn an_old_copy_put_back_is_reported_before_unlock_and_until_accepted() {
    let t = TestApp::new();
    let copy = vault_with_an_old_copy(&t);
    assert_eq!(rollback(&t), Value::Null);
    let seen = Vault::read_counter(&vault_file(&t)).unwrap();
    let found = Vault::read_counter(&copy).unwrap();
    assert!(found < seen, "{found} < {seen}");

    put_back(&copy, &vault_file(&t));
    let warning = json!({"seen": seen, "found": found});
    assert_eq!(rollback(&t), warning);

    // Still allowed to unlock; the keys added since are indeed missing.
    unlock(&t);
    assert_eq!(
        t.call("keys_list", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Opening the old copy did not silently make it the reference.
    assert_eq!(rollback(&t), warning);
    lock(&t);
    assert_eq!(rollback(&t), warning);
    assert_eq!(rollback(&TestApp::on_files(&t.dir)), warning);

    let status = t.call("rollback_accept", json!({})).unwrap();
    assert_eq!(status["rollback"], Value::Null);
    assert_eq!(rollback(&t), Value::Null);
    assert_eq!(rollback(&TestApp::on_files(&t.dir)), Value::Null);
}

/// The old copy, once unlocked and changed further, may state a counter above the one seen: its
/// missing keys are still missing, so the warning stays until the user accepts it.
#[test]
fn an_unlocked_old_copy_keeps_its_warning_even_once_changed_past_the_counter_seen() {
    let t = TestApp::new();
    let copy = vault_with_an_old_copy(&t);
    let seen = Vault::read_counter(&vault_file(&t)).unwrap();
    put_back(&copy, &vault_file(&t));
    unlock(&t);
    for n in 0..=seen {
        add_key(&t, &format!("again {n}"));
    }
    lock(&t);
    assert!(Vault::read_counter(&vault_file(&t)).unwrap() > seen);
    assert_eq!(rollback(&t)["seen"], seen);

    // Accepted while unlocked: the open vault's counter becomes the reference.
    unlock(&t);
    t.call("rollback_accept", json!({})).unwrap();
    lock(&t);
    assert_eq!(rollback(&t), Value::Null);
}

#[test]
fn a_vault_only_ever_opened_here_never_warns() {
    let t = TestApp::new();
    t.create_vault();
    assert_eq!(rollback(&t), Value::Null);
    lock(&t);
    assert_eq!(rollback(&t), Value::Null);
    unlock(&t);
    add_key(&t, "one");
    lock(&t);
    assert_eq!(rollback(&t), Value::Null);
    let restarted = TestApp::on_files(&t.dir);
    assert_eq!(rollback(&restarted), Value::Null);
    restarted
        .call("vault_unlock", json!({"password": PASSWORD}))
        .unwrap();
    assert_eq!(rollback(&restarted), Value::Null);
    assert!(t.dir.path().join("config/seen-counters.json").is_file());
}

#[test]
fn restoring_an_older_backup_through_the_app_does_not_warn() {
    let t = TestApp::new();
    t.create_vault();
    add_key(&t, "first");
    let backup = t.dir.path().join("backup.coffre");
    lock(&t);
    Vault::backup_file(&vault_file(&t), &backup).unwrap();
    unlock(&t);
    add_key(&t, "second");
    add_key(&t, "third");
    lock(&t);

    // `backup_restore` once its dialog has answered.
    let app = t.window.app_handle();
    restore_from(app, &backup, &SecretString::from(PASSWORD)).unwrap();
    assert_eq!(rollback(&t), Value::Null);
    unlock(&t);
    assert_eq!(
        t.call("keys_list", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    lock(&t);
    assert_eq!(rollback(&t), Value::Null);
}

#[test]
fn accepting_without_a_vault_file_is_refused() {
    let t = TestApp::new();
    assert_eq!(t.error_code("rollback_accept", json!({})), "no_vault");
}
