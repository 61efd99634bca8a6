//! Auto-lock: a background thread that locks the vault once the user has been idle (no command
//! from the UI, `activity` included) for the configured number of minutes — time asleep counts —
//! and a lock as soon as the computer goes to sleep or the screen locks (if the setting is on).
//! The same tick forgets form drafts left unsaved too long. The key-health radar's timer lives
//! here too: it only calls `coffre_core::radar::tick`.

use crate::events;
use crate::state::{lock_and_notify, AppState};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// How often the idle clock is looked at; locking may come up to this much late.
const TICK: Duration = Duration::from_secs(1);

/// Whether a vault idle for `idle` must be locked under a limit of `minutes`.
pub fn idle_expired(idle: Duration, minutes: u32) -> bool {
    idle >= Duration::from_secs(u64::from(minutes) * 60)
}

/// Starts the auto-lock thread; it lives as long as the process.
pub fn start_auto_lock<R: Runtime>(app: AppHandle<R>) {
    std::thread::Builder::new()
        .name("coffre-auto-lock".into())
        .spawn(move || loop {
            std::thread::sleep(TICK);
            let Some(state) = app.try_state::<AppState>() else {
                continue;
            };
            let minutes = state.settings().auto_lock_minutes;
            if state.is_unlocked() && idle_expired(state.idle_for(), minutes) {
                lock_and_notify(&app, &state);
            }
            // A form left open forgets what was pasted into it after a few minutes.
            for form in coffre_core::paste_in::expire(&state.session) {
                let _ = app.emit(events::FORM_EXPIRED, events::FormExpired { form });
            }
        })
        .expect("cannot start the auto-lock thread");
}

/// Locks on logind's `PrepareForSleep` and the screen saver's `ActiveChanged` (D-Bus), when the
/// user's setting allows it. Buses that are not there (no desktop session) are just not watched.
pub fn start_lock_on_sleep<R: Runtime>(app: AppHandle<R>) {
    use coffre_core::lock_signals::{watch, Bus};
    let on_lock = std::sync::Arc::new(move |_cause| {
        let Some(state) = app.try_state::<AppState>() else {
            return;
        };
        if state.settings().lock_on_sleep && state.is_unlocked() {
            lock_and_notify(&app, &state);
        }
    });
    for bus in watch(Bus::Default, Bus::Default, on_lock) {
        eprintln!("coffre: not locking on sleep/screen lock through the {bus}");
    }
}

/// How often the radar looks for keys that are due; each pass stays within every exchange's budget.
const RADAR_TICK: Duration = Duration::from_secs(60);

/// The key-health radar: while the vault is unlocked and the setting is on, re-checks the keys
/// that are due (`coffre_core::radar`) and shows a desktop notification 14, 3 and 1 days before
/// each deadline. Checked keys reach the webview as `check_progress` events.
pub fn start_key_radar<R: Runtime>(app: AppHandle<R>) {
    use coffre_core::radar::{self, Notified, Radar, RadarPolicy, SystemClock};
    let mut radar = Radar::new(std::sync::Arc::new(SystemClock), RadarPolicy::default());
    // Remembered for the app's run: a restart may warn once more (nothing is written down).
    let mut notified = Notified::default();
    std::thread::Builder::new()
        .name("coffre-key-radar".into())
        .spawn(move || loop {
            std::thread::sleep(RADAR_TICK);
            let Some(state) = app.try_state::<AppState>() else {
                continue;
            };
            if !state.settings().key_radar || !state.is_unlocked() {
                continue;
            }
            let pass = radar::tick(&state.session, &mut radar, &mut notified);
            let Ok((results, notices)) = tauri::async_runtime::block_on(pass) else {
                continue;
            };
            let lang = state.lang();
            for (id, result) in results {
                let progress = coffre_core::check_run::finished(&state.session, &id, result, lang);
                let _ = app.emit(events::CHECK_PROGRESS, progress);
            }
            for notice in &notices {
                notify(&app, radar::notice_text(notice, state.lang()));
            }
        })
        .expect("cannot start the key radar thread");
}

/// Best effort: a desktop without a notification daemon still has the banner.
fn notify<R: Runtime>(app: &AppHandle<R>, (title, body): (String, String)) {
    use tauri_plugin_notification::NotificationExt;
    let _ = app.notification().builder().title(title).body(body).show();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_locks_only_once_the_idle_limit_is_reached() {
        assert!(!idle_expired(Duration::from_secs(299), 5));
        assert!(idle_expired(Duration::from_secs(300), 5));
        assert!(idle_expired(Duration::from_secs(3600), 5));
    }
}
