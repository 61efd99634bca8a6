//! Freqtrade: the `exchange` block of its JSON config (to merge into a private config file), or
//! the equivalent `FREQTRADE__EXCHANGE__*` environment variables, which override config files.

use coffre_model::Credentials;
use coffre_secret::SecretString;
use serde::Serialize;

use super::ExportError;

#[derive(Serialize)]
struct Document<'a> {
    exchange: Exchange<'a>,
}

#[derive(Serialize)]
struct Exchange<'a> {
    name: &'a str,
    key: &'a str,
    secret: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<&'a str>,
}

/// `{"exchange": {"name", "key", "secret", "password"?}}`; `password` only when the key has a passphrase.
pub fn freqtrade_config(exchange: &str, creds: &Credentials) -> SecretString {
    let document = Document {
        exchange: Exchange {
            name: exchange,
            key: creds.api_key.expose(),
            secret: creds.secret.expose(),
            password: creds.passphrase.as_ref().map(SecretString::expose),
        },
    };
    super::json_secret(&document, super::secret_len(creds))
}

/// `FREQTRADE__EXCHANGE__NAME`, `…__KEY`, `…__SECRET` and, with a passphrase, `…__PASSWORD`, quoted
/// like [`super::env`].
pub fn freqtrade_env(exchange: &str, creds: &Credentials) -> Result<SecretString, ExportError> {
    let mut vars = vec![
        ("FREQTRADE__EXCHANGE__NAME", "exchange", exchange),
        (
            "FREQTRADE__EXCHANGE__KEY",
            "api key",
            creds.api_key.expose(),
        ),
        (
            "FREQTRADE__EXCHANGE__SECRET",
            "secret",
            creds.secret.expose(),
        ),
    ];
    if let Some(p) = &creds.passphrase {
        vars.push(("FREQTRADE__EXCHANGE__PASSWORD", "passphrase", p.expose()));
    }
    super::env::render(&vars)
}
