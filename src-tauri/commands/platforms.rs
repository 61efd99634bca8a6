//! The "Platforms" commands: verdicts, the safety overview, the paste sequence, exports and
//! Binance self-generated (Ed25519) keys. Thin: the rules are the catalog's and transfer's.

use crate::commands::keys::KeyForm;
use crate::error::{AppError, AppResult};
use crate::events;
use crate::paste_sequence::{PasteSequence, Running};
use crate::secret_arg::SecretArg;
use crate::state::AppState;
use crate::verdicts::{self, PlatformVerdict};
use chrono::Utc;
use coffre_catalog::model::{Credentials, KeyType};
use coffre_catalog::paste::{self, Field};
use coffre_catalog::{catalog, safety, KeyFacts};
use coffre_secret::SecretString;
use coffre_vault::KeyMeta;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

#[tauri::command]
pub fn key_verdicts(
    state: State<'_, AppState>,
    id: String,
    lang: String,
) -> AppResult<Vec<PlatformVerdict>> {
    let meta = state.with_vault(|v| Ok(v.get(&id)?.meta))?;
    Ok(verdicts::key_verdicts(&meta, &lang, Utc::now()))
}

/// A key named in the safety overview.
#[derive(Debug, Clone, Serialize)]
pub struct KeyRef {
    pub id: String,
    pub label: String,
    pub exchange: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExpiringRef {
    #[serde(flatten)]
    pub key: KeyRef,
    pub days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedRef {
    #[serde(flatten)]
    pub key: KeyRef,
    pub platforms: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReminderRef {
    #[serde(flatten)]
    pub key: KeyRef,
    pub kind: safety::ReminderKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// docs/ipc.md `SafetyOverview`: the core's id lists with each key's label and exchange.
#[derive(Debug, Clone, Serialize)]
pub struct SafetyView {
    pub can_withdraw: Vec<KeyRef>,
    pub no_ip_restriction: Vec<KeyRef>,
    pub expiring_soon: Vec<ExpiringRef>,
    pub shared: Vec<SharedRef>,
    pub reminders: Vec<ReminderRef>,
}

fn facts(id: &str, meta: &KeyMeta) -> KeyFacts {
    KeyFacts {
        id: id.to_owned(),
        exchange: meta.exchange.clone(),
        permissions: meta.last_check.as_ref().map(|r| r.permissions.clone()),
        checked_at: meta.last_check.as_ref().map(|r| r.checked_at),
        expires_at: meta.expires_at,
        platforms: meta.platforms.clone(),
    }
}

/// The vault-wide safety overview. `lang` is accepted for the contract; the view holds no sentence.
#[tauri::command]
pub fn safety_overview(state: State<'_, AppState>, lang: String) -> AppResult<SafetyView> {
    let _ = lang;
    let records = state.with_vault(|v| Ok(v.list()?))?;
    let keys: Vec<KeyFacts> = records.iter().map(|r| facts(&r.id, &r.meta)).collect();
    let refs: HashMap<&str, KeyRef> = records
        .iter()
        .map(|r| {
            let key = KeyRef {
                id: r.id.clone(),
                label: r.meta.label.clone(),
                exchange: r.meta.exchange.clone(),
            };
            (r.id.as_str(), key)
        })
        .collect();
    let key = |id: &str| refs.get(id).cloned();
    let o = safety::safety_overview(&keys, Utc::now());
    Ok(SafetyView {
        can_withdraw: o.can_withdraw.iter().filter_map(|id| key(id)).collect(),
        no_ip_restriction: o
            .no_ip_restriction
            .iter()
            .filter_map(|id| key(id))
            .collect(),
        expiring_soon: o
            .expiring_soon
            .iter()
            .filter_map(|e| {
                Some(ExpiringRef {
                    key: key(&e.id)?,
                    days: e.days,
                })
            })
            .collect(),
        shared: o
            .shared
            .iter()
            .filter_map(|s| {
                let platforms = s.platforms.clone();
                Some(SharedRef {
                    key: key(&s.id)?,
                    platforms,
                })
            })
            .collect(),
        reminders: o
            .reminders
            .iter()
            .filter_map(|r| {
                Some(ReminderRef {
                    key: key(&r.id)?,
                    kind: r.kind,
                    days: r.days,
                })
            })
            .collect(),
    })
}

/// Copies the sequence's current value, if any, with the configured clearing delay.
fn copy_current(state: &AppState, running: &Running) -> AppResult<()> {
    if let Some((field, value)) = running.current() {
        let clear_after = Duration::from_secs(running.view().clear_after_s);
        state.clipboard.copy(value, field.as_str(), clear_after)?;
    }
    Ok(())
}

/// Starts pasting key `id` into `platform`: step 0 is on the clipboard when this returns.
#[tauri::command]
pub fn paste_sequence_start<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    platform: String,
) -> AppResult<PasteSequence> {
    let entry = catalog()
        .platform(&platform)
        .ok_or_else(|| AppError::InvalidInput(format!("unknown platform {platform}")))?;
    let (meta, creds) = state.with_vault(|v| Ok((v.get(&id)?.meta, v.credentials(&id)?)))?;
    let needs_passphrase = catalog()
        .exchange_or_other(&meta.exchange)
        .needs_passphrase();
    let profile = entry.profile_for(&meta.exchange, needs_passphrase);
    let lang = state.lang();
    let clear_after_s = u64::from(state.settings().clipboard_clear_seconds);
    let running = Running::new(
        id,
        platform.clone(),
        entry.name.get(lang).to_owned(),
        &profile.fields,
        &creds,
        lang,
        clear_after_s,
    )
    .ok_or_else(|| AppError::InvalidInput(format!("{platform} lists no field to paste")))?;
    drop(creds);
    copy_current(&state, &running)?;
    let view = running.view().clone();
    *state.paste_sequence() = Some(running);
    let _ = app.emit(events::PASTE_SEQUENCE, &view);
    Ok(view)
}

/// Replaces the clipboard with the next field; after the last one clears it and ends.
#[tauri::command]
pub fn paste_sequence_next<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<PasteSequence> {
    let mut slot = state.paste_sequence();
    let running = slot
        .as_mut()
        .ok_or_else(|| AppError::InvalidInput("no paste sequence is running".into()))?;
    running.advance();
    let view = running.view().clone();
    if view.done {
        slot.take();
        drop(slot);
        state.clipboard.clear_if_ours();
    } else {
        copy_current(&state, running)?;
        drop(slot);
    }
    let _ = app.emit(events::PASTE_SEQUENCE, &view);
    Ok(view)
}

/// Ends the sequence early and clears the clipboard if it still holds our value.
#[tauri::command]
pub fn paste_sequence_cancel<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) {
    let running = state.paste_sequence().take();
    state.clipboard.clear_if_ours();
    if let Some(running) = running {
        let _ = app.emit(events::PASTE_SEQUENCE, running.finish());
    }
}

/// The formats `key_export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Env,
    Ccxt,
    Freqtrade,
    FreqtradeEnv,
}

impl ExportFormat {
    /// The file name the save dialog suggests.
    fn file_name(self, exchange: &str) -> String {
        match self {
            ExportFormat::Env => format!("{exchange}.env"),
            ExportFormat::Ccxt => format!("{exchange}-ccxt.json"),
            ExportFormat::Freqtrade => "config-private.json".to_owned(),
            ExportFormat::FreqtradeEnv => "freqtrade.env".to_owned(),
        }
    }

    /// The key rendered in this format (the text is itself a secret).
    pub fn render(self, exchange: &str, creds: &Credentials) -> AppResult<SecretString> {
        use coffre_transfer::export;
        let unsafe_value = |e: coffre_transfer::ExportError| AppError::InvalidInput(e.to_string());
        match self {
            ExportFormat::Env => export::env(exchange, creds).map_err(unsafe_value),
            ExportFormat::Ccxt => Ok(export::ccxt(creds)),
            ExportFormat::Freqtrade => Ok(export::freqtrade_config(exchange, creds)),
            ExportFormat::FreqtradeEnv => {
                export::freqtrade_env(exchange, creds).map_err(unsafe_value)
            }
        }
    }
}

/// Writes the key in `format` where the user chooses (mode 0600); the path, or `None` if they
/// cancel.
#[tauri::command]
pub async fn key_export<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    format: ExportFormat,
) -> AppResult<Option<String>> {
    let exchange = app
        .state::<AppState>()
        .with_vault(|v| Ok(v.get(&id)?.meta.exchange))?;
    let name = format.file_name(&exchange);
    let Some(dest) = crate::dialogs::pick_export_destination(&app, &name).await else {
        return Ok(None);
    };
    export_to(&app.state::<AppState>(), &id, format, &dest)?;
    Ok(Some(dest.display().to_string()))
}

/// Renders key `id` in `format` and writes it to `dest` (0600, atomically).
pub fn export_to(
    state: &AppState,
    id: &str,
    format: ExportFormat,
    dest: &std::path::Path,
) -> AppResult<()> {
    let text = state.with_vault(|v| {
        let exchange = v.get(id)?.meta.exchange;
        format.render(&exchange, &v.credentials(id)?)
    })?;
    crate::private_file::write_private(dest, text.expose().as_bytes())?;
    Ok(())
}

/// docs/ipc.md `GeneratedKey`: the private half stays in Rust under `draft_id`.
#[derive(Debug, Clone, Serialize)]
pub struct GeneratedKeyView {
    pub draft_id: String,
    pub public_key_pem: String,
}

/// A new Ed25519 pair for a Binance self-generated key; the private key is kept as a draft
/// (dropped on lock) until `key_add_generated`.
#[tauri::command]
pub fn keygen_ed25519(state: State<'_, AppState>) -> AppResult<GeneratedKeyView> {
    if !state.is_unlocked() {
        return Err(AppError::Locked);
    }
    let pair = coffre_exchanges::keygen::ed25519();
    let draft_id = state.add_draft(pair.private_key_pem);
    Ok(GeneratedKeyView {
        draft_id,
        public_key_pem: pair.public_key_pem,
    })
}

/// Stores the API key the exchange issued with the drafted private key as its secret
/// (`key_type: ed25519`); the draft is forgotten once saved.
#[tauri::command]
pub fn key_add_generated(
    state: State<'_, AppState>,
    key: KeyForm,
    api_key: SecretArg,
    draft_id: String,
) -> AppResult<String> {
    let private_key = state
        .draft(&draft_id)
        .ok_or_else(|| AppError::InvalidInput("no such generated key (locked since?)".into()))?;
    let api_key = paste::validate_field(Some(&key.exchange), Field::ApiKey, api_key.expose())
        .map_err(|e| AppError::PasteInvalid(vec![crate::commands::keys::problem(&e)]))?;
    let creds = Credentials {
        api_key,
        secret: private_key,
        passphrase: None,
        key_type: KeyType::Ed25519,
    };
    let id = state.with_vault_mut(|v| Ok(v.add(key.into_meta(), &creds)?))?;
    state.remove_draft(&draft_id);
    Ok(id)
}

/// The key's platforms with their names, for where a rotated key must be pasted.
pub fn platform_infos(platforms: &[String], lang: &str) -> Vec<crate::views::PlatformInfo> {
    platforms
        .iter()
        .map(|p| crate::views::PlatformInfo {
            id: p.clone(),
            name: verdicts::platform_name(p, lang),
        })
        .collect()
}

/// Stores the IP list the user copied from `platform` (`KeyMeta::platform_ips`); an empty list
/// forgets it. Each entry must be an IPv4/IPv6 address or CIDR range.
#[tauri::command]
pub fn platform_ips_set(
    state: State<'_, AppState>,
    id: String,
    platform: String,
    ips: Vec<String>,
) -> AppResult<()> {
    if catalog().platform(&platform).is_none() {
        return Err(AppError::InvalidInput(format!(
            "unknown platform {platform:?}"
        )));
    }
    let ips: Vec<String> = ips
        .iter()
        .map(|ip| ip.trim().to_owned())
        .filter(|ip| !ip.is_empty())
        .collect();
    if let Some(bad) = ips.iter().find(|ip| !coffre_catalog::is_ip_or_range(ip)) {
        return Err(AppError::InvalidInput(format!(
            "{bad:?} is not an IPv4/IPv6 address or CIDR range"
        )));
    }
    state.with_vault_mut(|v| {
        let mut meta = v.get(&id)?.meta;
        if ips.is_empty() {
            meta.platform_ips.remove(&platform);
        } else {
            meta.platform_ips.insert(platform.clone(), ips);
        }
        Ok(v.update_meta(&id, meta)?)
    })
}

/// Puts the platform's IP list on the clipboard, one per line, for the exchange's whitelist field.
#[tauri::command]
pub fn platform_ips_copy(
    state: State<'_, AppState>,
    id: String,
    platform: String,
) -> AppResult<crate::views::CopyResult> {
    let ips = state.with_vault(|v| Ok(v.get(&id)?.meta.platform_ips.get(&platform).cloned()))?;
    let Some(ips) = ips.filter(|ips| !ips.is_empty()) else {
        return Err(AppError::InvalidInput(format!(
            "no IP list saved for {platform:?}"
        )));
    };
    let clear_after_s = u64::from(state.settings().clipboard_clear_seconds);
    state.clipboard.copy(
        SecretString::new(ips.join("\n")),
        "ip_list",
        Duration::from_secs(clear_after_s),
    )?;
    Ok(crate::views::CopyResult { clear_after_s })
}
