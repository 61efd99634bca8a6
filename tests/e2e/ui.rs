//! The user's steps in the window, named as the user would say them, shared by the flows and the
//! benchmarks. Test ids are the UI's `data-testid` hooks.

use crate::driver::TestResult;
use crate::session::App;

/// A key as the user pastes it into the add form.
pub struct PastedKey<'a> {
    pub exchange: &'a str,
    pub label: &'a str,
    pub platform: Option<&'a str>,
    pub api_key: &'a str,
    pub secret: &'a str,
    pub passphrase: Option<&'a str>,
}

/// First run: type the new master password twice and create the vault (it opens unlocked).
pub async fn create_vault(app: &App, password: &str) -> TestResult {
    app.el("create-form").await?;
    app.fill("password", password).await?;
    app.fill("password-confirm", password).await?;
    app.click("create-vault").await?;
    // Creating calibrates the KDF (~1 s), then the key list (empty) appears.
    app.el_after_kdf("nav-keys").await?;
    Ok(())
}

pub async fn unlock(app: &App, password: &str) -> TestResult {
    app.fill("password", password).await?;
    app.click("unlock").await?;
    app.el_after_kdf("nav-keys").await?;
    Ok(())
}

pub async fn lock(app: &App) -> TestResult {
    app.click("lock").await?;
    app.el("unlock").await?;
    Ok(())
}

/// Opens the add form, pastes the key (copied, then each field's Paste button), waits for each
/// field's verdict and saves; ends
/// on the new key's detail page.
pub async fn add_key(app: &App, key: &PastedKey<'_>) -> TestResult {
    open_add_form(app).await?;
    app.el("exchange-select")
        .await?
        .select_by_value(key.exchange)
        .await?;
    if let Some(platform) = key.platform {
        app.click(&format!("platform-{platform}")).await?;
    }
    app.paste_into("api-key-input", key.api_key).await?;
    app.el("api-key-input-ok").await?;
    app.paste_into("secret-input", key.secret).await?;
    app.el("secret-input-ok").await?;
    if let Some(passphrase) = key.passphrase {
        app.paste_into("passphrase-input", passphrase).await?;
        app.el("passphrase-input-ok").await?;
    }
    app.fill("label-input", key.label).await?;
    app.click("save-key").await?;
    app.wait_text("detail-label", key.label).await?;
    Ok(())
}

pub async fn open_add_form(app: &App) -> TestResult {
    app.click("nav-keys").await?;
    app.click("add-key").await?;
    app.el("add-key-form").await?;
    Ok(())
}

/// From anywhere in the unlocked vault, opens the detail page of the key with this label.
pub async fn open_key(app: &App, label: &str) -> TestResult {
    app.click("nav-keys").await?;
    app.wait_css(&format!(
        "[data-testid=\"key-row\"][data-label=\"{label}\"]"
    ))
    .await?
    .click()
    .await?;
    app.wait_text("detail-label", label).await?;
    Ok(())
}

/// Runs "Check now" on the open key and waits for the result panel.
pub async fn check_now(app: &App) -> TestResult {
    app.click("check-now").await?;
    app.el("check-result").await?;
    Ok(())
}

/// The labels of the keys in the list, from each row's `data-label`: after an app restart
/// WebKitWebDriver read the rows' text as empty though they were drawn (cause not found).
pub async fn key_labels(app: &App) -> TestResult<Vec<String>> {
    app.click("nav-keys").await?;
    app.el("key-list").await?;
    let mut labels = Vec::new();
    for row in app
        .client()
        .find_all(fantoccini::Locator::Css("[data-testid=\"key-row\"]"))
        .await?
    {
        labels.push(row.attr("data-label").await?.unwrap_or_default());
    }
    Ok(labels)
}

/// A healthy mock key: the open key's check passed and shows balances and the permission table.
pub async fn assert_check_passed(app: &App) -> TestResult {
    let result = app.el("check-result").await?;
    let ok = result.attr("data-ok").await?;
    ensure!(
        ok.as_deref() == Some("true"),
        "check failed: {}",
        result.text().await?
    );
    app.el("balances").await?;
    let read = app.el("permission-read").await?.attr("data-value").await?;
    ensure!(
        read.as_deref() == Some("yes"),
        "read permission shown as {read:?}"
    );
    Ok(())
}

/// First run: "Try the demo" opens the demo vault (mock exchanges on loopback, keys pointing at them).
pub async fn start_demo(app: &App) -> TestResult {
    app.click("try-demo").await?;
    app.el("demo-badge").await?;
    app.el("key-list").await?;
    Ok(())
}

/// Ticks `platform` in the open key's edit form and saves; waits for the key's Platforms panel to
/// judge it.
pub async fn assign_platform(app: &App, platform: &str) -> TestResult {
    app.click("edit-key").await?;
    app.el("edit-form").await?;
    let checkbox = app.el(&format!("edit-platform-{platform}")).await?;
    if checkbox.prop("checked").await?.as_deref() != Some("true") {
        checkbox.click().await?;
    }
    app.click("edit-save").await?;
    app.wait_hidden("edit-form").await?;
    app.wait_css(&format!(
        "[data-testid=\"platform-verdict\"][data-platform=\"{platform}\"]"
    ))
    .await?;
    Ok(())
}

/// Longest wait for "Check all": demo keys include rate-limited ones the checker retries after 5 s.
const CHECK_ALL_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// "Check all" on every key; waits until each row is done.
pub async fn check_all(app: &App) -> TestResult {
    app.click("nav-check-all").await?;
    app.click("check-all-start").await?;
    app.el("check-all-summary").await?;
    let deadline = std::time::Instant::now() + CHECK_ALL_WAIT;
    loop {
        let mut pending = 0;
        for row in app
            .client()
            .find_all(fantoccini::Locator::Css("[data-testid=\"check-all-row\"]"))
            .await?
        {
            pending += usize::from(row.attr("data-state").await?.as_deref() != Some("done"));
        }
        if pending == 0 {
            return Ok(());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "{pending} keys still being checked"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}
