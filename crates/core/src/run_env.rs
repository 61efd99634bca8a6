//! What `coffre run` hands a bot: the environment variables each consumer reads (Freqtrade, ccxt's
//! command line, plain `.env` names), which keys one child may get, and the checks made before it starts.
//!
//! Variable names, per consumer (values are the stored credentials as they are, a PEM keeps its
//! real line breaks):
//! - Freqtrade: `FREQTRADE__EXCHANGE__NAME`, `…__KEY`, `…__SECRET`, `…__PASSWORD` (the passphrase).
//!   Freqtrade maps `FREQTRADE__SECTION__KEY` onto its config and lets it override the config files
//!   (freqtrade `configuration/environment_vars.py`); it trades on one exchange, so it takes one key.
//! - ccxt: `<EXCHANGE>_APIKEY`, `<EXCHANGE>_SECRET`, `<EXCHANGE>_PASSWORD`, the names ccxt's own
//!   command line reads: `(exchangeId + '_' + credential).toUpperCase()` over the exchange's
//!   `requiredCredentials` (ccxt `cli/ts/helpers.ts`, `examples/py/cli.py`).
//! - env: `<EXCHANGE>_API_KEY`, `<EXCHANGE>_API_SECRET`, `<EXCHANGE>_API_PASSPHRASE`, as
//!   `coffre export --format env` writes them.

pub mod freqtrade_config;
pub mod output_mask;

pub use freqtrade_config::{
    credentials_in_freqtrade_config, freqtrade_config_files, freqtrade_config_warnings,
};

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use coffre_catalog::verdict::{self, Severity, Status};
use coffre_model::Credentials;
use coffre_secret::SecretString;
use coffre_transfer::export::env_var_prefix;
use coffre_vault::KeyMeta;

use crate::error::{CoreError, CoreResult};
use crate::session::Session;
use crate::verdicts::platform_name;

/// Who reads the variables a child is started with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consumer {
    Freqtrade,
    Ccxt,
    Env,
}

impl Consumer {
    /// The consumer's id, as `--for` spells it.
    pub fn id(self) -> &'static str {
        match self {
            Consumer::Freqtrade => "freqtrade",
            Consumer::Ccxt => "ccxt",
            Consumer::Env => "env",
        }
    }

    /// The catalog platform whose profile says whether this consumer will accept a key.
    pub fn platform(self) -> Option<&'static str> {
        match self {
            Consumer::Freqtrade => Some("freqtrade"),
            Consumer::Ccxt => Some("ccxt-script"),
            Consumer::Env => None,
        }
    }

    /// The consumer a key assigned to `platform` is run for, when the platform implies one.
    pub fn for_platform(platform: &str) -> Option<Consumer> {
        [Consumer::Freqtrade, Consumer::Ccxt]
            .into_iter()
            .find(|c| c.platform() == Some(platform))
    }

    /// Whether one child can take several keys (one per exchange): every consumer but Freqtrade,
    /// whose `exchange` section holds a single exchange.
    pub fn takes_several_keys(self) -> bool {
        self != Consumer::Freqtrade
    }

    fn display_name(self) -> String {
        match self.platform() {
            Some(platform) => platform_name(platform, "en"),
            None => "env".to_owned(),
        }
    }
}

/// One variable of the child's environment.
pub struct ChildVar {
    pub name: String,
    pub value: SecretString,
    /// A credential, to be masked in the child's output (the exchange's name is not).
    pub concealed: bool,
}

// Written by hand so a value can never reach a log through `{:?}`.
impl std::fmt::Debug for ChildVar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChildVar")
            .field("name", &self.name)
            .field("concealed", &self.concealed)
            .finish_non_exhaustive()
    }
}

/// The variables `consumer` reads for one key of `exchange`; the passphrase only when the key has one.
pub fn child_env(consumer: Consumer, exchange: &str, creds: &Credentials) -> Vec<ChildVar> {
    let names = match consumer {
        Consumer::Freqtrade => [
            "FREQTRADE__EXCHANGE__KEY".to_owned(),
            "FREQTRADE__EXCHANGE__SECRET".to_owned(),
            "FREQTRADE__EXCHANGE__PASSWORD".to_owned(),
        ],
        // ccxt upper-cases its exchange ids, which are letters and digits: the same prefix.
        Consumer::Ccxt => {
            let prefix = env_var_prefix(exchange);
            [
                format!("{prefix}_APIKEY"),
                format!("{prefix}_SECRET"),
                format!("{prefix}_PASSWORD"),
            ]
        }
        Consumer::Env => {
            let prefix = env_var_prefix(exchange);
            [
                format!("{prefix}_API_KEY"),
                format!("{prefix}_API_SECRET"),
                format!("{prefix}_API_PASSPHRASE"),
            ]
        }
    };
    let [key_name, secret_name, passphrase_name] = names;
    let mut vars = Vec::with_capacity(4);
    if consumer == Consumer::Freqtrade {
        vars.push(ChildVar {
            name: "FREQTRADE__EXCHANGE__NAME".to_owned(),
            value: SecretString::from(exchange),
            concealed: false,
        });
    }
    let secret = |name: String, value: &SecretString| ChildVar {
        name,
        value: value.clone(),
        concealed: true,
    };
    vars.push(secret(key_name, &creds.api_key));
    vars.push(secret(secret_name, &creds.secret));
    if let Some(passphrase) = &creds.passphrase {
        vars.push(secret(passphrase_name, passphrase));
    }
    vars
}

/// Everything a child is started with, and what to tell the user first.
#[derive(Debug)]
pub struct Handoff {
    pub consumer: Consumer,
    pub vars: Vec<ChildVar>,
    /// Sentences for stderr (risky keys, unchecked keys, values Freqtrade would misread); never a value.
    pub warnings: Vec<String>,
}

impl Handoff {
    /// The values to mask in the child's output: every credential, not the exchange's name.
    pub fn concealed(&self) -> impl Iterator<Item = &str> {
        self.vars
            .iter()
            .filter(|v| v.concealed)
            .map(|v| v.value.expose())
    }
}

/// The consumer and environment for running a child with the keys `labels` (labels or ids).
/// `consumer` `None` picks it from the keys' platforms ([`default_consumer`]). A key the
/// consumer's platform profile rejects (on its last check) is refused unless `force`.
pub fn prepare(
    session: &Session,
    labels: &[String],
    consumer: Option<Consumer>,
    force: bool,
    now: DateTime<Utc>,
) -> CoreResult<Handoff> {
    if labels.is_empty() {
        return Err(CoreError::InvalidInput(
            "name the key to run with (LABEL or --key LABEL)".to_owned(),
        ));
    }
    session.with_vault(|vault| {
        let mut records = Vec::with_capacity(labels.len());
        for label in labels {
            let record = vault.find(label)?;
            if records
                .iter()
                .any(|r: &coffre_vault::KeyRecord| r.id == record.id)
            {
                return Err(refused(format!("“{}” is given twice", record.meta.label)));
            }
            records.push(record);
        }
        let metas: Vec<&KeyMeta> = records.iter().map(|r| &r.meta).collect();
        let consumer = match consumer {
            Some(consumer) => consumer,
            None => default_consumer(&metas).map_err(refused)?,
        };
        let mut warnings = check_keys(consumer, &metas, force, now).map_err(refused)?;
        let mut vars = Vec::new();
        for record in &records {
            let creds = vault.credentials(&record.id)?;
            if consumer == Consumer::Freqtrade {
                warnings.extend(freqtrade_misreads(&creds));
            }
            vars.extend(child_env(consumer, &record.meta.exchange, &creds));
        }
        // Exchange ids that differ only by punctuation (`crypto.com`, `crypto_com`) share a prefix.
        let mut names = BTreeSet::new();
        if let Some(clash) = vars.iter().find(|v| !names.insert(v.name.as_str())) {
            return Err(refused(format!(
                "two keys would both set {}: run one bot per key",
                clash.name
            )));
        }
        Ok(Handoff {
            consumer,
            vars,
            warnings,
        })
    })
}

fn refused(message: String) -> CoreError {
    CoreError::InvalidInput(message)
}

/// The consumer the keys' platforms imply: `freqtrade` for a key assigned to Freqtrade, `ccxt` for
/// one assigned to `ccxt-script`, `env` when none does. Keys implying different ones are refused.
pub fn default_consumer(metas: &[&KeyMeta]) -> Result<Consumer, String> {
    let mut implied: Vec<Consumer> = Vec::new();
    for meta in metas {
        for consumer in meta
            .platforms
            .iter()
            .filter_map(|p| Consumer::for_platform(p))
        {
            if !implied.contains(&consumer) {
                implied.push(consumer);
            }
        }
    }
    match implied.as_slice() {
        [] => Ok(Consumer::Env),
        [one] => Ok(*one),
        several => Err(format!(
            "the keys are assigned to {}: say which bot reads them with --for {}",
            several
                .iter()
                .map(|c| c.display_name())
                .collect::<Vec<_>>()
                .join(" and "),
            several.iter().map(|c| c.id()).collect::<Vec<_>>().join("|"),
        )),
    }
}

/// Whether `consumer` can take these keys, and what to warn about: several keys only for
/// consumers that take them, one key per exchange, no key its platform rejects (unless `force`).
pub fn check_keys(
    consumer: Consumer,
    metas: &[&KeyMeta],
    force: bool,
    now: DateTime<Utc>,
) -> Result<Vec<String>, String> {
    if metas.len() > 1 && !consumer.takes_several_keys() {
        return Err(format!(
            "{} trades on one exchange per bot and takes one key; run one bot per key",
            consumer.display_name()
        ));
    }
    for (i, a) in metas.iter().enumerate() {
        if let Some(b) = metas[..i].iter().find(|b| b.exchange == a.exchange) {
            return Err(format!(
                "“{}” and “{}” are both {} keys: a bot gets one key per exchange, under that \
                 exchange's variable names",
                b.label, a.label, a.exchange
            ));
        }
    }
    let Some(platform) = consumer.platform() else {
        return Ok(Vec::new());
    };
    let name = consumer.display_name();
    let mut warnings = Vec::new();
    for meta in metas {
        let check = meta.last_check.as_ref();
        let verdict = verdict::judge(
            &meta.exchange,
            check.map(|r| &r.permissions),
            check.map(|r| r.checked_at),
            meta.expires_at,
            platform,
            now,
        );
        let sentences = |severity: Severity| {
            verdict
                .reasons
                .iter()
                .filter(|r| r.severity() == severity)
                .map(|r| r.message("en"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        match verdict.status {
            Status::Rejected if !force => {
                return Err(format!(
                    "{name} will reject “{}”: {} Fix the key and run `coffre check`, or pass \
                     --force to run anyway.",
                    meta.label,
                    sentences(Severity::Blocker)
                ));
            }
            Status::Rejected => warnings.push(format!(
                "{name} will reject “{}” (running anyway, --force): {}",
                meta.label,
                sentences(Severity::Blocker)
            )),
            Status::Risky => warnings.push(format!(
                "“{}” is risky for {name}: {}",
                meta.label,
                sentences(Severity::Warning)
            )),
            Status::Unknown => warnings.push(format!(
                "“{}” was never checked: `coffre check` tells whether {name} will accept it",
                meta.label
            )),
            Status::Ready => {}
        }
    }
    Ok(warnings)
}

/// Freqtrade turns a variable's value into a number, a boolean or a list when it reads as one
/// (`_get_var_typed`; only `PASSWORD` is kept as text): such a key or secret reaches ccxt altered.
fn freqtrade_misreads(creds: &Credentials) -> Vec<String> {
    [
        ("FREQTRADE__EXCHANGE__KEY", &creds.api_key),
        ("FREQTRADE__EXCHANGE__SECRET", &creds.secret),
    ]
    .into_iter()
    .filter(|(_, value)| freqtrade_retypes(value.expose()))
    .map(|(name, _)| {
        format!(
            "Freqtrade reads {name} as a number, boolean or list, not as text; if the bot cannot \
             sign, put the key in a private config file instead (coffre export --format freqtrade)"
        )
    })
    .collect()
}

/// Whether Freqtrade's `_get_var_typed` would read `value` as something other than a string:
/// Python's `int()`/`float()` (surrounding blanks and `_` between digits allowed), `t`/`true`/`f`/
/// `false` in any case, or a JSON list.
pub fn freqtrade_retypes(value: &str) -> bool {
    let text = value.trim();
    if text.is_empty() {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    if matches!(lower.as_str(), "t" | "true" | "f" | "false") {
        return true;
    }
    if text.starts_with('[') && serde_json::from_str::<Vec<serde_json::Value>>(text).is_ok() {
        return true;
    }
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "inf" | "infinity" | "nan") {
        return true;
    }
    // Python allows `_` only between two digits.
    let bytes = text.as_bytes();
    let underscores_ok = bytes.iter().enumerate().all(|(i, b)| {
        *b != b'_'
            || (i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    let digits = text.replace('_', "");
    underscores_ok && (digits.parse::<i128>().is_ok() || digits.parse::<f64>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use coffre_model::{CheckReport, KeyType, Known, Permissions};

    fn creds(passphrase: Option<&str>) -> Credentials {
        Credentials {
            api_key: "the-key".into(),
            secret: "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n".into(),
            passphrase: passphrase.map(SecretString::from),
            key_type: KeyType::Ecdsa,
        }
    }

    fn names(vars: &[ChildVar]) -> Vec<&str> {
        vars.iter().map(|v| v.name.as_str()).collect()
    }

    #[test]
    fn freqtrade_gets_its_exchange_section_with_real_line_breaks() {
        let vars = child_env(Consumer::Freqtrade, "okx", &creds(Some("pass")));
        assert_eq!(
            names(&vars),
            [
                "FREQTRADE__EXCHANGE__NAME",
                "FREQTRADE__EXCHANGE__KEY",
                "FREQTRADE__EXCHANGE__SECRET",
                "FREQTRADE__EXCHANGE__PASSWORD"
            ]
        );
        assert_eq!(vars[0].value.expose(), "okx");
        assert!(!vars[0].concealed, "the exchange's name is no secret");
        assert!(vars[2].value.expose().contains("KEY-----\nAAAA\n"));
        assert!(vars[1..].iter().all(|v| v.concealed));
    }

    #[test]
    fn ccxt_gets_the_names_its_command_line_reads() {
        let vars = child_env(Consumer::Ccxt, "okx", &creds(Some("pass")));
        assert_eq!(names(&vars), ["OKX_APIKEY", "OKX_SECRET", "OKX_PASSWORD"]);
        let vars = child_env(Consumer::Ccxt, "binance", &creds(None));
        assert_eq!(names(&vars), ["BINANCE_APIKEY", "BINANCE_SECRET"]);
    }

    #[test]
    fn env_gets_the_names_of_the_env_export() {
        let vars = child_env(Consumer::Env, "crypto.com", &creds(Some("p")));
        assert_eq!(
            names(&vars),
            [
                "CRYPTO_COM_API_KEY",
                "CRYPTO_COM_API_SECRET",
                "CRYPTO_COM_API_PASSPHRASE"
            ]
        );
    }

    fn meta(exchange: &str, label: &str, platforms: &[&str]) -> KeyMeta {
        let mut meta = KeyMeta::new(exchange.to_owned(), label.to_owned());
        meta.platforms = platforms.iter().map(|p| (*p).to_owned()).collect();
        meta
    }

    #[test]
    fn the_default_consumer_follows_the_keys_platforms() {
        let ft = meta("binance", "a", &["bitsgap", "freqtrade"]);
        let script = meta("okx", "b", &["ccxt-script"]);
        let plain = meta("kraken", "c", &["3commas"]);
        assert_eq!(default_consumer(&[&ft]), Ok(Consumer::Freqtrade));
        assert_eq!(default_consumer(&[&script, &plain]), Ok(Consumer::Ccxt));
        assert_eq!(default_consumer(&[&plain]), Ok(Consumer::Env));
        let both = default_consumer(&[&ft, &script]).unwrap_err();
        assert!(both.contains("--for"), "{both}");
    }

    #[test]
    fn two_keys_of_one_exchange_are_refused() {
        let a = meta("binance", "grid", &[]);
        let b = meta("binance", "dca", &[]);
        let err = check_keys(Consumer::Env, &[&a, &b], true, Utc::now()).unwrap_err();
        assert!(
            err.contains("“grid” and “dca”") && err.contains("binance"),
            "{err}"
        );
        let c = meta("okx", "okx", &[]);
        assert!(check_keys(Consumer::Ccxt, &[&a, &c], false, Utc::now()).is_ok());
    }

    #[test]
    fn freqtrade_takes_one_key() {
        let a = meta("binance", "a", &[]);
        let b = meta("okx", "b", &[]);
        let err = check_keys(Consumer::Freqtrade, &[&a, &b], true, Utc::now()).unwrap_err();
        assert!(err.contains("one key"), "{err}");
    }

    fn checked(mut meta: KeyMeta, spot_trade: Known) -> KeyMeta {
        let now = Utc::now();
        let permissions = Permissions {
            read: Known::Yes,
            spot_trade,
            ip_restricted: Known::Yes,
            ..Permissions::default()
        };
        meta.last_check = Some(CheckReport {
            exchange: meta.exchange.clone(),
            checked_at: now,
            ok: true,
            balances: Vec::new(),
            permissions,
            diagnosis: None,
            clock_offset_ms: None,
            region: None,
            valuation: None,
        });
        meta
    }

    #[test]
    fn a_key_the_bot_rejects_is_refused_unless_forced() {
        let key = checked(meta("binance", "grid", &[]), Known::No);
        let err = check_keys(Consumer::Freqtrade, &[&key], false, Utc::now()).unwrap_err();
        assert!(err.starts_with("Freqtrade will reject “grid”"), "{err}");
        assert!(err.contains("--force"), "{err}");
        let warnings = check_keys(Consumer::Freqtrade, &[&key], true, Utc::now()).unwrap();
        assert!(warnings[0].contains("running anyway"), "{warnings:?}");
        let fine = checked(meta("binance", "grid", &[]), Known::Yes);
        assert!(check_keys(Consumer::Freqtrade, &[&fine], false, Utc::now()).is_ok());
        // `env` is nobody's platform: nothing to judge against.
        assert!(check_keys(Consumer::Env, &[&key], false, Utc::now()).is_ok());
    }

    #[test]
    fn values_freqtrade_would_not_read_as_text_are_recognised() {
        for typed in [
            "12345", " 42 ", "1_000", "1.5e3", "-7", "True", "f", "[1, 2]", "nan", "-inf",
        ] {
            assert!(freqtrade_retypes(typed), "{typed}");
        }
        for text in [
            "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0M",
            "37c541a1-1a2b",
            "1e",
            "_1",
            "[x",
            "",
        ] {
            assert!(!freqtrade_retypes(text), "{text}");
        }
    }
}
