//! `check`: live checks through `coffre_exchanges::Checker`, all keys concurrently (the checker
//! bounds how many run per exchange), each result saved with `Vault::record_check`.
//! Output: one JSON object per key per line with `--json`, a table otherwise. Exit 4 if any failed.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use coffre_catalog::model::{Balance, CheckReport, Diagnosis, Permissions};
use coffre_exchanges::Checker;
use serde::Serialize;

use super::{find, Ctx};
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
}

pub fn check(ctx: &mut Ctx, args: CheckArgs) -> Result<(), CliError> {
    let mut vault = ctx.unlock()?;
    let records = match &args.label {
        Some(label) => vec![find(&vault, label)?],
        None => vault.list()?,
    };
    let overrides: BTreeMap<String, String> = args.base_urls.into_iter().collect();
    let mut items = Vec::with_capacity(records.len());
    for record in &records {
        let base_url = overrides
            .get(&record.meta.exchange)
            .cloned()
            .or_else(|| record.meta.base_url.clone());
        let creds = vault.credentials(&record.id)?;
        items.push((
            record.id.clone(),
            record.meta.exchange.clone(),
            creds,
            base_url,
        ));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(CliError::io("starting the async runtime"))?;
    let reports = runtime.block_on(Checker::new().check_many(items));

    if !args.json {
        println!("{:<24} {:<10} {:<6} DETAIL", "LABEL", "EXCHANGE", "RESULT");
    }
    let mut failed = 0;
    for (record, (id, report)) in records.iter().zip(reports) {
        debug_assert_eq!(record.id, id);
        if !report.ok {
            failed += 1;
        }
        print_report(&record.meta.label, &report, args.json);
        vault.record_check(&id, report)?;
    }
    if failed > 0 {
        return Err(CliError::ChecksFailed(failed));
    }
    Ok(())
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
        };
        println!(
            "{}",
            serde_json::to_string(&line).expect("a check report serializes")
        );
        return;
    }
    let detail = match &report.diagnosis {
        Some(d) => d.message.clone(),
        None => format!("{} asset(s) with a balance", report.balances.len()),
    };
    let result = if report.ok { "ok" } else { "FAILED" };
    println!("{label:<24} {:<10} {result:<6} {detail}", report.exchange);
}
