//! Slows down password guessing through the app: after repeated wrong passwords each new attempt
//! must wait longer (0, 0, 1 s, 2 s, 4 s … capped at 30 s). The KDF is slow on its own; this
//! makes scripted guessing through the UI pointless. Attempts take turns (one KDF at a time, each
//! checked against the delay its predecessors earned), and the count is saved beside the
//! settings, so quitting and restarting the app does not reset it. An attacker with the file
//! attacks it offline anyway.

use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The longest wait between two attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(30);
/// Wrong attempts that cost nothing extra (typos happen).
const FREE_ATTEMPTS: u32 = 2;

/// Counts consecutive wrong passwords and says when the next attempt may run. Times are wall
/// clock (milliseconds since 1970) so they survive a restart.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockGuard {
    failures: u32,
    not_before_ms: Option<u64>,
}

fn millis(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl UnlockGuard {
    /// The guard saved at `path`; a missing or unreadable file is a fresh guard.
    pub fn load(path: &Path) -> UnlockGuard {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Saves the guard (owner-only, atomically); a failure to save only loses the slowdown.
    pub fn save(&self, path: &Path) {
        let Ok(json) = serde_json::to_vec(self) else {
            return;
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if coffre_core::write_private(path, &json).is_err() {
            eprintln!("coffre: could not save the unlock slowdown");
        }
    }

    /// The wait imposed after `failures` consecutive wrong passwords.
    pub fn delay_after(failures: u32) -> Duration {
        if failures < FREE_ATTEMPTS {
            return Duration::ZERO;
        }
        let exponent = (failures - FREE_ATTEMPTS).min(5);
        Duration::from_secs(1 << exponent).min(MAX_DELAY)
    }

    /// How long the caller must still wait before trying, at `now`. A clock set back far past the
    /// delay waits at most `MAX_DELAY`.
    pub fn remaining(&self, now: SystemTime) -> Duration {
        self.not_before_ms
            .map(|t| Duration::from_millis(t.saturating_sub(millis(now))).min(MAX_DELAY))
            .unwrap_or(Duration::ZERO)
    }

    /// Records a wrong password at `now`.
    pub fn record_failure(&mut self, now: SystemTime) {
        self.failures = self.failures.saturating_add(1);
        let delay = Self::delay_after(self.failures).as_millis() as u64;
        self.not_before_ms = Some(millis(now) + delay);
    }

    /// A right password resets the count.
    pub fn record_success(&mut self) {
        *self = UnlockGuard::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_grows_after_two_free_attempts_and_caps_at_thirty_seconds() {
        let secs: Vec<u64> = (0..10)
            .map(|n| UnlockGuard::delay_after(n).as_secs())
            .collect();
        assert_eq!(secs, vec![0, 0, 1, 2, 4, 8, 16, 30, 30, 30]);
    }

    #[test]
    fn attempt_is_blocked_until_the_delay_has_passed() {
        let mut guard = UnlockGuard::default();
        let t0 = SystemTime::now();
        guard.record_failure(t0);
        assert_eq!(guard.remaining(t0), Duration::ZERO);
        guard.record_failure(t0);
        assert_eq!(guard.remaining(t0), Duration::from_secs(1));
        assert_eq!(
            guard.remaining(t0 + Duration::from_millis(400)),
            Duration::from_millis(600)
        );
        assert_eq!(guard.remaining(t0 + Duration::from_secs(2)), Duration::ZERO);
    }

    #[test]
    fn success_resets_the_count() {
        let mut guard = UnlockGuard::default();
        let t0 = SystemTime::now();
        for _ in 0..5 {
            guard.record_failure(t0);
        }
        guard.record_success();
        assert_eq!(guard.remaining(t0), Duration::ZERO);
        guard.record_failure(t0);
        assert_eq!(guard.remaining(t0), Duration::ZERO);
    }

    #[test]
    fn the_slowdown_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("unlock-guard.json");
        let mut guard = UnlockGuard::default();
        let now = SystemTime::now();
        for _ in 0..4 {
            guard.record_failure(now);
        }
        guard.save(&path);
        let reloaded = UnlockGuard::load(&path);
        assert_eq!(reloaded, guard);
        assert_eq!(reloaded.remaining(now), Duration::from_secs(4));
        assert_eq!(
            UnlockGuard::load(&dir.path().join("none")),
            UnlockGuard::default()
        );
    }
}
