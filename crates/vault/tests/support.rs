//! Shared helpers: weak KDF parameters (tests must stay fast), sample keys, raw SQLite access.

use std::path::{Path, PathBuf};

use coffre_vault::{Credentials, KdfParams, KeyMeta, KeyType, SecretString, Vault, VaultOptions};

/// 1 MiB, 1 pass: far below the OWASP floor, allowed only through `allow_weak_kdf`.
pub const WEAK: KdfParams = KdfParams {
    mib: 1,
    passes: 1,
    lanes: 1,
};

pub const PASSWORD: &str = "correct horse battery staple";

pub fn password() -> SecretString {
    SecretString::from(PASSWORD)
}

/// A temporary directory and a vault path inside it (the file does not exist yet).
pub fn temp_vault_path() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.coffre");
    (dir, path)
}

pub fn create_weak(path: &Path) -> Vault {
    Vault::create_with(
        path,
        &password(),
        WEAK,
        VaultOptions {
            allow_weak_kdf: true,
        },
    )
    .unwrap()
}

pub fn creds(n: usize) -> Credentials {
    Credentials {
        api_key: format!("APIKEY{n:06}abcdefghijklmnop").into(),
        secret: format!("SECRET{n:06}qrstuvwxyz0123456789").into(),
        passphrase: n.is_multiple_of(2).then(|| format!("PASS{n:06}").into()),
        key_type: KeyType::Hmac,
    }
}

pub fn meta(label: &str) -> KeyMeta {
    let mut m = KeyMeta::new("okx", label);
    m.notes = format!("notes for {label}");
    m.tags = vec!["bot".into()];
    m
}

/// Everything a reader can observe of a vault: records (meta) and every record's credentials.
pub fn snapshot(
    vault: &Vault,
) -> Result<Vec<(String, u64, String, Credentials)>, coffre_vault::VaultError> {
    let mut out = Vec::new();
    for r in vault.list()? {
        let c = vault.credentials(&r.id)?;
        out.push((
            r.id.clone(),
            r.revision,
            serde_json::to_string(&r.meta).unwrap(),
            c,
        ));
    }
    Ok(out)
}

/// A raw SQLite connection to a vault file, for tampering.
pub fn raw(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn
}

/// Moves everything from the -wal into the main file, so the main file alone is the vault.
pub fn checkpoint(path: &Path) {
    let conn = raw(path);
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
}

/// A tiny deterministic PRNG (xorshift64*), so failures reproduce.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
