//! What the add form and the guide show: exchanges, platforms, checklists (all from the catalog).

use coffre_core::views::{self, ExchangeInfo, Guide, PlatformInfo};

#[tauri::command]
pub fn catalog_exchanges() -> Vec<ExchangeInfo> {
    views::exchanges()
}

/// Platforms with their names in `lang` (English by default).
#[tauri::command]
pub fn catalog_platforms(lang: Option<String>) -> Vec<PlatformInfo> {
    views::platforms(lang.as_deref().unwrap_or("en"))
}

/// Which boxes to tick and which to leave off when creating a key on `exchange` for `platform`.
#[tauri::command]
pub fn catalog_guide(exchange: String, platform: Option<String>, lang: String) -> Guide {
    views::guide(exchange, platform, &lang)
}
