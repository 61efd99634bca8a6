//! The share file's promises: a round trip keeps everything, a wrong passphrase and any changed
//! byte are refused, and nothing readable is left in the file.

use super::*;

/// Cheap Argon2 cost so the every-byte test stays quick; the real default is tested once.
const CHEAP: KdfCost = KdfCost {
    memory_kib: 64,
    passes: 1,
    lanes: 1,
};
const CHEAP_BOUNDS: Bounds = Bounds {
    min_memory_kib: 8,
    max_memory_kib: 256 * 1024,
    min_passes: 1,
    max_passes: 4,
    max_lanes: 4,
};

fn meta() -> ShareMeta {
    ShareMeta {
        exchange: "okx".into(),
        exchange_name: None,
        label: "grid-bot-main".into(),
        account: Some("sub-account-7".into()),
        key_type: KeyType::Hmac,
        platforms: vec!["bitsgap".into(), "3commas".into()],
        notes: "créé pour le bot".into(),
        tags: vec!["prod".into()],
    }
}

fn creds() -> Credentials {
    Credentials {
        api_key: "6f1c2a3b-4d5e-46f7-8a9b-0c1d2e3f4a5b".into(),
        secret: "0123456789ABCDEF0123456789ABCDEF".into(),
        passphrase: Some("Pass-Phrase-1".into()),
        key_type: KeyType::Hmac,
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn exported_share_imports_with_its_passphrase() {
    let (bytes, passphrase) = export_share(&meta(), &creds()).unwrap();
    assert!(bytes.starts_with(b"COFFRE-SHARE\x01"));
    let (got_meta, got_creds) = import_share(&bytes, passphrase.expose()).unwrap();
    assert_eq!(got_meta, meta());
    assert_eq!(got_creds, creds());
}

#[test]
fn passphrase_may_be_typed_in_lower_case_without_dashes() {
    let phrase = SecretString::from("7K3QD-M9XTR-0BWEZ-41NPA-VC2SJ");
    let bytes = seal(&meta(), &creds(), &phrase, CHEAP).unwrap();
    let (_, got) = open(&bytes, "7k3qd m9xtr obwez 4inpa vc2sj", &CHEAP_BOUNDS).unwrap();
    assert_eq!(got, creds());
}

#[test]
fn wrong_passphrase_is_refused() {
    let phrase = SecretString::from("7K3QD-M9XTR-0BWEZ-41NPA-VC2SJ");
    let bytes = seal(&meta(), &creds(), &phrase, CHEAP).unwrap();
    let err = open(&bytes, "7K3QD-M9XTR-0BWEZ-41NPA-VC2SK", &CHEAP_BOUNDS).unwrap_err();
    assert!(
        matches!(err, ShareError::WrongPassphraseOrDamaged),
        "{err:?}"
    );
}

#[test]
fn any_flipped_byte_is_refused() {
    let phrase = SecretString::from("7K3QD-M9XTR-0BWEZ-41NPA-VC2SJ");
    let bytes = seal(&meta(), &creds(), &phrase, CHEAP).unwrap();
    for at in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x01;
        assert!(
            open(&damaged, phrase.expose(), &CHEAP_BOUNDS).is_err(),
            "flipped byte {at} was accepted"
        );
    }
    assert!(open(&bytes[..bytes.len() - 1], phrase.expose(), &CHEAP_BOUNDS).is_err());
}

#[test]
fn file_holds_no_plaintext() {
    let (bytes, _) = export_share(&meta(), &creds()).unwrap();
    let c = creds();
    for clear in [
        c.api_key.expose(),
        c.secret.expose(),
        "Pass-Phrase-1",
        "grid-bot-main",
        "sub-account-7",
        "bitsgap",
        "okx",
    ] {
        assert!(!contains(&bytes, clear.as_bytes()), "{clear} is readable");
    }
}

#[test]
fn header_with_a_cost_below_the_floor_is_refused() {
    let phrase = SecretString::from("7K3QD-M9XTR-0BWEZ-41NPA-VC2SJ");
    let bytes = seal(&meta(), &creds(), &phrase, CHEAP).unwrap();
    let err = import_share(&bytes, phrase.expose()).unwrap_err();
    assert!(matches!(err, ShareError::UnacceptableKdf), "{err:?}");
}

#[test]
fn other_files_and_future_versions_are_named_as_such() {
    assert!(matches!(
        import_share(b"{\"not\": \"a share\"}", "x"),
        Err(ShareError::NotAShareFile)
    ));
    let (mut bytes, phrase) = export_share(&meta(), &creds()).unwrap();
    bytes[header::MAGIC.len()] = 2;
    assert!(matches!(
        import_share(&bytes, phrase.expose()),
        Err(ShareError::UnsupportedVersion(2))
    ));
}

#[test]
fn errors_never_show_the_passphrase() {
    let phrase = SecretString::from("7K3QD-M9XTR-0BWEZ-41NPA-VC2SJ");
    let bytes = seal(&meta(), &creds(), &phrase, CHEAP).unwrap();
    let err = open(&bytes, "WRONG-PASS", &CHEAP_BOUNDS).unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("WRONG") && !shown.contains("7K3QD"),
        "{shown}"
    );
}

#[test]
fn a_received_key_keeps_its_description_and_none_of_the_senders_records() {
    let mut sent = meta().into_key_meta();
    sent.base_url = Some("http://127.0.0.1:9/".into());
    sent.platform_ips
        .insert("bitsgap".into(), vec!["203.0.113.7".into()]);
    sent.history.push(coffre_vault::RevokedKey {
        api_key_hint: "ab…yz".into(),
        revoked_at: sent.created_at,
    });

    let shared = ShareMeta::of(&sent);
    assert_eq!(shared, meta(), "every described field travels");
    let received = shared.into_key_meta();
    assert_eq!(
        (
            &received.label,
            &received.account,
            &received.platforms,
            &received.notes,
            &received.tags
        ),
        (
            &sent.label,
            &sent.account,
            &sent.platforms,
            &sent.notes,
            &sent.tags
        )
    );
    assert_eq!(received.exchange, sent.exchange);
    assert!(received.history.is_empty() && received.platform_ips.is_empty());
    assert!(received.base_url.is_none() && received.last_check.is_none());
}
