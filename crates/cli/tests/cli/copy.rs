//! copy: needs a display; skipped with a note when there is none (CI runs it under xvfb-run).

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::support::*;

/// The display has one clipboard: tests that use it take turns.
static CLIPBOARD: Mutex<()> = Mutex::new(());

fn has_display() -> bool {
    let present =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if !present {
        eprintln!("note: no display, clipboard test skipped (run under xvfb-run to include it)");
    }
    present
}

/// Starts `coffre copy main --field secret --clear-after 3` and waits until the secret is on the clipboard.
fn start_copy(vault: &TestVault, clipboard: &mut arboard::Clipboard) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["--vault", vault.path.to_str().unwrap(), "--password-stdin"])
        .args(["copy", "main", "--field", "secret", "--clear-after", "3"])
        .env_remove("COFFRE_PASSWORD")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        if clipboard.get_text().unwrap_or_default() == BINANCE_SECRET {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the secret never reached the clipboard");
}

#[test]
fn copied_secret_is_cleared_after_the_timeout() {
    if !has_display() {
        return;
    }
    let _turn = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let vault = TestVault::with_binance();
    let mut clipboard = arboard::Clipboard::new().unwrap();
    let child = start_copy(&vault, &mut clipboard);
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("copied, clearing in 3 s"));
    assert!(
        stderr(&out).contains("clipboard cleared"),
        "{}",
        stderr(&out)
    );
    assert_ne!(clipboard.get_text().unwrap_or_default(), BINANCE_SECRET);
}

#[test]
fn clipboard_changed_by_the_user_is_left_alone() {
    if !has_display() {
        return;
    }
    let _turn = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let vault = TestVault::with_binance();
    let mut clipboard = arboard::Clipboard::new().unwrap();
    let child = start_copy(&vault, &mut clipboard);
    clipboard.set_text("something the user copied").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("left as it is"), "{}", stderr(&out));
    assert_eq!(clipboard.get_text().unwrap(), "something the user copied");
}
