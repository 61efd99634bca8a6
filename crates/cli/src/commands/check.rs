//! `check`: live checks through the core's `check_many` (the app's "Check all" path): all keys
//! concurrently, bounded per exchange, each result saved as the key's last check.
//! Output: one JSON object per key per line with `--json`, a table otherwise. Exit 4 if any failed.

use chrono::{DateTime, Utc};
use coffre_core::checks::{self, BaseUrlOverrides};
use coffre_core::regions;
use coffre_model::{Balance, CheckReport, Diagnosis, Permissions, RegionFound, Valuation};
use serde::Serialize;

use super::{find_in, Ctx};
use crate::args::CheckArgs;
use crate::error::CliError;

/// One line of `check --json`.
#[derive(Serialize)]
struct CheckLine<'a> {
    label: &'a str,
    exchange: &'a str,
    ok: bool,
    checked_at: DateTime<Utc>,
    balances: &'a [Balance],
    permissions: &'a Permissions,
    diagnosis: Option<&'a Diagnosis>,
    /// The regional host that knew the key, when the default one did not.
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a RegionFound>,
    /// What the balances were worth in the exchange's quote currency, when they were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    valuation: Option<&'a Valuation>,
}

pub fn check(ctx: &mut Ctx, args: CheckArgs) -> Result<(), CliError> {
    let session = ctx.session()?;
    let records = match &args.label {
        Some(label) => vec![find_in(&session, label)?],
        None => session.with_vault(|v| Ok(v.list()?))?,
    };
    let overrides = args
        .base_urls
        .into_iter()
        .map(|(exchange, url)| {
            let url = coffre_exchanges::checked_base_url(&url)
                .map_err(|e| CliError::Usage(format!("--base-url {exchange}=…: {e}")))?;
            Ok((exchange, url))
        })
        .collect::<Result<BaseUrlOverrides, CliError>>()?;
    let ids: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(CliError::io("starting the async runtime"))?;
    let results = runtime.block_on(checks::check_many(&session, &ids, &overrides, &|_| {}));

    if !args.json {
        println!("{:<24} {:<10} {:<6} DETAIL", "LABEL", "EXCHANGE", "RESULT");
    }
    let mut failed = 0;
    for (record, (_, result)) in records.iter().zip(results) {
        let report = result?;
        if !report.ok {
            failed += 1;
        }
        print_report(&record.meta.label, &report, args.json);
        if let Some(found) = report.region.as_ref().filter(|f| !f.saved) {
            let saved = match args.save_host && found.own_exchange.is_none() {
                true => Some(regions::save_found_host(&session, &record.id)?),
                false => None,
            };
            if !args.json {
                println!(
                    "{}",
                    region_line(&record.meta.label, &report.exchange, found, saved)
                );
            }
        }
    }
    if failed > 0 {
        return Err(CliError::ChecksFailed(failed));
    }
    Ok(())
}

/// What `check` says under a key found on another region's host.
fn region_line(label: &str, exchange: &str, found: &RegionFound, saved: Option<String>) -> String {
    let site = found.site.as_deref().unwrap_or(&found.url);
    if let Some(own) = &found.own_exchange {
        return format!(
            "  this is a {} key ({site}); Coffre checks {exchange} keys. In your bots choose {} ({own}).",
            found.name, found.name
        );
    }
    match saved {
        Some(url) => format!(
            "  this key belongs to {} — {site}: checked there, host {url} saved for it.",
            found.name
        ),
        None => format!(
            "  this key belongs to {} — {site}: checked there. Save its host ({}) with `coffre check {label:?} --save-host`.",
            found.name, found.url
        ),
    }
}

fn print_report(label: &str, report: &CheckReport, json: bool) {
    if json {
        let line = CheckLine {
            label,
            exchange: &report.exchange,
            ok: report.ok,
            checked_at: report.checked_at,
            balances: &report.balances,
            permissions: &report.permissions,
            diagnosis: report.diagnosis.as_ref(),
            region: report.region.as_ref(),
            valuation: report.valuation.as_ref(),
        };
        println!(
            "{}",
            serde_json::to_string(&line).expect("a check report serializes")
        );
        return;
    }
    let detail = match &report.diagnosis {
        Some(d) => d.message.clone(),
        None => {
            let assets = format!("{} asset(s) with a balance", report.balances.len());
            match &report.valuation {
                Some(valuation) => {
                    format!("{assets}, {}", coffre_core::holdings::worth_text(valuation))
                }
                None => assets,
            }
        }
    };
    let result = if report.ok { "ok" } else { "FAILED" };
    println!("{label:<24} {:<10} {result:<6} {detail}", report.exchange);
}
