//! Key formats as data: a charset class, a length range, an optional prefix, and for base64 the
//! decoded length. Regex-free on purpose: each class is a small, testable predicate.

use base64::Engine as _;
use coffre_model::KeyType;
use serde::{Deserialize, Serialize};

/// The characters a credential is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Charset {
    /// ASCII letters and digits.
    Alnum,
    /// Hexadecimal digits, either case.
    Hex,
    /// Standard base64 (`A-Z a-z 0-9 + /`, `=` padding), which must decode.
    Base64,
    /// A UUID, `8-4-4-4-12` hex digits.
    Uuid,
    /// A PEM private key (`-----BEGIN … PRIVATE KEY-----`); checked in depth by `paste::pem_key`.
    Pem,
    /// Coinbase CDP key name: `organizations/{org}/apiKeys/{id}`.
    CdpKeyName,
    /// Any visible ASCII without spaces: for exchanges whose format is not documented.
    Token,
}

impl Charset {
    /// How the charset reads in an error message ("… should be made of {this}").
    pub fn describe(self) -> &'static str {
        match self {
            Charset::Alnum => "letters and digits only",
            Charset::Hex => "hexadecimal characters only (0-9, a-f)",
            Charset::Base64 => "base64 characters only (letters, digits, + / and = at the end)",
            Charset::Uuid => "a UUID (five groups of hex digits joined by dashes)",
            Charset::Pem => "a PEM private key (-----BEGIN … PRIVATE KEY-----)",
            Charset::CdpKeyName => "a key name of the form organizations/…/apiKeys/…",
            Charset::Token => "visible characters without spaces",
        }
    }

    /// Whether a value of this class says something about where it comes from. `Token` accepts
    /// nearly anything, so it never identifies an exchange.
    pub fn is_distinctive(self) -> bool {
        self != Charset::Token
    }

    fn accepts(self, body: &str) -> bool {
        match self {
            Charset::Alnum => body.bytes().all(|b| b.is_ascii_alphanumeric()),
            Charset::Hex => body.bytes().all(|b| b.is_ascii_hexdigit()),
            Charset::Base64 => is_base64_text(body),
            Charset::Uuid => is_uuid(body),
            Charset::Pem => body.starts_with("-----BEGIN "),
            Charset::CdpKeyName => is_cdp_key_name(body),
            Charset::Token => body.bytes().all(|b| b.is_ascii_graphic()),
        }
    }
}

/// One accepted shape of a credential field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFormat {
    pub charset: Charset,
    /// Length bounds in characters, prefix included.
    #[serde(default)]
    pub min_len: Option<usize>,
    #[serde(default)]
    pub max_len: Option<usize>,
    /// Text the value starts with (the charset applies to what follows it).
    #[serde(default)]
    pub prefix: Option<String>,
    /// For base64: the accepted decoded lengths in bytes.
    #[serde(default)]
    pub decoded_len: Vec<usize>,
    /// The key type a value of this shape implies (a PEM's own type wins, see `paste`).
    #[serde(default)]
    pub key_type: KeyType,
}

/// Why a value does not fit a format, most basic first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    Prefix,
    Charset,
    Length,
    Decode,
}

impl KeyFormat {
    /// Checks a cleaned value against this format.
    pub fn check(&self, value: &str) -> Result<(), Mismatch> {
        let body = match &self.prefix {
            Some(prefix) => value
                .strip_prefix(prefix.as_str())
                .ok_or(Mismatch::Prefix)?,
            None => value,
        };
        if !self.charset.accepts(body) {
            return Err(Mismatch::Charset);
        }
        let len = value.chars().count();
        if self.min_len.is_some_and(|min| len < min) || self.max_len.is_some_and(|max| len > max) {
            return Err(Mismatch::Length);
        }
        if self.charset == Charset::Base64 {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(body)
                .map_err(|_| Mismatch::Decode)?;
            if !self.decoded_len.is_empty() && !self.decoded_len.contains(&decoded.len()) {
                return Err(Mismatch::Decode);
            }
        }
        Ok(())
    }

    /// Whether a match says which exchange the value comes from.
    pub fn is_distinctive(&self) -> bool {
        self.charset.is_distinctive() || self.prefix.is_some()
    }

    /// "64 characters", "between 16 and 128 characters", … for error messages.
    pub fn describe_length(&self) -> String {
        match (self.min_len, self.max_len) {
            (Some(min), Some(max)) if min == max => format!("{min} characters"),
            (Some(min), Some(max)) => format!("between {min} and {max} characters"),
            (Some(min), None) => format!("at least {min} characters"),
            (None, Some(max)) => format!("at most {max} characters"),
            (None, None) => "any length".to_owned(),
        }
    }

    /// Checks the format itself is coherent (run once when the catalog loads).
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if let (Some(min), Some(max)) = (self.min_len, self.max_len) {
            if min > max {
                problems.push(format!("min_len {min} > max_len {max}"));
            }
        }
        if self.min_len == Some(0) {
            problems.push("min_len 0 accepts an empty field".to_owned());
        }
        if !self.decoded_len.is_empty() && self.charset != Charset::Base64 {
            problems.push("decoded_len only applies to base64".to_owned());
        }
        if self.prefix.as_deref() == Some("") {
            problems.push("empty prefix".to_owned());
        }
        let asymmetric = matches!(
            self.key_type,
            KeyType::Ed25519 | KeyType::Rsa | KeyType::Ecdsa
        );
        if self.charset == Charset::Pem && !asymmetric {
            problems.push("a PEM secret must name an asymmetric key_type".to_owned());
        }
        problems
    }
}

fn is_base64_text(body: &str) -> bool {
    let unpadded = body.trim_end_matches('=');
    body.len() - unpadded.len() <= 2
        && !unpadded.is_empty()
        && unpadded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

fn is_uuid(body: &str) -> bool {
    let groups: Vec<&str> = body.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn is_cdp_key_name(body: &str) -> bool {
    let parts: Vec<&str> = body.split('/').collect();
    let id = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    parts.len() == 4
        && parts[0] == "organizations"
        && id(parts[1])
        && parts[2] == "apiKeys"
        && id(parts[3])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(charset: Charset, min: usize, max: usize) -> KeyFormat {
        KeyFormat {
            charset,
            min_len: Some(min),
            max_len: Some(max),
            prefix: None,
            decoded_len: Vec::new(),
            key_type: KeyType::Hmac,
        }
    }

    #[test]
    fn each_charset_accepts_its_own_shape_and_refuses_others() {
        let cases = [
            (Charset::Alnum, "abcXYZ019", "abc-XYZ"),
            (Charset::Hex, "22582BD0cff1", "22582BG0"),
            (Charset::Base64, "YWJjZA==", "YWJj*ZA=="),
            (
                Charset::Uuid,
                "37c541a1-0000-4aaa-9b20-10fe7a038418",
                "37c541a1-0000-4aaa-9b20",
            ),
            (
                Charset::CdpKeyName,
                "organizations/o-1/apiKeys/k-2",
                "organizations/o-1/keys/k-2",
            ),
            (Charset::Token, "a_b.c~d", "a b"),
        ];
        for (charset, good, bad) in cases {
            let f = format(charset, 1, 100);
            assert_eq!(f.check(good), Ok(()), "{charset:?} should accept {good}");
            assert!(f.check(bad).is_err(), "{charset:?} should refuse {bad}");
        }
    }

    #[test]
    fn length_is_checked_after_charset() {
        let f = format(Charset::Alnum, 4, 6);
        assert_eq!(f.check("abc"), Err(Mismatch::Length));
        assert_eq!(f.check("abcdefg"), Err(Mismatch::Length));
        assert_eq!(f.check("ab-d"), Err(Mismatch::Charset));
    }

    #[test]
    fn prefix_is_required_and_not_subject_to_the_charset() {
        let mut f = format(Charset::Alnum, 5, 40);
        f.prefix = Some("bg_".into());
        assert_eq!(f.check("bg_abc123"), Ok(()));
        assert_eq!(f.check("abc123456"), Err(Mismatch::Prefix));
    }

    #[test]
    fn base64_must_decode_to_an_accepted_length() {
        let mut f = format(Charset::Base64, 4, 100);
        f.decoded_len = vec![3];
        assert_eq!(f.check("YWJj"), Ok(()));
        assert_eq!(f.check("YWJjZA=="), Err(Mismatch::Decode));
        assert_eq!(f.check("YWJjZ"), Err(Mismatch::Decode));
    }

    #[test]
    fn incoherent_formats_are_reported() {
        assert!(!format(Charset::Alnum, 9, 3).problems().is_empty());
        assert!(!format(Charset::Pem, 1, 9).problems().is_empty());
        assert!(format(Charset::Alnum, 3, 9).problems().is_empty());
    }
}
