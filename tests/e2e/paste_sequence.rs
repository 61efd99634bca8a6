//! "Send to Bitsgap": Coffre puts the key's fields on the clipboard one at a time, in the order of
//! Bitsgap's form, each when the user presses Copy, and wipes the clipboard when the user is done;
//! once the clipboard timer has wiped a value, "Copy again" puts it back.

use coffre_mock_exchange::MockAccount;

use crate::clipboard;
use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::session::App;
use crate::ui;

/// The demo vault's healthy Binance key (labels come from the mock's demo set).
const DEMO_KEY: &str = "Binance main";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn send_to_bitsgap_puts_key_then_secret_on_the_clipboard_and_clears_it() -> TestResult {
    let account = first_demo_account("binance")?;
    let profile = Profile::new()?;
    // Longer than the whole sequence: only Done may take the last value off the clipboard.
    fixtures::write_settings(&profile, 120)?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, "paste_sequence").await?;
    let outcome = async {
        // The demo's keys point at loopback mocks, so the check works without base URL overrides.
        ui::start_demo(&app).await?;
        ui::open_key(&app, DEMO_KEY).await?;
        ui::assign_platform(&app, "bitsgap").await?;
        ui::check_now(&app).await?;
        ui::assert_check_passed(&app).await?;

        app.click("send-to-bitsgap").await?;
        app.el("paste-dialog").await?;
        let mut fields = Vec::new();
        while !app.is_shown("paste-finished").await? {
            let step = app
                .wait_css("[data-testid=\"paste-step\"][data-state=\"current\"]")
                .await?;
            let field = step.attr("data-field").await?.unwrap_or_default();
            let expected = match field.as_str() {
                "api_key" => account.api_key.as_str(),
                "secret" => account.secret.as_str(),
                other => return Err(format!("unexpected step {other:?} for Binance").into()),
            };
            // Nothing goes on the clipboard before the user asks: the step's timer starts with
            // its Copy, not when the dialog opens or the step comes up.
            let ours = [account.api_key.as_str(), account.secret.as_str()];
            ensure!(
                clipboard::read()?.is_none_or(|t| !ours.contains(&t.as_str())),
                "the {field} step put a value on the clipboard before Copy was pressed"
            );
            app.click("paste-copy").await?;
            clipboard::wait_until(|text| text == Some(expected)).await?;
            fields.push(field);
            app.click("paste-next").await?;
            // Wait for the step to move on before reading it again.
            let moved = format!(
                "[data-testid=\"paste-step\"][data-field=\"{}\"][data-state=\"done\"]",
                fields.last().map(String::as_str).unwrap_or_default()
            );
            app.wait_css(&moved).await?;
        }
        ensure!(
            fields == ["api_key", "secret"],
            "Bitsgap's form asks for the API key then the secret, got {fields:?}"
        );
        let ours = [account.api_key.as_str(), account.secret.as_str()];
        clipboard::wait_until(|text| text.is_none_or(|t| !ours.contains(&t))).await?;

        app.click("paste-done").await?;
        app.wait_hidden("paste-dialog").await?;
        Ok(())
    }
    .await;
    app.finish(outcome).await?;
    Ok(())
}

/// The shortest clipboard clear the settings accept (src-tauri/settings.rs).
const SHORTEST_CLEAR_S: u32 = 5;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn copy_again_puts_the_value_back_after_the_timer_cleared_it() -> TestResult {
    let account = first_demo_account("binance")?;
    let profile = Profile::new()?;
    fixtures::write_settings(&profile, SHORTEST_CLEAR_S)?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, "paste_sequence_copy_again").await?;
    let outcome = async {
        ui::start_demo(&app).await?;
        ui::open_key(&app, DEMO_KEY).await?;
        app.click("send-to-bitsgap").await?;
        app.el("paste-dialog").await?;
        app.wait_css(
            "[data-testid=\"paste-step\"][data-field=\"api_key\"][data-state=\"current\"]",
        )
        .await?;
        let copy = app.el("paste-copy").await?;
        let first_label = copy.text().await?;
        app.click("paste-copy").await?;
        clipboard::wait_until(|text| text == Some(account.api_key.as_str())).await?;

        // The timer takes it off the clipboard, and the dialog says so (not "on the clipboard").
        clipboard::wait_until(|text| text != Some(account.api_key.as_str())).await?;
        app.wait_css("[data-testid=\"paste-countdown\"][data-remaining=\"0\"]")
            .await?;
        app.wait_text("paste-countdown", "The clipboard was cleared.")
            .await?;
        let step = app
            .wait_css("[data-testid=\"paste-step\"][data-state=\"current\"]")
            .await?
            .text()
            .await?;
        ensure!(
            !step.contains("On the clipboard"),
            "the cleared step still says {step:?}"
        );
        let again = app.el("paste-copy").await?.text().await?;
        ensure!(
            again.contains("Copy again") && again != first_label,
            "after the clear the button reads {again:?} (before: {first_label:?})"
        );

        app.click("paste-copy").await?;
        clipboard::wait_until(|text| text == Some(account.api_key.as_str())).await?;
        // Still the API key's step: copying again does not move the sequence on.
        app.wait_css(
            "[data-testid=\"paste-step\"][data-field=\"api_key\"][data-state=\"current\"]",
        )
        .await?;
        app.wait_text("paste-countdown", "Clipboard cleared in")
            .await?;
        app.click("paste-cancel").await?;
        app.wait_hidden("paste-dialog").await?;
        clipboard::wait_until(|text| text != Some(account.api_key.as_str())).await?;
        Ok(())
    }
    .await;
    app.finish(outcome).await
}

/// The demo set's first account on `exchange`: the demo vault numbers keys in this order.
fn first_demo_account(exchange: &str) -> TestResult<MockAccount> {
    coffre_mock_exchange::demo_accounts()
        .into_iter()
        .find(|a| a.exchange == exchange)
        .ok_or_else(|| format!("no {exchange} account in the demo set").into())
}
