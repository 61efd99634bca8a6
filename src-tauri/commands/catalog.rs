//! What the add form and the guide show: exchanges, platforms, checklists (all from the catalog).

use crate::views::{ExchangeInfo, Guide, PlatformInfo};
use coffre_catalog::catalog as knowledge;
use coffre_catalog::format::KeyFormat;

/// "64 characters, letters and digits"-style hint for the first documented format of a field.
fn format_hint(formats: &[KeyFormat]) -> String {
    formats
        .first()
        .map(|f| format!("{}, {}", f.describe_length(), f.charset.describe()))
        .unwrap_or_default()
}

#[tauri::command]
pub fn catalog_exchanges() -> Vec<ExchangeInfo> {
    knowledge()
        .exchanges()
        .iter()
        .map(|e| ExchangeInfo {
            id: e.id.clone(),
            name: e.name.clone(),
            needs_passphrase: e.needs_passphrase(),
            reports_permissions: e.reports_permissions,
            key_types: e.key_types.clone(),
            api_key_hint: format_hint(&e.formats.api_key),
            secret_hint: format_hint(&e.formats.secret),
        })
        .collect()
}

/// Platforms with their names in `lang` (English by default).
#[tauri::command]
pub fn catalog_platforms(lang: Option<String>) -> Vec<PlatformInfo> {
    let lang = lang.unwrap_or_else(|| "en".into());
    knowledge()
        .platforms()
        .iter()
        .map(|p| PlatformInfo {
            id: p.id.clone(),
            name: p.name.get(&lang).to_owned(),
        })
        .collect()
}

/// Which boxes to tick and which to leave off when creating a key on `exchange` for `platform`.
#[tauri::command]
pub fn catalog_guide(exchange: String, platform: Option<String>, lang: String) -> Guide {
    let items = knowledge().guide(&exchange, platform.as_deref(), &lang);
    Guide {
        exchange,
        platform,
        items,
    }
}
