//! The "Platforms" commands: verdicts, the safety overview, the paste sequence, exports, platform
//! IP lists and Binance self-generated (Ed25519) keys. Each calls one `coffre_core` use case.

use crate::error::{AppError, AppResult};
use crate::events;
use crate::state::AppState;
use chrono::Utc;
use coffre_core::auto_type::{self, AutoTypeReport};
use coffre_core::bot_command::{self, BotKind};
use coffre_core::export::{self, ExportFormat};
use coffre_core::keygen::{self, GeneratedKey};
use coffre_core::keys::KeyForm;
use coffre_core::paste_sequence::{self, PasteSequence};
use coffre_core::platform_ips;
use coffre_core::safety::{self, SafetyView};
use coffre_core::verdicts::{self, PlatformVerdict};
use coffre_core::views::CopyResult;
use coffre_core::CoreError;
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

/// Starts pasting key `id` into `platform`; nothing is on the clipboard until `paste_sequence_copy`.
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

/// Puts the current step on the clipboard (again, after it was cleared); its countdown starts now.
#[tauri::command]
pub fn paste_sequence_copy(state: State<'_, AppState>) -> AppResult<PasteSequence> {
    Ok(paste_sequence::copy(&state.session)?)
}

/// Types key `id`'s fields into `platform`'s form after `delay_s` seconds (the UI counts them
/// down while the user clicks into the form's first field), never through the clipboard. Refuses
/// a window whose title does not name the platform, Wayland and a missing display.
#[tauri::command]
pub async fn auto_type_key<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    platform: String,
    delay_s: u64,
) -> AppResult<AutoTypeReport> {
    let plan = auto_type::plan(&state.session, &id, &platform, state.lang())?;
    let delay_s = delay_s.min(MAX_AUTO_TYPE_DELAY_S);
    tauri::async_runtime::spawn_blocking(move || -> Result<AutoTypeReport, CoreError> {
        let mut keyboard = auto_type::connect()?;
        // A lock during the countdown stops it: nothing is typed from a locked vault.
        let unlocked = |_| app.state::<AppState>().session.is_unlocked();
        Ok(auto_type::type_after(
            keyboard.as_mut(),
            &plan,
            delay_s,
            unlocked,
        )?)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(AppError::from)
}

/// The `coffre run` command line for key `id` and its bot ("Use in a bot"); holds no secret.
#[tauri::command]
pub fn bot_command_line(state: State<'_, AppState>, id: String, bot: BotKind) -> AppResult<String> {
    Ok(bot_command::for_key(&state.session, &id, bot)?)
}

/// Puts that command line on the clipboard.
#[tauri::command]
pub fn bot_command_copy(
    state: State<'_, AppState>,
    id: String,
    bot: BotKind,
) -> AppResult<CopyResult> {
    let clear_after = state.clipboard_clear_after();
    Ok(bot_command::copy(&state.session, &id, bot, clear_after)?)
}

/// A page asking for more would only keep the values in memory longer.
const MAX_AUTO_TYPE_DELAY_S: u64 = 30;

/// Moves to the next field (the clipboard cleared if it still holds ours); after the last one, ends.
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
