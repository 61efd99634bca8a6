//! Mistakes the window must catch: a wrong master password is refused with a message, and a bad
//! paste is flagged in place and cannot be saved.

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::session::App;
use crate::ui;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn wrong_password_and_bad_paste_show_errors_and_save_nothing() -> TestResult {
    let password = fixtures::master_password();
    let good = fixtures::binance_creds();
    let profile = Profile::new()?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, "bad_input").await?;
    let outcome = async {
        ui::create_vault(&app, &password).await?;
        ui::lock(&app).await?;

        app.fill("password", &format!("{password}x")).await?;
        app.click("unlock").await?;
        let error = app.el_after_kdf("unlock-error").await?.text().await?;
        ensure!(
            !error.trim().is_empty(),
            "wrong password gave an empty error"
        );
        ensure!(
            !app.is_shown("nav-keys").await?,
            "a wrong password opened the vault"
        );
        ui::unlock(&app, &password).await?;

        ui::open_add_form(&app).await?;
        app.el("exchange-select")
            .await?
            .select_by_value("binance")
            .await?;
        // Not a key at all (a space inside): refused, and the user's clipboard left alone.
        app.paste_into("api-key-input", "abc 123").await?;
        let error = app.el("api-key-input-error").await?.text().await?;
        ensure!(!error.trim().is_empty(), "bad API key gave an empty error");
        // Ctrl+V in the field pastes through Rust as the button does.
        app.copy_to_clipboard(&good.api_key)?;
        app.el("api-key-input").await?.click().await?;
        app.el("api-key-input")
            .await?
            .send_keys(&(fantoccini::key::Key::Control + "v"))
            .await?;
        app.el("api-key-input-ok").await?;
        app.fill("label-input", "Should not be saved").await?;
        // A truncated secret: flagged in place, and Save stays off.
        app.paste_into("secret-input", &good.secret[..20]).await?;
        app.el("secret-input-error").await?;
        let save = app.el("save-key").await?;
        ensure!(
            !save.is_enabled().await?,
            "save is enabled with a bad paste"
        );
        // The API key pasted again as the secret: each field alone looks right, but Rust judges
        // them together at the paste, beside the secret, and Save says why it is off.
        app.paste_into("secret-input", &good.api_key).await?;
        let same = app.el("secret-input-error").await?;
        ensure!(
            same.attr("data-code").await?.as_deref() == Some("same_as_key"),
            "the secret is not flagged as the API key"
        );
        ensure!(
            !app.el("save-key").await?.is_enabled().await?,
            "save is enabled with the API key twice"
        );
        app.el("save-why").await?;
        // Fixed: the error goes at once.
        app.paste_into("secret-input", &good.secret).await?;
        app.el("secret-input-ok").await?;
        ensure!(
            !app.is_shown("secret-input-error").await?,
            "the fixed secret is still flagged"
        );
        app.click("cancel-add").await?;

        app.click("nav-keys").await?;
        app.el("empty-state").await?;
        ensure!(app.count("key-row").await? == 0, "a key was saved");
        Ok(())
    }
    .await;
    app.finish(outcome).await
}
