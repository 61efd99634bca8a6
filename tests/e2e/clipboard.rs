//! Reads the X clipboard the way another application would (xclip), so the test sees what the
//! user's next paste would get.

use std::process::Command;

use crate::driver::TestResult;

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
