//! The vault header: what is needed to turn a password into the data key. Stored as one blob:
//!
//! ```text
//! magic "COFFRE-VAULT" ‖ format version u8 ‖ vault id [16] ‖ mib u32 ‖ passes u32 ‖ lanes u32 ‖
//! flags u8 ‖ salt [32] ‖ wrapped-key length u16 ‖ wrapped data key (envelope) ‖ SHA-256 of all before
//! ```
//! (integers little-endian). The checksum turns accidental damage into a clear `Corrupt` before any
//! KDF runs; the wrapped key's associated data is every byte before it, so a deliberate edit of the
//! parameters, salt, id, flags or version (a downgrade) makes the unwrap fail like a wrong password.
//!
//! Format versions: 2 (written since password changes draw a new data key) has the manifest MAC
//! cover the SHA-256 of this whole blob, so a header row swapped in from an older copy of the file
//! is `Modified`, even one whose password is known (see `integrity`). 1 (the first) is still read:
//! its manifest does not cover the header. A version-1 file becomes version 2 at its next password
//! change, the one write that rewrites the header (and wraps a fresh data key): the version byte is
//! in the wrapped key's associated data, so it cannot change without the password, and an older
//! Coffre refuses a version-2 file as an unknown format rather than calling it modified.

use coffre_secret::{SecretBytes, SecretString};
use sha2::{Digest, Sha256};

use crate::envelope::{self, fill_random};
use crate::error::VaultError;
use crate::kdf::{derive_kek, KdfParams, KEY_LEN};

const MAGIC: &[u8; 12] = b"COFFRE-VAULT";
/// The header format this build writes.
pub const FORMAT_VERSION: u8 = 2;
/// The first format, still read: its manifest does not cover the header.
pub const LEGACY_FORMAT_VERSION: u8 = 1;
/// Flag bit: the vault was created with explicit consent to KDF parameters below the OWASP floor.
const FLAG_WEAK_KDF_ALLOWED: u8 = 1;
const FIXED_LEN: usize = 12 + 1 + 16 + 4 + 4 + 4 + 1 + 32;

/// A parsed, checksum-verified header.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    /// [`FORMAT_VERSION`] or [`LEGACY_FORMAT_VERSION`].
    pub version: u8,
    pub vault_id: [u8; 16],
    pub kdf: KdfParams,
    pub weak_kdf_allowed: bool,
    pub salt: [u8; KEY_LEN],
    pub wrapped_key: Vec<u8>,
}

impl Header {
    /// A header (in the current format) for `data_key` under `password`, with a fresh salt.
    pub fn wrap(
        vault_id: [u8; 16],
        kdf: KdfParams,
        weak_kdf_allowed: bool,
        password: &SecretString,
        data_key: &SecretBytes,
    ) -> Result<Header, VaultError> {
        let mut salt = [0u8; KEY_LEN];
        fill_random(&mut salt);
        let mut header = Header {
            version: FORMAT_VERSION,
            vault_id,
            kdf,
            weak_kdf_allowed,
            salt,
            wrapped_key: Vec::new(),
        };
        let kek = derive_kek(password, &header.salt, kdf)?;
        header.wrapped_key = envelope::seal(&kek, &header.fixed_bytes(), data_key.expose());
        Ok(header)
    }

    /// Runs the KDF and opens the data key; any failure of the AEAD is a wrong password.
    pub fn unwrap_data_key(&self, password: &SecretString) -> Result<SecretBytes, VaultError> {
        let kek = derive_kek(password, &self.salt, self.kdf)?;
        let key = envelope::open(&kek, &self.fixed_bytes(), &self.wrapped_key)
            .map_err(|_| VaultError::WrongPassword)?;
        if key.len() != KEY_LEN {
            return Err(VaultError::Corrupt(
                "wrapped data key has the wrong length".into(),
            ));
        }
        Ok(SecretBytes::new(key.to_vec()))
    }

    fn fixed_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(FIXED_LEN);
        out.extend_from_slice(MAGIC);
        out.push(self.version);
        out.extend_from_slice(&self.vault_id);
        out.extend_from_slice(&self.kdf.mib.to_le_bytes());
        out.extend_from_slice(&self.kdf.passes.to_le_bytes());
        out.extend_from_slice(&self.kdf.lanes.to_le_bytes());
        out.push(if self.weak_kdf_allowed {
            FLAG_WEAK_KDF_ALLOWED
        } else {
            0
        });
        out.extend_from_slice(&self.salt);
        out
    }

    /// The stored blob.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.fixed_bytes();
        out.extend_from_slice(&(self.wrapped_key.len() as u16).to_le_bytes());
        out.extend_from_slice(&self.wrapped_key);
        let sum = Sha256::digest(&out);
        out.extend_from_slice(&sum);
        out
    }

    /// What the manifest MAC covers of this header: the SHA-256 of the stored blob, or nothing in
    /// the legacy format.
    pub fn manifest_binding(&self) -> Option<[u8; 32]> {
        (self.version != LEGACY_FORMAT_VERSION).then(|| Sha256::digest(self.encode()).into())
    }

    /// Parses and checks a stored blob; never panics, whatever the bytes.
    pub fn decode(blob: &[u8]) -> Result<Header, VaultError> {
        let corrupt = |why: &str| VaultError::Corrupt(format!("vault header: {why}"));
        if blob.len() < MAGIC.len() || &blob[..MAGIC.len()] != MAGIC {
            return Err(corrupt("not a Coffre vault"));
        }
        if blob.len() < FIXED_LEN + 2 + 32 {
            return Err(corrupt("truncated"));
        }
        let (body, sum) = blob.split_at(blob.len() - 32);
        if Sha256::digest(body)[..] != *sum {
            return Err(corrupt("checksum mismatch"));
        }
        let version = body[12];
        if version != FORMAT_VERSION && version != LEGACY_FORMAT_VERSION {
            return Err(corrupt(&format!("unknown format version {version}")));
        }
        let u32_at =
            |i: usize| u32::from_le_bytes([body[i], body[i + 1], body[i + 2], body[i + 3]]);
        let mut vault_id = [0u8; 16];
        vault_id.copy_from_slice(&body[13..29]);
        let kdf = KdfParams {
            mib: u32_at(29),
            passes: u32_at(33),
            lanes: u32_at(37),
        };
        let flags = body[41];
        if flags & !FLAG_WEAK_KDF_ALLOWED != 0 {
            return Err(corrupt("unknown flags"));
        }
        let mut salt = [0u8; KEY_LEN];
        salt.copy_from_slice(&body[42..74]);
        let wrapped_len = usize::from(u16::from_le_bytes([body[74], body[75]]));
        let wrapped_key = &body[FIXED_LEN + 2..];
        if wrapped_key.len() != wrapped_len {
            return Err(corrupt("wrapped key length mismatch"));
        }
        if !kdf.is_in_range() {
            return Err(corrupt("key-derivation parameters out of range"));
        }
        Ok(Header {
            version,
            vault_id,
            kdf,
            weak_kdf_allowed: flags & FLAG_WEAK_KDF_ALLOWED != 0,
            salt,
            wrapped_key: wrapped_key.to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEAK: KdfParams = KdfParams {
        mib: 1,
        passes: 1,
        lanes: 1,
    };

    #[test]
    fn header_round_trips_and_unwraps_with_the_right_password() {
        let key = SecretBytes::new(vec![9; 32]);
        let h = Header::wrap([3; 16], WEAK, true, &"pw".into(), &key).unwrap();
        let back = Header::decode(&h.encode()).unwrap();
        assert_eq!(back.kdf, WEAK);
        assert!(back.weak_kdf_allowed);
        assert_eq!(
            back.unwrap_data_key(&"pw".into()).unwrap().expose(),
            key.expose()
        );
        assert!(matches!(
            back.unwrap_data_key(&"nope".into()),
            Err(VaultError::WrongPassword)
        ));
    }

    #[test]
    fn edited_kdf_params_with_fixed_checksum_fail_like_a_wrong_password() {
        let key = SecretBytes::new(vec![9; 32]);
        let mut h = Header::wrap([3; 16], WEAK, true, &"pw".into(), &key).unwrap();
        h.kdf.passes = 2;
        let forged = Header::decode(&h.encode()).unwrap();
        assert!(matches!(
            forged.unwrap_data_key(&"pw".into()),
            Err(VaultError::WrongPassword)
        ));
    }

    #[test]
    fn a_legacy_header_reads_back_byte_for_byte_and_binds_nothing() {
        let key = SecretBytes::new(vec![9; 32]);
        let mut h = Header::wrap([3; 16], WEAK, true, &"pw".into(), &key).unwrap();
        assert_eq!(h.version, FORMAT_VERSION);
        assert!(h.manifest_binding().is_some());
        // A version-1 header as the previous Coffre wrote it: same layout, version byte 1, and
        // the key wrapped under that byte.
        h.version = LEGACY_FORMAT_VERSION;
        let kek = derive_kek(&"pw".into(), &h.salt, WEAK).unwrap();
        h.wrapped_key = envelope::seal(&kek, &h.fixed_bytes(), key.expose());
        let blob = h.encode();
        let back = Header::decode(&blob).unwrap();
        assert_eq!(back.version, LEGACY_FORMAT_VERSION);
        assert_eq!(
            back.encode(),
            blob,
            "re-encoding must give the stored bytes"
        );
        assert_eq!(back.manifest_binding(), None);
        assert_eq!(
            back.unwrap_data_key(&"pw".into()).unwrap().expose(),
            key.expose()
        );
    }

    #[test]
    fn the_manifest_binding_covers_every_byte_and_the_version_is_authenticated() {
        let key = SecretBytes::new(vec![9; 32]);
        let h = Header::wrap([3; 16], WEAK, true, &"pw".into(), &key).unwrap();
        let other = Header::wrap([3; 16], WEAK, true, &"pw".into(), &key).unwrap();
        // Same id, parameters and key: only the salt and the wrapping differ.
        assert_ne!(h.manifest_binding(), other.manifest_binding());
        let mut downgraded = h.clone();
        downgraded.version = LEGACY_FORMAT_VERSION;
        let downgraded = Header::decode(&downgraded.encode()).unwrap();
        assert!(matches!(
            downgraded.unwrap_data_key(&"pw".into()),
            Err(VaultError::WrongPassword)
        ));
        let mut future = h.clone();
        future.version = FORMAT_VERSION + 1;
        assert!(matches!(
            Header::decode(&future.encode()),
            Err(VaultError::Corrupt(_))
        ));
    }

    #[test]
    fn garbage_and_truncation_are_corrupt() {
        let key = SecretBytes::new(vec![9; 32]);
        let blob = Header::wrap([3; 16], WEAK, true, &"pw".into(), &key)
            .unwrap()
            .encode();
        for len in 0..blob.len() {
            assert!(matches!(
                Header::decode(&blob[..len]),
                Err(VaultError::Corrupt(_))
            ));
        }
        assert!(matches!(
            Header::decode(b"hello"),
            Err(VaultError::Corrupt(_))
        ));
    }
}
