//! What the flows work with: fresh random credentials (so a copy found in memory can only come from
//! this run), the mock exchanges that accept them, and settings written before the app starts.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

use coffre_mock_exchange::{MockAccount, MockHandle, MockOptions};

use crate::driver::{Profile, TestResult};
use crate::ui::PastedKey;

/// The app's identifier in tauri.conf.json: its data and config live in `$XDG_*_HOME/<this>`.
pub const APP_ID: &str = "app.coffre.desktop";

/// A master password strong enough for the first-run strength meter.
pub fn master_password() -> String {
    format!("Coffre-e2e {} staple battery horse", random_from(ALNUM, 10))
}

/// Credentials in the shapes the catalog accepts for the exchange.
pub struct Creds {
    pub api_key: String,
    pub secret: String,
    pub passphrase: Option<String>,
}

/// `creds` as the user pastes them into the add form for `exchange`, labelled `label`.
pub fn pasted<'a>(exchange: &'a str, label: &'a str, creds: &'a Creds) -> PastedKey<'a> {
    PastedKey {
        exchange,
        label,
        platform: None,
        api_key: &creds.api_key,
        secret: &creds.secret,
        passphrase: creds.passphrase.as_deref(),
    }
}

pub fn binance_creds() -> Creds {
    Creds {
        api_key: random_from(ALNUM, 64),
        secret: random_from(ALNUM, 64),
        passphrase: None,
    }
}

pub fn okx_creds() -> Creds {
    let hex = random_from(HEX, 32).to_lowercase();
    let uuid = format!(
        "{}-{}-4{}-a{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..]
    );
    Creds {
        api_key: uuid,
        secret: random_from(HEX, 32),
        passphrase: Some(format!("Pass{}", random_from(ALNUM, 12))),
    }
}

/// Starts one healthy mock per exchange for these accounts.
pub async fn start_mocks(accounts: &[(&str, &Creds)]) -> TestResult<MockHandle> {
    let accounts = accounts
        .iter()
        .map(|(exchange, c)| {
            MockAccount::new(exchange, &c.api_key, &c.secret, c.passphrase.as_deref())
        })
        .collect();
    Ok(coffre_mock_exchange::start(accounts, MockOptions::default()).await?)
}

/// `COFFRE_BASE_URL_<EXCHANGE>` for each running mock (docs/ipc.md), and the TLS authority of
/// those served over https (`COFFRE_MOCK_TLS_AUTHORITY`), for the driver's environment.
pub fn base_url_env(mocks: &MockHandle) -> Vec<(String, String)> {
    mocks
        .urls()
        .iter()
        .map(|(exchange, url)| {
            (
                format!("COFFRE_BASE_URL_{}", exchange.to_uppercase()),
                url.clone(),
            )
        })
        .chain([(
            "COFFRE_MOCK_TLS_AUTHORITY".to_owned(),
            mocks.tls_authority_pem().to_owned(),
        )])
        .collect()
}

/// Writes settings.json before the first start (the shortest clipboard clear the app allows).
pub fn write_settings(profile: &Profile, clipboard_clear_seconds: u32) -> TestResult {
    write_settings_in(profile, clipboard_clear_seconds, "en")
}

/// [`write_settings`] with the UI in `language` (`en`, `fr`, `vi`).
pub fn write_settings_in(
    profile: &Profile,
    clipboard_clear_seconds: u32,
    language: &str,
) -> TestResult {
    let dir = profile.config_home().join(APP_ID);
    std::fs::create_dir_all(&dir)?;
    let settings = serde_json::json!({
        "auto_lock_minutes": 60,
        "clipboard_clear_seconds": clipboard_clear_seconds,
        "language": language,
    });
    std::fs::write(
        dir.join("settings.json"),
        serde_json::to_vec_pretty(&settings)?,
    )?;
    Ok(())
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789ABCDEF";

/// Random text from `alphabet` (std's per-instance random hash keys: enough for test data).
fn random_from(alphabet: &[u8], len: usize) -> String {
    (0..len)
        .map(|_| {
            let n = RandomState::new().build_hasher().finish();
            alphabet[(n % alphabet.len() as u64) as usize] as char
        })
        .collect()
}
