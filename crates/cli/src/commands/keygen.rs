//! `keygen ed25519`: makes a Binance self-generated key pair, prints the public key to upload,
//! reads the API key Binance then issues, and stores the record with the private key as secret
//! (the core's keygen, as the app does it).

use coffre_core::keygen;
use coffre_core::keys::KeyForm;
use coffre_vault::VaultError;

use super::{find_in, Ctx};
use crate::args::KeygenArgs;
use crate::error::CliError;

pub fn ed25519(ctx: &mut Ctx, args: KeygenArgs) -> Result<(), CliError> {
    let session = ctx.session()?;
    // Refuse a taken label before the user uploads a key they could then not store.
    if find_in(&session, &args.label).is_ok() {
        return Err(VaultError::DuplicateLabel(args.label).into());
    }
    let key = keygen::generate_ed25519(&session)?;
    eprintln!("Upload this public key to Binance (API Management > Create API > Self-generated):");
    println!("{}", key.public_key_pem.trim_end());
    eprintln!("Then paste the API key Binance shows for it.");
    let raw = ctx.input.credential("API key from Binance: ", "API key")?;
    let form = KeyForm {
        exchange: "binance".to_owned(),
        label: args.label,
        platforms: args.platforms,
        account: args.account,
        base_url: args.base_url,
        ..KeyForm::default()
    };
    let id = keygen::add_generated(&session, form, raw.expose(), &key.draft_id)?;
    eprintln!("stored the key (id {id}); the private key never left the vault");
    Ok(())
}
