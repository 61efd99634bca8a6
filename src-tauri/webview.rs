//! WebKitGTK settings for a small forms-and-lists UI. GPU compositing buys Coffre nothing visible
//! and costs a GL context in the web process (about 80 MB measured under Mesa, and slower drawing
//! with software GL); it is also behind the blank-window reports of WebKitGTK apps on some
//! drivers. The memory cache model of a document viewer keeps no cache of pages never revisited.
//!
//! On lock the web content process is replaced and a fresh one loads the unlock screen: whatever the
//! page held (a revealed value, the master password typed into its field, IPC buffers, strings
//! the JavaScript engine has not collected yet) goes with the process's memory. docs/architecture.md
//! says what the equivalent is on Windows and macOS.

use tauri::{AppHandle, Manager, Runtime};

pub fn tune<R: Runtime>(app: &AppHandle<R>) {
    for window in app.webview_windows().into_values() {
        #[cfg(target_os = "linux")]
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{
                CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
            };
            let view = webview.inner();
            if let Some(settings) = WebViewExt::settings(&view) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        #[cfg(not(target_os = "linux"))]
        let _ = window;
    }
}

/// Set by the end-to-end memory test: see [`fresh_web_content`].
pub const END_WEB_PROCESS_UNDER_AUTOMATION: &str = "COFFRE_E2E_END_WEB_PROCESS";

/// Ends each window's web content process and loads the app again in a new one (WebKitGTK's
/// `terminate_web_process`, then `reload`). Called after every lock.
///
/// WebDriver treats the end of the page's process as a crash and closes its session, so a page
/// driven by WebDriver (never a user's) keeps its process unless the test asks for the real thing:
/// the memory test does, the flows that lock and unlock in one session do not.
pub fn fresh_web_content<R: Runtime>(app: &AppHandle<R>) {
    for window in app.webview_windows().into_values() {
        #[cfg(target_os = "linux")]
        let _ = window.with_webview(|webview| {
            use webkit2gtk::WebViewExt;
            let view = webview.inner();
            if view.is_controlled_by_automation()
                && std::env::var_os(END_WEB_PROCESS_UNDER_AUTOMATION).is_none()
            {
                return;
            }
            view.terminate_web_process();
            view.reload();
        });
        #[cfg(not(target_os = "linux"))]
        let _ = window;
    }
}
