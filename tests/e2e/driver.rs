//! One tauri-driver per test: an isolated profile (temp XDG dirs), free ports, a wait until both the
//! driver and WebKitWebDriver listen, and a SIGTERM on drop (SIGKILL would orphan WebKitWebDriver).

use std::fs::File;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;
pub type TestResult<T = ()> = Result<T, BoxError>;

/// Longest any single wait in the harness may take.
pub const WAIT: Duration = Duration::from_secs(20);

/// Tests talk to 127.0.0.1 only: anything the app would send elsewhere (a real exchange, when a
/// base URL override is missing) goes to a dead local proxy and fails at once.
const OFFLINE_PROXY: [(&str, &str); 6] = [
    ("HTTPS_PROXY", "http://127.0.0.1:9"),
    ("https_proxy", "http://127.0.0.1:9"),
    ("HTTP_PROXY", "http://127.0.0.1:9"),
    ("http_proxy", "http://127.0.0.1:9"),
    ("NO_PROXY", "127.0.0.1,localhost"),
    ("no_proxy", "127.0.0.1,localhost"),
];

/// A throwaway home for one test: the app's data and config dirs, and the driver's log.
pub struct Profile {
    dir: tempfile::TempDir,
}

impl Profile {
    pub fn new() -> TestResult<Profile> {
        let dir = tempfile::Builder::new().prefix("coffre-e2e-").tempdir()?;
        for sub in ["data", "config", "cache", "runtime"] {
            std::fs::create_dir_all(dir.path().join(sub))?;
        }
        // WebKit refuses an XDG_RUNTIME_DIR that others can read.
        std::fs::set_permissions(
            dir.path().join("runtime"),
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )?;
        Ok(Profile { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn data_home(&self) -> PathBuf {
        self.path().join("data")
    }

    pub fn config_home(&self) -> PathBuf {
        self.path().join("config")
    }

    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("XDG_DATA_HOME", self.data_home()),
            ("XDG_CONFIG_HOME", self.config_home()),
            ("XDG_CACHE_HOME", self.path().join("cache")),
            ("XDG_RUNTIME_DIR", self.path().join("runtime")),
        ]
    }

    fn log_path(&self) -> PathBuf {
        self.path().join("driver.log")
    }
}

/// A running tauri-driver (and its WebKitWebDriver). Every app it starts inherits its environment.
pub struct Driver {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Driver {
    /// Starts the driver with the profile's XDG dirs plus `extra_env` (e.g. base URL overrides).
    pub fn start(profile: &Profile, extra_env: &[(String, String)]) -> TestResult<Driver> {
        let port = free_port()?;
        let native_port = free_port()?;
        let log = profile.log_path();
        let out = File::options().create(true).append(true).open(&log)?;
        let child = Command::new(tauri_driver_path())
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .envs(profile.env())
            .envs(OFFLINE_PROXY)
            .envs(extra_env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(out.try_clone()?)
            .stderr(out)
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver ({e}); install it with `cargo install tauri-driver --version 2.1.0 --locked`"))?;
        let mut driver = Driver { child, port, log };
        // tauri-driver may accept before WebKitWebDriver does (tauri-apps/tauri#15156): wait for both.
        driver.wait_listening(port)?;
        driver.wait_listening(native_port)?;
        Ok(driver)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The last lines the driver, WebKitWebDriver and the app wrote, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    fn wait_listening(&mut self, port: u16) -> TestResult {
        let deadline = Instant::now() + WAIT;
        loop {
            if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                return Err(format!("tauri-driver exited ({status}):\n{}", self.log_tail()).into());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "nothing listens on port {port} after {WAIT:?}:\n{}",
                    self.log_tail()
                )
                .into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver (and so the app) before it exits.
        if let Ok(pid) = i32::try_from(self.child.id()) {
            // SAFETY: plain kill(2) on our own child's pid; it has not been reaped yet.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tauri_driver_path() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return path.into();
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    match cargo_home.map(|home| home.join("bin/tauri-driver")) {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// A port nobody listens on right now (the OS picks it; tiny reuse race accepted).
fn free_port() -> TestResult<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}
