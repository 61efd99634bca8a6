//! The user's preferences (auto-lock, clipboard timeout, language, which vault file), stored as JSON
//! in the app config dir. Nothing here is secret.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Auto-lock bounds, in minutes: never "off", never absurdly long.
pub const AUTO_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=240;
/// Clipboard clearing bounds, in seconds.
pub const CLIPBOARD_CLEAR_RANGE: std::ops::RangeInclusive<u32> = 5..=300;

/// The UI language; `System` follows the desktop's locale (resolved by the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    System,
    En,
    Fr,
    Vi,
}

/// What is saved in `settings.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub auto_lock_minutes: u32,
    pub clipboard_clear_seconds: u32,
    pub language: Language,
    /// Lock when the computer goes to sleep or the screen locks (on by default).
    pub lock_on_sleep: bool,
    /// Re-check keys in the background while unlocked and warn before deadlines (on by default).
    pub key_radar: bool,
    /// The vault file in use when the user picked another one than the default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vault_path: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            auto_lock_minutes: 5,
            clipboard_clear_seconds: 20,
            language: Language::System,
            lock_on_sleep: true,
            key_radar: true,
            vault_path: None,
        }
    }
}

/// Why a settings change was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettingsError {
    #[error("auto_lock_minutes must be between 1 and 240")]
    AutoLockOutOfRange,
    #[error("clipboard_clear_seconds must be between 5 and 300")]
    ClipboardClearOutOfRange,
}

impl Settings {
    /// Checks the values a user can set.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if !AUTO_LOCK_RANGE.contains(&self.auto_lock_minutes) {
            return Err(SettingsError::AutoLockOutOfRange);
        }
        if !CLIPBOARD_CLEAR_RANGE.contains(&self.clipboard_clear_seconds) {
            return Err(SettingsError::ClipboardClearOutOfRange);
        }
        Ok(())
    }

    /// Reads the file; a missing, unreadable or out-of-range file gives the defaults, because a
    /// broken preferences file must never keep the user out of their vault.
    pub fn load(file: &Path) -> Settings {
        std::fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok())
            .filter(|s| s.validate().is_ok())
            .unwrap_or_default()
    }

    /// Writes the file atomically (temp file + rename), creating the directory if needed.
    pub fn save(&self, file: &Path) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = file.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings::load(&dir.path().join("settings.json"));
        assert_eq!(s.auto_lock_minutes, 5);
        assert_eq!(s.clipboard_clear_seconds, 20);
        assert_eq!(s.language, Language::System);
    }

    #[test]
    fn saved_settings_load_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/settings.json");
        let s = Settings {
            auto_lock_minutes: 12,
            clipboard_clear_seconds: 45,
            language: Language::Vi,
            lock_on_sleep: false,
            key_radar: false,
            vault_path: Some(PathBuf::from("/tmp/x.coffre")),
        };
        s.save(&file).unwrap();
        assert_eq!(Settings::load(&file), s);
    }

    #[test]
    fn the_key_radar_is_on_unless_turned_off() {
        assert!(Settings::default().key_radar);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        // A settings file from before the radar existed keeps it on.
        std::fs::write(&file, br#"{"auto_lock_minutes": 7}"#).unwrap();
        assert!(Settings::load(&file).key_radar);
    }

    #[test]
    fn garbage_or_out_of_range_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        std::fs::write(&file, b"{not json").unwrap();
        assert_eq!(Settings::load(&file), Settings::default());
        std::fs::write(&file, br#"{"auto_lock_minutes": 0}"#).unwrap();
        assert_eq!(Settings::load(&file), Settings::default());
    }

    #[test]
    fn out_of_range_values_are_refused() {
        let mut s = Settings {
            auto_lock_minutes: 0,
            ..Settings::default()
        };
        assert_eq!(s.validate(), Err(SettingsError::AutoLockOutOfRange));
        s.auto_lock_minutes = 5;
        s.clipboard_clear_seconds = 1;
        assert_eq!(s.validate(), Err(SettingsError::ClipboardClearOutOfRange));
    }
}
