//! What a platform or bot needs from a key, as read from `data/platforms.toml`: a default
//! profile (`exchange = "*"`) refined per exchange, merged by [`Platform::profile_for`].

use crate::exchange::{ExpiryRule, GuideStep, Permission};
use crate::text::{Name, Text};
use coffre_model::KeyType;
use serde::{Deserialize, Serialize};

/// Where the key goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    pub id: String,
    pub name: Name,
    pub kind: PlatformKind,
    /// Exchanges it connects to; `*` for any.
    pub exchanges: Vec<String>,
    #[serde(default)]
    pub notes: Vec<Text>,
    /// `exchange = "*"` first (required), then per-exchange refinements.
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Which window `coffre type` may type this platform's form into, and how it moves between
    /// fields.
    #[serde(default)]
    pub auto_type: AutoTypeProfile,
}

/// Auto-type data: a browser shows "<page title> — Mozilla Firefox", so the patterns are the
/// platform's name and domain, matched case-insensitively anywhere in the focused window's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AutoTypeProfile {
    #[serde(default)]
    pub window_titles: Vec<String>,
    /// The key pressed between two fields of the form.
    #[serde(default)]
    pub separator: FieldSeparator,
}

/// The key that moves the form's cursor to its next field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FieldSeparator {
    #[default]
    Tab,
    Return,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformKind {
    /// A web trading platform the trader pastes keys into.
    Platform,
    /// A bot the trader runs (config file or environment).
    Bot,
}

/// What the platform asks of a key on one exchange. Unset fields inherit from the `*` profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub exchange: String,
    /// The platform refuses or fails without these.
    #[serde(default)]
    pub required_on: Option<Vec<Permission>>,
    /// The platform refuses a key with these.
    #[serde(default)]
    pub required_off: Option<Vec<Permission>>,
    /// The platform does not need these: Coffre advises leaving them off.
    #[serde(default)]
    pub advised_off: Option<Vec<Permission>>,
    #[serde(default)]
    pub ip_whitelist: Option<IpPolicy>,
    /// The platform's form, in order.
    #[serde(default)]
    pub fields: Option<Vec<FormField>>,
    /// Key types the platform accepts (all when unset).
    #[serde(default)]
    pub key_types: Option<Vec<KeyType>>,
    /// Added to the platform's and the `*` profile's notes.
    #[serde(default)]
    pub notes: Vec<Text>,
    /// Checklist lines before the permission boxes (`{exchange}` and `{platform}` are filled).
    #[serde(default)]
    pub steps_before: Vec<GuideStep>,
    /// Checklist lines after the exchange's own closing steps (pasting into the platform).
    #[serde(default)]
    pub steps_after: Vec<GuideStep>,
    /// The platform's `steps_before` replace the exchange's own way to the key form (SmartradeX
    /// keys are made from a sub-account page, not the profile's API page).
    #[serde(default)]
    pub replaces_exchange_start: Option<bool>,
    /// Expiry rules the platform states on top of the exchange's.
    #[serde(default)]
    pub expiry: Vec<ExpiryRule>,
}

/// What the platform says about binding the key to its IP addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IpPolicy {
    /// The platform refuses a key without its IPs.
    Required,
    /// Advised, the platform works without.
    Recommended,
    /// The platform does not say.
    Optional,
    /// The platform needs the key unrestricted.
    Forbidden,
}

/// A field of the platform's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormField {
    pub credential: Credential,
    pub label: Name,
}

/// Which credential goes into a form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Credential {
    ApiKey,
    Secret,
    Passphrase,
}

/// A platform's requirements for one exchange, fully merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolvedProfile {
    pub required_on: Vec<Permission>,
    pub required_off: Vec<Permission>,
    pub advised_off: Vec<Permission>,
    pub ip_whitelist: IpPolicy,
    /// Passphrase fields are dropped for exchanges without a passphrase.
    pub fields: Vec<FormField>,
    pub key_types: Option<Vec<KeyType>>,
    pub notes: Vec<Text>,
    pub steps_before: Vec<GuideStep>,
    pub steps_after: Vec<GuideStep>,
    pub replaces_exchange_start: bool,
    pub expiry: Vec<ExpiryRule>,
}

impl Platform {
    /// Whether the platform connects to this exchange.
    pub fn supports(&self, exchange: &str) -> bool {
        self.exchanges.iter().any(|e| e == "*" || e == exchange)
    }

    /// The `*` profile refined by the exchange's own profile, if any.
    pub fn profile_for(&self, exchange: &str, needs_passphrase: bool) -> ResolvedProfile {
        let base = self.profiles.iter().find(|p| p.exchange == "*");
        let own = self.profiles.iter().find(|p| p.exchange == exchange);
        let layers: Vec<&Profile> = base.into_iter().chain(own).collect();
        let pick = |get: fn(&Profile) -> Option<&Vec<Permission>>| {
            layers
                .iter()
                .rev()
                .find_map(|p| get(p))
                .cloned()
                .unwrap_or_default()
        };
        let fields = layers
            .iter()
            .rev()
            .find_map(|p| p.fields.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|f| needs_passphrase || f.credential != Credential::Passphrase)
            .collect();
        ResolvedProfile {
            required_on: pick(|p| p.required_on.as_ref()),
            required_off: pick(|p| p.required_off.as_ref()),
            advised_off: pick(|p| p.advised_off.as_ref()),
            ip_whitelist: layers
                .iter()
                .rev()
                .find_map(|p| p.ip_whitelist)
                .unwrap_or(IpPolicy::Optional),
            fields,
            key_types: layers.iter().rev().find_map(|p| p.key_types.clone()),
            notes: self
                .notes
                .iter()
                .chain(layers.iter().flat_map(|p| &p.notes))
                .cloned()
                .collect(),
            steps_before: layers.iter().flat_map(|p| p.steps_before.clone()).collect(),
            steps_after: layers.iter().flat_map(|p| p.steps_after.clone()).collect(),
            replaces_exchange_start: layers
                .iter()
                .rev()
                .find_map(|p| p.replaces_exchange_start)
                .unwrap_or(false),
            expiry: layers.iter().flat_map(|p| p.expiry.clone()).collect(),
        }
    }
}
