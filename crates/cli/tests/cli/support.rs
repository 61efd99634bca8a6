//! A throwaway vault and a way to run `coffre` against it with secrets on stdin.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const PASSWORD: &str = "correct horse battery staple";
pub const BINANCE_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
pub const BINANCE_SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
pub const OKX_KEY: &str = "37c541a1-1a2b-4c3d-8e9f-10fe7a038418";
pub const OKX_SECRET: &str = "22582BD0CFF14C41EDBF1AB98506286D";
pub const OKX_PASSPHRASE: &str = "my okx $passphrase";
pub const COINBASE_KEY: &str = "organizations/0f1e2d3c-aaaa-bbbb/apiKeys/9a8b7c6d-cccc-dddd";
/// A throwaway P-256 key in SEC1 form, as Coinbase hands them out.
pub const COINBASE_PEM: &str = "-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIBVbjaL1D6hdHn6xJW0+EuMvHMh2dn7uzAXWwr3mZIN1oAoGCCqGSM49
AwEHoUQDQgAExFBjggmiCAjaSA/YHwROGMdCYIqAQNXLi6kjbAxN3IJiqewO0Ku4
VAq7WM3LzkPn+0jVcC19Nqv+zbeX2RJx1Q==
-----END EC PRIVATE KEY-----
";

pub struct TestVault {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TestVault {
    /// A new vault with a fast KDF and the password [`PASSWORD`].
    pub fn new() -> TestVault {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let vault = TestVault { dir, path };
        let out = vault.run(
            &["init", "--weak-kdf", "--kdf-mib", "1", "--kdf-passes", "1"],
            &[PASSWORD],
        );
        assert_eq!(code(&out), 0, "init failed: {}", stderr(&out));
        vault
    }

    /// A vault holding one Binance key labelled `main`.
    pub fn with_binance() -> TestVault {
        let vault = TestVault::new();
        vault.add_binance("main");
        vault
    }

    pub fn add_binance(&self, label: &str) {
        let out = self.run(
            &[
                "add",
                "--exchange",
                "binance",
                "--label",
                label,
                "--platform",
                "bitsgap",
            ],
            &[PASSWORD, BINANCE_KEY, BINANCE_SECRET],
        );
        assert_eq!(code(&out), 0, "add failed: {}", stderr(&out));
    }

    /// Runs `coffre --vault <this vault> --password-stdin ARGS` with `lines` on stdin.
    pub fn run(&self, args: &[&str], lines: &[&str]) -> Output {
        let mut full = vec!["--vault", self.path.to_str().unwrap(), "--password-stdin"];
        full.extend_from_slice(args);
        run_coffre(&full, lines)
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn labels(&self) -> Vec<String> {
        let out = self.run(&["list", "--json"], &[PASSWORD]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["label"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// Runs the binary with a clean environment for the variables it reads.
pub fn run_coffre(args: &[&str], lines: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(args)
        .env_remove("COFFRE_PASSWORD")
        .env_remove("COFFRE_VAULT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = String::new();
    for line in lines {
        input.push_str(line);
        if !line.ends_with('\n') {
            input.push('\n');
        }
    }
    // A command may exit before reading everything (e.g. on a wrong password): ignore EPIPE.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally, not by a signal")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Everything the process printed, to look for leaked secrets.
pub fn all_output(out: &Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
