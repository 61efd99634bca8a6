//! Creating, unlocking and locking through the IPC.

use crate::harness::{TestApp, PASSWORD};
use serde_json::json;

#[test]
fn fresh_app_has_no_vault_and_is_locked() {
    let t = TestApp::new();
    let status = t.call("app_status", json!({})).unwrap();
    assert_eq!(status["vault_exists"], false);
    assert_eq!(status["unlocked"], false);
    assert_eq!(
        t.error_code("vault_unlock", json!({"password": PASSWORD})),
        "no_vault"
    );
    assert_eq!(t.error_code("keys_list", json!({})), "locked");
}

#[test]
fn created_vault_is_unlocked_then_locks_and_reopens_with_its_password() {
    let t = TestApp::new();
    t.create_vault();
    let status = t.call("app_status", json!({})).unwrap();
    assert_eq!(status["vault_exists"], true);
    assert_eq!(status["unlocked"], true);

    t.call("vault_lock", json!({})).unwrap();
    assert_eq!(t.call("app_status", json!({})).unwrap()["unlocked"], false);
    t.call("vault_unlock", json!({"password": PASSWORD}))
        .unwrap();
    assert_eq!(t.call("app_status", json!({})).unwrap()["unlocked"], true);
}

#[test]
fn wrong_password_is_refused_with_its_code() {
    let t = TestApp::new();
    t.create_vault();
    t.call("vault_lock", json!({})).unwrap();
    assert_eq!(
        t.error_code("vault_unlock", json!({"password": "not the password"})),
        "wrong_password"
    );
    assert_eq!(t.call("app_status", json!({})).unwrap()["unlocked"], false);
}

#[test]
fn repeated_wrong_passwords_make_the_next_attempt_wait() {
    let t = TestApp::new();
    t.create_vault();
    t.call("vault_lock", json!({})).unwrap();
    for _ in 0..2 {
        assert_eq!(
            t.error_code("vault_unlock", json!({"password": "nope nope"})),
            "wrong_password"
        );
    }
    // The third attempt comes before the 1 s delay is over, even with the right password.
    assert_eq!(
        t.error_code("vault_unlock", json!({"password": PASSWORD})),
        "too_many_attempts"
    );
    let delay = t.call("app_status", json!({})).unwrap()["unlock_delay_ms"]
        .as_u64()
        .unwrap();
    assert!(delay > 0 && delay <= 1000, "delay {delay}");
}

/// Attempts take turns: wrong passwords sent all at once still run the KDF one after the other,
/// each against the delay the previous ones earned (checking first and recording after would let
/// every parallel guess through).
#[test]
fn parallel_wrong_passwords_wait_their_turn_and_the_delay_applies() {
    let t = TestApp::new();
    t.create_vault();
    t.call("vault_lock", json!({})).unwrap();
    let codes: Vec<String> = std::thread::scope(|scope| {
        let calls: Vec<_> = (0..6)
            .map(|_| {
                let window = t.window.clone();
                scope.spawn(move || {
                    let err = crate::harness::call_window(
                        &window,
                        "vault_unlock",
                        json!({"password": "nope nope"}),
                    )
                    .expect_err("a wrong password");
                    err["code"].as_str().unwrap_or_default().to_owned()
                })
            })
            .collect();
        calls.into_iter().map(|c| c.join().unwrap()).collect()
    });
    let guessed = codes.iter().filter(|c| *c == "wrong_password").count();
    let refused = codes.iter().filter(|c| *c == "too_many_attempts").count();
    assert_eq!((guessed, refused), (2, 4), "{codes:?}");
}

/// Quitting does not reset the slowdown: a new app on the same files still makes the user wait.
#[test]
fn the_unlock_delay_survives_a_restart() {
    let t = TestApp::new();
    t.create_vault();
    t.call("vault_lock", json!({})).unwrap();
    for _ in 0..3 {
        let _ = t.call("vault_unlock", json!({"password": "nope nope"}));
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let restarted = TestApp::on_files(&t.dir);
    assert_eq!(
        restarted.error_code("vault_unlock", json!({"password": PASSWORD})),
        "too_many_attempts"
    );
}

#[test]
fn creating_over_an_existing_vault_is_refused() {
    let t = TestApp::new();
    t.create_vault();
    let err = t
        .call(
            "vault_create",
            json!({"password": PASSWORD, "kdf": {"mib": 19, "passes": 2, "lanes": 1}}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "vault_exists");
}

#[test]
fn kdf_below_the_safe_floor_is_refused() {
    let t = TestApp::new();
    let code = t.error_code(
        "vault_create",
        json!({"password": PASSWORD, "kdf": {"mib": 8, "passes": 1, "lanes": 1}}),
    );
    assert_eq!(code, "weak_kdf");
}

#[test]
fn settings_are_saved_and_out_of_range_values_refused() {
    let t = TestApp::new();
    let mut settings = t.call("settings_get", json!({})).unwrap();
    assert_eq!(settings["auto_lock_minutes"], 5);
    assert_eq!(settings["clipboard_clear_seconds"], 20);
    settings["auto_lock_minutes"] = json!(9);
    settings["language"] = json!("fr");
    t.call("settings_set", json!({ "settings": settings }))
        .unwrap();
    let saved = t.call("settings_get", json!({})).unwrap();
    assert_eq!(saved["auto_lock_minutes"], 9);
    assert_eq!(saved["language"], "fr");
    assert!(t.dir.path().join("config/settings.json").is_file());

    settings["auto_lock_minutes"] = json!(0);
    assert_eq!(
        t.error_code("settings_set", json!({ "settings": settings })),
        "invalid_input"
    );
}
