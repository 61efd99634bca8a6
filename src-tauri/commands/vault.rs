//! Opening, creating, locking and switching the vault; password change; backup and restore; the
//! rollback warning's acknowledgement.

use crate::error::{AppError, AppResult};
use crate::events::{self, KdfProgress};
use crate::secret_arg::SecretArg;
use crate::state::{lock_and_notify, vault_exists, AppState};
use crate::views::{AppStatus, KdfView};
use coffre_secret::SecretString;
use coffre_vault::{KdfParams, Vault};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// How long a calibrated key derivation should take on this machine.
const KDF_TARGET: Duration = Duration::from_secs(1);

/// The app's status: which vault, is it open, must the next unlock wait, is its file older than
/// one seen before.
#[tauri::command]
pub fn app_status<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppStatus {
    let path = state.vault_path();
    AppStatus {
        rollback: state.rollback(&path),
        version: app.package_info().version.to_string(),
        vault_exists: vault_exists(&path),
        vault_path: path.display().to_string(),
        unlocked: state.is_unlocked(),
        demo: state.is_demo(),
        unlock_delay_ms: state.unlock_delay().as_millis() as u64,
        base_url_overrides: state.base_url_overrides.clone(),
    }
}

/// Creates the vault at the current path and leaves it unlocked. Without `kdf`, calibrates the
/// Argon2id cost to about one second here, reporting progress.
#[tauri::command]
pub async fn vault_create<R: Runtime>(
    app: AppHandle<R>,
    password: SecretArg,
    kdf: Option<KdfView>,
) -> AppResult<()> {
    let path = app.state::<AppState>().vault_path();
    let progress = app.clone();
    let vault = tauri::async_runtime::spawn_blocking(move || {
        let emit = |percent| {
            let _ = progress.emit(events::KDF_PROGRESS, KdfProgress { percent });
        };
        emit(0);
        let kdf = match kdf {
            Some(kdf) => KdfParams::from(kdf),
            None => KdfParams::calibrate(KDF_TARGET),
        };
        emit(50);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let vault = Vault::create(&path, password.secret(), kdf);
        emit(100);
        Ok::<_, AppError>(vault?)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    app.state::<AppState>().open(vault);
    Ok(())
}

/// Unlocks the vault at the current path; the KDF runs off the UI thread. Repeated wrong
/// passwords make the next attempt wait (`too_many_attempts`); `vault_unlock_cancel` makes it
/// return `unlock_cancelled` at once, without opening the vault.
#[tauri::command]
pub async fn vault_unlock<R: Runtime>(app: AppHandle<R>, password: SecretArg) -> AppResult<()> {
    let state = app.state::<AppState>();
    let ticket = state.unlock_cancel.ticket();
    let path = state.vault_path();
    if !vault_exists(&path) {
        return Err(AppError::NoVault);
    }
    let handle = app.clone();
    let cancel = state.unlock_cancel.clone();
    let vault = tauri::async_runtime::spawn_blocking(move || {
        // The attempt runs on a thread of its own that a cancel abandons (see unlock_cancel.rs).
        cancel.run(ticket, move || {
            let state = handle.state::<AppState>();
            state.cancellable_password_attempt(ticket, || Vault::unlock(&path, password.secret()))
        })
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))???;
    state.open_attempt(ticket, vault)
}

/// Cancels the unlock attempts under way: each returns `unlock_cancelled` at once, and none
/// opens the vault. A KDF already running finishes in the background (Argon2 cannot be
/// interrupted), and the next attempt waits for it.
#[tauri::command]
pub fn vault_unlock_cancel(state: State<'_, AppState>) {
    state.unlock_cancel.cancel_pending();
}

/// Locks now: drops the vault and every secret, clears our clipboard copy, emits `locked`.
#[tauri::command]
pub fn vault_lock<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) {
    lock_and_notify(&app, &state);
}

/// The user is active (the UI reports input, throttled); any command also counts.
#[tauri::command]
pub fn activity(state: State<'_, AppState>) {
    state.touch();
}

/// Lets the user pick another vault file with the native dialog; locks the current one.
#[tauri::command]
pub async fn vault_pick_file<R: Runtime>(app: AppHandle<R>) -> AppResult<AppStatus> {
    let picked = crate::dialogs::pick_vault(&app).await;
    let state = app.state::<AppState>();
    if let Some(path) = picked {
        lock_and_notify(&app, &state);
        let mut settings = state.settings();
        settings.vault_path = Some(path);
        state.set_settings(settings)?;
    }
    Ok(app_status(app.clone(), state))
}

/// Changes the master password: checks the current one first, then draws a new data key and
/// re-seals every record in one transaction (the old password opens nothing written after).
#[tauri::command]
pub async fn password_change<R: Runtime>(
    app: AppHandle<R>,
    current: SecretArg,
    next: SecretArg,
) -> AppResult<()> {
    let state = app.state::<AppState>();
    if !state.is_unlocked() {
        return Err(coffre_core::CoreError::Locked.into());
    }
    let path = state.vault_path();
    // Proving the current password is an unlock of the same file, off the UI thread, in turn
    // with unlock attempts and under the same slowdown.
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = handle.state::<AppState>();
        state.password_attempt(|| Vault::unlock(&path, current.secret()).map(drop))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        handle
            .state::<AppState>()
            .session
            .with_vault_mut(|v| Ok(v.change_password(next.secret(), None)?))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    Ok(())
}

/// Saves an encrypted copy of the vault where the user chooses; `None` if they cancel.
#[tauri::command]
pub async fn backup_create<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<String>> {
    let Some(dest) = crate::dialogs::pick_backup_destination(&app).await else {
        return Ok(None);
    };
    let state = app.state::<AppState>();
    let src = state.vault_path();
    if state.is_unlocked() {
        state.with_vault(|v| Ok(v.backup(&dest)?))?;
    } else {
        Vault::backup_file(&src, &dest)?;
    }
    Ok(Some(dest.display().to_string()))
}

/// The backup file picked by `backup_restore_pick`, kept in Rust so the webview never names the
/// file that replaces the vault.
#[derive(Default)]
struct PickedBackup(Mutex<Option<PathBuf>>);

/// Step one of a restore: the user picks the backup file first, then types its password. Returns
/// the file's name to show beside the password field, or `None` if they cancel.
#[tauri::command]
pub async fn backup_restore_pick<R: Runtime>(app: AppHandle<R>) -> AppResult<Option<String>> {
    let picked = crate::dialogs::pick_backup_source(&app).await;
    let name = picked.as_ref().map(|p| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    app.manage(PickedBackup::default());
    *app.state::<PickedBackup>()
        .0
        .lock()
        .map_err(|_| AppError::Internal("picked backup lock poisoned".into()))? = picked;
    Ok(name)
}

/// Replaces the vault with the backup picked by `backup_restore_pick` (or, if none was, one the
/// user picks now), after checking the backup opens with `password`. Locks first; the user unlocks
/// the restored vault afterwards.
#[tauri::command]
pub async fn backup_restore<R: Runtime>(app: AppHandle<R>, password: SecretArg) -> AppResult<()> {
    let held = app
        .try_state::<PickedBackup>()
        .and_then(|s| s.0.lock().ok().and_then(|mut p| p.take()));
    let picked = match held {
        Some(path) => Some(path),
        None => crate::dialogs::pick_backup_source(&app).await,
    };
    let Some(backup) = picked else {
        return Ok(());
    };
    tauri::async_runtime::spawn_blocking(move || restore_from(&app, &backup, password.secret()))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

/// `backup_restore` once the user has picked `backup`: locks, replaces the vault file, and makes
/// the restored file's counter the one remembered for its id, so restoring an older backup on
/// purpose is not reported as a rollback. Blocking.
pub fn restore_from<R: Runtime>(
    app: &AppHandle<R>,
    backup: &Path,
    password: &SecretString,
) -> AppResult<()> {
    let state = app.state::<AppState>();
    lock_and_notify(app, &state);
    let dest = state.vault_path();
    Vault::restore(backup, &dest, password)?;
    state.accept_counter(&dest)
}

/// The user restored the vault file in use on purpose: it becomes the copy remembered, and
/// `app_status` stops reporting a rollback for it. Returns the new status.
#[tauri::command]
pub fn rollback_accept<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<AppStatus> {
    state.accept_counter(&state.vault_path())?;
    Ok(app_status(app.clone(), state))
}
