//! The real capability set (`generate_context!`): Coffre's commands are open to the main window
//! only, and nothing is granted that the UI does not use.

use crate::harness::TestApp;
use serde_json::json;

#[test]
fn main_window_may_call_coffre_commands() {
    let t = TestApp::with_context(tauri::generate_context!());
    assert!(t.call("app_status", json!({})).is_ok());
}

#[test]
fn another_window_is_refused_every_command() {
    let t = TestApp::with_window(tauri::generate_context!(), "intruder");
    let err = t.call("app_status", json!({})).unwrap_err();
    assert!(err.to_string().contains("not allowed"), "{err}");
}

#[test]
fn plugin_commands_are_not_granted_to_the_ui() {
    let t = TestApp::with_context(tauri::generate_context!());
    for cmd in [
        "plugin:dialog|open",
        "plugin:window-state|save_window_state",
        "plugin:event|emit",
    ] {
        let err = t.call(cmd, json!({})).unwrap_err();
        assert!(err.to_string().contains("not allowed"), "{cmd}: {err}");
    }
}
