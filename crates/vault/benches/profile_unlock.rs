//! TEMPORARY profiling workload (removed before hand-off).
use coffre_vault::{Credentials, KdfParams, KeyMeta, KeyType, SecretString, Vault};
use sha2::Digest;
use std::time::Instant;
fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return;
    }
    if std::env::var("MICRO3").is_ok() {
        micro3();
        return;
    }
    if std::env::var("PAIRS").is_ok() {
        pairs();
        return;
    }
    if std::env::var("MICRO").is_ok() {
        micro();
        return;
    }
    if std::env::var("MICRO2").is_ok() {
        micro2();
        return;
    }
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let kdf = KdfParams {
        mib: 64,
        passes: 3,
        lanes: 1,
    };
    let pw = SecretString::from("correct horse battery staple");
    let dir = std::path::PathBuf::from(std::env::var("DIR").unwrap_or("/tmp/coffre-prof".into()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("v{n}.coffre"));
    if !path.exists() {
        let mut v = Vault::create(&path, &pw, kdf).unwrap();
        v.add_many(
            (0..n)
                .map(|i| {
                    let mut m = KeyMeta::new("binance", format!("bench key {i}"));
                    m.notes = "used by the grid bot on the VPS".into();
                    m.platforms = vec!["freqtrade".into()];
                    m.tags = vec!["bot".into(), "spot".into()];
                    (
                        m,
                        Credentials {
                            api_key: format!("bench-api-key-{i:08}-abcdefghijklmnopqrstuvwxyz")
                                .into(),
                            secret: format!(
                                "bench-secret-{i:08}-0123456789abcdefghijklmnopqrstuvwxyz"
                            )
                            .into(),
                            passphrase: Some("passphrase".into()),
                            key_type: KeyType::Hmac,
                        },
                    )
                })
                .collect(),
        )
        .unwrap();
    }
    for _ in 0..runs {
        let t = Instant::now();
        let v = Vault::unlock(&path, &pw).unwrap();
        let t_unlock = t.elapsed();
        let l = v.list().unwrap();
        let t_list = t.elapsed();
        assert_eq!(l.len(), n);
        drop(l);
        drop(v);
        let t_all = t.elapsed();
        println!(
            "unlock {:.1} ms, +list {:.1} ms, +drop {:.1} ms",
            t_unlock.as_secs_f64() * 1e3,
            (t_list - t_unlock).as_secs_f64() * 1e3,
            (t_all - t_list).as_secs_f64() * 1e3
        );
    }
}

#[allow(dead_code)]
pub fn micro() {
    use coffre_secret::SecretBytes;
    let key = SecretBytes::new(vec![7; 32]);
    let metas: Vec<KeyMeta> = (0..10_000)
        .map(|i| {
            let mut m = KeyMeta::new("binance", format!("bench key {i}"));
            m.notes = "used by the grid bot on the VPS".into();
            m.platforms = vec!["freqtrade".into()];
            m.tags = vec!["bot".into(), "spot".into()];
            m.api_key_hint = "benc…wxyz".into();
            m
        })
        .collect();
    let plains: Vec<Vec<u8>> = metas
        .iter()
        .map(|m| serde_json::to_vec(m).unwrap())
        .collect();
    println!(
        "json len {}  sizeof KeyMeta {}",
        plains[0].len(),
        std::mem::size_of::<KeyMeta>()
    );
    println!("{}", String::from_utf8_lossy(&plains[0]));
    let sealed: Vec<Vec<u8>> = plains
        .iter()
        .map(|p| {
            coffre_vault::envelope::seal(
                &key,
                b"aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad",
                p,
            )
        })
        .collect();
    for _ in 0..3 {
        let t = Instant::now();
        let opened: Vec<_> = sealed
            .iter()
            .map(|s| {
                coffre_vault::envelope::open(
                    &key,
                    b"aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad-aad",
                    s,
                )
                .unwrap()
            })
            .collect();
        let t_open = t.elapsed();
        let t = Instant::now();
        let parsed: Vec<KeyMeta> = opened
            .iter()
            .map(|p| KeyMeta::from_plaintext(p).unwrap())
            .collect();
        let t_parse = t.elapsed();
        let t = Instant::now();
        let cloned: Vec<KeyMeta> = parsed.to_vec();
        let t_clone = t.elapsed();
        let t = Instant::now();
        drop(cloned);
        let t_drop = t.elapsed();
        let t = Instant::now();
        let dts: Vec<chrono::DateTime<chrono::Utc>> = parsed
            .iter()
            .map(|m| serde_json::from_str(&serde_json::to_string(&m.created_at).unwrap()).unwrap())
            .collect();
        let t_dt = t.elapsed();
        drop(dts);
        println!("serial 10k: open {:.1} ms, parse {:.1} ms, clone {:.1} ms, drop {:.1} ms, (dt ser+de {:.1} ms)", t_open.as_secs_f64()*1e3, t_parse.as_secs_f64()*1e3, t_clone.as_secs_f64()*1e3, t_drop.as_secs_f64()*1e3, t_dt.as_secs_f64()*1e3);
    }
}

#[allow(dead_code)]
pub fn micro2() {
    use coffre_secret::SecretBytes;
    let key = SecretBytes::new(vec![7; 32]);
    let lens: Vec<usize> = std::env::var("LENS")
        .map(|s| s.split(',').map(|x| x.parse().unwrap()).collect())
        .unwrap_or(vec![0, 64, 392, 4_000_000]);
    for &len in &lens {
        let n = if len > 100_000 { 1 } else { 10_000 };
        let p = vec![b'x'; len];
        let sealed: Vec<Vec<u8>> = (0..n)
            .map(|_| coffre_vault::envelope::seal(&key, b"aad", &p))
            .collect();
        let mut best = f64::MAX;
        for _ in 0..10 {
            let t = Instant::now();
            for s in &sealed {
                std::hint::black_box(coffre_vault::envelope::open(&key, b"aad", s).unwrap());
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!("open len {len}: {:.3} µs each", best / n as f64 * 1e6);
        let mut best = f64::MAX;
        for _ in 0..10 {
            let t = Instant::now();
            for s in &sealed {
                std::hint::black_box(sha2::Sha256::digest(s));
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!("sha256 len {len}: {:.3} µs each", best / n as f64 * 1e6);
    }
}

fn make(path: &std::path::Path, n: usize, pw: &SecretString) {
    if path.exists() {
        return;
    }
    let kdf = KdfParams {
        mib: 64,
        passes: 3,
        lanes: 1,
    };
    let mut v = Vault::create(path, pw, kdf).unwrap();
    if n > 0 {
        v.add_many(
            (0..n)
                .map(|i| {
                    let mut m = KeyMeta::new("binance", format!("bench key {i}"));
                    m.notes = "used by the grid bot on the VPS".into();
                    m.platforms = vec!["freqtrade".into()];
                    m.tags = vec!["bot".into(), "spot".into()];
                    (
                        m,
                        Credentials {
                            api_key: format!("bench-api-key-{i:08}-abcdefghijklmnopqrstuvwxyz")
                                .into(),
                            secret: format!(
                                "bench-secret-{i:08}-0123456789abcdefghijklmnopqrstuvwxyz"
                            )
                            .into(),
                            passphrase: Some("passphrase".into()),
                            key_type: KeyType::Hmac,
                        },
                    )
                })
                .collect(),
        )
        .unwrap();
    }
}

fn pairs() {
    let pw = SecretString::from("correct horse battery staple");
    let dir = std::path::PathBuf::from("/tmp/coffre-prof");
    let e = dir.join("v0.coffre");
    let f = dir.join("v10000.coffre");
    make(&e, 0, &pw);
    make(&f, 10_000, &pw);
    let one = |p: &std::path::Path| {
        let c0 = process_cpu();
        let t = Instant::now();
        let v = Vault::unlock(p, &pw).unwrap();
        let a = t.elapsed().as_secs_f64();
        let kdf = v.kdf_elapsed().unwrap().as_secs_f64();
        let l = v.list().unwrap();
        let b = t.elapsed().as_secs_f64();
        let cpu = process_cpu() - c0;
        drop(l);
        drop(v);
        let c = t.elapsed().as_secs_f64();
        (a, b - a, c - b, kdf, cpu)
    };
    one(&e);
    one(&f);
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9);
    let mut d = Vec::new();
    let mut dc = Vec::new();
    let mut dk = Vec::new();
    for _ in 0..runs {
        let x = one(&e);
        let y = one(&f);
        println!("empty unlock {:.1} (kdf {:.1}) | 10k unlock {:.1} (kdf {:.1}) list {:.1} drop {:.1} | over-empty {:.1} ms, after-kdf {:.1}",
            x.0*1e3, x.3*1e3, y.0*1e3, y.3*1e3, y.1*1e3, y.2*1e3, (y.0+y.1-x.0-x.1)*1e3, (y.0-y.3+y.1)*1e3 - (x.0-x.3+x.1)*1e3);
        d.push(y.0 + y.1 - x.0 - x.1);
        dc.push(y.4 - x.4);
        dk.push((y.0 - y.3 + y.1) - (x.0 - x.3 + x.1));
    }
    dc.sort_by(f64::total_cmp);
    dk.sort_by(f64::total_cmp);
    println!("median cpu over-empty: {:.1} ms; median after-kdf over-empty {:.1} ms", dc[dc.len()/2]*1e3, dk[dk.len()/2]*1e3);
    d.sort_by(f64::total_cmp);
    println!(
        "median over-empty (unlock+list): {:.1} ms",
        d[d.len() / 2] * 1e3
    );
}

#[allow(dead_code)]
pub fn micro3() {
    let metas: Vec<KeyMeta> = (0..10_000)
        .map(|i| {
            let mut m = KeyMeta::new("binance", format!("bench key {i}"));
            m.notes = "used by the grid bot on the VPS".into();
            m.platforms = vec!["freqtrade".into()];
            m.tags = vec!["bot".into(), "spot".into()];
            m.api_key_hint = "benc…wxyz".into();
            m
        })
        .collect();
    let plains: Vec<Vec<u8>> = metas
        .iter()
        .map(|m| serde_json::to_vec(m).unwrap())
        .collect();
    let what = std::env::var("WHAT").unwrap_or_default();
    for _ in 0..20 {
        let t = Instant::now();
        let c0 = thread_cpu();
        if what == "str" {
            let parsed: Vec<KeyMeta> = plains
                .iter()
                .map(|p| serde_json::from_str(std::str::from_utf8(p).unwrap()).unwrap())
                .collect();
            std::hint::black_box(&parsed);
        } else if what == "clone" {
            let c: Vec<KeyMeta> = metas.to_vec();
            std::hint::black_box(&c);
        } else {
            let parsed: Vec<KeyMeta> = plains
                .iter()
                .map(|p| KeyMeta::from_plaintext(p).unwrap())
                .collect();
            std::hint::black_box(&parsed);
        }
        let _ = t;
        println!("{what} 10k: {:.2} ms cpu", (thread_cpu() - c0) * 1e3);
    }
}

pub fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}
pub fn process_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}
