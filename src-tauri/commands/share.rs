//! The encrypted single-key share file: written and read where the user chooses, sealed by
//! `coffre_transfer::share` with a one-time passphrase.

use crate::error::{AppError, AppResult};
use crate::secret_arg::SecretArg;
use crate::state::AppState;
use coffre_transfer::share::{self, ShareMeta};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

/// Where the share file went and the passphrase to give the recipient (shown once).
#[derive(Debug, Serialize)]
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
    let (meta, creds) = app
        .state::<AppState>()
        .with_vault(|v| Ok((v.get(&id)?.meta, v.credentials(&id)?)))?;
    let name = format!("{}.coffre-share", meta.label.replace(['/', '\\'], "-"));
    let Some(dest) = crate::dialogs::pick_share_destination(&app, &name).await else {
        return Ok(None);
    };
    let share_meta = ShareMeta::of(&meta);
    // Argon2id takes a moment: off the async workers.
    let (bytes, passphrase) =
        tauri::async_runtime::spawn_blocking(move || share::export_share(&share_meta, &creds))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
    crate::private_file::write_private(&dest, &bytes)?;
    Ok(Some(SharedExport {
        path: dest.display().to_string(),
        passphrase: passphrase.expose().to_owned(),
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
        return Err(AppError::Locked);
    }
    let Some(source) = crate::dialogs::pick_share_source(&app).await else {
        return Ok(None);
    };
    let bytes = std::fs::read(&source)?;
    let (shared, creds) = tauri::async_runtime::spawn_blocking(move || {
        share::import_share(&bytes, passphrase.expose())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    let meta = shared.into_key_meta();
    let id = app
        .state::<AppState>()
        .with_vault_mut(|v| Ok(v.add(meta, &creds)?))?;
    Ok(Some(id))
}
