//! Locks when the desktop says the user is away: logind's `PrepareForSleep` on the system bus
//! (before suspend) and a screen saver's `ActiveChanged(true)` on the session bus (screen locked).
//! D-Bus on Linux; elsewhere there is nothing to watch here (docs/architecture.md).

/// Why the desktop asked for a lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockCause {
    Sleep,
    ScreenLocked,
}

/// Which bus to listen on: the desktop's own, or a given address (tests use a private bus).
#[derive(Debug, Clone)]
pub enum Bus {
    Default,
    At(String),
}

/// Called from a watcher thread for each signal that means "lock now".
pub type OnLock = std::sync::Arc<dyn Fn(LockCause) + Send + Sync>;

/// The screen savers whose `ActiveChanged` signal says the screen locked (GNOME, KDE and the
/// freedesktop name, MATE, Cinnamon).
pub const SCREEN_SAVERS: &[&str] = &[
    "org.freedesktop.ScreenSaver",
    "org.gnome.ScreenSaver",
    "org.mate.ScreenSaver",
    "org.cinnamon.ScreenSaver",
];

/// Starts watching both buses. Returns once the match rules are registered (so a signal sent
/// afterwards is seen); a bus that cannot be reached is skipped and named in the result.
#[cfg(target_os = "linux")]
pub fn watch(system: Bus, session: Bus, on_lock: OnLock) -> Vec<String> {
    let mut unavailable = Vec::new();
    match linux::sleep_watcher(&system) {
        Ok(iter) => linux::spawn("coffre-sleep-watch", iter, on_lock.clone(), |msg| {
            // `true` is "about to sleep"; `false` is the wake-up.
            matches!(msg.body().deserialize::<bool>(), Ok(true)).then_some(LockCause::Sleep)
        }),
        Err(e) => unavailable.push(format!("system bus: {e}")),
    }
    match linux::screen_lock_watcher(&session) {
        Ok(iter) => linux::spawn("coffre-screen-watch", iter, on_lock, |msg| {
            let from_saver = msg
                .header()
                .interface()
                .is_some_and(|i| SCREEN_SAVERS.contains(&i.as_str()));
            let active = matches!(msg.body().deserialize::<bool>(), Ok(true));
            (from_saver && active).then_some(LockCause::ScreenLocked)
        }),
        Err(e) => unavailable.push(format!("session bus: {e}")),
    }
    unavailable
}

#[cfg(not(target_os = "linux"))]
pub fn watch(_system: Bus, _session: Bus, _on_lock: OnLock) -> Vec<String> {
    vec!["no desktop lock signals on this platform".to_owned()]
}

#[cfg(target_os = "linux")]
mod linux {
    use super::{Bus, LockCause, OnLock};
    use zbus::blocking::{Connection, MessageIterator};
    use zbus::message::{Message, Type};
    use zbus::MatchRule;

    fn connect(bus: &Bus, system: bool) -> zbus::Result<Connection> {
        match bus {
            Bus::Default if system => Connection::system(),
            Bus::Default => Connection::session(),
            Bus::At(address) => {
                zbus::blocking::connection::Builder::address(address.as_str())?.build()
            }
        }
    }

    /// logind's signal, only from the owner of `org.freedesktop.login1` (on the system bus only
    /// logind may own it, so no other process can fake a sleep).
    pub fn sleep_watcher(bus: &Bus) -> zbus::Result<MessageIterator> {
        let conn = connect(bus, true)?;
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .sender("org.freedesktop.login1")?
            .path("/org/freedesktop/login1")?
            .interface("org.freedesktop.login1.Manager")?
            .member("PrepareForSleep")?
            .build();
        MessageIterator::for_match_rule(rule, &conn, Some(16))
    }

    /// Any screen saver's `ActiveChanged`; the interface is checked on arrival. A fake one only
    /// locks the vault, which is harmless.
    pub fn screen_lock_watcher(bus: &Bus) -> zbus::Result<MessageIterator> {
        let conn = connect(bus, false)?;
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .member("ActiveChanged")?
            .build();
        MessageIterator::for_match_rule(rule, &conn, Some(16))
    }

    pub fn spawn(
        name: &str,
        iter: MessageIterator,
        on_lock: OnLock,
        cause: impl Fn(&Message) -> Option<LockCause> + Send + 'static,
    ) {
        let _ = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                for msg in iter.flatten() {
                    if let Some(cause) = cause(&msg) {
                        on_lock(cause);
                    }
                }
            });
    }
}
