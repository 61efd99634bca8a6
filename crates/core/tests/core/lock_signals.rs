//! Lock on sleep and screen lock, proved on a private D-Bus bus (a `dbus-daemon` of the test's own)
//! standing in for both the system and the session bus.

use coffre_core::lock_signals::{watch, Bus, LockCause};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct PrivateBus {
    daemon: Child,
    address: String,
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

fn private_bus() -> PrivateBus {
    let mut daemon = Command::new("dbus-daemon")
        .args(["--session", "--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("dbus-daemon (Debian package dbus-daemon) runs");
    let mut address = String::new();
    BufReader::new(daemon.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    PrivateBus {
        daemon,
        address: address.trim().to_owned(),
    }
}

fn watching(bus: &PrivateBus) -> mpsc::Receiver<LockCause> {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let unavailable = watch(
        Bus::At(bus.address.clone()),
        Bus::At(bus.address.clone()),
        Arc::new(move |cause| {
            let _ = tx.lock().unwrap().send(cause);
        }),
    );
    assert!(unavailable.is_empty(), "{unavailable:?}");
    rx
}

fn connect(bus: &PrivateBus) -> zbus::blocking::Connection {
    zbus::blocking::connection::Builder::address(bus.address.as_str())
        .unwrap()
        .build()
        .unwrap()
}

fn prepare_for_sleep(conn: &zbus::blocking::Connection, going: bool) {
    conn.emit_signal(
        None::<&str>,
        "/org/freedesktop/login1",
        "org.freedesktop.login1.Manager",
        "PrepareForSleep",
        &(going,),
    )
    .unwrap();
}

const QUIET: Duration = Duration::from_millis(300);

#[test]
fn logind_going_to_sleep_locks_and_waking_up_does_not() {
    let bus = private_bus();
    let locks = watching(&bus);
    let logind = connect(&bus);
    logind.request_name("org.freedesktop.login1").unwrap();
    prepare_for_sleep(&logind, false);
    assert!(locks.recv_timeout(QUIET).is_err(), "waking up is no lock");
    prepare_for_sleep(&logind, true);
    assert_eq!(
        locks.recv_timeout(Duration::from_secs(5)),
        Ok(LockCause::Sleep)
    );
}

#[test]
fn a_sleep_signal_from_anyone_but_logind_is_ignored() {
    let bus = private_bus();
    let locks = watching(&bus);
    prepare_for_sleep(&connect(&bus), true);
    assert!(locks.recv_timeout(QUIET).is_err());
}

#[test]
fn a_screen_saver_turning_on_locks() {
    let bus = private_bus();
    let locks = watching(&bus);
    let saver = connect(&bus);
    let active = |iface: &str, on: bool| {
        saver
            .emit_signal(
                None::<&str>,
                "/org/gnome/ScreenSaver",
                iface,
                "ActiveChanged",
                &(on,),
            )
            .unwrap()
    };
    active("org.gnome.ScreenSaver", false);
    active("org.example.NotASaver", true);
    assert!(
        locks.recv_timeout(QUIET).is_err(),
        "screen unlocked, or no screen saver"
    );
    active("org.gnome.ScreenSaver", true);
    assert_eq!(
        locks.recv_timeout(Duration::from_secs(5)),
        Ok(LockCause::ScreenLocked)
    );
    active("org.freedesktop.ScreenSaver", true);
    assert_eq!(
        locks.recv_timeout(Duration::from_secs(5)),
        Ok(LockCause::ScreenLocked)
    );
}
