//! `coffre-mock-exchange`: serves the ten mock exchanges on loopback until killed. Its first stdout
//! line is the JSON map of exchange id → base URL, so a parent process can read one line and go;
//! the second is `{"tls_authority_pem": "…"}`, the certificate a client trusts (for loopback only)
//! to reach the `https://` mocks.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use coffre_mock_exchange::{demo_accounts, start, MockAccount, MockOptions};

#[derive(Parser)]
#[command(version, about = "Loopback mock crypto exchanges for Coffre")]
struct Args {
    /// JSON file with the accounts to serve (same format as --print-accounts); default: the demo set.
    #[arg(long)]
    accounts: Option<PathBuf>,
    /// Delay every response by this many milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Print the accounts in use as JSON and exit.
    #[arg(long)]
    print_accounts: bool,
    /// Stop when standard input closes: a parent (the app's demo) that dies, even killed, takes
    /// its mock exchanges with it.
    #[arg(long)]
    until_stdin_closes: bool,
}

fn load(path: Option<&PathBuf>) -> Result<Vec<MockAccount>, String> {
    let Some(path) = path else {
        return Ok(demo_accounts());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a valid account list: {e}", path.display()))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let accounts = match load(args.accounts.as_ref()) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("coffre-mock-exchange: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    if args.print_accounts {
        let text = serde_json::to_string_pretty(&accounts).expect("accounts serialize");
        println!("{text}");
        return std::process::ExitCode::SUCCESS;
    }
    let opts = MockOptions {
        latency: Duration::from_millis(args.latency_ms),
    };
    let handle = match start(accounts, opts).await {
        Ok(h) => h,
        Err(e) => {
            eprintln!("coffre-mock-exchange: cannot start: {e}");
            return std::process::ExitCode::from(1);
        }
    };
    let urls = serde_json::to_string(handle.urls()).expect("urls serialize");
    let authority = serde_json::json!({"tls_authority_pem": handle.tls_authority_pem()});
    let mut out = std::io::stdout().lock();
    // The parent reads exactly these lines, so they must leave the process now, not at exit.
    if writeln!(out, "{urls}\n{authority}")
        .and_then(|()| out.flush())
        .is_err()
    {
        return std::process::ExitCode::from(1);
    }
    drop(out);
    if args.until_stdin_closes {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = stdin_closed() => {}
        }
    } else {
        let _ = tokio::signal::ctrl_c().await;
    }
    handle.shutdown().await;
    std::process::ExitCode::SUCCESS
}

/// Resolves once standard input reaches its end (the parent closed its end of the pipe or died).
async fn stdin_closed() {
    use tokio::io::AsyncReadExt;
    let mut stdin = tokio::io::stdin();
    let mut buf = [0u8; 256];
    while matches!(stdin.read(&mut buf).await, Ok(n) if n > 0) {}
}
