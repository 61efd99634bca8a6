//! import (csv, ccxt) and export (env, ccxt, freqtrade) through the binary.

use crate::support::*;
use serde_json::{json, Value};

#[test]
fn csv_import_adds_every_row_with_platforms() {
    let vault = TestVault::new();
    let file = vault.file("keys.csv");
    std::fs::write(
        &file,
        format!(
            "exchange,label,api_key,secret,passphrase,platforms,notes\n\
             binance,main,{BINANCE_KEY},{BINANCE_SECRET},,bitsgap;3commas,spot\n\
             okx,okx,{OKX_KEY},{OKX_SECRET},{OKX_PASSPHRASE},,\n"
        ),
    )
    .unwrap();
    let out = vault.run(
        &["import", "--format", "csv", file.to_str().unwrap()],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = vault.run(&["show", "main", "--json"], &[PASSWORD]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["platforms"], json!(["bitsgap", "3commas"]));
    assert_eq!(shown["notes"], "spot");
    let out = vault.run(&["export", "okx", "--format", "ccxt"], &[PASSWORD]);
    let config: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        config,
        json!({"apiKey": OKX_KEY, "secret": OKX_SECRET, "password": OKX_PASSPHRASE})
    );
}

#[test]
fn bad_import_adds_nothing_and_names_the_line() {
    let vault = TestVault::with_binance();
    let file = vault.file("keys.csv");
    std::fs::write(
        &file,
        format!(
            "exchange,label,api_key,secret,passphrase,platforms,notes\n\
             binance,fine,{BINANCE_KEY},{BINANCE_SECRET},,,\n\
             binance,twice,{BINANCE_SECRET},{BINANCE_SECRET},,,\n"
        ),
    )
    .unwrap();
    let out = vault.run(
        &["import", "--format", "csv", file.to_str().unwrap()],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("line 3, field secret"),
        "{}",
        stderr(&out)
    );
    assert!(!all_output(&out).contains(BINANCE_SECRET));
    assert_eq!(vault.labels(), ["main"]);
}

#[test]
fn import_clashing_with_an_existing_label_adds_nothing() {
    let vault = TestVault::with_binance();
    let file = vault.file("keys.json");
    let doc = json!({
        "new": {"exchange": "okx", "apiKey": OKX_KEY, "secret": OKX_SECRET, "password": "p"},
        "main": {"exchange": "binance", "apiKey": BINANCE_KEY, "secret": BINANCE_SECRET},
    });
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = vault.run(
        &["import", "--format", "ccxt", file.to_str().unwrap()],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(vault.labels(), ["main"]);
}

#[test]
fn ccxt_import_then_export_round_trips() {
    let vault = TestVault::new();
    let file = vault.file("keys.json");
    let doc = json!([{"exchange": "coinbase", "label": "cb", "apiKey": COINBASE_KEY, "secret": COINBASE_PEM}]);
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = vault.run(
        &["import", "--format", "ccxt", file.to_str().unwrap()],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = vault.run(&["export", "cb", "--format", "ccxt"], &[PASSWORD]);
    let config: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(config["apiKey"], COINBASE_KEY);
    assert_eq!(
        config["secret"].as_str().unwrap().trim_end(),
        COINBASE_PEM.trim_end()
    );
}

#[test]
fn env_export_parses_back_as_dotenv() {
    let vault = TestVault::with_binance();
    let out = vault.run(&["export", "main", "--format", "env"], &[PASSWORD]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let vars: Vec<(String, String)> = dotenvy::from_read_iter(out.stdout.as_slice())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        vars,
        [
            ("BINANCE_API_KEY".to_owned(), BINANCE_KEY.to_owned()),
            ("BINANCE_API_SECRET".to_owned(), BINANCE_SECRET.to_owned()),
        ]
    );
}

#[test]
fn freqtrade_export_to_a_private_file() {
    let vault = TestVault::with_binance();
    let file = vault.file("config-private.json");
    let out = vault.run(
        &[
            "export",
            "main",
            "--format",
            "freqtrade",
            "--output",
            file.to_str().unwrap(),
        ],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        !stdout(&out).contains(BINANCE_SECRET),
        "--output keeps secrets off stdout"
    );
    let config: Value = serde_json::from_str(&read(&file)).unwrap();
    assert_eq!(
        config,
        json!({"exchange": {"name": "binance", "key": BINANCE_KEY, "secret": BINANCE_SECRET}})
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn freqtrade_env_export_names_the_variables() {
    let vault = TestVault::with_binance();
    let out = vault.run(
        &["export", "main", "--format", "freqtrade-env"],
        &[PASSWORD],
    );
    let text = stdout(&out);
    assert!(
        text.contains(&format!("FREQTRADE__EXCHANGE__KEY='{BINANCE_KEY}'")),
        "{text}"
    );
    assert!(text.contains("FREQTRADE__EXCHANGE__NAME='binance'"));
}

/// `--output` names the file to write, never a file a symlink there points at: the key goes to a
/// new owner-only file renamed into place, and the link's target is left as it was.
#[cfg(unix)]
#[test]
fn export_output_replaces_a_symlink_instead_of_writing_through_it() {
    use std::os::unix::fs::PermissionsExt;
    let vault = TestVault::with_binance();
    let precious = vault.file("precious.txt");
    std::fs::write(&precious, "the user's own file").unwrap();
    let link = vault.file("bot.env");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    let out = vault.run(
        &[
            "export",
            "main",
            "--format",
            "env",
            "--output",
            link.to_str().unwrap(),
        ],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        read(&precious),
        "the user's own file",
        "the target is untouched"
    );
    let written = std::fs::symlink_metadata(&link).unwrap();
    assert!(written.file_type().is_file(), "the link became the export");
    assert_eq!(written.permissions().mode() & 0o777, 0o600);
    assert!(read(&link).contains(BINANCE_SECRET));
}
