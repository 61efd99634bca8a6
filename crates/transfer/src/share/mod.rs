//! The encrypted single-key share file: one key and its description, sealed for another Coffre
//! with a one-time passphrase shown to the sender once.
//!
//! Layout: `COFFRE-SHARE` · version (1) · Argon2id memory KiB, passes, lanes (u32 LE) · salt (16) ·
//! nonce (24) · XChaCha20-Poly1305 ciphertext of a JSON payload, with the header as associated data.
//! The key is Argon2id(normalized passphrase, salt).

mod header;
mod passphrase;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use coffre_model::{Credentials, ExchangeId, KeyType};
use coffre_secret::SecretString;
use coffre_vault::KeyMeta;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use header::{Bounds, Header, KdfCost};

/// Everything about a shared key except its credentials: what the receiving vault needs to file it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareMeta {
    pub exchange: ExchangeId,
    #[serde(default)]
    pub exchange_name: Option<String>,
    pub label: String,
    #[serde(default)]
    pub account: Option<String>,
    pub key_type: KeyType,
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl ShareMeta {
    /// What a share file tells about a key: its description, never its checks, IP lists or the
    /// history of replaced credentials, which stay in the sender's vault.
    pub fn of(meta: &KeyMeta) -> ShareMeta {
        ShareMeta {
            exchange: meta.exchange.clone(),
            exchange_name: meta.exchange_name.clone(),
            label: meta.label.clone(),
            account: meta.account.clone(),
            key_type: meta.key_type,
            platforms: meta.platforms.clone(),
            notes: meta.notes.clone(),
            tags: meta.tags.clone(),
        }
    }

    /// The received key's description for a new record in this vault, created now.
    pub fn into_key_meta(self) -> KeyMeta {
        let mut meta = KeyMeta::new(self.exchange, self.label);
        meta.exchange_name = self.exchange_name;
        meta.account = self.account;
        meta.key_type = self.key_type;
        meta.platforms = self.platforms;
        meta.notes = self.notes;
        meta.tags = self.tags;
        meta
    }
}

/// Why a share file could not be written or opened. Never carries a secret or the passphrase.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("this is not a Coffre share file")]
    NotAShareFile,
    #[error("the share file is cut short")]
    Truncated,
    #[error("the share file has format version {0}, which this Coffre cannot read; update Coffre")]
    UnsupportedVersion(u8),
    #[error("the share file asks for key-derivation settings outside the accepted range")]
    UnacceptableKdf,
    #[error("wrong passphrase, or the share file was changed or damaged")]
    WrongPassphraseOrDamaged,
    #[error("the share file's content is not a key Coffre understands")]
    BadPayload,
    #[error("no randomness available from the operating system")]
    Random,
}

/// The sealed content: the description and the credentials, as JSON.
#[derive(Serialize)]
struct PayloadOut<'a> {
    meta: &'a ShareMeta,
    api_key: &'a str,
    secret: &'a str,
    passphrase: Option<&'a str>,
}

#[derive(Deserialize)]
struct PayloadIn {
    meta: ShareMeta,
    api_key: Zeroizing<String>,
    secret: Zeroizing<String>,
    passphrase: Option<Zeroizing<String>>,
}

/// Seals one key into a share file. Returns the file's bytes and the one-time passphrase, which
/// the caller shows once and never stores. `creds.key_type` wins over `meta.key_type`.
pub fn export_share(
    meta: &ShareMeta,
    creds: &Credentials,
) -> Result<(Vec<u8>, SecretString), ShareError> {
    let passphrase = passphrase::generate().map_err(|_| ShareError::Random)?;
    let bytes = seal(meta, creds, &passphrase, KdfCost::DEFAULT)?;
    Ok((bytes, passphrase))
}

/// Opens a share file with the passphrase the sender gave (case, spaces and dashes don't matter).
pub fn import_share(
    bytes: &[u8],
    passphrase: &str,
) -> Result<(ShareMeta, Credentials), ShareError> {
    open(bytes, passphrase, &Bounds::IMPORT)
}

fn seal(
    meta: &ShareMeta,
    creds: &Credentials,
    passphrase: &SecretString,
    cost: KdfCost,
) -> Result<Vec<u8>, ShareError> {
    let mut header = Header {
        cost,
        salt: [0; header::SALT_LEN],
        nonce: [0; header::NONCE_LEN],
    };
    getrandom::fill(&mut header.salt).map_err(|_| ShareError::Random)?;
    getrandom::fill(&mut header.nonce).map_err(|_| ShareError::Random)?;
    let meta = ShareMeta {
        key_type: creds.key_type,
        ..meta.clone()
    };
    // Sized up front so the buffer never reallocates and leaves an unwiped copy behind.
    let room = 4096 + creds.api_key.len() + creds.secret.len() + meta.notes.len() * 6;
    let mut plaintext = Zeroizing::new(Vec::with_capacity(room));
    serde_json::to_writer(
        &mut *plaintext,
        &PayloadOut {
            meta: &meta,
            api_key: creds.api_key.expose(),
            secret: creds.secret.expose(),
            passphrase: creds.passphrase.as_ref().map(|p| p.expose()),
        },
    )
    .map_err(|_| ShareError::BadPayload)?;
    let aad = header.to_bytes();
    let cipher = cipher(passphrase.expose(), &header)?;
    let ciphertext = cipher
        .encrypt(
            &XNonce::from(header.nonce),
            Payload {
                msg: &plaintext,
                aad: &aad,
            },
        )
        .map_err(|_| ShareError::BadPayload)?;
    let mut out = aad;
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

fn open(
    bytes: &[u8],
    passphrase: &str,
    bounds: &Bounds,
) -> Result<(ShareMeta, Credentials), ShareError> {
    let header = Header::parse(bytes, bounds)?;
    let (aad, ciphertext) = bytes.split_at(header::LEN);
    let cipher = cipher(passphrase, &header)?;
    let plaintext = Zeroizing::new(
        cipher
            .decrypt(
                &XNonce::from(header.nonce),
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .map_err(|_| ShareError::WrongPassphraseOrDamaged)?,
    );
    let payload: PayloadIn =
        serde_json::from_slice(&plaintext).map_err(|_| ShareError::BadPayload)?;
    let creds = Credentials {
        api_key: SecretString::new(payload.api_key.as_str().to_owned()),
        secret: SecretString::new(payload.secret.as_str().to_owned()),
        passphrase: payload
            .passphrase
            .map(|p| SecretString::new(p.as_str().to_owned())),
        key_type: payload.meta.key_type,
    };
    Ok((payload.meta, creds))
}

/// XChaCha20-Poly1305 keyed with Argon2id(normalized passphrase, salt) at the header's cost.
fn cipher(passphrase: &str, header: &Header) -> Result<XChaCha20Poly1305, ShareError> {
    let normalized = passphrase::normalize(passphrase);
    let params = Params::new(
        header.cost.memory_kib,
        header.cost.passes,
        header.cost.lanes,
        Some(32),
    )
    .map_err(|_| ShareError::UnacceptableKdf)?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(normalized.expose().as_bytes(), &header.salt, key.as_mut())
        .map_err(|_| ShareError::UnacceptableKdf)?;
    Ok(XChaCha20Poly1305::new(key.as_ref().into()))
}

#[cfg(test)]
mod tests;
