//! Coffre's desktop shell: Tauri commands over `coffre_core`'s use cases, the app's state, the
//! auto-lock timer and the webview's settings. `run` starts the real app; `app_builder` is generic over the
//! runtime so `tauri::test::mock_builder()` drives the same command set in tests.
#![deny(unsafe_code)]

pub mod base_urls;
pub mod commands;
mod dialogs;
pub mod error;
pub mod events;
mod hardening;
pub mod navigation;
pub mod sealed_reveal;
pub mod secret_arg;
pub mod seen_counters;
pub mod settings;
pub mod state;
pub mod timers;
pub mod unlock_cancel;
pub mod unlock_guard;
pub mod views;
pub mod webview;
pub mod zeroizing_alloc;

pub use coffre_core::demo::DEMO_PASSWORD;

use coffre_core::clipboard::ClipboardService;
use state::{AppDirs, AppState};
use std::sync::{Arc, OnceLock};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// Starts the desktop app (blocks until it quits).
pub fn run() {
    hardening::harden();
    let builder = tauri::Builder::default()
        // First, so a second launch only focuses the running window (and opens nothing).
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(navigation::plugin())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init());
    app_builder(builder, None)
        .build(tauri::generate_context!())
        .expect("cannot start Coffre")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Leave no secret behind: on the clipboard, or in memory.
                if let Some(state) = app.try_state::<AppState>() {
                    state.close();
                }
            }
        });
}

/// Registers Coffre's state, commands and timers on `builder`. `dirs` overrides where files go
/// (tests); by default the app's data and config dirs.
pub fn app_builder<R: Runtime>(
    builder: tauri::Builder<R>,
    dirs: Option<AppDirs>,
) -> tauri::Builder<R> {
    let handler: Box<dyn Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync> =
        Box::new(tauri::generate_handler![
            commands::vault::app_status,
            commands::vault::vault_create,
            commands::vault::vault_unlock,
            commands::vault::vault_unlock_cancel,
            commands::vault::vault_lock,
            commands::vault::vault_pick_file,
            commands::vault::activity,
            commands::vault::password_change,
            commands::vault::backup_create,
            commands::vault::backup_restore,
            commands::vault::backup_restore_pick,
            commands::vault::rollback_accept,
            commands::demo::demo_start,
            commands::keys::keys_list,
            commands::keys::keys_holdings,
            commands::keys::key_get,
            commands::paste_in::form_open,
            commands::paste_in::form_paste,
            commands::paste_in::form_type_passphrase,
            commands::paste_in::form_clear_field,
            commands::paste_in::form_recheck,
            commands::paste_in::form_discard,
            commands::keys::key_add,
            commands::keys::key_update,
            commands::keys::key_replace_credentials,
            commands::keys::key_delete,
            commands::keys::key_reveal,
            commands::keys::key_copy,
            commands::keys::key_check,
            commands::keys::key_save_found_host,
            commands::keys::keys_check_all,
            commands::keys::keys_check_all_status,
            commands::platforms::key_verdicts,
            commands::platforms::platform_ips_set,
            commands::platforms::platform_ips_copy,
            commands::platforms::safety_overview,
            commands::platforms::paste_sequence_start,
            commands::platforms::paste_sequence_next,
            commands::platforms::paste_sequence_cancel,
            commands::platforms::paste_sequence_copy,
            commands::platforms::auto_type_key,
            commands::platforms::bot_command_line,
            commands::platforms::bot_command_copy,
            commands::platforms::key_export,
            commands::platforms::keygen_ed25519,
            commands::platforms::key_add_generated,
            commands::share::key_share_export,
            commands::share::key_share_import,
            commands::settings::settings_get,
            commands::settings::settings_set,
            commands::catalog::catalog_exchanges,
            commands::catalog::catalog_platforms,
            commands::catalog::catalog_guide,
            commands::explain::error_explain,
        ]);
    // The clipboard thread starts before the app exists; it emits once `setup` has the handle.
    let handle: Arc<OnceLock<AppHandle<R>>> = Arc::default();
    let clipboard = clipboard_for(handle.clone());
    // Known directories (tests) are managed at once, since the mock runtime never runs `setup`.
    let (builder, pending) = match dirs {
        Some(dirs) => (builder.manage(AppState::new(dirs, clipboard)), None),
        None => (builder, Some(clipboard)),
    };
    builder
        .setup(move |app| {
            let _ = handle.set(app.handle().clone());
            if let Some(clipboard) = pending {
                let dirs = AppDirs {
                    data: app.path().app_data_dir()?,
                    config: app.path().app_config_dir()?,
                };
                app.manage(AppState::new(dirs, clipboard));
            }
            timers::start_auto_lock(app.handle().clone());
            timers::start_lock_on_sleep(app.handle().clone());
            timers::start_key_radar(app.handle().clone());
            webview::tune(app.handle());
            Ok(())
        })
        // Every command the ACL lets through counts as user activity for auto-lock.
        .invoke_handler(move |invoke: tauri::ipc::Invoke<R>| {
            if let Some(state) = invoke.message.webview_ref().try_state::<AppState>() {
                state.touch();
            }
            handler(invoke)
        })
}

/// The clipboard owner, forwarding its countdown to the webview once the app is up.
fn clipboard_for<R: Runtime>(app: Arc<OnceLock<AppHandle<R>>>) -> ClipboardService {
    ClipboardService::start(Box::new(move |event| {
        if let Some(app) = app.get() {
            let _ = app.emit(events::CLIPBOARD, event);
        }
    }))
}
