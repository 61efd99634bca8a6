//! Types that hold secrets (passwords, API secrets, data keys).
//!
//! A secret is zeroized when dropped, prints as `[redacted]` in `Debug` and `Display`, and does not
//! implement `Serialize`, so it cannot reach a log, an error message or the webview by accident.
//! Reading it takes an explicit call to [`SecretString::expose`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;
use zeroize::{Zeroize, Zeroizing};

/// What every secret prints as.
pub const REDACTED: &str = "[redacted]";

/// A UTF-8 secret (password, API key secret, passphrase, PEM private key).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    /// Wraps a string; the caller's copy is moved in, not duplicated.
    pub fn new(value: String) -> Self {
        Self(Zeroizing::new(value))
    }

    /// The secret's text. Call only where the secret is really needed (signing, sealing, copying).
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self::new(value.to_owned())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Secret bytes (data keys, derived keys, decrypted record plaintext).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    /// Wraps bytes; the caller's buffer is moved in, not duplicated.
    pub fn new(value: Vec<u8>) -> Self {
        Self(Zeroizing::new(value))
    }

    /// The secret bytes.
    pub fn expose(&self) -> &[u8] {
        self.0.as_slice()
    }

    /// Mutable access, for filling a buffer in place (e.g. from a CSPRNG or a decryption).
    pub fn expose_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Zeroizes a plain `String` in place; for buffers that had to exist before they could be wrapped.
pub fn wipe(s: &mut String) {
    s.zeroize();
}

/// Masks a credential for display: the first 4 and last 4 characters, the rest as `…`.
/// Short values are masked entirely so that a mask never reveals most of a key.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 12 {
        return "•".repeat(chars.len().clamp(4, 8));
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_secret() {
        let s = SecretString::from("hunter2-very-secret");
        assert_eq!(format!("{s:?}"), REDACTED);
        assert_eq!(format!("{s}"), REDACTED);
        assert_eq!(format!("{:?}", SecretBytes::new(vec![1, 2, 3])), REDACTED);
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn mask_keeps_only_the_ends_of_long_values() {
        assert_eq!(mask("ABCDEFGHIJKLMNOP"), "ABCD…MNOP");
        assert_eq!(mask("short"), "•••••");
        assert!(!mask("abcdefghijk").contains('a'));
    }
}
