//! Process hardening for anything that holds an unlocked vault: no core dumps, and no reading of
//! this process's memory by other processes of the same user (ptrace, /proc/pid/mem, gcore).
//! The only `unsafe` in the crate: two libc calls with plain integer arguments.
#![allow(unsafe_code)]

/// What [`harden_process`] managed to do; failures are reported, not fatal, because a vault that
/// cannot drop core dumps is still better opened than not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hardening {
    /// `RLIMIT_CORE` is now 0.
    pub core_dumps_disabled: bool,
    /// `PR_SET_DUMPABLE` is now 0 (Linux only).
    pub ptrace_blocked: bool,
}

/// Disables core dumps and (on Linux) marks the process non-dumpable.
///
/// A debug build skips `PR_SET_DUMPABLE` when `COFFRE_ALLOW_PTRACE=1`, so the app's memory-residue
/// test can scan the process from outside; release builds ignore the variable, so it cannot be
/// used to weaken a shipped app.
pub fn harden_process() -> Hardening {
    Hardening {
        core_dumps_disabled: disable_core_dumps(),
        ptrace_blocked: if ptrace_allowed_for_tests() {
            false
        } else {
            set_not_dumpable()
        },
    }
}

fn ptrace_allowed_for_tests() -> bool {
    cfg!(debug_assertions) && std::env::var_os("COFFRE_ALLOW_PTRACE").is_some_and(|v| v == "1")
}

#[cfg(unix)]
fn disable_core_dumps() -> bool {
    let zero = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit reads one fully initialized `rlimit` through a valid pointer to a local
    // and has no other memory effects.
    unsafe { libc::setrlimit(libc::RLIMIT_CORE, &zero) == 0 }
}

#[cfg(not(unix))]
fn disable_core_dumps() -> bool {
    false
}

#[cfg(target_os = "linux")]
fn set_not_dumpable() -> bool {
    // SAFETY: PR_SET_DUMPABLE takes integer arguments only and touches no memory of ours.
    unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn set_not_dumpable() -> bool {
    false
}
