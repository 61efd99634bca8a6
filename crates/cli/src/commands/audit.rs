//! `audit`: for every key and every platform it is assigned to, the verdict on its last check
//! (`coffre_catalog::verdict::judge`), then the vault-wide safety overview. Exit 6 when any
//! verdict is "will be rejected" or "risky", so a script or a cron job can alert on it.

use std::collections::BTreeMap;

use chrono::Utc;
use coffre_catalog::catalog;
use coffre_catalog::safety::{safety_overview, KeyFacts, SafetyOverview};
use coffre_catalog::verdict::{judge, Severity, Status, Verdict};
use coffre_vault::KeyRecord;
use serde::Serialize;

use super::Ctx;
use crate::error::CliError;

/// The whole `audit --json` document.
#[derive(Serialize)]
struct Audit<'a> {
    keys: Vec<KeyAudit<'a>>,
    safety: Safety<'a>,
}

#[derive(Serialize)]
struct KeyAudit<'a> {
    label: &'a str,
    exchange: &'a str,
    verdicts: Vec<PlatformVerdict>,
}

#[derive(Serialize)]
struct PlatformVerdict {
    platform: String,
    platform_name: String,
    status: Status,
    reasons: Vec<ReasonLine>,
}

#[derive(Serialize)]
struct ReasonLine {
    code: &'static str,
    severity: Severity,
    message: String,
}

/// The safety overview with labels instead of ids (the CLI speaks in labels).
#[derive(Serialize)]
struct Safety<'a> {
    can_withdraw: Vec<&'a str>,
    no_ip_restriction: Vec<&'a str>,
    expired: Vec<&'a str>,
    expiring_soon: Vec<Expiring<'a>>,
    shared: Vec<Shared<'a>>,
}

#[derive(Serialize)]
struct Expiring<'a> {
    label: &'a str,
    days: i64,
}

#[derive(Serialize)]
struct Shared<'a> {
    label: &'a str,
    platforms: &'a [String],
    nonce_clash: bool,
}

pub fn audit(ctx: &mut Ctx, json: bool, lang: &str) -> Result<(), CliError> {
    let vault = ctx.unlock()?;
    let records = vault.list()?;
    let now = Utc::now();
    let keys: Vec<KeyAudit> = records
        .iter()
        .map(|record| KeyAudit {
            label: &record.meta.label,
            exchange: &record.meta.exchange,
            verdicts: record
                .meta
                .platforms
                .iter()
                .map(|platform| platform_verdict(record, platform, now, lang))
                .collect(),
        })
        .collect();
    let facts: Vec<KeyFacts> = records.iter().map(facts).collect();
    let safety = with_labels(&safety_overview(&facts, now), &records);
    let flagged = keys
        .iter()
        .flat_map(|k| &k.verdicts)
        .filter(|v| matches!(v.status, Status::Rejected | Status::Risky))
        .count();
    let report = Audit { keys, safety };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("the audit serializes")
        );
    } else {
        print_text(&report);
    }
    if flagged > 0 {
        return Err(CliError::AuditFlagged(flagged));
    }
    Ok(())
}

fn platform_verdict(
    record: &KeyRecord,
    platform: &str,
    now: chrono::DateTime<Utc>,
    lang: &str,
) -> PlatformVerdict {
    let check = record.meta.last_check.as_ref();
    let Verdict { status, reasons } = judge(
        &record.meta.exchange,
        check.map(|c| &c.permissions),
        check.map(|c| c.checked_at),
        record.meta.expires_at,
        platform,
        now,
    );
    PlatformVerdict {
        platform: platform.to_owned(),
        platform_name: catalog()
            .platform(platform)
            .map_or_else(|| platform.to_owned(), |p| p.name.get(lang).to_owned()),
        status,
        reasons: reasons
            .iter()
            .map(|r| ReasonLine {
                code: r.code.as_str(),
                severity: r.severity,
                message: r.message(lang),
            })
            .collect(),
    }
}

fn facts(record: &KeyRecord) -> KeyFacts {
    let check = record.meta.last_check.as_ref();
    KeyFacts {
        id: record.id.clone(),
        exchange: record.meta.exchange.clone(),
        permissions: check.map(|c| c.permissions.clone()),
        checked_at: check.map(|c| c.checked_at),
        expires_at: record.meta.expires_at,
        platforms: record.meta.platforms.clone(),
    }
}

fn with_labels<'a>(overview: &SafetyOverview, records: &'a [KeyRecord]) -> Safety<'a> {
    let by_id: BTreeMap<&str, &'a KeyRecord> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    let label = |id: &str| by_id.get(id).map_or("?", |r| r.meta.label.as_str());
    Safety {
        can_withdraw: overview.can_withdraw.iter().map(|id| label(id)).collect(),
        no_ip_restriction: overview
            .no_ip_restriction
            .iter()
            .map(|id| label(id))
            .collect(),
        expired: overview.expired.iter().map(|id| label(id)).collect(),
        expiring_soon: overview
            .expiring_soon
            .iter()
            .map(|e| Expiring {
                label: label(&e.id),
                days: e.days,
            })
            .collect(),
        shared: overview
            .shared
            .iter()
            .filter_map(|s| {
                let record = by_id.get(s.id.as_str())?;
                Some(Shared {
                    label: &record.meta.label,
                    platforms: &record.meta.platforms,
                    nonce_clash: s.nonce_clash,
                })
            })
            .collect(),
    }
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Ready => "ready",
        Status::Rejected => "WILL BE REJECTED",
        Status::Risky => "risky",
        Status::Unknown => "not checked",
    }
}

fn print_text(report: &Audit) {
    for key in &report.keys {
        if key.verdicts.is_empty() {
            println!("{} ({}): no platform assigned", key.label, key.exchange);
            continue;
        }
        for verdict in &key.verdicts {
            println!(
                "{} ({}) on {}: {}",
                key.label,
                key.exchange,
                verdict.platform_name,
                status_word(verdict.status)
            );
            for reason in &verdict.reasons {
                println!("    - {}", reason.message);
            }
        }
    }
    let safety = &report.safety;
    println!();
    println!("Safety overview");
    let list = |title: &str, labels: &[&str]| {
        if !labels.is_empty() {
            println!("  {title}: {}", labels.join(", "));
        }
    };
    list("can withdraw", &safety.can_withdraw);
    list("no IP restriction", &safety.no_ip_restriction);
    list("expired", &safety.expired);
    for e in &safety.expiring_soon {
        println!("  expires in {} day(s): {}", e.days, e.label);
    }
    for s in &safety.shared {
        let clash = if s.nonce_clash {
            " (this exchange's nonces clash: requests will fail)"
        } else {
            ""
        };
        println!(
            "  used by {} platforms: {} ({}){clash}",
            s.platforms.len(),
            s.label,
            s.platforms.join(", ")
        );
    }
}
