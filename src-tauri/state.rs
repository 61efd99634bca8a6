//! What the app holds between commands: the core's session (the open vault, or none when locked),
//! the user's settings, the wrong-password guard, the vault counters seen and the idle clock.

use crate::error::{AppError, AppResult};
use crate::events;
use crate::seen_counters::SeenCounters;
use crate::settings::{Language, Settings};
use crate::unlock_cancel::{Ticket, UnlockCancel};
use crate::unlock_guard::UnlockGuard;
use crate::views::Rollback;
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

    /// The highest integrity counter seen per vault id, to notice an older file.
    pub fn seen_counters_file(&self) -> PathBuf {
        self.config.join("seen-counters.json")
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
    /// Lets `vault_unlock_cancel` abandon the attempts under way.
    pub unlock_cancel: UnlockCancel,
    seen: Mutex<SeenCounters>,
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
        let seen = SeenCounters::load(&dirs.seen_counters_file());
        let (checker, base_url_overrides) = crate::base_urls::checker_from_env();
        AppState {
            dirs,
            session: Session::new(checker, clipboard),
            base_url_overrides,
            settings: Mutex::new(settings),
            guard: Mutex::new(guard),
            unlock_turn: Mutex::new(()),
            unlock_cancel: UnlockCancel::default(),
            seen: Mutex::new(seen),
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

    /// Installs a freshly unlocked or created vault (replacing, and so closing, any other), and
    /// remembers its counter.
    pub fn open(&self, vault: Vault) {
        self.close();
        self.observe_counter(&vault);
        self.session.open(vault);
        self.touch();
    }

    /// [`AppState::open`] for the vault an unlock attempt produced, unless `vault_unlock_cancel`
    /// reached the attempt first: the vault is then dropped, its data key zeroized.
    pub fn open_attempt(&self, ticket: Ticket, vault: Vault) -> AppResult<()> {
        self.unlock_cancel
            .unless_cancelled(ticket, move || self.open(vault))
    }

    /// Locks: remembers the open vault's counter, then the session drops the vault, every secret
    /// and the demo. Returns whether a vault was open.
    pub fn close(&self) -> bool {
        let _ = self.session.with_vault(|v| {
            self.observe_counter(v);
            Ok(())
        });
        self.session.lock()
    }

    /// Remembers the counter of `vault` (authenticated: it is open) for its id. The demo vault is
    /// rebuilt at every start and not remembered. Best effort: a vault whose id or counter cannot
    /// be read is only not remembered this time.
    fn observe_counter(&self, vault: &Vault) {
        if self.is_demo() {
            return;
        }
        let (Ok(id), Ok(counter)) = (Vault::read_vault_id(vault.path()), vault.counter()) else {
            return;
        };
        let mut seen = lock(&self.seen);
        if seen.observe(&id, counter) {
            seen.save(&self.dirs.seen_counters_file());
        }
    }

    /// Whether the vault file at `path` is older than one seen before, for `app_status`. Reads
    /// the file's own, unauthenticated, counter: a warning, not a verdict.
    pub fn rollback(&self, path: &Path) -> Option<Rollback> {
        if !vault_exists(path) {
            return None;
        }
        let id = Vault::read_vault_id(path).ok()?;
        let found = Vault::read_counter(path).ok()?;
        lock(&self.seen).rollback(&id, found)
    }

    /// Makes the vault file at `path`, as it is now, the one remembered for its id: the user
    /// restored it on purpose (`rollback_accept`, a restore through the app). The open vault's
    /// authenticated counter when it is the one at `path`, else the file's own.
    pub fn accept_counter(&self, path: &Path) -> AppResult<()> {
        if !vault_exists(path) {
            return Err(AppError::NoVault);
        }
        let open = self
            .session
            .with_vault(|v| Ok((v.path() == path).then(|| v.counter())))
            .ok()
            .flatten();
        let counter = match open {
            Some(counter) => counter?,
            None => Vault::read_counter(path)?,
        };
        let id = Vault::read_vault_id(path)?;
        let mut seen = lock(&self.seen);
        if seen.accept(&id, counter) {
            seen.save(&self.dirs.seen_counters_file());
        }
        Ok(())
    }

    /// How long the clipboard keeps a copied secret.
    pub fn clipboard_clear_after(&self) -> Duration {
        Duration::from_secs(u64::from(lock(&self.settings).clipboard_clear_seconds))
    }

    /// The language for labels chosen in Rust: the UI's setting, or the desktop's locale when it
    /// follows the system (French and Vietnamese users mostly keep the default).
    pub fn lang(&self) -> &'static str {
        match lock(&self.settings).language {
            Language::Fr => "fr",
            Language::Vi => "vi",
            Language::En => "en",
            Language::System => coffre_catalog::text::locale_lang(|name| std::env::var(name).ok()),
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
        self.attempt_in_turn(None, attempt)
    }

    /// [`AppState::password_attempt`] that `vault_unlock_cancel` can abandon: cancelled while it
    /// waits for its turn, it skips the KDF; cancelled during the KDF, its outcome is dropped
    /// unrecorded (a cancelled guess neither counts as wrong nor resets the count, so it tells
    /// nothing). Either way `UnlockCancelled`.
    pub fn cancellable_password_attempt<T>(
        &self,
        ticket: Ticket,
        attempt: impl FnOnce() -> Result<T, coffre_vault::VaultError>,
    ) -> AppResult<T> {
        self.attempt_in_turn(Some(ticket), attempt)
    }

    fn attempt_in_turn<T>(
        &self,
        ticket: Option<Ticket>,
        attempt: impl FnOnce() -> Result<T, coffre_vault::VaultError>,
    ) -> AppResult<T> {
        let _turn = lock(&self.unlock_turn);
        if ticket.is_some_and(|t| self.unlock_cancel.is_cancelled(t)) {
            return Err(AppError::UnlockCancelled);
        }
        let wait = lock(&self.guard).remaining(SystemTime::now());
        if !wait.is_zero() {
            return Err(AppError::TooManyAttempts {
                wait_ms: wait.as_millis() as u64,
            });
        }
        let result = attempt();
        let right = match &result {
            Ok(_) => true,
            Err(coffre_vault::VaultError::WrongPassword) => false,
            Err(_) => return Ok(result?),
        };
        let record = || {
            let mut guard = lock(&self.guard);
            if right {
                guard.record_success();
            } else {
                guard.record_failure(SystemTime::now());
            }
            guard.save(&self.dirs.unlock_guard_file());
        };
        match ticket {
            Some(ticket) => self.unlock_cancel.unless_cancelled(ticket, record)?,
            None => record(),
        }
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
    // What the page held goes with its process; a new one shows the unlock screen.
    crate::webview::fresh_web_content(app);
}

/// Whether `path` holds a vault file.
pub fn vault_exists(path: &Path) -> bool {
    path.is_file()
}
