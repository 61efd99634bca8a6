//! `keygen ed25519`: makes a Binance self-generated key pair, prints the public key to upload,
//! reads the API key Binance then issues, and stores the record with the private key as secret.

use coffre_catalog::model::{Credentials, KeyType};
use coffre_catalog::paste::{self, Field};
use coffre_exchanges::keygen;
use coffre_vault::{KeyMeta, VaultError};

use super::Ctx;
use crate::args::KeygenArgs;
use crate::error::CliError;

pub fn ed25519(ctx: &mut Ctx, args: KeygenArgs) -> Result<(), CliError> {
    let mut vault = ctx.unlock()?;
    // Refuse a taken label before the user uploads a key they could then not store.
    if vault.find(&args.label).is_ok() {
        return Err(VaultError::DuplicateLabel(args.label).into());
    }
    let key = keygen::ed25519();
    eprintln!("Upload this public key to Binance (API Management > Create API > Self-generated):");
    println!("{}", key.public_key_pem.trim_end());
    eprintln!("Then paste the API key Binance shows for it.");
    let raw = ctx.input.credential("API key from Binance: ", "API key")?;
    let api_key = paste::validate_field(Some("binance"), Field::ApiKey, raw.expose())
        .map_err(|e| CliError::Paste(vec![e]))?;
    let mut meta = KeyMeta::new("binance".to_owned(), args.label);
    meta.platforms = args.platforms;
    meta.account = args.account;
    meta.base_url = args.base_url;
    let creds = Credentials {
        api_key,
        secret: key.private_key_pem,
        passphrase: None,
        key_type: KeyType::Ed25519,
    };
    let id = vault.add(meta, &creds)?;
    eprintln!("stored the key (id {id}); the private key never left the vault");
    Ok(())
}
