//! The README's pictures, taken from the real window at its default size: first run, unlock, the
//! demo inventory after Check all, a key with its check result and Bitsgap verdict, and the add form
//! with its guide checklist. Saved under the target dir's `screenshots/`;
//! `COFFRE_UPDATE_SCREENSHOTS=1` also copies them to docs/screenshots/. The same screens at the
//! smallest size and in French and Vietnamese are `window_sizes`'s.

use std::path::PathBuf;

use crate::driver::{Driver, Profile, TestResult};
use crate::fixtures;
use crate::screen_walk::{self, Screen, Then, HEALTHY_KEY};
use crate::session::App;

/// The README's pictures, by file name.
const README: [&str; 5] = ["first-run", "unlock", "inventory", "key-detail", "add-key"];

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn readme_screens_show_what_they_describe() -> TestResult {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&out)?;
    let profile = Profile::new()?;
    fixtures::write_settings(&profile, 20)?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, "screenshots").await?;
    let outcome = screen_walk::walk(&app, &[HEALTHY_KEY], async |screen| {
        let name = screen.name();
        if README.contains(&name.as_str()) {
            screen_walk::shoot(&app, &out, &name).await?;
        }
        // The add form is the README's last picture.
        Ok(if screen == Screen::AddKey {
            Then::Stop
        } else {
            Then::Next
        })
    })
    .await;
    app.finish(outcome).await?;
    screen_walk::publish(&out, &README.map(|name| (name, name)))
}
