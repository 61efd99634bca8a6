//! What the app holds between commands: the core's session (the open vault, or none when locked),
//! the user's settings, the wrong-password guard and the idle clock.

use crate::error::{AppError, AppResult};
use crate::events;
use crate::settings::{Language, Settings};
use crate::unlock_guard::UnlockGuard;
use coffre_core::clipboard::ClipboardService;
use coffre_core::clock::BootInstant;
use coffre_core::Session;
use coffre_vault::Vault;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};
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

    /// The wrong-password count and delay, kept across restarts.
    pub fn unlock_guard_file(&self) -> PathBuf {
        self.config.join("unlock-guard.json")
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

/// Shared state of the app, managed by Tauri: the core's session and what only the app has.
pub struct AppState {
    pub dirs: AppDirs,
    /// The unlocked vault and every secret that lives while it is open.
    pub session: Session,
    /// Exchanges whose checks the environment sends elsewhere (debug builds only), shown in the UI.
    pub base_url_overrides: Vec<String>,
    settings: Mutex<Settings>,
    guard: Mutex<UnlockGuard>,
    /// Held by the unlock attempt running its KDF: the next one waits, then sees the delay the
    /// previous one earned.
    unlock_turn: Mutex<()>,
    /// On the boot clock: time asleep counts as idle time.
    last_activity: Mutex<BootInstant>,
    /// When the last reveals happened, for their rate limit.
    reveals: Mutex<std::collections::VecDeque<BootInstant>>,
}

/// At most this many reveals in [`REVEAL_WINDOW`]: reading one key to copy it by hand is normal;
/// a script walking through every key through the UI is not.
pub const REVEALS_PER_WINDOW: usize = 3;
/// See [`REVEALS_PER_WINDOW`].
pub const REVEAL_WINDOW: Duration = Duration::from_secs(30);

/// Locks a mutex even if a panicking command poisoned it: the data (plain settings, the idle
/// clock) stays consistent because every update is a single assignment.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Loads the settings and starts locked; exchange base URLs come from the environment.
    pub fn new(dirs: AppDirs, clipboard: ClipboardService) -> AppState {
        let settings = Settings::load(&dirs.settings_file());
        let guard = UnlockGuard::load(&dirs.unlock_guard_file());
        let (checker, base_url_overrides) = crate::base_urls::checker_from_env();
        AppState {
            dirs,
            session: Session::new(checker, clipboard),
            base_url_overrides,
            settings: Mutex::new(settings),
            guard: Mutex::new(guard),
            unlock_turn: Mutex::new(()),
            last_activity: Mutex::new(BootInstant::now()),
            reveals: Mutex::default(),
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
        self.session.is_unlocked()
    }

    pub fn is_demo(&self) -> bool {
        self.session.is_demo()
    }

    /// Runs `f` on the open vault; `Locked` when there is none.
    pub fn with_vault<T>(&self, f: impl FnOnce(&Vault) -> AppResult<T>) -> AppResult<T> {
        let mut result = None;
        self.session.with_vault(|v| {
            result = Some(f(v));
            Ok(())
        })?;
        result.expect("ran")
    }

    /// Installs a freshly unlocked or created vault (replacing, and so closing, any other).
    pub fn open(&self, vault: Vault) {
        self.session.open(vault);
        self.touch();
    }

    /// Locks: the session drops the vault, every secret and the demo. Returns whether a vault
    /// was open.
    pub fn close(&self) -> bool {
        self.session.lock()
    }

    /// How long the clipboard keeps a copied secret.
    pub fn clipboard_clear_after(&self) -> Duration {
        Duration::from_secs(u64::from(lock(&self.settings).clipboard_clear_seconds))
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

    /// Counts one reveal, or says how long to wait when the rate limit is reached.
    pub fn allow_reveal(&self) -> AppResult<()> {
        let mut reveals = lock(&self.reveals);
        while reveals
            .front()
            .is_some_and(|t| t.elapsed() >= REVEAL_WINDOW)
        {
            reveals.pop_front();
        }
        if reveals.len() >= REVEALS_PER_WINDOW {
            let oldest = *reveals.front().expect("full");
            let wait = REVEAL_WINDOW.saturating_sub(oldest.elapsed());
            return Err(AppError::TooManyReveals {
                wait_ms: wait.as_millis() as u64,
            });
        }
        reveals.push_back(BootInstant::now());
        Ok(())
    }

    /// Marks the user as active now (any command does).
    pub fn touch(&self) {
        *lock(&self.last_activity) = BootInstant::now();
    }

    /// How long the user has been idle.
    pub fn idle_for(&self) -> Duration {
        lock(&self.last_activity).elapsed()
    }

    /// Runs one password attempt (`attempt` runs the KDF) in turn with any other: waits for the
    /// attempt before it to finish, refuses while the wrong-password delay runs, then records the
    /// outcome. Blocking: call it off async workers.
    pub fn password_attempt<T>(
        &self,
        attempt: impl FnOnce() -> Result<T, coffre_vault::VaultError>,
    ) -> AppResult<T> {
        let _turn = lock(&self.unlock_turn);
        let wait = lock(&self.guard).remaining(SystemTime::now());
        if !wait.is_zero() {
            return Err(AppError::TooManyAttempts {
                wait_ms: wait.as_millis() as u64,
            });
        }
        let result = attempt();
        let mut guard = lock(&self.guard);
        match &result {
            Ok(_) => guard.record_success(),
            Err(coffre_vault::VaultError::WrongPassword) => guard.record_failure(SystemTime::now()),
            Err(_) => return Ok(result?),
        }
        guard.save(&self.dirs.unlock_guard_file());
        Ok(result?)
    }

    /// The delay before the next unlock attempt is allowed, for `app_status`.
    pub fn unlock_delay(&self) -> Duration {
        lock(&self.guard).remaining(SystemTime::now())
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
