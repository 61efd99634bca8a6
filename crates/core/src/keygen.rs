//! Self-generated keys (Binance Ed25519): the pair is made here, the public half goes to the
//! exchange, the private half waits as a draft in the session until the exchange's API key comes.

use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::keys::KeyForm;
use crate::session::Session;
use coffre_catalog::paste::{self, Field};
use coffre_model::{Credentials, KeyType};
use coffre_vault::RecordId;
use serde::Serialize;
use ts_rs::TS;

/// docs/ipc.md `GeneratedKey`: the private half stays in Rust under `draft_id`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct GeneratedKey {
    pub draft_id: String,
    pub public_key_pem: String,
}

/// A new Ed25519 pair; the private key is kept as a draft (dropped on lock).
pub fn generate_ed25519(session: &Session) -> CoreResult<GeneratedKey> {
    if !session.is_unlocked() {
        return Err(CoreError::Locked);
    }
    let pair = coffre_exchanges::keygen::ed25519();
    let draft_id = session.add_draft(pair.private_key_pem);
    Ok(GeneratedKey {
        draft_id,
        public_key_pem: pair.public_key_pem,
    })
}

/// Stores the API key the exchange issued with the drafted private key as its secret
/// (`key_type: ed25519`); the draft is forgotten once saved.
pub fn add_generated(
    session: &Session,
    form: KeyForm,
    api_key: &str,
    draft_id: &str,
) -> CoreResult<RecordId> {
    let private_key = session
        .draft(draft_id)
        .ok_or_else(|| CoreError::InvalidInput("no such generated key (locked since?)".into()))?;
    let api_key = paste::validate_field(Some(&form.exchange), Field::ApiKey, api_key)
        .map_err(|e| CoreError::PasteInvalid(vec![FieldProblem::of(&e)]))?;
    let creds = Credentials {
        api_key,
        secret: private_key,
        passphrase: None,
        key_type: KeyType::Ed25519,
    };
    let id = crate::keys::add_validated(session, form, &creds)?;
    session.remove_draft(draft_id);
    Ok(id)
}

/// [`add_generated`] with the API key pasted into the app's form `form_id`.
pub fn add_generated_from_form(
    session: &Session,
    form: KeyForm,
    form_id: &str,
    draft_id: &str,
) -> CoreResult<RecordId> {
    let pasted = crate::paste_in::values(session, form_id)?;
    let id = add_generated(
        session,
        form,
        crate::keys::exposed(&pasted.api_key),
        draft_id,
    )?;
    crate::paste_in::discard(session, form_id);
    Ok(id)
}
