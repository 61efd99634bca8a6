//! Demo mode: the built-in mock exchanges on loopback and a demo vault wired to them.

use crate::error::{AppError, AppResult};
use crate::state::{AppState, Demo};
use tauri::{AppHandle, Manager, Runtime};

/// Starts the mock exchanges, builds a fresh demo vault (password `demo`) pointing at them and
/// opens it. Locking ends the demo.
#[tauri::command]
pub async fn demo_start<R: Runtime>(app: AppHandle<R>) -> AppResult<()> {
    let state = app.state::<AppState>();
    let mock = coffre_mock_exchange::start(
        coffre_mock_exchange::demo_accounts(),
        coffre_mock_exchange::MockOptions::default(),
    )
    .await?;
    let path = state.dirs.demo_vault();
    let urls = mock.urls().clone();
    let vault =
        tauri::async_runtime::spawn_blocking(move || crate::demo::build_vault(&path, &urls))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??;
    let stop = Box::new(move || {
        tauri::async_runtime::spawn(mock.shutdown());
    });
    state.start_demo(Demo { stop }, vault);
    Ok(())
}
