//! One WebDriver session = one run of the real app window. Every wait is bounded by `WAIT`; a failed
//! test leaves a screenshot and the page source in the target dir for debugging.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

use crate::driver::{Driver, TestResult, WAIT};
use crate::procs;

/// How often a wait looks again: fine enough for the start-time benchmark, light on two cores.
const POLL: Duration = Duration::from_millis(50);

/// Longest wait for a step that runs Argon2 (vault create calibrates it, unlock runs it).
const KDF_WAIT: Duration = Duration::from_secs(60);

/// The app binary cargo built for this test target.
pub const APP_BIN: &str = env!("CARGO_BIN_EXE_coffre-app");

pub struct App {
    client: Client,
    name: String,
    pid: u32,
}

/// CSS selector for the UI's `data-testid` hooks (see ui/TESTIDS.md).
pub fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

impl App {
    /// Starts the app through the driver. `name` names the failure artefacts.
    pub async fn launch(driver: &Driver, name: &str) -> TestResult<App> {
        // Only `tauri:options`: tauri-driver translates alwaysMatch only, and a browserName or
        // webSocketUrl makes WebKitWebDriver refuse the session.
        let caps = serde_json::json!({ "tauri:options": { "application": APP_BIN } });
        let serde_json::Value::Object(caps) = caps else {
            unreachable!("a JSON object literal")
        };
        // tauri-driver listens on loopback over plain HTTP.
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let mut builder = ClientBuilder::new(connector);
        builder.capabilities(caps);
        let url = driver.url();
        let connect = builder.connect(&url);
        let client = tokio::time::timeout(WAIT, connect)
            .await
            .map_err(|_| {
                format!(
                    "no WebDriver session after {WAIT:?}:\n{}",
                    driver.log_tail()
                )
            })?
            .map_err(|e| format!("WebDriver session refused: {e}\n{}", driver.log_tail()))?;
        let pid = procs::wait_app_pid(driver.pid())?;
        Ok(App {
            client,
            name: name.to_owned(),
            pid,
        })
    }

    /// The app's main process (WebKit's web and network processes are its children).
    pub fn pid(&self) -> u32 {
        self.pid
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The first displayed element matching `css`, waiting for it to appear.
    pub async fn wait_css(&self, css: &str) -> TestResult<Element> {
        self.wait_css_within(css, WAIT).await
    }

    /// The displayed element with this test id, after a step that runs the KDF: creating or
    /// unlocking a vault on two cores shared with builds can take longer than `WAIT`.
    pub async fn el_after_kdf(&self, id: &str) -> TestResult<Element> {
        self.wait_css_within(&tid(id), KDF_WAIT).await
    }

    async fn wait_css_within(&self, css: &str, wait: Duration) -> TestResult<Element> {
        let deadline = Instant::now() + wait;
        loop {
            for element in self.client.find_all(Locator::Css(css)).await? {
                if element.is_displayed().await.unwrap_or(false) {
                    return Ok(element);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("timed out after {wait:?} waiting for {css} to show").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The displayed element with this test id, waiting for it to appear.
    pub async fn el(&self, id: &str) -> TestResult<Element> {
        self.wait_css(&tid(id)).await
    }

    pub async fn click(&self, id: &str) -> TestResult {
        let element = self.el(id).await?;
        self.wait_enabled(&element, id).await?;
        element.click().await?;
        Ok(())
    }

    /// Types `text` into an input as a user pasting it would (the field is cleared first).
    pub async fn fill(&self, id: &str, text: &str) -> TestResult {
        let element = self.el(id).await?;
        element.clear().await?;
        // WebKitWebDriver refuses an empty key sequence ("Missing text parameter").
        if !text.is_empty() {
            element.send_keys(text).await?;
        }
        Ok(())
    }

    /// Copies `text` to the system clipboard (as from the exchange's page) and presses the
    /// field's Paste button: Rust reads it; the webview never sees it.
    pub async fn paste_into(&self, id: &str, text: &str) -> TestResult {
        self.copy_to_clipboard(text)?;
        self.click(&format!("{id}-paste")).await
    }

    /// Puts `text` on the system clipboard, as the user copying it elsewhere.
    pub fn copy_to_clipboard(&self, text: &str) -> TestResult {
        crate::clipboard::copy(text)
    }

    pub async fn text(&self, id: &str) -> TestResult<String> {
        Ok(self.el(id).await?.text().await?)
    }

    /// Waits until the element's text contains `needle`; returns the whole text.
    pub async fn wait_text(&self, id: &str, needle: &str) -> TestResult<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.el(id).await?.text().await.unwrap_or_default();
            if text.contains(needle) {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(
                    format!("{id} shows {text:?}, never {needle:?} (waited {WAIT:?})").into(),
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until no element with this test id is displayed.
    pub async fn wait_hidden(&self, id: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        loop {
            let mut shown = false;
            for element in self.client.find_all(Locator::Css(&tid(id))).await? {
                shown |= element.is_displayed().await.unwrap_or(false);
            }
            if !shown {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{id} still shown after {WAIT:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Whether an element with this test id is displayed right now (no waiting).
    pub async fn is_shown(&self, id: &str) -> TestResult<bool> {
        for element in self.client.find_all(Locator::Css(&tid(id))).await? {
            if element.is_displayed().await.unwrap_or(false) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Count of displayed elements with this test id.
    pub async fn count(&self, id: &str) -> TestResult<usize> {
        let mut n = 0;
        for element in self.client.find_all(Locator::Css(&tid(id))).await? {
            n += usize::from(element.is_displayed().await.unwrap_or(false));
        }
        Ok(n)
    }

    async fn wait_enabled(&self, element: &Element, id: &str) -> TestResult {
        let deadline = Instant::now() + WAIT;
        while !element.is_enabled().await.unwrap_or(true) {
            if Instant::now() > deadline {
                return Err(format!("{id} still disabled after {WAIT:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
        Ok(())
    }

    /// Saves a PNG of the window under `dir`.
    pub async fn screenshot_to(&self, path: &std::path::Path) -> TestResult {
        // WebKitWebDriver answers a screenshot at the page's next paint. With GPU compositing off
        // (src-tauri/webview.rs) a still page (no caret, no animation) never paints again, so a
        // one-pixel, near-transparent dot is shown for a moment to cause one.
        self.client
            .execute(
                r#"setTimeout(() => {
                  const dot = document.createElement('div');
                  Object.assign(dot.style, { position: 'fixed', left: '0', top: '0', width: '1px',
                    height: '1px', background: 'rgba(0, 0, 0, 0.004)', pointerEvents: 'none' });
                  document.body.append(dot);
                  setTimeout(() => dot.remove(), 1000);
                }, 200);"#,
                vec![],
            )
            .await?;
        let png = tokio::time::timeout(WAIT, self.client.screenshot())
            .await
            .map_err(|_| format!("no screenshot {WAIT:?} after asking"))??;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Ends the session (WebKitWebDriver then closes the app). On a failed test it first saves a
    /// screenshot and the page source next to the test binary's temp dir.
    pub async fn finish(self, outcome: TestResult) -> TestResult {
        let outcome: TestResult = match outcome {
            Ok(()) => Ok(()),
            Err(e) => Err(format!("{e}\n{}", self.save_failure_artefacts().await).into()),
        };
        let closed = tokio::time::timeout(WAIT, self.client.close()).await;
        outcome?;
        closed.map_err(|_| "session did not close in time")??;
        // The next session must not meet this instance (single-instance lock, vault file lock).
        procs::wait_gone(self.pid)
    }

    /// Ends an app whose WebDriver session is gone (its page's process was ended on purpose):
    /// the app is stopped and waited for, so the next session does not meet it.
    pub async fn abandon(self, outcome: TestResult) -> TestResult {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.client.close()).await;
        if let Ok(pid) = i32::try_from(self.pid) {
            // SAFETY: plain kill(2) on the app's pid, which this test started and still watches.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        let gone = procs::wait_gone(self.pid);
        outcome?;
        gone
    }

    async fn save_failure_artefacts(&self) -> String {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-failures");
        if std::fs::create_dir_all(&dir).is_err() {
            return String::new();
        }
        let png = dir.join(format!("{}.png", self.name));
        let html = dir.join(format!("{}.html", self.name));
        let mut saved = Vec::new();
        if self.screenshot_to(&png).await.is_ok() {
            saved.push(png.display().to_string());
        }
        if let Ok(source) = self.client.source().await {
            if std::fs::write(&html, source).is_ok() {
                saved.push(html.display().to_string());
            }
        }
        format!("failure artefacts: {}", saved.join(", "))
    }
}
