//! The key list and one key's page: add, edit, replace, delete, reveal, copy, check. Each command
//! unpacks its arguments and calls one `coffre_core` use case.

use crate::error::AppResult;
use crate::events::{self, CheckProgress};
use crate::sealed_reveal::{self, SealedReveal};
use crate::state::AppState;
use chrono::Utc;
use coffre_core::check_run::{self, CheckRun};
use coffre_core::checks::{self, BaseUrlOverrides};
use coffre_core::keys::{self, FieldName, KeyEdit, KeyForm};
use coffre_core::verdicts::{self, PlatformVerdict};
use coffre_core::views::{CopyResult, KeyDetail, KeySummary, PlatformInfo};
use coffre_model::CheckReport;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use ts_rs::TS;

#[tauri::command]
pub fn keys_list(state: State<'_, AppState>) -> AppResult<Vec<KeySummary>> {
    Ok(keys::list(&state.session)?)
}

/// The inventory's totals per exchange.
#[tauri::command]
pub fn keys_holdings(state: State<'_, AppState>) -> AppResult<coffre_core::holdings::Summary> {
    Ok(keys::holdings(&state.session)?)
}

#[tauri::command]
pub fn key_get(state: State<'_, AppState>, id: String) -> AppResult<KeyDetail> {
    Ok(keys::detail(&state.session, &id)?)
}

/// Saves a new key from what was pasted into form `form`, only if it is valid for the exchange.
#[tauri::command]
pub fn key_add(state: State<'_, AppState>, key: KeyForm, form: String) -> AppResult<String> {
    Ok(keys::add_from_form(&state.session, key, &form)?)
}

#[tauri::command]
pub fn key_update(state: State<'_, AppState>, edit: KeyEdit) -> AppResult<()> {
    Ok(keys::update(&state.session, edit)?)
}

/// What rotating a key led to: its fresh check, the platforms re-judged, where to paste it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReplaceOutcome {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub report: Option<CheckReport>,
    pub verdicts: Vec<PlatformVerdict>,
    pub paste_into: Vec<PlatformInfo>,
}

/// New credentials, pasted into form `form`, for an existing key (after rotating it on the
/// exchange); the old ones go to the key's history. Then checks the new key, saves that check and re-judges the platforms.
#[tauri::command]
pub async fn key_replace_credentials<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    form: String,
) -> AppResult<ReplaceOutcome> {
    let state = app.state::<AppState>();
    let session = &state.session;
    keys::replace_from_form(session, &id, &form)?;
    let report = checks::check_one(session, &id).await?;
    let meta = session.with_vault(|v| Ok(v.get(&id)?.meta))?;
    let lang = state.lang();
    Ok(ReplaceOutcome {
        report: Some(report),
        verdicts: verdicts::key_verdicts(&meta, lang, Utc::now()),
        paste_into: verdicts::platform_infos(&meta.platforms, lang),
    })
}

#[tauri::command]
pub fn key_delete(state: State<'_, AppState>, id: String) -> AppResult<()> {
    Ok(keys::delete(&state.session, &id)?)
}

/// One credential, on explicit user request only and only a few times in a row, sealed to the
/// page's one-time key (`publicKey`): the page alone can open it (`crate::sealed_reveal`).
#[tauri::command]
pub fn key_reveal(
    state: State<'_, AppState>,
    id: String,
    field: FieldName,
    public_key: String,
) -> AppResult<SealedReveal> {
    state.allow_reveal()?;
    let secret = keys::reveal(&state.session, &id, field)?;
    Ok(sealed_reveal::seal(&secret, &public_key)?)
}

/// Copies one credential to the clipboard from Rust; it is cleared after the configured delay.
#[tauri::command]
pub fn key_copy(state: State<'_, AppState>, id: String, field: FieldName) -> AppResult<CopyResult> {
    let clear_after = state.clipboard_clear_after();
    Ok(keys::copy(&state.session, &id, field, clear_after)?)
}

#[tauri::command]
pub async fn key_check<R: Runtime>(app: AppHandle<R>, id: String) -> AppResult<CheckReport> {
    Ok(checks::check_one(&app.state::<AppState>().session, &id).await?)
}

/// Saves the regional host the key's last check found (OKX EEA, WhiteBIT EU…) as the key's host;
/// returns it.
#[tauri::command]
pub fn key_save_found_host(state: State<'_, AppState>, id: String) -> AppResult<String> {
    Ok(coffre_core::regions::save_found_host(&state.session, &id)?)
}

/// Checks every key in the background, concurrently (the same path as `coffre check`),
/// reporting each as it goes; returns at once. While a run is going, it is that run.
#[tauri::command]
pub fn keys_check_all<R: Runtime>(app: AppHandle<R>) -> AppResult<()> {
    start_check_all(app)
}

/// Where the current or last "Check all" is (the page shows it when it opens again).
#[tauri::command]
pub fn keys_check_all_status(state: State<'_, AppState>) -> CheckRun {
    check_run::current(&state.session)
}

/// Starts a run owned by the session (not by the page), unless one is going.
pub(crate) fn start_check_all<R: Runtime>(app: AppHandle<R>) -> AppResult<()> {
    let state = app.state::<AppState>();
    let ids = checks::all_ids(&state.session)?;
    if !check_run::begin(&state.session, &ids) {
        return Ok(());
    }
    let lang = state.lang();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let emit = |progress: CheckProgress| {
            let _ = app.emit(events::CHECK_PROGRESS, progress);
        };
        check_run::run(&state.session, &ids, &BaseUrlOverrides::new(), lang, &emit).await;
        let _ = app.emit(events::CHECK_ALL_DONE, ());
    });
    Ok(())
}
