//! Native file dialogs, run from Rust so the webview needs no file-system or dialog permission.
//! Each returns `None` when the user cancels (or the dialog plugin is not loaded, as in tests).

use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{Dialog, DialogExt, FileDialogBuilder};

const VAULT_EXTENSIONS: &[&str] = &["coffre"];
const SHARE_EXTENSIONS: &[&str] = &["coffre-share"];
/// The window's label in tauri.conf.json.
const MAIN_WINDOW: &str = "main";

/// A file dialog builder, if the plugin is loaded. It is made modal to the main window: a free-standing
/// dialog lets the user click "Back up" again behind it, and the second dialog's cancel then
/// overwrote the first one's saved backup ("No backup made" after saving one).
fn dialog<R: Runtime>(app: &AppHandle<R>, title: &str) -> Option<FileDialogBuilder<R>> {
    app.try_state::<Dialog<R>>()?;
    let builder = app.dialog().file().set_title(title);
    Some(match app.get_webview_window(MAIN_WINDOW) {
        Some(window) => builder.set_parent(&window),
        None => builder,
    })
}

/// A dialog for vault and backup files.
fn vault_dialog<R: Runtime>(app: &AppHandle<R>, title: &str) -> Option<FileDialogBuilder<R>> {
    Some(dialog(app, title)?.add_filter("Coffre vault", VAULT_EXTENSIONS))
}

/// A dialog for share files.
fn share_dialog<R: Runtime>(app: &AppHandle<R>, title: &str) -> Option<FileDialogBuilder<R>> {
    Some(dialog(app, title)?.add_filter("Coffre share", SHARE_EXTENSIONS))
}

/// Runs a blocking dialog off the async runtime's workers.
async fn run<F>(show: F) -> Option<PathBuf>
where
    F: FnOnce() -> Option<tauri_plugin_dialog::FilePath> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || show()?.into_path().ok())
        .await
        .ok()
        .flatten()
}

/// An existing vault file to open.
pub async fn pick_vault<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let b = vault_dialog(app, "Open a Coffre vault")?;
    run(move || b.blocking_pick_file()).await
}

/// Where to write a backup.
pub async fn pick_backup_destination<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let name = format!(
        "coffre-backup-{}.coffre",
        chrono::Local::now().format("%Y-%m-%d")
    );
    let b = vault_dialog(app, "Save a backup of the vault")?.set_file_name(name);
    run(move || b.blocking_save_file()).await
}

/// A backup to restore.
pub async fn pick_backup_source<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let b = vault_dialog(app, "Restore a backup")?;
    run(move || b.blocking_pick_file()).await
}

/// Where to write a key export; `file_name` is the suggested name.
pub async fn pick_export_destination<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
) -> Option<PathBuf> {
    let b = dialog(app, "Export the key")?.set_file_name(file_name);
    run(move || b.blocking_save_file()).await
}

/// Where to write a key's share file.
pub async fn pick_share_destination<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
) -> Option<PathBuf> {
    let b = share_dialog(app, "Save the encrypted share file")?.set_file_name(file_name);
    run(move || b.blocking_save_file()).await
}

/// A share file to import.
pub async fn pick_share_source<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let b = share_dialog(app, "Import a shared key")?;
    run(move || b.blocking_pick_file()).await
}
