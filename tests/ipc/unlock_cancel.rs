//! `vault_unlock_cancel`: a pending unlock returns `unlock_cancelled` at once and never opens the
//! vault, even once its KDF (which cannot be interrupted) has finished in the background; a
//! cancelled attempt is not counted as a wrong password, and attempts still take turns.

use crate::harness::{call_window, TestApp, PASSWORD};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Creates a vault whose KDF takes a while here (64 MiB, many passes) and locks it; returns how
/// long one derivation took (creating runs one).
fn slow_vault(t: &TestApp) -> Duration {
    let started = Instant::now();
    t.call(
        "vault_create",
        json!({"password": PASSWORD, "kdf": {"mib": 64, "passes": 24, "lanes": 1}}),
    )
    .unwrap();
    let kdf = started.elapsed();
    t.call("vault_lock", json!({})).unwrap();
    assert!(
        kdf >= Duration::from_millis(400),
        "KDF too fast to test: {kdf:?}"
    );
    kdf
}

/// Starts `vault_unlock` with `password` on its own thread: its answer and when it came.
fn start_unlock(
    t: &TestApp,
    password: &'static str,
) -> std::thread::JoinHandle<(Result<Value, Value>, Instant)> {
    let window = t.window.clone();
    std::thread::spawn(move || {
        let answer = call_window(&window, "vault_unlock", json!({ "password": password }));
        (answer, Instant::now())
    })
}

fn code(answer: &Result<Value, Value>) -> String {
    match answer {
        Ok(v) => format!("ok: {v}"),
        Err(e) => e["code"].as_str().unwrap_or_default().to_owned(),
    }
}

fn unlocked(t: &TestApp) -> bool {
    t.call("app_status", json!({})).unwrap()["unlocked"] == true
}

#[test]
fn a_cancelled_unlock_returns_at_once_and_never_opens_the_vault() {
    let t = TestApp::new();
    let kdf = slow_vault(&t);
    let pending = start_unlock(&t, PASSWORD);
    std::thread::sleep(kdf / 4);
    let cancelled_at = Instant::now();
    t.call("vault_unlock_cancel", json!({})).unwrap();
    let (answer, answered_at) = pending.join().unwrap();
    assert_eq!(code(&answer), "unlock_cancelled");
    let took = answered_at.duration_since(cancelled_at);
    assert!(
        took < kdf / 2,
        "answered {took:?} after the cancel (KDF {kdf:?})"
    );
    assert!(!unlocked(&t));

    // The next attempt waits for the abandoned KDF to finish: by its answer, the cancelled one
    // has produced its vault, which must not have been opened.
    let next = start_unlock(&t, "not the password").join().unwrap().0;
    assert_eq!(code(&next), "wrong_password");
    assert!(!unlocked(&t));
    std::thread::sleep(Duration::from_millis(200));
    assert!(!unlocked(&t));

    // Nothing lasting: the right password still opens it.
    t.call("vault_unlock", json!({"password": PASSWORD}))
        .unwrap();
    assert!(unlocked(&t));
}

/// Attempts queued behind a running one are cancelled too, without waiting for their turn; none of
/// the cancelled wrong passwords counts (two more wrong ones are still free), and attempts after
/// the cancel run normally.
#[test]
fn cancelled_attempts_return_at_once_even_waiting_for_their_turn_and_are_not_counted() {
    let t = TestApp::new();
    let kdf = slow_vault(&t);
    let running = start_unlock(&t, "wrong guess one");
    std::thread::sleep(kdf / 8);
    let waiting: Vec<_> = (0..2)
        .map(|_| start_unlock(&t, "wrong guess two"))
        .collect();
    std::thread::sleep(kdf / 8);
    let cancelled_at = Instant::now();
    t.call("vault_unlock_cancel", json!({})).unwrap();
    for pending in std::iter::once(running).chain(waiting) {
        let (answer, answered_at) = pending.join().unwrap();
        assert_eq!(code(&answer), "unlock_cancelled");
        let took = answered_at.duration_since(cancelled_at);
        assert!(
            took < kdf / 2,
            "answered {took:?} after the cancel (KDF {kdf:?})"
        );
    }
    assert!(!unlocked(&t));
    assert_eq!(
        t.call("app_status", json!({})).unwrap()["unlock_delay_ms"],
        0
    );

    // Had any cancelled guess counted, the second of these would have to wait.
    for _ in 0..2 {
        let answer = t.call("vault_unlock", json!({"password": "wrong guess three"}));
        assert_eq!(code(&answer), "wrong_password");
    }
    let delay = t.call("app_status", json!({})).unwrap()["unlock_delay_ms"]
        .as_u64()
        .unwrap();
    assert!(delay > 0, "two wrong passwords earn a delay");
    assert!(!unlocked(&t));
}

#[test]
fn a_cancel_with_nothing_pending_changes_nothing() {
    let t = TestApp::new();
    t.create_vault();
    t.call("vault_lock", json!({})).unwrap();
    t.call("vault_unlock_cancel", json!({})).unwrap();
    t.call("vault_unlock", json!({"password": PASSWORD}))
        .unwrap();
    assert!(unlocked(&t));
}
