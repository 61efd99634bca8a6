//! The one error type of Coffre's use cases. The app turns it into `{code, message}` for the UI and
//! the CLI into its exit codes; `message` is English for logs and never contains a secret.

use crate::clipboard::ClipboardError;
use serde::Serialize;
use ts_rs::TS;

/// One field of a refused paste, for `paste_invalid` errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldProblem {
    #[ts(as = "crate::keys::FieldName")]
    pub field: &'static str,
    pub code: String,
    pub message: String,
}

impl FieldProblem {
    /// The paste validator's refusal as the UI and the CLI show it.
    pub fn of(err: &coffre_catalog::paste::PasteError) -> FieldProblem {
        FieldProblem {
            field: crate::keys::field_name(err.field()),
            code: err.code().to_owned(),
            message: err.to_string(),
        }
    }
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Everything a use case can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Vault(#[from] coffre_vault::VaultError),
    #[error("the vault is locked")]
    Locked,
    #[error("pasted credentials are not valid")]
    PasteInvalid(Vec<FieldProblem>),
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error(transparent)]
    Clipboard(#[from] ClipboardError),
    #[error("the clipboard holds no text to paste")]
    ClipboardEmpty,
    #[error(
        "this form's pasted values were forgotten (saved, cancelled, locked or left too long)"
    )]
    FormExpired,
    #[error(transparent)]
    Share(#[from] coffre_transfer::ShareError),
    #[error(transparent)]
    Export(#[from] coffre_transfer::ExportError),
    #[error("the demo exchanges could not start: {0}")]
    Demo(String),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    AutoType(#[from] crate::auto_type::AutoTypeError),
}

impl CoreError {
    /// The stable code the UI translates (docs/ipc.md lists them).
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Vault(e) => match e.code() {
                // Codes the UI knows as such; the rest are not the user's to act on.
                "db" => "internal",
                code => code,
            },
            CoreError::Locked => "locked",
            CoreError::AutoType(e) => e.code(),
            CoreError::PasteInvalid(_) => "paste_invalid",
            CoreError::InvalidInput(_) | CoreError::Export(_) => "invalid_input",
            CoreError::Clipboard(_) => "clipboard_unavailable",
            CoreError::ClipboardEmpty => "clipboard_empty",
            CoreError::FormExpired => "form_expired",
            CoreError::Share(coffre_transfer::ShareError::WrongPassphraseOrDamaged) => {
                "share_wrong_passphrase"
            }
            CoreError::Share(_) => "share_invalid",
            CoreError::Demo(_) => "demo_unavailable",
            CoreError::Io(_) => "io",
        }
    }

    /// The fields of a refused paste, if that is what this is.
    pub fn field_problems(&self) -> Option<&[FieldProblem]> {
        match self {
            CoreError::PasteInvalid(problems) => Some(problems),
            _ => None,
        }
    }
}

/// What every use case returns.
pub type CoreResult<T> = Result<T, CoreError>;
