//! Coffre's use cases, one layer for the desktop app and the `coffre` command: each Tauri command
//! and each CLI subcommand unpacks its arguments, calls one function here and maps the error.
//!
//! A [`Session`] holds the unlocked vault and everything that holds a secret while it is open;
//! locking it drops them all. Nothing here knows about windows, webviews or terminals.
#![forbid(unsafe_code)]

pub mod auto_type;
pub mod bot_command;
pub mod check_run;
pub mod checks;
pub mod clipboard;
pub mod clock;
pub mod deadline;
pub mod demo;
pub mod error;
pub mod explain;
pub mod export;
pub mod holdings;
pub mod keygen;
pub mod keys;
pub mod lock_signals;
pub mod paste_in;
pub mod paste_sequence;
pub mod platform_ips;
mod private_file;
pub mod radar;
pub mod regions;
pub mod run_env;
pub mod safety;
pub mod session;
pub mod verdicts;
pub mod views;

pub use error::{CoreError, CoreResult, FieldProblem};
pub use private_file::write_private;
pub use session::Session;
