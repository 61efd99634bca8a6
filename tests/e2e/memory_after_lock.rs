//! After "Lock", the app's main process must hold no copy of the master password, a key's secret or
//! its API key, even though the user typed them, copied the secret and ran a check in this run.

use std::time::Duration;

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::memory::{self, Needle};
use crate::session::App;
use crate::ui::{self, PastedKey};
use crate::{clipboard, procs};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn locked_app_keeps_no_copy_of_password_secret_or_api_key() -> TestResult {
    let password = fixtures::master_password();
    let binance = fixtures::binance_creds();
    let mocks = fixtures::start_mocks(&[("binance", &binance)]).await?;
    let profile = Profile::new()?;
    // Long enough that only Lock, not the timer, can have taken the secret off the clipboard.
    fixtures::write_settings(&profile, 120)?;
    let mut env = fixtures::base_url_env(&mocks);
    // Debug builds honour this so /proc/PID/mem can be read (coffre_vault::harden_process).
    env.push(("COFFRE_ALLOW_PTRACE".into(), "1".into()));
    let driver = Driver::start(&profile, &env)?;

    let app = App::launch(&driver, "memory_after_lock").await?;
    let outcome = async {
        ui::create_vault(&app, &password).await?;
        let key = PastedKey {
            exchange: "binance",
            label: "Memory probe",
            platform: None,
            api_key: &binance.api_key,
            secret: &binance.secret,
            passphrase: None,
        };
        ui::add_key(&app, &key).await?;
        ui::check_now(&app).await?;
        app.click("copy-secret").await?;
        app.el("clipboard-countdown").await?;
        ensure!(
            clipboard::read()?.as_deref() == Some(binance.secret.as_str()),
            "the secret did not reach the clipboard"
        );
        ui::lock(&app).await?;
        // Let the lock's clean-up and any pending IPC replies finish.
        tokio::time::sleep(Duration::from_secs(2)).await;

        let needles: Vec<Needle> = [
            ("master password", password.as_str()),
            ("secret", binance.secret.as_str()),
            ("API key", binance.api_key.as_str()),
        ]
        .iter()
        .flat_map(|(label, text)| Needle::both_encodings(label, text))
        .collect();

        // The web content and network processes are WebKit's, outside Coffre's control: their
        // findings are printed for the record, not asserted.
        for helper in procs::descendants(app.pid()) {
            if let Ok(report) = memory::scan(helper, &needles) {
                let name = procs::comm(helper).unwrap_or_default();
                eprintln!(
                    "{name} ({helper}): {} copies (not asserted)",
                    report.hits.len()
                );
                for hit in &report.hits {
                    eprintln!("  {hit}");
                }
            }
        }

        let report = memory::scan(app.pid(), &needles)?;
        eprintln!(
            "{} ({}): scanned {} MiB, {} unreadable regions, {} copies",
            procs::APP_COMM,
            app.pid(),
            report.bytes_scanned >> 20,
            report.unreadable_regions,
            report.hits.len()
        );
        let hits: Vec<String> = report.hits.iter().map(|h| h.to_string()).collect();
        ensure!(
            hits.is_empty(),
            "copies left in the app's main process after lock:\n  {}",
            hits.join("\n  ")
        );
        ensure!(report.bytes_scanned > 1 << 20, "scanned almost nothing");
        Ok(())
    }
    .await;
    app.finish(outcome).await?;
    mocks.shutdown().await;
    Ok(())
}
