//! `audit`: for every key and every platform it is assigned to, the verdict on its last check
//! (the core's verdicts, as the app shows them), then the vault-wide safety overview. Exit 6 when any
//! verdict is "will be rejected" or "risky", so a script or a cron job can alert on it.

use chrono::Utc;
use coffre_catalog::verdict::Status;
use coffre_core::safety::{self, KeyRef, SafetyView};
use coffre_core::verdicts::{self, PlatformVerdict};
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
    let session = ctx.session()?;
    let records = session.with_vault(|v| Ok(v.list()?))?;
    let now = Utc::now();
    let keys: Vec<KeyAudit> = records
        .iter()
        .map(|record| KeyAudit {
            label: &record.meta.label,
            exchange: &record.meta.exchange,
            verdicts: verdicts::key_verdicts(&record.meta, lang, now),
        })
        .collect();
    let view = safety::overview_of(&records);
    let safety = with_labels(&view);
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

fn labels(keys: &[KeyRef]) -> Vec<&str> {
    keys.iter().map(|k| k.label.as_str()).collect()
}

fn with_labels(view: &SafetyView) -> Safety<'_> {
    Safety {
        can_withdraw: labels(&view.can_withdraw),
        no_ip_restriction: labels(&view.no_ip_restriction),
        expired: labels(&view.expired),
        expiring_soon: view
            .expiring_soon
            .iter()
            .map(|e| Expiring {
                label: &e.key.label,
                days: e.days,
            })
            .collect(),
        shared: view
            .shared
            .iter()
            .map(|s| Shared {
                label: &s.key.label,
                platforms: &s.platforms,
                nonce_clash: s.nonce_clash,
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
