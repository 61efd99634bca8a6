//! The CLI's exit codes, in one place: scripts depend on them, so they are a contract (docs/cli.md).

use coffre_core::auto_type::AutoTypeError;
use coffre_vault::VaultError;

use coffre_transfer::ShareError;

use crate::error::CliError;

/// Success.
pub const OK: u8 = 0;
/// Bad input (usage, refused paste, unreadable import, unknown label) or not found.
pub const BAD_INPUT: u8 = 1;
/// The master password (or the backup's password) is wrong.
pub const WRONG_PASSWORD: u8 = 2;
/// The vault was modified outside Coffre, or is corrupt / not a vault.
pub const TAMPERED: u8 = 3;
/// `check`: at least one key failed its live check.
pub const CHECK_FAILED: u8 = 4;
/// Anything else: i/o, the vault busy, the clipboard unavailable.
pub const OTHER: u8 = 5;
/// `audit`: at least one key will be rejected by, or is risky for, a platform it is assigned to.
pub const AUDIT_FLAGGED: u8 = 6;
/// `type`: nothing was typed because of where it would go: no X display, Wayland, Caps Lock, or
/// the focused window is not the platform's. Worth retrying, or use the clipboard sequence.
pub const TYPE_REFUSED: u8 = 7;

/// `run`: the exit code of the command it ran, passed on; a command killed by a signal gives
/// 128 + the signal's number, as shells report it.
pub fn for_child(status: std::process::ExitStatus) -> u8 {
    if let Some(code) = status.code() {
        return u8::try_from(code).unwrap_or(OTHER);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return u8::try_from(128 + signal).unwrap_or(u8::MAX);
        }
    }
    OTHER
}

/// The exit code for an error.
pub fn for_error(err: &CliError) -> u8 {
    match err {
        CliError::Vault(e) => for_vault_error(e),
        CliError::Usage(_)
        | CliError::Paste(_)
        | CliError::Import(_)
        | CliError::Export(_)
        | CliError::InputEnded(_) => BAD_INPUT,
        CliError::ChecksFailed(_) => CHECK_FAILED,
        CliError::AuditFlagged(_) => AUDIT_FLAGGED,
        // Like a wrong backup password: the secret the user typed does not open the file.
        CliError::Share(ShareError::WrongPassphraseOrDamaged) => WRONG_PASSWORD,
        CliError::Share(ShareError::Random) => OTHER,
        CliError::Share(_) => BAD_INPUT,
        CliError::Io(..) | CliError::Clipboard(_) => OTHER,
        CliError::AutoType(e) => for_auto_type_error(e),
    }
}

fn for_auto_type_error(err: &AutoTypeError) -> u8 {
    match err {
        // This key or platform cannot be typed, whatever the window.
        AutoTypeError::NoForm { .. }
        | AutoTypeError::MultiLine { .. }
        | AutoTypeError::Unprintable { .. }
        | AutoTypeError::NotOnLayout { .. } => BAD_INPUT,
        AutoTypeError::Backend(_) | AutoTypeError::Stopped => OTHER,
        AutoTypeError::NoDisplay(_)
        | AutoTypeError::Wayland
        | AutoTypeError::CapsLock
        | AutoTypeError::NoFocusedWindow { .. }
        | AutoTypeError::WrongWindow { .. } => TYPE_REFUSED,
    }
}

fn for_vault_error(err: &VaultError) -> u8 {
    match err {
        VaultError::WrongPassword => WRONG_PASSWORD,
        VaultError::Modified | VaultError::Corrupt(_) => TAMPERED,
        VaultError::NotFound(_)
        | VaultError::DuplicateLabel(_)
        | VaultError::AlreadyExists(_)
        | VaultError::InvalidInput(_)
        | VaultError::WeakKdf { .. } => BAD_INPUT,
        VaultError::Busy | VaultError::Io(_) | VaultError::Db(_) => OTHER,
    }
}
