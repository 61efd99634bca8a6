//! copy: needs a display; skipped with a note when there is none (CI runs it under xvfb-run).

use crate::support::*;

#[test]
fn copied_value_is_cleared_after_the_timeout() {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("note: no display, clipboard test skipped (run under xvfb-run to include it)");
        return;
    }
    let vault = TestVault::with_binance();
    let args = [
        "--vault",
        vault.path.to_str().unwrap(),
        "--password-stdin",
        "copy",
        "main",
        "--field",
        "secret",
        "--clear-after",
        "3",
    ];
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(args)
        .env_remove("COFFRE_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{PASSWORD}").unwrap();
    }
    let mut clipboard = arboard::Clipboard::new().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    let mut seen = String::new();
    while std::time::Instant::now() < deadline {
        seen = clipboard.get_text().unwrap_or_default();
        if seen == BINANCE_SECRET {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(seen, BINANCE_SECRET, "the secret reached the clipboard");
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("copied, clearing in 3 s"));
    assert_ne!(clipboard.get_text().unwrap_or_default(), BINANCE_SECRET, "cleared");
}
