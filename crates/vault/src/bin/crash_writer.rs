//! Test helper for the crash-safety test (not an end-user tool): opens a vault and adds records
//! `PREFIX-0`, `PREFIX-1`, … forever, printing each label on stdout only after its commit
//! returned, until it is killed.
//!
//! Usage: `coffre-vault-crash-writer VAULT PASSWORD PREFIX`

use std::io::Write;

use coffre_vault::{Credentials, KeyMeta, KeyType, Vault};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: coffre-vault-crash-writer VAULT PASSWORD PREFIX");
        std::process::exit(2);
    }
    let mut vault = match Vault::unlock(args[1].as_ref(), &args[2].as_str().into()) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("unlock failed: {e}");
            std::process::exit(1);
        }
    };
    let mut stdout = std::io::stdout().lock();
    for n in 0u64.. {
        let label = format!("{}-{n}", args[3]);
        let creds = Credentials {
            api_key: format!("key-{label}-0123456789").into(),
            secret: format!("secret-{label}").into(),
            passphrase: None,
            key_type: KeyType::Hmac,
        };
        if let Err(e) = vault.add(KeyMeta::new("binance", label.clone()), &creds) {
            eprintln!("add failed: {e}");
            std::process::exit(1);
        }
        if writeln!(stdout, "{label}")
            .and_then(|_| stdout.flush())
            .is_err()
        {
            std::process::exit(1);
        }
    }
}
