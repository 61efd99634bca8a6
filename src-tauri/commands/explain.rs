//! "Paste an error from your bot": the error doctor. The pasted line is not a secret; it is read
//! here and never sent anywhere.

use crate::error::AppResult;
use crate::state::AppState;
use coffre_core::explain::{self, ExplainView};
use tauri::State;

/// The causes of the refusal in `text`, in `lang`, and the vault's keys of that exchange (none
/// while locked).
#[tauri::command]
pub fn error_explain(
    state: State<'_, AppState>,
    text: String,
    lang: String,
) -> AppResult<ExplainView> {
    Ok(explain::explain_for(&state.session, &text, &lang)?)
}
