//! A mock-runtime Coffre app with its files in a temp dir, and a helper to call its commands.

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

#[path = "../support/xclip.rs"]
mod xclip;

/// Valid Binance-shaped HMAC credentials (64 alphanumerics each).
pub const API_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
pub const SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
pub const PASSWORD: &str = "correct horse battery staple";
/// The tests' vaults' KDF: the OWASP floor, the cheapest the app accepts.
pub const FAST_KDF: coffre_vault::KdfParams = coffre_vault::KdfParams {
    mib: 19,
    passes: 2,
    lanes: 1,
};

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

    /// Creates the vault with the fast KDF; it is left unlocked.
    pub fn create_vault(&self) {
        let kdf = json!({"mib": FAST_KDF.mib, "passes": FAST_KDF.passes, "lanes": FAST_KDF.lanes});
        self.call("vault_create", json!({"password": PASSWORD, "kdf": kdf}))
            .unwrap();
    }

    /// Makes the vault file at the app's path (an app made with `new`) as the CLI would, for
    /// what the webview cannot set (a key's base URL, its last check): `fill` adds to it, then
    /// it is unlocked through the app. Returns what `fill` returned.
    pub fn vault_made_on_disk<T>(&self, fill: impl FnOnce(&mut coffre_vault::Vault) -> T) -> T {
        let path = self.dir.path().join("data").join("vault.coffre");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut vault = coffre_vault::Vault::create_with(
            &path,
            &PASSWORD.into(),
            FAST_KDF,
            coffre_vault::VaultOptions::default(),
        )
        .unwrap();
        let made = fill(&mut vault);
        drop(vault);
        self.call("vault_unlock", json!({ "password": PASSWORD }))
            .unwrap();
        made
    }

    /// Adds a valid Binance key labelled `label`, pasted as the UI does, returning its id.
    pub fn add_key(&self, label: &str) -> String {
        let form = self.pasted_form("binance", &[("api_key", API_KEY), ("secret", SECRET)]);
        let key = json!({"exchange": "binance", "label": label, "platforms": [], "notes": "",
            "tags": []});
        let id = self
            .call("key_add", json!({ "key": key, "form": form }))
            .unwrap();
        id.as_str().unwrap().to_owned()
    }

    /// Reveals one field as the page does: with a one-time public key, opening the sealed answer
    /// with its private half. The `{code, message}` error when refused.
    pub fn reveal(&self, id: &str, field: &str) -> Result<String, Value> {
        use coffre_app_lib::sealed_reveal::{open_for_tests, page_key_for_tests, SealedReveal};
        let (page, public_key) = page_key_for_tests();
        let answer = self.call(
            "key_reveal",
            json!({"id": id, "field": field, "publicKey": public_key}),
        )?;
        assert!(answer["ciphertext"].is_string(), "{answer}");
        let sealed = SealedReveal {
            public_key: answer["public_key"].as_str().unwrap().to_owned(),
            nonce: answer["nonce"].as_str().unwrap().to_owned(),
            ciphertext: answer["ciphertext"].as_str().unwrap().to_owned(),
        };
        Ok(open_for_tests(page, &sealed).expect("the page's key opens its reveal"))
    }

    /// Opens a form and pastes each `(field, value)` through the system clipboard, as the Paste
    /// button does; returns the form id.
    pub fn pasted_form(&self, exchange: &str, fields: &[(&str, &str)]) -> String {
        let form = self.call("form_open", json!({})).unwrap();
        for (field, value) in fields {
            let answer = self.paste(&form, exchange, field, value).unwrap();
            assert_eq!(answer["ok"], true, "{field}: {answer}");
        }
        form.as_str().unwrap().to_owned()
    }

    /// Copies `value` to the system clipboard and presses the field's Paste button.
    pub fn paste(
        &self,
        form: &Value,
        exchange: &str,
        field: &str,
        value: &str,
    ) -> Result<Value, Value> {
        let _turn = clipboard_turn();
        copy_in_another_app(value);
        self.call(
            "form_paste",
            json!({"form": form, "exchange": exchange, "field": field}),
        )
    }
}

/// The X clipboard is one for the whole test run: tests that use it take turns. A test takes
/// its turn before creating its app, so the app (whose clipboard thread clears its own copy when
/// it goes) is dropped before the turn passes on; pasting inside a turn is fine (re-entrant).
static CLIPBOARD: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    static TURNS_HELD: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

pub struct ClipboardTurn(#[allow(dead_code)] Option<std::sync::MutexGuard<'static, ()>>);

impl Drop for ClipboardTurn {
    fn drop(&mut self) {
        TURNS_HELD.with(|held| held.set(held.get() - 1));
    }
}

pub fn clipboard_turn() -> ClipboardTurn {
    let nested = TURNS_HELD.with(|held| held.get() > 0);
    let guard = (!nested).then(|| CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner()));
    TURNS_HELD.with(|held| held.set(held.get() + 1));
    ClipboardTurn(guard)
}

/// Puts `value` on the X clipboard from another process, as the exchange's web page in the
/// browser would (arboard's owner inside this process races its own clear with the next copy).
pub fn copy_in_another_app(value: &str) {
    xclip::copy(value, std::time::Duration::from_secs(5)).unwrap_or_else(|e| panic!("{e}"));
}

/// What the system clipboard holds now.
pub fn clipboard_text() -> Option<String> {
    arboard::Clipboard::new().ok()?.get_text().ok()
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
