//! Crash safety: a writer process killed with SIGKILL at random points never loses an
//! acknowledged write and never leaves a vault that fails to open; a password change killed
//! mid-way leaves the old password or the new one, never a mix of keys.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use coffre_vault::{KeyMeta, Vault};

use crate::support::*;

#[test]
fn killed_writer_never_loses_an_acknowledged_write() {
    let (_dir, path) = temp_vault_path();
    drop(create_weak(&path));
    let writer = env!("CARGO_BIN_EXE_coffre-vault-crash-writer");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut acknowledged: Vec<String> = Vec::new();
    let rounds = 200;
    for round in 0..rounds {
        let mut child = Command::new(writer)
            .arg(&path)
            .arg(PASSWORD)
            .arg(format!("r{round}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        if round % 2 == 0 {
            // From "still starting up" to "mid-commit of the n-th record".
            std::thread::sleep(Duration::from_micros(rng.below(60_000)));
        } else {
            // Mid-commit for sure: on a busy machine starting up alone can take longer than the
            // window above, and then no round would reach a commit.
            let mut first = String::new();
            stdout.read_line(&mut first).unwrap();
            acknowledged.extend(first.lines().map(str::to_owned));
            std::thread::sleep(Duration::from_micros(rng.below(20_000)));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let mut out = String::new();
        stdout.read_to_string(&mut out).unwrap();
        acknowledged.extend(out.lines().map(str::to_owned));
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(err.is_empty(), "round {round}: writer failed: {err}");

        if round % 20 == 19 || round == rounds - 1 {
            let vault = Vault::unlock(&path, &password())
                .unwrap_or_else(|e| panic!("round {round}: vault does not open: {e}"));
            for label in &acknowledged {
                vault
                    .find(label)
                    .unwrap_or_else(|e| panic!("round {round}: acknowledged {label} lost: {e}"));
            }
        }
    }
    eprintln!(
        "{} acknowledged writes over {rounds} kills",
        acknowledged.len()
    );
    assert!(
        acknowledged.len() > rounds / 2,
        "the writer barely wrote: the test proves little"
    );
}

#[test]
fn killed_password_change_leaves_the_old_password_or_the_new_one() {
    const RECORDS: usize = 300;
    const OTHER: &str = "the other password";
    let (_dir, path) = temp_vault_path();
    let mut vault = create_weak(&path);
    let ids = vault
        .add_many(
            (0..RECORDS)
                .map(|n| (KeyMeta::new("binance", format!("key {n}")), creds(n)))
                .collect(),
        )
        .unwrap();
    drop(vault);
    let writer = env!("CARGO_BIN_EXE_coffre-vault-crash-writer");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut current = PASSWORD;
    let (mut acknowledged, mut landed_unacknowledged) = (0, 0);
    let rounds = 40;
    for round in 0..rounds {
        let other = if current == PASSWORD { OTHER } else { PASSWORD };
        let mut child = Command::new(writer)
            .args(["--change-password", path.to_str().unwrap(), current, other])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        // Once a first change committed (starting up alone can take longer than a change), killed
        // somewhere in a later one: mid re-seal, mid commit, or between two.
        let mut out = String::new();
        stdout.read_line(&mut out).unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(60_000)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        stdout.read_to_string(&mut out).unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(err.is_empty(), "round {round}: writer failed: {err}");
        let lines: Vec<&str> = out.lines().collect();
        acknowledged += lines.len();
        let expected = match lines.last() {
            None => current,
            Some(&line) if line == OTHER => OTHER,
            Some(&line) => {
                assert_eq!(line, PASSWORD, "round {round}");
                PASSWORD
            }
        };
        let unexpected = if expected == PASSWORD {
            OTHER
        } else {
            PASSWORD
        };

        // The last acknowledged password opens the vault, or else the change in flight reached
        // the disk before its acknowledgement and the other one does; either way, all of it.
        let (vault, now) = match Vault::unlock(&path, &expected.into()) {
            Ok(v) => (v, expected),
            Err(e) if e.code() == "wrong_password" => {
                landed_unacknowledged += 1;
                let v = Vault::unlock(&path, &unexpected.into())
                    .unwrap_or_else(|e| panic!("round {round}: neither password opens: {e}"));
                (v, unexpected)
            }
            Err(e) => panic!("round {round}: vault does not open: {e}"),
        };
        assert_eq!(vault.list().unwrap().len(), RECORDS, "round {round}");
        let n = rng.below(RECORDS as u64) as usize;
        assert_eq!(
            vault.credentials(&ids[n]).unwrap(),
            creds(n),
            "round {round}"
        );
        if round == rounds - 1 {
            for (n, id) in ids.iter().enumerate() {
                assert_eq!(vault.credentials(id).unwrap(), creds(n), "record {n}");
            }
        }
        current = now;
    }
    eprintln!(
        "{acknowledged} acknowledged password changes over {rounds} kills, \
         {landed_unacknowledged} committed but killed before their acknowledgement"
    );
    assert!(
        acknowledged > rounds,
        "the kills barely reached a second change: the test proves little"
    );
}
