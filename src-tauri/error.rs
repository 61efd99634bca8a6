//! The one error type of the app's commands. It reaches the UI as `{code, message}` (plus
//! `details` for refused pastes): the UI picks a translated sentence by `code`; `message` is
//! English for logs and never contains a secret (the core errors guarantee that for theirs).

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// One field of a refused paste, for `paste_invalid` errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: &'static str,
    pub code: String,
    pub message: String,
}

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Vault(#[from] coffre_vault::VaultError),
    #[error("no vault file exists yet at this path")]
    NoVault,
    #[error("the vault is locked")]
    Locked,
    #[error("too many wrong passwords: wait {wait_ms} ms before trying again")]
    TooManyAttempts { wait_ms: u64 },
    #[error("pasted credentials are not valid")]
    PasteInvalid(Vec<FieldProblem>),
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    #[error(transparent)]
    Clipboard(#[from] crate::clipboard::ClipboardError),
    #[error(transparent)]
    Share(#[from] coffre_transfer::ShareError),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The stable code the UI translates (docs/ipc.md lists them).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Vault(e) => match e.code() {
                // Codes the UI knows as such; the rest are not the user's to act on.
                "db" => "internal",
                code => code,
            },
            AppError::NoVault => "no_vault",
            AppError::Locked => "locked",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::PasteInvalid(_) => "paste_invalid",
            AppError::InvalidInput(_) | AppError::Settings(_) => "invalid_input",
            AppError::Clipboard(_) => "clipboard_unavailable",
            AppError::Share(coffre_transfer::ShareError::WrongPassphraseOrDamaged) => {
                "share_wrong_passphrase"
            }
            AppError::Share(_) => "share_invalid",
            AppError::Io(_) => "io",
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<tauri::Error> for AppError {
    fn from(e: tauri::Error) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let details = match self {
            AppError::PasteInvalid(problems) => Some(problems),
            _ => None,
        };
        let mut s = serializer.serialize_struct("AppError", 2 + usize::from(details.is_some()))?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        if let Some(details) = details {
            s.serialize_field("details", details)?;
        }
        s.end()
    }
}

/// What every command returns.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let json = serde_json::to_value(AppError::Locked).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "locked", "message": "the vault is locked"})
        );
    }

    #[test]
    fn vault_errors_keep_their_code() {
        let json = serde_json::to_value(AppError::from(coffre_vault::VaultError::WrongPassword));
        assert_eq!(json.unwrap()["code"], "wrong_password");
    }

    #[test]
    fn refused_paste_lists_each_field() {
        let err = AppError::PasteInvalid(vec![FieldProblem {
            field: "secret",
            code: "bad_length".into(),
            message: "The secret should be 64 characters long".into(),
        }]);
        let json = serde_json::to_value(err).unwrap();
        assert_eq!(json["code"], "paste_invalid");
        assert_eq!(json["details"][0]["field"], "secret");
        assert_eq!(json["details"][0]["code"], "bad_length");
    }
}
