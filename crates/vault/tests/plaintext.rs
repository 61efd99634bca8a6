//! The files reveal nothing: no secret, label, note or exchange name in the database, -wal or
//! -shm; and every file is private (0600).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use coffre_vault::{Credentials, KeyMeta, KeyType};

use crate::support::*;

const MARKERS: [&str; 7] = [
    "MARKERAPIKEYqwertyuiop",
    "MARKERSECRETasdfghjkl",
    "MARKERPASSPHRASEzxcv",
    "MARKERLABELlabel",
    "MARKERNOTESnotes",
    "MARKEREXCHANGEname",
    "MARKERTAGtag",
];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn files_of(path: &Path) -> Vec<std::path::PathBuf> {
    let mut v = vec![path.to_owned()];
    for s in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(s);
        v.push(p.into());
    }
    v
}

fn assert_no_markers(path: &Path) {
    for file in files_of(path) {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        for m in MARKERS {
            assert!(
                !contains(&bytes, m.as_bytes()),
                "{m} found in {}",
                file.display()
            );
        }
    }
}

#[test]
fn no_plaintext_reaches_the_database_wal_or_shm() {
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let mut meta = KeyMeta::new("other", MARKERS[3]);
    meta.notes = MARKERS[4].into();
    meta.exchange_name = Some(MARKERS[5].into());
    meta.tags = vec![MARKERS[6].into()];
    let creds = Credentials {
        api_key: MARKERS[0].into(),
        secret: MARKERS[1].into(),
        passphrase: Some(MARKERS[2].into()),
        key_type: KeyType::Hmac,
    };
    let id = vault.add(meta.clone(), &creds).unwrap();
    vault.replace_credentials(&id, &creds).unwrap();
    vault.update_meta(&id, meta).unwrap();
    // While open: the changes sit in the -wal.
    assert!(files_of(&path)[1].exists(), "WAL mode expected");
    assert_no_markers(&path);
    drop(vault);
    checkpoint(&path);
    assert_no_markers(&path);
    // The check is able to fail: the markers are really in what the vault returns.
    let vault = coffre_vault::Vault::unlock(&path, &password()).unwrap();
    assert_eq!(vault.credentials(&id).unwrap().secret.expose(), MARKERS[1]);
}

#[test]
fn vault_wal_shm_and_backup_files_are_private() {
    let (dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    vault.add(meta("a"), &creds(1)).unwrap();
    let backup = dir.path().join("backup.coffre");
    vault.backup(&backup).unwrap();
    let mut files = files_of(&path);
    files.push(backup);
    for file in files {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
    }
}
