//! Reads the X clipboard the way another application would (xclip), so the test sees what the
//! user's next paste would get.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::driver::{TestResult, WAIT};

/// The clipboard's text, or `None` when it holds no text (e.g. after Coffre cleared it).
pub fn read() -> TestResult<Option<String>> {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-o"])
        .output()
        .map_err(|e| format!("cannot run xclip ({e}); install the xclip package"))?;
    if !out.status.success() {
        // xclip fails when no owner offers text: the clipboard is empty.
        return Ok(None);
    }
    Ok(Some(String::from_utf8(out.stdout)?))
}

/// Copies `text` as another application would (the exchange's page in the browser): xclip reads
/// it from stdin (never argv) and serves it from the background until another owner takes over.
pub fn copy(text: &str) -> TestResult {
    use std::io::Write;
    let mut xclip = Command::new("xclip")
        .args(["-selection", "clipboard", "-in"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run xclip ({e}); install the xclip package"))?;
    xclip
        .stdin
        .take()
        .ok_or("xclip has no stdin")?
        .write_all(text.as_bytes())?;
    if !xclip.wait()?.success() {
        return Err("xclip could not copy".into());
    }
    // The foreground xclip exits as it forks; the background one owns the selection just after.
    let deadline = Instant::now() + WAIT;
    while read()?.as_deref() != Some(text) {
        if Instant::now() > deadline {
            return Err("xclip never served the copy".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok(())
}

/// Polls the clipboard until `done` accepts its content (bounded by `WAIT`). The error gives only
/// the length of what was there: the clipboard may hold a secret.
pub async fn wait_until(done: impl Fn(Option<&str>) -> bool) -> TestResult<Option<String>> {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = read()?;
        if done(text.as_deref()) {
            return Ok(text);
        }
        if Instant::now() > deadline {
            return Err(format!(
                "clipboard still holds {:?} chars after {WAIT:?}",
                text.map(|t| t.len())
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
