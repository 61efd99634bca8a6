//! The shared model, the ground floor every other crate stands on: credentials, key types and the
//! normalized result of a live check (shared by the exchange clients, the vault, the verdicts, the CLI
//! and the app). Serialized with snake_case names; this JSON is the contract of `coffre check --json`
//! and of the app's IPC.
#![forbid(unsafe_code)]

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod valuation;
pub use valuation::{AssetValue, Valuation};

/// An exchange id, as ccxt spells it: `binance`, `whitebit`, `cryptocom`, `okx`, `bybit`,
/// `kraken`, `kucoin`, `coinbase`, `bitget`, `gate`, or any other lowercase name for exchanges
/// Coffre stores but cannot check.
pub type ExchangeId = String;

/// A fact about a key as the exchange reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "snake_case")]
pub enum Known {
    /// The exchange says the key has it.
    Yes,
    /// The exchange says the key does not have it.
    No,
    /// This exchange does not report it: the user must confirm it by hand.
    #[default]
    NotReported,
}

impl Known {
    /// `Yes`/`No` from a reported boolean.
    pub fn from_bool(value: bool) -> Self {
        if value {
            Known::Yes
        } else {
            Known::No
        }
    }
}

/// The key's own permissions, each known true, known false or not reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
pub struct Permissions {
    pub read: Known,
    pub spot_trade: Known,
    pub margin: Known,
    pub futures: Known,
    pub withdraw: Known,
    pub internal_transfer: Known,
    pub ip_restricted: Known,
    /// IPs the key is bound to, when the exchange lists them (may be masked by the exchange).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub allowed_ips: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub created_at: Option<DateTime<Utc>>,
    /// When the key (or its trading permission) stops working, when the exchange says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// One asset's balance. Amounts are decimals, never floats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Balance {
    pub asset: String,
    #[ts(type = "string")]
    pub free: Decimal,
    #[ts(type = "string")]
    pub locked: Decimal,
}

/// Why a check failed, mapped from the exchange's own error codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DiagnosisKind {
    InvalidKey,
    BadSignature,
    WrongPassphrase,
    /// The computer's clock differs from the exchange's by `offset_ms` (positive: local clock ahead).
    ClockSkew {
        offset_ms: i64,
    },
    IpNotWhitelisted,
    PermissionMissing,
    KeyExpired,
    RateLimited {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        retry_after_s: Option<u64>,
    },
    ExchangeUnavailable,
    NetworkError,
}

impl DiagnosisKind {
    /// The check never got the exchange's answer about the key (network, exchange down, rate
    /// limited): nothing was learnt, so the last known permissions still stand.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            DiagnosisKind::NetworkError
                | DiagnosisKind::ExchangeUnavailable
                | DiagnosisKind::RateLimited { .. }
        )
    }
}

/// A failed check: what went wrong, what the exchange said, and a sentence for the trader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diagnosis {
    #[serde(flatten)]
    pub kind: DiagnosisKind,
    /// The exchange's own code (`-2015`, `50113`, `EAPI:Invalid key`, …), for support and logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub exchange_code: Option<String>,
    /// The exchange's own message; never contains a secret (exchanges do not echo secrets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub exchange_message: Option<String>,
    /// A sentence a trader understands (English; the app translates from `kind`).
    pub message: String,
}

/// The outcome of one live check of one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckReport {
    pub exchange: ExchangeId,
    pub checked_at: DateTime<Utc>,
    /// The key authenticated and its balance was read.
    pub ok: bool,
    #[serde(default)]
    pub balances: Vec<Balance>,
    #[serde(default)]
    pub permissions: Permissions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub diagnosis: Option<Diagnosis>,
    /// Local clock minus exchange clock, when the exchange offers a server-time probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub clock_offset_ms: Option<i64>,
    /// The default host did not know the key and this regional host did: the check went on there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub region: Option<RegionFound>,
    /// Present when the balances were read (`ok`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub valuation: Option<Valuation>,
}

/// A regional host that knows a key the exchange's default host does not ("this key belongs to
/// OKX EEA — my.okx.com").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegionFound {
    /// "OKX EEA", "Binance.US".
    pub name: String,
    /// The API host to save for the key (`https://eea.okx.com`).
    pub url: String,
    /// The website where such keys are made (`my.okx.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub site: Option<String>,
    /// Set when the region is an exchange of its own (`binanceus`): the key is named, not checked,
    /// and there is no host to save.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub own_exchange: Option<String>,
    /// The key already uses this host.
    #[serde(default)]
    pub saved: bool,
}

impl CheckReport {
    /// "Couldn't check": the exchange was not reached, so the report says nothing of the key.
    pub fn is_unreachable(&self) -> bool {
        self.diagnosis
            .as_ref()
            .is_some_and(|d| d.kind.is_unreachable())
    }
}

/// How the key signs requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyType {
    /// Shared secret (HMAC); most exchanges' "system-generated" keys.
    #[default]
    Hmac,
    /// Self-generated Ed25519 private key (PEM or base64), e.g. Binance, Coinbase CDP.
    Ed25519,
    /// Self-generated RSA private key (PEM).
    Rsa,
    /// ECDSA P-256 private key (PEM), e.g. Coinbase CDP ES256 keys.
    Ecdsa,
}

/// The credentials of one key. Every field is a secret; only the vault's sealed part, a signer,
/// a clipboard copy or an explicit export ever reads them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Credentials {
    pub api_key: coffre_secret::SecretString,
    /// HMAC secret, or the PEM/base64 private key for asymmetric key types.
    pub secret: coffre_secret::SecretString,
    /// OKX, KuCoin and Bitget passphrase (chosen by the user when creating the key).
    pub passphrase: Option<coffre_secret::SecretString>,
    pub key_type: KeyType,
}
