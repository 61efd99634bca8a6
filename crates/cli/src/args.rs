//! The command line as clap parses it: every command, flag and environment variable of the
//! contract in docs/cli.md.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "Exit codes: 0 ok, 1 bad input or not found, 2 wrong password, \
3 vault modified or corrupt, 4 a key failed `check`, 5 other error (i/o, vault busy, clipboard), \
6 `audit` found a key that will be rejected or is risky. `run` exits with its command's code.";

/// Coffre: a local, encrypted vault for crypto-exchange API keys.
#[derive(Debug, Parser)]
#[command(name = "coffre", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// The vault file [default: the platform data dir, e.g. $XDG_DATA_HOME/coffre/vault.db]
    #[arg(long, global = true, env = "COFFRE_VAULT", value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Read the master password from the first line of stdin; further secrets (API key, secret,
    /// passphrase, new password) from the next lines. Without it, COFFRE_PASSWORD (for scripts)
    /// or a no-echo prompt gives the password.
    #[arg(long, global = true)]
    pub password_stdin: bool,

    /// Log diagnostics to stderr (-v info, -vv debug). Never logs a secret.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault. Argon2id is calibrated to about 1 s per unlock unless overridden.
    Init(InitArgs),
    /// Add a key; its API key, secret and (where needed) passphrase are asked without echo.
    Add(AddArgs),
    /// List keys (never a secret).
    List {
        #[arg(long)]
        json: bool,
    },
    /// What the keys held at their last check, added up per exchange in its quote currency
    /// (USDT; USD on Coinbase and Kraken). Reads the vault only: `check` refreshes it.
    Holdings {
        #[arg(long)]
        json: bool,
    },
    /// Show one key's details; the API key masked, never the secret.
    Show {
        label: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a key.
    Rm { label: String },
    /// Rename a key.
    Rename { label: String, new_label: String },
    /// Change the master password.
    Passwd,
    /// Write a consistent encrypted copy of the vault (no password needed).
    Backup { file: PathBuf },
    /// Replace the vault with a backup, after checking the backup's password and integrity. Says
    /// what it replaces, asks first, and keeps the replaced file beside it.
    Restore {
        file: PathBuf,
        /// Do not ask for confirmation (scripts).
        #[arg(long)]
        yes: bool,
        /// Accept a backup of another vault (another vault id) than the one it replaces.
        #[arg(long)]
        other_vault: bool,
    },
    /// Import keys from a file; all or nothing.
    Import {
        #[arg(long, value_enum)]
        format: ImportFormat,
        file: PathBuf,
    },
    /// Print (or write, mode 0600) one key's credentials for a bot or library.
    Export {
        label: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file (mode 0600) instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Put one credential on the clipboard (kept out of clipboard history) and clear it later.
    Copy {
        label: String,
        #[arg(long, value_enum, default_value_t = CopyField::Key)]
        field: CopyField,
        /// Seconds before the clipboard is cleared (if it still holds the value).
        #[arg(long, default_value_t = 20, value_name = "SECONDS")]
        clear_after: u64,
    },
    /// Check keys live against their exchange: balances, permissions, and a diagnosis on failure.
    /// Exit 0 when every key is ok, 4 when any failed.
    Check(CheckArgs),
    /// Verdict of every key on every platform it is assigned to (from its last check), then the
    /// safety overview. Exit 6 when any key will be rejected or is risky.
    Audit {
        #[arg(long)]
        json: bool,
        /// Language of the sentences.
        #[arg(long, default_value = "en", value_parser = ["en", "fr", "vi"])]
        lang: String,
    },
    /// Explain an error a bot printed (ccxt, Freqtrade, Hummingbot, raw exchange JSON): the
    /// exchange's code, its likely causes and which check tells them apart. Needs no vault; the
    /// text is never sent anywhere.
    Explain(ExplainArgs),
    /// Generate a self-generated key pair (Binance Ed25519): prints the public key to upload,
    /// then reads the API key Binance issues and stores the key.
    Keygen(KeygenArgs),
    /// Run a command (a bot, a script) with a key's credentials in its environment, under the
    /// names its consumer reads; never in its arguments or on disk. Masks them in its output.
    /// Exits with the command's exit code.
    Run(RunArgs),
    /// Type a key's fields into a platform's form (API key, then secret, …), never through the
    /// clipboard: click into the form's first field during the countdown. Types only into a window
    /// whose title names the platform. X11 only; exit 7 when nothing was typed because of the window.
    Type {
        label: String,
        /// Platform id (bitsgap, 3commas, …).
        #[arg(long, value_name = "ID")]
        platform: String,
        /// Seconds to click into the platform's first field before typing starts.
        #[arg(long, default_value_t = 5, value_name = "SECONDS")]
        delay: u64,
    },
    /// Show (no IP given) or replace the IP list a platform publishes, kept with the key for the
    /// exchange's whitelist.
    PlatformIps {
        label: String,
        /// Platform id (bitsgap, 3commas, …).
        platform: String,
        /// IPv4/IPv6 addresses or CIDR ranges.
        ips: Vec<String>,
    },
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example: coffre run \"Binance – grid bot\" -- freqtrade trade -c config.json"
)]
pub struct RunArgs {
    /// The key to run with (or give them with --key).
    #[arg(value_name = "LABEL")]
    pub label: Option<String>,
    /// A key to run with (repeatable: one key per exchange, for a bot trading on several).
    #[arg(long = "key", value_name = "LABEL")]
    pub keys: Vec<String>,
    /// Who reads the variables [default: from the keys' platforms: freqtrade, ccxt-script, else env].
    #[arg(long = "for", value_enum, value_name = "CONSUMER")]
    pub consumer: Option<ConsumerArg>,
    /// Run even with a key the bot's platform profile says will be rejected.
    #[arg(long)]
    pub force: bool,
    /// Leave the command's output untouched (its stdio is the terminal itself): for interactive programs.
    #[arg(long)]
    pub no_masking: bool,
    /// The command and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<OsString>,
}

impl RunArgs {
    /// The keys in the order given: the positional label first, then each --key.
    pub fn labels(&self) -> Vec<String> {
        self.label.iter().chain(&self.keys).cloned().collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConsumerArg {
    /// FREQTRADE__EXCHANGE__NAME / __KEY / __SECRET / __PASSWORD.
    Freqtrade,
    /// <EXCHANGE>_APIKEY / _SECRET / _PASSWORD, as ccxt's command line reads them.
    Ccxt,
    /// <EXCHANGE>_API_KEY / _API_SECRET / _API_PASSPHRASE, as `export --format env` writes them.
    Env,
}

impl From<ConsumerArg> for coffre_core::run_env::Consumer {
    fn from(value: ConsumerArg) -> Self {
        use coffre_core::run_env::Consumer;
        match value {
            ConsumerArg::Freqtrade => Consumer::Freqtrade,
            ConsumerArg::Ccxt => Consumer::Ccxt,
            ConsumerArg::Env => Consumer::Env,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct KeygenArgs {
    #[arg(value_enum)]
    pub algorithm: KeygenAlgorithm,
    #[arg(long, value_name = "L")]
    pub label: String,
    /// A platform the key is used with (repeatable).
    #[arg(long = "platform", value_name = "P")]
    pub platforms: Vec<String>,
    /// Account or sub-account the key belongs to.
    #[arg(long, value_name = "A")]
    pub account: Option<String>,
    /// Exchange URL override for this key (testnet, mock).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeygenAlgorithm {
    /// Ed25519, for Binance self-generated API keys.
    Ed25519,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Argon2id memory in MiB.
    #[arg(long, value_name = "N")]
    pub kdf_mib: Option<u32>,
    /// Argon2id passes.
    #[arg(long, value_name = "N")]
    pub kdf_passes: Option<u32>,
    /// Argon2id lanes.
    #[arg(long, value_name = "N")]
    pub kdf_lanes: Option<u32>,
    /// Accept parameters below the OWASP floor (19 MiB, 2 passes): for tests only.
    #[arg(long)]
    pub weak_kdf: bool,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Exchange id as ccxt spells it (binance, okx, kraken, …), or `other`.
    #[arg(long, value_name = "ID")]
    pub exchange: String,
    /// The exchange's name, for `--exchange other`.
    #[arg(long, value_name = "NAME")]
    pub exchange_name: Option<String>,
    #[arg(long, value_name = "L")]
    pub label: String,
    /// Account or sub-account the key belongs to.
    #[arg(long, value_name = "A")]
    pub account: Option<String>,
    /// A platform the key is used with (repeatable).
    #[arg(long = "platform", value_name = "P")]
    pub platforms: Vec<String>,
    #[arg(long, value_name = "T")]
    pub note: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// How the key signs; detected from the secret when omitted.
    #[arg(long, value_enum)]
    pub key_type: Option<KeyTypeArg>,
    /// Exchange URL override for this key (testnet, mock).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The error text, or `-` to read it from stdin.
    #[arg(value_name = "TEXT|-")]
    pub text: String,
    /// Language of the sentences [default: from LANG, else en].
    #[arg(long, value_parser = ["en", "fr", "vi"])]
    pub lang: Option<String>,
    /// Also unlock the vault and list its keys of that exchange to check.
    #[arg(long)]
    pub keys: bool,
    /// One JSON document.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The key to check.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub label: Option<String>,
    /// Check every key.
    #[arg(long)]
    pub all: bool,
    /// One JSON object per key per line.
    #[arg(long)]
    pub json: bool,
    /// Exchange URL override (repeatable); wins over a key's own base URL.
    #[arg(long = "base-url", value_name = "EXCHANGE=URL", value_parser = parse_base_url)]
    pub base_urls: Vec<(String, String)>,
    /// When a key is found on another region's host (OKX EEA, WhiteBIT EU…), save that host
    /// for the key.
    #[arg(long)]
    pub save_host: bool,
}

fn parse_base_url(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((exchange, url)) if !exchange.is_empty() && !url.is_empty() => {
            Ok((exchange.to_ascii_lowercase(), url.to_owned()))
        }
        _ => Err("expected EXCHANGE=URL, e.g. binance=http://127.0.0.1:9000".to_owned()),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    Csv,
    Ccxt,
    /// An encrypted share file from another Coffre; asks its one-time passphrase.
    Share,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Dotenv lines <EXCHANGE>_API_KEY / _API_SECRET / _API_PASSPHRASE.
    Env,
    /// ccxt constructor config {apiKey, secret, password}.
    Ccxt,
    /// Freqtrade config block {"exchange": {name, key, secret, password}}.
    Freqtrade,
    /// Freqtrade environment variables FREQTRADE__EXCHANGE__*.
    FreqtradeEnv,
    /// Encrypted single-key share file for another Coffre; prints its one-time passphrase to stderr.
    Share,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CopyField {
    Key,
    Secret,
    Passphrase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyTypeArg {
    Hmac,
    Ed25519,
    Rsa,
    Ecdsa,
}

impl From<KeyTypeArg> for coffre_model::KeyType {
    fn from(value: KeyTypeArg) -> Self {
        use coffre_model::KeyType;
        match value {
            KeyTypeArg::Hmac => KeyType::Hmac,
            KeyTypeArg::Ed25519 => KeyType::Ed25519,
            KeyTypeArg::Rsa => KeyType::Rsa,
            KeyTypeArg::Ecdsa => KeyType::Ecdsa,
        }
    }
}
