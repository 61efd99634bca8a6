//! The everyday API: add, list, get, find, update, rotate, check, remove, reopen.

use coffre_vault::{KdfParams, KeyType, Vault, VaultError};

use crate::support::*;

#[test]
fn added_keys_read_back_identically_after_reopening() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let a = vault.add(meta("alpha"), &creds(1)).unwrap();
    let b = vault.add(meta("beta"), &creds(2)).unwrap();
    drop(vault);

    let vault = Vault::unlock(&path, &password()).unwrap();
    let list = vault.list().unwrap();
    assert_eq!(
        list.iter()
            .map(|r| r.meta.label.as_str())
            .collect::<Vec<_>>(),
        ["alpha", "beta"]
    );
    assert_eq!(vault.credentials(&a).unwrap(), creds(1));
    assert_eq!(vault.credentials(&b).unwrap(), creds(2));
    let rec = vault.get(&a).unwrap();
    assert_eq!(rec.revision, 1);
    assert_eq!(rec.meta.notes, "notes for alpha");
    assert_eq!(
        rec.meta.api_key_hint,
        coffre_secret::mask(creds(1).api_key.expose())
    );
    assert_eq!(vault.find("BETA").unwrap().id, b);
    assert_eq!(vault.find(&a).unwrap().id, a);
}

#[test]
fn labels_are_unique_case_insensitively() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let a = vault.add(meta("Main"), &creds(1)).unwrap();
    let err = vault.add(meta(" main "), &creds(2)).unwrap_err();
    assert_eq!(err.code(), "duplicate_label");
    let b = vault.add(meta("other"), &creds(2)).unwrap();
    let err = vault.update_meta(&b, meta("MAIN")).unwrap_err();
    assert!(matches!(err, VaultError::DuplicateLabel(_)));
    // Renaming a record to its own label (another case) is fine.
    vault.update_meta(&a, meta("MAIN")).unwrap();
    assert_eq!(vault.get(&a).unwrap().meta.label, "MAIN");
    assert_eq!(vault.get(&a).unwrap().revision, 2);
}

#[test]
fn update_meta_keeps_credentials_and_vault_managed_fields() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let id = vault.add(meta("k"), &creds(7)).unwrap();
    let mut m = meta("k2");
    m.api_key_hint = "forged".into();
    m.notes = "new notes".into();
    vault.update_meta(&id, m).unwrap();
    let vault = Vault::unlock(&path, &password()).unwrap();
    let rec = vault.get(&id).unwrap();
    assert_eq!(rec.meta.notes, "new notes");
    assert_eq!(
        rec.meta.api_key_hint,
        coffre_secret::mask(creds(7).api_key.expose())
    );
    assert_eq!(vault.credentials(&id).unwrap(), creds(7));
}

#[test]
fn replaced_credentials_move_to_history() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let id = vault.add(meta("rot"), &creds(1)).unwrap();
    let mut new = creds(2);
    new.key_type = KeyType::Ed25519;
    vault.replace_credentials(&id, &new).unwrap();
    vault.replace_credentials(&id, &creds(3)).unwrap();
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.credentials(&id).unwrap(), creds(3));
    assert_eq!(
        vault.previous_credentials(&id).unwrap(),
        vec![creds(1), new]
    );
    let meta = vault.get(&id).unwrap().meta;
    assert_eq!(meta.history.len(), 2);
    assert_eq!(
        meta.history[0].api_key_hint,
        coffre_secret::mask(creds(1).api_key.expose())
    );
    assert_eq!(
        meta.api_key_hint,
        coffre_secret::mask(creds(3).api_key.expose())
    );
}

#[test]
fn a_recorded_check_is_kept_in_the_meta() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let id = vault.add(meta("c"), &creds(1)).unwrap();
    let report = coffre_vault::CheckReport {
        clock_offset_ms: Some(12),
        ..okx_check()
    };
    assert!(vault
        .record_check(&id, current(&vault, &id), report.clone())
        .unwrap());
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.get(&id).unwrap().meta.last_check, Some(report));
    assert_eq!(vault.credentials(&id).unwrap(), creds(1));
}

/// Issue 14: an exchange that could not be reached must not wipe what the last check learnt.
#[test]
fn a_check_that_could_not_reach_the_exchange_keeps_the_last_known_one() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let id = vault.add(meta("kept"), &creds(1)).unwrap();
    let known = coffre_vault::CheckReport {
        checked_at: chrono::Utc::now() - chrono::Duration::days(2),
        permissions: coffre_model::Permissions {
            withdraw: coffre_model::Known::No,
            ..Default::default()
        },
        ..okx_check()
    };
    assert!(vault
        .record_check(&id, current(&vault, &id), known.clone())
        .unwrap());
    let down = coffre_vault::CheckReport {
        ok: false,
        checked_at: chrono::Utc::now(),
        permissions: Default::default(),
        diagnosis: Some(coffre_model::Diagnosis {
            kind: coffre_model::DiagnosisKind::ExchangeUnavailable,
            exchange_code: None,
            exchange_message: None,
            message: "down".into(),
        }),
        ..known.clone()
    };
    assert!(vault
        .record_check(&id, current(&vault, &id), down.clone())
        .unwrap());
    let vault = Vault::unlock(&path, &password()).unwrap();
    let meta = vault.get(&id).unwrap().meta;
    assert_eq!(
        meta.last_check,
        Some(known.clone()),
        "the last known check survives"
    );
    assert_eq!(meta.unreachable_check, Some(down));
    let mut vault = vault;
    assert!(vault
        .record_check(&id, current(&vault, &id), known.clone())
        .unwrap());
    assert_eq!(
        vault.get(&id).unwrap().meta.unreachable_check,
        None,
        "a check that reaches it clears it"
    );
}

#[test]
fn removed_keys_are_gone_and_unknown_ids_are_not_found() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let id = vault.add(meta("gone"), &creds(1)).unwrap();
    vault.remove(&id).unwrap();
    assert_eq!(vault.get(&id).unwrap_err().code(), "not_found");
    assert_eq!(vault.credentials(&id).unwrap_err().code(), "not_found");
    assert_eq!(vault.remove(&id).unwrap_err().code(), "not_found");
    assert_eq!(vault.find("gone").unwrap_err().code(), "not_found");
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert!(vault.list().unwrap().is_empty());
}

#[test]
fn add_many_is_all_or_nothing() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    vault.add(meta("taken"), &creds(0)).unwrap();
    let err = vault
        .add_many(vec![(meta("new"), creds(1)), (meta("TAKEN"), creds(2))])
        .unwrap_err();
    assert_eq!(err.code(), "duplicate_label");
    assert_eq!(vault.list().unwrap().len(), 1);
    let ids = vault
        .add_many(vec![(meta("x"), creds(1)), (meta("y"), creds(2))])
        .unwrap();
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.credentials(&ids[1]).unwrap(), creds(2));
    assert_eq!(vault.list().unwrap().len(), 3);
}

#[test]
fn bad_input_is_refused() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    assert_eq!(
        vault.add(meta("  "), &creds(1)).unwrap_err().code(),
        "invalid_input"
    );
    let mut empty = creds(1);
    empty.secret = "".into();
    assert_eq!(
        vault.add(meta("x"), &empty).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(
        vault.change_password(&"".into(), None).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn weak_kdf_is_refused_unless_allowed_at_creation() {
    let (_dir, path) = temp_vault_path();
    let err = Vault::create(&path, &password(), WEAK).unwrap_err();
    assert_eq!(err.code(), "weak_kdf");
    assert!(!path.exists(), "a refused create leaves no file");
    let strong_enough = KdfParams {
        mib: 19,
        passes: 2,
        lanes: 1,
    };
    let mut vault = Vault::create(&path, &password(), strong_enough).unwrap();
    assert_eq!(
        vault
            .change_password(&"new".into(), Some(WEAK))
            .unwrap_err()
            .code(),
        "weak_kdf"
    );
    assert_eq!(Vault::read_kdf_params(&path).unwrap(), strong_enough);
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let (_dir, path) = temp_vault_path();
    std::fs::write(&path, b"precious").unwrap();
    let err = Vault::create(
        &path,
        &password(),
        KdfParams {
            mib: 19,
            passes: 2,
            lanes: 1,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "vault_exists");
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
}

#[test]
fn a_file_that_is_not_a_vault_is_corrupt() {
    let (_dir, path) = temp_vault_path();
    std::fs::write(
        &path,
        b"hello, this is not sqlite at all, not even close...",
    )
    .unwrap();
    assert_eq!(
        Vault::unlock(&path, &password()).err().unwrap().code(),
        "vault_corrupt"
    );
    std::fs::remove_file(&path).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    assert_eq!(
        Vault::unlock(&path, &password()).err().unwrap().code(),
        "vault_corrupt"
    );
    assert_eq!(
        Vault::read_kdf_params(&path).err().unwrap().code(),
        "vault_corrupt"
    );
}

#[test]
fn errors_never_contain_secrets() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let id = vault.add(meta("x"), &creds(1)).unwrap();
    let errors = [
        vault.add(meta("x"), &creds(1)).unwrap_err(),
        Vault::unlock(&path, &password())
            .and(Vault::unlock(&path, &"nope".into()))
            .err()
            .unwrap(),
    ];
    let c = vault.credentials(&id).unwrap();
    for e in errors {
        let text = format!("{e} {e:?}");
        assert!(
            !text.contains(c.secret.expose()) && !text.contains(PASSWORD),
            "{text}"
        );
    }
    assert!(!format!("{c:?}").contains(c.secret.expose()));
}

/// A check of an OKX key that worked, now, with nothing else learnt.
fn okx_check() -> coffre_vault::CheckReport {
    coffre_vault::CheckReport {
        exchange: "okx".into(),
        checked_at: chrono::Utc::now(),
        ok: true,
        balances: vec![],
        permissions: Default::default(),
        diagnosis: None,
        clock_offset_ms: None,
        region: None,
        valuation: None,
    }
}

/// The credentials the record holds now, as a check reads them.
fn current(vault: &Vault, id: &str) -> coffre_vault::CredentialsVersion {
    vault.get(id).unwrap().meta.credentials_version()
}

/// A check that read the old credentials and ends after the key was replaced (rotated while Check
/// all ran) judged a key that is gone: it is not kept as the new credentials' check.
#[test]
fn a_check_of_credentials_replaced_meanwhile_is_not_recorded() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let id = vault.add(meta("rotated"), &creds(1)).unwrap();
    let before = current(&vault, &id);
    vault.replace_credentials(&id, &creds(2)).unwrap();
    let works = okx_check();
    assert!(!vault.record_check(&id, before, works.clone()).unwrap());
    assert_eq!(vault.get(&id).unwrap().meta.last_check, None);
    let after = current(&vault, &id);
    assert_ne!(before, after);
    assert!(vault.record_check(&id, after, works.clone()).unwrap());
    let vault = Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.get(&id).unwrap().meta.last_check, Some(works));
}
