//! After "Lock", no process of the app — the main one, WebKit's web content process and its
//! network process — may hold a copy of the master password, an API key, a secret or a passphrase,
//! although in this run the user typed the password, pasted two keys (one with a passphrase),
//! copied a secret, ran a check, and later revealed a secret and a passphrase. The lock ends the
//! page's web content process (a new one shows the unlock screen): the test sees it replaced.

use std::time::Duration;

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures::{self, Creds};
use crate::memory::{self, Needle};
use crate::session::App;
use crate::ui;
use crate::{clipboard, procs};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn locked_app_keeps_no_copy_of_password_secret_or_api_key() -> TestResult {
    let password = fixtures::master_password();
    let binance = fixtures::binance_creds();
    let okx = fixtures::okx_creds();
    let mocks = fixtures::start_mocks(&[("binance", &binance), ("okx", &okx)]).await?;
    let profile = Profile::new()?;
    // Long enough that only Lock, not the timer, can have taken the secret off the clipboard.
    fixtures::write_settings(&profile, 120)?;
    let mut env = fixtures::base_url_env(&mocks);
    // Debug builds honour this so /proc/PID/mem can be read (coffre_vault::harden_process).
    env.push(("COFFRE_ALLOW_PTRACE".into(), "1".into()));
    // The real lock: the page's process is ended, which also ends the WebDriver session (see
    // src-tauri/webview.rs), so each part below is one run of the app.
    env.push((
        coffre_app_lib::webview::END_WEB_PROCESS_UNDER_AUTOMATION.into(),
        "1".into(),
    ));
    let needles = needles(&password, &binance, &okx);

    // First run: type the password, paste two keys (one with a passphrase), check, copy, lock.
    let driver = Driver::start(&profile, &env)?;
    let app = App::launch(&driver, "memory_after_lock").await?;
    let outcome = async {
        ui::create_vault(&app, &password).await?;
        ui::add_key(&app, &fixtures::pasted("binance", "Memory probe", &binance)).await?;
        ui::add_key(&app, &fixtures::pasted("okx", "Memory probe OKX", &okx)).await?;
        ui::open_key(&app, "Memory probe").await?;
        ui::check_now(&app).await?;
        app.click("copy-secret").await?;
        app.el("clipboard-countdown").await?;
        ensure!(
            clipboard::read()?.as_deref() == Some(binance.secret.as_str()),
            "the secret did not reach the clipboard"
        );
        lock_and_scan(&app, &needles, "after paste, copy, check and lock").await
    }
    .await;
    app.abandon(outcome).await?;
    drop(driver);

    // Second run: unlock and reveal a secret and a passphrase in the page, then lock.
    let driver = Driver::start(&profile, &env)?;
    let app = App::launch(&driver, "memory_after_reveal").await?;
    let outcome = async {
        ui::unlock(&app, &password).await?;
        ui::open_key(&app, "Memory probe OKX").await?;
        // Only waited for, never read: WebDriver reads text through the app's main process, which
        // would leave there the copy this test looks for (full_flow checks the revealed value).
        app.click("reveal-passphrase").await?;
        app.el("revealed-passphrase").await?;
        app.click("reveal-secret").await?;
        app.el("revealed-secret").await?;
        lock_and_scan(&app, &needles, "after reveal and lock").await
    }
    .await;
    app.abandon(outcome).await?;
    mocks.shutdown().await;
    Ok(())
}

/// Presses Lock, checks the page's process was replaced, and scans every process of the app.
async fn lock_and_scan(app: &App, needles: &[Needle], when: &str) -> TestResult {
    let before = web_processes(app);
    ensure!(!before.is_empty(), "no web content process before lock");
    // The click's own answer may be lost: ending the page's process ends the WebDriver session.
    let button = app.el("lock").await?;
    let _ = button.click().await;
    // Let the lock's clean-up, the old web process's exit and the new page's load finish.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after = web_processes(app);
    ensure!(
        !after.is_empty() && before.iter().all(|pid| !after.contains(pid)),
        "{when}: the page's process was not replaced: {before:?} → {after:?}"
    );
    assert_no_copy_anywhere(app, needles, when)
}

fn needles(password: &str, binance: &Creds, okx: &Creds) -> Vec<Needle> {
    let passphrase = okx
        .passphrase
        .as_deref()
        .expect("OKX keys have a passphrase");
    [
        ("master password", password),
        ("secret", binance.secret.as_str()),
        ("API key", binance.api_key.as_str()),
        ("OKX secret", okx.secret.as_str()),
        ("OKX API key", okx.api_key.as_str()),
        ("passphrase", passphrase),
    ]
    .iter()
    .flat_map(|(label, text)| Needle::both_encodings(label, text))
    .collect()
}

/// WebKit's web content processes under the app.
fn web_processes(app: &App) -> Vec<u32> {
    procs::descendants(app.pid())
        .into_iter()
        .filter(|pid| procs::comm(*pid).is_some_and(|c| c.starts_with("WebKitWebProces")))
        .collect()
}

/// Scans the main process and every process under it; any copy fails the test.
fn assert_no_copy_anywhere(app: &App, needles: &[Needle], when: &str) -> TestResult {
    let mut found = Vec::new();
    let mut scanned = 0;
    for pid in std::iter::once(app.pid()).chain(procs::descendants(app.pid())) {
        let name = procs::comm(pid).unwrap_or_default();
        // A process that ended since it was listed has nothing left to read.
        let Ok(report) = memory::scan(pid, needles) else {
            continue;
        };
        scanned += 1;
        eprintln!(
            "{when}: {name} ({pid}): scanned {} MiB, {} unreadable regions, {} copies",
            report.bytes_scanned >> 20,
            report.unreadable_regions,
            report.hits.len()
        );
        if pid == app.pid() {
            ensure!(report.bytes_scanned > 1 << 20, "scanned almost nothing");
        }
        found.extend(report.hits.iter().map(|h| format!("{name} ({pid}): {h}")));
    }
    ensure!(scanned >= 2, "{when}: only {scanned} process(es) scanned");
    ensure!(
        found.is_empty(),
        "{when}: copies left after lock:\n  {}",
        found.join("\n  ")
    );
    Ok(())
}
