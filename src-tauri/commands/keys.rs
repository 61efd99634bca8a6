//! The key list and one key's page: add, edit, replace, delete, reveal, copy, check.

use crate::error::{AppError, AppResult, FieldProblem};
use crate::events::{self, CheckProgress, CheckState};
use crate::secret_arg::SecretArg;
use crate::state::AppState;
use crate::verdicts::PlatformVerdict;
use crate::views::{CopyResult, KeyDetail, KeySummary, PasteResult, PlatformInfo};
use chrono::{DateTime, Utc};
use coffre_catalog::model::{CheckReport, Credentials};
use coffre_catalog::paste::{self, Field, PasteError};
use coffre_secret::SecretString;
use coffre_vault::KeyMeta;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// A credential field as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldName {
    ApiKey,
    Secret,
    Passphrase,
}

impl FieldName {
    fn as_str(self) -> &'static str {
        match self {
            FieldName::ApiKey => "api_key",
            FieldName::Secret => "secret",
            FieldName::Passphrase => "passphrase",
        }
    }

    fn core(self) -> Field {
        match self {
            FieldName::ApiKey => Field::ApiKey,
            FieldName::Secret => Field::Secret,
            FieldName::Passphrase => Field::Passphrase,
        }
    }

    /// The field's value in `creds`; `not_found` when the key has no passphrase.
    fn pick(self, creds: &Credentials) -> AppResult<SecretString> {
        match self {
            FieldName::ApiKey => Ok(creds.api_key.clone()),
            FieldName::Secret => Ok(creds.secret.clone()),
            FieldName::Passphrase => creds
                .passphrase
                .clone()
                .ok_or_else(|| AppError::InvalidInput("this key has no passphrase".into())),
        }
    }
}

fn field_name(field: Field) -> &'static str {
    match field {
        Field::ApiKey => "api_key",
        Field::Secret => "secret",
        Field::Passphrase => "passphrase",
    }
}

pub(crate) fn problem(err: &PasteError) -> FieldProblem {
    FieldProblem {
        field: field_name(err.field()),
        code: err.code().to_owned(),
        message: err.to_string(),
    }
}

/// What the add form says about a new key besides its credentials, which travel as separate
/// arguments (as `SecretArg`s: no serde `flatten`, which would buffer them in plain strings).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyForm {
    pub exchange: String,
    #[serde(default)]
    pub exchange_name: Option<String>,
    pub label: String,
    #[serde(default)]
    pub account: Option<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

impl KeyForm {
    /// The record's metadata; empty optional fields are left out.
    pub fn into_meta(self) -> KeyMeta {
        let mut meta = KeyMeta::new(self.exchange, self.label);
        meta.exchange_name = self.exchange_name.filter(|n| !n.is_empty());
        meta.account = self.account.filter(|a| !a.is_empty());
        meta.platforms = self.platforms;
        meta.notes = self.notes;
        meta.tags = self.tags;
        meta
    }
}

/// The editable metadata of a key.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyEdit {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub account: Option<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// Validates pasted credentials with the catalog's rules for `exchange`.
fn validated(
    exchange: &str,
    api_key: &SecretArg,
    secret: &SecretArg,
    passphrase: Option<&SecretArg>,
) -> AppResult<Credentials> {
    paste::validate(
        exchange,
        api_key.expose(),
        secret.expose(),
        passphrase.map(SecretArg::expose),
    )
    .map_err(|errors| AppError::PasteInvalid(errors.iter().map(problem).collect()))
}

#[tauri::command]
pub fn keys_list(state: State<'_, AppState>) -> AppResult<Vec<KeySummary>> {
    let now = Utc::now();
    state.with_vault(|v| {
        Ok(v.list()?
            .iter()
            .map(|r| KeySummary::from_record(r, now))
            .collect())
    })
}

#[tauri::command]
pub fn key_get(state: State<'_, AppState>, id: String) -> AppResult<KeyDetail> {
    state.with_vault(|v| {
        let record = v.get(&id)?;
        // Opening the sealed part only to answer "has a passphrase"; dropped (zeroized) at once.
        let has_passphrase = v.credentials(&id)?.passphrase.is_some();
        Ok(KeyDetail::from_record(&record, has_passphrase, Utc::now()))
    })
}

/// Live validation of one field while the user pastes it. `detected_exchange` is left out:
/// the core only recognises an exchange from a complete key and secret pair.
#[tauri::command]
pub fn paste_check(exchange: Option<String>, field: FieldName, value: SecretArg) -> PasteResult {
    let exchange = exchange.filter(|e| !e.is_empty());
    let detected_exchange = None;
    match paste::validate_field(exchange.as_deref(), field.core(), value.expose()) {
        Ok(clean) => PasteResult {
            ok: true,
            field: field.as_str(),
            masked: Some(coffre_secret::mask(clean.expose())),
            detected_exchange,
            error: None,
        },
        Err(err) => PasteResult {
            ok: false,
            field: field.as_str(),
            masked: None,
            detected_exchange,
            error: Some(problem(&err)),
        },
    }
}

/// Saves a new key, only if its credentials are valid for the exchange.
#[tauri::command]
pub fn key_add(
    state: State<'_, AppState>,
    key: KeyForm,
    api_key: SecretArg,
    secret: SecretArg,
    passphrase: Option<SecretArg>,
) -> AppResult<String> {
    let creds = validated(&key.exchange, &api_key, &secret, passphrase.as_ref())?;
    state.with_vault_mut(|v| Ok(v.add(key.into_meta(), &creds)?))
}

#[tauri::command]
pub fn key_update(state: State<'_, AppState>, edit: KeyEdit) -> AppResult<()> {
    state.with_vault_mut(|v| {
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

/// What rotating a key led to: its fresh check, the platforms re-judged, where to paste it.
#[derive(Debug, Clone, Serialize)]
pub struct ReplaceOutcome {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<CheckReport>,
    pub verdicts: Vec<PlatformVerdict>,
    pub paste_into: Vec<PlatformInfo>,
}

/// New credentials for an existing key (after rotating it on the exchange); the old ones go to
/// the key's history. Then checks the new key, saves that check and re-judges the platforms.
#[tauri::command]
pub async fn key_replace_credentials<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    api_key: SecretArg,
    secret: SecretArg,
    passphrase: Option<SecretArg>,
) -> AppResult<ReplaceOutcome> {
    let state = app.state::<AppState>();
    state.with_vault_mut(|v| {
        let exchange = v.get(&id)?.meta.exchange;
        let creds = validated(&exchange, &api_key, &secret, passphrase.as_ref())?;
        Ok(v.replace_credentials(&id, &creds)?)
    })?;
    let report = check_one(&state, &id).await?;
    let meta = state.with_vault(|v| Ok(v.get(&id)?.meta))?;
    let lang = state.lang();
    Ok(ReplaceOutcome {
        report: Some(report),
        verdicts: crate::verdicts::key_verdicts(&meta, lang, Utc::now()),
        paste_into: crate::commands::platforms::platform_infos(&meta.platforms, lang),
    })
}

#[tauri::command]
pub fn key_delete(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state.with_vault_mut(|v| Ok(v.remove(&id)?))
}

/// One credential in clear, on explicit user request only.
#[tauri::command]
pub fn key_reveal(state: State<'_, AppState>, id: String, field: FieldName) -> AppResult<String> {
    state.with_vault(|v| {
        let secret = field.pick(&v.credentials(&id)?)?;
        Ok(secret.expose().to_owned())
    })
}

/// Copies one credential to the clipboard from Rust; it is cleared after the configured delay.
#[tauri::command]
pub fn key_copy(state: State<'_, AppState>, id: String, field: FieldName) -> AppResult<CopyResult> {
    let secret = state.with_vault(|v| field.pick(&v.credentials(&id)?))?;
    let clear_after_s = u64::from(state.settings().clipboard_clear_seconds);
    state
        .clipboard
        .copy(secret, field.as_str(), Duration::from_secs(clear_after_s))?;
    Ok(CopyResult { clear_after_s })
}

/// What a check needs, read under the vault lock so the network call runs without it.
fn check_inputs(state: &AppState, id: &str) -> AppResult<(String, Credentials, Option<String>)> {
    state.with_vault(|v| {
        let meta = v.get(id)?.meta;
        Ok((meta.exchange, v.credentials(id)?, meta.base_url))
    })
}

/// Checks one key live and saves the result as its last check.
pub(crate) async fn check_one(state: &AppState, id: &str) -> AppResult<CheckReport> {
    let (exchange, creds, base_url) = check_inputs(state, id)?;
    let report = state
        .checker
        .check(&exchange, &creds, base_url.as_deref())
        .await;
    drop(creds);
    state.with_vault_mut(|v| Ok(v.record_check(id, report.clone())?))?;
    Ok(report)
}

#[tauri::command]
pub async fn key_check<R: Runtime>(app: AppHandle<R>, id: String) -> AppResult<CheckReport> {
    check_one(&app.state::<AppState>(), &id).await
}

/// Checks every key in the background, reporting each as it goes; returns at once.
#[tauri::command]
pub fn keys_check_all<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppResult<()> {
    let ids: Vec<String> =
        state.with_vault(|v| Ok(v.list()?.into_iter().map(|r| r.id).collect()))?;
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        for id in ids {
            let _ = app.emit(
                events::CHECK_PROGRESS,
                CheckProgress {
                    id: id.clone(),
                    state: CheckState::Running,
                    report: None,
                },
            );
            // A key deleted or a vault locked meanwhile just ends that key's check.
            let report = check_one(&state, &id).await.ok();
            let _ = app.emit(
                events::CHECK_PROGRESS,
                CheckProgress {
                    id,
                    state: CheckState::Done,
                    report,
                },
            );
        }
        let _ = app.emit(events::CHECK_ALL_DONE, ());
    });
    Ok(())
}
