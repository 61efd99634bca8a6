//! `coffre explain`: the error doctor needs no vault; `--keys` lists the vault's keys to check.

use crate::support::{code, run_coffre, stderr, stdout, TestVault, PASSWORD};

const OKX_LINE: &str = r#"Could not get balance due to AuthenticationError. Message: okx {"msg":"API key doesn't exist","code":"50119"}"#;
const BINANCE_LINE: &str = r#"AuthenticationError: binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}"#;

#[test]
fn explain_reads_stdin_and_needs_no_vault() {
    let out = run_coffre(
        &[
            "--vault",
            "/nonexistent/coffre/vault.db",
            "explain",
            "-",
            "--json",
            "--lang",
            "fr",
        ],
        &[OKX_LINE],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = &doc["findings"][0];
    assert_eq!(finding["exchange"], "okx");
    assert_eq!(finding["code"], "50119");
    assert_eq!(finding["causes"][0]["kind"], "wrong_region");
    let text = finding["causes"][0]["text"].as_str().unwrap();
    assert!(text.contains("appartient à un autre site"), "{text}");
    assert!(doc.get("keys").is_none(), "{doc}");
}

#[test]
fn explain_keys_unlocks_and_lists_the_exchange_s_keys() {
    let vault = TestVault::with_binance();
    let out = vault.run(
        &["explain", BINANCE_LINE, "--keys", "--lang", "en"],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Binance, code -2015\n"), "{text}");
    assert!(text.contains("Keys of Binance in the vault"), "{text}");
    assert!(text.contains("  coffre check main\n"), "{text}");
}

#[test]
fn explain_from_stdin_cannot_share_it_with_the_password() {
    let vault = TestVault::with_binance();
    let out = vault.run(&["explain", "-", "--keys"], &[PASSWORD, BINANCE_LINE]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}
