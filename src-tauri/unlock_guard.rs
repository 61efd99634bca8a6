//! Slows down password guessing through the app: after repeated wrong passwords each new attempt
//! must wait longer (0, 0, 1 s, 2 s, 4 s … capped at 30 s). The KDF is slow on its own; this
//! only makes scripted guessing through the UI pointless. Kept in memory: an attacker with the
//! file attacks it offline anyway.

use std::time::{Duration, Instant};

/// The longest wait between two attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(30);
/// Wrong attempts that cost nothing extra (typos happen).
const FREE_ATTEMPTS: u32 = 2;

/// Counts consecutive wrong passwords and says when the next attempt may run.
#[derive(Debug, Default)]
pub struct UnlockGuard {
    failures: u32,
    not_before: Option<Instant>,
}

impl UnlockGuard {
    /// The wait imposed after `failures` consecutive wrong passwords.
    pub fn delay_after(failures: u32) -> Duration {
        if failures < FREE_ATTEMPTS {
            return Duration::ZERO;
        }
        let exponent = (failures - FREE_ATTEMPTS).min(5);
        Duration::from_secs(1 << exponent).min(MAX_DELAY)
    }

    /// How long the caller must still wait before trying, at `now`.
    pub fn remaining(&self, now: Instant) -> Duration {
        self.not_before
            .map(|t| t.saturating_duration_since(now))
            .unwrap_or(Duration::ZERO)
    }

    /// Records a wrong password at `now`.
    pub fn record_failure(&mut self, now: Instant) {
        self.failures = self.failures.saturating_add(1);
        self.not_before = Some(now + Self::delay_after(self.failures));
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
        let t0 = Instant::now();
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
        let t0 = Instant::now();
        for _ in 0..5 {
            guard.record_failure(t0);
        }
        guard.record_success();
        assert_eq!(guard.remaining(t0), Duration::ZERO);
        guard.record_failure(t0);
        assert_eq!(guard.remaining(t0), Duration::ZERO);
    }
}
