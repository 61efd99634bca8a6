//! The one clipboard service of the app and the CLI: copies a secret from Rust (the webview gets no
//! clipboard access), marked "exclude from history" for clipboard managers on Linux, Windows and
//! macOS, then clears it after a timeout — only if the clipboard still holds our value, so we never
//! wipe something the user copied since.
//!
//! One long-lived thread owns the clipboard: on X11 the owner process serves every paste, and
//! arboard documents that dropping the owner loses (or hands over) the contents.

use crate::clock::BootInstant;
use crate::views::CopyResult;
use coffre_secret::SecretString;
use serde::Serialize;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;
use ts_rs::TS;

/// Something went wrong talking to the system clipboard (no display, no X server…).
#[derive(Debug, thiserror::Error)]
#[error("clipboard unavailable: {0}")]
pub struct ClipboardError(pub String);

/// The `clipboard` event the UI shows as a countdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClipboardEvent {
    pub field: String,
    pub remaining_s: u64,
    /// Set on the last event: the secret is no longer on the clipboard (cleared by us, or
    /// replaced by the user's own copy).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub cleared: bool,
    /// Set with `cleared` when the user had copied something else since: that was left alone.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub replaced: bool,
}

/// What the clipboard thread needs from a real clipboard; tests use an in-memory one.
pub trait ClipboardBackend {
    /// Puts the secret on the clipboard, asking managers not to keep it in their history.
    fn set_secret(&mut self, text: &str) -> Result<(), ClipboardError>;
    /// Whether the clipboard still holds exactly `text`.
    fn holds(&mut self, text: &str) -> bool;
    /// Empties the clipboard.
    fn clear(&mut self);
    /// The clipboard's text, for a paste into one of Coffre's forms; `None` when it holds no text.
    fn text(&mut self) -> Result<Option<SecretString>, ClipboardError>;
}

/// The real system clipboard through arboard, opened on first use so that a machine without a
/// display can still run the app's windowless parts.
#[derive(Default)]
pub struct SystemClipboard(Option<arboard::Clipboard>);

impl SystemClipboard {
    fn get(&mut self) -> Result<&mut arboard::Clipboard, ClipboardError> {
        if self.0.is_none() {
            let clipboard = arboard::Clipboard::new().map_err(|e| ClipboardError(e.to_string()))?;
            self.0 = Some(clipboard);
        }
        Ok(self.0.as_mut().expect("just opened"))
    }
}

impl ClipboardBackend for SystemClipboard {
    fn set_secret(&mut self, text: &str) -> Result<(), ClipboardError> {
        let set = self.get()?.set();
        #[cfg(target_os = "linux")]
        let set = {
            use arboard::SetExtLinux;
            set.exclude_from_history()
        };
        #[cfg(target_os = "windows")]
        let set = {
            use arboard::SetExtWindows;
            set.exclude_from_history().exclude_from_cloud()
        };
        // macOS: the org.nspasteboard.ConcealedType marker that clipboard managers honour.
        #[cfg(target_os = "macos")]
        let set = {
            use arboard::SetExtApple;
            set.exclude_from_history()
        };
        set.text(text.to_owned())
            .map_err(|e| ClipboardError(e.to_string()))
    }

    fn holds(&mut self, text: &str) -> bool {
        let Ok(clipboard) = self.get() else {
            return false;
        };
        // The read is a copy of the secret: wipe it right away.
        let current = clipboard.get_text().map(zeroize::Zeroizing::new);
        matches!(current, Ok(current) if current.as_str() == text)
    }

    fn clear(&mut self) {
        if let Ok(clipboard) = self.get() {
            // Nothing useful to do if clearing fails: the owner thread keeps running.
            let _ = clipboard.clear();
        }
    }

    fn text(&mut self) -> Result<Option<SecretString>, ClipboardError> {
        match self.get()?.get_text() {
            // Moved, not copied, into the zeroizing wrapper.
            Ok(text) => Ok(Some(SecretString::new(text))),
            Err(arboard::Error::ContentNotAvailable) => Ok(None),
            Err(e) => Err(ClipboardError(e.to_string())),
        }
    }
}

enum Request {
    Copy {
        text: SecretString,
        field: String,
        clear_after: Duration,
        reply: mpsc::Sender<Result<(), ClipboardError>>,
    },
    ClearIfOurs {
        reply: mpsc::Sender<()>,
    },
    Read {
        reply: mpsc::Sender<Result<Option<SecretString>, ClipboardError>>,
    },
    ClearIfHolds {
        text: SecretString,
        reply: mpsc::Sender<()>,
    },
}

/// Handle to the clipboard thread; cheap to share between commands.
pub struct ClipboardService {
    requests: Mutex<mpsc::Sender<Request>>,
}

/// Receives each countdown event (the app forwards it to the webview).
pub type Notify = Box<dyn Fn(ClipboardEvent) + Send + 'static>;

impl ClipboardService {
    /// Starts the owner thread with the real clipboard.
    pub fn start(notify: Notify) -> ClipboardService {
        Self::start_with(SystemClipboard::default(), notify)
    }

    /// Starts the owner thread with any backend.
    pub fn start_with<B: ClipboardBackend + Send + 'static>(backend: B, notify: Notify) -> Self {
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("coffre-clipboard".into())
            .spawn(move || owner_loop(backend, rx, notify))
            .expect("cannot start the clipboard thread");
        ClipboardService {
            requests: Mutex::new(tx),
        }
    }

    /// Copies `text` as `field` and schedules clearing after `clear_after`: every copy of the app
    /// and the CLI (a key's value, a command line, an IP list, a send sequence's step) goes
    /// through here, and answers the countdown the user is shown.
    pub fn copy(
        &self,
        text: SecretString,
        field: &str,
        clear_after: Duration,
    ) -> Result<CopyResult, ClipboardError> {
        let (reply, answer) = mpsc::channel();
        self.send(Request::Copy {
            text,
            field: field.to_owned(),
            clear_after,
            reply,
        })?;
        answer
            .recv()
            .map_err(|_| ClipboardError("clipboard thread stopped".into()))??;
        Ok(CopyResult {
            clear_after_s: clear_after.as_secs(),
        })
    }

    /// Clears the clipboard now if it still holds the secret we put there (lock, quit).
    pub fn clear_if_ours(&self) {
        let (reply, answer) = mpsc::channel();
        if self.send(Request::ClearIfOurs { reply }).is_ok() {
            // Bounded: quitting must not hang on a stuck X server.
            let _ = answer.recv_timeout(Duration::from_secs(2));
        }
    }

    /// The clipboard's text, read for a paste into a form (the webview never reads it).
    pub fn read(&self) -> Result<Option<SecretString>, ClipboardError> {
        let (reply, answer) = mpsc::channel();
        self.send(Request::Read { reply })?;
        answer
            .recv()
            .map_err(|_| ClipboardError("clipboard thread stopped".into()))?
    }

    /// Empties the clipboard if it still holds `text` (a value just pasted into a form), so the
    /// secret does not wait there for the next paste; anything copied since is left alone.
    pub fn clear_if_holds(&self, text: SecretString) {
        let (reply, answer) = mpsc::channel();
        if self.send(Request::ClearIfHolds { text, reply }).is_ok() {
            let _ = answer.recv_timeout(Duration::from_secs(2));
        }
    }

    fn send(&self, request: Request) -> Result<(), ClipboardError> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(request)
            .map_err(|_| ClipboardError("clipboard thread stopped".into()))
    }
}

struct Pending {
    text: SecretString,
    field: String,
    /// On the boot clock, so a laptop that sleeps past it clears the clipboard on waking.
    deadline: BootInstant,
    /// The last countdown value sent, so an early wake-up does not repeat a second.
    last_sent: u64,
}

impl Pending {
    /// Whole seconds left, rounded up, so the countdown reads 20, 19 … 1 and then clears.
    fn remaining_s(&self) -> u64 {
        let left = self.deadline.remaining();
        left.as_millis().div_ceil(1000) as u64
    }
}

fn owner_loop<B: ClipboardBackend>(mut backend: B, rx: mpsc::Receiver<Request>, notify: Notify) {
    let mut pending: Option<Pending> = None;
    loop {
        let wait = match &pending {
            // Wake at the next whole-second boundary before the deadline.
            Some(p) => {
                let left = p.deadline.remaining();
                let sub = Duration::from_nanos((left.as_nanos() % 1_000_000_000) as u64);
                if sub.is_zero() && !left.is_zero() {
                    Duration::from_secs(1)
                } else {
                    sub
                }
            }
            None => Duration::from_secs(3600),
        };
        match rx.recv_timeout(wait) {
            Ok(Request::Copy {
                text,
                field,
                clear_after,
                reply,
            }) => {
                let result = backend.set_secret(text.expose());
                if result.is_ok() {
                    let deadline = BootInstant::now() + clear_after;
                    let mut p = Pending {
                        text,
                        field,
                        deadline,
                        last_sent: 0,
                    };
                    p.last_sent = p.remaining_s();
                    notify(ClipboardEvent {
                        field: p.field.clone(),
                        remaining_s: p.last_sent,
                        cleared: false,
                        replaced: false,
                    });
                    pending = Some(p);
                }
                let _ = reply.send(result);
            }
            Ok(Request::ClearIfOurs { reply }) => {
                if let Some(p) = pending.take() {
                    finish(&mut backend, p, &notify);
                }
                let _ = reply.send(());
            }
            Ok(Request::Read { reply }) => {
                let _ = reply.send(backend.text());
            }
            Ok(Request::ClearIfHolds { text, reply }) => {
                if backend.holds(text.expose()) {
                    backend.clear();
                }
                let _ = reply.send(());
            }
            Err(RecvTimeoutError::Timeout) => {
                let Some(p) = &mut pending else { continue };
                let remaining_s = p.remaining_s();
                if remaining_s == 0 {
                    let p = pending.take().expect("checked above");
                    finish(&mut backend, p, &notify);
                } else if remaining_s != p.last_sent {
                    p.last_sent = remaining_s;
                    notify(ClipboardEvent {
                        field: p.field.clone(),
                        remaining_s,
                        cleared: false,
                        replaced: false,
                    });
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                if let Some(p) = pending.take() {
                    finish(&mut backend, p, &notify);
                }
                return;
            }
        }
    }
}

/// Clears the clipboard if it still holds our secret, then tells the UI the countdown is over.
fn finish<B: ClipboardBackend>(backend: &mut B, pending: Pending, notify: &Notify) {
    let ours = backend.holds(pending.text.expose());
    if ours {
        backend.clear();
    }
    notify(ClipboardEvent {
        field: pending.field,
        remaining_s: 0,
        cleared: true,
        replaced: !ours,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// An in-memory clipboard shared with the test.
    #[derive(Clone, Default)]
    struct FakeClipboard(Arc<Mutex<Option<String>>>);

    impl ClipboardBackend for FakeClipboard {
        fn set_secret(&mut self, text: &str) -> Result<(), ClipboardError> {
            *self.0.lock().unwrap() = Some(text.to_owned());
            Ok(())
        }
        fn holds(&mut self, text: &str) -> bool {
            self.0.lock().unwrap().as_deref() == Some(text)
        }
        fn clear(&mut self) {
            *self.0.lock().unwrap() = None;
        }
        fn text(&mut self) -> Result<Option<SecretString>, ClipboardError> {
            Ok(self.0.lock().unwrap().clone().map(SecretString::new))
        }
    }

    fn service() -> (
        ClipboardService,
        FakeClipboard,
        mpsc::Receiver<ClipboardEvent>,
    ) {
        let fake = FakeClipboard::default();
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let svc = ClipboardService::start_with(
            fake.clone(),
            Box::new(move |e| {
                let _ = tx.lock().unwrap().send(e);
            }),
        );
        (svc, fake, rx)
    }

    fn last_event(rx: &mpsc::Receiver<ClipboardEvent>) -> ClipboardEvent {
        rx.recv_timeout(Duration::from_secs(5)).expect("an event")
    }

    #[test]
    fn secret_is_cleared_after_the_timeout_with_a_countdown() {
        let (svc, fake, rx) = service();
        let answer = svc
            .copy("s3cret-value".into(), "secret", Duration::from_secs(2))
            .unwrap();
        assert_eq!(answer.clear_after_s, 2, "the countdown the user is shown");
        assert_eq!(fake.0.lock().unwrap().as_deref(), Some("s3cret-value"));
        let events: Vec<ClipboardEvent> = (0..3).map(|_| last_event(&rx)).collect();
        let remaining: Vec<u64> = events.iter().map(|e| e.remaining_s).collect();
        assert_eq!(remaining, vec![2, 1, 0]);
        assert!(events[2].cleared);
        assert_eq!(events[2].field, "secret");
        assert_eq!(*fake.0.lock().unwrap(), None);
    }

    #[test]
    fn value_copied_by_the_user_since_is_left_alone() {
        let (svc, fake, rx) = service();
        svc.copy("s3cret-value".into(), "api_key", Duration::from_secs(1))
            .unwrap();
        *fake.0.lock().unwrap() = Some("the user's own text".into());
        let last = loop {
            let event = last_event(&rx);
            if event.cleared {
                break event;
            }
        };
        assert!(last.replaced, "the end event says the user's copy was kept");
        assert_eq!(
            fake.0.lock().unwrap().as_deref(),
            Some("the user's own text")
        );
    }

    #[test]
    fn clear_if_ours_empties_the_clipboard_at_once() {
        let (svc, fake, rx) = service();
        svc.copy("s3cret-value".into(), "secret", Duration::from_secs(60))
            .unwrap();
        assert_eq!(last_event(&rx).remaining_s, 60);
        svc.clear_if_ours();
        assert_eq!(*fake.0.lock().unwrap(), None);
        assert!(last_event(&rx).cleared);
    }
}
