//! Builds the demo vault: every demo account of the mock exchanges as a key whose `base_url`
//! points at its mock, in a throwaway vault with a known password and a cheap KDF.

use crate::error::AppResult;
use coffre_catalog::model::Credentials;
use coffre_secret::SecretString;
use coffre_vault::{KdfParams, KeyMeta, Vault, VaultOptions};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The demo vault's master password, shown on the unlock screen in demo mode.
pub const DEMO_PASSWORD: &str = "demo";

/// A cheap KDF: the demo vault holds only fake keys for loopback mocks.
const DEMO_KDF: KdfParams = KdfParams {
    mib: 8,
    passes: 1,
    lanes: 1,
};

/// Which platform each demo key is for (by the mock's label), so the demo shows verdicts:
/// ready, rejected (withdrawals on for Bitsgap), risky (no IP restriction for 3Commas).
const DEMO_PLATFORMS: &[(&str, &[&str])] = &[
    ("Binance main", &["bitsgap"]),
    ("Binance withdrawals on", &["bitsgap"]),
    ("Binance no IP restriction", &["3commas"]),
    ("OKX main", &["crypty-ghost"]),
    ("Bybit unified", &["bitsgap", "altrady"]),
    ("Kraken funds", &["freqtrade"]),
    ("KuCoin spot", &["hummingbot"]),
    ("Gate spot", &["ccxt-script"]),
];

/// Replaces any previous demo vault at `path` with a fresh one filled from the mock's accounts;
/// `urls` maps exchange id to the mock's base URL.
pub fn build_vault(path: &Path, urls: &BTreeMap<String, String>) -> AppResult<Vault> {
    remove_vault_files(path)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut vault = Vault::create_with(
        path,
        &SecretString::from(DEMO_PASSWORD),
        DEMO_KDF,
        VaultOptions {
            allow_weak_kdf: true,
        },
    )?;
    let mut per_exchange: HashMap<String, usize> = HashMap::new();
    for account in coffre_mock_exchange::demo_accounts() {
        let n = per_exchange.entry(account.exchange.clone()).or_default();
        *n += 1;
        // The mock's label says what the account shows ("Binance withdrawals on").
        let label = account.label.clone().unwrap_or_else(|| {
            let name = crate::views::exchange_name(&account.exchange, None);
            format!("{name} demo {n}")
        });
        let mut meta = KeyMeta::new(account.exchange.clone(), label);
        meta.platforms = DEMO_PLATFORMS
            .iter()
            .find(|(demo_label, _)| *demo_label == meta.label)
            .map(|(_, platforms)| platforms.iter().map(|p| (*p).to_owned()).collect())
            .unwrap_or_default();
        meta.base_url = urls.get(&account.exchange).cloned();
        meta.notes = match &account.fault {
            Some(fault) => format!("Demo key; the mock answers with a fault: {fault:?}"),
            None => "Demo key on a local mock exchange".to_owned(),
        };
        meta.tags = vec!["demo".to_owned()];
        let creds = credentials(&account);
        vault.add(meta, &creds)?;
    }
    Ok(vault)
}

/// The account's credentials, typed by the catalog's paste rules when they recognise them.
fn credentials(account: &coffre_mock_exchange::MockAccount) -> Credentials {
    coffre_catalog::paste::validate(
        &account.exchange,
        &account.api_key,
        &account.secret,
        account.passphrase.as_deref(),
    )
    .unwrap_or_else(|_| Credentials {
        api_key: SecretString::from(account.api_key.as_str()),
        secret: SecretString::from(account.secret.as_str()),
        passphrase: account.passphrase.as_deref().map(SecretString::from),
        key_type: Default::default(),
    })
}

/// Deletes a vault file and its SQLite companions, if present.
fn remove_vault_files(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_platform_assignment_names_a_demo_key_and_a_known_platform() {
        let labels: Vec<String> = coffre_mock_exchange::demo_accounts()
            .into_iter()
            .filter_map(|a| a.label)
            .collect();
        for (label, platforms) in DEMO_PLATFORMS {
            assert!(labels.iter().any(|l| l == label), "no demo key {label:?}");
            for platform in *platforms {
                assert!(
                    coffre_catalog::catalog().platform(platform).is_some(),
                    "unknown platform {platform:?}"
                );
            }
        }
    }

    #[test]
    fn the_demo_vault_holds_every_demo_account_under_its_own_label() {
        let dir = tempfile::tempdir().unwrap();
        let urls = BTreeMap::from([("binance".to_owned(), "http://127.0.0.1:1".to_owned())]);
        let vault = build_vault(&dir.path().join("demo.coffre"), &urls).unwrap();
        let records = vault.list().unwrap();
        assert_eq!(records.len(), coffre_mock_exchange::demo_accounts().len());
        let main = records
            .iter()
            .find(|r| r.meta.label == "Binance main")
            .expect("the healthy Binance key");
        assert_eq!(main.meta.platforms, ["bitsgap"]);
        assert_eq!(main.meta.base_url.as_deref(), Some("http://127.0.0.1:1"));
    }
}
