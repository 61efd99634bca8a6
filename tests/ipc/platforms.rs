//! The "Platforms" commands through the IPC: verdicts, the paste sequence (read back from the
//! real clipboard: run under a display, as scripts/test does with xvfb-run), exports, rotation,
//! generated Ed25519 keys, and the ACL for the new commands.

use crate::harness::{clipboard_text, clipboard_turn, TestApp, API_KEY, PASSWORD, SECRET};
use coffre_app_lib::state::AppState;
use coffre_core::export::{export_to, ExportFormat};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tauri::{Listener, Manager};

/// Puts key `id` on `platforms` (keeping its label).
fn assign(t: &TestApp, id: &str, platforms: &[&str]) {
    let label = t.call("key_get", json!({ "id": id })).unwrap()["label"].clone();
    let edit = json!({"id": id, "label": label, "platforms": platforms, "notes": "", "tags": []});
    t.call("key_update", json!({ "edit": edit })).unwrap();
}

/// The demo vault's Binance keys, by id.
fn demo_binance_keys(t: &TestApp) -> Vec<String> {
    t.call("demo_start", json!({})).unwrap();
    let list = t.call("keys_list", json!({})).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .filter(|k| k["exchange"] == "binance")
        .map(|k| k["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn bitsgap_rejects_a_key_whose_last_check_shows_withdrawals() {
    let t = TestApp::new();
    let mut judged = 0;
    for id in demo_binance_keys(&t) {
        let report = t.call("key_check", json!({ "id": id })).unwrap();
        if report["permissions"]["withdraw"] != "yes" {
            continue;
        }
        assign(&t, &id, &["bitsgap"]);
        let verdicts = t
            .call("key_verdicts", json!({"id": id, "lang": "en"}))
            .unwrap();
        assert_eq!(verdicts[0]["platform"], "bitsgap");
        assert_eq!(verdicts[0]["platform_name"], "Bitsgap");
        assert_eq!(verdicts[0]["status"], "rejected");
        let reasons = verdicts[0]["reasons"].as_array().unwrap();
        let withdraw = reasons
            .iter()
            .find(|r| r["code"] == "withdraw_enabled")
            .expect("withdrawals named as the reason");
        assert_eq!(withdraw["severity"], "blocker");
        assert!(!withdraw["message"].as_str().unwrap().is_empty());
        let list = t.call("keys_list", json!({})).unwrap();
        let row = list
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == id.as_str())
            .unwrap();
        assert_eq!(row["verdict"], "rejected");
        assert_eq!(
            row["verdicts"],
            json!([{"platform": "bitsgap", "status": "rejected"}])
        );
        judged += 1;
    }
    assert_eq!(
        judged, 1,
        "the demo has one Binance key with withdrawals on"
    );
}

#[test]
fn key_on_no_platform_has_no_verdict() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("idle");
    let list = t.call("keys_list", json!({})).unwrap();
    assert!(list[0].get("verdict").is_none());
    assert_eq!(list[0]["verdicts"], json!([]));
    let verdicts = t
        .call("key_verdicts", json!({"id": id, "lang": "fr"}))
        .unwrap();
    assert_eq!(verdicts, json!([]));
}

#[test]
fn paste_sequence_copies_each_field_on_demand_in_order_then_clears() {
    let _turn = clipboard_turn();
    let t = TestApp::new();
    let events: Arc<Mutex<Vec<Value>>> = Arc::default();
    let sink = events.clone();
    t._app.listen_any("paste_sequence", move |e| {
        sink.lock()
            .unwrap()
            .push(serde_json::from_str(e.payload()).unwrap());
    });
    t.create_vault();
    let id = t.add_key("bot");
    let seq = t
        .call(
            "paste_sequence_start",
            json!({"id": id, "platform": "bitsgap"}),
        )
        .unwrap();
    let fields: Vec<&str> = seq["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["api_key", "secret"]);
    assert_eq!(
        (seq["current"].clone(), seq["done"].clone()),
        (json!(0), json!(false))
    );
    assert_eq!(seq["rejected"], false);
    // Bitsgap requires its IPs on a Binance key; none saved yet.
    assert_eq!(
        (seq["ip_list_required"].clone(), seq["ips"].clone()),
        (json!(true), json!([]))
    );
    // Nothing on the clipboard until the user asks for the step.
    assert_ne!(clipboard_text().as_deref(), Some(API_KEY));
    let copied = t.call("paste_sequence_copy", json!({})).unwrap();
    assert_eq!(copied["current"], 0);
    assert_eq!(clipboard_text().as_deref(), Some(API_KEY));
    // "Copy again" after the user (or the timer) replaced it.
    let mut other = arboard::Clipboard::new().unwrap();
    other.set_text("other").unwrap();
    assert_eq!(clipboard_text().as_deref(), Some("other"));
    t.call("paste_sequence_copy", json!({})).unwrap();
    assert_eq!(clipboard_text().as_deref(), Some(API_KEY));
    drop(other);

    let seq = t.call("paste_sequence_next", json!({})).unwrap();
    assert_eq!(seq["current"], 1);
    assert_ne!(
        clipboard_text().as_deref(),
        Some(API_KEY),
        "previous step left"
    );
    t.call("paste_sequence_copy", json!({})).unwrap();
    assert_eq!(clipboard_text().as_deref(), Some(SECRET));

    let seq = t.call("paste_sequence_next", json!({})).unwrap();
    assert_eq!(seq["done"], true);
    let left = clipboard_text().unwrap_or_default();
    assert!(left != SECRET && left != API_KEY, "clipboard not cleared");
    // Over: another step, or a copy, is refused.
    assert_eq!(
        t.error_code("paste_sequence_next", json!({})),
        "invalid_input"
    );
    assert_eq!(
        t.error_code("paste_sequence_copy", json!({})),
        "invalid_input"
    );

    let seen: Vec<(Value, Value)> = events
        .lock()
        .unwrap()
        .iter()
        .map(|e| (e["current"].clone(), e["done"].clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (json!(0), json!(false)),
            (json!(1), json!(false)),
            (json!(1), json!(true))
        ]
    );
}

#[test]
fn use_in_a_bot_gives_and_copies_the_run_line_without_a_secret() {
    let _turn = clipboard_turn();
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("Binance – grid bot");
    let line = t
        .call("bot_command_line", json!({"id": id, "bot": "freqtrade"}))
        .unwrap();
    assert_eq!(
        line,
        "coffre run 'Binance – grid bot' --for freqtrade -- freqtrade trade --config config.json"
    );
    let line = t
        .call("bot_command_line", json!({"id": id, "bot": "ccxt"}))
        .unwrap();
    let line = line.as_str().unwrap();
    assert!(!line.contains(API_KEY) && !line.contains(SECRET));
    t.call("bot_command_copy", json!({"id": id, "bot": "ccxt"}))
        .unwrap();
    assert_eq!(clipboard_text().as_deref(), Some(line));
    // An unknown bot is refused by the argument's type, before any command runs.
    assert!(t
        .call("bot_command_line", json!({"id": id, "bot": "cron"}))
        .is_err());
}

#[test]
fn auto_type_refuses_what_it_cannot_type_into_and_types_nothing() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("bot");
    let auto_type = |platform: &str| {
        t.error_code(
            "auto_type_key",
            json!({"id": id, "platform": platform, "delayS": 0}),
        )
    };
    assert_eq!(auto_type("no-such-platform"), "invalid_input");
    assert_eq!(auto_type("ccxt-script"), "auto_type_no_form");
    // Under xvfb-run no window has the focus (no window manager): refused, not typed blind.
    // Without a display at all the refusal is `auto_type_no_display`.
    let code = auto_type("bitsgap");
    assert!(
        [
            "auto_type_wrong_window",
            "auto_type_no_display",
            "auto_type_wayland"
        ]
        .contains(&code.as_str()),
        "{code}"
    );
    t.call("vault_lock", json!({})).unwrap();
    assert_eq!(auto_type("bitsgap"), "locked");
}

#[test]
fn locking_drops_the_paste_sequence_and_clears_the_clipboard() {
    let _turn = clipboard_turn();
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("bot");
    t.call(
        "paste_sequence_start",
        json!({"id": id, "platform": "bitsgap"}),
    )
    .unwrap();
    t.call("paste_sequence_copy", json!({})).unwrap();
    assert_eq!(clipboard_text().as_deref(), Some(API_KEY));
    t.call("vault_lock", json!({})).unwrap();
    assert_ne!(clipboard_text().as_deref(), Some(API_KEY));
    t.call("vault_unlock", json!({ "password": PASSWORD }))
        .unwrap();
    assert_eq!(
        t.error_code("paste_sequence_next", json!({})),
        "invalid_input"
    );
}

#[test]
fn export_writes_an_owner_only_file_that_parses() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("bot");
    // No dialog plugin under the mock runtime: the command sees a cancelled dialog.
    let cancelled = t
        .call("key_export", json!({"id": id, "format": "ccxt"}))
        .unwrap();
    assert_eq!(cancelled, Value::Null);

    let state = t._app.state::<AppState>();
    let json_path = t.dir.path().join("ccxt.json");
    export_to(&state.session, &id, ExportFormat::Ccxt, &json_path).unwrap();
    let parsed: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(parsed["apiKey"], API_KEY);
    assert_eq!(parsed["secret"], SECRET);
    let mode = std::fs::metadata(&json_path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    let env_path = t.dir.path().join("bot.env");
    export_to(&state.session, &id, ExportFormat::Env, &env_path).unwrap();
    let env = std::fs::read_to_string(&env_path).unwrap();
    assert!(
        env.lines().any(|l| l.contains(API_KEY) && l.contains('=')),
        "{env}"
    );
    assert_eq!(
        std::fs::metadata(&env_path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn replacing_credentials_keeps_history_rechecks_and_lists_where_to_paste() {
    let t = TestApp::new();
    let id = demo_binance_keys(&t).remove(0);
    assign(&t, &id, &["bitsgap"]);
    let form = t.pasted_form("binance", &[("api_key", API_KEY), ("secret", SECRET)]);
    let outcome = t
        .call("key_replace_credentials", json!({"id": id, "form": form}))
        .unwrap();
    // The demo's mock does not know the new key: the fresh check says so.
    assert_eq!(outcome["report"]["ok"], false);
    assert_eq!(
        outcome["paste_into"],
        json!([{"id": "bitsgap", "name": "Bitsgap"}])
    );
    assert_eq!(outcome["verdicts"][0]["platform"], "bitsgap");
    let detail = t.call("key_get", json!({ "id": id })).unwrap();
    assert_eq!(detail["history"].as_array().unwrap().len(), 1);
    assert_eq!(detail["last_check"]["ok"], false);
    assert_eq!(t.reveal(&id, "secret").unwrap(), SECRET);
}

#[test]
fn generated_key_is_stored_as_an_ed25519_secret_once() {
    let t = TestApp::new();
    t.create_vault();
    let generated = t.call("keygen_ed25519", json!({})).unwrap();
    assert!(generated["public_key_pem"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN PUBLIC KEY-----"));
    assert!(!generated.to_string().contains("PRIVATE"));
    let key = json!({"exchange": "binance", "label": "self-made"});
    let form = t.pasted_form("binance", &[("api_key", API_KEY)]);
    let args = json!({"key": key, "form": form, "draftId": generated["draft_id"]});
    let id = t.call("key_add_generated", args).unwrap();
    let detail = t.call("key_get", json!({ "id": id })).unwrap();
    assert_eq!(detail["key_type"], "ed25519");
    let secret = t.reveal(id.as_str().unwrap(), "secret").unwrap();
    assert!(secret.starts_with("-----BEGIN PRIVATE KEY-----"));
    // The draft is spent.
    let form = t.pasted_form("binance", &[("api_key", API_KEY)]);
    let args = json!({"key": key, "form": form, "draftId": generated["draft_id"]});
    assert_eq!(t.error_code("key_add_generated", args), "invalid_input");
}

#[test]
fn locking_forgets_generated_drafts() {
    let t = TestApp::new();
    t.create_vault();
    let generated = t.call("keygen_ed25519", json!({})).unwrap();
    t.call("vault_lock", json!({})).unwrap();
    t.call("vault_unlock", json!({ "password": PASSWORD }))
        .unwrap();
    let key = json!({"exchange": "binance", "label": "self-made"});
    let form = t.pasted_form("binance", &[("api_key", API_KEY)]);
    let args = json!({"key": key, "form": form, "draftId": generated["draft_id"]});
    assert_eq!(t.error_code("key_add_generated", args), "invalid_input");
    assert_eq!(t.call("keys_list", json!({})).unwrap(), json!([]));
}

#[test]
fn platform_commands_are_granted_to_the_main_window_only() {
    let main = TestApp::with_context(tauri::generate_context!());
    // Through the ACL: the command itself answers (the vault is locked).
    assert_eq!(
        main.error_code("safety_overview", json!({"lang": "en"})),
        "locked"
    );
    let intruder = TestApp::with_window(tauri::generate_context!(), "intruder");
    for cmd in [
        "paste_sequence_start",
        "paste_sequence_copy",
        "auto_type_key",
        "bot_command_line",
        "bot_command_copy",
        "key_export",
        "keygen_ed25519",
        "key_share_import",
    ] {
        let err = intruder.call(cmd, json!({})).unwrap_err();
        assert!(err.to_string().contains("not allowed"), "{cmd}: {err}");
    }
}

#[test]
fn share_commands_answer_null_when_the_dialog_is_cancelled() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("bot");
    // The mock runtime has no dialog plugin: both dialogs count as cancelled.
    let exported = t.call("key_share_export", json!({ "id": id })).unwrap();
    assert_eq!(exported, Value::Null);
    let imported = t
        .call("key_share_import", json!({"passphrase": "x"}))
        .unwrap();
    assert_eq!(imported, Value::Null);
    t.call("vault_lock", json!({})).unwrap();
    assert_eq!(
        t.error_code("key_share_import", json!({"passphrase": "x"})),
        "locked"
    );
}

/// "Check all" goes through the core's concurrent path (the one `coffre check` uses): every key of
/// the demo vault, across the ten mock exchanges, has started before the first result arrives.
/// A one-key-at-a-time loop would report each key done before starting the next.
#[test]
fn check_all_checks_every_key_at_once_across_exchanges() {
    let t = TestApp::new();
    let events: Arc<Mutex<Vec<Value>>> = Arc::default();
    let sink = events.clone();
    t._app.listen_any("check_progress", move |e| {
        sink.lock()
            .unwrap()
            .push(serde_json::from_str(e.payload()).unwrap());
    });
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    t._app.listen_any("check_all_done", move |_| {
        let _ = done_tx.send(());
    });
    t.call("demo_start", json!({})).unwrap();
    let keys = t.call("keys_list", json!({})).unwrap();
    let keys = keys.as_array().unwrap();
    let exchanges: std::collections::BTreeSet<&str> =
        keys.iter().filter_map(|k| k["exchange"].as_str()).collect();
    assert_eq!(exchanges.len(), 10, "{exchanges:?}");

    // The demo runs Check all itself when it opens (the same command path as the button).
    done_rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("check all finishes");
    let events = events.lock().unwrap();
    let states: Vec<&str> = events
        .iter()
        .filter_map(|e| e["state"].as_str())
        .filter(|s| *s != "waiting")
        .collect();
    let first_done = states.iter().position(|s| *s == "done").expect("a result");
    assert_eq!(
        first_done,
        keys.len(),
        "every key starts before any finishes: {states:?}"
    );
    assert_eq!(states.len(), 2 * keys.len());
    // Each result reached the vault: the list now shows every key checked.
    let after = t.call("keys_list", json!({})).unwrap();
    assert!(after
        .as_array()
        .unwrap()
        .iter()
        .all(|k| k["status"] != "never_checked"));
}
