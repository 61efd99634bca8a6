//! Issue 14 in the real window: a Risky key shows every reason (several share one code) with its
//! "Send to" button, an exchange that cannot be reached reads "Couldn't check" (not "does not
//! work"), and the demo opens checked, its Check all run going on without its page.

use crate::driver::{Driver, Profile, TestResult};
use crate::session::App;
use crate::ui;

/// Two reasons of one code (`ip_whitelist_missing`, one per Binance rule) for 3Commas.
const RISKY_KEY: &str = "Binance no IP restriction";
/// Its mock exchange answers "unavailable".
const DOWN_KEY: &str = "Gate unavailable";

/// Waits on the Check all page, without starting anything, until the demo's own run is done.
async fn wait_for_the_demos_check(app: &App) -> TestResult {
    app.click("nav-check-all").await?;
    app.el("check-all-list").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let rows = app
            .client()
            .find_all(fantoccini::Locator::Css("[data-testid=\"check-all-row\"]"))
            .await?;
        let mut pending = 0;
        for row in &rows {
            pending += usize::from(row.attr("data-state").await?.as_deref() != Some("done"));
        }
        if !rows.is_empty() && pending == 0 {
            return Ok(());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "the demo's check: {pending} keys not done"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn risky_reasons_couldnt_check_and_the_demo_checked_when_it_opens() -> TestResult {
    let profile = Profile::new()?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, "verdict_states").await?;
    let outcome = async {
        ui::start_demo(&app).await?;
        // Nobody pressed "Check all": the demo did, and the page shows its run.
        wait_for_the_demos_check(&app).await?;
        let risky = app
            .wait_css(&format!(
                "[data-testid=\"check-all-row\"][data-label=\"{RISKY_KEY}\"]"
            ))
            .await?;
        ensure!(
            risky.attr("data-outcome").await?.as_deref() == Some("risky"),
            "{RISKY_KEY} is not risky in Check all"
        );
        let down = app
            .wait_css(&format!(
                "[data-testid=\"check-all-row\"][data-label=\"{DOWN_KEY}\"]"
            ))
            .await?;
        ensure!(
            down.attr("data-outcome").await?.as_deref() == Some("couldnt_check"),
            "{DOWN_KEY} is not \"couldn't check\""
        );
        // A row opens its key.
        risky
            .find(fantoccini::Locator::Css("[data-testid=\"check-all-open\"]"))
            .await?
            .click()
            .await?;
        app.wait_text("detail-label", RISKY_KEY).await?;
        app.wait_css(
            "[data-testid=\"platform-verdict\"][data-platform=\"3commas\"][data-verdict=\"risky\"]",
        )
        .await?;
        let same_code = app
            .client()
            .find_all(fantoccini::Locator::Css(
                "[data-testid=\"verdict-reason\"][data-code=\"ip_whitelist_missing\"]",
            ))
            .await?
            .len();
        ensure!(same_code >= 2, "only {same_code} of its reasons shown");
        app.el("send-to-3commas").await?;

        ui::open_key(&app, DOWN_KEY).await?;
        ui::check_now(&app).await?;
        let result = app.el("check-result").await?;
        ensure!(
            result.attr("data-state").await?.as_deref() == Some("unreachable"),
            "an exchange down reads as {:?}",
            result.attr("data-state").await?
        );
        let said = app.el("check-outcome").await?.text().await?;
        ensure!(!said.contains("does not work"), "said {said:?}");
        app.el("never-read").await?;
        Ok(())
    }
    .await;
    app.finish(outcome).await
}
