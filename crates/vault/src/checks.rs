//! Recording live checks: the latest report of a key's check is kept in its sealed metadata, so
//! the inventory shows it after the next unlock without asking the exchange again.

use coffre_model::CheckReport;

use crate::error::VaultError;
use crate::vault::Vault;

impl Vault {
    /// Stores the latest live check in the record's metadata. A check that could not reach the
    /// exchange learnt nothing of the key: it is kept apart and the last known check survives it.
    pub fn record_check(&mut self, id: &str, report: CheckReport) -> Result<(), VaultError> {
        self.write(|conn, state, vault| {
            let mut meta = state
                .records
                .get(id)
                .ok_or_else(|| VaultError::NotFound(id.to_owned()))?
                .meta
                .clone();
            if report.is_unreachable() {
                meta.unreachable_check = Some(report);
            } else {
                meta.last_check = Some(report);
                meta.unreachable_check = None;
            }
            vault.reseal(conn, state, id, meta, None)
        })
    }
}
