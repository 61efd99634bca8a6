//! A mock-runtime Coffre app with its files in a temp dir, and a helper to call its commands.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// Valid Binance-shaped HMAC credentials (64 alphanumerics each).
pub const API_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
pub const SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
pub const PASSWORD: &str = "correct horse battery staple";

/// A running mock app; the temp dir lives as long as it does.
pub struct TestApp {
    /// Kept alive for the window's sake.
    pub _app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    pub dir: tempfile::TempDir,
}

impl TestApp {
    /// The app with the empty test ACL (every app command allowed).
    pub fn new() -> TestApp {
        Self::with_context(mock_context(noop_assets()))
    }

    pub fn with_context(context: tauri::Context<MockRuntime>) -> TestApp {
        Self::with_window(context, "main")
    }

    pub fn with_window(context: tauri::Context<MockRuntime>, label: &str) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        Self::build(context, label, &root, dir)
    }

    /// A second app on the files of `other` (a restart): same vault, settings and guard files.
    pub fn on_files(other: &tempfile::TempDir) -> TestApp {
        let own = tempfile::tempdir().unwrap();
        Self::build(mock_context(noop_assets()), "main", other.path(), own)
    }

    fn build(
        context: tauri::Context<MockRuntime>,
        label: &str,
        root: &std::path::Path,
        dir: tempfile::TempDir,
    ) -> TestApp {
        let dirs = coffre_app_lib::state::AppDirs {
            data: root.join("data"),
            config: root.join("config"),
        };
        let app = coffre_app_lib::app_builder(mock_builder(), Some(dirs))
            .build(context)
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, label, Default::default())
            .build()
            .unwrap();
        TestApp {
            _app: app,
            window,
            dir,
        }
    }

    /// Calls `cmd` with `args` as the UI would; the answer or the `{code, message}` error.
    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        call_window(&self.window, cmd, args)
    }

    /// The error code of a call that must fail.
    pub fn error_code(&self, cmd: &str, args: Value) -> String {
        let err = self.call(cmd, args).expect_err("call should fail");
        err["code"].as_str().unwrap_or_default().to_owned()
    }

    /// Creates the vault with a fast (OWASP-floor) KDF; it is left unlocked.
    pub fn create_vault(&self) {
        self.call(
            "vault_create",
            json!({"password": PASSWORD, "kdf": {"mib": 19, "passes": 2, "lanes": 1}}),
        )
        .unwrap();
    }

    /// Adds a valid Binance key labelled `label`, returning its id.
    pub fn add_key(&self, label: &str) -> String {
        let key = json!({"exchange": "binance", "label": label, "platforms": [], "notes": "",
            "tags": []});
        let args = json!({ "key": key, "apiKey": API_KEY, "secret": SECRET });
        let id = self.call("key_add", args).unwrap();
        id.as_str().unwrap().to_owned()
    }
}

/// Calls `cmd` on `window` as the UI would (usable from several threads at once).
pub fn call_window(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}
