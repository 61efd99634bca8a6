//! The README's pictures, taken from the real window: first run, unlock, the demo inventory, a key
//! with its check result, and the add form with its guide checklist (also in French and Vietnamese,
//! for looking at, not for the README). Saved under the target dir;
//! `COFFRE_UPDATE_SCREENSHOTS=1` also copies them to docs/screenshots/.

use std::path::{Path, PathBuf};

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::session::App;
use crate::ui;

/// A healthy demo key, so the detail shows balances, permissions and a platform verdict.
const DETAIL_KEY: &str = "Binance main";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn readme_screens_show_what_they_describe() -> TestResult {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&out)?;
    let profile = Profile::new()?;
    fixtures::write_settings(&profile, 20)?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, "screenshots").await?;
    let outcome = async {
        app.el("create-form").await?;
        let password = fixtures::master_password();
        app.fill("password", &password).await?;
        app.fill("password-confirm", &password).await?;
        app.el("create-vault").await?;
        shoot(&app, &out, "first-run").await?;

        // A normal vault's unlock screen (locking the demo would end it and show the first run).
        ui::create_vault(&app, &password).await?;
        ui::lock(&app).await?;
        shoot(&app, &out, "unlock").await?;

        app.click("other-vault").await?;
        ui::start_demo(&app).await?;
        ui::check_all(&app).await?;
        app.click("nav-keys").await?;
        app.el("key-status").await?;
        shoot(&app, &out, "inventory").await?;

        ui::open_add_form(&app).await?;
        app.el("exchange-select")
            .await?
            .select_by_value("binance")
            .await?;
        app.click("platform-3commas").await?;
        app.el("guide-item").await?;
        shoot(&app, &out, "add-key").await?;
        app.click("cancel-add").await?;

        // Last: the Platforms panel needs the shell's verdict commands.
        ui::open_key(&app, DETAIL_KEY).await?;
        ui::assign_platform(&app, "bitsgap").await?;
        ui::check_now(&app).await?;
        shoot(&app, &out, "key-detail").await?;

        Ok(())
    }
    .await;
    app.finish(outcome).await?;

    // The add form as French- and Vietnamese-speaking traders see it (target dir only).
    for lang in ["fr", "vi"] {
        let profile = Profile::new()?;
        fixtures::write_settings_in(&profile, 20, lang)?;
        let driver = Driver::start(&profile, &[])?;
        let app = App::launch(&driver, &format!("screenshots-{lang}")).await?;
        let outcome = async {
            ui::create_vault(&app, &fixtures::master_password()).await?;
            ui::open_add_form(&app).await?;
            app.el("exchange-select")
                .await?
                .select_by_value("okx")
                .await?;
            app.click("platform-bitsgap").await?;
            app.el("guide-item").await?;
            shoot(&app, &out, &format!("add-key-{lang}")).await
        }
        .await;
        app.finish(outcome).await?;
    }

    if std::env::var_os("COFFRE_UPDATE_SCREENSHOTS").is_some_and(|v| v == "1") {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
        std::fs::create_dir_all(&docs)?;
        for name in ["first-run", "unlock", "inventory", "key-detail", "add-key"] {
            let file = format!("{name}.png");
            std::fs::copy(out.join(&file), docs.join(&file))?;
        }
    }
    Ok(())
}

/// The window's content as the WebDriver sees it (no X background around it).
async fn shoot(app: &App, dir: &Path, name: &str) -> TestResult {
    // Let transitions and fonts settle before the picture.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let file = dir.join(format!("{name}.png"));
    app.screenshot_to(&file).await?;
    ensure!(
        std::fs::metadata(&file)?.len() > 1000,
        "{name}.png is empty"
    );
    Ok(())
}
