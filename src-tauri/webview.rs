//! WebKitGTK settings for a small forms-and-lists UI. GPU compositing buys Coffre nothing visible
//! and costs a GL context in the web process (about 80 MB measured under Mesa, and slower drawing
//! with software GL); it is also behind the blank-window reports of WebKitGTK apps on some
//! drivers. The memory cache model of a document viewer keeps no cache of pages never revisited.

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
