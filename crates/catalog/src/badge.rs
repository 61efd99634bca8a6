//! The colour of an exchange's badge in the app, kept with the rest of what Coffre knows about the
//! exchange; parsed strictly (`#rrggbb`) so a typo fails the catalog's test, not the interface.

use serde::{Deserialize, Serialize};

/// A CSS hex colour, `#` and six hex digits (`#c99400`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BadgeColor(String);

impl BadgeColor {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for BadgeColor {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let hex = text.strip_prefix('#').unwrap_or_default();
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            Ok(BadgeColor(text))
        } else {
            Err(format!("badge_color {text:?} is not a #rrggbb colour"))
        }
    }
}

impl From<BadgeColor> for String {
    fn from(color: BadgeColor) -> String {
        color.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_six_digit_hex_colours_are_badge_colours() {
        assert!(BadgeColor::try_from("#c99400".to_owned()).is_ok());
        assert!(BadgeColor::try_from("#111".to_owned()).is_err());
        assert!(BadgeColor::try_from("c99400".to_owned()).is_err());
        assert!(BadgeColor::try_from("#c9940g".to_owned()).is_err());
    }
}
