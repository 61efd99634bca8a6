//! The harness itself: the real app opens a window the driver can talk to.

use crate::driver::{Driver, Profile, TestResult};
use crate::session::App;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, tauri-driver and WebKitWebDriver: run scripts/e2e.sh"]
async fn app_window_opens_and_draws_its_page() -> TestResult {
    let profile = Profile::new()?;
    let driver = Driver::start(&profile, &[])?;
    let app = App::launch(&driver, "app_window_opens").await?;
    let outcome = async {
        let title = app.client().title().await?;
        ensure!(title.contains("Coffre"), "window title is {title:?}");
        app.wait_css("body *").await?;
        Ok(())
    }
    .await;
    app.finish(outcome).await
}
