//! "Try the demo": the mock exchanges run as their own process (`coffre-mock-exchange`, shipped
//! beside the app like a Tauri sidecar), never inside the process that holds the vault's keys;
//! the demo vault is built from the accounts that process serves, each key pointed at its mock.

use crate::error::{CoreError, CoreResult};
use crate::session::Session;
use coffre_exchanges::Checker;
use coffre_model::Credentials;
use coffre_secret::SecretString;
use coffre_vault::{KdfParams, KeyMeta, Vault, VaultOptions};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

/// The demo vault's master password, shown on the unlock screen in demo mode.
pub const DEMO_PASSWORD: &str = "demo";

/// The mock exchanges' program name (without the platform's executable suffix).
pub const MOCK_PROGRAM: &str = "coffre-mock-exchange";

/// Where tests hand a debug build of the app or CLI the mock exchanges' TLS authority (PEM text),
/// for mocks they started themselves; a release build ignores it.
pub const TLS_AUTHORITY_VAR: &str = "COFFRE_MOCK_TLS_AUTHORITY";

/// Makes `checker` trust the authority in [`TLS_AUTHORITY_VAR`] for `https://` on this machine
/// (never for other hosts). Debug builds only; `Ok(false)` when there is none to trust.
pub fn trust_tls_authority_from_env(checker: &Checker) -> CoreResult<bool> {
    let pem = match std::env::var(TLS_AUTHORITY_VAR) {
        Ok(pem) if cfg!(debug_assertions) && !pem.trim().is_empty() => pem,
        _ => return Ok(false),
    };
    checker
        .trust_loopback_tls_authority(&pem)
        .map_err(|e| CoreError::Demo(format!("{TLS_AUTHORITY_VAR}: {e}")))?;
    Ok(true)
}

/// A cheap KDF: the demo vault holds only fake keys for loopback mocks.
const DEMO_KDF: KdfParams = KdfParams {
    mib: 8,
    passes: 1,
    lanes: 1,
};

/// One account the mock serves, as its `--print-accounts` lists it (other fields ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct DemoAccount {
    pub exchange: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(deserialize_with = "secret")]
    pub api_key: SecretString,
    #[serde(deserialize_with = "secret")]
    pub secret: SecretString,
    #[serde(default, deserialize_with = "optional_secret")]
    pub passphrase: Option<SecretString>,
    /// The fault the mock answers with, as it spells it (`clock_skew_ms:120000`).
    #[serde(default)]
    pub fault: Option<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
}

fn secret<'de, D: serde::Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
    String::deserialize(d).map(SecretString::new)
}

fn optional_secret<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<SecretString>, D::Error> {
    Option::<String>::deserialize(d).map(|s| s.map(SecretString::new))
}

/// The running mock exchanges; dropping this stops them.
pub struct DemoExchanges {
    child: Child,
    /// Held open: the mock stops when it closes, so it also stops if this process dies.
    _stdin: Option<ChildStdin>,
    /// Exchange id → base URL of its mock.
    pub urls: BTreeMap<String, String>,
    /// The certificate of the authority the mocks made for this run (their second line): what
    /// the checker trusts for their `https://` URLs on this machine, and for nothing else.
    pub tls_authority_pem: String,
}

/// The mock's second line.
#[derive(Deserialize)]
struct TlsAuthority {
    tls_authority_pem: String,
}

impl DemoExchanges {
    /// Starts `program` and reads its URL map from its first line, its TLS authority from the
    /// second.
    pub fn start(program: &Path) -> CoreResult<DemoExchanges> {
        let mut child = Command::new(program)
            .arg("--until-stdin-closes")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| CoreError::Demo(format!("cannot run {}: {e}", program.display())))?;
        let stdin = child.stdin.take();
        let (mut line, mut second) = (String::new(), String::new());
        let read = child.stdout.take().map(|out| {
            let mut out = BufReader::new(out);
            Ok::<_, std::io::Error>((out.read_line(&mut line)?, out.read_line(&mut second)?))
        });
        let mut demo = DemoExchanges {
            child,
            _stdin: stdin,
            urls: BTreeMap::new(),
            tls_authority_pem: String::new(),
        };
        // On error `demo` drops here, which stops the child.
        match read {
            Some(Ok((n, m))) if n > 0 && m > 0 => {}
            _ => return Err(CoreError::Demo("the mock exchanges exited at start".into())),
        }
        demo.urls = serde_json::from_str(&line)
            .map_err(|e| CoreError::Demo(format!("unreadable URL map: {e}")))?;
        demo.tls_authority_pem = serde_json::from_str::<TlsAuthority>(&second)
            .map_err(|e| CoreError::Demo(format!("unreadable TLS authority: {e}")))?
            .tls_authority_pem;
        Ok(demo)
    }

    /// The process id of the mock exchanges (tests look at it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for DemoExchanges {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The accounts `program` serves.
pub fn accounts(program: &Path) -> CoreResult<Vec<DemoAccount>> {
    let out = Command::new(program)
        .arg("--print-accounts")
        .stderr(Stdio::null())
        .output()
        .map_err(|e| CoreError::Demo(format!("cannot run {}: {e}", program.display())))?;
    if !out.status.success() {
        return Err(CoreError::Demo(
            "the mock exchanges could not list their accounts".into(),
        ));
    }
    // The bytes are fake demo keys; the parsed copies are zeroizing strings.
    serde_json::from_slice(&out.stdout)
        .map_err(|e| CoreError::Demo(format!("unreadable account list: {e}")))
}

/// Where the mock exchanges' program is: beside this executable (where an app bundle puts a
/// sidecar and where cargo builds it), or one folder up (a test binary in `target/*/deps`).
pub fn find_mock_program() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let name = format!("{MOCK_PROGRAM}{}", std::env::consts::EXE_SUFFIX);
    let dir = exe.parent()?;
    [dir.join(&name), dir.parent()?.join(&name)]
        .into_iter()
        .find(|p| p.is_file())
}

/// Replaces any previous demo vault at `path` with a fresh one holding every account, each key
/// pointed at its mock through `urls`.
pub fn build_vault(
    path: &Path,
    accounts: &[DemoAccount],
    urls: &BTreeMap<String, String>,
) -> CoreResult<Vault> {
    build_vault_in(path, accounts, urls, "en")
}

/// [`build_vault`] with the keys' notes in `lang`.
pub fn build_vault_in(
    path: &Path,
    accounts: &[DemoAccount],
    urls: &BTreeMap<String, String>,
    lang: &str,
) -> CoreResult<Vault> {
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
    let mut per_exchange: HashMap<&str, usize> = HashMap::new();
    let items = accounts
        .iter()
        .map(|account| {
            let n = per_exchange.entry(&account.exchange).or_default();
            *n += 1;
            let label = account.label.clone().unwrap_or_else(|| {
                let name = crate::views::exchange_name(&account.exchange, None);
                format!("{name} demo {n}")
            });
            let mut meta = KeyMeta::new(account.exchange.clone(), label);
            meta.platforms = account.platforms.clone();
            meta.base_url = urls.get(&account.exchange).cloned();
            meta.notes = coffre_catalog::catalog().demo_note(account.fault.as_deref(), lang);
            meta.tags = vec!["demo".to_owned()];
            (meta, credentials(account))
        })
        .collect();
    vault.add_many(items)?;
    Ok(vault)
}

/// The account's credentials, typed by the catalog's paste rules when they recognise them.
fn credentials(account: &DemoAccount) -> Credentials {
    coffre_catalog::paste::validate(
        &account.exchange,
        account.api_key.expose(),
        account.secret.expose(),
        account.passphrase.as_ref().map(SecretString::expose),
    )
    .unwrap_or_else(|_| Credentials {
        api_key: account.api_key.clone(),
        secret: account.secret.clone(),
        passphrase: account.passphrase.clone(),
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

/// Starts the mock exchanges, builds a fresh demo vault at `vault_path` (password
/// [`DEMO_PASSWORD`]) pointing at them and opens it in `session`. Locking ends the demo.
/// Blocking (process start, vault creation): call it off async workers.
pub fn open(session: &Session, vault_path: &Path, program: &Path) -> CoreResult<()> {
    open_in(session, vault_path, program, "en")
}

/// [`open`] with the demo keys' notes in `lang`.
pub fn open_in(session: &Session, vault_path: &Path, program: &Path, lang: &str) -> CoreResult<()> {
    let accounts = accounts(program)?;
    let exchanges = DemoExchanges::start(program)?;
    session
        .checker
        .trust_loopback_tls_authority(&exchanges.tls_authority_pem)
        .map_err(|e| CoreError::Demo(e.to_string()))?;
    let vault = build_vault_in(vault_path, &accounts, &exchanges.urls, lang)?;
    session.open_demo(exchanges, vault);
    Ok(())
}
