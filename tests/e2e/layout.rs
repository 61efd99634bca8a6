//! What a user would miss at a window size: the window taking the size asked, and on every page
//! the top bar and its Lock button staying on screen while the page scrolls, the bar keeping to one
//! line, and no page wider than the window.

use crate::driver::TestResult;
use crate::session::App;

/// Sets the window's outer size, then waits for the page to see the new width.
pub async fn resize(app: &App, w: u32, h: u32) -> TestResult {
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
pub async fn top_bar_stays(app: &App, width: u32) -> TestResult {
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

/// Every button of an open dialog's last row (its Copy, Next, Cancel…) is inside the window,
/// without scrolling: a dialog taller than a small window keeps them in sight.
pub async fn dialog_buttons_in_sight(app: &App) -> TestResult {
    let found = app
        .client()
        .execute(
            r#"const out = [];
               for (const b of document.querySelectorAll('[aria-modal="true"] .actions:last-child button')) {
                 const r = b.getBoundingClientRect();
                 if (r.width === 0) continue;
                 if (r.top < 0 || r.bottom > window.innerHeight + 1)
                   out.push(`"${b.textContent.trim()}" at ${Math.round(r.top)}–${Math.round(r.bottom)} px`);
               }
               return out;"#,
            vec![],
        )
        .await?;
    let hidden: Vec<&str> = found
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    ensure!(
        hidden.is_empty(),
        "dialog buttons out of the window: {}",
        hidden.join(", ")
    );
    Ok(())
}
