//! Commands on single keys' records: `add`, `list`, `show`, `rm`, `rename`.

use coffre_catalog::model::KeyType;
use coffre_catalog::paste;
use coffre_vault::KeyMeta;

use super::{find, Ctx};
use crate::args::AddArgs;
use crate::error::CliError;
use crate::views::{self, KeyDetails, KeySummary};

pub fn add(ctx: &mut Ctx, args: AddArgs) -> Result<(), CliError> {
    let exchange = args.exchange.trim().to_ascii_lowercase();
    let needs_passphrase = coffre_catalog::catalog()
        .exchange_or_other(&exchange)
        .needs_passphrase();
    // Unlock first: a wrong password should fail before the user pastes anything.
    let mut vault = ctx.unlock()?;
    let api_key = ctx.input.credential("API key: ", "API key")?;
    let secret = ctx.input.credential("Secret: ", "secret")?;
    let passphrase = if needs_passphrase {
        Some(ctx.input.credential("Passphrase: ", "passphrase")?)
    } else {
        None
    };
    let mut creds = paste::validate(
        &exchange,
        api_key.expose(),
        secret.expose(),
        passphrase.as_ref().map(|p| p.expose()),
    )
    .map_err(CliError::Paste)?;
    if let Some(wanted) = args.key_type.map(KeyType::from) {
        check_key_type(wanted, creds.key_type)?;
        creds.key_type = wanted;
    }

    let mut meta = KeyMeta::new(exchange, args.label.trim());
    meta.exchange_name = args.exchange_name;
    meta.account = args.account;
    meta.platforms = args.platforms;
    meta.notes = args.note.unwrap_or_default();
    meta.tags = args.tags;
    meta.base_url = args.base_url;
    let id = vault.add(meta, &creds)?;
    eprintln!("added {} ({id})", args.label.trim());
    Ok(())
}

/// A private key's own encoding says what it is; an explicit `--key-type` that disagrees is a
/// mistake. A plain secret (detected as HMAC) may still be a raw asymmetric key: the flag decides.
fn check_key_type(wanted: KeyType, detected: KeyType) -> Result<(), CliError> {
    if detected != KeyType::Hmac && wanted != detected {
        return Err(CliError::Usage(format!(
            "the secret is a {} key, not {}: check --key-type or the secret you pasted",
            name(detected),
            name(wanted)
        )));
    }
    Ok(())
}

fn name(key_type: KeyType) -> &'static str {
    match key_type {
        KeyType::Hmac => "hmac",
        KeyType::Ed25519 => "ed25519",
        KeyType::Rsa => "rsa",
        KeyType::Ecdsa => "ecdsa",
    }
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
    let mut vault = ctx.unlock()?;
    let record = find(&vault, label)?;
    vault.remove(&record.id)?;
    eprintln!("removed {}", record.meta.label);
    Ok(())
}

pub fn rename(ctx: &mut Ctx, label: &str, new_label: &str) -> Result<(), CliError> {
    let mut vault = ctx.unlock()?;
    let mut record = find(&vault, label)?;
    let old = std::mem::replace(&mut record.meta.label, new_label.trim().to_owned());
    vault.update_meta(&record.id, record.meta)?;
    eprintln!("renamed {old} to {}", new_label.trim());
    Ok(())
}

/// JSON of views built from metadata only; they hold plain strings, so this cannot fail.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("views serialize")
}
