//! What the webview sees of the app itself (docs/ipc.md "Types"): its status and settings. The
//! views of keys are the core's (`coffre_core::views`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use coffre_core::views::*;

/// `app_status` answer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub version: String,
    pub vault_path: String,
    pub vault_exists: bool,
    pub unlocked: bool,
    pub demo: bool,
    pub unlock_delay_ms: u64,
    /// Exchanges whose checks go to a URL from the environment (development builds only).
    pub base_url_overrides: Vec<String>,
    /// Set when the vault file is older than one this app has already opened (a whole-file
    /// rollback); absent otherwise. Unlocking stays allowed; `rollback_accept` clears it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rollback: Option<Rollback>,
}

/// An older vault file than one seen before: the highest integrity counter this app has seen for
/// the vault's id, and the counter the file has (unauthenticated before unlock, see
/// `Vault::read_counter`). The counter grows by one with every change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rollback {
    pub seen: u64,
    pub found: u64,
}

/// Settings as the UI sees them: the saved preferences plus the vault's KDF cost (read-only).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SettingsView {
    pub auto_lock_minutes: u32,
    pub clipboard_clear_seconds: u32,
    pub language: crate::settings::Language,
    /// Lock on sleep and screen lock; absent (an older UI) means on.
    #[serde(default = "on")]
    pub lock_on_sleep: bool,
    /// The key-health radar (background checks, deadline notifications); absent means on.
    #[serde(default = "on")]
    pub key_radar: bool,
    /// The current vault's Argon2id parameters; ignored by `settings_set`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kdf: Option<KdfView>,
    /// How long the KDF took at this unlock, in ms; ignored by `settings_set`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kdf_last_ms: Option<u64>,
}

fn on() -> bool {
    true
}
