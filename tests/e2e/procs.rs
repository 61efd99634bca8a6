//! Finds the app's processes under a tauri-driver (the app is a grandchild, its WebKit helpers are
//! its children) and measures their memory from /proc.

use std::time::{Duration, Instant};

use crate::driver::{TestResult, WAIT};

/// The command name the kernel shows for the app binary.
pub const APP_COMM: &str = "coffre-app";

/// Every live descendant of `root` (not `root` itself), parents before children.
pub fn descendants(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = all_pids()
        .into_iter()
        .filter_map(|pid| Some((pid, parent_of(pid)?)))
        .collect();
    let mut found = vec![root];
    let mut next = 0;
    while next < found.len() {
        let parent = found[next];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(c, _)| *c),
        );
        next += 1;
    }
    found.remove(0);
    found
}

/// The pid of the app's main process started under the driver `driver_pid`, waiting for it to appear.
pub fn wait_app_pid(driver_pid: u32) -> TestResult<u32> {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(pid) = descendants(driver_pid)
            .into_iter()
            .find(|pid| comm(*pid).as_deref() == Some(APP_COMM))
        {
            return Ok(pid);
        }
        if Instant::now() > deadline {
            return Err(format!("no {APP_COMM} process under tauri-driver after {WAIT:?}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for a process to be gone (the app must have quit before it is started again).
pub fn wait_gone(pid: u32) -> TestResult {
    let deadline = Instant::now() + WAIT;
    while std::path::Path::new(&format!("/proc/{pid}")).exists() && !is_zombie(pid) {
        if Instant::now() > deadline {
            return Err(format!("process {pid} still running after {WAIT:?}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

pub fn comm(pid: u32) -> Option<String> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
    Some(text.trim_end().to_owned())
}

/// Resident and proportional set size of one process, in KiB (from smaps_rollup).
#[derive(Debug, Clone, Copy, Default)]
pub struct MemoryUse {
    pub rss_kib: u64,
    pub pss_kib: u64,
}

pub fn memory_use(pid: u32) -> TestResult<MemoryUse> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))?;
    let field = |name: &str| -> u64 {
        text.lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    Ok(MemoryUse {
        rss_kib: field("Rss:"),
        pss_kib: field("Pss:"),
    })
}

fn all_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Fields of /proc/PID/stat after the parenthesised command name (which may hold spaces).
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    Some(after_name.split_whitespace().map(str::to_owned).collect())
}

fn parent_of(pid: u32) -> Option<u32> {
    stat_fields(pid)?.get(1)?.parse().ok()
}

fn is_zombie(pid: u32) -> bool {
    stat_fields(pid).and_then(|f| f.first().cloned()).as_deref() == Some("Z")
}
