//! add, list, show, rm, rename, and the refusals of bad input.

use crate::support::*;

#[test]
fn added_key_is_listed_without_any_secret() {
    let vault = TestVault::with_binance();
    let out = vault.run(&["list", "--json"], &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = all_output(&out);
    assert!(!text.contains(BINANCE_SECRET) && !text.contains(BINANCE_KEY));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = &rows[0];
    for field in [
        "id",
        "label",
        "exchange",
        "platforms",
        "created_at",
        "api_key_hint",
        "status",
    ] {
        assert!(!row[field].is_null(), "list --json lacks {field}: {row}");
    }
    for field in ["last_checked_at", "expires_at"] {
        assert!(row.get(field).is_some(), "list --json lacks {field}");
    }
    assert_eq!(row["label"], "main");
    assert_eq!(row["exchange"], "binance");
    assert_eq!(row["platforms"], serde_json::json!(["bitsgap"]));
    assert_eq!(row["status"], "unchecked");
    assert_eq!(row["api_key_hint"], coffre_secret::mask(BINANCE_KEY));
}

#[test]
fn show_masks_the_key_and_never_prints_the_secret() {
    let vault = TestVault::with_binance();
    for args in [&["show", "main"][..], &["show", "main", "--json"][..]] {
        let out = vault.run(args, &[PASSWORD]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let text = all_output(&out);
        assert!(text.contains("vmPU…Eh8A"), "{text}");
        assert!(!text.contains(BINANCE_SECRET) && !text.contains(BINANCE_KEY));
    }
}

#[test]
fn unknown_label_exits_1() {
    let vault = TestVault::with_binance();
    for args in [
        &["show", "nope"][..],
        &["rm", "nope"][..],
        &["export", "nope", "--format", "env"][..],
    ] {
        let out = vault.run(args, &[PASSWORD]);
        assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn rename_then_remove() {
    let vault = TestVault::with_binance();
    vault.add_binance("second");
    let out = vault.run(&["rename", "main", "renamed"], &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(sorted(vault.labels()), ["renamed", "second"]);
    let out = vault.run(&["rename", "renamed", "second"], &[PASSWORD]);
    assert_eq!(code(&out), 1, "duplicate label must be refused");
    let out = vault.run(&["rm", "second"], &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(vault.labels(), ["renamed"]);
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn empty_key_is_refused_and_nothing_is_lost() {
    let vault = TestVault::with_binance();
    let out = vault.run(
        &["add", "--exchange", "binance", "--label", "bad"],
        &[PASSWORD, "", BINANCE_SECRET],
    );
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));
    assert_eq!(vault.labels(), ["main"]);
}

#[test]
fn key_pasted_as_secret_is_refused_without_echoing_it() {
    let vault = TestVault::with_binance();
    let out = vault.run(
        &["add", "--exchange", "binance", "--label", "bad"],
        &[PASSWORD, BINANCE_KEY, BINANCE_KEY],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("same as the API key"),
        "{}",
        stderr(&out)
    );
    assert!(!all_output(&out).contains(BINANCE_KEY));
    assert_eq!(vault.labels(), ["main"]);
}

#[test]
fn passphrase_exchange_reads_the_passphrase_line() {
    let vault = TestVault::new();
    let out = vault.run(
        &["add", "--exchange", "okx", "--label", "okx"],
        &[PASSWORD, OKX_KEY, OKX_SECRET],
    );
    assert_eq!(code(&out), 1, "a missing passphrase is refused");
    let out = vault.run(
        &["add", "--exchange", "okx", "--label", "okx"],
        &[PASSWORD, OKX_KEY, OKX_SECRET, OKX_PASSPHRASE],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = vault.run(&["export", "okx", "--format", "ccxt"], &[PASSWORD]);
    let config: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(config["password"], OKX_PASSPHRASE);
}

#[test]
fn multi_line_pem_secret_is_read_to_its_end_line() {
    let vault = TestVault::new();
    let out = vault.run(
        &[
            "add",
            "--exchange",
            "coinbase",
            "--label",
            "cb",
            "--key-type",
            "ecdsa",
        ],
        &[PASSWORD, COINBASE_KEY, COINBASE_PEM],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = vault.run(&["export", "cb", "--format", "ccxt"], &[PASSWORD]);
    let config: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let secret = config["secret"].as_str().unwrap();
    assert_eq!(
        secret.trim_end(),
        COINBASE_PEM.trim_end(),
        "PEM kept line by line"
    );
}

#[test]
fn key_type_contradicting_the_pem_is_refused() {
    let vault = TestVault::new();
    let out = vault.run(
        &[
            "add",
            "--exchange",
            "coinbase",
            "--label",
            "cb",
            "--key-type",
            "rsa",
        ],
        &[PASSWORD, COINBASE_KEY, COINBASE_PEM],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(vault.labels().is_empty());
}

#[test]
fn garbage_arguments_exit_1_without_panicking() {
    let vault = TestVault::new();
    for args in [
        &["frobnicate"][..],
        &["add"][..],
        &["check"][..],
        &["copy", "x", "--clear-after", "-1"][..],
    ] {
        let out = vault.run(args, &[PASSWORD]);
        assert_eq!(code(&out), 1, "{args:?}");
        assert!(!stderr(&out).contains("panicked"));
    }
}
