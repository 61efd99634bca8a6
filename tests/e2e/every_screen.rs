//! Every screen a user reaches ([`screen_walk`]), in English, French and Vietnamese: one run of the
//! app per language walks them once with the demo vault and, on each screen,
//! - shoots it at the default window size and at the smallest one Coffre allows (760×520,
//!   tauri.conf.json) and checks what a user would miss there ([`layout`](crate::layout)): the
//!   top bar and Lock on every page, a dialog's buttons in sight;
//! - in French and Vietnamese, fails on any English sentence left ([`english`](crate::english));
//! - then opens the inventory's totals per exchange over the key list (no row may move: the smallest
//!   window has no line to spare) and the checked key's value at the exchange's prices.
//!
//! Pictures go under the target dir's `screens/`; `COFFRE_UPDATE_SCREENSHOTS=1` copies the README's
//! English ones to docs/screenshots/.

use std::path::{Path, PathBuf};

use crate::driver::{Driver, Profile, TestResult};
use crate::english::EnglishReader;
use crate::fixtures;
use crate::layout::{dialog_buttons_in_sight, resize, top_bar_stays};
use crate::screen_walk::{self, Screen, Then, HEALTHY_KEY};
use crate::session::App;

/// The default window size (tauri.conf.json), then the smallest (the virtual screen is 1280×800:
/// a window as big as the screen is refused).
const SIZES: [(u32, u32); 2] = [(1100, 720), (760, 520)];

/// Demo keys whose pages show every state: ready, risky with reasons, refused with the exchange's
/// answer, and "couldn't check".
const KEYS: [&str; 4] = [
    HEALTHY_KEY,
    "Binance no IP restriction",
    "OKX wrong IP",
    "Gate unavailable",
];

/// The README's pictures at the default size (docs/screenshots/`{name}`.png)…
const README: [&str; 5] = ["first-run", "unlock", "inventory", "key-detail", "add-key"];
/// …and at the smallest (docs/screenshots/`{name}`-760x520.png).
const README_SMALL: [&str; 4] = ["inventory", "key-detail", "add-key", "unlock"];

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn every_screen_in_english() -> TestResult {
    every_screen_in("en").await?;
    let (w, h) = SIZES[0];
    let (sw, sh) = SIZES[1];
    let mut published: Vec<(String, String)> = README
        .iter()
        .map(|name| (format!("{name}-en-{w}x{h}"), (*name).to_owned()))
        .collect();
    published.extend(
        README_SMALL
            .iter()
            .map(|name| (format!("{name}-en-{sw}x{sh}"), format!("{name}-{sw}x{sh}"))),
    );
    screen_walk::publish(&out_dir()?, &published)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn every_screen_in_french() -> TestResult {
    every_screen_in("fr").await
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn every_screen_in_vietnamese() -> TestResult {
    every_screen_in("vi").await
}

fn out_dir() -> TestResult<PathBuf> {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&out)?;
    Ok(out)
}

/// One run of the app in `lang`: the walk, then the totals.
async fn every_screen_in(lang: &str) -> TestResult {
    let out = out_dir()?;
    let profile = Profile::new()?;
    fixtures::write_settings_in(&profile, 20, lang)?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, &format!("screens-{lang}")).await?;
    // English is what the other two are read against: nothing to look for in it.
    let mut english = (lang != "en").then(|| EnglishReader::new(lang));
    let mut outcome = screen_walk::walk(&app, &KEYS, async |screen| {
        let name = screen.name();
        for (i, (w, h)) in SIZES.into_iter().enumerate() {
            if i == 1 && screen == Screen::KeyDetail(HEALTHY_KEY) {
                // A copied value shows the clipboard countdown: it must not push Lock away in the
                // smallest window. (The README's default-size picture is taken before it.)
                app.click("copy-api_key").await?;
                app.el("clipboard-countdown").await?;
            }
            resize(&app, w, h).await?;
            screen_walk::shoot(&app, &out, &format!("{name}-{lang}-{w}x{h}")).await?;
            let fits = if screen.is_page() {
                top_bar_stays(&app, w).await
            } else {
                dialog_buttons_in_sight(&app).await
            };
            fits.map_err(|e| format!("{name} at {w}×{h}: {e}"))?;
        }
        if let Some(english) = english.as_mut() {
            english.read(&app, &name).await?;
            if screen == Screen::AddKey {
                // A pasted value of the wrong shape shows the field's error and format hint.
                app.paste_into("api-key-input", "not an api key").await?;
                app.el("api-key-input-error").await?;
                english.read(&app, &format!("{name} (bad paste)")).await?;
            }
        }
        Ok(Then::Next)
    })
    .await;
    if outcome.is_ok() {
        outcome = holdings(&app, &out, lang, english.as_mut()).await;
    }
    let outcome = match english {
        Some(english) => english.report(outcome),
        None => outcome,
    };
    app.finish(outcome).await
}

/// The demo's totals per exchange at each size, opened over the key list; the healthy key's value
/// and Check all's totals beside it.
async fn holdings(
    app: &App,
    out: &Path,
    lang: &str,
    mut english: Option<&mut EnglishReader>,
) -> TestResult {
    // The demo checked every key as it opened and the walk ran Check all; the totals come with the
    // results (a busy machine takes longer than one element wait for all of them).
    app.click("nav-keys").await?;
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
        if let Some(english) = english.as_deref_mut() {
            english.read(app, &format!("holdings at {w}×{h}")).await?;
        }
        app.click("holdings-open").await?;
        app.wait_hidden("holdings-detail").await?;

        screen_walk::open_from_check_all(app, HEALTHY_KEY).await?;
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
        screen_walk::shoot(app, out, &format!("check-all-total-{lang}-{w}x{h}")).await?;
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
