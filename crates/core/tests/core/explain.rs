//! The error doctor offers to check the vault's keys of the exchange that refused, and only while
//! the vault is open.

use crate::support::session;
use coffre_core::explain::{explain, keys_to_check};
use coffre_core::keys::{self, KeyForm};

const API_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
const BINANCE_LINE: &str = r#"AuthenticationError: binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#;

fn add_binance(t: &crate::support::TestSession, label: &str) {
    let form = KeyForm {
        exchange: "binance".into(),
        label: label.into(),
        ..KeyForm::default()
    };
    keys::add(&t.session, form, API_KEY, SECRET, None).unwrap();
}

#[test]
fn the_keys_of_the_refusing_exchange_are_offered() {
    let t = session();
    add_binance(&t, "grid bot");
    add_binance(&t, "dca bot");
    let labels: Vec<String> = keys_to_check(&t.session, &explain(BINANCE_LINE, "en"))
        .unwrap()
        .into_iter()
        .map(|k| {
            assert_eq!(k.exchange, "binance");
            k.label
        })
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(labels.contains(&"grid bot".to_owned()));
    let okx = explain(
        r#"okx {"msg":"API key doesn't exist","code":"50119"}"#,
        "en",
    );
    assert!(keys_to_check(&t.session, &okx).unwrap().is_empty());
}

#[test]
fn a_locked_vault_offers_nothing_and_explaining_still_works() {
    let t = session();
    add_binance(&t, "grid bot");
    t.session.lock();
    let explanation = explain(BINANCE_LINE, "en");
    assert_eq!(explanation.findings.len(), 1);
    assert!(keys_to_check(&t.session, &explanation).unwrap().is_empty());
}
