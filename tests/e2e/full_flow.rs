//! The whole life of a vault in the real window, against loopback mock exchanges: create, paste two
//! keys, check them, copy a secret and see the clipboard cleared, lock, unlock, restart.

use std::time::{Duration, Instant};

use crate::clipboard;
use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures::{self, Creds};
use crate::session::App;
use crate::ui;

const CLEAR_AFTER_S: u32 = 5;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn pasted_keys_are_checked_copied_cleared_and_survive_a_restart() -> TestResult {
    let password = fixtures::master_password();
    let binance = fixtures::binance_creds();
    let okx = fixtures::okx_creds();
    let mocks = fixtures::start_mocks(&[("binance", &binance), ("okx", &okx)]).await?;
    let profile = Profile::new()?;
    fixtures::write_settings(&profile, CLEAR_AFTER_S)?;
    let driver = Driver::start(&profile, &fixtures::base_url_env(&mocks))?;

    let app = App::launch(&driver, "full_flow").await?;
    let outcome = first_session(&app, &password, &binance, &okx).await;
    app.finish(outcome).await?;

    let app = App::launch(&driver, "full_flow_after_restart").await?;
    let outcome = async {
        ui::unlock(&app, &password).await?;
        let labels = ui::key_labels(&app).await?;
        ensure!(
            labels.contains(&"Binance main".to_owned()),
            "keys after restart: {labels:?}"
        );
        ensure!(
            labels.contains(&"OKX bot".to_owned()),
            "keys after restart: {labels:?}"
        );
        ui::open_key(&app, "OKX bot").await?;
        // The last check was saved with the key.
        ui::assert_check_passed(&app).await?;
        // A reveal is sealed by Rust to the page's one-time key and opened by WebCrypto: the page
        // shows exactly the stored value.
        app.click("reveal-passphrase").await?;
        let shown = app.text("revealed-passphrase").await?;
        ensure!(
            Some(shown.trim()) == okx.passphrase.as_deref(),
            "the revealed passphrase is not the key's"
        );
        Ok(())
    }
    .await;
    app.finish(outcome).await?;
    mocks.shutdown().await;
    Ok(())
}

async fn first_session(app: &App, password: &str, binance: &Creds, okx: &Creds) -> TestResult {
    ui::create_vault(app, password).await?;

    ui::add_key(app, &fixtures::pasted("binance", "Binance main", binance)).await?;
    ui::check_now(app).await?;
    ui::assert_check_passed(app).await?;
    copy_secret_and_see_it_cleared(app, &binance.secret).await?;

    ui::add_key(app, &fixtures::pasted("okx", "OKX bot", okx)).await?;
    ui::check_now(app).await?;
    ui::assert_check_passed(app).await?;

    ui::lock(app).await?;
    ensure!(
        !app.is_shown("key-list").await?,
        "keys still shown while locked"
    );
    ui::unlock(app, password).await?;
    let labels = ui::key_labels(app).await?;
    ensure!(labels.len() == 2, "keys after unlock: {labels:?}");
    Ok(())
}

/// Copy puts the exact secret on the X clipboard; Coffre takes it off after the set delay.
async fn copy_secret_and_see_it_cleared(app: &App, secret: &str) -> TestResult {
    app.click("copy-secret").await?;
    app.el("clipboard-countdown").await?;
    let copied_at = Instant::now();
    clipboard::wait_until(|text| text == Some(secret)).await?;

    clipboard::wait_until(|text| text != Some(secret)).await?;
    let cleared_after = copied_at.elapsed();
    ensure!(
        cleared_after >= Duration::from_secs(u64::from(CLEAR_AFTER_S) - 1),
        "cleared too early ({cleared_after:?})"
    );
    Ok(())
}
