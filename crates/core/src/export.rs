//! A key handed over on demand: rendered for a bot (env, ccxt JSON, Freqtrade config or env) or
//! sealed into a single-key share file, and the share file read back into the vault.

use crate::error::CoreResult;
use crate::session::Session;
use coffre_model::Credentials;
use coffre_secret::SecretString;
use coffre_transfer::share::{self, ShareMeta};
use coffre_transfer::{export, ExportError};
use coffre_vault::RecordId;
use serde::Deserialize;
use std::path::Path;
use ts_rs::TS;

/// The plain-text formats a key can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Env,
    Ccxt,
    Freqtrade,
    FreqtradeEnv,
}

impl ExportFormat {
    /// The file name a save dialog suggests.
    pub fn file_name(self, exchange: &str) -> String {
        match self {
            ExportFormat::Env => format!("{exchange}.env"),
            ExportFormat::Ccxt => format!("{exchange}-ccxt.json"),
            ExportFormat::Freqtrade => "config-private.json".to_owned(),
            ExportFormat::FreqtradeEnv => "freqtrade.env".to_owned(),
        }
    }

    /// The key rendered in this format (the text is itself a secret).
    pub fn render(self, exchange: &str, creds: &Credentials) -> Result<SecretString, ExportError> {
        match self {
            ExportFormat::Env => export::env(exchange, creds),
            ExportFormat::Ccxt => Ok(export::ccxt(creds)),
            ExportFormat::Freqtrade => Ok(export::freqtrade_config(exchange, creds)),
            ExportFormat::FreqtradeEnv => export::freqtrade_env(exchange, creds),
        }
    }
}

/// Key `id` rendered in `format`.
pub fn render(session: &Session, id: &str, format: ExportFormat) -> CoreResult<SecretString> {
    session.with_vault(|v| {
        let exchange = v.get(id)?.meta.exchange;
        Ok(format.render(&exchange, &v.credentials(id)?)?)
    })
}

/// The exchange of key `id`, for naming its export file.
pub fn exchange_of(session: &Session, id: &str) -> CoreResult<String> {
    session.with_vault(|v| Ok(v.get(id)?.meta.exchange))
}

/// Renders key `id` in `format` and writes it to `dest`, owner-only and atomically.
pub fn export_to(session: &Session, id: &str, format: ExportFormat, dest: &Path) -> CoreResult<()> {
    let text = render(session, id, format)?;
    crate::private_file::write_private(dest, text.expose().as_bytes())?;
    Ok(())
}

/// A key sealed for another Coffre: the file's bytes, the one-time passphrase (to send by another
/// channel) and the file name to suggest.
pub struct SealedShare {
    pub bytes: Vec<u8>,
    pub passphrase: SecretString,
    pub file_name: String,
}

/// Seals key `id` into a share file. Runs Argon2id: call it off async workers.
pub fn seal_share(session: &Session, id: &str) -> CoreResult<SealedShare> {
    let (meta, creds) = session.with_vault(|v| Ok((v.get(id)?.meta, v.credentials(id)?)))?;
    let (bytes, passphrase) = share::export_share(&ShareMeta::of(&meta), &creds)?;
    Ok(SealedShare {
        bytes,
        passphrase,
        file_name: format!("{}.coffre-share", meta.label.replace(['/', '\\'], "-")),
    })
}

/// Opens a share file with its one-time passphrase and adds its key; the new id. Runs Argon2id.
pub fn open_share(session: &Session, bytes: &[u8], passphrase: &str) -> CoreResult<RecordId> {
    if !session.is_unlocked() {
        return Err(crate::error::CoreError::Locked);
    }
    let (shared, creds) = share::import_share(bytes, passphrase)?;
    session.with_vault_mut(|v| Ok(v.add(shared.into_key_meta(), &creds)?))
}
