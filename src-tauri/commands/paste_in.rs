//! The credential fields of the app's forms: Rust reads the clipboard, keeps the value in the
//! form's draft and answers with a verdict and a masked hint only (`coffre_core::paste_in`).

use crate::error::AppResult;
use crate::secret_arg::SecretArg;
use crate::state::AppState;
use coffre_core::keys::FieldName;
use coffre_core::paste_in;
use coffre_core::views::PasteResult;
use coffre_core::FieldProblem;
use tauri::State;

/// A new form draft; its id goes with every paste and with the save.
#[tauri::command]
pub fn form_open(state: State<'_, AppState>) -> AppResult<String> {
    Ok(paste_in::open_form(&state.session)?)
}

/// The Paste button (or Ctrl+V) of one credential field.
#[tauri::command]
pub fn form_paste(
    state: State<'_, AppState>,
    form: String,
    exchange: Option<String>,
    field: FieldName,
) -> AppResult<PasteResult> {
    Ok(paste_in::paste(
        &state.session,
        &form,
        exchange.as_deref(),
        field,
    )?)
}

/// A passphrase typed by hand.
#[tauri::command]
pub fn form_type_passphrase(
    state: State<'_, AppState>,
    form: String,
    exchange: Option<String>,
    value: SecretArg,
) -> AppResult<PasteResult> {
    Ok(paste_in::type_passphrase(
        &state.session,
        &form,
        exchange.as_deref(),
        value.expose(),
    )?)
}

/// The field's Clear button; answers what the other fields now show together.
#[tauri::command]
pub fn form_clear_field(
    state: State<'_, AppState>,
    form: String,
    exchange: Option<String>,
    field: FieldName,
) -> AppResult<Vec<FieldProblem>> {
    Ok(paste_in::clear_field(
        &state.session,
        &form,
        exchange.as_deref(),
        field,
    )?)
}

/// The field judged again after the user chose another exchange; `null` when it is empty.
#[tauri::command]
pub fn form_recheck(
    state: State<'_, AppState>,
    form: String,
    exchange: Option<String>,
    field: FieldName,
) -> AppResult<Option<PasteResult>> {
    Ok(paste_in::recheck(
        &state.session,
        &form,
        exchange.as_deref(),
        field,
    )?)
}

/// The form was cancelled or left the screen.
#[tauri::command]
pub fn form_discard(state: State<'_, AppState>, form: String) {
    paste_in::discard(&state.session, &form);
}
