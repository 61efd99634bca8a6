//! Whole-file rollback detection. A vault's integrity counter grows with every change, and the
//! file's MAC catches any row edited, removed or replayed, but an older copy of the *whole* file
//! carries a valid older MAC: only state kept outside the file can tell. So the app remembers,
//! per vault id, the highest counter it has seen (`seen-counters.json` beside the settings), and
//! the unlock screen warns when the file states a lower one.
//!
//! The app sees a counter when it opens a vault (created or unlocked) and when it locks it (the
//! user, the idle timer, sleep, quitting), which covers every change made in between; a crash
//! loses only the changes of the session it ends. A restore through the app, and the user's
//! "I restored this copy on purpose", replace the remembered counter instead.
//!
//! A rollback found at unlock (with the authenticated counter) is kept until the user accepts it,
//! even once the old copy, changed further, states a counter above the remembered one: the keys
//! it lacks are still missing.

use crate::views::Rollback;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// What the app remembers of one vault.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    /// The highest counter seen.
    counter: u64,
    /// A rollback an unlock found and the user has not accepted yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unaccepted: Option<Rollback>,
}

/// The remembered counters, by vault id (hex, as `Vault::read_vault_id` gives it).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenCounters {
    vaults: BTreeMap<String, Seen>,
}

impl SeenCounters {
    /// The counters saved at `path`; a missing or unreadable file remembers nothing (and so
    /// warns about nothing until vaults are seen again).
    pub fn load(path: &Path) -> SeenCounters {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Saves the counters (owner-only, atomically); a failure only loses what was learnt since.
    pub fn save(&self, path: &Path) {
        let Ok(json) = serde_json::to_vec_pretty(self) else {
            return;
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if coffre_core::write_private(path, &json).is_err() {
            eprintln!("coffre: could not save the vault counters seen");
        }
    }

    /// The warning for vault `id` whose file states counter `found`, if any.
    pub fn rollback(&self, id: &str, found: u64) -> Option<Rollback> {
        let seen = self.vaults.get(id)?;
        seen.unaccepted.or_else(|| {
            (found < seen.counter).then_some(Rollback {
                seen: seen.counter,
                found,
            })
        })
    }

    /// Records the authenticated counter of an open vault: a higher one is remembered; a lower one
    /// (an old copy was unlocked) is kept as a warning until accepted, and does not lower what is
    /// remembered. Returns whether anything changed (and should be saved).
    pub fn observe(&mut self, id: &str, counter: u64) -> bool {
        let seen = self.vaults.entry(id.to_owned()).or_default();
        let before = *seen;
        if counter < seen.counter && seen.unaccepted.is_none() {
            seen.unaccepted = Some(Rollback {
                seen: seen.counter,
                found: counter,
            });
        }
        seen.counter = seen.counter.max(counter);
        *seen != before
    }

    /// The user's word that vault `id`'s file, at `counter`, is the copy they mean (an accepted
    /// warning, a restore through the app): it becomes the one remembered, lower or not.
    pub fn accept(&mut self, id: &str, counter: u64) -> bool {
        let fresh = Seen {
            counter,
            unaccepted: None,
        };
        self.vaults.insert(id.to_owned(), fresh) != Some(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "00112233445566778899aabbccddeeff";

    #[test]
    fn an_unknown_vault_or_a_newer_file_is_no_rollback() {
        let mut seen = SeenCounters::default();
        assert_eq!(seen.rollback(ID, 0), None);
        assert!(seen.observe(ID, 4));
        assert_eq!(seen.rollback(ID, 4), None);
        assert_eq!(seen.rollback(ID, 9), None);
        assert_eq!(seen.rollback("another", 0), None);
    }

    #[test]
    fn an_older_file_is_reported_with_both_counters() {
        let mut seen = SeenCounters::default();
        seen.observe(ID, 7);
        assert_eq!(seen.rollback(ID, 3), Some(Rollback { seen: 7, found: 3 }));
    }

    #[test]
    fn unlocking_an_old_copy_keeps_the_warning_until_accepted() {
        let mut seen = SeenCounters::default();
        seen.observe(ID, 7);
        assert!(seen.observe(ID, 3));
        // The old copy changed past the counter remembered: its missing keys are still missing.
        seen.observe(ID, 9);
        let warning = Some(Rollback { seen: 7, found: 3 });
        assert_eq!(seen.rollback(ID, 9), warning);
        assert!(seen.accept(ID, 9));
        assert_eq!(seen.rollback(ID, 9), None);
        assert_eq!(seen.rollback(ID, 8), Some(Rollback { seen: 9, found: 8 }));
    }

    #[test]
    fn accepting_lowers_what_is_remembered() {
        let mut seen = SeenCounters::default();
        seen.observe(ID, 7);
        assert!(seen.accept(ID, 2));
        assert_eq!(seen.rollback(ID, 2), None);
        assert!(!seen.accept(ID, 2));
        assert!(!seen.observe(ID, 2));
    }

    #[test]
    fn counters_survive_a_restart_and_a_bad_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("seen-counters.json");
        let mut seen = SeenCounters::default();
        seen.observe(ID, 7);
        seen.observe(ID, 3);
        seen.save(&path);
        assert_eq!(SeenCounters::load(&path), seen);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(SeenCounters::load(&path), SeenCounters::default());
    }
}
