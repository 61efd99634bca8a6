//! End-to-end tests of the real Coffre window: tauri-driver + WebKitWebDriver + Xvfb drive the
//! debug build of `coffre-app`. Linux only, `#[ignore]`d; run them with `scripts/e2e.sh`.
#![cfg(target_os = "linux")]

/// Like `assert!`, but fails the test through its `Result`, so the session can still save a
/// screenshot and close the app before the test ends.
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(format!($($msg)+).into());
        }
    };
}

// The harness modules (driver, procs, session) are shared with benches/app, and each target uses
// a different part of them.
#[path = "e2e/clipboard.rs"]
mod clipboard;
#[allow(dead_code)]
#[path = "e2e/driver.rs"]
mod driver;
#[path = "e2e/english.rs"]
mod english;
#[path = "e2e/fixtures.rs"]
mod fixtures;
#[path = "e2e/layout.rs"]
mod layout;
#[path = "e2e/memory.rs"]
mod memory;
#[allow(dead_code)]
#[path = "e2e/procs.rs"]
mod procs;
#[path = "e2e/screen_walk.rs"]
mod screen_walk;
#[allow(dead_code)]
#[path = "e2e/session.rs"]
mod session;
#[path = "e2e/ui.rs"]
mod ui;

#[path = "e2e/bad_input.rs"]
mod bad_input;
#[path = "e2e/every_screen.rs"]
mod every_screen;
#[path = "e2e/full_flow.rs"]
mod full_flow;
#[path = "e2e/keyboard.rs"]
mod keyboard;
#[path = "e2e/memory_after_lock.rs"]
mod memory_after_lock;
#[path = "e2e/paste_sequence.rs"]
mod paste_sequence;
#[path = "e2e/smoke.rs"]
mod smoke;
#[path = "e2e/verdict_states.rs"]
mod verdict_states;
