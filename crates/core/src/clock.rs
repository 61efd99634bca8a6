//! A clock for timeouts that must count the time a laptop spends asleep: the idle lock and the
//! clipboard clearing. `Instant` stops during suspend on Linux (CLOCK_MONOTONIC), so a machine that
//! slept unlocked would wake with its countdowns paused; CLOCK_BOOTTIME keeps counting.

use std::time::Duration;

/// A point on the boot clock (time since boot, suspend included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct BootInstant(Duration);

impl BootInstant {
    /// Now, on the clock that includes suspend.
    pub fn now() -> BootInstant {
        BootInstant(since_boot())
    }

    /// How long ago this was (zero if the clock was read out of order).
    pub fn elapsed(self) -> Duration {
        since_boot().saturating_sub(self.0)
    }

    /// Time left until `self`, zero once passed.
    pub fn remaining(self) -> Duration {
        self.0.saturating_sub(since_boot())
    }
}

impl std::ops::Add<Duration> for BootInstant {
    type Output = BootInstant;
    fn add(self, d: Duration) -> BootInstant {
        BootInstant(self.0 + d)
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn since_boot() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Elsewhere the platform's monotonic clock: Windows' counts suspend; macOS' `Instant` does not
/// (docs/architecture.md says what the app does there).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn since_boot() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boot_clock_moves_forward_and_counts_down() {
        let start = BootInstant::now();
        let deadline = start + Duration::from_millis(50);
        assert!(deadline.remaining() > Duration::ZERO);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(deadline.remaining(), Duration::ZERO);
        assert!(start.elapsed() >= Duration::from_millis(60));
    }

    /// The point of this clock: on Linux it is CLOCK_BOOTTIME, which runs ahead of
    /// CLOCK_MONOTONIC by exactly the time spent suspended (never behind it).
    #[cfg(target_os = "linux")]
    #[test]
    fn it_is_the_clock_that_includes_suspend() {
        let mono = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
        let mono = Duration::new(mono.tv_sec as u64, mono.tv_nsec as u32);
        assert!(since_boot() >= mono);
    }
}
