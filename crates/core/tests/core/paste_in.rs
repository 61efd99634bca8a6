//! Paste-in through Rust: the form's draft is filled from the clipboard, judged, and saved from
//! Rust; the clipboard is emptied of what was pasted; nothing outlives save, cancel or lock.

use crate::support::session;
use coffre_core::keys::{self, FieldName, KeyForm};
use coffre_core::paste_in;

const API_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

fn binance(label: &str) -> KeyForm {
    KeyForm {
        exchange: "binance".into(),
        label: label.into(),
        ..KeyForm::default()
    }
}

fn copied(t: &crate::support::TestSession, text: &str) {
    *t.clipboard.0.lock().unwrap() = Some(text.to_owned());
}

#[test]
fn pasted_key_is_judged_masked_saved_from_rust_and_taken_off_the_clipboard() {
    let t = session();
    let form = paste_in::open_form(&t.session).unwrap();
    // Copied from the exchange's page with its invisible characters.
    copied(&t, &format!("\u{200b}{API_KEY}\n"));
    let key = paste_in::paste(&t.session, &form, Some("binance"), FieldName::ApiKey).unwrap();
    assert!(key.ok, "{key:?}");
    let masked = key.masked.clone().unwrap();
    assert!(
        !masked.contains(&API_KEY[4..60]),
        "the hint is masked: {masked}"
    );
    assert_eq!(*t.clipboard.0.lock().unwrap(), None, "clipboard emptied");

    copied(&t, SECRET);
    let secret = paste_in::paste(&t.session, &form, Some("binance"), FieldName::Secret).unwrap();
    assert!(secret.ok);
    let answers = serde_json::to_string(&[&key, &secret]).unwrap();
    assert!(
        !answers.contains(API_KEY) && !answers.contains(SECRET),
        "{answers}"
    );

    let id = keys::add_from_form(&t.session, binance("bot"), &form).unwrap();
    let creds = t.session.with_vault(|v| Ok(v.credentials(&id)?)).unwrap();
    assert_eq!(creds.api_key.expose(), API_KEY, "cleaned before saving");
    assert_eq!(creds.secret.expose(), SECRET);
    // Saved: the draft is gone.
    let again = keys::add_from_form(&t.session, binance("bot 2"), &form).unwrap_err();
    assert_eq!(again.code(), "form_expired");
}

#[test]
fn something_that_is_no_key_is_refused_and_the_users_clipboard_kept() {
    let t = session();
    let form = paste_in::open_form(&t.session).unwrap();
    copied(&t, "meet at 10 tomorrow");
    let r = paste_in::paste(&t.session, &form, Some("binance"), FieldName::ApiKey).unwrap();
    assert!(!r.ok);
    assert!(r.error.is_some());
    assert_eq!(
        t.clipboard.0.lock().unwrap().as_deref(),
        Some("meet at 10 tomorrow")
    );
    copied(&t, "   ");
    let empty = paste_in::paste(&t.session, &form, Some("binance"), FieldName::ApiKey);
    assert_eq!(empty.unwrap_err().code(), "clipboard_empty");
}

#[test]
fn a_refused_save_keeps_the_draft_and_a_wrong_exchange_can_be_corrected() {
    let t = session();
    let form = paste_in::open_form(&t.session).unwrap();
    copied(&t, API_KEY);
    paste_in::paste(&t.session, &form, Some("okx"), FieldName::ApiKey).unwrap();
    copied(&t, SECRET);
    let secret = paste_in::paste(&t.session, &form, Some("okx"), FieldName::Secret).unwrap();
    assert!(!secret.ok, "a Binance secret is not an OKX one");
    let okx = KeyForm {
        exchange: "okx".into(),
        label: "bot".into(),
        ..KeyForm::default()
    };
    let err = keys::add_from_form(&t.session, okx, &form).unwrap_err();
    assert_eq!(err.code(), "paste_invalid");
    // The user picks the right exchange: nothing to paste again.
    let rechecked = paste_in::recheck(&t.session, &form, Some("binance"), FieldName::Secret)
        .unwrap()
        .unwrap();
    assert!(rechecked.ok);
    keys::add_from_form(&t.session, binance("bot"), &form).unwrap();
}

#[test]
fn a_typed_passphrase_joins_the_pasted_key_and_secret() {
    let t = session();
    let form = paste_in::open_form(&t.session).unwrap();
    let okx_key = "6f4a2b1c-3d5e-4f60-8a7b-9c0d1e2f3a4b";
    let okx_secret = "0123456789ABCDEF0123456789ABCDEF";
    copied(&t, okx_key);
    assert!(
        paste_in::paste(&t.session, &form, Some("okx"), FieldName::ApiKey)
            .unwrap()
            .ok
    );
    copied(&t, okx_secret);
    assert!(
        paste_in::paste(&t.session, &form, Some("okx"), FieldName::Secret)
            .unwrap()
            .ok
    );
    let typed = paste_in::type_passphrase(&t.session, &form, Some("okx"), "Trade-2026!").unwrap();
    assert!(typed.ok, "{typed:?}");
    let okx = KeyForm {
        exchange: "okx".into(),
        label: "okx bot".into(),
        ..KeyForm::default()
    };
    let id = keys::add_from_form(&t.session, okx, &form).unwrap();
    let creds = t.session.with_vault(|v| Ok(v.credentials(&id)?)).unwrap();
    assert_eq!(creds.passphrase.unwrap().expose(), "Trade-2026!");
}

#[test]
fn lock_and_cancel_forget_the_draft() {
    let t = session();
    let form = paste_in::open_form(&t.session).unwrap();
    copied(&t, API_KEY);
    paste_in::paste(&t.session, &form, Some("binance"), FieldName::ApiKey).unwrap();
    paste_in::discard(&t.session, &form);
    let err = paste_in::recheck(&t.session, &form, Some("binance"), FieldName::ApiKey);
    assert_eq!(err.unwrap_err().code(), "form_expired");

    let form = paste_in::open_form(&t.session).unwrap();
    copied(&t, API_KEY);
    paste_in::paste(&t.session, &form, Some("binance"), FieldName::ApiKey).unwrap();
    let vault = t.session.vault_path().unwrap();
    t.session.lock();
    t.session
        .open(coffre_vault::Vault::unlock(&vault, &"test password".into()).unwrap());
    let err = paste_in::recheck(&t.session, &form, Some("binance"), FieldName::ApiKey);
    assert_eq!(
        err.unwrap_err().code(),
        "form_expired",
        "a lock forgets every draft"
    );
}

#[test]
fn a_draft_left_alone_is_forgotten() {
    let t = session();
    let idle = paste_in::open_form(&t.session).unwrap();
    let form = paste_in::open_form(&t.session).unwrap();
    copied(&t, API_KEY);
    paste_in::paste(&t.session, &form, Some("binance"), FieldName::ApiKey).unwrap();
    assert!(paste_in::expire(&t.session).is_empty(), "not yet");
    let gone = paste_in::expire_after(&t.session, std::time::Duration::ZERO);
    assert_eq!(
        gone,
        vec![form.clone()],
        "a form with nothing pasted has nothing to forget"
    );
    let err = keys::add_from_form(&t.session, binance("bot"), &form).unwrap_err();
    assert_eq!(err.code(), "form_expired");
    assert!(
        paste_in::recheck(&t.session, &idle, None, FieldName::ApiKey)
            .unwrap()
            .is_none()
    );
}

/// Issue 14: the API key pasted into both fields showed "✓ Looks right" twice; the error came only
/// after Save and stayed once the secret was fixed; OKX without a passphrase greyed Save silently.
/// The draft now judges the fields together at each paste, on the field that must change.
#[test]
fn problems_of_the_fields_together_show_at_paste_on_the_field_to_change_and_clear_when_fixed() {
    let t = session();
    let form = paste_in::open_form(&t.session).unwrap();
    copied(&t, API_KEY);
    let key = paste_in::paste(&t.session, &form, Some("binance"), FieldName::ApiKey).unwrap();
    assert_eq!(
        key.form_problems,
        Some(vec![]),
        "nothing to say with one field"
    );
    copied(&t, API_KEY);
    let twice = paste_in::paste(&t.session, &form, Some("binance"), FieldName::Secret).unwrap();
    let problems = twice.form_problems.clone().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].field, problems[0].code.as_str()),
        ("secret", "same_as_key")
    );
    assert!(!problems[0].message.contains(API_KEY), "never the value");

    copied(&t, SECRET);
    let fixed = paste_in::paste(&t.session, &form, Some("binance"), FieldName::Secret).unwrap();
    assert!(fixed.ok);
    assert_eq!(
        fixed.form_problems,
        Some(vec![]),
        "cleared as soon as fixed"
    );

    // Swapped: the key goes where the secret should be, and the other way round.
    let form = paste_in::open_form(&t.session).unwrap();
    copied(&t, "22582BD0CFF14C41EDBF1AB98506286D"); // an OKX secret (32 hex)
    paste_in::paste(&t.session, &form, Some("okx"), FieldName::ApiKey).unwrap();
    copied(&t, "12345678-90ab-cdef-1234-567890abcdef"); // an OKX API key (UUID)
    let swapped = paste_in::paste(&t.session, &form, Some("okx"), FieldName::Secret).unwrap();
    let problems = swapped.form_problems.unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.code == "swapped" && p.field == "api_key"),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.code == "passphrase_required" && p.field == "passphrase"),
        "OKX without its passphrase says so: {problems:?}"
    );
    let typed = paste_in::type_passphrase(&t.session, &form, Some("okx"), "Chosen-1").unwrap();
    let left = typed.form_problems.unwrap();
    assert!(
        left.iter().all(|p| p.code != "passphrase_required"),
        "{left:?}"
    );
    let cleared =
        paste_in::clear_field(&t.session, &form, Some("okx"), FieldName::Passphrase).unwrap();
    assert!(cleared.iter().any(|p| p.code == "passphrase_required"));
}
