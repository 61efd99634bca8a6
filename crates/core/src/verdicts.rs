//! Platform verdicts as the app and `coffre audit` show them: `coffre_catalog::verdict::judge` per
//! platform of a key, each reason rendered as a sentence in the user's language. No rule lives here.

use chrono::{DateTime, Utc};
use coffre_catalog::catalog;
use coffre_catalog::verdict::{self, Reason, Severity, Status};
use coffre_vault::KeyMeta;
use serde::Serialize;
use ts_rs::TS;

/// One reason behind a verdict, with its sentence.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VerdictReason {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
}

/// Whether a key suits one platform, and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PlatformVerdict {
    pub platform: String,
    pub platform_name: String,
    pub status: Status,
    pub reasons: Vec<VerdictReason>,
}

/// The list row's short form of a verdict.
#[derive(Debug, Clone, Serialize, TS)]
pub struct VerdictBrief {
    pub platform: String,
    pub status: Status,
}

fn reason_view(reason: &Reason, lang: &str) -> VerdictReason {
    VerdictReason {
        code: reason.code(),
        severity: reason.severity(),
        message: reason.message(lang),
    }
}

/// The platform's display name in `lang`, or its id when the catalog does not know it.
pub fn platform_name(platform: &str, lang: &str) -> String {
    catalog()
        .platform(platform)
        .map(|p| p.name.get(lang).to_owned())
        .unwrap_or_else(|| platform.to_owned())
}

/// The last check that read the key: a "couldn't check" report (kept as `last_check` by vaults
/// from before `unreachable_check`) learnt nothing and must not read as "nothing enabled".
pub fn known_check(meta: &KeyMeta) -> Option<&coffre_model::CheckReport> {
    meta.last_check.as_ref().filter(|r| !r.is_unreachable())
}

fn judged(meta: &KeyMeta, platform: &str, now: DateTime<Utc>) -> verdict::Verdict {
    let check = known_check(meta);
    verdict::judge(
        &meta.exchange,
        check.map(|r| &r.permissions),
        check.map(|r| r.checked_at),
        // The key's firm deadline; estimates already show as the IP-whitelist rule's reason.
        crate::deadline::firm(meta, now).map(|d| d.at),
        platform,
        now,
    )
}

/// One verdict per platform the key is assigned to, in the key's order.
pub fn key_verdicts(meta: &KeyMeta, lang: &str, now: DateTime<Utc>) -> Vec<PlatformVerdict> {
    meta.platforms
        .iter()
        .map(|platform| {
            let v = judged(meta, platform, now);
            PlatformVerdict {
                platform: platform.clone(),
                platform_name: platform_name(platform, lang),
                status: v.status,
                reasons: v.reasons.iter().map(|r| reason_view(r, lang)).collect(),
            }
        })
        .collect()
}

/// Statuses without their reasons, for the key list.
pub fn briefs(meta: &KeyMeta, now: DateTime<Utc>) -> Vec<VerdictBrief> {
    meta.platforms
        .iter()
        .map(|platform| VerdictBrief {
            platform: platform.clone(),
            status: judged(meta, platform, now).status,
        })
        .collect()
}

/// The key's platforms with their names, for where a rotated key must be pasted.
pub fn platform_infos(platforms: &[String], lang: &str) -> Vec<crate::views::PlatformInfo> {
    platforms
        .iter()
        .map(|p| crate::views::PlatformInfo {
            id: p.clone(),
            name: platform_name(p, lang),
        })
        .collect()
}

/// How bad a status is, for picking the worst over a key's platforms.
pub(crate) fn badness(status: Status) -> u8 {
    match status {
        Status::Ready => 0,
        Status::Unknown => 1,
        Status::Risky => 2,
        Status::Rejected => 3,
    }
}

/// The worst status among `briefs`; `None` for a key on no platform.
pub fn worst(briefs: &[VerdictBrief]) -> Option<Status> {
    briefs.iter().map(|b| b.status).max_by_key(|s| badness(*s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(status: Status) -> VerdictBrief {
        VerdictBrief {
            platform: "p".into(),
            status,
        }
    }

    #[test]
    fn rejected_outweighs_every_other_status() {
        let all = [
            brief(Status::Ready),
            brief(Status::Rejected),
            brief(Status::Risky),
            brief(Status::Unknown),
        ];
        assert_eq!(worst(&all), Some(Status::Rejected));
        assert_eq!(
            worst(&[brief(Status::Ready), brief(Status::Unknown)]),
            Some(Status::Unknown)
        );
        assert_eq!(worst(&[]), None);
    }

    /// Issue 14: "OKX main" and "Binance no IP restriction" are Risky for two or three reasons
    /// sharing one code; every one must reach the page, each with its own sentence and fix.
    #[test]
    fn reasons_sharing_a_code_are_all_kept_with_their_own_sentences() {
        let now = Utc::now();
        let mut meta = KeyMeta::new("binance", "no ip");
        meta.platforms = vec!["3commas".into()];
        meta.last_check = Some(coffre_model::CheckReport {
            exchange: "binance".into(),
            checked_at: now,
            ok: true,
            balances: Vec::new(),
            permissions: coffre_model::Permissions {
                read: coffre_model::Known::Yes,
                spot_trade: coffre_model::Known::Yes,
                margin: coffre_model::Known::No,
                futures: coffre_model::Known::No,
                withdraw: coffre_model::Known::No,
                internal_transfer: coffre_model::Known::No,
                ip_restricted: coffre_model::Known::No,
                ..Default::default()
            },
            diagnosis: None,
            clock_offset_ms: None,
            region: None,
            valuation: None,
        });
        for lang in ["en", "fr", "vi"] {
            let v = &key_verdicts(&meta, lang, now)[0];
            assert_eq!(v.status, Status::Risky);
            let same: Vec<&VerdictReason> = v
                .reasons
                .iter()
                .filter(|r| r.code == "ip_whitelist_missing")
                .collect();
            assert!(same.len() >= 2, "{lang}: {:?}", v.reasons);
            let mut sentences: Vec<&str> = same.iter().map(|r| r.message.as_str()).collect();
            sentences.sort();
            sentences.dedup();
            assert_eq!(
                sentences.len(),
                same.len(),
                "{lang}: one sentence per reason"
            );
        }
    }

    /// A check that never reached the exchange says nothing of the key's permissions.
    #[test]
    fn a_couldnt_check_report_is_not_read_as_permissions() {
        let now = Utc::now();
        let mut meta = KeyMeta::new("binance", "down");
        meta.platforms = vec!["bitsgap".into()];
        meta.last_check = Some(coffre_model::CheckReport {
            exchange: "binance".into(),
            checked_at: now,
            ok: false,
            balances: Vec::new(),
            permissions: Default::default(),
            diagnosis: Some(coffre_model::Diagnosis {
                kind: coffre_model::DiagnosisKind::NetworkError,
                exchange_code: None,
                exchange_message: None,
                message: String::new(),
            }),
            clock_offset_ms: None,
            region: None,
            valuation: None,
        });
        assert!(known_check(&meta).is_none());
        assert_eq!(briefs(&meta, now)[0].status, Status::Unknown);
        assert_eq!(
            crate::views::KeyStatus::of(&meta),
            crate::views::KeyStatus::Unreachable
        );
    }
}
