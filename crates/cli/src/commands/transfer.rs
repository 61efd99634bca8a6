//! `import` (csv, ccxt JSON; all or nothing; or one key from an encrypted share file) and `export`
//! (env, ccxt, freqtrade; or a share file), the latter printing credentials only on this explicit demand.

use std::io::Write;
use std::path::Path;

use std::io::IsTerminal;

use coffre_catalog::model::Credentials;
use coffre_transfer::{export, import, share, ShareMeta};
use coffre_vault::{KeyMeta, KeyRecord};
use zeroize::Zeroizing;

use super::{find, Ctx};
use crate::args::{ExportFormat, ImportFormat};
use crate::error::CliError;

pub fn import(ctx: &mut Ctx, format: ImportFormat, file: &Path) -> Result<(), CliError> {
    let bytes = Zeroizing::new(
        std::fs::read(file).map_err(CliError::io(format!("reading {}", file.display())))?,
    );
    // Parse and validate everything before asking for the password: a bad file costs no unlock.
    let keys = match format {
        ImportFormat::Csv => import::parse_csv(&bytes),
        ImportFormat::Ccxt => import::parse_ccxt(&bytes),
        ImportFormat::Share => return import_share(ctx, &bytes),
    }
    .map_err(CliError::Import)?;
    let mut vault = ctx.unlock()?;
    let count = keys.len();
    let items = keys
        .into_iter()
        .map(|key| {
            let mut meta = KeyMeta::new(key.exchange, key.label);
            meta.platforms = key.platforms;
            meta.notes = key.notes;
            (meta, key.credentials)
        })
        .collect();
    vault.add_many(items)?;
    eprintln!("imported {count} key(s)");
    Ok(())
}

pub fn export(
    ctx: &mut Ctx,
    label: &str,
    format: ExportFormat,
    output: Option<&Path>,
) -> Result<(), CliError> {
    let vault = ctx.unlock()?;
    let record = find(&vault, label)?;
    let creds = vault.credentials(&record.id)?;
    let exchange = record.meta.exchange.as_str();
    let text = match format {
        ExportFormat::Env => export::env(exchange, &creds)?,
        ExportFormat::Ccxt => export::ccxt(&creds),
        ExportFormat::Freqtrade => export::freqtrade_config(exchange, &creds),
        ExportFormat::FreqtradeEnv => export::freqtrade_env(exchange, &creds)?,
        ExportFormat::Share => return export_share(&record, &creds, output),
    };
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.expose().as_bytes())
                .and_then(|()| out.flush())
                .map_err(CliError::io("writing stdout"))?;
        }
        Some(path) => {
            write_private(path, text.expose().as_bytes())?;
            eprintln!("wrote {} (mode 0600)", path.display());
        }
    }
    Ok(())
}

/// Seals one key into a share file (to FILE, or to a non-terminal stdout) and prints the one-time
/// passphrase to stderr: the recipient needs both, best sent by two different channels.
fn export_share(
    record: &KeyRecord,
    creds: &Credentials,
    output: Option<&Path>,
) -> Result<(), CliError> {
    if output.is_none() && std::io::stdout().is_terminal() {
        return Err(CliError::Usage(
            "a share file is binary: pass --output FILE (or redirect stdout)".to_owned(),
        ));
    }
    let (bytes, passphrase) = share::export_share(&ShareMeta::of(&record.meta), creds)?;
    match output {
        Some(path) => {
            write_private(path, &bytes)?;
            eprintln!("wrote {} (mode 0600)", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(CliError::io("writing stdout"))?;
        }
    }
    eprintln!(
        "Give the recipient this one-time passphrase by another channel; Coffre does not keep it."
    );
    eprintln!("passphrase: {}", passphrase.expose());
    Ok(())
}

/// Opens a share file with its one-time passphrase (asked after the master password) and adds the key.
fn import_share(ctx: &mut Ctx, bytes: &[u8]) -> Result<(), CliError> {
    let mut vault = ctx.unlock()?;
    let passphrase = ctx
        .input
        .credential("Share file passphrase: ", "share passphrase")?;
    let (shared, creds) = share::import_share(bytes, passphrase.expose())?;
    let label = shared.label.clone();
    vault.add(shared.into_key_meta(), &creds)?;
    eprintln!("imported {label}");
    Ok(())
}

/// Writes a file only its owner can read, tightening an existing file's mode before writing.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let what = || format!("writing {}", path.display());
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(CliError::io(what()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(CliError::io(what()))?;
    }
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(CliError::io(what()))
}
