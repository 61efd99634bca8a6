//! What a vault file says about its own age before it is unlocked: the integrity counter as the
//! file states it, so an app that remembers the highest counter it has seen for a vault id can
//! warn about a rolled-back file on the unlock screen.
//!
//! The counter is a plain column of the header row; it is authenticated only by the manifest MAC,
//! which needs the data key. Read here it is unauthenticated: good for a warning, nothing more. A
//! file whose counter was edited upwards to hide a rollback does not unlock (`Modified`), and
//! [`Vault::counter`] gives the authenticated value once it is open.

use std::path::Path;

use crate::error::VaultError;
use crate::load::{read_counter, read_header};
use crate::store;
use crate::vault::Vault;

impl Vault {
    /// The integrity counter of the vault at `path`, read without the password and therefore
    /// unauthenticated (see the module docs). Checks the file is a Coffre vault first.
    pub fn read_counter(path: &Path) -> Result<u64, VaultError> {
        let conn = store::open(path)?;
        read_header(&conn)?;
        read_counter(&conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kdf::KdfParams;
    use crate::model::KeyMeta;
    use crate::VaultOptions;
    use coffre_model::{Credentials, KeyType};

    const WEAK: KdfParams = KdfParams {
        mib: 1,
        passes: 1,
        lanes: 1,
    };

    #[test]
    fn the_counter_is_readable_without_the_password_and_follows_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.coffre");
        let options = VaultOptions {
            allow_weak_kdf: true,
        };
        let mut vault = Vault::create_with(&path, &"pw".into(), WEAK, options).unwrap();
        assert_eq!(Vault::read_counter(&path).unwrap(), 0);
        let creds = Credentials {
            api_key: "APIKEY-0001-abcdefghijklmnop".into(),
            secret: "SECRET-0001-qrstuvwxyz0123456".into(),
            passphrase: None,
            key_type: KeyType::Hmac,
        };
        vault.add(KeyMeta::new("okx", "one"), &creds).unwrap();
        vault.add(KeyMeta::new("okx", "two"), &creds).unwrap();
        assert_eq!(
            Vault::read_counter(&path).unwrap(),
            vault.counter().unwrap()
        );
        assert!(vault.counter().unwrap() >= 2);
    }

    #[test]
    fn a_file_that_is_not_a_vault_has_no_counter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-a-vault");
        std::fs::write(&path, b"hello").unwrap();
        assert!(Vault::read_counter(&path).is_err());
        assert!(Vault::read_counter(&dir.path().join("missing")).is_err());
    }
}
