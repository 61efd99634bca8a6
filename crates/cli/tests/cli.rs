//! End-to-end tests of the `coffre` binary: one test binary, one module per area (ripgrep's
//! layout), each test on its own vault in a temporary directory with a deliberately weak KDF.

#[path = "cli/support.rs"]
mod support;

#[path = "cli/keys.rs"]
mod keys;

#[path = "cli/vault_file.rs"]
mod vault_file;

#[path = "cli/transfer.rs"]
mod transfer;

#[path = "cli/check.rs"]
mod check;

#[path = "cli/coinbase_tls.rs"]
mod coinbase_tls;

#[path = "cli/copy.rs"]
mod copy;

#[path = "cli/explain.rs"]
mod explain;

#[path = "cli/platforms.rs"]
mod platforms;

#[path = "cli/run.rs"]
mod run;
