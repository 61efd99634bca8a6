//! What the app's webview and the CLI's JSON see of a key (docs/ipc.md "Types"): masked summaries,
//! never a credential. Conversions only; the rules live in the catalog and the verdicts.

use chrono::{DateTime, Duration, Utc};
use coffre_catalog::catalog;
use coffre_model::{CheckReport, KeyType};
use coffre_vault::{KdfParams, KeyRecord, RevokedKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A key expiring within this many days is flagged in the list.
pub const EXPIRING_SOON_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    Ok,
    Failed,
    NeverChecked,
}

/// A row of the key list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KeySummary {
    pub id: String,
    pub label: String,
    pub exchange: String,
    pub exchange_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub account: Option<String>,
    pub platforms: Vec<String>,
    pub tags: Vec<String>,
    /// In the summary so the inventory's search covers notes without opening every key.
    pub notes: String,
    pub api_key_hint: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expires_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_checked_at: Option<DateTime<Utc>>,
    pub status: KeyStatus,
    pub expiring_soon: bool,
    /// The worst verdict over the key's platforms; absent for a key on none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verdict: Option<coffre_catalog::verdict::Status>,
    pub verdicts: Vec<crate::verdicts::VerdictBrief>,
}

/// One key's page.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KeyDetail {
    #[serde(flatten)]
    pub summary: KeySummary,
    pub key_type: KeyType,
    pub has_passphrase: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_check: Option<CheckReport>,
    pub history: Vec<RevokedKey>,
    /// IP lists copied from each platform, for the exchange's whitelist.
    pub platform_ips: BTreeMap<String, Vec<String>>,
}

/// The display name of an exchange id (or the user's name for an "other" exchange).
pub fn exchange_name(exchange: &str, custom: Option<&str>) -> String {
    match (custom, catalog().exchange(exchange)) {
        (Some(name), _) if !name.is_empty() => name.to_owned(),
        (_, Some(entry)) => entry.name.clone(),
        _ => exchange.to_owned(),
    }
}

impl KeySummary {
    pub fn from_record(record: &KeyRecord, now: DateTime<Utc>) -> KeySummary {
        let meta = &record.meta;
        let status = match &meta.last_check {
            None => KeyStatus::NeverChecked,
            Some(report) if report.ok => KeyStatus::Ok,
            Some(_) => KeyStatus::Failed,
        };
        let expiring_soon = meta
            .expires_at
            .is_some_and(|at| at - now <= Duration::days(EXPIRING_SOON_DAYS));
        let verdicts = crate::verdicts::briefs(meta, now);
        KeySummary {
            id: record.id.clone(),
            label: meta.label.clone(),
            exchange: meta.exchange.clone(),
            exchange_name: exchange_name(&meta.exchange, meta.exchange_name.as_deref()),
            account: meta.account.clone(),
            platforms: meta.platforms.clone(),
            tags: meta.tags.clone(),
            notes: meta.notes.clone(),
            api_key_hint: meta.api_key_hint.clone(),
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            expires_at: meta.expires_at,
            last_checked_at: meta.last_check.as_ref().map(|r| r.checked_at),
            status,
            expiring_soon,
            verdict: crate::verdicts::worst(&verdicts),
            verdicts,
        }
    }
}

impl KeyDetail {
    pub fn from_record(record: &KeyRecord, has_passphrase: bool, now: DateTime<Utc>) -> KeyDetail {
        let meta = &record.meta;
        KeyDetail {
            summary: KeySummary::from_record(record, now),
            key_type: meta.key_type,
            has_passphrase,
            base_url: meta.base_url.clone(),
            last_check: meta.last_check.clone(),
            history: meta.history.clone(),
            platform_ips: meta.platform_ips.clone(),
        }
    }
}

/// `{mib, passes, lanes}` as the UI sends and reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KdfView {
    pub mib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl From<KdfParams> for KdfView {
    fn from(p: KdfParams) -> Self {
        KdfView {
            mib: p.mib,
            passes: p.passes,
            lanes: p.lanes,
        }
    }
}

impl From<KdfView> for KdfParams {
    fn from(v: KdfView) -> Self {
        KdfParams {
            mib: v.mib,
            passes: v.passes,
            lanes: v.lanes,
        }
    }
}

/// One exchange the add form offers.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExchangeInfo {
    pub id: String,
    pub name: String,
    pub needs_passphrase: bool,
    pub reports_permissions: bool,
    pub key_types: Vec<KeyType>,
    pub api_key_hint: String,
    pub secret_hint: String,
}

/// One platform the key can be meant for.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PlatformInfo {
    pub id: String,
    pub name: String,
}

/// The checklist for one exchange (and platform).
#[derive(Debug, Clone, Serialize, TS)]
pub struct Guide {
    pub exchange: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub platform: Option<String>,
    pub items: Vec<coffre_catalog::guide::ChecklistItem>,
}

/// Live validation of one pasted field.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PasteResult {
    pub ok: bool,
    #[ts(as = "crate::keys::FieldName")]
    pub field: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub masked: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detected_exchange: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<crate::error::FieldProblem>,
}

/// `key_copy` answer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CopyResult {
    pub clear_after_s: u64,
}

/// "64 characters, letters and digits"-style hint for the first documented format of a field.
fn format_hint(formats: &[coffre_catalog::format::KeyFormat]) -> String {
    formats
        .first()
        .map(|f| format!("{}, {}", f.describe_length(), f.charset.describe()))
        .unwrap_or_default()
}

/// Every exchange the add form offers.
pub fn exchanges() -> Vec<ExchangeInfo> {
    catalog()
        .exchanges()
        .iter()
        .map(|e| ExchangeInfo {
            id: e.id.clone(),
            name: e.name.clone(),
            needs_passphrase: e.needs_passphrase(),
            reports_permissions: e.reports_permissions,
            key_types: e.key_types.clone(),
            api_key_hint: format_hint(&e.formats.api_key),
            secret_hint: format_hint(&e.formats.secret),
        })
        .collect()
}

/// Every platform with its name in `lang`.
pub fn platforms(lang: &str) -> Vec<PlatformInfo> {
    catalog()
        .platforms()
        .iter()
        .map(|p| PlatformInfo {
            id: p.id.clone(),
            name: p.name.get(lang).to_owned(),
        })
        .collect()
}

/// Which boxes to tick and which to leave off when creating a key on `exchange` for `platform`.
pub fn guide(exchange: String, platform: Option<String>, lang: &str) -> Guide {
    let items = catalog().guide(&exchange, platform.as_deref(), lang);
    Guide {
        exchange,
        platform,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coffre_vault::KeyMeta;

    fn record(expires_in_days: Option<i64>) -> KeyRecord {
        let mut meta = KeyMeta::new("binance", "main");
        meta.api_key_hint = "ABCD…WXYZ".into();
        meta.expires_at = expires_in_days.map(|d| Utc::now() + Duration::days(d));
        KeyRecord {
            id: "id-1".into(),
            revision: 1,
            meta,
        }
    }

    #[test]
    fn unchecked_key_is_never_checked_and_named_from_the_catalog() {
        let s = KeySummary::from_record(&record(None), Utc::now());
        assert_eq!(s.status, KeyStatus::NeverChecked);
        assert_eq!(s.exchange_name, "Binance");
        assert!(!s.expiring_soon);
    }

    #[test]
    fn key_expiring_within_two_weeks_is_flagged() {
        assert!(KeySummary::from_record(&record(Some(3)), Utc::now()).expiring_soon);
        assert!(!KeySummary::from_record(&record(Some(60)), Utc::now()).expiring_soon);
    }
}
