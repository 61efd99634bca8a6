//! Rendering one key's credentials for the tool that will use it. Every renderer returns a
//! `SecretString`: the output is the secret, so it is wiped when dropped like the secret itself.

mod ccxt;
mod env;
mod freqtrade;

pub use self::ccxt::ccxt;
pub use self::env::{env, env_var_prefix};
pub use self::freqtrade::{freqtrade_config, freqtrade_env};

/// Why a key cannot be rendered in a format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The value cannot be written so that every reader of the format reads it alike (in a
    /// dotenv file: a quote together with a `$` or backtick, or a control character).
    #[error("the {field} cannot be written safely in a {format} file (it holds a quote together with a $ or backtick, or a control character): hand it over with `coffre run` or another format")]
    UnsafeCharacter {
        field: &'static str,
        format: &'static str,
    },
}

/// Serializes `value` into a buffer sized up front, so serde_json does not grow it by reallocating
/// (each reallocation would leave an unwiped copy of the secrets behind).
pub(crate) fn json_secret<T: serde::Serialize>(
    value: &T,
    size_hint: usize,
) -> coffre_secret::SecretString {
    let mut buf = Vec::with_capacity(size_hint * 2 + 256);
    serde_json::to_writer_pretty(&mut buf, value).expect("serializing plain strings cannot fail");
    buf.push(b'\n');
    let text = String::from_utf8(buf).expect("serde_json writes UTF-8");
    coffre_secret::SecretString::new(text)
}

/// Total length of the secrets, for sizing output buffers.
pub(crate) fn secret_len(creds: &coffre_model::Credentials) -> usize {
    creds.api_key.len() + creds.secret.len() + creds.passphrase.as_ref().map_or(0, |p| p.len())
}

#[cfg(test)]
mod tests;
