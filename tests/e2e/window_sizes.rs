//! The main screens at the smallest window Coffre allows (760×520, tauri.conf.json) and at the
//! default size, in English, French and Vietnamese, for looking at (saved under the target dir's
//! `window-sizes/`). At the small size it also checks what a user would miss: the top bar and its
//! Lock button stay on screen while the page scrolls, and the top bar keeps to one line.

use std::path::{Path, PathBuf};

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::session::App;
use crate::ui;

const SIZES: [(u32, u32); 2] = [(760, 520), (1100, 720)];

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn main_screens_fit_the_smallest_window_in_every_language() -> TestResult {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("window-sizes");
    std::fs::create_dir_all(&out)?;
    for lang in ["en", "fr", "vi"] {
        let profile = Profile::new()?;
        fixtures::write_settings_in(&profile, 20, lang)?;
        let driver = Driver::start(&profile, &[])?;
        let app = App::launch(&driver, &format!("window-sizes-{lang}")).await?;
        let outcome = screens(&app, &out, lang).await;
        app.finish(outcome).await?;
    }
    Ok(())
}

async fn screens(app: &App, out: &Path, lang: &str) -> TestResult {
    let password = fixtures::master_password();
    ui::create_vault(app, &password).await?;
    ui::lock(app).await?;
    for (w, h) in SIZES {
        resize(app, w, h).await?;
        shoot(app, out, &format!("unlock-{lang}-{w}x{h}")).await?;
    }
    app.click("other-vault").await?;
    ui::start_demo(app).await?;
    for (w, h) in SIZES {
        resize(app, w, h).await?;
        app.click("nav-keys").await?;
        app.el("key-list").await?;
        shoot(app, out, &format!("inventory-{lang}-{w}x{h}")).await?;
        top_bar_stays(app, w).await?;

        ui::open_key(app, "Binance main").await?;
        // A copied value shows the clipboard countdown: it must not push Lock away.
        app.click("copy-api_key").await?;
        app.el("clipboard-countdown").await?;
        shoot(app, out, &format!("key-detail-{lang}-{w}x{h}")).await?;
        top_bar_stays(app, w).await?;

        ui::open_add_form(app).await?;
        app.el("exchange-select")
            .await?
            .select_by_value("okx")
            .await?;
        app.click("platform-bitsgap").await?;
        app.el("guide-item").await?;
        shoot(app, out, &format!("add-key-{lang}-{w}x{h}")).await?;
        app.click("cancel-add").await?;
    }
    Ok(())
}

/// Sets the window's outer size, then waits for the page to see the new width.
async fn resize(app: &App, w: u32, h: u32) -> TestResult {
    app.client().set_window_size(w, h).await?;
    for _ in 0..50 {
        let inner = app
            .client()
            .execute("return window.innerWidth", vec![])
            .await?;
        if inner
            .as_u64()
            .is_some_and(|iw| iw <= u64::from(w) && iw + 40 >= u64::from(w))
        {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("the window did not take the size {w}×{h}").into())
}

/// After scrolling to the bottom, Lock is still inside the window, no tab is cut off and the bar
/// is one line high.
async fn top_bar_stays(app: &App, width: u32) -> TestResult {
    let found = app
        .client()
        .execute(
            r#"window.scrollTo(0, document.body.scrollHeight);
               const lock = document.querySelector('[data-testid="lock"]').getBoundingClientRect();
               const bar = document.querySelector('.topbar').getBoundingClientRect();
               const nav = document.querySelector('.topbar nav').getBoundingClientRect();
               const clipped = [...document.querySelectorAll('.topbar nav .tab')]
                 .filter((t) => t.getBoundingClientRect().right > nav.right + 1).length;
               return [lock.top, lock.right, bar.height, clipped];"#,
            vec![],
        )
        .await?;
    let nums: Vec<f64> = found
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    ensure!(nums.len() == 4, "no top bar measured: {found}");
    let (top, right, height, clipped) = (nums[0], nums[1], nums[2], nums[3]);
    ensure!(
        clipped.total_cmp(&0.0).is_eq(),
        "{clipped} tab(s) cut off at the bar's end"
    );
    ensure!((0.0..40.0).contains(&top), "Lock scrolled away (top {top})");
    ensure!(
        right.total_cmp(&f64::from(width)).is_le(),
        "Lock off screen (right {right} > {width})"
    );
    ensure!(
        height.total_cmp(&70.0).is_lt(),
        "the top bar wraps ({height} px high)"
    );
    app.client()
        .execute("window.scrollTo(0, 0)", vec![])
        .await?;
    Ok(())
}

async fn shoot(app: &App, dir: &Path, name: &str) -> TestResult {
    // Let layout and fonts settle before the picture.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let file = dir.join(format!("{name}.png"));
    app.screenshot_to(&file).await?;
    ensure!(
        std::fs::metadata(&file)?.len() > 1000,
        "{name}.png is empty"
    );
    Ok(())
}
