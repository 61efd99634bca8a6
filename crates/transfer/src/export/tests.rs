use super::*;
use crate::fixtures::*;
use coffre_model::{Credentials, KeyType};
use coffre_secret::SecretString;
use serde_json::{json, Value};

fn okx() -> Credentials {
    Credentials {
        api_key: OKX_KEY.into(),
        secret: OKX_SECRET.into(),
        passphrase: Some(OKX_PASSPHRASE.into()),
        key_type: KeyType::Hmac,
    }
}

fn coinbase() -> Credentials {
    Credentials {
        api_key: COINBASE_KEY.into(),
        secret: COINBASE_PEM.into(),
        passphrase: None,
        key_type: KeyType::Ecdsa,
    }
}

/// Parses dotenv text the way dotenvy (the Rust twin of python-dotenv) does.
fn dotenv(text: &SecretString) -> Vec<(String, String)> {
    dotenvy::from_read_iter(text.expose().as_bytes())
        .collect::<Result<_, _>>()
        .expect("export is valid dotenv")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn env_export_parses_back_with_quotes_and_dollars_intact() {
    let out = env("okx", &okx()).unwrap();
    assert_eq!(
        dotenv(&out),
        pairs(&[
            ("OKX_API_KEY", OKX_KEY),
            ("OKX_API_SECRET", OKX_SECRET),
            ("OKX_API_PASSPHRASE", OKX_PASSPHRASE),
        ])
    );
}

#[test]
fn env_export_keeps_a_pem_with_its_line_breaks_inside_single_quotes() {
    let out = env("coinbase", &coinbase()).unwrap();
    assert!(
        out.expose().contains("COINBASE_API_SECRET='-----BEGIN"),
        "literal for every reader"
    );
    assert_eq!(
        dotenv(&out),
        pairs(&[
            ("COINBASE_API_KEY", COINBASE_KEY),
            ("COINBASE_API_SECRET", COINBASE_PEM)
        ])
    );
}

#[test]
fn env_export_cannot_be_expanded_by_sh_or_dotenv() {
    // Single quotes: nothing inside is special to sh, python-dotenv or docker compose (a `\$`
    // in double quotes would reach python-dotenv's reader as two characters).
    let out = env("okx", &okx()).unwrap();
    let line = out.expose().lines().nth(2).unwrap();
    assert_eq!(line, r#"OKX_API_PASSPHRASE='My "pass" $HOME \ phrase'"#);
}

#[test]
fn a_value_with_a_single_quote_goes_in_double_quotes_with_escapes() {
    let mut creds = okx();
    creds.passphrase = Some(r#"it's a "back\slash""#.into());
    let out = env("okx", &creds).unwrap();
    let line = out.expose().lines().nth(2).unwrap();
    assert_eq!(line, r#"OKX_API_PASSPHRASE="it's a \"back\\slash\"""#);
    assert_eq!(dotenv(&out)[2].1, r#"it's a "back\slash""#);
}

#[test]
fn env_export_refuses_what_no_quoting_keeps_intact_naming_the_field_only() {
    for passphrase in ["it's $HOME", "it's `id`", "tab\there", "${HOME}x"] {
        let mut creds = okx();
        creds.passphrase = Some(passphrase.into());
        let err = env("okx", &creds).unwrap_err();
        assert_eq!(
            err,
            ExportError::UnsafeCharacter {
                field: "passphrase",
                format: "dotenv"
            },
            "{passphrase:?}"
        );
        assert!(!err.to_string().contains(passphrase));
    }
}

#[test]
fn a_backtick_alone_is_written_literally() {
    let mut creds = okx();
    creds.passphrase = Some("run`id`".into());
    let out = env("okx", &creds).unwrap();
    assert_eq!(
        out.expose().lines().nth(2),
        Some("OKX_API_PASSPHRASE='run`id`'")
    );
    assert_eq!(dotenv(&out)[2].1, "run`id`");
}

#[test]
fn env_prefix_is_a_valid_shell_name() {
    assert_eq!(env_var_prefix("gate"), "GATE");
    assert_eq!(env_var_prefix("crypto.com"), "CRYPTO_COM");
    assert_eq!(env_var_prefix("1inch"), "_1INCH");
}

#[test]
fn ccxt_export_is_the_constructor_config_with_password() {
    let out = ccxt(&okx());
    let value: Value = serde_json::from_str(out.expose()).unwrap();
    assert_eq!(
        value,
        json!({"apiKey": OKX_KEY, "secret": OKX_SECRET, "password": OKX_PASSPHRASE})
    );
}

#[test]
fn ccxt_export_keeps_the_coinbase_pem_intact_and_omits_password() {
    let value: Value = serde_json::from_str(ccxt(&coinbase()).expose()).unwrap();
    assert_eq!(
        value,
        json!({"apiKey": COINBASE_KEY, "secret": COINBASE_PEM})
    );
}

#[test]
fn freqtrade_config_is_an_exchange_block() {
    let value: Value = serde_json::from_str(freqtrade_config("okx", &okx()).expose()).unwrap();
    assert_eq!(
        value,
        json!({"exchange": {"name": "okx", "key": OKX_KEY, "secret": OKX_SECRET, "password": OKX_PASSPHRASE}})
    );
    let value: Value =
        serde_json::from_str(freqtrade_config("coinbase", &coinbase()).expose()).unwrap();
    assert_eq!(
        value["exchange"].as_object().unwrap().len(),
        3,
        "no password key"
    );
}

#[test]
fn freqtrade_env_uses_double_underscore_levels() {
    let out = freqtrade_env("okx", &okx()).unwrap();
    assert_eq!(
        dotenv(&out),
        pairs(&[
            ("FREQTRADE__EXCHANGE__NAME", "okx"),
            ("FREQTRADE__EXCHANGE__KEY", OKX_KEY),
            ("FREQTRADE__EXCHANGE__SECRET", OKX_SECRET),
            ("FREQTRADE__EXCHANGE__PASSWORD", OKX_PASSPHRASE),
        ])
    );
}
