//! Changing the master password: one KDF and one re-wrap of the data key in the header row, so
//! the cost does not grow with the number of records (no record is re-sealed).

use coffre_secret::SecretString;

use crate::error::VaultError;
use crate::header::Header;
use crate::kdf::KdfParams;
use crate::transaction::Change;
use crate::vault::Vault;

impl Vault {
    /// Changes the master password (and optionally the KDF parameters): one KDF and one re-wrap
    /// of the data key, whatever the number of records.
    pub fn change_password(
        &mut self,
        new: &SecretString,
        kdf: Option<KdfParams>,
    ) -> Result<(), VaultError> {
        check_password(new)?;
        let kdf = kdf.unwrap_or(self.header.kdf);
        kdf.check_strength(self.header.weak_kdf_allowed)?;
        // The KDF runs before the write lock is taken, so other processes are not held up.
        let header = Header::wrap(
            self.header.vault_id,
            kdf,
            self.header.weak_kdf_allowed,
            new,
            &self.keys.data_key,
        )?;
        // Only the header row changes, so the commit writes a page or two. SQLite would also
        // run its automatic WAL checkpoint on this commit if earlier writes had filled the log,
        // making the change pay for copying them back; the next ordinary write does that instead.
        let autocheckpoint: i64 =
            self.conn
                .pragma_query_value(None, "wal_autocheckpoint", |r| r.get(0))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let written = self.write(|_, _, _| {
            Ok(Change {
                header: Some(header),
                ..Change::default()
            })
        });
        // Re-arming the hook only stores a number; whatever it returns, the result of the change
        // is what the caller must hear (the new password may already be committed).
        let _ = self
            .conn
            .pragma_update(None, "wal_autocheckpoint", autocheckpoint);
        written
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
