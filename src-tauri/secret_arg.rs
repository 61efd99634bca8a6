//! A command argument that is a secret: deserialized straight into a `SecretString`, so the
//! password or API secret the user typed is zeroized when the command is done with it and can
//! never be logged through `Debug`.

use coffre_secret::SecretString;
use serde::{Deserialize, Deserializer};

/// A secret received from the webview.
#[derive(Debug, Clone, Default)]
pub struct SecretArg(pub SecretString);

impl<'de> Deserialize<'de> for SecretArg {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The String is moved into the zeroizing wrapper, not copied.
        String::deserialize(deserializer).map(|s| SecretArg(SecretString::new(s)))
    }
}

impl SecretArg {
    /// The wrapped secret.
    pub fn secret(&self) -> &SecretString {
        &self.0
    }

    /// The secret's text, for the core functions that validate raw pastes.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deserialized_secret_is_redacted_in_debug() {
        let arg: SecretArg = serde_json::from_str("\"hunter2-password\"").unwrap();
        assert_eq!(arg.expose(), "hunter2-password");
        assert!(!format!("{arg:?}").contains("hunter2"));
    }
}
