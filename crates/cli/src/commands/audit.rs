//! `audit`: for every key and every platform it is assigned to, the verdict on its last check
//! (the core's verdicts, as the app shows them), then the vault-wide safety overview. Exit 6 when any
//! verdict is "will be rejected" or "risky", so a script or a cron job can alert on it. Each key's
//! deadline is the core's one expiry truth (`deadline::of`), the same the app shows.

use chrono::Utc;
use coffre_catalog::verdict::Status;
use coffre_core::deadline::{self, Deadline, DeadlineEffect, DeadlineKind};
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
    /// When the key (or its trading) stops working, as far as anyone knows.
    deadline: Option<Deadline>,
    verdicts: Vec<PlatformVerdict>,
}

/// The safety overview with labels instead of ids (the CLI speaks in labels).
#[derive(Serialize)]
struct Safety<'a> {
    can_withdraw: Vec<&'a str>,
    /// Never read, or not reported by the exchange: not verified, never "none".
    withdraw_unknown: Vec<&'a str>,
    no_ip_restriction: Vec<&'a str>,
    ip_unknown: Vec<&'a str>,
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
            deadline: deadline::of(&record.meta, now),
            verdicts: verdicts::key_verdicts(&record.meta, lang, now),
        })
        .collect();
    let view = safety::overview_at(&records, now);
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
        withdraw_unknown: labels(&view.withdraw_unknown),
        no_ip_restriction: labels(&view.no_ip_restriction),
        ip_unknown: labels(&view.ip_unknown),
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

/// "2026-12-20: trading removed in 9 day(s) — estimated from rule binance-no-ip-trading (source:
/// …), unconfirmed".
fn deadline_line(d: &Deadline) -> String {
    let what = match d.effect {
        DeadlineEffect::KeyExpires => "key expires",
        DeadlineEffect::TradingRemoved => "trading removed",
        DeadlineEffect::KeyDeleted => "key deleted",
    };
    let when = if d.days < 0 || d.warning == deadline::DeadlineWarning::Expired {
        "already passed".to_owned()
    } else {
        format!("in {} day(s)", d.days)
    };
    let from = match d.kind {
        DeadlineKind::Reported => format!(
            "reported by {}",
            d.source.as_deref().unwrap_or("the exchange")
        ),
        DeadlineKind::SetByUser => "set by you".to_owned(),
        DeadlineKind::Estimated => format!(
            "estimated from rule {} (source: {}){}",
            d.rule.as_deref().unwrap_or("?"),
            d.source.as_deref().unwrap_or("?"),
            if d.confirmed { "" } else { ", unconfirmed" }
        ),
    };
    format!("{}: {what} {when} — {from}", d.at.format("%Y-%m-%d"))
}

fn print_text(report: &Audit) {
    for key in &report.keys {
        if let Some(d) = &key.deadline {
            println!(
                "{} ({}) deadline {}",
                key.label,
                key.exchange,
                deadline_line(d)
            );
        }
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
    list("withdrawals not verified", &safety.withdraw_unknown);
    list("no IP restriction", &safety.no_ip_restriction);
    list("IP restriction not verified", &safety.ip_unknown);
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
