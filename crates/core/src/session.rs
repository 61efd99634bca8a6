//! The unlocked session: the open vault and everything that holds a secret while it is open (a
//! running paste sequence, generated key drafts, what was pasted into open forms, our clipboard copy, the demo's exchanges).
//! Locking drops all of it; the app and the CLI hold one each.

use crate::clipboard::ClipboardService;
use crate::demo::DemoExchanges;
use crate::error::{CoreError, CoreResult};
use crate::paste_in::FormDrafts;
use crate::paste_sequence::Running;
use coffre_exchanges::Checker;
use coffre_secret::SecretString;
use coffre_vault::Vault;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Locks a mutex even if a panicking use case poisoned it: every update of the data behind it is
/// a single assignment, so it stays consistent.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// One user's session with one vault (or none while locked).
pub struct Session {
    vault: Mutex<Option<Vault>>,
    paste: Mutex<Option<Running>>,
    /// Generated private keys waiting for the exchange's API key, by draft id.
    drafts: Mutex<HashMap<String, SecretString>>,
    next_draft: AtomicU64,
    demo: Mutex<Option<DemoExchanges>>,
    /// What was pasted into the app's open forms.
    forms: FormDrafts,
    /// The current or last "Check all", owned here so it outlives the page that started it.
    check_runs: crate::check_run::CheckRuns,
    pub clipboard: ClipboardService,
    pub checker: Checker,
}

impl Session {
    /// A locked session that will check keys with `checker` and copy through `clipboard`.
    pub fn new(checker: Checker, clipboard: ClipboardService) -> Session {
        Session {
            vault: Mutex::new(None),
            paste: Mutex::new(None),
            drafts: Mutex::new(HashMap::new()),
            next_draft: AtomicU64::new(1),
            demo: Mutex::new(None),
            forms: FormDrafts::default(),
            check_runs: Default::default(),
            clipboard,
            checker,
        }
    }

    /// Installs a freshly unlocked or created vault, locking any other first.
    pub fn open(&self, vault: Vault) {
        self.lock();
        *lock(&self.vault) = Some(vault);
    }

    /// Opens the demo vault; its exchanges run until the session locks.
    pub fn open_demo(&self, demo: DemoExchanges, vault: Vault) {
        self.lock();
        *lock(&self.demo) = Some(demo);
        *lock(&self.vault) = Some(vault);
    }

    /// Drops the vault (its data key is zeroized by its `Drop`), a running paste sequence and
    /// every key draft, clears our clipboard copy and stops the demo's exchanges. Returns whether
    /// a vault was open.
    pub fn lock(&self) -> bool {
        let was_open = lock(&self.vault).take().is_some();
        lock(&self.paste).take();
        lock(&self.drafts).clear();
        self.forms.clear();
        self.check_runs.clear();
        self.clipboard.clear_if_ours();
        lock(&self.demo).take();
        was_open
    }

    /// Drops the vault (and drafts, a paste sequence) but leaves a copied secret on the clipboard
    /// until its countdown ends: for a process that only waits for that countdown.
    pub fn close_vault(&self) {
        lock(&self.vault).take();
        lock(&self.paste).take();
        lock(&self.drafts).clear();
        self.forms.clear();
    }

    pub fn is_unlocked(&self) -> bool {
        lock(&self.vault).is_some()
    }

    pub fn is_demo(&self) -> bool {
        lock(&self.demo).is_some()
    }

    /// The open vault's file.
    pub fn vault_path(&self) -> Option<PathBuf> {
        lock(&self.vault).as_ref().map(|v| v.path().to_owned())
    }

    /// Runs `f` on the open vault; `Locked` when there is none.
    pub fn with_vault<T>(&self, f: impl FnOnce(&Vault) -> CoreResult<T>) -> CoreResult<T> {
        let guard = lock(&self.vault);
        f(guard.as_ref().ok_or(CoreError::Locked)?)
    }

    /// Runs `f` on the open vault, for changes.
    pub fn with_vault_mut<T>(&self, f: impl FnOnce(&mut Vault) -> CoreResult<T>) -> CoreResult<T> {
        let mut guard = lock(&self.vault);
        f(guard.as_mut().ok_or(CoreError::Locked)?)
    }

    pub(crate) fn paste_sequence(&self) -> MutexGuard<'_, Option<Running>> {
        lock(&self.paste)
    }

    pub(crate) fn check_runs(&self) -> &crate::check_run::CheckRuns {
        &self.check_runs
    }

    pub(crate) fn form_drafts(&self) -> &FormDrafts {
        &self.forms
    }

    pub(crate) fn add_draft(&self, private_key: SecretString) -> String {
        let id = format!("draft-{}", self.next_draft.fetch_add(1, Ordering::Relaxed));
        lock(&self.drafts).insert(id.clone(), private_key);
        id
    }

    pub(crate) fn draft(&self, id: &str) -> Option<SecretString> {
        lock(&self.drafts).get(id).cloned()
    }

    pub(crate) fn remove_draft(&self, id: &str) {
        lock(&self.drafts).remove(id);
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.lock();
    }
}
