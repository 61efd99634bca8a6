//! The one error type of the app's commands. It reaches the UI as `{code, message}` (plus
//! `details` for refused pastes): the UI picks a translated sentence by `code`; `message` is
//! English for logs and never contains a secret (the core errors guarantee that for theirs).

use serde::{Serialize, Serializer};
use ts_rs::TS;

pub use coffre_core::FieldProblem;

/// Everything a command can fail with: the core's errors and the app's own.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Core(#[from] coffre_core::CoreError),
    #[error("no vault file exists yet at this path")]
    NoVault,
    #[error("too many wrong passwords: wait {wait_ms} ms before trying again")]
    TooManyAttempts { wait_ms: u64 },
    #[error("too many reveals in a short time: wait {wait_ms} ms")]
    TooManyReveals { wait_ms: u64 },
    /// `vault_unlock_cancel` reached this unlock attempt: the vault was not opened.
    #[error("the unlock was cancelled")]
    UnlockCancelled,
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    #[error(transparent)]
    RevealKey(#[from] crate::sealed_reveal::BadRevealKey),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The stable code the UI translates (docs/ipc.md lists them).
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Core(e) => e.code(),
            AppError::NoVault => "no_vault",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::TooManyReveals { .. } => "too_many_reveals",
            AppError::UnlockCancelled => "unlock_cancelled",
            AppError::Settings(_) | AppError::RevealKey(_) => "invalid_input",
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<coffre_vault::VaultError> for AppError {
    fn from(e: coffre_vault::VaultError) -> Self {
        AppError::Core(e.into())
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::Core(e.into())
    }
}

impl From<tauri::Error> for AppError {
    fn from(e: tauri::Error) -> Self {
        AppError::Internal(e.to_string())
    }
}

/// How an [`AppError`] reaches the webview (`AppError` in TypeScript): the `code` the UI
/// translates, an English `message` for logs.
#[derive(Serialize, TS)]
#[ts(rename = "AppError")]
pub struct ErrorJson<'a> {
    pub code: &'static str,
    pub message: String,
    /// Only on `paste_invalid`: one entry per refused field.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<Vec<FieldProblem>>")]
    pub details: Option<&'a [FieldProblem]>,
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let details = match self {
            AppError::Core(e) => e.field_problems(),
            _ => None,
        };
        ErrorJson {
            code: self.code(),
            message: self.to_string(),
            details,
        }
        .serialize(serializer)
    }
}

/// What every command returns.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let json = serde_json::to_value(AppError::from(coffre_core::CoreError::Locked)).unwrap();
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
        let err = AppError::from(coffre_core::CoreError::PasteInvalid(vec![FieldProblem {
            field: "secret",
            code: "bad_length".into(),
            message: "The secret should be 64 characters long".into(),
        }]));
        let json = serde_json::to_value(err).unwrap();
        assert_eq!(json["code"], "paste_invalid");
        assert_eq!(json["details"][0]["field"], "secret");
        assert_eq!(json["details"][0]["code"], "bad_length");
    }
}
