//! Balances as a trader reads them, in the real window on the demo vault: the inventory's totals
//! per exchange open over the key list without moving a row (the smallest window has no line to
//! spare), and a checked key shows its total at the exchange's prices. In English, French and
//! Vietnamese at 760×520 and 1200×760, saved for looking at under the target dir's `holdings/`.

use std::path::{Path, PathBuf};

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::screen_walk::{self, HEALTHY_KEY};
use crate::session::App;
use crate::ui;
use crate::window_sizes::resize;

/// The smallest window and a large one (the virtual screen is 1280×800: a window as big as the
/// screen is refused).
const SIZES: [(u32, u32); 2] = [(760, 520), (1200, 760)];

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn totals_per_exchange_open_over_the_key_list_in_every_language() -> TestResult {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("holdings");
    std::fs::create_dir_all(&out)?;
    for lang in ["en", "fr", "vi"] {
        let profile = Profile::new()?;
        fixtures::write_settings_in(&profile, 20, lang)?;
        let driver = Driver::start(&profile, &[])?;
        let app = App::launch(&driver, &format!("holdings-{lang}")).await?;
        let outcome = screens(&app, &out, lang).await;
        app.finish(outcome).await?;
    }
    Ok(())
}

/// The first key row's top, the detail's right edge and the inventory head's height, in CSS pixels.
const MEASURE: &str = r#"
    const row = document.querySelector('[data-testid="key-row"]').getBoundingClientRect();
    const detail = document.querySelector('[data-testid="holdings-detail"]');
    const head = document.querySelector('[data-testid="key-count"]').parentElement;
    return [row.top, detail ? detail.getBoundingClientRect().right : -1, head.getBoundingClientRect().height];"#;

async fn measure(app: &App) -> TestResult<(f64, f64)> {
    let found = app.client().execute(MEASURE, vec![]).await?;
    let nums: Vec<f64> = found
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    ensure!(nums.len() == 3, "nothing measured: {found}");
    // One line of title, count, totals and buttons: the totals give way, nothing wraps for them.
    ensure!(
        nums[2].total_cmp(&60.0).is_lt(),
        "the inventory's head wraps ({} px high)",
        nums[2]
    );
    Ok((nums[0], nums[1]))
}

async fn screens(app: &App, out: &Path, lang: &str) -> TestResult {
    ui::start_demo(app).await?;
    // The demo checks every key as it opens; the totals come with the results (a busy machine
    // takes longer than one element wait for all of them).
    for attempt in 0.. {
        if app.is_shown("holdings-open").await? {
            break;
        }
        ensure!(attempt < 12, "no totals after the demo's checks");
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
    for (w, h) in SIZES {
        resize(app, w, h).await?;
        app.click("nav-keys").await?;
        app.el("key-list").await?;
        // The inventory comes back where it was scrolled: its head under the top bar.
        app.client()
            .execute("window.scrollTo(0, 0)", vec![])
            .await?;
        let (row_before, _) = measure(app).await?;
        app.click("holdings-open").await?;
        app.el("holdings-exchange").await?;
        let (row_after, right) = measure(app).await?;
        ensure!(
            (row_after - row_before).abs().total_cmp(&0.5).is_lt(),
            "opening the totals moved the key list ({row_before} → {row_after})"
        );
        ensure!(
            right.total_cmp(&f64::from(w)).is_le(),
            "the totals run off the window ({right} > {w})"
        );
        screen_walk::shoot(app, out, &format!("holdings-{lang}-{w}x{h}")).await?;
        app.click("holdings-open").await?;
        app.wait_hidden("holdings-detail").await?;

        ui::open_key(app, HEALTHY_KEY).await?;
        app.el("valuation-total").await?;
        app.client()
            .execute(
                "document.querySelector('[data-testid=\"balances\"]').scrollIntoView()",
                vec![],
            )
            .await?;
        screen_walk::shoot(app, out, &format!("key-value-{lang}-{w}x{h}")).await?;
        app.click("nav-check-all").await?;
        app.el("check-all-total").await?;
        screen_walk::shoot(app, out, &format!("check-all-{lang}-{w}x{h}")).await?;
    }
    Ok(())
}
