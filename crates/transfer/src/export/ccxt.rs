//! The ccxt constructor config: `ccxt.<exchange>(config)` takes `{"apiKey", "secret", "password"}`,
//! where `password` is the API passphrase. A Coinbase PEM secret keeps its line breaks (JSON `\n`).

use coffre_model::Credentials;
use coffre_secret::SecretString;
use serde::Serialize;

#[derive(Serialize)]
struct Config<'a> {
    #[serde(rename = "apiKey")]
    api_key: &'a str,
    secret: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<&'a str>,
}

/// The JSON object to pass to the ccxt exchange class named by the key's exchange id.
pub fn ccxt(creds: &Credentials) -> SecretString {
    let config = Config {
        api_key: creds.api_key.expose(),
        secret: creds.secret.expose(),
        password: creds.passphrase.as_ref().map(SecretString::expose),
    };
    super::json_secret(&config, super::secret_len(creds))
}
