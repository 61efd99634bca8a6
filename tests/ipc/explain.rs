//! The error doctor through the IPC: explains without a vault, offers the open vault's keys of the
//! exchange that refused, and the real capability lets the main window call it.

use crate::harness::TestApp;
use serde_json::json;

const LINE: &str = r#"AuthenticationError: binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#;

#[test]
fn explains_without_a_vault_in_the_asked_language() {
    let t = TestApp::new();
    let view = t
        .call("error_explain", json!({"text": LINE, "lang": "vi"}))
        .unwrap();
    let finding = &view["explanation"]["findings"][0];
    assert_eq!(finding["exchange"], "binance");
    assert_eq!(finding["title"], "Binance, mã -2015");
    assert_eq!(finding["probes"][0]["kind"], "permission_read");
    assert_eq!(view["keys"], json!([]));
}

#[test]
fn offers_the_open_vault_s_keys_of_that_exchange_and_none_once_locked() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("grid bot");
    let args = json!({"text": LINE, "lang": "en"});
    let view = t.call("error_explain", args.clone()).unwrap();
    assert_eq!(
        view["keys"],
        json!([{"id": id, "label": "grid bot", "exchange": "binance"}])
    );
    let okx =
        json!({"text": r#"okx {"msg":"API key doesn't exist","code":"50119"}"#, "lang": "en"});
    assert_eq!(t.call("error_explain", okx).unwrap()["keys"], json!([]));
    t.call("vault_lock", json!({})).unwrap();
    assert_eq!(t.call("error_explain", args).unwrap()["keys"], json!([]));
}

#[test]
fn the_main_window_may_call_it() {
    let t = TestApp::with_context(tauri::generate_context!());
    let view = t.call("error_explain", json!({"text": "hello", "lang": "fr"}));
    let hint = view.unwrap()["explanation"]["hint"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(hint.starts_with("Coffre n’a trouvé"), "{hint}");
}
