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
fn env_export_keeps_a_pem_as_one_line_with_escaped_breaks() {
    let out = env("coinbase", &coinbase()).unwrap();
    assert_eq!(out.expose().lines().count(), 2, "one line per variable");
    assert_eq!(
        dotenv(&out),
        pairs(&[
            ("COINBASE_API_KEY", COINBASE_KEY),
            ("COINBASE_API_SECRET", COINBASE_PEM)
        ])
    );
}

#[test]
fn env_export_cannot_be_expanded_by_sh() {
    // Inside sh double quotes only \, ", $ and ` are special: each must be escaped or refused.
    let out = env("okx", &okx()).unwrap();
    let line = out.expose().lines().nth(2).unwrap();
    assert_eq!(line, r#"OKX_API_PASSPHRASE="My \"pass\" \$HOME \\ phrase""#);
}

#[test]
fn env_export_refuses_a_backtick_naming_the_field_only() {
    let mut creds = okx();
    creds.passphrase = Some("run`id`".into());
    let err = env("okx", &creds).unwrap_err();
    assert_eq!(
        err,
        ExportError::UnsafeCharacter {
            field: "passphrase",
            format: "dotenv"
        }
    );
    assert!(!err.to_string().contains("run`id`"));
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
