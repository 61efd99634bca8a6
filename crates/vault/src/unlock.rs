//! Creating and unlocking a vault: a new file with a fresh data key wrapped under the password,
//! or an existing one opened by the KDF and then read and verified in full.

use std::cell::RefCell;
use std::path::Path;
use std::time::Instant;

use coffre_secret::{SecretBytes, SecretString};
use rusqlite::{params, TransactionBehavior};

use crate::envelope::fill_random;
use crate::error::VaultError;
use crate::header::Header;
use crate::integrity::{self, LeafSum};
use crate::kdf::{KdfParams, KEY_LEN};
use crate::keys::VaultKeys;
use crate::load::{read_header, read_snapshot, verify_snapshot};
use crate::password::check_password;
use crate::vault::{State, Vault, VaultOptions};
use crate::{migrations, store};

impl Vault {
    /// Creates a new vault at `path` (which must not exist). Refuses KDF parameters below the
    /// OWASP floor; see [`Vault::create_with`].
    pub fn create(
        path: &Path,
        password: &SecretString,
        kdf: KdfParams,
    ) -> Result<Vault, VaultError> {
        Vault::create_with(path, password, kdf, VaultOptions::default())
    }

    /// [`Vault::create`] with options (e.g. weak KDF parameters for tests).
    pub fn create_with(
        path: &Path,
        password: &SecretString,
        kdf: KdfParams,
        options: VaultOptions,
    ) -> Result<Vault, VaultError> {
        check_password(password)?;
        kdf.check_strength(options.allow_weak_kdf)?;
        let mut vault_id = [0u8; 16];
        fill_random(&mut vault_id);
        let mut data_key = SecretBytes::new(vec![0u8; KEY_LEN]);
        fill_random(data_key.expose_mut());
        let header = Header::wrap(vault_id, kdf, options.allow_weak_kdf, password, &data_key)?;
        let keys = VaultKeys::derive(data_key, &vault_id);

        let file = store::create_private_file(path)?;
        drop(file);
        let created = (|| {
            let mut conn = store::open(path)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            migrations::create(&tx)?;
            let manifest = integrity::manifest(
                &keys.manifest_key,
                header.manifest_binding(),
                0,
                0,
                &LeafSum::default(),
            );
            tx.execute(
                "INSERT INTO header (id, blob, counter, manifest) VALUES (1, ?1, 0, ?2)",
                params![header.encode(), manifest.to_vec()],
            )?;
            tx.commit()?;
            Ok(conn)
        })();
        let conn = match created {
            Ok(conn) => conn,
            Err(e) => {
                let _ = std::fs::remove_file(path);
                for companion in store::companions(path) {
                    let _ = std::fs::remove_file(companion);
                }
                return Err(e);
            }
        };
        store::sync_dir(path)?;
        Ok(Vault {
            path: path.to_owned(),
            conn,
            header,
            keys,
            state: RefCell::new(State::default()),
            kdf_elapsed: None,
        })
    }

    /// Opens the vault at `path`: checks its schema is exactly Coffre's (`Modified` if a table,
    /// index, trigger or view was added or altered; nothing has run by then), runs the KDF,
    /// unwraps the data key (`WrongPassword` if it does not open), then reads and verifies every
    /// record and the manifest (`Modified` if anything was deleted, duplicated, swapped, rolled
    /// back or edited, or the header row replaced).
    ///
    /// Parameters below the OWASP floor are refused (`WeakKdf`) unless the vault was created
    /// with [`VaultOptions::allow_weak_kdf`]; parameters and flag are bound to the wrapped key, so
    /// lowering them in an existing file only makes the unlock fail.
    pub fn unlock(path: &Path, password: &SecretString) -> Result<Vault, VaultError> {
        let conn = store::open(path)?;
        let header = read_header(&conn)?;
        header.kdf.check_strength(header.weak_kdf_allowed)?;
        // Reading and hashing the rows needs no key, so it runs on its own thread while the KDF
        // runs; only the keyed checks and the decryption wait for the data key.
        let reader = std::thread::spawn(move || {
            let snapshot = read_snapshot(&conn);
            (conn, snapshot)
        });
        let kdf_started = Instant::now();
        let data_key = header.unwrap_data_key(password);
        let kdf_elapsed = Some(kdf_started.elapsed());
        let (conn, snapshot) = reader
            .join()
            .map_err(|_| VaultError::Corrupt("reading the records failed".into()))?;
        let keys = VaultKeys::derive(data_key?, &header.vault_id);
        let state = verify_snapshot(snapshot?, &keys, &header)?;
        Ok(Vault {
            path: path.to_owned(),
            conn,
            header,
            keys,
            state: RefCell::new(state),
            kdf_elapsed,
        })
    }

    /// The KDF parameters of the vault at `path`, without the password (to show "unlocking takes
    /// about N s" or to decide on re-calibration).
    pub fn read_kdf_params(path: &Path) -> Result<KdfParams, VaultError> {
        let conn = store::open(path)?;
        Ok(read_header(&conn)?.kdf)
    }

    /// The vault's random id, in hex, read from its header without the password: tells a backup
    /// of this vault from a backup of another one.
    pub fn read_vault_id(path: &Path) -> Result<String, VaultError> {
        let conn = store::open(path)?;
        let id = read_header(&conn)?.vault_id;
        Ok(id.iter().map(|b| format!("{b:02x}")).collect())
    }
}
