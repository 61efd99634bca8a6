//! `run`: a command started with a key in its environment, its output masked, its exit code and
//! signals passed through, nothing of the key in argv, in Coffre's environment or on disk, and
//! bad input refused before anything starts.

use crate::support::*;
use coffre_mock_exchange::{demo_accounts, MockPermissions};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const CONCEALED: &str = "<concealed by coffre>";

/// `coffre --vault … --password-stdin ARGS` started in the vault's folder, the password written
/// to its stdin; stdout and stderr piped.
fn spawn(vault: &TestVault, args: &[&str]) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["--vault", vault.path.to_str().unwrap(), "--password-stdin"])
        .args(args)
        .env_remove("COFFRE_PASSWORD")
        .env_remove("COFFRE_VAULT")
        .current_dir(vault.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    child
}

/// `coffre run ARGS -- sh -c SCRIPT`, to its end.
fn run_sh(vault: &TestVault, args: &[&str], script: &str) -> std::process::Output {
    let mut full = vec!["run"];
    full.extend_from_slice(args);
    full.extend(["--", "sh", "-c", script]);
    spawn(vault, &full).wait_with_output().unwrap()
}

fn send(signal: &str, pid: u32) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

fn add(vault: &TestVault, exchange: &str, label: &str, platforms: &[&str], secrets: &[&str]) {
    let mut args = vec!["add", "--exchange", exchange, "--label", label];
    for p in platforms {
        args.extend(["--platform", p]);
    }
    let mut lines = vec![PASSWORD];
    lines.extend_from_slice(secrets);
    let out = vault.run(&args, &lines);
    assert_eq!(code(&out), 0, "add {label}: {}", stderr(&out));
}

fn add_okx(vault: &TestVault) {
    add(
        vault,
        "okx",
        "okx",
        &[],
        &[OKX_KEY, OKX_SECRET, OKX_PASSPHRASE],
    );
}

fn add_coinbase(vault: &TestVault, platforms: &[&str]) {
    add(
        vault,
        "coinbase",
        "cb",
        platforms,
        &[COINBASE_KEY, COINBASE_PEM],
    );
}

#[test]
fn a_secret_printed_whole_split_or_in_json_is_masked() {
    let vault = TestVault::with_binance();
    // The second half of the split reaches Coffre in a later read than the first.
    let script = r#"
        printf 'whole=%s\n' "$BINANCE_API_SECRET"
        printf 'split=%s' "$(printf %s "$BINANCE_API_SECRET" | cut -c1-20)"
        sleep 0.3
        printf '%s end\n' "$(printf %s "$BINANCE_API_SECRET" | cut -c21-)"
        printf '{"apiKey":"%s","secret":"%s"}\n' "$BINANCE_API_KEY" "$BINANCE_API_SECRET" >&2
    "#;
    let out = run_sh(&vault, &["main"], script);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("whole={CONCEALED}\nsplit={CONCEALED} end\n")
    );
    assert!(
        stderr(&out).contains(&format!(
            r#"{{"apiKey":"{CONCEALED}","secret":"{CONCEALED}"}}"#
        )),
        "{}",
        stderr(&out)
    );
    let all = all_output(&out);
    assert!(!all.contains(BINANCE_SECRET) && !all.contains(BINANCE_KEY));
    assert!(!all.contains(&BINANCE_SECRET[..20]) && !all.contains(&BINANCE_SECRET[20..]));
}

#[test]
fn a_pem_secret_in_json_is_masked() {
    let vault = TestVault::new();
    add_coinbase(&vault, &[]);
    // The PEM as a JSON string carries it: line breaks written `\n`.
    let script = r#"printf '{"secret":"%s"}\n' "$(printf %s "$COINBASE_SECRET" | awk '{printf "%s\\n", $0}')""#;
    let out = run_sh(&vault, &["cb", "--for", "ccxt"], script);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(r#"{{"secret":"{CONCEALED}"#)),
        "{text}"
    );
    for line in COINBASE_PEM.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!text.contains(line), "a PEM line leaked: {text}");
    }
}

#[test]
fn without_masking_the_output_is_untouched() {
    let vault = TestVault::with_binance();
    let out = run_sh(
        &vault,
        &["main", "--no-masking"],
        r#"printf '%s\n' "$BINANCE_API_SECRET""#,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{BINANCE_SECRET}\n"));
}

#[test]
fn the_command_exit_code_is_passed_on() {
    let vault = TestVault::with_binance();
    assert_eq!(code(&run_sh(&vault, &["main"], "exit 7")), 7);
    assert_eq!(
        code(&run_sh(&vault, &["main", "--no-masking"], "exit 0")),
        0
    );
}

#[test]
fn a_command_killed_by_a_signal_exits_128_plus_the_signal() {
    let vault = TestVault::with_binance();
    let out = run_sh(&vault, &["main"], "kill -TERM $$");
    assert_eq!(code(&out), 128 + 15, "{}", stderr(&out));
}

/// Starts `coffre run main -- sh -c SCRIPT` and returns it once the script printed `ready`.
fn started(
    vault: &TestVault,
    args: &[&str],
    script: &str,
) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut full = vec!["run", "main"];
    full.extend_from_slice(args);
    full.extend(["--", "sh", "-c", script]);
    let mut child = spawn(vault, &full);
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    lines.read_line(&mut first).unwrap();
    assert_eq!(first.trim(), "ready");
    (child, lines)
}

#[test]
fn signals_sent_to_coffre_are_forwarded_to_the_command() {
    let vault = TestVault::with_binance();
    for (signal, exit) in [("INT", 3), ("TERM", 4), ("HUP", 5)] {
        let script = format!(
            "trap 'echo got-{signal}; exit {exit}' {signal}; echo ready; while :; do sleep 0.05; done"
        );
        let (mut coffre, mut rest) = started(&vault, &[], &script);
        send(signal, coffre.id());
        let mut output = String::new();
        rest.read_to_string(&mut output).unwrap();
        let status = coffre.wait().unwrap();
        assert_eq!(output.trim(), format!("got-{signal}"));
        assert_eq!(status.code(), Some(exit), "SIG{signal}");
    }
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn secrets_stay_out_of_argv_coffre_environment_and_files() {
    let vault = TestVault::with_binance();
    add_okx(&vault);
    let secrets = [
        BINANCE_KEY,
        BINANCE_SECRET,
        OKX_KEY,
        OKX_SECRET,
        OKX_PASSPHRASE,
    ];
    let (mut coffre, mut rest) = started(
        &vault,
        &["--key", "okx", "--for", "ccxt"],
        "echo ready; echo $$; while :; do sleep 0.05; done",
    );
    let mut pid = String::new();
    rest.read_line(&mut pid).unwrap();
    let child: u32 = pid.trim().parse().unwrap();

    let child_env = std::fs::read(format!("/proc/{child}/environ")).unwrap();
    assert!(
        secrets.iter().all(|s| contains(&child_env, s)),
        "the command has every credential"
    );
    let cmdline = std::fs::read(format!("/proc/{child}/cmdline")).unwrap();
    let own_env = std::fs::read(format!("/proc/{}/environ", coffre.id())).unwrap();
    for secret in secrets {
        assert!(
            !contains(&cmdline, secret),
            "a credential in the command's argv"
        );
        assert!(
            !contains(&own_env, secret),
            "a credential in Coffre's environment"
        );
    }

    send("TERM", coffre.id());
    assert_eq!(coffre.wait().unwrap().code(), Some(128 + 15));
    for file in files_under(vault.dir.path()) {
        let name = file.file_name().unwrap().to_string_lossy();
        if name.starts_with("vault.db") {
            continue; // the vault itself (and its WAL), sealed
        }
        let bytes = std::fs::read(&file).unwrap();
        for secret in secrets {
            assert!(
                !contains(&bytes, secret),
                "a credential in {}",
                file.display()
            );
        }
    }
}

#[test]
fn the_master_password_from_the_environment_is_not_passed_on() {
    let vault = TestVault::with_binance();
    let out = Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["--vault", vault.path.to_str().unwrap(), "run", "main", "--"])
        .args(["sh", "-c", r#"printf '%s\n' "${COFFRE_PASSWORD:-unset}""#])
        .env("COFFRE_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "unset\n");
}

#[test]
fn each_consumer_gets_the_names_it_reads() {
    let vault = TestVault::with_binance();
    add_okx(&vault);
    let names = r#"env | cut -d= -f1 | grep -E '^(BINANCE|OKX|FREQTRADE)_' | sort | tr '\n' ' '"#;
    let out = run_sh(&vault, &["main", "--key", "okx", "--for", "ccxt"], names);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "BINANCE_APIKEY BINANCE_SECRET OKX_APIKEY OKX_PASSWORD OKX_SECRET "
    );
    // No platform says otherwise: `env`, the names of `export --format env`.
    let out = run_sh(&vault, &["okx", "--key", "main"], names);
    assert_eq!(
        stdout(&out),
        "BINANCE_API_KEY BINANCE_API_SECRET OKX_API_KEY OKX_API_PASSPHRASE OKX_API_SECRET "
    );
    let out = run_sh(&vault, &["okx", "--for", "freqtrade"], names);
    assert_eq!(
        stdout(&out),
        "FREQTRADE__EXCHANGE__KEY FREQTRADE__EXCHANGE__NAME FREQTRADE__EXCHANGE__PASSWORD FREQTRADE__EXCHANGE__SECRET "
    );
}

#[test]
fn a_freqtrade_key_runs_for_freqtrade_with_its_pem_line_breaks() {
    let vault = TestVault::new();
    add_coinbase(&vault, &["freqtrade"]);
    // The default from the key's platform; NAME is no secret and stays readable.
    let script = r#"printf '%s %s\n' "$FREQTRADE__EXCHANGE__NAME" "$(printf %s "$FREQTRADE__EXCHANGE__SECRET" | grep -c .)""#;
    let out = run_sh(&vault, &["cb"], script);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let pem_lines = COINBASE_PEM.lines().filter(|l| !l.is_empty()).count();
    assert_eq!(stdout(&out), format!("coinbase {pem_lines}\n"));
}

#[test]
fn a_freqtrade_config_holding_a_key_is_warned_about() {
    let vault = TestVault::with_binance();
    std::fs::write(
        vault.file("config.json"),
        r#"{
            // Freqtrade allows comments
            "exchange": {"name": "binance", "key": "left-over", "secret": "", },
        }"#,
    )
    .unwrap();
    let bot = vault.file("freqtrade");
    std::fs::write(&bot, "#!/bin/sh\necho \"bot $*\"\n").unwrap();
    let mut perms = std::fs::metadata(&bot).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&bot, perms).unwrap();
    let args = [
        "run",
        "main",
        "--for",
        "freqtrade",
        "--",
        "./freqtrade",
        "trade",
        "-c",
        "config.json",
    ];
    let out = spawn(&vault, &args).wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "bot trade -c config.json\n");
    let warning = stderr(&out);
    assert!(
        warning.contains("config.json holds exchange.key") && !warning.contains("left-over"),
        "{warning}"
    );
}

/// A script that leaves a mark when it starts, to prove a refused run started nothing.
fn marker(vault: &TestVault) -> (PathBuf, String) {
    let mark = vault.file("started");
    let script = format!("touch '{}'", mark.display());
    (mark, script)
}

#[test]
fn bad_input_is_refused_before_any_command_starts() {
    let vault = TestVault::with_binance();
    vault.add_binance("second binance");
    add_okx(&vault);
    let (mark, script) = marker(&vault);
    let cases: [(&[&str], i32, &str); 4] = [
        (&["nope"], 1, "no key named \"nope\""),
        (
            &["main", "--key", "second binance"],
            1,
            "are both binance keys",
        ),
        (
            &["main", "--key", "okx", "--for", "freqtrade"],
            1,
            "one key",
        ),
        (&["main", "--key", "main"], 1, "given twice"),
    ];
    for (args, expected, message) in cases {
        let out = run_sh(&vault, args, &script);
        assert_eq!(code(&out), expected, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(!mark.exists(), "{args:?} started the command");
    }

    let out = vault.run(
        &["run", "main", "--", "sh", "-c", &script],
        &["not the password"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(!mark.exists());

    let out = vault.run(
        &["run", "main", "--", "no-such-command-coffre", "x"],
        &[PASSWORD],
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("command not found: no-such-command-coffre"),
        "{}",
        stderr(&out)
    );
    let out = vault.run(&["run", "main"], &[PASSWORD]);
    assert_eq!(code(&out), 1, "no command is a usage error");
}

#[test]
fn a_key_freqtrade_will_reject_is_refused_unless_forced() {
    // Checked against the mock with trading off: Freqtrade needs spot trading.
    let mut account = demo_accounts()
        .into_iter()
        .find(|a| a.exchange == "binance" && a.fault.is_none())
        .unwrap();
    account.permissions = Some(MockPermissions {
        spot_trade: false,
        ..MockPermissions::default()
    });
    let vault = TestVault::new();
    add(
        &vault,
        "binance",
        "read only",
        &[],
        &[&account.api_key, &account.secret],
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime
        .block_on(coffre_mock_exchange::start(
            vec![account],
            Default::default(),
        ))
        .unwrap();
    let flag = format!("binance={}", mock.url("binance").unwrap());
    let out = vault.run(&["check", "read only", "--base-url", &flag], &[PASSWORD]);
    runtime.block_on(mock.shutdown());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));

    let (mark, script) = marker(&vault);
    let out = run_sh(&vault, &["read only", "--for", "freqtrade"], &script);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Freqtrade will reject “read only”")
            && stderr(&out).contains("--force"),
        "{}",
        stderr(&out)
    );
    assert!(!mark.exists());
    // ccxt scripts only need reading.
    let out = run_sh(&vault, &["read only", "--for", "ccxt"], "exit 0");
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let out = run_sh(
        &vault,
        &["read only", "--for", "freqtrade", "--force"],
        &script,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(mark.exists());
    assert!(stderr(&out).contains("running anyway"), "{}", stderr(&out));
}
