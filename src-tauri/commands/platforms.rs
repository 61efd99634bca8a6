//! The "Platforms" commands: verdicts, the safety overview, the paste sequence, exports, platform
//! IP lists and Binance self-generated (Ed25519) keys. Each calls one `coffre_core` use case.

use crate::error::AppResult;
use crate::events;
use crate::state::AppState;
use chrono::Utc;
use coffre_core::export::{self, ExportFormat};
use coffre_core::keygen::{self, GeneratedKey};
use coffre_core::keys::KeyForm;
use coffre_core::paste_sequence::{self, PasteSequence};
use coffre_core::platform_ips;
use coffre_core::safety::{self, SafetyView};
use coffre_core::verdicts::{self, PlatformVerdict};
use coffre_core::views::CopyResult;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

#[tauri::command]
pub fn key_verdicts(
    state: State<'_, AppState>,
    id: String,
    lang: String,
) -> AppResult<Vec<PlatformVerdict>> {
    let meta = state.session.with_vault(|v| Ok(v.get(&id)?.meta))?;
    Ok(verdicts::key_verdicts(&meta, &lang, Utc::now()))
}

/// The vault-wide safety overview. `lang` is accepted for the contract; the view holds no sentence.
#[tauri::command]
pub fn safety_overview(state: State<'_, AppState>, lang: String) -> AppResult<SafetyView> {
    let _ = lang;
    Ok(safety::overview(&state.session)?)
}

/// Starts pasting key `id` into `platform`: step 0 is on the clipboard when this returns.
#[tauri::command]
pub fn paste_sequence_start<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    platform: String,
) -> AppResult<PasteSequence> {
    let clear_after = state.clipboard_clear_after();
    let view = paste_sequence::start(&state.session, &id, &platform, state.lang(), clear_after)?;
    let _ = app.emit(events::PASTE_SEQUENCE, &view);
    Ok(view)
}

/// Replaces the clipboard with the next field; after the last one clears it and ends.
#[tauri::command]
pub fn paste_sequence_next<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<PasteSequence> {
    let view = paste_sequence::next(&state.session)?;
    let _ = app.emit(events::PASTE_SEQUENCE, &view);
    Ok(view)
}

/// Ends the sequence early and clears the clipboard if it still holds our value.
#[tauri::command]
pub fn paste_sequence_cancel<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) {
    if let Some(view) = paste_sequence::cancel(&state.session) {
        let _ = app.emit(events::PASTE_SEQUENCE, view);
    }
}

/// Writes the key in `format` where the user chooses (mode 0600); the path, or `None` if they
/// cancel.
#[tauri::command]
pub async fn key_export<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    format: ExportFormat,
) -> AppResult<Option<String>> {
    let exchange = export::exchange_of(&app.state::<AppState>().session, &id)?;
    let name = format.file_name(&exchange);
    let Some(dest) = crate::dialogs::pick_export_destination(&app, &name).await else {
        return Ok(None);
    };
    export::export_to(&app.state::<AppState>().session, &id, format, &dest)?;
    Ok(Some(dest.display().to_string()))
}

/// A new Ed25519 pair for a Binance self-generated key; the private key stays in Rust as a
/// draft (dropped on lock) until `key_add_generated`.
#[tauri::command]
pub fn keygen_ed25519(state: State<'_, AppState>) -> AppResult<GeneratedKey> {
    Ok(keygen::generate_ed25519(&state.session)?)
}

/// Stores the API key the exchange issued, pasted into form `form`, with the drafted private key
/// as its secret.
#[tauri::command]
pub fn key_add_generated(
    state: State<'_, AppState>,
    key: KeyForm,
    form: String,
    draft_id: String,
) -> AppResult<String> {
    Ok(keygen::add_generated_from_form(
        &state.session,
        key,
        &form,
        &draft_id,
    )?)
}

/// Stores the IP list the user copied from `platform`; an empty list forgets it.
#[tauri::command]
pub fn platform_ips_set(
    state: State<'_, AppState>,
    id: String,
    platform: String,
    ips: Vec<String>,
) -> AppResult<()> {
    Ok(platform_ips::set(&state.session, &id, &platform, &ips)?)
}

/// Puts the platform's IP list on the clipboard, one per line, for the exchange's whitelist field.
#[tauri::command]
pub fn platform_ips_copy(
    state: State<'_, AppState>,
    id: String,
    platform: String,
) -> AppResult<CopyResult> {
    let clear_after = state.clipboard_clear_after();
    Ok(platform_ips::copy(
        &state.session,
        &id,
        &platform,
        clear_after,
    )?)
}
