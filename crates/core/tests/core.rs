//! The core's use cases against a real vault file, the real mock exchanges on loopback and an
//! in-memory clipboard: what the app and the CLI both rely on.

#[path = "core/checks.rs"]
mod checks;
#[path = "core/demo.rs"]
mod demo;
#[path = "core/explain.rs"]
mod explain;
#[path = "core/holdings.rs"]
mod holdings;
#[path = "core/keys.rs"]
mod keys;
#[cfg(target_os = "linux")]
#[path = "core/lock_signals.rs"]
mod lock_signals;
#[path = "core/paste_in.rs"]
mod paste_in;
#[path = "core/regions.rs"]
mod regions;
#[path = "core/support.rs"]
mod support;
