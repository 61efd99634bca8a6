//! `coffre`: the command line of the Coffre vault. Parses the command, hardens the process, runs
//! the command and turns its outcome into the documented exit code.
#![forbid(unsafe_code)]

mod args;
mod commands;
mod error;
mod exit_code;
mod paths;
mod secret_input;
mod views;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Before any secret is read: no core dumps, no ptrace by other processes of the user.
    let hardening = coffre_vault::harden_process();
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit_code::BAD_INPUT
            } else {
                exit_code::OK
            });
        }
    };
    init_tracing(cli.verbose);
    tracing::debug!(?hardening, "process hardened");
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("coffre: {err}");
            ExitCode::from(exit_code::for_error(&err))
        }
    }
}

fn init_tracing(verbose: u8) {
    let level = match verbose {
        0 => return,
        1 => "info",
        _ => "debug",
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::new(level))
        .init();
}
