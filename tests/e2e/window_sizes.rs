//! The screens of [`screen_walk`] at the smallest window Coffre allows (760×520, tauri.conf.json)
//! and at the default size, in English, French and Vietnamese, for looking at (saved under the
//! target dir's `window-sizes/`; `COFFRE_UPDATE_SCREENSHOTS=1` copies the README's English ones at
//! 760×520 to docs/screenshots/). On every page it also checks what a user would miss: the top bar
//! and its Lock button stay on screen while the page scrolls, the top bar keeps to one line, and
//! no page is wider than the window.

use std::path::PathBuf;

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::screen_walk::{self, Screen, Then, HEALTHY_KEY};
use crate::session::App;

const SIZES: [(u32, u32); 2] = [(760, 520), (1100, 720)];

/// The README's pictures at the smallest size (docs/screenshots/`{name}`-760x520.png).
const README_SMALL: [&str; 4] = ["inventory", "key-detail", "add-key", "unlock"];

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
        let outcome = screen_walk::walk(&app, &[HEALTHY_KEY], async |screen| {
            if screen == Screen::KeyDetail(HEALTHY_KEY) {
                // A copied value shows the clipboard countdown: it must not push Lock away.
                app.click("copy-api_key").await?;
                app.el("clipboard-countdown").await?;
            }
            for (w, h) in SIZES {
                resize(&app, w, h).await?;
                screen_walk::shoot(&app, &out, &format!("{}-{lang}-{w}x{h}", screen.name()))
                    .await?;
                if screen.is_page() {
                    top_bar_stays(&app, w)
                        .await
                        .map_err(|e| format!("{} at {w}×{h}: {e}", screen.name()))?;
                }
            }
            Ok(Then::Next)
        })
        .await;
        app.finish(outcome).await?;
    }
    let small = README_SMALL.map(|name| (format!("{name}-en-760x520"), format!("{name}-760x520")));
    let small: Vec<(&str, &str)> = small
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    screen_walk::publish(&out, &small)
}

/// Sets the window's outer size, then waits for the page to see the new width.
pub(crate) async fn resize(app: &App, w: u32, h: u32) -> TestResult {
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
               // What sticks out past the window's right edge: a page wider than the window hides
               // its right-hand buttons (French inventory head and filters did, at 760 px).
               const wide = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
               const past = [...document.querySelectorAll('body *')]
                 .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                 .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
                 .slice(0, 3)
                 .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent || '').trim().slice(0, 40)}"`)
                 .join('; ');
               return [lock.top, lock.right, bar.height, clipped, wide, window.innerWidth, past];"#,
            vec![],
        )
        .await?;
    let nums: Vec<f64> = found
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
        .unwrap_or_default();
    let past = found.get(6).and_then(|v| v.as_str()).unwrap_or_default();
    ensure!(nums.len() == 6, "no top bar measured: {found}");
    let (top, right, height, clipped) = (nums[0], nums[1], nums[2], nums[3]);
    let (wide, inner) = (nums[4], nums[5]);
    ensure!(
        wide.total_cmp(&inner).is_le(),
        "the page is wider than the window ({wide} px in {inner} px): its right side is cut off ({past})"
    );
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
