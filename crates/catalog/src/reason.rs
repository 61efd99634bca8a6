//! Why a verdict is what it is, as typed values: each reason carries the data its sentence needs
//! and weighs on the status by its kind. Sentences are made in `sentences`, not here.

use crate::exchange::Permission;
use serde::{Deserialize, Serialize, Serializer};
use ts_rs::TS;

/// How much a reason weighs on the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Blocker,
}

/// What is wrong or worth knowing, with its own data. The serde tag is the stable code the UI and
/// `messages.toml` rely on (see [`ReasonKind::code`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ReasonKind {
    /// The platform does not connect to the key's exchange.
    ExchangeNotSupported,
    /// Coffre does not know the platform.
    UnknownPlatform,
    NeverChecked,
    /// The last check is this many days old.
    CheckStale {
        days: i64,
    },
    ReadOff,
    TradingOff,
    MarginOff,
    FuturesRequired,
    /// A required permission without a code of its own is off.
    PermissionOff {
        permission: Permission,
    },
    WithdrawEnabled,
    TransferEnabled,
    TradingEnabled,
    MarginEnabled,
    FuturesEnabled,
    /// A refused permission without a code of its own is on.
    PermissionEnabled {
        permission: Permission,
    },
    /// On, though the platform does not need it.
    NeedlessPermission {
        permission: Permission,
    },
    /// The platform cares about it but the exchange does not tell it.
    NotReported {
        permission: Permission,
    },
    IpWhitelistRequired,
    IpWhitelistRecommended,
    IpWhitelistForbidden,
    /// An exchange rule (by id) that hits keys without an IP whitelist. `unavoidable` when the
    /// platform forbids binding IPs: the trader cannot escape the rule, so it only informs.
    IpWhitelistMissing {
        rule: String,
        unavoidable: bool,
    },
    Expired,
    /// The key expires in this many days.
    ExpiresSoon {
        days: i64,
    },
}

/// Every code, which is also the key of the reason's sentence in `messages.toml`.
pub const CODES: [&str; 23] = [
    "exchange_not_supported",
    "unknown_platform",
    "never_checked",
    "check_stale",
    "read_off",
    "trading_off",
    "margin_off",
    "futures_required",
    "permission_off",
    "withdraw_enabled",
    "transfer_enabled",
    "trading_enabled",
    "margin_enabled",
    "futures_enabled",
    "permission_enabled",
    "needless_permission",
    "not_reported",
    "ip_whitelist_required",
    "ip_whitelist_recommended",
    "ip_whitelist_forbidden",
    "ip_whitelist_missing",
    "expired",
    "expires_soon",
];

impl ReasonKind {
    /// A permission the platform needs is off.
    pub fn missing(permission: Permission) -> ReasonKind {
        match permission {
            Permission::Read => ReasonKind::ReadOff,
            Permission::SpotTrade => ReasonKind::TradingOff,
            Permission::Margin => ReasonKind::MarginOff,
            Permission::Futures => ReasonKind::FuturesRequired,
            _ => ReasonKind::PermissionOff { permission },
        }
    }

    /// A permission the platform refuses is on.
    pub fn refused(permission: Permission) -> ReasonKind {
        match permission {
            Permission::Withdraw => ReasonKind::WithdrawEnabled,
            Permission::InternalTransfer => ReasonKind::TransferEnabled,
            Permission::SpotTrade => ReasonKind::TradingEnabled,
            Permission::Margin => ReasonKind::MarginEnabled,
            Permission::Futures => ReasonKind::FuturesEnabled,
            _ => ReasonKind::PermissionEnabled { permission },
        }
    }

    /// The snake_case code (`withdraw_enabled`), one of [`CODES`].
    pub fn code(&self) -> &'static str {
        match self {
            ReasonKind::ExchangeNotSupported => "exchange_not_supported",
            ReasonKind::UnknownPlatform => "unknown_platform",
            ReasonKind::NeverChecked => "never_checked",
            ReasonKind::CheckStale { .. } => "check_stale",
            ReasonKind::ReadOff => "read_off",
            ReasonKind::TradingOff => "trading_off",
            ReasonKind::MarginOff => "margin_off",
            ReasonKind::FuturesRequired => "futures_required",
            ReasonKind::PermissionOff { .. } => "permission_off",
            ReasonKind::WithdrawEnabled => "withdraw_enabled",
            ReasonKind::TransferEnabled => "transfer_enabled",
            ReasonKind::TradingEnabled => "trading_enabled",
            ReasonKind::MarginEnabled => "margin_enabled",
            ReasonKind::FuturesEnabled => "futures_enabled",
            ReasonKind::PermissionEnabled { .. } => "permission_enabled",
            ReasonKind::NeedlessPermission { .. } => "needless_permission",
            ReasonKind::NotReported { .. } => "not_reported",
            ReasonKind::IpWhitelistRequired => "ip_whitelist_required",
            ReasonKind::IpWhitelistRecommended => "ip_whitelist_recommended",
            ReasonKind::IpWhitelistForbidden => "ip_whitelist_forbidden",
            ReasonKind::IpWhitelistMissing { .. } => "ip_whitelist_missing",
            ReasonKind::Expired => "expired",
            ReasonKind::ExpiresSoon { .. } => "expires_soon",
        }
    }

    /// Blockers make the platform refuse the key or the key fail; warnings need the trader's
    /// attention; information changes nothing.
    pub fn severity(&self) -> Severity {
        match self {
            ReasonKind::NeverChecked
            | ReasonKind::IpWhitelistMissing {
                unavoidable: true, ..
            } => Severity::Info,
            ReasonKind::UnknownPlatform
            | ReasonKind::CheckStale { .. }
            | ReasonKind::NeedlessPermission { .. }
            | ReasonKind::NotReported { .. }
            | ReasonKind::IpWhitelistRecommended
            | ReasonKind::IpWhitelistMissing { .. }
            | ReasonKind::ExpiresSoon { .. } => Severity::Warning,
            ReasonKind::ExchangeNotSupported
            | ReasonKind::ReadOff
            | ReasonKind::TradingOff
            | ReasonKind::MarginOff
            | ReasonKind::FuturesRequired
            | ReasonKind::PermissionOff { .. }
            | ReasonKind::WithdrawEnabled
            | ReasonKind::TransferEnabled
            | ReasonKind::TradingEnabled
            | ReasonKind::MarginEnabled
            | ReasonKind::FuturesEnabled
            | ReasonKind::PermissionEnabled { .. }
            | ReasonKind::IpWhitelistRequired
            | ReasonKind::IpWhitelistForbidden
            | ReasonKind::Expired => Severity::Blocker,
        }
    }

    /// The permission the reason is about, when it names one.
    pub fn permission(&self) -> Option<Permission> {
        match self {
            ReasonKind::PermissionOff { permission }
            | ReasonKind::PermissionEnabled { permission }
            | ReasonKind::NeedlessPermission { permission }
            | ReasonKind::NotReported { permission } => Some(*permission),
            _ => None,
        }
    }

    /// The number of days the reason counts, when it counts some.
    pub fn days(&self) -> Option<i64> {
        match self {
            ReasonKind::CheckStale { days } | ReasonKind::ExpiresSoon { days } => Some(*days),
            _ => None,
        }
    }

    /// The id of the exchange's expiry rule the reason is about, when there is one.
    pub fn rule(&self) -> Option<&str> {
        match self {
            ReasonKind::IpWhitelistMissing { rule, .. } => Some(rule),
            _ => None,
        }
    }
}

/// One reason behind a verdict. It keeps the ids of the platform and exchange judged, so that
/// its sentence can name them without the verdict at hand.
///
/// JSON: `{code, severity, platform, exchange, …the kind's own data}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Reason {
    /// The platform the key was judged for, by id (`bitsgap`).
    pub platform: String,
    /// The key's exchange, by id (`binance`).
    pub exchange: String,
    #[serde(flatten)]
    pub kind: ReasonKind,
}

impl Reason {
    /// The stable snake_case code (`withdraw_enabled`).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// How much the reason weighs on the status.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

impl Serialize for Reason {
    // Written by hand so the severity, which follows from the kind, still reaches the JSON.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json<'a> {
            #[serde(flatten)]
            kind: &'a ReasonKind,
            severity: Severity,
            platform: &'a str,
            exchange: &'a str,
        }
        Json {
            kind: &self.kind,
            severity: self.severity(),
            platform: &self.platform,
            exchange: &self.exchange,
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each kind; the exhaustive `code` match keeps it honest when a kind is added.
    fn one_of_each() -> Vec<ReasonKind> {
        let p = Permission::Withdraw;
        vec![
            ReasonKind::ExchangeNotSupported,
            ReasonKind::UnknownPlatform,
            ReasonKind::NeverChecked,
            ReasonKind::CheckStale { days: 40 },
            ReasonKind::ReadOff,
            ReasonKind::TradingOff,
            ReasonKind::MarginOff,
            ReasonKind::FuturesRequired,
            ReasonKind::PermissionOff { permission: p },
            ReasonKind::WithdrawEnabled,
            ReasonKind::TransferEnabled,
            ReasonKind::TradingEnabled,
            ReasonKind::MarginEnabled,
            ReasonKind::FuturesEnabled,
            ReasonKind::PermissionEnabled { permission: p },
            ReasonKind::NeedlessPermission { permission: p },
            ReasonKind::NotReported { permission: p },
            ReasonKind::IpWhitelistRequired,
            ReasonKind::IpWhitelistRecommended,
            ReasonKind::IpWhitelistForbidden,
            ReasonKind::IpWhitelistMissing {
                rule: "r".into(),
                unavoidable: false,
            },
            ReasonKind::Expired,
            ReasonKind::ExpiresSoon { days: 5 },
        ]
    }

    #[test]
    fn every_kind_has_its_own_listed_code() {
        let codes: Vec<&str> = one_of_each().iter().map(ReasonKind::code).collect();
        assert_eq!(codes, CODES);
    }

    #[test]
    fn reasons_serialize_as_code_severity_and_their_data() {
        let reason = Reason {
            platform: "bitsgap".into(),
            exchange: "bybit".into(),
            kind: ReasonKind::ExpiresSoon { days: 5 },
        };
        let json = serde_json::to_value(&reason).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "expires_soon",
                "severity": "warning",
                "platform": "bitsgap",
                "exchange": "bybit",
                "days": 5
            })
        );
        assert_eq!(serde_json::from_value::<Reason>(json).unwrap(), reason);
    }

    #[test]
    fn a_no_ip_rule_only_informs_when_the_platform_forbids_ip_binding() {
        let missing = |unavoidable| ReasonKind::IpWhitelistMissing {
            rule: "r".into(),
            unavoidable,
        };
        assert_eq!(missing(true).severity(), Severity::Info);
        assert_eq!(missing(false).severity(), Severity::Warning);
    }
}
