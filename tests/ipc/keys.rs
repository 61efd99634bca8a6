//! Keys through the IPC: adding (valid and invalid pastes), listing without secrets, revealing.

use crate::harness::{clipboard_text, clipboard_turn, TestApp, API_KEY, SECRET};
use serde_json::json;
use tauri::Listener;

#[test]
fn valid_key_is_added_and_listed() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("main bot");
    let list = t.call("keys_list", json!({})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["label"], "main bot");
    assert_eq!(list[0]["exchange_name"], "Binance");
    assert_eq!(list[0]["status"], "never_checked");
}

#[test]
fn invalid_paste_is_refused_and_nothing_is_saved() {
    let t = TestApp::new();
    t.create_vault();
    let form = t.pasted_form("binance", &[("api_key", API_KEY)]);
    let refused = t
        .paste(&json!(form), "binance", "secret", "too-short")
        .unwrap();
    assert_eq!(refused["ok"], false, "judged at paste");
    let key = json!({"exchange": "binance", "label": "broken", "platforms": [], "notes": "",
        "tags": []});
    let args = json!({ "key": key, "form": form });
    let err = t.call("key_add", args).unwrap_err();
    assert_eq!(err["code"], "paste_invalid");
    assert_eq!(err["details"][0]["field"], "secret");
    assert!(!err.to_string().contains(API_KEY));
    assert_eq!(t.call("keys_list", json!({})).unwrap(), json!([]));
}

#[test]
fn list_and_detail_never_contain_the_credentials() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("main bot");
    let list = serde_json::to_string(&t.call("keys_list", json!({})).unwrap()).unwrap();
    let detail = serde_json::to_string(&t.call("key_get", json!({ "id": id })).unwrap()).unwrap();
    for body in [&list, &detail] {
        assert!(!body.contains(SECRET), "secret leaked: {body}");
        assert!(!body.contains(API_KEY), "api key leaked: {body}");
    }
    // The hint is there instead: the first and last four characters.
    assert!(list.contains(&API_KEY[..4]) && list.contains(&API_KEY[60..]));
}

#[test]
fn reveal_returns_the_requested_credential() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("main bot");
    assert_eq!(t.reveal(&id, "secret").unwrap(), SECRET);
    assert_eq!(t.reveal(&id, "api_key").unwrap(), API_KEY);
}

/// The answer is sealed to the page's one-time key: what WebKit carries holds no plaintext, and a
/// request without a valid key gets nothing.
#[test]
fn a_revealed_value_travels_sealed_to_the_page() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("main bot");
    let (_page, public_key) = coffre_app_lib::sealed_reveal::page_key_for_tests();
    let answer = t
        .call(
            "key_reveal",
            json!({"id": id, "field": "secret", "publicKey": public_key}),
        )
        .unwrap();
    assert!(!answer.to_string().contains(SECRET), "{answer}");
    for bad in [
        json!({"id": id, "field": "secret"}),
        json!({"id": id, "field": "secret", "publicKey": "AAAA"}),
    ] {
        let err = t.call("key_reveal", bad).unwrap_err();
        assert!(!err.to_string().contains(SECRET), "{err}");
    }
}

/// Reveals are for reading one key by hand: a fourth in 30 seconds is refused with the wait.
#[test]
fn reveals_in_a_row_are_rate_limited() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("main bot");
    for _ in 0..3 {
        t.reveal(&id, "secret").unwrap();
    }
    let err = t.reveal(&id, "secret").unwrap_err();
    assert_eq!(err["code"], "too_many_reveals");
    assert!(!err.to_string().contains(SECRET));
}

#[test]
fn lock_drops_access_to_every_key() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("main bot");
    t.call("vault_lock", json!({})).unwrap();
    assert_eq!(t.error_code("keys_list", json!({})), "locked");
    assert_eq!(t.reveal(&id, "secret").unwrap_err()["code"], "locked");
}

#[test]
fn pasted_field_reaches_the_webview_only_masked_and_leaves_the_clipboard() {
    let t = TestApp::new();
    t.create_vault();
    let form = t.call("form_open", json!({})).unwrap();
    let ok = t.paste(&form, "binance", "api_key", API_KEY).unwrap();
    assert_eq!(ok["ok"], true);
    assert!(!ok.to_string().contains(API_KEY), "{ok}");
    assert_eq!(ok["masked"], coffre_secret::mask(API_KEY));
    {
        let _turn = clipboard_turn();
        assert_ne!(
            clipboard_text().as_deref(),
            Some(API_KEY),
            "pasted value left on the clipboard"
        );
    }
    let bad = t.paste(&form, "binance", "secret", "short").unwrap();
    assert_eq!(bad["ok"], false);
    assert_eq!(bad["error"]["field"], "secret");
    // The pair, once complete, names the exchange it looks like.
    let secret = t.paste(&form, "okx", "secret", SECRET).unwrap();
    assert_eq!(secret["detected_exchange"], "binance");
}

#[test]
fn the_webview_cannot_hand_a_key_in_as_an_argument() {
    let t = TestApp::new();
    t.create_vault();
    let key = json!({"exchange": "binance", "label": "typed", "platforms": [], "notes": "",
        "tags": []});
    // The old shape: credentials as arguments. Refused (no form), nothing stored.
    let err = t
        .call(
            "key_add",
            json!({"key": key, "apiKey": API_KEY, "secret": SECRET}),
        )
        .unwrap_err();
    assert!(!err.to_string().contains(SECRET));
    assert_eq!(t.call("keys_list", json!({})).unwrap(), json!([]));
    // Only the passphrase is ever typed by hand.
    let form = t.call("form_open", json!({})).unwrap();
    let typed = t.call(
        "form_type_passphrase",
        json!({"form": form, "exchange": "okx", "value": "Trade-2026!"}),
    );
    assert_eq!(typed.unwrap()["ok"], true);
}

#[test]
fn locking_forgets_what_was_pasted_into_an_open_form() {
    let t = TestApp::new();
    t.create_vault();
    let form = t.pasted_form("binance", &[("api_key", API_KEY), ("secret", SECRET)]);
    t.call("vault_lock", json!({})).unwrap();
    t.call(
        "vault_unlock",
        json!({ "password": crate::harness::PASSWORD }),
    )
    .unwrap();
    let key = json!({"exchange": "binance", "label": "after lock", "platforms": [], "notes": "",
        "tags": []});
    assert_eq!(
        t.error_code("key_add", json!({ "key": key, "form": form })),
        "form_expired"
    );
}

#[test]
fn edited_label_is_saved_and_duplicates_refused() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("first");
    t.add_key("second");
    let edit = json!({"id": id, "label": "renamed", "platforms": [], "notes": "n", "tags": ["x"]});
    t.call("key_update", json!({ "edit": edit })).unwrap();
    assert_eq!(
        t.call("key_get", json!({"id": id})).unwrap()["label"],
        "renamed"
    );
    let dup = json!({"id": id, "label": "second", "platforms": [], "notes": "", "tags": []});
    assert_eq!(
        t.error_code("key_update", json!({ "edit": dup })),
        "duplicate_label"
    );
}

#[test]
fn catalog_lists_the_supported_exchanges() {
    let t = TestApp::new();
    let exchanges = t.call("catalog_exchanges", json!({})).unwrap();
    let ids: Vec<&str> = exchanges
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert!(ids.contains(&"binance") && ids.contains(&"okx"), "{ids:?}");
    let okx = exchanges
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "okx")
        .unwrap();
    assert_eq!(okx["needs_passphrase"], true);
}

#[test]
fn demo_opens_a_vault_wired_to_the_local_mock_exchanges() {
    let t = TestApp::new();
    t.call("demo_start", json!({})).unwrap();
    let status = t.call("app_status", json!({})).unwrap();
    assert_eq!(status["demo"], true);
    assert_eq!(status["unlocked"], true);
    let list = t.call("keys_list", json!({})).unwrap();
    let first = &list.as_array().expect("a list")[0];
    let detail = t.call("key_get", json!({"id": first["id"]})).unwrap();
    assert!(detail["base_url"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    // Locking ends the demo.
    t.call("vault_lock", json!({})).unwrap();
    assert_eq!(t.call("app_status", json!({})).unwrap()["demo"], false);
}

/// The process that holds the vault's keys never serves HTTP: the demo's mock exchanges are a
/// separate program, so the app's normal dependency tree has no HTTP server in it.
#[test]
fn app_binary_does_not_link_the_mock_exchange_server() {
    let tree = |package: &str| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = std::process::Command::new(cargo)
            .args([
                "tree",
                "--offline",
                "-e",
                "normal",
                "--prefix",
                "none",
                "-p",
                package,
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo tree runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let links = |tree: &str, krate: &str| tree.lines().any(|l| l.starts_with(&format!("{krate} ")));
    let mock = tree("coffre-mock-exchange");
    assert!(links(&mock, "axum"), "the check can see a server: {mock}");
    let app = tree("coffre-app");
    assert!(!links(&app, "axum"), "the app links axum:\n{app}");
    assert!(
        !links(&app, "coffre-mock-exchange"),
        "the app links the mock"
    );
}

/// Issue 14: with the exchange unreachable, "Check now" said "the key does not work", the row
/// became Failed and the Safety tab read a never-read key as "no key can withdraw". A check that
/// does not reach the exchange is "couldn't check", and what the last check learnt stays.
#[test]
fn a_check_that_cannot_reach_the_exchange_keeps_the_last_known_permissions() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let accounts = coffre_mock_exchange::demo_accounts();
    let account = accounts
        .iter()
        .find(|a| a.label.as_deref() == Some("Binance main"))
        .expect("the healthy Binance demo account")
        .clone();
    let mock = rt
        .block_on(coffre_mock_exchange::start(accounts, Default::default()))
        .unwrap();
    // A key pointed at the loopback mock (the webview may not set a base URL): the vault file is
    // made here, as the CLI's `--base-url` would, then unlocked through the app.
    let t = TestApp::new();
    let id = t.vault_made_on_disk(|vault| {
        let mut meta = coffre_vault::KeyMeta::new("binance", "main");
        meta.platforms = vec!["bitsgap".into()];
        meta.base_url = Some(mock.urls()["binance"].clone());
        let creds =
            coffre_catalog::paste::validate("binance", &account.api_key, &account.secret, None)
                .unwrap();
        vault.add(meta, &creds).unwrap()
    });
    let first = t.call("key_check", json!({ "id": id })).unwrap();
    assert_eq!(first["ok"], true, "{first}");
    let before = t.call("keys_list", json!({})).unwrap()[0].clone();
    assert_eq!(before["status"], "ok");

    rt.block_on(mock.shutdown());
    let down = t.call("key_check", json!({ "id": id })).unwrap();
    assert_eq!(down["diagnosis"]["kind"], "network_error", "{down}");

    let detail = t.call("key_get", json!({ "id": id })).unwrap();
    assert_eq!(detail["status"], "unreachable", "not \"failed\"");
    assert_eq!(detail["last_check"], first, "the last known check survives");
    assert_eq!(
        detail["unreachable_check"]["diagnosis"]["kind"],
        "network_error"
    );
    let row = t.call("keys_list", json!({})).unwrap()[0].clone();
    assert_eq!(row["status"], "unreachable");
    assert_eq!(
        row["last_checked_at"], before["last_checked_at"],
        "dated by the last known check"
    );
    assert_eq!(
        row["verdict"], before["verdict"],
        "verdicts from the last known permissions"
    );
    let verdicts = t
        .call("key_verdicts", json!({ "id": id, "lang": "en" }))
        .unwrap();
    assert_eq!(verdicts[0]["status"], before["verdict"]);
    let safety = t.call("safety_overview", json!({ "lang": "en" })).unwrap();
    assert_eq!(
        safety["withdraw_unknown"],
        json!([]),
        "permissions known from before"
    );
}

/// A key never read is "not verified" in the Safety tab, never "no key can withdraw".
#[test]
fn a_key_never_checked_is_not_verified_rather_than_safe() {
    let t = TestApp::new();
    t.create_vault();
    let id = t.add_key("never read");
    let safety = t.call("safety_overview", json!({ "lang": "en" })).unwrap();
    assert_eq!(safety["can_withdraw"], json!([]));
    assert_eq!(safety["withdraw_unknown"][0]["id"], id.as_str());
    assert_eq!(safety["ip_unknown"][0]["id"], id.as_str());
}

/// Issue 14: the demo opened with every key grey, and leaving Check all mid-run left the
/// inventory half "Not checked". The run belongs to the session: nobody listens to its progress
/// here (the page is gone), yet every result reaches the inventory and the run's rows.
#[test]
fn check_all_runs_without_its_page_and_the_demo_checks_its_keys_when_it_opens() {
    let t = TestApp::new();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    t._app.listen_any("check_all_done", move |_| {
        let _ = done_tx.send(());
    });
    t.call("demo_start", json!({})).unwrap();
    done_rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the demo's own check finishes");
    let keys = t.call("keys_list", json!({})).unwrap();
    let keys = keys.as_array().unwrap();
    let status = |label: &str| {
        keys.iter().find(|k| k["label"] == label).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert!(keys.iter().all(|k| k["status"] != "never_checked"));
    assert_eq!(status("Binance main"), "ok");
    assert_eq!(status("Gate unavailable"), "unreachable");
    assert_eq!(status("Kraken rate limited"), "unreachable");
    assert_eq!(status("OKX wrong IP"), "failed");

    let run = t.call("keys_check_all_status", json!({})).unwrap();
    assert_eq!(run["running"], false);
    let rows = run["rows"].as_array().unwrap();
    assert_eq!(rows.len(), keys.len());
    let row = |label: &str| {
        let id = &keys.iter().find(|k| k["label"] == label).unwrap()["id"];
        rows.iter().find(|r| &r["id"] == id).unwrap().clone()
    };
    assert_eq!(row("Binance main")["outcome"], "works");
    assert_eq!(row("Gate unavailable")["outcome"], "couldnt_check");
    assert_eq!(row("OKX wrong IP")["outcome"], "key_refused");
    let withdrawing = row("Binance withdrawals on");
    assert_eq!(
        withdrawing["outcome"], "will_be_rejected",
        "not a green \"works\""
    );
    assert_eq!(
        withdrawing["verdicts"][0]["reasons"][0]["code"],
        "withdraw_enabled"
    );
    let open = row("Binance no IP restriction");
    assert_eq!(open["outcome"], "risky");
    let same_code = open["verdicts"][0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["code"] == "ip_whitelist_missing")
        .count();
    assert!(same_code >= 2, "every reason, even sharing a code: {open}");
    assert_eq!(
        open["key"]["status"], "ok",
        "the row's new inventory entry rides along"
    );

    // A second run while none is going starts afresh.
    t.call("keys_check_all", json!({})).unwrap();
    done_rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("check all finishes");
    let run = t.call("keys_check_all_status", json!({})).unwrap();
    assert!(run["rows"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["state"] == "done"));
}
