//! The webview stays on the app's own pages: a navigation anywhere else (a link in a note, an
//! injected `location = …`) is refused, so no other origin ever runs beside the IPC bridge.

use tauri::plugin::TauriPlugin;
use tauri::{Runtime, Url};

/// Whether the main webview may go to `url`: the app's bundled pages (`tauri://localhost`, or
/// `http(s)://tauri.localhost` where the platform serves them so), the isolation frame, and in
/// development builds the Vite dev server.
pub fn allowed(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("isolation", _) => true,
        ("about", _) => url.as_str() == "about:blank",
        ("http", Some("127.0.0.1")) if cfg!(debug_assertions) => url.port() == Some(5173),
        _ => false,
    }
}

/// The plugin that applies [`allowed`] to every webview of the app.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("coffre-navigation")
        .on_navigation(|_webview, url| {
            let ok = allowed(url);
            if !ok {
                eprintln!("coffre: refused navigation to {}", url.scheme());
            }
            ok
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn the_apps_own_pages_are_allowed() {
        assert!(allowed(&url("tauri://localhost/index.html")));
        assert!(allowed(&url("http://tauri.localhost/")));
        assert!(allowed(&url("about:blank")));
    }

    #[test]
    fn any_other_origin_is_refused() {
        for other in [
            "https://evil.example/",
            "http://localhost/",
            "https://tauri.localhost.evil.example/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,hi",
            "http://127.0.0.1:8080/",
        ] {
            assert!(!allowed(&url(other)), "{other}");
        }
    }
}
