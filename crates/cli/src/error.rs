//! Everything a command can fail with. Messages are printed to stderr as they are, so none may
//! contain a secret: vault, paste and import errors are built that way by their crates.

use coffre_core::{CoreError, FieldProblem};
use coffre_transfer::{ExportError, ImportError, ShareError};
use coffre_vault::VaultError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{}", vault_message(.0))]
    Vault(#[from] VaultError),
    #[error("{0}")]
    Usage(String),
    #[error("{}", list(.0))]
    Paste(Vec<FieldProblem>),
    #[error("the import was refused, nothing was added:\n{}", list(.0))]
    Import(Vec<ImportError>),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("standard input ended before the {0} was read")]
    InputEnded(&'static str),
    #[error("{0} key(s) failed the check")]
    ChecksFailed(usize),
    #[error("{0} platform verdict(s) say a key will be rejected or is risky")]
    AuditFlagged(usize),
    #[error(transparent)]
    Share(#[from] ShareError),
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("clipboard: {0}")]
    Clipboard(String),
    #[error("nothing was typed: {0}")]
    AutoType(#[from] coffre_core::auto_type::AutoTypeError),
}

impl CliError {
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> CliError {
        let what = what.into();
        move |e| CliError::Io(what, e)
    }
}

/// The core's errors as the CLI's, so their exit codes stay decided in one place (exit_code.rs).
impl From<CoreError> for CliError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::Vault(e) => CliError::Vault(e),
            CoreError::PasteInvalid(problems) => CliError::Paste(problems),
            CoreError::Export(e) => CliError::Export(e),
            CoreError::Share(e) => CliError::Share(e),
            CoreError::Clipboard(e) => CliError::Clipboard(e.to_string()),
            CoreError::Io(e) => CliError::Io("i/o".into(), e),
            CoreError::AutoType(e) => CliError::AutoType(e),
            e @ CoreError::ClipboardEmpty => CliError::Clipboard(e.to_string()),
            e @ (CoreError::Locked
            | CoreError::InvalidInput(_)
            | CoreError::Demo(_)
            | CoreError::FormExpired) => CliError::Usage(
                e.to_string()
                    .trim_start_matches("invalid input: ")
                    .to_owned(),
            ),
        }
    }
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|e| format!("  - {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The vault's sentence, plus what to do about it where the CLI knows better.
fn vault_message(err: &VaultError) -> String {
    match err {
        VaultError::Modified => format!(
            "{err}: records were changed, removed or rolled back. Restore a backup (coffre restore FILE)."
        ),
        VaultError::WeakKdf { .. } => {
            format!("{err}: pass --weak-kdf to accept them (tests only)")
        }
        _ => err.to_string(),
    }
}
