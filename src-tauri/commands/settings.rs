//! The settings screen: auto-lock, clipboard timeout, language; the vault's KDF cost is shown.

use crate::error::AppResult;
use crate::state::{vault_exists, AppState};
use crate::views::{KdfView, SettingsView};
use tauri::State;

#[tauri::command]
pub fn settings_get(state: State<'_, AppState>) -> SettingsView {
    let s = state.settings();
    let kdf = state
        .with_vault(|v| Ok(v.kdf_params()))
        .ok()
        .or_else(|| {
            let path = state.vault_path();
            vault_exists(&path)
                .then(|| coffre_vault::Vault::read_kdf_params(&path).ok())
                .flatten()
        })
        .map(KdfView::from);
    let kdf_last_ms = state
        .with_vault(|v| Ok(v.kdf_elapsed()))
        .ok()
        .flatten()
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    SettingsView {
        auto_lock_minutes: s.auto_lock_minutes,
        clipboard_clear_seconds: s.clipboard_clear_seconds,
        language: s.language,
        lock_on_sleep: s.lock_on_sleep,
        key_radar: s.key_radar,
        kdf,
        kdf_last_ms,
    }
}

/// Saves the preferences; `kdf` is ignored (it changes only with the password).
#[tauri::command]
pub fn settings_set(state: State<'_, AppState>, settings: SettingsView) -> AppResult<()> {
    let mut next = state.settings();
    next.auto_lock_minutes = settings.auto_lock_minutes;
    next.clipboard_clear_seconds = settings.clipboard_clear_seconds;
    next.language = settings.language;
    next.lock_on_sleep = settings.lock_on_sleep;
    next.key_radar = settings.key_radar;
    state.set_settings(next)
}
