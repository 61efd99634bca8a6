//! The vault-wide safety overview (keys that can withdraw, have no IP restriction, expire, are
//! shared between platforms), with each key named by label and exchange for the app and the CLI.

use crate::deadline::{self, Deadline};
use crate::error::CoreResult;
use crate::session::Session;
use chrono::{DateTime, Utc};
use coffre_catalog::safety::ReminderKind;
use coffre_catalog::{safety, KeyFacts};
use coffre_vault::KeyRecord;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// A key named in the safety overview.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KeyRef {
    pub id: String,
    pub label: String,
    pub exchange: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExpiringRef {
    #[serde(flatten)]
    pub key: KeyRef,
    pub days: i64,
    /// The same deadline the key's row and page show (date, kind, source).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deadline: Option<Deadline>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SharedRef {
    #[serde(flatten)]
    pub key: KeyRef,
    pub platforms: Vec<String>,
    /// The exchange refuses a nonce older than the last one: two platforms on one key collide.
    pub nonce_clash: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReminderRef {
    #[serde(flatten)]
    pub key: KeyRef,
    pub kind: safety::ReminderKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub days: Option<i64>,
    /// For expiry reminders: the key's deadline, so the banner names its kind and source.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deadline: Option<Deadline>,
}

/// docs/ipc.md `SafetyOverview`: the catalog's id lists with each key's label and exchange.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SafetyView {
    pub can_withdraw: Vec<KeyRef>,
    /// Not verified: never read, or the exchange does not report withdrawals. Never "none".
    pub withdraw_unknown: Vec<KeyRef>,
    pub no_ip_restriction: Vec<KeyRef>,
    /// Not verified: never read, or the exchange does not report an IP restriction.
    pub ip_unknown: Vec<KeyRef>,
    pub expired: Vec<KeyRef>,
    pub expiring_soon: Vec<ExpiringRef>,
    pub shared: Vec<SharedRef>,
    pub reminders: Vec<ReminderRef>,
}

/// What the safety rules know of one key; its expiry is the key's deadline (`deadline::of`).
pub fn key_facts(record: &KeyRecord, now: DateTime<Utc>) -> KeyFacts {
    let check = crate::verdicts::known_check(&record.meta);
    KeyFacts {
        id: record.id.clone(),
        exchange: record.meta.exchange.clone(),
        permissions: check.map(|r| r.permissions.clone()),
        checked_at: check.map(|r| r.checked_at),
        expires_at: deadline::of(&record.meta, now).map(|d| d.at),
        platforms: record.meta.platforms.clone(),
    }
}

/// The overview of `records`, now.
pub fn overview_of(records: &[KeyRecord]) -> SafetyView {
    overview_at(records, Utc::now())
}

/// The overview of `records` as of `now`.
pub fn overview_at(records: &[KeyRecord], now: DateTime<Utc>) -> SafetyView {
    let keys: Vec<KeyFacts> = records.iter().map(|r| key_facts(r, now)).collect();
    let deadlines: HashMap<&str, Deadline> = records
        .iter()
        .filter_map(|r| Some((r.id.as_str(), deadline::of(&r.meta, now)?)))
        .collect();
    let deadline_of = |id: &str| deadlines.get(id).cloned();
    let refs: HashMap<&str, KeyRef> = records
        .iter()
        .map(|r| {
            let key = KeyRef {
                id: r.id.clone(),
                label: r.meta.label.clone(),
                exchange: r.meta.exchange.clone(),
            };
            (r.id.as_str(), key)
        })
        .collect();
    let key = |id: &str| refs.get(id).cloned();
    let keys_of = |ids: &[String]| ids.iter().filter_map(|id| key(id)).collect::<Vec<_>>();
    let o = safety::safety_overview(&keys, now);
    SafetyView {
        can_withdraw: keys_of(&o.can_withdraw),
        withdraw_unknown: keys_of(&o.withdraw_unknown),
        no_ip_restriction: keys_of(&o.no_ip_restriction),
        ip_unknown: keys_of(&o.ip_unknown),
        expired: keys_of(&o.expired),
        expiring_soon: o
            .expiring_soon
            .iter()
            .filter_map(|e| {
                Some(ExpiringRef {
                    key: key(&e.id)?,
                    days: e.days,
                    deadline: deadline_of(&e.id),
                })
            })
            .collect(),
        shared: o
            .shared
            .iter()
            .filter_map(|s| {
                Some(SharedRef {
                    key: key(&s.id)?,
                    platforms: s.platforms.clone(),
                    nonce_clash: s.nonce_clash,
                })
            })
            .collect(),
        reminders: o
            .reminders
            .iter()
            .filter_map(|r| {
                Some(ReminderRef {
                    key: key(&r.id)?,
                    kind: r.kind,
                    days: r.days,
                    deadline: matches!(r.kind, ReminderKind::Expired | ReminderKind::ExpiresSoon)
                        .then(|| deadline_of(&r.id))
                        .flatten(),
                })
            })
            .collect(),
    }
}

/// The open vault's overview.
pub fn overview(session: &Session) -> CoreResult<SafetyView> {
    let records = session.with_vault(|v| Ok(v.list()?))?;
    Ok(overview_of(&records))
}
