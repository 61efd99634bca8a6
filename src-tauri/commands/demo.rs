//! Demo mode: the mock exchanges started as their own process and a demo vault wired to them.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use coffre_core::{demo, CoreError};
use tauri::{AppHandle, Manager, Runtime};

/// Starts the mock exchanges (`coffre-mock-exchange`, beside the app), builds a fresh demo vault
/// (password `demo`) pointing at them and opens it. Locking ends the demo and stops them.
#[tauri::command]
pub async fn demo_start<R: Runtime>(app: AppHandle<R>) -> AppResult<()> {
    let program = demo::find_mock_program().ok_or_else(|| {
        CoreError::Demo(format!(
            "{} is not installed beside Coffre",
            demo::MOCK_PROGRAM
        ))
    })?;
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = handle.state::<AppState>();
        // Closing through the app remembers the counter of a vault still open (seen_counters.rs).
        state.close();
        demo::open_in(
            &state.session,
            &state.dirs.demo_vault(),
            &program,
            state.lang(),
        )?;
        state.touch();
        Ok::<_, AppError>(())
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    // The demo opens checked: its keys' verdicts, not a screen of grey "Not checked".
    super::keys::start_check_all(app)
}
