//! `copy`: one credential on the clipboard, kept out of clipboard managers' histories, cleared
//! after a delay unless the user has copied something else since (compared, never blindly cleared).
//! The process stays running meanwhile: on X11 and Wayland the copying process serves the content.

use std::time::Duration;

use arboard::Clipboard;
use coffre_secret::SecretString;

use super::{find, Ctx};
use crate::args::CopyField;
use crate::error::CliError;

pub fn copy(
    ctx: &mut Ctx,
    label: &str,
    field: CopyField,
    clear_after: u64,
) -> Result<(), CliError> {
    let vault = ctx.unlock()?;
    let record = find(&vault, label)?;
    let creds = vault.credentials(&record.id)?;
    drop(vault);
    let value = match field {
        CopyField::Key => creds.api_key,
        CopyField::Secret => creds.secret,
        CopyField::Passphrase => creds
            .passphrase
            .ok_or_else(|| CliError::Usage(format!("{} has no passphrase", record.meta.label)))?,
    };
    let mut clipboard = Clipboard::new().map_err(clipboard_error)?;
    set_private(&mut clipboard, &value)?;
    eprintln!("copied, clearing in {clear_after} s");
    std::thread::sleep(Duration::from_secs(clear_after));
    let still_ours = clipboard
        .get_text()
        .map(|current| SecretString::new(current) == value)
        .unwrap_or(false);
    if still_ours {
        clipboard.clear().map_err(clipboard_error)?;
        eprintln!("clipboard cleared");
    } else {
        eprintln!("clipboard changed since; left as it is");
    }
    Ok(())
}

/// Sets the text with each platform's "do not keep in history" hint.
fn set_private(clipboard: &mut Clipboard, value: &SecretString) -> Result<(), CliError> {
    let set = clipboard.set();
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
    ))]
    let set = {
        use arboard::SetExtLinux;
        set.exclude_from_history()
    };
    #[cfg(target_os = "macos")]
    let set = {
        use arboard::SetExtApple;
        set.exclude_from_history()
    };
    #[cfg(windows)]
    let set = {
        use arboard::SetExtWindows;
        set.exclude_from_history().exclude_from_cloud()
    };
    set.text(value.expose()).map_err(clipboard_error)
}

/// arboard's errors describe the clipboard, never its content.
fn clipboard_error(err: arboard::Error) -> CliError {
    CliError::Clipboard(err.to_string())
}
