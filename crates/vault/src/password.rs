//! Changing the master password cuts the old one off: a new random data key is wrapped under the
//! new password, and every record is re-sealed under it (`rekey`) with a new manifest, in one
//! transaction with the new header, so a crash leaves the old vault or the new one. An old header
//! row (an old backup, a leaked old password) then unwraps a key that no current record or
//! manifest is sealed or MACed with, and the manifest covers the header besides (`integrity`).
//! What the old key did seal stays readable wherever a copy of it survives (that backup, page
//! versions in the `-wal` until they are overwritten): a change protects what is added after it,
//! not what the old password could already read.
//!
//! The cost is one KDF plus one pass over the records (the bench's "password change at 10,000
//! records"), where re-wrapping the same key was one KDF whatever the size: the price of making a
//! leaked old password worthless against the current file.

use coffre_secret::{SecretBytes, SecretString};

use crate::envelope::fill_random;
use crate::error::VaultError;
use crate::header::Header;
use crate::kdf::{KdfParams, KEY_LEN};
use crate::keys::VaultKeys;
use crate::rekey;
use crate::transaction::Manifest;
use crate::vault::Vault;

impl Vault {
    /// Changes the master password (and optionally the KDF parameters): a new data key, every
    /// record re-sealed under it, in one transaction. Another process that has this vault open
    /// gets `WrongPassword` at its next operation, since the key it holds is no longer the vault's.
    pub fn change_password(
        &mut self,
        new: &SecretString,
        kdf: Option<KdfParams>,
    ) -> Result<(), VaultError> {
        check_password(new)?;
        let kdf = kdf.unwrap_or(self.header.kdf);
        kdf.check_strength(self.header.weak_kdf_allowed)?;
        let mut data_key = SecretBytes::new(vec![0u8; KEY_LEN]);
        fill_random(data_key.expose_mut());
        // The KDF runs before the write lock is taken, so other processes are not held up.
        let header = Header::wrap(
            self.header.vault_id,
            kdf,
            self.header.weak_kdf_allowed,
            new,
            &data_key,
        )?;
        let keys = VaultKeys::derive(data_key, &self.header.vault_id);
        // The commit rewrites every record page: at 10,000 records the log then holds more than
        // SQLite's 1,000-page threshold, and its automatic checkpoint would make the change pay
        // for copying all of them back to the main file; the next ordinary write does that instead.
        let autocheckpoint: i64 =
            self.conn
                .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let written = self.rekey(header, keys);
        // Re-arming the hook only stores a number; whatever it returns, the result of the change
        // is what the caller must hear (the new password may already be committed).
        let _ = self
            .conn
            .pragma_update(None, "wal_autocheckpoint", autocheckpoint);
        written
    }

    /// Re-seals every record under `keys` and stores `header`, which wraps their data key.
    fn rekey(&mut self, header: Header, keys: VaultKeys) -> Result<(), VaultError> {
        let (tx, counter) = self.begin_write()?;
        let resealed = {
            let state = self.state.borrow();
            rekey::reseal_all(&tx, &state, &self.keys, &keys, &header.vault_id)?
        };
        let counter = counter + 1;
        Manifest {
            keys: &keys,
            header: &header,
            counter,
            count: resealed.leaves.len() as u64,
            sum: &resealed.sum,
        }
        .store(&tx, true)?;
        tx.commit()?;

        let state = self.state.get_mut();
        for (id, leaf) in resealed.leaves {
            if let Some(cached) = state.records.get_mut(&id) {
                cached.leaf = leaf;
            }
        }
        state.sum = resealed.sum;
        state.counter = counter;
        self.keys = keys;
        self.header = header;
        Ok(())
    }
}

/// An empty master password is refused at creation and at change alike.
pub(crate) fn check_password(password: &SecretString) -> Result<(), VaultError> {
    if password.is_empty() {
        return Err(VaultError::InvalidInput(
            "the master password is empty".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use coffre_model::{Credentials, KeyType};

    use crate::envelope;
    use crate::kdf::KdfParams;
    use crate::keys::VaultKeys;
    use crate::model::KeyMeta;
    use crate::rows::record_aad;
    use crate::vault::{Vault, VaultOptions};

    const WEAK: KdfParams = KdfParams {
        mib: 1,
        passes: 1,
        lanes: 1,
    };

    /// What an attacker with an old header and its password can do outside Coffre: unwrap the
    /// old data key and try it on the rows. After a change it opens none of them.
    #[test]
    fn the_key_of_an_old_header_opens_no_record_after_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.coffre");
        let options = VaultOptions {
            allow_weak_kdf: true,
        };
        let mut vault = Vault::create_with(&path, &"old".into(), WEAK, options).unwrap();
        let creds = Credentials {
            api_key: "APIKEY-0001-abcdefghijklmnop".into(),
            secret: "SECRET-0001-qrstuvwxyz0123456".into(),
            passphrase: None,
            key_type: KeyType::Hmac,
        };
        let id = vault.add(KeyMeta::new("okx", "one"), &creds).unwrap();
        let old_header = vault.header.clone();
        vault.change_password(&"new".into(), None).unwrap();

        let vault_id = old_header.vault_id;
        let old_keys = VaultKeys::derive(
            old_header.unwrap_data_key(&"old".into()).unwrap(),
            &vault_id,
        );
        let (meta, secret): (Vec<u8>, Vec<u8>) = vault
            .conn
            .query_row(
                "SELECT meta, secret FROM records WHERE id = ?1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        for (part, sealed) in [(&b"meta"[..], &meta), (&b"secret"[..], &secret)] {
            let aad = record_aad(&vault_id, &id, 1, part);
            assert!(envelope::open(&old_keys.record_key, &aad, sealed).is_err());
            assert!(envelope::open(&vault.keys.record_key, &aad, sealed).is_ok());
        }
    }
}
