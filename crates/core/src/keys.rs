//! One key's life in the vault: add (with paste validation), edit, replace its credentials after a
//! rotation, delete, reveal or copy one field, and the live check of a pasted field.

use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::session::Session;
use crate::views::{CopyResult, KeyDetail, KeySummary, PasteResult};
use chrono::{DateTime, Utc};
use coffre_catalog::paste::{self, Field};
use coffre_model::{Credentials, KeyType};
use coffre_secret::SecretString;
use coffre_vault::{KeyMeta, RecordId};
use serde::Deserialize;
use std::time::Duration;
use ts_rs::TS;

/// A credential field as the UI and the CLI name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldName {
    ApiKey,
    Secret,
    Passphrase,
}

impl FieldName {
    pub fn as_str(self) -> &'static str {
        field_name(self.core())
    }

    pub(crate) fn core(self) -> Field {
        match self {
            FieldName::ApiKey => Field::ApiKey,
            FieldName::Secret => Field::Secret,
            FieldName::Passphrase => Field::Passphrase,
        }
    }

    /// The field's value in `creds`; refused when the key has no passphrase.
    pub fn pick(self, creds: &Credentials) -> CoreResult<SecretString> {
        match self {
            FieldName::ApiKey => Ok(creds.api_key.clone()),
            FieldName::Secret => Ok(creds.secret.clone()),
            FieldName::Passphrase => creds
                .passphrase
                .clone()
                .ok_or_else(|| CoreError::InvalidInput("this key has no passphrase".into())),
        }
    }
}

/// The snake_case name of a paste field.
pub(crate) fn field_name(field: Field) -> &'static str {
    match field {
        Field::ApiKey => "api_key",
        Field::Secret => "secret",
        Field::Passphrase => "passphrase",
    }
}

/// What a new key says besides its credentials, which travel separately as secrets (no serde
/// `flatten`, which would buffer them in plain strings).
#[derive(Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyForm {
    pub exchange: String,
    #[serde(default)]
    #[ts(optional)]
    pub exchange_name: Option<String>,
    pub label: String,
    #[serde(default)]
    #[ts(optional)]
    pub account: Option<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// A testnet or mock URL for this key (the CLI's `--base-url`; never from the webview).
    #[serde(skip)]
    pub base_url: Option<String>,
    /// The key type the user insists on (the CLI's `--key-type`); detected otherwise.
    #[serde(skip)]
    pub key_type: Option<KeyType>,
}

impl KeyForm {
    /// The record's metadata; empty optional fields are left out. A base URL must be one the key
    /// may travel to (https, or http to loopback; scheme, host and port only).
    fn into_meta(self) -> CoreResult<KeyMeta> {
        let base_url = match self.base_url.as_deref().filter(|u| !u.trim().is_empty()) {
            Some(url) => Some(
                coffre_exchanges::checked_base_url(url)
                    .map_err(|e| CoreError::InvalidInput(e.to_string()))?,
            ),
            None => None,
        };
        let mut meta = KeyMeta::new(self.exchange.trim().to_ascii_lowercase(), self.label.trim());
        meta.exchange_name = self.exchange_name.filter(|n| !n.is_empty());
        meta.account = self.account.filter(|a| !a.is_empty());
        meta.platforms = self.platforms;
        meta.notes = self.notes;
        meta.tags = self.tags;
        meta.base_url = base_url;
        Ok(meta)
    }
}

/// The editable metadata of a key.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeyEdit {
    pub id: String,
    pub label: String,
    #[serde(default)]
    #[ts(optional)]
    pub account: Option<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[ts(optional)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// Pasted credentials checked with the catalog's rules for `exchange`.
pub fn validated(
    exchange: &str,
    api_key: &str,
    secret: &str,
    passphrase: Option<&str>,
) -> CoreResult<Credentials> {
    paste::validate(exchange, api_key, secret, passphrase)
        .map_err(|errors| CoreError::PasteInvalid(errors.iter().map(FieldProblem::of).collect()))
}

/// Every key's row, sorted by label.
pub fn list(session: &Session) -> CoreResult<Vec<KeySummary>> {
    let now = Utc::now();
    session.with_vault(|v| {
        Ok(v.list()?
            .iter()
            .map(|r| KeySummary::from_record(r, now))
            .collect())
    })
}

/// The inventory's totals per exchange (the app's "≈ … USDT ▾", `coffre holdings`).
pub fn holdings(session: &Session) -> CoreResult<crate::holdings::Summary> {
    Ok(crate::holdings::summary(&list(session)?))
}

/// One key's page.
pub fn detail(session: &Session, id: &str) -> CoreResult<KeyDetail> {
    session.with_vault(|v| {
        let record = v.get(id)?;
        // Opening the sealed part only to answer "has a passphrase"; dropped (zeroized) at once.
        let has_passphrase = v.credentials(id)?.passphrase.is_some();
        Ok(KeyDetail::from_record(&record, has_passphrase, Utc::now()))
    })
}

/// The verdict on one pasted field (the app's forms add the exchange detected from the pair, see
/// [`crate::paste_in`]).
pub fn paste_check(exchange: Option<&str>, field: FieldName, value: &str) -> PasteResult {
    let exchange = exchange.filter(|e| !e.is_empty());
    match paste::validate_field(exchange, field.core(), value) {
        Ok(clean) => PasteResult {
            ok: true,
            field: field.as_str(),
            masked: Some(coffre_secret::mask(clean.expose())),
            detected_exchange: None,
            error: None,
            form_problems: None,
        },
        Err(err) => PasteResult {
            ok: false,
            field: field.as_str(),
            masked: None,
            detected_exchange: None,
            error: Some(FieldProblem::of(&err)),
            form_problems: None,
        },
    }
}

/// Saves a new key, only if its credentials are valid for the exchange.
pub fn add(
    session: &Session,
    form: KeyForm,
    api_key: &str,
    secret: &str,
    passphrase: Option<&str>,
) -> CoreResult<RecordId> {
    let exchange = form.exchange.trim().to_ascii_lowercase();
    let mut creds = validated(&exchange, api_key, secret, passphrase)?;
    if let Some(wanted) = form.key_type {
        check_key_type(wanted, creds.key_type)?;
        creds.key_type = wanted;
    }
    add_validated(session, form, &creds)
}

/// Saves a key whose credentials are already valid.
pub(crate) fn add_validated(
    session: &Session,
    form: KeyForm,
    creds: &Credentials,
) -> CoreResult<RecordId> {
    let meta = form.into_meta()?;
    session.with_vault_mut(|v| Ok(v.add(meta, creds)?))
}

/// A private key's own encoding says what it is; an explicit key type that disagrees is a
/// mistake. A plain secret (detected as HMAC) may still be a raw asymmetric key: the user decides.
fn check_key_type(wanted: KeyType, detected: KeyType) -> CoreResult<()> {
    if detected != KeyType::Hmac && wanted != detected {
        return Err(CoreError::InvalidInput(format!(
            "the secret is a {} key, not {}: check --key-type or the secret you pasted",
            key_type_name(detected),
            key_type_name(wanted)
        )));
    }
    Ok(())
}

/// The key type as the CLI spells it.
pub fn key_type_name(key_type: KeyType) -> &'static str {
    match key_type {
        KeyType::Hmac => "hmac",
        KeyType::Ed25519 => "ed25519",
        KeyType::Rsa => "rsa",
        KeyType::Ecdsa => "ecdsa",
    }
}

/// Saves the editable metadata of a key.
pub fn update(session: &Session, edit: KeyEdit) -> CoreResult<()> {
    session.with_vault_mut(|v| {
        let mut meta = v.get(&edit.id)?.meta;
        meta.label = edit.label;
        meta.account = edit.account.filter(|a| !a.is_empty());
        meta.platforms = edit.platforms;
        meta.notes = edit.notes;
        meta.tags = edit.tags;
        meta.expires_at = edit.expires_at;
        Ok(v.update_meta(&edit.id, meta)?)
    })
}

/// Renames a key (labels stay unique).
pub fn rename(session: &Session, id: &str, label: &str) -> CoreResult<()> {
    session.with_vault_mut(|v| {
        let mut meta = v.get(id)?.meta;
        meta.label = label.trim().to_owned();
        Ok(v.update_meta(id, meta)?)
    })
}

/// New credentials for an existing key (after rotating it on the exchange); the old ones go to
/// the key's history.
pub fn replace_credentials(
    session: &Session,
    id: &str,
    api_key: &str,
    secret: &str,
    passphrase: Option<&str>,
) -> CoreResult<()> {
    session.with_vault_mut(|v| {
        let exchange = v.get(id)?.meta.exchange;
        let creds = validated(&exchange, api_key, secret, passphrase)?;
        Ok(v.replace_credentials(id, &creds)?)
    })
}

/// Saves a new key from what was pasted into the app's form `form_id` ([`crate::paste_in`]); the
/// draft is forgotten once saved, kept when the save is refused (so nothing is lost).
pub fn add_from_form(session: &Session, form: KeyForm, form_id: &str) -> CoreResult<RecordId> {
    let draft = crate::paste_in::values(session, form_id)?;
    let id = add(
        session,
        form,
        exposed(&draft.api_key),
        exposed(&draft.secret),
        draft.passphrase.as_ref().map(SecretString::expose),
    )?;
    crate::paste_in::discard(session, form_id);
    Ok(id)
}

/// [`replace_credentials`] with what was pasted into the app's form `form_id`.
pub fn replace_from_form(session: &Session, id: &str, form_id: &str) -> CoreResult<()> {
    let draft = crate::paste_in::values(session, form_id)?;
    replace_credentials(
        session,
        id,
        exposed(&draft.api_key),
        exposed(&draft.secret),
        draft.passphrase.as_ref().map(SecretString::expose),
    )?;
    crate::paste_in::discard(session, form_id);
    Ok(())
}

/// An empty field reads as "", which validation refuses with the field's own message.
pub(crate) fn exposed(value: &Option<SecretString>) -> &str {
    value.as_ref().map(SecretString::expose).unwrap_or("")
}

pub fn delete(session: &Session, id: &str) -> CoreResult<()> {
    session.with_vault_mut(|v| Ok(v.remove(id)?))
}

/// One credential in clear, on explicit user request only.
pub fn reveal(session: &Session, id: &str, field: FieldName) -> CoreResult<SecretString> {
    session.with_vault(|v| field.pick(&v.credentials(id)?))
}

/// Copies one credential to the clipboard; it is cleared after `clear_after` unless the user
/// copied something else since.
pub fn copy(
    session: &Session,
    id: &str,
    field: FieldName,
    clear_after: Duration,
) -> CoreResult<CopyResult> {
    let secret = reveal(session, id, field)?;
    Ok(session
        .clipboard
        .copy(secret, field.as_str(), clear_after)?)
}
