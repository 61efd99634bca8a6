//! What the app holds between commands: the open vault (or none when locked), the user's settings,
//! the wrong-password guard, the idle clock, the clipboard owner and the demo's mock exchanges.

use crate::clipboard::ClipboardService;
use crate::error::{AppError, AppResult};
use crate::events;
use crate::paste_sequence::Running;
use crate::settings::{Language, Settings};
use crate::unlock_guard::UnlockGuard;
use coffre_secret::SecretString;
use coffre_vault::Vault;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, Runtime};

/// Where the app keeps its files.
#[derive(Debug, Clone)]
pub struct AppDirs {
    /// Vault files (the app data dir).
    pub data: PathBuf,
    /// `settings.json` (the app config dir).
    pub config: PathBuf,
}

impl AppDirs {
    pub fn settings_file(&self) -> PathBuf {
        self.config.join("settings.json")
    }

    /// The vault used until the user picks another file.
    pub fn default_vault(&self) -> PathBuf {
        self.data.join("vault.coffre")
    }

    /// The demo vault, wired to the built-in mock exchanges.
    pub fn demo_vault(&self) -> PathBuf {
        self.data.join("demo.coffre")
    }
}

/// The running demo: its mock exchanges stay up while the demo vault is open; `stop` shuts
/// them down.
pub struct Demo {
    pub stop: Box<dyn FnOnce() + Send>,
}

/// Shared state of the app, managed by Tauri.
pub struct AppState {
    pub dirs: AppDirs,
    vault: Mutex<Option<Vault>>,
    settings: Mutex<Settings>,
    guard: Mutex<UnlockGuard>,
    last_activity: Mutex<Instant>,
    demo: Mutex<Option<Demo>>,
    pub clipboard: ClipboardService,
    pub checker: coffre_exchanges::Checker,
    paste: Mutex<Option<Running>>,
    /// Generated private keys waiting for the exchange's API key, by draft id.
    drafts: Mutex<HashMap<String, SecretString>>,
    next_draft: AtomicU64,
}

/// Locks a mutex even if a panicking command poisoned it: the data (an `Option<Vault>`, plain
/// settings) stays consistent because every update is a single assignment.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Loads the settings and starts locked; exchange base URLs come from the environment.
    pub fn new(dirs: AppDirs, clipboard: ClipboardService) -> AppState {
        let settings = Settings::load(&dirs.settings_file());
        AppState {
            dirs,
            vault: Mutex::new(None),
            settings: Mutex::new(settings),
            guard: Mutex::new(UnlockGuard::default()),
            last_activity: Mutex::new(Instant::now()),
            demo: Mutex::new(None),
            clipboard,
            checker: crate::base_urls::checker_from_env(),
            paste: Mutex::new(None),
            drafts: Mutex::new(HashMap::new()),
            next_draft: AtomicU64::new(1),
        }
    }

    /// The vault file in use: the demo's while a demo runs, else the user's choice or the default.
    pub fn vault_path(&self) -> PathBuf {
        if self.is_demo() {
            return self.dirs.demo_vault();
        }
        lock(&self.settings)
            .vault_path
            .clone()
            .unwrap_or_else(|| self.dirs.default_vault())
    }

    pub fn is_unlocked(&self) -> bool {
        lock(&self.vault).is_some()
    }

    pub fn is_demo(&self) -> bool {
        lock(&self.demo).is_some()
    }

    /// Runs `f` on the open vault; `Locked` when there is none.
    pub fn with_vault<T>(&self, f: impl FnOnce(&Vault) -> AppResult<T>) -> AppResult<T> {
        let guard = lock(&self.vault);
        f(guard.as_ref().ok_or(AppError::Locked)?)
    }

    /// Runs `f` on the open vault, for changes.
    pub fn with_vault_mut<T>(&self, f: impl FnOnce(&mut Vault) -> AppResult<T>) -> AppResult<T> {
        let mut guard = lock(&self.vault);
        f(guard.as_mut().ok_or(AppError::Locked)?)
    }

    /// Installs a freshly unlocked or created vault (replacing, and so closing, any other).
    pub fn open(&self, vault: Vault) {
        *lock(&self.vault) = Some(vault);
        self.touch();
    }

    /// Drops the vault (its data key is zeroized by its `Drop`) and clears our clipboard copy.
    /// Returns whether a vault was open. Ends a running demo; drops (wipes) a running paste
    /// sequence and any generated key drafts.
    pub fn close(&self) -> bool {
        let was_open = lock(&self.vault).take().is_some();
        lock(&self.paste).take();
        lock(&self.drafts).clear();
        self.clipboard.clear_if_ours();
        if let Some(demo) = lock(&self.demo).take() {
            (demo.stop)();
        }
        was_open
    }

    /// Starts a demo: its mock exchanges stay up until the demo vault is locked.
    pub fn start_demo(&self, demo: Demo, vault: Vault) {
        self.close();
        *lock(&self.demo) = Some(demo);
        self.open(vault);
    }

    /// The running paste sequence, if any.
    pub fn paste_sequence(&self) -> MutexGuard<'_, Option<Running>> {
        lock(&self.paste)
    }

    /// Keeps a generated private key until `key_add_generated` stores it; returns its draft id.
    pub fn add_draft(&self, private_key: SecretString) -> String {
        let id = format!("draft-{}", self.next_draft.fetch_add(1, Ordering::Relaxed));
        lock(&self.drafts).insert(id.clone(), private_key);
        id
    }

    /// A copy of a draft's private key.
    pub fn draft(&self, id: &str) -> Option<SecretString> {
        lock(&self.drafts).get(id).cloned()
    }

    /// Forgets (wipes) a draft once stored.
    pub fn remove_draft(&self, id: &str) {
        lock(&self.drafts).remove(id);
    }

    /// The language for labels chosen in Rust (the UI's setting; English when it follows the system).
    pub fn lang(&self) -> &'static str {
        match lock(&self.settings).language {
            Language::Fr => "fr",
            Language::Vi => "vi",
            Language::En | Language::System => "en",
        }
    }

    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    /// Validates, saves, then applies new settings.
    pub fn set_settings(&self, settings: Settings) -> AppResult<()> {
        settings.validate()?;
        settings.save(&self.dirs.settings_file())?;
        *lock(&self.settings) = settings;
        Ok(())
    }

    /// Marks the user as active now (any command does).
    pub fn touch(&self) {
        *lock(&self.last_activity) = Instant::now();
    }

    /// How long the user has been idle.
    pub fn idle_for(&self) -> Duration {
        lock(&self.last_activity).elapsed()
    }

    /// Refuses an unlock attempt while the wrong-password delay runs.
    pub fn check_unlock_allowed(&self) -> AppResult<()> {
        let wait = lock(&self.guard).remaining(Instant::now());
        if wait.is_zero() {
            Ok(())
        } else {
            Err(AppError::TooManyAttempts {
                wait_ms: wait.as_millis() as u64,
            })
        }
    }

    /// The delay before the next unlock attempt is allowed, for `app_status`.
    pub fn unlock_delay(&self) -> Duration {
        lock(&self.guard).remaining(Instant::now())
    }

    /// Feeds an unlock outcome to the guard.
    pub fn record_unlock_result<T>(&self, result: &Result<T, coffre_vault::VaultError>) {
        let mut guard = lock(&self.guard);
        match result {
            Ok(_) => guard.record_success(),
            Err(coffre_vault::VaultError::WrongPassword) => guard.record_failure(Instant::now()),
            Err(_) => {}
        }
    }
}

/// Locks the vault and tells the UI; used by `vault_lock`, the idle timer and quitting.
pub fn lock_and_notify<R: Runtime>(app: &AppHandle<R>, state: &AppState) {
    state.close();
    let _ = app.emit(events::LOCKED, ());
}

/// Whether `path` holds a vault file.
pub fn vault_exists(path: &Path) -> bool {
    path.is_file()
}
