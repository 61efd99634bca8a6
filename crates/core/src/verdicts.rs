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

fn judged(meta: &KeyMeta, platform: &str, now: DateTime<Utc>) -> verdict::Verdict {
    let check = meta.last_check.as_ref();
    verdict::judge(
        &meta.exchange,
        check.map(|r| &r.permissions),
        check.map(|r| r.checked_at),
        meta.expires_at,
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
fn badness(status: Status) -> u8 {
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
}
