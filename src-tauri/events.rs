//! Names and payloads of the events the app emits to the webview (docs/ipc.md, "Events").

use serde::Serialize;
use ts_rs::TS;

/// The vault was locked (by the user, the idle timer or a vault switch).
pub const LOCKED: &str = "locked";
/// Key-derivation progress while creating a vault: `{percent}`.
pub const KDF_PROGRESS: &str = "kdf_progress";
/// Clipboard countdown: [`coffre_core::clipboard::ClipboardEvent`].
pub const CLIPBOARD: &str = "clipboard";
/// One key of a "check all" run started or finished.
pub const CHECK_PROGRESS: &str = "check_progress";
/// A paste sequence moved on, ended or was cancelled: [`coffre_core::paste_sequence::PasteSequence`].
pub const PASTE_SEQUENCE: &str = "paste_sequence";
/// A "check all" run is over.
pub const CHECK_ALL_DONE: &str = "check_all_done";

/// What was pasted into a form was forgotten (left unsaved too long): [`FormExpired`].
pub const FORM_EXPIRED: &str = "form_expired";

/// `form_expired` payload.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FormExpired {
    pub form: String,
}

/// `kdf_progress` payload.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KdfProgress {
    pub percent: u8,
}

pub use coffre_core::checks::{CheckProgress, CheckState};
