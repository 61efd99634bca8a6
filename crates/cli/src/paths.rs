//! Where the vault lives when `--vault` and `COFFRE_VAULT` are not given.

use std::path::PathBuf;

use crate::error::CliError;

/// `<data dir>/coffre/vault.db`: `$XDG_DATA_HOME/coffre` on Linux, Application Support on macOS,
/// `%APPDATA%` on Windows.
pub fn default_vault() -> Result<PathBuf, CliError> {
    directories::ProjectDirs::from("", "", "coffre")
        .map(|dirs| dirs.data_dir().join("vault.db"))
        .ok_or_else(|| {
            CliError::Usage(
                "no home directory found: pass --vault PATH or set COFFRE_VAULT".to_owned(),
            )
        })
}
