//! One module per group of commands; each command unpacks its arguments, calls one `coffre_core`
//! use case (or the vault for plain reads) and prints. No business rule lives here.

mod audit;
mod check;
mod copy;
mod explain;
mod keygen;
mod keys;
mod platform_ips;
mod run;
mod transfer;
mod type_cmd;
mod vault_file;

use std::path::PathBuf;

use coffre_core::clipboard::{ClipboardService, Notify};
use coffre_core::Session;
use coffre_exchanges::Checker;
use coffre_vault::{KeyRecord, Vault};

use crate::args::{Cli, Command};
use crate::error::CliError;
use crate::paths;
use crate::secret_input::SecretInput;

/// What every command needs: the vault's path and where secrets come from.
pub struct Ctx {
    pub vault_path: PathBuf,
    pub input: SecretInput,
}

impl Ctx {
    /// Asks the master password and opens the vault.
    pub fn unlock(&mut self) -> Result<Vault, CliError> {
        if !self.vault_path.exists() {
            return Err(CliError::Usage(format!(
                "no vault at {}: create one with `coffre init` or pass --vault PATH",
                self.vault_path.display()
            )));
        }
        let password = self.input.password("Master password: ")?;
        tracing::info!(path = %self.vault_path.display(), "unlocking");
        Ok(Vault::unlock(&self.vault_path, &password)?)
    }

    /// Asks the master password and opens a core session on the vault.
    pub fn session(&mut self) -> Result<Session, CliError> {
        self.session_with_clipboard(Box::new(|_| {}))
    }

    /// A session whose clipboard reports its countdown to `notify` (`copy` waits for its end).
    pub fn session_with_clipboard(&mut self, notify: Notify) -> Result<Session, CliError> {
        let vault = self.unlock()?;
        let checker = Checker::new();
        // Tests' mocks served over TLS hand over their authority (debug builds, loopback only).
        coffre_core::demo::trust_tls_authority_from_env(&checker)?;
        let session = Session::new(checker, ClipboardService::start(notify));
        session.open(vault);
        Ok(session)
    }
}

/// Finds a key by label (or id) in a session.
pub fn find_in(session: &Session, label: &str) -> Result<KeyRecord, CliError> {
    Ok(session.with_vault(|v| Ok(v.find(label)?))?)
}

/// Finds a key by label (or id).
pub fn find(vault: &Vault, label: &str) -> Result<KeyRecord, CliError> {
    Ok(vault.find(label)?)
}

/// Runs the command; the process's exit code on success (`run` passes its child's on).
pub fn run(cli: Cli) -> Result<u8, CliError> {
    let vault_path = match cli.vault {
        Some(path) => path,
        None => paths::default_vault()?,
    };
    let mut ctx = Ctx {
        vault_path,
        input: SecretInput::new(cli.password_stdin),
    };
    let command = match cli.command {
        Command::Run(args) => return run::run(&mut ctx, args),
        command => command,
    };
    dispatch(ctx, command).map(|()| crate::exit_code::OK)
}

fn dispatch(mut ctx: Ctx, command: Command) -> Result<(), CliError> {
    match command {
        Command::Run(_) => unreachable!("handled by `run`"),
        Command::Init(args) => vault_file::init(&mut ctx, args),
        Command::Passwd => vault_file::passwd(&mut ctx),
        Command::Backup { file } => vault_file::backup(&ctx, &file),
        Command::Restore {
            file,
            yes,
            other_vault,
        } => vault_file::restore(&mut ctx, &file, yes, other_vault),
        Command::Add(args) => keys::add(&mut ctx, args),
        Command::List { json } => keys::list(&mut ctx, json),
        Command::Holdings { json } => keys::holdings(&mut ctx, json),
        Command::Show { label, json } => keys::show(&mut ctx, &label, json),
        Command::Rm { label } => keys::remove(&mut ctx, &label),
        Command::Rename { label, new_label } => keys::rename(&mut ctx, &label, &new_label),
        Command::Import { format, file } => transfer::import(&mut ctx, format, &file),
        Command::Export {
            label,
            format,
            output,
        } => transfer::export(&mut ctx, &label, format, output.as_deref()),
        Command::Copy {
            label,
            field,
            clear_after,
        } => copy::copy(&mut ctx, &label, field, clear_after),
        Command::Check(args) => check::check(&mut ctx, args),
        Command::Audit { json, lang } => audit::audit(&mut ctx, json, &lang),
        Command::Explain(args) => explain::explain(&mut ctx, args),
        Command::Keygen(args) => keygen::ed25519(&mut ctx, args),
        Command::PlatformIps {
            label,
            platform,
            ips,
        } => platform_ips::platform_ips(&mut ctx, &label, &platform, ips),
        Command::Type {
            label,
            platform,
            delay,
        } => type_cmd::type_key(&mut ctx, &label, &platform, delay),
    }
}
