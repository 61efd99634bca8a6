//! Crash safety: a writer process killed with SIGKILL at random points never loses an
//! acknowledged write and never leaves a vault that fails to open.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

use coffre_vault::Vault;

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
            std::thread::sleep(Duration::from_micros(rng.below(40_000)));
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
