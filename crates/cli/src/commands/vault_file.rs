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

pub fn restore(ctx: &mut Ctx, file: &Path) -> Result<(), CliError> {
    if !file.exists() {
        return Err(CliError::Usage(format!("no backup at {}", file.display())));
    }
    let password = ctx.input.password("Backup's master password: ")?;
    Vault::restore(file, &ctx.vault_path, &password)?;
    eprintln!("vault restored from {}", file.display());
    Ok(())
}
