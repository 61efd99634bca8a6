//! The accounts a mock exchange knows: credentials, balances, key permissions and an optional fault.
//! Also the JSON shape of `--accounts` files (serde), with defaults that make a healthy trading key.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::registry::{self, ASYMMETRIC_KEYS};

/// One API key on one mock exchange. Only `exchange`, `api_key`, `secret` (and `passphrase` where the
/// exchange has one) are required; the rest default to a healthy trading key with a small balance.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockAccount {
    pub exchange: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub api_key: String,
    pub secret: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passphrase: Option<String>,
    /// How requests are signed. `None` is HMAC; for `ed25519`/`rsa` (Binance self-generated keys)
    /// `secret` holds the PUBLIC key PEM the user uploaded, as the exchange stores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_type: Option<MockKeyType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balances: Option<Vec<MockBalance>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<MockPermissions>,
    /// `None` means the default `["127.0.0.1"]`; an empty list means "no IP restriction".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_ips: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<Fault>,
    /// The platforms a demo vault assigns this key to, so the demo shows verdicts. The mock
    /// itself ignores it; it is here so the demo's knowledge lives in one place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platforms: Vec<String>,
}

// Written by hand so a secret or passphrase can never reach a log through `{:?}`.
impl fmt::Debug for MockAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockAccount")
            .field("exchange", &self.exchange)
            .field("label", &self.label)
            .field("api_key", &self.api_key)
            .field("secret", &"<redacted>")
            .field(
                "passphrase",
                &self.passphrase.as_ref().map(|_| "<redacted>"),
            )
            .field("key_type", &self.key_type)
            .field("balances", &self.balances)
            .field("permissions", &self.permissions)
            .field("allowed_ips", &self.allowed_ips)
            .field("expires_at", &self.expires_at)
            .field("fault", &self.fault)
            .finish()
    }
}

impl MockAccount {
    /// A healthy account with every optional field left at its default.
    pub fn new(exchange: &str, api_key: &str, secret: &str, passphrase: Option<&str>) -> Self {
        MockAccount {
            exchange: exchange.to_owned(),
            label: None,
            api_key: api_key.to_owned(),
            secret: secret.to_owned(),
            passphrase: passphrase.map(str::to_owned),
            key_type: None,
            balances: None,
            permissions: None,
            allowed_ips: None,
            expires_at: None,
            fault: None,
            platforms: Vec::new(),
        }
    }

    pub fn key_type_or_default(&self) -> MockKeyType {
        self.key_type.unwrap_or_default()
    }

    pub fn balances_or_default(&self) -> Vec<MockBalance> {
        self.balances.clone().unwrap_or_else(|| {
            vec![
                MockBalance::new("BTC", "0.01250000", "0"),
                MockBalance::new("ETH", "0.42000000", "0"),
                MockBalance::new("USDT", "150.00", "25.00"),
            ]
        })
    }

    pub fn permissions_or_default(&self) -> MockPermissions {
        self.permissions.unwrap_or_default()
    }

    pub fn allowed_ips_or_default(&self) -> Vec<String> {
        self.allowed_ips
            .clone()
            .unwrap_or_else(|| vec!["127.0.0.1".to_owned()])
    }

    /// True when the key is bound to a list of IPs (so exchanges that expire unbound keys don't).
    pub fn is_ip_restricted(&self) -> bool {
        !self.allowed_ips_or_default().is_empty()
    }

    pub fn clock_skew_ms(&self) -> i64 {
        match self.fault {
            Some(Fault::ClockSkewMs(ms)) => ms,
            _ => 0,
        }
    }

    /// Checks what `start` needs before it serves the account; the message names no secret.
    pub fn validate(&self) -> Result<(), String> {
        let Some(mock) = registry::find(&self.exchange) else {
            return Err(format!("unknown exchange {:?}", self.exchange));
        };
        if self.api_key.is_empty() || self.secret.is_empty() {
            return Err(format!(
                "{} account has an empty api_key or secret",
                self.exchange
            ));
        }
        if mock.needs_passphrase && self.passphrase.is_none() {
            return Err(format!(
                "{} account {} needs a passphrase",
                self.exchange, self.api_key
            ));
        }
        let key_type = self.key_type_or_default();
        if key_type != MockKeyType::Hmac {
            if !mock.public_keys {
                return Err(format!(
                    "{} account {}: key_type {key_type} is served only for {}",
                    self.exchange,
                    self.api_key,
                    ASYMMETRIC_KEYS.join(", ")
                ));
            }
            crate::verify::PublicKey::from_pem(key_type, &self.secret)
                .map_err(|e| format!("{} account {}: {e}", self.exchange, self.api_key))?;
        }
        Ok(())
    }
}

/// How an account's requests are signed. JSON: `"hmac"`, `"ed25519"`, `"rsa"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MockKeyType {
    /// A shared secret (the exchange-generated key pair).
    #[default]
    Hmac,
    /// Ed25519 signatures, checked against the uploaded public key.
    Ed25519,
    /// RSASSA-PKCS1-v1_5 with SHA-256, checked against the uploaded public key.
    Rsa,
}

impl fmt::Display for MockKeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MockKeyType::Hmac => "hmac",
            MockKeyType::Ed25519 => "ed25519",
            MockKeyType::Rsa => "rsa",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MockBalance {
    pub asset: String,
    pub free: String,
    pub locked: String,
}

impl MockBalance {
    pub fn new(asset: &str, free: &str, locked: &str) -> Self {
        MockBalance {
            asset: asset.to_owned(),
            free: free.to_owned(),
            locked: locked.to_owned(),
        }
    }
}

/// What the key may do. A missing field takes the healthy-trading-key value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MockPermissions {
    pub read: bool,
    pub spot_trade: bool,
    pub margin: bool,
    pub futures: bool,
    pub withdraw: bool,
    pub internal_transfer: bool,
}

impl Default for MockPermissions {
    fn default() -> Self {
        MockPermissions {
            read: true,
            spot_trade: true,
            margin: false,
            futures: false,
            withdraw: false,
            internal_transfer: false,
        }
    }
}

/// A misbehaviour the mock plays for one account. JSON: `"ip_not_whitelisted"`, `"expired"`,
/// `"clock_skew_ms:N"`, `"rate_limited"`, `"unavailable"`, `"permission_denied"`,
/// `"ticker_unavailable"` (the exchange's public ticker answers "unavailable"; like a clock skew,
/// it plays for the whole exchange while any of its accounts carries it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Fault {
    IpNotWhitelisted,
    Expired,
    ClockSkewMs(i64),
    RateLimited,
    Unavailable,
    PermissionDenied,
    TickerUnavailable,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown fault {0:?} (expected ip_not_whitelisted, expired, clock_skew_ms:N, rate_limited, unavailable, permission_denied or ticker_unavailable)")]
pub struct UnknownFault(String);

impl FromStr for Fault {
    type Err = UnknownFault;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "ip_not_whitelisted" => Fault::IpNotWhitelisted,
            "expired" => Fault::Expired,
            "rate_limited" => Fault::RateLimited,
            "unavailable" => Fault::Unavailable,
            "permission_denied" => Fault::PermissionDenied,
            "ticker_unavailable" => Fault::TickerUnavailable,
            other => match other.strip_prefix("clock_skew_ms:").map(str::parse) {
                Some(Ok(ms)) => Fault::ClockSkewMs(ms),
                _ => return Err(UnknownFault(other.to_owned())),
            },
        })
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::IpNotWhitelisted => f.write_str("ip_not_whitelisted"),
            Fault::Expired => f.write_str("expired"),
            Fault::ClockSkewMs(ms) => write!(f, "clock_skew_ms:{ms}"),
            Fault::RateLimited => f.write_str("rate_limited"),
            Fault::Unavailable => f.write_str("unavailable"),
            Fault::PermissionDenied => f.write_str("permission_denied"),
            Fault::TickerUnavailable => f.write_str("ticker_unavailable"),
        }
    }
}

impl TryFrom<String> for Fault {
    type Error = UnknownFault;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Fault> for String {
    fn from(f: Fault) -> String {
        f.to_string()
    }
}
