//! Recording live checks: the latest report of a key's check is kept in its sealed metadata, so
//! the inventory shows it after the next unlock without asking the exchange again.

use coffre_model::CheckReport;

use crate::error::VaultError;
use crate::model::CredentialsVersion;
use crate::vault::Vault;

impl Vault {
    /// Stores the latest live check, of the credentials `checked` names, in the record's
    /// metadata; `Ok(false)`, and nothing stored, when they were replaced since (the check
    /// judged credentials the key no longer has: a "Works" of the old key must not stand for the
    /// new one). A check that could not reach the exchange learnt nothing of the key: it is kept
    /// apart and the last known check survives it.
    pub fn record_check(
        &mut self,
        id: &str,
        checked: CredentialsVersion,
        report: CheckReport,
    ) -> Result<bool, VaultError> {
        let mut stored = false;
        self.write(|conn, state, vault| {
            let mut meta = state
                .records
                .get(id)
                .ok_or_else(|| VaultError::NotFound(id.to_owned()))?
                .meta
                .clone();
            if meta.credentials_version() != checked {
                return Ok(crate::transaction::Change::default());
            }
            stored = true;
            if report.is_unreachable() {
                meta.unreachable_check = Some(report);
            } else {
                meta.last_check = Some(report);
                meta.unreachable_check = None;
            }
            vault.reseal(conn, state, id, meta, None)
        })?;
        Ok(stored)
    }
}
