//! What the app's webview and the CLI's JSON see of a key (docs/ipc.md "Types"): masked summaries,
//! never a credential. Conversions only; the rules live in the catalog and the verdicts.

use chrono::{DateTime, Utc};
use coffre_catalog::catalog;
use coffre_model::{CheckReport, KeyType};
use coffre_vault::{KdfParams, KeyRecord, RevokedKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A key whose deadline is closer than this many days is flagged in the list (`deadline::of`).
pub const EXPIRING_SOON_DAYS: i64 = coffre_catalog::verdict::EXPIRY_WARNING_DAYS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    Ok,
    /// The exchange answered and refused the key.
    Failed,
    /// The latest check could not reach the exchange: neither works nor fails, the last known
    /// check (if any) still stands.
    Unreachable,
    NeverChecked,
}

impl KeyStatus {
    /// The key's state: its latest check, where one that could not reach the exchange never
    /// counts as a failure (a vault from before `unreachable_check` may hold one as `last_check`).
    pub fn of(meta: &coffre_vault::KeyMeta) -> KeyStatus {
        match (&meta.unreachable_check, &meta.last_check) {
            (Some(_), _) => KeyStatus::Unreachable,
            (None, None) => KeyStatus::NeverChecked,
            (None, Some(report)) if report.is_unreachable() => KeyStatus::Unreachable,
            (None, Some(report)) if report.ok => KeyStatus::Ok,
            (None, Some(_)) => KeyStatus::Failed,
        }
    }
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
    /// The key's one expiry truth (`deadline::of`): row badge, About card, sorting.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deadline: Option<crate::deadline::Deadline>,
    /// The deadline warns (fewer than 14 days left, or passed).
    pub expiring_soon: bool,
    /// The worst verdict over the key's platforms; absent for a key on none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verdict: Option<coffre_catalog::verdict::Status>,
    pub verdicts: Vec<crate::verdicts::VerdictBrief>,
    /// What the key held at its last successful check, for the inventory's totals per exchange.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub holdings: Option<crate::holdings::HoldingsValue>,
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
    /// A later check that could not reach the exchange ("couldn't check", with its cause).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unreachable_check: Option<CheckReport>,
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
        let status = KeyStatus::of(meta);
        let deadline = crate::deadline::of(meta, now);
        let expiring_soon = deadline
            .as_ref()
            .is_some_and(|d| d.warning != crate::deadline::DeadlineWarning::None);
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
            last_checked_at: crate::verdicts::known_check(meta).map(|r| r.checked_at),
            status,
            deadline,
            expiring_soon,
            verdict: crate::verdicts::worst(&verdicts),
            verdicts,
            holdings: crate::holdings::of(meta),
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
            unreachable_check: meta.unreachable_check.clone(),
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
    /// The badge's `#rrggbb` colour and its letters.
    pub badge_color: String,
    pub badge_initials: String,
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
    /// From a form draft: what only the fields together show (same value twice, swapped, the
    /// passphrase missing), each on the field that must change; empty once fixed. Absent when
    /// the draft did not change (a refused paste) or for a lone value.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub form_problems: Option<Vec<crate::error::FieldProblem>>,
}

/// `key_copy` answer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CopyResult {
    pub clear_after_s: u64,
}

/// "64 characters, letters and digits only": the catalog's sentence for the first documented format
/// of a field, in English (the CLI's words; the app shows `format_hint.<id>` of catalog.json, the
/// same sentence in its language).
fn format_hint(formats: &[coffre_catalog::format::KeyFormat]) -> String {
    catalog().field_hint(formats, "en")
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
            badge_color: e.badge_color.as_str().to_owned(),
            badge_initials: e.badge_initials(),
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
    use chrono::Duration;
    use coffre_vault::KeyMeta;

    /// Issue 14: "the banner says 'Bybit expiring soon — expires in 9 days', the key's About card
    /// says 'No expiry known', its row has no badge." Row, page, banner and safety now agree.
    #[test]
    fn a_reported_expiry_is_the_same_in_row_detail_banner_and_safety() {
        let now = Utc::now();
        let mut meta = KeyMeta::new("bybit", "bot");
        meta.platforms = vec!["3commas".into()];
        meta.last_check = Some(CheckReport {
            exchange: "bybit".into(),
            checked_at: now,
            ok: true,
            balances: Vec::new(),
            permissions: coffre_model::Permissions {
                expires_at: Some(now + Duration::days(9) + Duration::hours(1)),
                ..Default::default()
            },
            diagnosis: None,
            clock_offset_ms: None,
            region: None,
            valuation: None,
        });
        let record = KeyRecord {
            id: "id-9".into(),
            revision: 1,
            meta,
        };
        let row = KeySummary::from_record(&record, now);
        let deadline = row
            .deadline
            .clone()
            .expect("the row shows the reported expiry");
        assert!(row.expiring_soon);
        assert_eq!(deadline.days, 9);
        assert_eq!(deadline.kind, crate::deadline::DeadlineKind::Reported);
        let detail = KeyDetail::from_record(&record, false, now);
        assert_eq!(detail.summary.deadline.as_ref(), Some(&deadline));
        let safety = crate::safety::overview_at(std::slice::from_ref(&record), now);
        assert_eq!(safety.expiring_soon[0].days, deadline.days);
        assert_eq!(safety.expiring_soon[0].deadline.as_ref(), Some(&deadline));
        let banner = safety
            .reminders
            .iter()
            .find(|r| r.kind == coffre_catalog::safety::ReminderKind::ExpiresSoon)
            .expect("the banner warns");
        assert_eq!(banner.deadline.as_ref(), Some(&deadline));
        let verdicts = crate::verdicts::key_verdicts(&record.meta, "en", now);
        assert!(verdicts[0].reasons.iter().any(|r| r.code == "expires_soon"));
    }

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

    /// Issue 14: one sentence per format hint. The English one here is the catalog's, which the
    /// app shows translated (ui/src/i18n/catalog.json `format_hint`).
    #[test]
    fn format_hints_are_the_catalogs_english_sentences() {
        let binance = exchanges().into_iter().find(|e| e.id == "binance").unwrap();
        assert_eq!(
            binance.api_key_hint,
            "64 characters, letters and digits only"
        );
        for e in exchanges() {
            let entry = catalog().exchange(&e.id).unwrap();
            assert_eq!(
                e.secret_hint,
                catalog().field_hint(&entry.formats.secret, "en")
            );
        }
    }

    #[test]
    fn key_expiring_within_two_weeks_is_flagged() {
        assert!(KeySummary::from_record(&record(Some(3)), Utc::now()).expiring_soon);
        assert!(!KeySummary::from_record(&record(Some(60)), Utc::now()).expiring_soon);
    }
}
