//! `import` (csv, ccxt JSON; all or nothing; or one key from an encrypted share file) and `export`
//! (env, ccxt, freqtrade; or a share file), the latter printing credentials only on this explicit demand.

use std::io::Write;
use std::path::Path;

use std::io::IsTerminal;

use coffre_core::export::{self as core_export, SealedShare};
use coffre_core::Session;
use coffre_transfer::import;
use coffre_vault::KeyMeta;
use zeroize::Zeroizing;

use super::{find_in, Ctx};
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
    let session = ctx.session()?;
    let record = find_in(&session, label)?;
    let format = match format {
        ExportFormat::Env => core_export::ExportFormat::Env,
        ExportFormat::Ccxt => core_export::ExportFormat::Ccxt,
        ExportFormat::Freqtrade => core_export::ExportFormat::Freqtrade,
        ExportFormat::FreqtradeEnv => core_export::ExportFormat::FreqtradeEnv,
        ExportFormat::Share => return export_share(&session, &record.id, output),
    };
    let text = core_export::render(&session, &record.id, format)?;
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
fn export_share(session: &Session, id: &str, output: Option<&Path>) -> Result<(), CliError> {
    if output.is_none() && std::io::stdout().is_terminal() {
        return Err(CliError::Usage(
            "a share file is binary: pass --output FILE (or redirect stdout)".to_owned(),
        ));
    }
    let SealedShare {
        bytes, passphrase, ..
    } = core_export::seal_share(session, id)?;
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
    let session = ctx.session()?;
    let passphrase = ctx
        .input
        .credential("Share file passphrase: ", "share passphrase")?;
    let id = core_export::open_share(&session, bytes, passphrase.expose())?;
    let label = session.with_vault(|v| Ok(v.get(&id)?.meta.label))?;
    eprintln!("imported {label}");
    Ok(())
}

/// Writes a file only its owner can read, atomically (a temporary file renamed over the
/// destination, so a symlink there is replaced, never followed).
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    coffre_core::write_private(path, bytes)
        .map_err(CliError::io(format!("writing {}", path.display())))
}
