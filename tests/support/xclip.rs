//! The X clipboard as another application sees it, through xclip: the IPC tests and the e2e tests
//! (each includes this file with `#[path]`) copy as the exchange's page in the browser would and
//! read what the user's next paste would get. Errors are plain text: the caller adds its context.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The clipboard's text, or `None` when it holds no text (e.g. after Coffre cleared it).
pub fn read() -> Result<Option<String>, String> {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-o"])
        .output()
        .map_err(cannot_run)?;
    if !out.status.success() {
        // xclip fails when no owner offers text: the clipboard is empty.
        return Ok(None);
    }
    String::from_utf8(out.stdout)
        .map(Some)
        .map_err(|_| "the clipboard's text is not UTF-8".to_owned())
}

/// Copies `text` from another process, xclip reading it from stdin (a secret never goes on a
/// command line), and waits up to `wait` until it is served: the foreground xclip exits as it
/// forks and the background one, which serves it until another owner takes over, takes the
/// selection just after (arboard's owner inside the test would race its own clear).
pub fn copy(text: &str, wait: Duration) -> Result<(), String> {
    let mut xclip = Command::new("xclip")
        .args(["-selection", "clipboard", "-in"])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(cannot_run)?;
    xclip
        .stdin
        .take()
        .ok_or("xclip has no stdin")?
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write to xclip: {e}"))?;
    let status = xclip.wait().map_err(|e| format!("xclip vanished: {e}"))?;
    if !status.success() {
        return Err("xclip could not copy".into());
    }
    let deadline = Instant::now() + wait;
    while read()?.as_deref() != Some(text) {
        if Instant::now() > deadline {
            return Err("xclip never served the copy".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok(())
}

fn cannot_run(e: std::io::Error) -> String {
    format!("cannot run xclip ({e}); install the xclip package (scripts/deps.sh does)")
}
