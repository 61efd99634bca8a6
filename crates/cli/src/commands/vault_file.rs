//! Commands on the vault file as a whole: `init`, `passwd`, `backup`, `restore`.

use std::path::Path;
use std::time::Duration;

use coffre_vault::{KdfParams, Vault, VaultOptions};

use super::Ctx;
use crate::args::InitArgs;
use crate::error::CliError;

/// What `init` aims for when no KDF parameter is given.
const UNLOCK_TARGET: Duration = Duration::from_secs(1);

pub fn init(ctx: &mut Ctx, args: InitArgs) -> Result<(), CliError> {
    let kdf = kdf_params(&args);
    let weak = kdf.is_below_owasp_floor();
    if weak && !args.weak_kdf {
        return Err(CliError::Usage(format!(
            "{} MiB / {} passes is below the OWASP floor (19 MiB, 2 passes); pass --weak-kdf to accept it (tests only)",
            kdf.mib, kdf.passes
        )));
    }
    if weak {
        eprintln!(
            "warning: weak key derivation ({} MiB, {} passes): a stolen vault file would be cheap to brute-force",
            kdf.mib, kdf.passes
        );
    }
    if let Some(dir) = ctx
        .vault_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .map_err(CliError::io(format!("creating {}", dir.display())))?;
    }
    let password = ctx.input.chosen_password()?;
    let options = VaultOptions {
        allow_weak_kdf: weak,
    };
    Vault::create_with(&ctx.vault_path, &password, kdf, options)?;
    eprintln!(
        "created {} (Argon2id {} MiB, {} passes, {} lanes)",
        ctx.vault_path.display(),
        kdf.mib,
        kdf.passes,
        kdf.lanes
    );
    Ok(())
}

/// Calibrated parameters, or the given ones with calibrated values for those not given.
fn kdf_params(args: &InitArgs) -> KdfParams {
    if args.kdf_mib.is_none() && args.kdf_passes.is_none() && args.kdf_lanes.is_none() {
        eprintln!("calibrating key derivation for a ~1 s unlock…");
        return KdfParams::calibrate(UNLOCK_TARGET);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
    KdfParams {
        mib: args.kdf_mib.unwrap_or(64),
        passes: args.kdf_passes.unwrap_or(3),
        lanes: args.kdf_lanes.unwrap_or(cores.clamp(1, 4)),
    }
}

pub fn passwd(ctx: &mut Ctx) -> Result<(), CliError> {
    let mut vault = ctx.unlock()?;
    let new = ctx.input.new_password()?;
    vault.change_password(&new, None)?;
    eprintln!("master password changed");
    Ok(())
}

pub fn backup(ctx: &Ctx, file: &Path) -> Result<(), CliError> {
    Vault::backup_file(&ctx.vault_path, file)?;
    eprintln!("backup written to {}", file.display());
    Ok(())
}

/// Replaces the vault with a backup: says what it will replace, refuses a backup of another vault
/// unless told, asks for confirmation (`--yes` for scripts), and keeps the replaced file beside it.
pub fn restore(ctx: &mut Ctx, file: &Path, yes: bool, other_vault: bool) -> Result<(), CliError> {
    if !file.exists() {
        return Err(CliError::Usage(format!("no backup at {}", file.display())));
    }
    let dest = ctx.vault_path.clone();
    let replaced = dest.exists().then(|| keep_path(&dest));
    if dest.exists() {
        let ours = Vault::read_vault_id(&dest)?;
        let theirs = Vault::read_vault_id(file)?;
        if ours != theirs && !other_vault {
            return Err(CliError::Usage(format!(
                "{} is a backup of another vault (id {}…, this vault is {}…): pass --other-vault to replace this vault with it",
                file.display(),
                &theirs[..8],
                &ours[..8]
            )));
        }
        eprintln!(
            "This replaces the vault at {} with the backup {}; the current file is kept as {}.",
            dest.display(),
            file.display(),
            replaced.as_ref().expect("dest exists").display()
        );
    } else {
        eprintln!(
            "This restores the backup {} to {}.",
            file.display(),
            dest.display()
        );
    }
    if !yes && !ctx.input.confirm("Restore? Type yes to continue: ")? {
        return Err(CliError::Usage(
            "not restored (answer yes, or pass --yes in scripts)".to_owned(),
        ));
    }
    let password = ctx.input.password("Backup's master password: ")?;
    // Verify the backup opens before touching anything; then keep the current file, then replace.
    drop(Vault::unlock(file, &password)?);
    if let Some(keep) = &replaced {
        Vault::backup_file(&dest, keep)?;
    }
    Vault::restore(file, &dest, &password)?;
    eprintln!("vault restored from {}", file.display());
    Ok(())
}

/// Where the replaced vault is kept: beside it, named with the time of the restore.
fn keep_path(dest: &Path) -> std::path::PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let mut name = dest.as_os_str().to_owned();
    name.push(format!(".replaced-{stamp}"));
    name.into()
}
