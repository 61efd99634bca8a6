//! The keyboard alone: create the vault, add a key (pasted with Ctrl+V, which goes through Rust),
//! lock with Ctrl+L, unlock, and reach the first key in at most three Tabs. No click anywhere.

use fantoccini::key::Key;

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::session::App;

/// Sends keys to whatever has focus, as a keyboard does.
async fn press(app: &App, keys: &str) -> TestResult {
    app.client().active_element().await?.send_keys(keys).await?;
    Ok(())
}

fn tab() -> String {
    Key::Tab.to_string()
}

/// The test id of the focused element ("" if it has none).
async fn focused(app: &App) -> TestResult<String> {
    let el = app.client().active_element().await?;
    Ok(el.attr("data-testid").await?.unwrap_or_default())
}

/// Presses Tab until the element `id` has focus; fails after `max` presses. Returns how many it took.
async fn tab_to(app: &App, id: &str, max: usize) -> TestResult<usize> {
    for n in 1..=max {
        press(app, &tab()).await?;
        if focused(app).await? == id {
            return Ok(n);
        }
    }
    Err(format!(
        "{id} not reached in {max} Tabs (focus on {:?})",
        focused(app).await?
    )
    .into())
}

/// Waits (bounded by the session's own waits) until `id` has focus.
async fn wait_focus(app: &App, id: &str) -> TestResult {
    app.el(id).await?;
    for _ in 0..50 {
        if focused(app).await? == id {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("{id} never took focus (focus on {:?})", focused(app).await?).into())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn add_a_key_and_lock_with_the_keyboard_only() -> TestResult {
    let password = fixtures::master_password();
    let creds = fixtures::binance_creds();
    let profile = Profile::new()?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, "keyboard").await?;
    let outcome = async {
        // First run starts in the password field; Enter in the second one creates the vault.
        wait_focus(&app, "password").await?;
        press(&app, &password).await?;
        tab_to(&app, "password-confirm", 2).await?;
        press(&app, &(password.clone() + &Key::Enter.to_string())).await?;
        app.el_after_kdf("nav-keys").await?;

        // Ctrl+N opens the add form on its first field, the exchange.
        press(&app, &(Key::Control + "n")).await?;
        wait_focus(&app, "exchange-select").await?;
        press(&app, "Binance").await?;
        let chosen = app.el("exchange-select").await?.prop("value").await?;
        ensure!(
            chosen.as_deref() == Some("binance"),
            "typing chose {chosen:?}"
        );

        app.copy_to_clipboard(&creds.api_key)?;
        tab_to(&app, "api-key-input", 40).await?;
        press(&app, &(Key::Control + "v")).await?;
        app.el("api-key-input-ok").await?;
        app.copy_to_clipboard(&creds.secret)?;
        tab_to(&app, "secret-input", 6).await?;
        press(&app, &(Key::Control + "v")).await?;
        app.el("secret-input-ok").await?;
        tab_to(&app, "label-input", 6).await?;
        press(&app, &("Keyboard bot".to_owned() + &Key::Enter.to_string())).await?;
        app.el("detail-label").await?;

        // Ctrl+L locks; the unlock screen is ready to type into.
        press(&app, &(Key::Control + "l")).await?;
        app.el("unlock").await?;
        wait_focus(&app, "password").await?;
        press(&app, &(password.clone() + &Key::Enter.to_string())).await?;
        app.el_after_kdf("key-list").await?;

        // The skip link is the first Tab; Enter on it lands on the first key.
        let tabs = tab_to(&app, "skip-to-keys", 3).await?;
        press(&app, &Key::Enter.to_string()).await?;
        wait_focus(&app, "key-row").await?;
        ensure!(tabs <= 3, "{tabs} Tabs to the first key");
        // Enter opens it, Escape-free way back: the key's page shows its label.
        press(&app, &Key::Enter.to_string()).await?;
        let label = app.text("detail-label").await?;
        ensure!(label.contains("Keyboard bot"), "opened {label:?}");
        Ok(())
    }
    .await;
    app.finish(outcome).await
}
