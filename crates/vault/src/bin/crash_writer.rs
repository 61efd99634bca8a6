//! Test helper for the crash-safety tests (not an end-user tool), run until it is killed:
//!
//! - `coffre-vault-crash-writer VAULT PASSWORD PREFIX` adds records `PREFIX-0`, `PREFIX-1`, …,
//!   printing each label on stdout only after its commit returned;
//! - `coffre-vault-crash-writer --change-password VAULT PASSWORD OTHER` changes the password to
//!   OTHER, back to PASSWORD, to OTHER…, printing the password now in effect after each commit.

use std::io::Write;

use coffre_vault::{Credentials, KeyMeta, KeyType, SecretString, Vault};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("--change-password") if args.len() == 5 => change_passwords(&args[2..]),
        _ if args.len() == 4 => add_records(&args[1..]),
        _ => {
            eprintln!(
                "usage: coffre-vault-crash-writer VAULT PASSWORD PREFIX\n       \
                 coffre-vault-crash-writer --change-password VAULT PASSWORD OTHER"
            );
            std::process::exit(2);
        }
    }
}

fn unlock(path: &str, password: &str) -> Vault {
    Vault::unlock(path.as_ref(), &password.into()).unwrap_or_else(|e| fail("unlock", e))
}

fn fail(what: &str, e: coffre_vault::VaultError) -> ! {
    eprintln!("{what} failed: {e}");
    std::process::exit(1);
}

/// Prints one line and flushes it, so the reader sees it as soon as the operation returned.
fn acknowledge(out: &mut std::io::StdoutLock<'_>, line: &str) {
    if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
        std::process::exit(1);
    }
}

fn add_records(args: &[String]) {
    let mut vault = unlock(&args[0], &args[1]);
    let mut stdout = std::io::stdout().lock();
    for n in 0u64.. {
        let label = format!("{}-{n}", args[2]);
        let creds = Credentials {
            api_key: format!("key-{label}-0123456789").into(),
            secret: format!("secret-{label}").into(),
            passphrase: None,
            key_type: KeyType::Hmac,
        };
        if let Err(e) = vault.add(KeyMeta::new("binance", label.clone()), &creds) {
            fail("add", e);
        }
        acknowledge(&mut stdout, &label);
    }
}

fn change_passwords(args: &[String]) {
    let mut vault = unlock(&args[0], &args[1]);
    let mut stdout = std::io::stdout().lock();
    for next in [&args[2], &args[1]].into_iter().cycle() {
        if let Err(e) = vault.change_password(&SecretString::from(next.as_str()), None) {
            fail("change_password", e);
        }
        acknowledge(&mut stdout, next);
    }
}
