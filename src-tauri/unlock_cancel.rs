//! Cancelling unlock attempts (`vault_unlock_cancel`). Argon2 cannot be interrupted mid-hash, so a
//! cancelled attempt is abandoned rather than stopped: its caller returns at once with
//! `unlock_cancelled`, while its KDF runs to the end on its own thread, still holding the
//! attempts' turn (one KDF at a time, as before). What it produces is dropped there — an unlocked
//! vault's data key is zeroized by the vault's `Drop` — and nothing is recorded against the
//! wrong-password count. An attempt still waiting for its turn skips its KDF altogether.

use crate::error::{AppError, AppResult};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Cancels every attempt begun before the cancel; attempts begun after run normally.
#[derive(Clone, Default)]
pub struct UnlockCancel {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    /// Bumped by every cancel: an attempt is cancelled once it differs from its ticket's.
    generation: Mutex<u64>,
    /// Signalled by cancels and by attempts that finish.
    changed: Condvar,
}

/// An attempt's place, taken when it begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

/// The slot an attempt's thread leaves its outcome in: `Some(None)` if it ended without one (a
/// panic).
type Slot<T> = Arc<Mutex<Option<Option<T>>>>;

/// The mutexes here guard plain values updated in single assignments: a poisoned one is still
/// consistent.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl UnlockCancel {
    /// A ticket for an attempt beginning now.
    pub fn ticket(&self) -> Ticket {
        Ticket(*lock(&self.shared.generation))
    }

    /// Cancels every attempt holding a ticket taken before now, and wakes those waiting.
    pub fn cancel_pending(&self) {
        let mut generation = lock(&self.shared.generation);
        *generation = generation.wrapping_add(1);
        self.shared.changed.notify_all();
    }

    pub fn is_cancelled(&self, ticket: Ticket) -> bool {
        *lock(&self.shared.generation) != ticket.0
    }

    /// Runs `effect` (an attempt's outcome taking effect: recorded, the vault opened) unless
    /// `ticket` is cancelled, holding cancels off meanwhile: a cancel comes either before `effect`,
    /// which then does not run, or after it. `UnlockCancelled` when it did not run.
    pub fn unless_cancelled<T>(&self, ticket: Ticket, effect: impl FnOnce() -> T) -> AppResult<T> {
        let generation = lock(&self.shared.generation);
        if *generation != ticket.0 {
            return Err(AppError::UnlockCancelled);
        }
        let out = effect();
        drop(generation);
        Ok(out)
    }

    /// Runs `work` on a thread of its own and waits for its result, or until `ticket` is
    /// cancelled: then returns `UnlockCancelled` at once and leaves the thread to finish; its
    /// result is dropped there. Blocking.
    pub fn run<T: Send + 'static>(
        &self,
        ticket: Ticket,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> AppResult<T> {
        if self.is_cancelled(ticket) {
            return Err(AppError::UnlockCancelled);
        }
        let slot: Slot<T> = Arc::default();
        let done = Done {
            slot: slot.clone(),
            shared: self.shared.clone(),
            value: None,
        };
        std::thread::Builder::new()
            .name("coffre-unlock".into())
            .spawn(move || {
                let mut done = done;
                done.value = Some(work());
            })
            .map_err(|e| AppError::Internal(format!("cannot start the unlock thread: {e}")))?;
        let mut generation = lock(&self.shared.generation);
        loop {
            if let Some(outcome) = lock(&slot).take() {
                return outcome
                    .ok_or_else(|| AppError::Internal("the unlock attempt failed".into()));
            }
            if *generation != ticket.0 {
                return Err(AppError::UnlockCancelled);
            }
            generation = self
                .shared
                .changed
                .wait(generation)
                .unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Hands an attempt's outcome to its waiter when the attempt's thread ends, even by a panic.
struct Done<T> {
    slot: Slot<T>,
    shared: Arc<Shared>,
    value: Option<T>,
}

impl<T> Drop for Done<T> {
    fn drop(&mut self) {
        *lock(&self.slot) = Some(self.value.take());
        // Under the waiter's mutex, so a waiter between its checks and its wait cannot miss it.
        let _generation = lock(&self.shared.generation);
        self.shared.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    #[test]
    fn an_attempt_that_is_not_cancelled_returns_its_result() {
        let cancel = UnlockCancel::default();
        let ticket = cancel.ticket();
        assert_eq!(cancel.run(ticket, || 42).unwrap(), 42);
        assert_eq!(
            cancel.unless_cancelled(ticket, || "opened").unwrap(),
            "opened"
        );
    }

    #[test]
    fn a_cancel_returns_at_once_and_the_late_result_is_dropped() {
        let cancel = UnlockCancel::default();
        let ticket = cancel.ticket();
        let (release, blocked) = mpsc::channel::<()>();
        let (dropped_tx, dropped) = mpsc::channel::<()>();
        struct Made(mpsc::Sender<()>);
        impl Drop for Made {
            fn drop(&mut self) {
                let _ = self.0.send(());
            }
        }
        let canceller = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            canceller.cancel_pending();
        });
        let started = Instant::now();
        let outcome = cancel.run(ticket, move || {
            let _ = blocked.recv();
            Made(dropped_tx)
        });
        assert!(matches!(outcome, Err(AppError::UnlockCancelled)));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(cancel.is_cancelled(ticket));
        assert!(cancel.unless_cancelled(ticket, || ()).is_err());
        // The work finishes later; what it made is dropped on its own thread.
        release.send(()).unwrap();
        dropped.recv_timeout(Duration::from_secs(5)).unwrap();
    }

    #[test]
    fn a_cancel_reaches_only_attempts_begun_before_it() {
        let cancel = UnlockCancel::default();
        let before = cancel.ticket();
        cancel.cancel_pending();
        let after = cancel.ticket();
        assert!(cancel.is_cancelled(before));
        assert!(!cancel.is_cancelled(after));
        assert!(matches!(
            cancel.run(before, || 1),
            Err(AppError::UnlockCancelled)
        ));
        assert_eq!(cancel.run(after, || 2).unwrap(), 2);
    }

    #[test]
    fn a_panicking_attempt_is_an_internal_error_not_a_hang() {
        let cancel = UnlockCancel::default();
        let outcome = cancel.run(cancel.ticket(), || -> u32 { panic!("boom") });
        assert!(matches!(outcome, Err(AppError::Internal(_))));
    }
}
