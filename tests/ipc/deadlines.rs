//! One expiry truth over IPC (issue 14): the row, the key's page and the safety overview (banner
//! included) carry the same deadline; and a regional host found by a check is saved on request
//! (issue 13).

use crate::harness::TestApp;
use chrono::{Duration, Utc};
use coffre_model::{CheckReport, Known, Permissions, RegionFound};
use serde_json::json;

fn report(exchange: &str, permissions: Permissions, region: Option<RegionFound>) -> CheckReport {
    CheckReport {
        exchange: exchange.into(),
        checked_at: Utc::now() - Duration::hours(1),
        ok: true,
        balances: Vec::new(),
        permissions,
        diagnosis: None,
        clock_offset_ms: None,
        region,
        valuation: None,
    }
}

/// A vault made on disk with a Bybit key whose last check reported an expiry in 9 days, and an
/// OKX key found on OKX EEA; unlocked through the app. Returns (bybit id, okx id).
fn vault_with_checked_keys(t: &TestApp) -> (String, String) {
    t.vault_made_on_disk(|vault| {
        let mut bybit = coffre_vault::KeyMeta::new("bybit", "bybit bot");
        bybit.platforms = vec!["bitsgap".into()];
        bybit.last_check = Some(report(
            "bybit",
            Permissions {
                read: Known::Yes,
                spot_trade: Known::Yes,
                ip_restricted: Known::No,
                expires_at: Some(Utc::now() + Duration::days(9) + Duration::hours(2)),
                ..Permissions::default()
            },
            None,
        ));
        let creds = |key: &str, pass: Option<&str>| coffre_model::Credentials {
            api_key: key.into(),
            secret: "S".repeat(32).as_str().into(),
            passphrase: pass.map(Into::into),
            key_type: Default::default(),
        };
        let bybit = vault
            .add(bybit, &creds("BYBITKEY0123456789", None))
            .unwrap();
        let mut okx = coffre_vault::KeyMeta::new("okx", "okx eea");
        let found = coffre_core::regions::region_of("okx", "https://eea.okx.com")
            .map(|r| RegionFound { saved: false, ..r });
        okx.last_check = Some(report("okx", Permissions::default(), found));
        let okx = vault
            .add(
                okx,
                &creds("00000001-0000-4000-8000-000000000001", Some("Pass-1")),
            )
            .unwrap();
        (bybit, okx)
    })
}

#[test]
fn the_row_the_page_the_banner_and_safety_show_the_same_deadline() {
    let t = TestApp::new();
    let (bybit, _) = vault_with_checked_keys(&t);
    let rows = t.call("keys_list", json!({})).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == bybit.as_str())
        .unwrap()
        .clone();
    let deadline = row["deadline"].clone();
    assert_eq!(deadline["kind"], "reported", "{row}");
    assert_eq!(deadline["days"], 9);
    assert_eq!(deadline["warning"], "soon");
    assert_eq!(row["expiring_soon"], true, "the row has its badge");

    let detail = t.call("key_get", json!({ "id": bybit })).unwrap();
    assert_eq!(detail["deadline"], deadline, "the About card says the same");

    let safety = t.call("safety_overview", json!({ "lang": "en" })).unwrap();
    let expiring = &safety["expiring_soon"][0];
    assert_eq!(expiring["id"], bybit.as_str());
    assert_eq!(expiring["days"], 9);
    assert_eq!(expiring["deadline"], deadline);
    let banner = safety["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "expires_soon")
        .expect("the banner warns");
    assert_eq!(banner["deadline"], deadline);
}

#[test]
fn a_found_region_is_saved_as_the_keys_host_on_request() {
    let t = TestApp::new();
    let (bybit, okx) = vault_with_checked_keys(&t);
    let before = t.call("key_get", json!({ "id": okx })).unwrap();
    assert_eq!(before["last_check"]["region"]["name"], "OKX EEA");
    assert_eq!(before["last_check"]["region"]["saved"], false);
    assert!(before.get("base_url").is_none_or(|u| u.is_null()));

    let host = t.call("key_save_found_host", json!({ "id": okx })).unwrap();
    assert_eq!(host, "https://eea.okx.com");
    let after = t.call("key_get", json!({ "id": okx })).unwrap();
    assert_eq!(after["base_url"], "https://eea.okx.com");
    assert_eq!(after["last_check"]["region"]["saved"], true);

    assert_eq!(
        t.error_code("key_save_found_host", json!({ "id": bybit })),
        "invalid_input",
        "nothing was found for this key"
    );
}
