//! The Coffre desktop app's entry point: installs the zeroizing allocator and hands over to the library.
// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Every heap block is wiped when freed, so secrets that passed through temporary buffers
/// (IPC bodies, serde scratch strings, HTTP bodies) do not linger after the vault locks.
#[global_allocator]
static ALLOCATOR: coffre_app_lib::zeroizing_alloc::ZeroizingAlloc<std::alloc::System> =
    coffre_app_lib::zeroizing_alloc::ZeroizingAlloc(std::alloc::System);

fn main() {
    // Nothing may come before `run`: it starts by re-executing this binary once, on Linux with
    // glibc, so that glibc's malloc tunables apply (src-tauri/hardening.rs).
    coffre_app_lib::run();
}
