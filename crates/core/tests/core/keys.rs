//! Adding keys through the core: where a key may be told to travel.

use crate::support::session;
use coffre_core::keys::{self, KeyForm};

const API_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

fn add_with_url(url: &str) -> Result<String, coffre_core::CoreError> {
    let t = session();
    let form = KeyForm {
        exchange: "binance".into(),
        label: "bot".into(),
        base_url: Some(url.into()),
        ..KeyForm::default()
    };
    let added = keys::add(&t.session, form, API_KEY, SECRET, None);
    if let Ok(id) = &added {
        let stored = t
            .session
            .with_vault(|v| Ok(v.get(id)?.meta.base_url))
            .unwrap();
        return Ok(stored.unwrap_or_default());
    }
    let count = t.session.with_vault(|v| Ok(v.list()?.len())).unwrap();
    assert_eq!(count, 0, "a refused key is not stored");
    added
}

#[test]
fn a_base_url_that_would_carry_the_key_in_clear_or_elsewhere_is_refused_at_entry() {
    for bad in [
        "http://api.binance.com",
        "https://api.binance.com/api/v3",
        "https://user:pw@api.binance.com",
        "https://api.binance.com?redirect=evil",
        "file:///etc/passwd",
    ] {
        let err = add_with_url(bad).expect_err(bad);
        assert_eq!(err.code(), "invalid_input", "{bad}");
    }
    assert_eq!(
        add_with_url("https://testnet.binance.vision/").unwrap(),
        "https://testnet.binance.vision"
    );
    assert_eq!(
        add_with_url("http://127.0.0.1:9000").unwrap(),
        "http://127.0.0.1:9000"
    );
}

#[test]
fn a_copied_secret_is_on_the_clipboard_until_the_session_locks() {
    let t = session();
    let form = KeyForm {
        exchange: "binance".into(),
        label: "bot".into(),
        ..KeyForm::default()
    };
    let id = keys::add(&t.session, form, API_KEY, SECRET, None).unwrap();
    let copied = keys::copy(
        &t.session,
        &id,
        keys::FieldName::Secret,
        std::time::Duration::from_secs(60),
    )
    .unwrap();
    assert_eq!(copied.clear_after_s, 60);
    assert_eq!(t.clipboard.0.lock().unwrap().as_deref(), Some(SECRET));
    assert!(t.session.lock());
    assert_eq!(*t.clipboard.0.lock().unwrap(), None, "lock clears our copy");
    assert_eq!(
        keys::reveal(&t.session, &id, keys::FieldName::Secret)
            .unwrap_err()
            .code(),
        "locked"
    );
}
