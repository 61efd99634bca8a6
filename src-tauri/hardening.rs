//! Process set-up done once at start, before any secret exists: no core dumps and no memory reads
//! by other processes (the vault's `harden_process`), and glibc told to overwrite freed blocks.

/// The byte glibc writes over every freed block (and the complement into fresh ones).
const PERTURB_BYTE: libc::c_int = 0xA5;

/// Hardens the process; failures are logged, not fatal (a vault opened without them is still
/// better than none).
pub fn harden() {
    let hardening = coffre_vault::harden_process();
    if !hardening.core_dumps_disabled {
        eprintln!("coffre: could not disable core dumps");
    }
    perturb_freed_memory();
}

/// `mallopt(M_PERTURB)`: memory freed by C code in this process (GTK, WebKit's UI side, glib IPC
/// buffers holding what the webview sent) is overwritten, as our own Rust heap is by the
/// zeroizing allocator.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn perturb_freed_memory() {
    // SAFETY: mallopt takes two integers, touches no memory of ours, and is called at start
    // before any other thread allocates.
    let ok = unsafe { libc::mallopt(libc::M_PERTURB, PERTURB_BYTE) } == 1;
    if !ok {
        eprintln!("coffre: mallopt(M_PERTURB) failed");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn perturb_freed_memory() {
    let _ = PERTURB_BYTE;
}
