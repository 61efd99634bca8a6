//! Commands on keys' records: `add`, `list`, `holdings`, `show`, `rm`, `rename`.

use coffre_core::keys::{self, KeyForm};
use coffre_model::KeyType;

use super::{find, find_in, Ctx};
use crate::args::AddArgs;
use crate::error::CliError;
use crate::views::{self, KeyDetails, KeySummary};

pub fn add(ctx: &mut Ctx, args: AddArgs) -> Result<(), CliError> {
    let exchange = args.exchange.trim().to_ascii_lowercase();
    let needs_passphrase = coffre_catalog::catalog()
        .exchange_or_other(&exchange)
        .needs_passphrase();
    // Unlock first: a wrong password should fail before the user pastes anything.
    let session = ctx.session()?;
    let api_key = ctx.input.credential("API key: ", "API key")?;
    let secret = ctx.input.credential("Secret: ", "secret")?;
    let passphrase = if needs_passphrase {
        Some(ctx.input.credential("Passphrase: ", "passphrase")?)
    } else {
        None
    };
    let label = args.label.trim().to_owned();
    let form = KeyForm {
        exchange,
        exchange_name: args.exchange_name,
        label: label.clone(),
        account: args.account,
        platforms: args.platforms,
        notes: args.note.unwrap_or_default(),
        tags: args.tags,
        base_url: args.base_url,
        key_type: args.key_type.map(KeyType::from),
    };
    let passphrase = passphrase.as_ref().map(|p| p.expose());
    let id = keys::add(
        &session,
        form,
        api_key.expose(),
        secret.expose(),
        passphrase,
    )?;
    eprintln!("added {label} ({id})");
    Ok(())
}

pub fn list(ctx: &mut Ctx, json: bool) -> Result<(), CliError> {
    let vault = ctx.unlock()?;
    let records = vault.list()?;
    if json {
        let rows: Vec<KeySummary> = records.iter().map(KeySummary::of).collect();
        println!("{}", to_json(&rows));
    } else if records.is_empty() {
        eprintln!("no keys yet: add one with `coffre add`");
    } else {
        println!(
            "{:<24} {:<10} {:<14} {:<9} PLATFORMS",
            "LABEL", "EXCHANGE", "API KEY", "STATUS"
        );
        for record in &records {
            println!("{}", views::list_line(record));
        }
    }
    Ok(())
}

pub fn holdings(ctx: &mut Ctx, json: bool) -> Result<(), CliError> {
    let session = ctx.session()?;
    let summary = keys::holdings(&session)?;
    if json {
        println!("{}", to_json(&summary));
    } else if summary.exchanges.is_empty() {
        eprintln!("no balances read yet: `coffre check --all` reads them");
    } else {
        print!("{}", views::holdings_text(&summary));
    }
    Ok(())
}

pub fn show(ctx: &mut Ctx, label: &str, json: bool) -> Result<(), CliError> {
    let vault = ctx.unlock()?;
    let record = find(&vault, label)?;
    if json {
        println!("{}", to_json(&KeyDetails::of(&record)));
    } else {
        println!("{}", views::show_text(&record));
    }
    Ok(())
}

pub fn remove(ctx: &mut Ctx, label: &str) -> Result<(), CliError> {
    let session = ctx.session()?;
    let record = find_in(&session, label)?;
    keys::delete(&session, &record.id)?;
    eprintln!("removed {}", record.meta.label);
    Ok(())
}

pub fn rename(ctx: &mut Ctx, label: &str, new_label: &str) -> Result<(), CliError> {
    let session = ctx.session()?;
    let record = find_in(&session, label)?;
    keys::rename(&session, &record.id, new_label)?;
    eprintln!("renamed {} to {}", record.meta.label, new_label.trim());
    Ok(())
}

/// JSON of views built from metadata only; they hold plain strings, so this cannot fail.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("views serialize")
}
