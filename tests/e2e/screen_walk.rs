//! One walk through the screens a user reaches: the walk says how to get there, its visitor
//! ([`every_screen`](crate::every_screen)) what it does on each. It starts at the first run of a
//! fresh profile and ends in the demo vault.

use std::path::Path;

use fantoccini::Locator;

use crate::driver::TestResult;
use crate::fixtures;
use crate::session::{tid, App};
use crate::ui;

/// The demo's healthy Binance key: balances, permissions and a "ready" Bitsgap verdict.
pub const HEALTHY_KEY: &str = "Binance main";

/// A line a bot printed when OKX refused its IP; the error doctor names OKX's code 50110.
const BOT_ERROR: &str = r#"okx {"msg":"Your IP 203.0.113.9 is not included in your API key's IP whitelist.","code":"50110"}"#;
/// The demo key whose check in the error doctor shows what OKX said.
const DOCTOR_KEY: &str = "OKX wrong IP";

/// A screen as the walk leaves it for the visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen<'a> {
    /// First run, both password fields typed.
    FirstRun,
    /// A normal vault, locked.
    Unlock,
    /// The demo's Check all page once every key is done.
    CheckAll,
    /// The demo inventory after Check all.
    Inventory,
    /// A demo key's page after "Check now": check result and Platforms card.
    KeyDetail(&'a str),
    /// The add form for OKX with Bitsgap ticked: fields and the guide checklist.
    AddKey,
    /// "Send to Bitsgap" on the healthy key, its first field copied.
    SendDialog,
    Safety,
    Settings,
    /// The error doctor after explaining [`BOT_ERROR`] and checking [`DOCTOR_KEY`].
    ErrorDoctor,
}

impl Screen<'_> {
    /// The screen's file-name stem (`key-detail`; other keys than the healthy one get their label).
    pub fn name(&self) -> String {
        match self {
            Screen::FirstRun => "first-run".into(),
            Screen::Unlock => "unlock".into(),
            Screen::CheckAll => "check-all".into(),
            Screen::Inventory => "inventory".into(),
            Screen::KeyDetail(label) if *label == HEALTHY_KEY => "key-detail".into(),
            Screen::KeyDetail(label) => format!(
                "key-detail-{}",
                label
                    .to_lowercase()
                    .replace(|c: char| !c.is_alphanumeric(), "-")
            ),
            Screen::AddKey => "add-key".into(),
            Screen::SendDialog => "send-dialog".into(),
            Screen::Safety => "safety".into(),
            Screen::Settings => "settings".into(),
            Screen::ErrorDoctor => "error-doctor".into(),
        }
    }

    /// A page of the unlocked vault under the top bar (not the first run, unlock or a dialog).
    pub fn is_page(&self) -> bool {
        matches!(
            self,
            Screen::CheckAll
                | Screen::Inventory
                | Screen::KeyDetail(_)
                | Screen::AddKey
                | Screen::Safety
                | Screen::Settings
        )
    }
}

/// What the visitor wants after a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Next,
    /// The rest of the walk is not needed.
    Stop,
}

/// Walks the screens in the order of [`Screen`], opening and checking each of `keys` (demo
/// labels) for [`Screen::KeyDetail`], and calls `visit` on each. The visitor may act on the screen
/// (copy a value, resize the window) as long as it leaves it on show.
pub async fn walk(
    app: &App,
    keys: &[&str],
    mut visit: impl AsyncFnMut(Screen<'_>) -> TestResult<Then>,
) -> TestResult {
    let password = fixtures::master_password();
    app.el("create-form").await?;
    app.fill("password", &password).await?;
    app.fill("password-confirm", &password).await?;
    app.el("create-vault").await?;
    if visit(Screen::FirstRun).await? == Then::Stop {
        return Ok(());
    }

    // A normal vault's unlock screen (locking the demo would end it and show the first run).
    ui::create_vault(app, &password).await?;
    ui::lock(app).await?;
    if visit(Screen::Unlock).await? == Then::Stop {
        return Ok(());
    }

    app.click("other-vault").await?;
    ui::start_demo(app).await?;
    ui::check_all(app).await?;
    if visit(Screen::CheckAll).await? == Then::Stop {
        return Ok(());
    }

    app.click("nav-keys").await?;
    app.el("key-status").await?;
    if visit(Screen::Inventory).await? == Then::Stop {
        return Ok(());
    }

    for &label in keys {
        open_from_check_all(app, label).await?;
        ui::check_now(app).await?;
        app.el("platforms-panel").await?;
        // The verdicts load after the page: wait for them, or for the sentence of a key on no
        // platform (asking "no platforms?" first raced the panel's loading).
        app.wait_css(&format!(
            "{}, {}",
            tid("platform-verdict"),
            tid("no-platforms")
        ))
        .await?;
        if visit(Screen::KeyDetail(label)).await? == Then::Stop {
            return Ok(());
        }
    }

    ui::open_add_form(app).await?;
    let exchange = app.el("exchange-select").await?;
    // The form may open scrolled as the last page was, its select under the top bar.
    app.client()
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' })",
            vec![serde_json::to_value(&exchange)?],
        )
        .await?;
    exchange.select_by_value("okx").await?;
    app.click("platform-bitsgap").await?;
    app.el("guide-item").await?;
    let then = visit(Screen::AddKey).await?;
    app.click("cancel-add").await?;
    if then == Then::Stop {
        return Ok(());
    }

    open_from_check_all(app, HEALTHY_KEY).await?;
    app.click("send-to-bitsgap").await?;
    app.el("paste-dialog").await?;
    app.click("paste-copy").await?;
    app.el("paste-countdown").await?;
    let then = visit(Screen::SendDialog).await?;
    app.click("paste-cancel").await?;
    app.wait_hidden("paste-dialog").await?;
    if then == Then::Stop {
        return Ok(());
    }

    app.click("nav-safety").await?;
    app.el("safety").await?;
    if visit(Screen::Safety).await? == Then::Stop {
        return Ok(());
    }

    app.click("nav-settings").await?;
    app.el("settings-form").await?;
    if visit(Screen::Settings).await? == Then::Stop {
        return Ok(());
    }

    open_error_doctor(app).await?;
    visit(Screen::ErrorDoctor).await?;
    app.click("explain-close").await?;
    app.wait_hidden("explain-dialog").await?;
    Ok(())
}

/// Opens a demo key from its Check all row: the inventory keeps only the rows near the viewport
/// in the page (and comes back scrolled as it was left), Check all has them all.
pub async fn open_from_check_all(app: &App, label: &str) -> TestResult {
    app.click("nav-check-all").await?;
    let open = app
        .wait_css(&format!(
            "{}[data-label=\"{label}\"] {}",
            tid("check-all-row"),
            tid("check-all-open")
        ))
        .await?;
    // The page comes back scrolled as it was left: the button may sit under the top bar.
    app.client()
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' })",
            vec![serde_json::to_value(&open)?],
        )
        .await?;
    open.click().await?;
    app.wait_text("detail-label", label).await?;
    Ok(())
}

/// Pastes [`BOT_ERROR`] into the error doctor, explains it and checks [`DOCTOR_KEY`] from there.
async fn open_error_doctor(app: &App) -> TestResult {
    app.click("explain-open").await?;
    app.el("explain-dialog").await?;
    app.fill("explain-text", BOT_ERROR).await?;
    app.click("explain-submit").await?;
    app.el("explain-finding").await?;
    let mut button = None;
    for candidate in app
        .client()
        .find_all(Locator::Css(&tid("explain-check")))
        .await?
    {
        if candidate.text().await?.contains(DOCTOR_KEY) {
            button = Some(candidate);
        }
    }
    button
        .ok_or_else(|| format!("the error doctor offers no check of {DOCTOR_KEY}"))?
        .click()
        .await?;
    app.wait_css(&format!(
        "{} {}",
        tid("explain-result"),
        tid("check-result")
    ))
    .await?;
    Ok(())
}

/// Saves the window as `dir/name.png` once layout and fonts have settled.
pub async fn shoot(app: &App, dir: &Path, name: &str) -> TestResult {
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let file = dir.join(format!("{name}.png"));
    app.screenshot_to(&file).await?;
    ensure!(
        std::fs::metadata(&file)?.len() > 1000,
        "{name}.png is empty"
    );
    Ok(())
}

/// With `COFFRE_UPDATE_SCREENSHOTS=1`, copies `dir/{from}.png` to docs/screenshots/`{to}`.png for
/// the README.
pub fn publish(dir: &Path, names: &[(String, String)]) -> TestResult {
    if std::env::var_os("COFFRE_UPDATE_SCREENSHOTS").is_none_or(|v| v != "1") {
        return Ok(());
    }
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&docs)?;
    for (from, to) in names {
        std::fs::copy(
            dir.join(format!("{from}.png")),
            docs.join(format!("{to}.png")),
        )?;
    }
    Ok(())
}
