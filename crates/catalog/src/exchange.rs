//! What Coffre knows about one exchange, as read from `data/exchanges.toml`: credential fields,
//! key formats, reported permissions, expiry rules, base URLs and the guide's building blocks.

use crate::ambiguous::AmbiguousCode;
use crate::badge::BadgeColor;
use crate::format::KeyFormat;
use crate::text::Text;
use coffre_model::{KeyType, Known, Permissions};
use serde::{Deserialize, Serialize};

/// A permission a platform can require on or off, as in `model::Permissions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    Read,
    SpotTrade,
    Margin,
    Futures,
    Withdraw,
    InternalTransfer,
    /// Not a permission the key grants but a restriction it carries; it has the same
    /// Yes/No/NotReported shape, so it travels with the others.
    IpRestricted,
}

impl Permission {
    /// All of them, in checklist order.
    pub const ALL: [Permission; 7] = [
        Permission::Read,
        Permission::SpotTrade,
        Permission::Margin,
        Permission::Futures,
        Permission::Withdraw,
        Permission::InternalTransfer,
        Permission::IpRestricted,
    ];

    /// The snake_case id used in data files and reason parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Read => "read",
            Permission::SpotTrade => "spot_trade",
            Permission::Margin => "margin",
            Permission::Futures => "futures",
            Permission::Withdraw => "withdraw",
            Permission::InternalTransfer => "internal_transfer",
            Permission::IpRestricted => "ip_restricted",
        }
    }

    /// What a check reported for this permission.
    pub fn of(self, permissions: &Permissions) -> Known {
        match self {
            Permission::Read => permissions.read,
            Permission::SpotTrade => permissions.spot_trade,
            Permission::Margin => permissions.margin,
            Permission::Futures => permissions.futures,
            Permission::Withdraw => permissions.withdraw,
            Permission::InternalTransfer => permissions.internal_transfer,
            Permission::IpRestricted => permissions.ip_restricted,
        }
    }
}

/// One exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    /// ccxt id (`binance`, `okx`, …) or `other`.
    pub id: String,
    /// The name in English; brands keep it in every language.
    pub name: String,
    /// The name in French and Vietnamese where it is a description, not a brand ("Other exchange").
    #[serde(default)]
    pub local_name: Option<crate::text::Name>,
    pub key_types: Vec<KeyType>,
    pub fields: CredentialFields,
    #[serde(default)]
    pub formats: Formats,
    /// Whether the exchange has an endpoint telling the key's own permissions.
    pub reports_permissions: bool,
    /// Which permissions that endpoint reports; the others come back `NotReported`.
    #[serde(default)]
    pub reported: Vec<Permission>,
    /// The boxes on the exchange's key page, per permission, as the trader sees them.
    #[serde(default)]
    pub permission_labels: Vec<PermissionLabel>,
    /// Boxes to leave unticked that Coffre does not model (WhiteBIT "Deposit", "Codes").
    #[serde(default)]
    pub extra_off: Vec<Text>,
    #[serde(default)]
    pub expiry: Vec<ExpiryRule>,
    /// Production base URL: scheme and host only; clients append full paths.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Testnet, demo and regional hosts.
    #[serde(default)]
    pub alt_urls: Vec<AltUrl>,
    pub guide: ExchangeGuide,
    /// Signed requests carry a per-key increasing nonce, so two apps sharing the key break each
    /// other (Kraken `EAPI:Invalid nonce`, WhiteBIT "Too many requests").
    #[serde(default)]
    pub nonce_per_key: bool,
    /// Why the data says what it says (sources), for maintainers.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Coffre checks this exchange's keys live: it has a client in `crates/exchanges` and a mock
    /// in `crates/mock-exchange` (a test keeps the three lists equal).
    #[serde(default)]
    pub live_check: bool,
    /// The currency the exchange prices most markets in (`USDT`; `USD` on Coinbase and Kraken):
    /// a checked key's balances are valued in it from the exchange's public ticker.
    #[serde(default)]
    pub quote_currency: Option<String>,
    /// The exchange's badge colour in the app.
    pub badge_color: BadgeColor,
    /// The letters on the badge (`BN`); the name's first two when the data gives none.
    #[serde(default)]
    pub badge_initials: Option<String>,
    /// The exchange's codes that mean several things at once, each with its own sentence.
    #[serde(default)]
    pub ambiguous_codes: Vec<AmbiguousCode>,
}

impl Exchange {
    /// The name to show in `lang`: the brand, or its translation for a description.
    pub fn display_name(&self, lang: &str) -> &str {
        match &self.local_name {
            Some(name) => name.get(lang),
            None => &self.name,
        }
    }

    /// The letters on the exchange's badge.
    pub fn badge_initials(&self) -> String {
        self.badge_initials
            .clone()
            .unwrap_or_else(|| self.name.chars().take(2).collect::<String>().to_uppercase())
    }

    /// Whether the exchange asks for a passphrase (OKX, KuCoin, Bitget).
    pub fn needs_passphrase(&self) -> bool {
        self.fields.passphrase.is_some()
    }

    /// The labels of the boxes for one permission (empty when the page has none).
    pub fn labels(&self, permission: Permission) -> impl Iterator<Item = &Text> {
        self.permission_labels
            .iter()
            .filter(move |label| label.permission == permission)
            .map(|label| &label.label)
    }

    /// Whether a check of this exchange tells `permission`.
    pub fn reports(&self, permission: Permission) -> bool {
        self.reports_permissions && self.reported.contains(&permission)
    }
}

/// The credential fields on the exchange's key page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialFields {
    pub api_key: FieldSpec,
    pub secret: FieldSpec,
    /// Present when the exchange requires a passphrase.
    #[serde(default)]
    pub passphrase: Option<FieldSpec>,
}

/// One credential field: what the exchange calls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub label: Text,
}

/// Accepted shapes of each field; an empty list means "not documented: anything visible".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    #[serde(default)]
    pub api_key: Vec<KeyFormat>,
    #[serde(default)]
    pub secret: Vec<KeyFormat>,
}

/// A box on the key page and the permission it grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionLabel {
    pub permission: Permission,
    pub label: Text,
}

/// When an exchange takes permissions away or deletes a key on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpiryRule {
    pub id: String,
    pub when: ExpiryCondition,
    /// The rule only hits keys holding one of these permissions (empty: any key).
    #[serde(default)]
    pub applies_to: Vec<Permission>,
    pub days: u32,
    pub effect: ExpiryEffect,
    /// False when only third-party sources state the rule.
    pub confirmed: bool,
    /// The rule as the trader reads it.
    pub text: Text,
    pub source: String,
}

/// What starts an expiry clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryCondition {
    /// From activation, when the key has no IP whitelist.
    NoIpWhitelist,
    /// From the last use, when the key has no IP whitelist.
    InactiveWithoutIp,
    /// From the last use, whatever the key's IP binding.
    Inactive,
    /// From an account password change, when the key has no IP whitelist.
    PasswordChangeWithoutIp,
}

impl ExpiryCondition {
    /// Whether the rule can only hit keys that have no IP whitelist.
    pub fn needs_no_ip(self) -> bool {
        !matches!(self, ExpiryCondition::Inactive)
    }
}

/// What the exchange does when the clock runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryEffect {
    TradingRemoved,
    KeyDeleted,
    KeyInvalid,
}

/// A non-production host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AltUrl {
    pub kind: AltUrlKind,
    pub url: String,
    #[serde(default)]
    pub note: Option<String>,
    /// A region's name as the trader knows it ("OKX EEA"); required for `region`.
    #[serde(default)]
    pub name: Option<String>,
    /// The website where keys for this region are made ("my.okx.com"), when it differs from the
    /// API host: what the trader recognises.
    #[serde(default)]
    pub site: Option<String>,
    /// The ccxt id when the region is an exchange of its own that Coffre only recognises
    /// (Binance.US is `binanceus` for every bot): its keys are named, not checked.
    #[serde(default)]
    pub own_exchange: Option<String>,
}

impl AltUrl {
    /// A regional entity with its own accounts and keys: a key unknown to the default host may
    /// belong there, so a check tries it.
    pub fn is_region(&self) -> bool {
        self.kind == AltUrlKind::Region
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AltUrlKind {
    Testnet,
    Demo,
    /// Another entity's host: its own accounts, so its own keys.
    Region,
    /// Another host for the same accounts (Bybit's api.bytick.com): never tried for an unknown key.
    Mirror,
}

/// What to do on the exchange's page, around the permission boxes (which come from the labels).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExchangeGuide {
    /// Getting to the key form (open API management, create, name…).
    #[serde(default)]
    pub before: Vec<GuideStep>,
    /// Binding the key to the platform's IPs; `{platform}` names the platform.
    #[serde(default)]
    pub ip_on: Vec<GuideStep>,
    /// Leaving the key without IP restriction.
    #[serde(default)]
    pub ip_off: Vec<GuideStep>,
    /// Saving, copying the secret, activating.
    #[serde(default)]
    pub after: Vec<GuideStep>,
}

/// One checklist line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideStep {
    #[serde(default)]
    pub action: Action,
    pub text: Text,
}

/// What a checklist line asks: tick a box, leave it unticked, or just do/know something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Enable,
    Disable,
    #[default]
    Info,
}
