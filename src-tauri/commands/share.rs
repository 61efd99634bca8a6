//! The encrypted single-key share file: written and read where the user chooses, sealed by the
//! core with a one-time passphrase.

use crate::error::{AppError, AppResult};
use crate::secret_arg::SecretArg;
use crate::state::AppState;
use coffre_core::export;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use ts_rs::TS;

/// Where the share file went and the passphrase to give the recipient (shown once).
#[derive(Debug, Serialize, TS)]
pub struct SharedExport {
    pub path: String,
    pub passphrase: String,
}

/// Seals key `id` into a share file where the user chooses; `None` if they cancel.
#[tauri::command]
pub async fn key_share_export<R: Runtime>(
    app: AppHandle<R>,
    id: String,
) -> AppResult<Option<SharedExport>> {
    // Argon2id takes a moment: off the async workers, before the dialog so its name is known.
    let handle = app.clone();
    let sealed = tauri::async_runtime::spawn_blocking(move || {
        export::seal_share(&handle.state::<AppState>().session, &id)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    let Some(dest) = crate::dialogs::pick_share_destination(&app, &sealed.file_name).await else {
        return Ok(None);
    };
    coffre_core::write_private(&dest, &sealed.bytes)?;
    Ok(Some(SharedExport {
        path: dest.display().to_string(),
        passphrase: sealed.passphrase.expose().to_owned(),
    }))
}

/// Opens a share file the user picks with `passphrase` and adds its key; the new id, or
/// `None` if they cancel.
#[tauri::command]
pub async fn key_share_import<R: Runtime>(
    app: AppHandle<R>,
    passphrase: SecretArg,
) -> AppResult<Option<String>> {
    if !app.state::<AppState>().is_unlocked() {
        return Err(coffre_core::CoreError::Locked.into());
    }
    let Some(source) = crate::dialogs::pick_share_source(&app).await else {
        return Ok(None);
    };
    let bytes = std::fs::read(&source)?;
    let handle = app.clone();
    let id = tauri::async_runtime::spawn_blocking(move || {
        export::open_share(
            &handle.state::<AppState>().session,
            &bytes,
            passphrase.expose(),
        )
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    Ok(Some(id))
}
