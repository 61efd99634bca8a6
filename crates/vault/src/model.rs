//! What a record holds: the metadata (sealed as JSON in the `meta` part) and the types callers see.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use coffre_model::{CheckReport, ExchangeId, KeyType};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A record's id: a UUID v4 in its hyphenated text form.
pub type RecordId = String;

/// Everything about a key except its credentials. Sealed in the vault like the credentials, but in
/// a separate part so that listing keys never decrypts a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyMeta {
    /// ccxt id of the exchange (`binance`, …, or `other`).
    pub exchange: ExchangeId,
    /// The exchange's name when `exchange` is `other`.
    #[serde(default)]
    pub exchange_name: Option<String>,
    /// The user's name for the key; unique within a vault (case-insensitively).
    pub label: String,
    /// Which account or sub-account the key belongs to.
    #[serde(default)]
    pub account: Option<String>,
    /// How the key signs; the vault keeps it equal to the stored credentials' key type.
    #[serde(default)]
    pub key_type: KeyType,
    /// `coffre_secret::mask(api_key)`; the vault sets it from the stored credentials.
    #[serde(default)]
    pub api_key_hint: String,
    /// Platforms (bots, tools) the key is used with.
    #[serde(default)]
    pub platforms: Vec<String>,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When the key was added.
    #[serde(deserialize_with = "crate::timestamp::deserialize")]
    pub created_at: DateTime<Utc>,
    /// When the record last changed; the vault sets it on every change.
    #[serde(deserialize_with = "crate::timestamp::deserialize")]
    pub updated_at: DateTime<Utc>,
    /// When the key stops working, if known.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// The latest live check that reached the exchange: what is known of the key.
    #[serde(default)]
    pub last_check: Option<CheckReport>,
    /// A later check that could not reach the exchange (network, exchange down, rate limited):
    /// "couldn't check", beside the last known `last_check`. Cleared by the next check that reaches it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreachable_check: Option<CheckReport>,
    /// Per-key exchange URL override (testnet, mock).
    #[serde(default)]
    pub base_url: Option<String>,
    /// IP allow-list copied from each platform.
    #[serde(default)]
    pub platform_ips: BTreeMap<String, Vec<String>>,
    /// Credentials this key replaced, newest last.
    #[serde(default)]
    pub history: Vec<RevokedKey>,
}

impl KeyMeta {
    /// A minimal meta for `exchange` and `label`, created now; the rest empty.
    pub fn new(exchange: impl Into<ExchangeId>, label: impl Into<String>) -> KeyMeta {
        let now = Utc::now();
        KeyMeta {
            exchange: exchange.into(),
            exchange_name: None,
            label: label.into(),
            account: None,
            key_type: KeyType::default(),
            api_key_hint: String::new(),
            platforms: Vec::new(),
            notes: String::new(),
            tags: Vec::new(),
            created_at: now,
            updated_at: now,
            expires_at: None,
            last_check: None,
            unreachable_check: None,
            base_url: None,
            platform_ips: BTreeMap::new(),
            history: Vec::new(),
        }
    }

    /// Decodes a meta part's plaintext; public so the fuzzer can reach it. Never panics.
    pub fn from_plaintext(bytes: &[u8]) -> Result<KeyMeta, serde_json::Error> {
        // One UTF-8 check of the whole part, then parsed as text: parsed as bytes, each of its
        // two dozen strings and keys is checked on its own call, a fifth of the parse at unlock.
        // The same inputs pass: JSON is all UTF-8 (outside strings any other byte is a syntax error).
        let text = std::str::from_utf8(bytes)
            .map_err(|_| <serde_json::Error as serde::de::Error>::custom("meta is not UTF-8"))?;
        serde_json::from_str(text)
    }

    /// Which credentials the record holds now (see [`CredentialsVersion`]).
    pub fn credentials_version(&self) -> CredentialsVersion {
        CredentialsVersion(self.history.len())
    }

    /// Encodes the meta for sealing.
    pub(crate) fn to_plaintext(&self) -> zeroize::Zeroizing<Vec<u8>> {
        // Serializing plain data with string keys cannot fail.
        zeroize::Zeroizing::new(serde_json::to_vec(self).unwrap_or_default())
    }
}

/// Which of a record's successive credentials a check used: they change only through
/// [`crate::Vault::replace_credentials`], which adds one entry to `history`. Read with the
/// credentials, handed back to [`crate::Vault::record_check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CredentialsVersion(usize);

/// Credentials that were replaced: only their display hint and when they were retired. The
/// credentials themselves stay in the sealed secret part ([`crate::Vault::previous_credentials`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RevokedKey {
    /// Mask of the replaced API key.
    pub api_key_hint: String,
    /// When it was replaced.
    pub revoked_at: DateTime<Utc>,
}

/// A record as listed: its id, its revision (grows with each change) and its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRecord {
    /// The record's id.
    pub id: RecordId,
    /// Starts at 1; every change adds one.
    pub revision: u64,
    /// The decrypted metadata.
    pub meta: KeyMeta,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meta_reads_back_with_any_text_and_is_refused_unless_utf8() {
        let mut meta = KeyMeta::new("binance", "Clé du bot « grille » 鍵");
        meta.notes = "tab\t, quote \", emoji 🔑".into();
        let bytes = meta.to_plaintext();
        assert_eq!(KeyMeta::from_plaintext(&bytes).unwrap(), meta);
        // A broken UTF-8 sequence inside a string, or a stray byte outside one.
        let e_acute = bytes.windows(2).position(|w| w == "é".as_bytes()).unwrap();
        let mut inside = bytes.to_vec();
        inside[e_acute + 1] = 0xff;
        let mut outside = bytes.to_vec();
        outside.insert(1, 0xc3);
        for bad in [inside, outside] {
            assert!(KeyMeta::from_plaintext(&bad).is_err());
            assert!(serde_json::from_slice::<KeyMeta>(&bad).is_err());
        }
    }
}
