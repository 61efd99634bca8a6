//! Vault benchmarks: prints a table of figures against the speed targets.
//! `cargo bench -p coffre-vault` (takes about a minute; more on a slow machine);
//! `cargo bench -p coffre-vault -- password` runs only the sections whose name contains a word
//! given after `--` (`kdf`, `unlock`, `over-empty`, `add`, `password`), after the calibration.
//!
//! Targets: unlock + list of 10,000 records ≤ KDF alone + 10%, and ≤ 30 ms more than an empty
//! vault's; durable add ≤ 5 ms; password change at 10,000 records ≤ KDF + 150 ms (it re-seals
//! every record under a new data key).
//!
//! "unlock + list" stops the clock when `list` returns: dropping the vault and the list is what
//! locking costs, and is timed on its own row.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use coffre_vault::kdf::derive_kek;
use coffre_vault::{Credentials, KdfParams, KeyMeta, KeyType, SecretString, Vault};

const RUNS: usize = 3;
/// Runs of each paired (KDF, operation) measurement.
const PAIRED_RUNS: usize = 5;
/// Pairs of (empty vault, 10,000 records) unlocks behind the "over an empty vault" figure: the
/// difference of two KDF-length runs is noisy on a shared machine, so many short pairs.
const OVER_EMPTY_RUNS: usize = 21;
/// The fixed KDF of that figure (RFC 9106's 64 MiB / 3 passes, one lane): short enough for many
/// pairs, and one lane leaves the second core to what unlock does beside the KDF.
const OVER_EMPTY_KDF: KdfParams = KdfParams {
    mib: 64,
    passes: 3,
    lanes: 1,
};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn creds(n: usize) -> Credentials {
    Credentials {
        api_key: format!("bench-api-key-{n:08}-abcdefghijklmnopqrstuvwxyz").into(),
        secret: format!("bench-secret-{n:08}-0123456789abcdefghijklmnopqrstuvwxyz").into(),
        passphrase: Some("passphrase".into()),
        key_type: KeyType::Hmac,
    }
}

fn meta(n: usize) -> KeyMeta {
    let mut m = KeyMeta::new("binance", format!("bench key {n}"));
    m.notes = "used by the grid bot on the VPS".into();
    m.platforms = vec!["freqtrade".into()];
    m.tags = vec!["bot".into(), "spot".into()];
    m
}

/// libargon2 (via Python's argon2-cffi) with the same parameters, or why it could not run.
fn libargon2_seconds(p: KdfParams) -> Result<Duration, String> {
    let script = format!(
        "import time\nfrom argon2.low_level import hash_secret_raw, Type\nbest=[]\n\
         for _ in range({RUNS}):\n    t=time.perf_counter()\n    \
         hash_secret_raw(b'correct horse', b'\\0'*32, time_cost={}, memory_cost={}, parallelism={}, hash_len=32, type=Type.ID)\n    \
         best.append(time.perf_counter()-t)\nbest.sort()\nprint(best[len(best)//2])\n",
        p.passes,
        p.mib * 1024,
        p.lanes
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .output()
        .map_err(|e| format!("python3 not runnable: {e}"))?;
    if !out.status.success() {
        return Err("argon2-cffi missing (pip install argon2-cffi)".into());
    }
    let secs: f64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| "unexpected python output".to_string())?;
    Ok(Duration::from_secs_f64(secs))
}

/// The sections asked for: those whose name contains one of the words after `--`, or all.
struct Sections(Vec<String>);

impl Sections {
    fn from_args() -> Sections {
        Sections(
            std::env::args()
                .skip(1)
                .filter(|a| !a.starts_with('-'))
                .collect(),
        )
    }

    fn wants(&self, section: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|f| section.contains(f.as_str()))
    }
}

fn main() {
    // `cargo test --benches` passes --bench-less flags; only run when benchmarking.
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    let sections = Sections::from_args();
    let dir = tempfile::tempdir().expect("temp dir");
    let password = SecretString::from("correct horse battery staple");

    let calibrate_start = Instant::now();
    let params = KdfParams::calibrate(Duration::from_secs(1));
    let calibration = calibrate_start.elapsed();
    println!(
        "calibrated KDF: Argon2id {} MiB, {} passes, {} lanes (calibration took {})",
        params.mib,
        params.passes,
        params.lanes,
        ms(calibration)
    );
    println!();
    println!("| measurement | figure | target |");
    println!("|---|---|---|");

    if sections.wants("kdf") {
        let kdf = median(
            (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    derive_kek(&password, &[0; 32], params).expect("kdf");
                    t.elapsed()
                })
                .collect(),
        );
        println!(
            "| KDF alone, coffre (RustCrypto argon2, {} lanes on threads) | {} | ~1 s |",
            params.lanes,
            ms(kdf)
        );
        match libargon2_seconds(params) {
            Ok(d) => println!(
                "| KDF alone, libargon2 via argon2-cffi, same parameters | {} | reference |",
                ms(d)
            ),
            Err(why) => {
                println!("| KDF alone, libargon2 via argon2-cffi | skipped: {why} | reference |")
            }
        }
    }

    // The machine may be busy with other work, so every timed operation is paired with a KDF run
    // right before it and the figure reported is the median of the per-pair differences: a load
    // change between the two halves of the table no longer shows up as overhead (or as a gain).
    let kdf_then = |op: &mut dyn FnMut()| -> (Duration, Duration) {
        let k = Instant::now();
        derive_kek(&password, &[0; 32], params).expect("kdf");
        let k = k.elapsed();
        let t = Instant::now();
        op();
        (k, t.elapsed())
    };
    let paired = |pairs: Vec<(Duration, Duration)>| -> (Duration, Duration, f64) {
        let total = median(pairs.iter().map(|p| p.1).collect());
        let over: Vec<f64> = {
            let mut v: Vec<f64> = pairs
                .iter()
                .map(|(k, t)| t.as_secs_f64() - k.as_secs_f64())
                .collect();
            v.sort_by(f64::total_cmp);
            v
        };
        let over = over[over.len() / 2];
        let kdf = median(pairs.iter().map(|p| p.0).collect());
        (total, kdf, over)
    };
    let signed_ms = |secs: f64| format!("{:+.1} ms", secs * 1000.0);

    // A vault of `n` records under the calibrated parameters.
    let vault_of = |name: &str, n: usize| -> PathBuf {
        let path = dir.path().join(format!("{name}-{n}.coffre"));
        let mut vault = Vault::create(&path, &password, params).expect("create");
        vault
            .add_many((0..n).map(|i| (meta(i), creds(i))).collect())
            .expect("add_many");
        path
    };

    let mut big_vault_path = None;
    if sections.wants("unlock") {
        for &n in &[10usize, 1_000, 10_000] {
            let path = vault_of("unlock", n);
            let mut unlocked = None;
            let pairs = (0..PAIRED_RUNS)
                .map(|_| {
                    let pair = kdf_then(&mut || {
                        let v = Vault::unlock(&path, &password).expect("unlock");
                        let list = v.list().expect("list");
                        assert_eq!(list.len(), n);
                        unlocked = Some((v, list));
                    });
                    drop(unlocked.take());
                    pair
                })
                .collect();
            let (total, kdf, over) = paired(pairs);
            println!(
                "| unlock + list, {n} records | {} (KDF {} + {}, {:+.1}%) | ≤ KDF + 10% |",
                ms(total),
                ms(kdf),
                signed_ms(over),
                over / kdf.as_secs_f64() * 100.0
            );
            big_vault_path = Some(path);
        }
    }

    if sections.wants("over-empty") {
        let over = over_empty(dir.path(), &password);
        println!(
            "| unlock + list, 10,000 records over an empty vault (KDF {} MiB / {} passes / {} lane; \
             median of {OVER_EMPTY_RUNS} pairs) | {} ({} leaving out each run's own KDF) | ≤ +30 ms |",
            OVER_EMPTY_KDF.mib,
            OVER_EMPTY_KDF.passes,
            OVER_EMPTY_KDF.lanes,
            signed_ms(over.total),
            signed_ms(over.after_kdf)
        );
        println!(
            "| the same in CPU time (all threads; steadier than wall time on a shared machine) | {} | reference |",
            signed_ms(over.cpu)
        );
        println!(
            "| lock: dropping a 10,000-record vault and its list | {} | reference |",
            ms(Duration::from_secs_f64(over.drop))
        );
    }

    if sections.wants("add") {
        let path = big_vault_path
            .take()
            .unwrap_or_else(|| vault_of("unlock", 10_000));
        let mut vault = Vault::unlock(&path, &password).expect("unlock");
        let mut adds: Vec<Duration> = (0..100)
            .map(|i| {
                let t = Instant::now();
                vault.add(meta(100_000 + i), &creds(i)).expect("add");
                t.elapsed()
            })
            .collect();
        adds.sort();
        println!(
            "| durable add (fsync'd commit), vault of 10,000 | median {}, p95 {} | ≤ 5 ms |",
            ms(adds[adds.len() / 2]),
            ms(adds[adds.len() * 95 / 100])
        );
    }

    if sections.wants("password") {
        password_change(&vault_of("password", 10_000), &password, params);
    }
}

/// Password change at 10,000 records, each run paired with a KDF run of the same parameters right
/// before it: the figure to hold against the KDF is the change minus the KDF. After each change
/// one add is timed on its own: it pays the WAL checkpoint the change leaves to the next write.
fn password_change(path: &std::path::Path, first: &SecretString, params: KdfParams) {
    let mut vault = Vault::unlock(path, first).expect("unlock");
    let mut pairs = Vec::new();
    let mut next_adds = Vec::new();
    let mut cpu_over = Vec::new();
    for i in 0..PAIRED_RUNS {
        let new = SecretString::from(format!("new password {i}"));
        let (kc, k) = (process_cpu(), Instant::now());
        derive_kek(&new, &[0; 32], params).expect("kdf");
        let (kc, k) = (process_cpu() - kc, k.elapsed());
        let (c, t) = (process_cpu(), Instant::now());
        vault.change_password(&new, None).expect("change");
        let t = t.elapsed();
        cpu_over.push(process_cpu() - c - kc);
        pairs.push((k, t));
        let a = Instant::now();
        let id = vault.add(meta(200_000 + i), &creds(i)).expect("add");
        next_adds.push(a.elapsed());
        vault.remove(&id).expect("remove");
    }
    let kdf = median(pairs.iter().map(|p| p.0).collect());
    let total = median(pairs.iter().map(|p| p.1).collect());
    let mut over: Vec<f64> = pairs
        .iter()
        .map(|(k, t)| t.as_secs_f64() - k.as_secs_f64())
        .collect();
    over.sort_by(f64::total_cmp);
    let over = over[over.len() / 2];
    cpu_over.sort_by(f64::total_cmp);
    println!(
        "| password change at 10,000 records (median of {PAIRED_RUNS}) | {} (KDF {} {:+.1} ms) | ≤ KDF + 150 ms |",
        ms(total),
        ms(kdf),
        over * 1000.0
    );
    println!(
        "| KDF alone, same parameters (run right before each change) | {} | reference |",
        ms(kdf)
    );
    println!(
        "| the same in CPU time, change − KDF (all threads; steadier on a shared machine) | {:+.1} ms | reference |",
        cpu_over[cpu_over.len() / 2] * 1000.0
    );
    println!(
        "| first add after a change (pays the WAL checkpoint the change defers) | {} | reference |",
        ms(median(next_adds))
    );
}

/// What 10,000 records add to an unlock + list, in seconds (medians over the pairs).
struct OverEmpty {
    /// Wall clock, 10,000 records minus empty.
    total: f64,
    /// The same with each unlock's own KDF time taken out: what the records cost after the KDF,
    /// without the KDF's run-to-run noise (but also without any slowdown of the KDF itself).
    after_kdf: f64,
    /// Dropping the 10,000-record vault and its list.
    drop: f64,
    /// Process CPU time (every thread), 10,000 records minus empty: the work itself, whatever
    /// else the machine runs.
    cpu: f64,
}

/// CPU time this process has used so far, every thread, in seconds.
#[cfg(unix)]
fn process_cpu() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Not measured here: the row then reads NaN.
#[cfg(not(unix))]
fn process_cpu() -> f64 {
    f64::NAN
}

/// The median difference between unlocking and listing an empty vault and a 10,000-record one,
/// in alternating pairs, both under [`OVER_EMPTY_KDF`].
fn over_empty(dir: &std::path::Path, password: &SecretString) -> OverEmpty {
    // (unlock + list, the unlock's KDF, dropping vault and list, CPU time of unlock + list)
    let unlock_list = |path: &std::path::Path, n: usize| -> (f64, f64, f64, f64) {
        let cpu = process_cpu();
        let t = Instant::now();
        let v = Vault::unlock(path, password).expect("unlock");
        let list = v.list().expect("list");
        let total = t.elapsed().as_secs_f64();
        let cpu = process_cpu() - cpu;
        assert_eq!(list.len(), n);
        let kdf = v.kdf_elapsed().expect("unlocked").as_secs_f64();
        let t = Instant::now();
        drop(list);
        drop(v);
        (total, kdf, t.elapsed().as_secs_f64(), cpu)
    };
    let empty = dir.join("over-empty-0.coffre");
    drop(Vault::create(&empty, password, OVER_EMPTY_KDF).expect("create"));
    let full = dir.join("over-empty-10000.coffre");
    let mut vault = Vault::create(&full, password, OVER_EMPTY_KDF).expect("create");
    vault
        .add_many((0..10_000).map(|i| (meta(i), creds(i))).collect())
        .expect("add_many");
    drop(vault);
    // One untimed round warms the page cache and the thread pools for both files.
    unlock_list(&empty, 0);
    unlock_list(&full, 10_000);
    let (mut total, mut after_kdf, mut drops, mut cpu) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..OVER_EMPTY_RUNS {
        let e = unlock_list(&empty, 0);
        let f = unlock_list(&full, 10_000);
        total.push(f.0 - e.0);
        after_kdf.push((f.0 - f.1) - (e.0 - e.1));
        drops.push(f.2);
        cpu.push(f.3 - e.3);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    OverEmpty {
        total: median(total),
        after_kdf: median(after_kdf),
        drop: median(drops),
        cpu: median(cpu),
    }
}
