//! Reads the X clipboard the way another application would (xclip), so the test sees what the
//! user's next paste would get.

use std::time::{Duration, Instant};

use crate::driver::{TestResult, WAIT};

#[path = "../support/xclip.rs"]
mod xclip;

/// The clipboard's text, or `None` when it holds no text (e.g. after Coffre cleared it).
pub fn read() -> TestResult<Option<String>> {
    Ok(xclip::read()?)
}

/// Copies `text` as another application would (the exchange's page in the browser), once it is
/// served (bounded by `WAIT`).
pub fn copy(text: &str) -> TestResult {
    Ok(xclip::copy(text, WAIT)?)
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
