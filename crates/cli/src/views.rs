//! What `list`, `holdings` and `show` print. Built from `KeyMeta` only, which holds no credential: the API key
//! appears as its stored mask (`coffre_secret::mask`), the secret never.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use coffre_model::{CheckReport, KeyType};
use coffre_vault::{KeyRecord, RevokedKey};
use serde::Serialize;

/// One row of `list --json`.
#[derive(Serialize)]
pub struct KeySummary<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub exchange: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<&'a str>,
    pub platforms: &'a [String],
    pub tags: &'a [String],
    pub key_type: KeyType,
    pub api_key_hint: &'a str,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_checked_at: Option<DateTime<Utc>>,
    /// `unchecked`, `ok` or `failed` (the latest live check).
    pub status: &'static str,
}

impl<'a> KeySummary<'a> {
    pub fn of(record: &'a KeyRecord) -> Self {
        let meta = &record.meta;
        KeySummary {
            id: &record.id,
            label: &meta.label,
            exchange: &meta.exchange,
            exchange_name: meta.exchange_name.as_deref(),
            account: meta.account.as_deref(),
            platforms: &meta.platforms,
            tags: &meta.tags,
            key_type: meta.key_type,
            api_key_hint: &meta.api_key_hint,
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            expires_at: meta.expires_at,
            last_checked_at: meta.last_check.as_ref().map(|c| c.checked_at),
            status: status(meta),
        }
    }
}

/// `show --json`: the summary plus everything else the record holds except credentials.
#[derive(Serialize)]
pub struct KeyDetails<'a> {
    #[serde(flatten)]
    pub summary: KeySummary<'a>,
    pub notes: &'a str,
    pub base_url: Option<&'a str>,
    pub platform_ips: &'a BTreeMap<String, Vec<String>>,
    pub history: &'a [RevokedKey],
    pub last_check: Option<&'a CheckReport>,
}

impl<'a> KeyDetails<'a> {
    pub fn of(record: &'a KeyRecord) -> Self {
        let meta = &record.meta;
        KeyDetails {
            summary: KeySummary::of(record),
            notes: &meta.notes,
            base_url: meta.base_url.as_deref(),
            platform_ips: &meta.platform_ips,
            history: &meta.history,
            last_check: meta.last_check.as_ref(),
        }
    }
}

/// The core's key status in the CLI's words: an exchange not reached is "couldnt_check", never
/// "failed" (the last known check still stands).
pub fn status(meta: &coffre_vault::KeyMeta) -> &'static str {
    use coffre_core::views::KeyStatus;
    match KeyStatus::of(meta) {
        KeyStatus::NeverChecked => "unchecked",
        KeyStatus::Ok => "ok",
        KeyStatus::Failed => "failed",
        KeyStatus::Unreachable => "couldnt_check",
    }
}

/// A human line for one key in `list`.
pub fn list_line(record: &KeyRecord) -> String {
    let meta = &record.meta;
    format!(
        "{:<24} {:<10} {:<14} {:<9} {}",
        meta.label,
        meta.exchange,
        meta.api_key_hint,
        status(meta),
        meta.platforms.join(",")
    )
}

/// The human `show` output.
pub fn show_text(record: &KeyRecord) -> String {
    let m = &record.meta;
    let mut lines = vec![
        format!("label:      {}", m.label),
        format!("id:         {}", record.id),
        format!(
            "exchange:   {}{}",
            m.exchange,
            m.exchange_name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        ),
        format!("api key:    {}", m.api_key_hint),
        format!("key type:   {:?}", m.key_type).to_lowercase(),
        format!("platforms:  {}", m.platforms.join(", ")),
        format!("created:    {}", m.created_at.to_rfc3339()),
        format!("status:     {}", status(m)),
    ];
    let optional = [
        ("account", m.account.clone()),
        ("tags", (!m.tags.is_empty()).then(|| m.tags.join(", "))),
        ("notes", (!m.notes.is_empty()).then(|| m.notes.clone())),
        ("base url", m.base_url.clone()),
        ("expires", m.expires_at.map(|t| t.to_rfc3339())),
        (
            "checked",
            m.last_check.as_ref().map(|c| c.checked_at.to_rfc3339()),
        ),
        (
            "diagnosis",
            m.last_check
                .as_ref()
                .and_then(|c| c.diagnosis.as_ref())
                .map(|d| d.message.clone()),
        ),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            lines.push(format!("{:<11} {value}", format!("{name}:")));
        }
    }
    lines.join("\n")
}

/// What `holdings` prints: one line per exchange and quote, what is not in its total below it,
/// then the total per quote and what was not counted.
pub fn holdings_text(summary: &coffre_core::holdings::Summary) -> String {
    use coffre_core::holdings::quote_text;
    use std::fmt::Write;
    let mut out = format!("{:<14} {:<26} {:>4}  AS OF\n", "EXCHANGE", "TOTAL", "KEYS");
    for e in &summary.exchanges {
        let total = if e.prices_unavailable < e.keys {
            quote_text(e.total, &e.quote)
        } else {
            format!("? {}", e.quote)
        };
        let _ = writeln!(
            out,
            "{:<14} {:<26} {:>4}  {}",
            e.exchange_name,
            total,
            e.keys,
            e.oldest.format("%Y-%m-%d")
        );
        if !e.unpriced.is_empty() {
            let _ = writeln!(out, "{:15}not priced: {}", "", e.unpriced.join(", "));
        }
        if e.prices_unavailable > 0 {
            let _ = writeln!(
                out,
                "{:15}prices unavailable for {} key(s): not in the total",
                "", e.prices_unavailable
            );
        }
    }
    let totals: Vec<String> = summary
        .quotes
        .iter()
        .map(|q| quote_text(q.total, &q.quote))
        .collect();
    let _ = writeln!(out, "{:<14} {}", "TOTAL", totals.join(" + "));
    if summary.not_read > 0 {
        let _ = writeln!(
            out,
            "{} key(s) not counted: no balance read yet (`coffre check --all` reads them)",
            summary.not_read
        );
    }
    if summary.exchanges.iter().any(|e| e.keys > 1) {
        out.push_str("Keys are counted, not accounts: two keys of one account count it twice.\n");
    }
    out
}
