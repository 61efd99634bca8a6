//! The key hierarchy below the data key: one HKDF-SHA256 expansion per purpose, done once per
//! unlock, so sealing records and MACing the manifest never share a key.

use coffre_secret::SecretBytes;
use hkdf::Hkdf;
use sha2::Sha256;

use crate::kdf::KEY_LEN;

/// The keys derived from the data key for one open vault. The data key itself is not kept: a
/// password change draws a new one rather than re-wrapping it.
pub(crate) struct VaultKeys {
    /// Seals record parts (XChaCha20-Poly1305).
    pub record_key: SecretBytes,
    /// Keys the whole-vault integrity MAC (HMAC-SHA256).
    pub manifest_key: SecretBytes,
}

impl VaultKeys {
    /// Derives the sub-keys; the vault id is the HKDF salt so two vaults never share sub-keys even
    /// if a data key were ever copied between them.
    pub fn derive(data_key: SecretBytes, vault_id: &[u8; 16]) -> VaultKeys {
        let hk = Hkdf::<Sha256>::new(Some(vault_id), data_key.expose());
        let expand = |info: &[u8]| {
            let mut out = SecretBytes::new(vec![0u8; KEY_LEN]);
            // 32 bytes is far below HKDF-SHA256's 8160-byte limit, so expand cannot fail.
            let _ = hk.expand(info, out.expose_mut());
            out
        };
        VaultKeys {
            record_key: expand(b"coffre v1 record seal"),
            manifest_key: expand(b"coffre v1 manifest mac"),
        }
    }
}
