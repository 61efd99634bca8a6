//! Process set-up done once at start, before any secret exists: glibc's malloc told to overwrite
//! freed blocks (in this process and in the WebKit processes it starts), no core dumps and no
//! memory reads by other processes (the vault's `harden_process`).

/// The byte glibc writes over every freed block (and the complement into fresh ones).
const PERTURB_BYTE: libc::c_int = 0xA5;

/// Hardens the process; failures are logged, not fatal (a vault opened without them is still
/// better than none).
///
/// Must stay the first thing the app does (`run` calls it first): on Linux it may re-execute the
/// program, which is only harmless while no thread, window or secret exists yet.
pub fn harden() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    reexec_with_malloc_tunables();
    let hardening = coffre_vault::harden_process();
    if !hardening.core_dumps_disabled {
        eprintln!("coffre: could not disable core dumps");
    }
    perturb_freed_memory();
}

/// The environment variable glibc reads its tunables from, once, when a program starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TUNABLES_VAR: &str = "GLIBC_TUNABLES";

/// Set on the one re-execution, so that it can never loop (even if glibc dropped or rewrote
/// `GLIBC_TUNABLES`); removed again before anything else runs.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const REEXECUTED_VAR: &str = "COFFRE_MALLOC_TUNABLES_REEXEC";

/// `GLIBC_TUNABLES` as it should be: `existing` (the variable's current value, if any) with our
/// malloc settings appended (colon-separated) unless it already ends up with them. glibc applies
/// the items left to right, so an item of ours earlier in the list but set again later does not
/// count, and appending ours makes them win. Returns `existing` unchanged when nothing is missing.
///
/// - `glibc.malloc.tcache_count=0` turns off the per-thread cache of small freed blocks (see
///   [`reexec_with_malloc_tunables`]);
/// - `glibc.malloc.perturb` is `M_PERTURB` as a tunable, with the same byte.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tunables_env(existing: Option<&str>) -> String {
    let existing = existing.unwrap_or("");
    let ours = [
        ("glibc.malloc.tcache_count", "0".to_owned()),
        ("glibc.malloc.perturb", PERTURB_BYTE.to_string()),
    ];
    let last_value = |name: &str| {
        existing
            .split(':')
            .filter_map(|item| item.split_once('='))
            .filter(|(item_name, _)| *item_name == name)
            .map(|(_, value)| value)
            .next_back()
    };
    let missing: Vec<String> = ours
        .iter()
        .filter(|(name, value)| last_value(name) != Some(value.as_str()))
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    if missing.is_empty() {
        return existing.to_owned();
    }
    existing
        .split(':')
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .chain(missing)
        .collect::<Vec<_>>()
        .join(":")
}

/// Re-executes the program once with [`tunables_env`] in its environment, unless it is there.
///
/// glibc's malloc keeps freed blocks of up to 1032 bytes in a per-thread cache (the tcache, 7
/// blocks per size) and puts them there *before* the `M_PERTURB` overwrite, so small freed
/// blocks, where GTK, glib and libsoup keep strings, IPC messages and request bodies, kept their
/// content. No `mallopt` turns that cache off; the `glibc.malloc.tcache_count=0` tunable does,
/// and glibc reads tunables only when a program starts: hence the re-execution, before anything
/// else has run. The environment is inherited by the processes WebKit starts (web content,
/// network), so their freed blocks are overwritten and their cache is off as well, which
/// `mallopt` in this process never reached. Limits: memory WebKit manages with its own allocator
/// (bmalloc/libpas) is not glibc's and not covered; and glibc's perturb stops at the next chunk's
/// header, so a block's last bytes (up to 8, when its size is 1 to 8 past a multiple of 16) keep
/// their content. The cost: the dynamic loader runs twice at start (about 15 ms measured on the
/// debug build) and small allocations skip the cache (a malloc and free pair of a small block went
/// from about 22 to 100 ns with perturb on, in a C loop).
///
/// The same executable (the path `/proc/self/exe` resolves to: executing `/proc/self/exe` itself
/// would rename the process `exe`, and `ps`, `pkill coffre-app` and the e2e harness find the app
/// by its name) with the same arguments, which carry no secrets. `exec` keeps the process id,
/// parent and open descriptors, so a launcher waiting on the app (tauri-driver's
/// WebKitWebDriver, `cargo run`, a desktop session) sees one process. If the re-execution fails,
/// one line goes to stderr and the app goes on with `mallopt(M_PERTURB)` only.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn reexec_with_malloc_tunables() {
    use std::os::unix::process::CommandExt;

    if std::env::var_os(REEXECUTED_VAR).is_some() {
        // Second run: never again, whatever became of the variable. No thread exists yet, so
        // changing the environment races with nothing.
        std::env::remove_var(REEXECUTED_VAR);
        let current = std::env::var(TUNABLES_VAR).ok();
        if current.as_deref() != Some(tunables_env(current.as_deref()).as_str()) {
            eprintln!("coffre: {TUNABLES_VAR} lost its malloc settings on re-execution");
        }
        return;
    }
    let existing = match std::env::var(TUNABLES_VAR) {
        Ok(value) => Some(value),
        Err(std::env::VarError::NotPresent) => None,
        Err(std::env::VarError::NotUnicode(_)) => {
            eprintln!("coffre: {TUNABLES_VAR} is not UTF-8; left alone");
            return;
        }
    };
    let wanted = tunables_env(existing.as_deref());
    if existing.as_deref() == Some(wanted.as_str()) {
        return;
    }
    // On Linux, `current_exe` is where `/proc/self/exe` points.
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(err) => {
            eprintln!("coffre: cannot find the executable to set glibc's malloc tunables ({err})");
            return;
        }
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(&exe);
    if let Some(arg0) = args.next() {
        command.arg0(arg0);
    }
    // `exec` only returns on failure.
    let err = command
        .args(args)
        .env(TUNABLES_VAR, &wanted)
        .env(REEXECUTED_VAR, "1")
        .exec();
    eprintln!(
        "coffre: cannot re-execute {} with glibc's malloc tunables ({err}); small freed blocks \
         of C code may keep their content",
        exe.display()
    );
}

/// `mallopt(M_PERTURB)`: memory freed by C code in this process is overwritten, as our own Rust
/// heap is by the zeroizing allocator. Redundant after the re-execution (`glibc.malloc.perturb`
/// sets the same), kept for when it failed: blocks too big for the tcache are still covered.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn perturb_freed_memory() {
    // SAFETY: mallopt takes two integers, touches no memory of ours, and is called at start
    // before any other thread allocates.
    let ok = unsafe { libc::mallopt(libc::M_PERTURB, PERTURB_BYTE) } == 1;
    if !ok {
        eprintln!("coffre: mallopt(M_PERTURB) failed");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn perturb_freed_memory() {
    let _ = PERTURB_BYTE;
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    const OURS: &str = "glibc.malloc.tcache_count=0:glibc.malloc.perturb=165";

    #[test]
    fn tunables_env_sets_ours_when_there_is_none() {
        assert_eq!(tunables_env(None), OURS);
        assert_eq!(tunables_env(Some("")), OURS);
    }

    #[test]
    fn tunables_env_appends_to_the_users_settings() {
        assert_eq!(
            tunables_env(Some("glibc.malloc.arena_max=2")),
            format!("glibc.malloc.arena_max=2:{OURS}")
        );
        assert_eq!(
            tunables_env(Some("glibc.malloc.arena_max=2:")),
            format!("glibc.malloc.arena_max=2:{OURS}")
        );
        // Only what is missing is added.
        assert_eq!(
            tunables_env(Some("glibc.malloc.perturb=165")),
            "glibc.malloc.perturb=165:glibc.malloc.tcache_count=0"
        );
    }

    #[test]
    fn tunables_env_keeps_a_value_that_already_has_them() {
        for value in [
            OURS,
            "glibc.malloc.perturb=165:glibc.malloc.tcache_count=0",
            "glibc.malloc.tcache_count=0:glibc.mem.tagging=1:glibc.malloc.perturb=165",
        ] {
            assert_eq!(tunables_env(Some(value)), value);
        }
        // What the re-executed app sees: nothing more to do, so no second re-execution.
        let once = tunables_env(Some("glibc.malloc.arena_max=2"));
        assert_eq!(tunables_env(Some(&once)), once);
    }

    #[test]
    fn tunables_env_overrides_other_values_of_ours() {
        // The last item wins in glibc, so ours go after the user's.
        assert_eq!(
            tunables_env(Some("glibc.malloc.tcache_count=7")),
            format!("glibc.malloc.tcache_count=7:{OURS}")
        );
        assert_eq!(
            tunables_env(Some(
                "glibc.malloc.tcache_count=0:glibc.malloc.tcache_count=7"
            )),
            "glibc.malloc.tcache_count=0:glibc.malloc.tcache_count=7:glibc.malloc.tcache_count=0\
             :glibc.malloc.perturb=165"
        );
        assert_eq!(
            tunables_env(Some("glibc.malloc.perturb=42:glibc.malloc.tcache_count=0")),
            "glibc.malloc.perturb=42:glibc.malloc.tcache_count=0:glibc.malloc.perturb=165"
        );
    }

    /// Selects the child mode of [`freed_block_probe`]: `tunables` or `mallopt`.
    const PROBE_MODE_VAR: &str = "COFFRE_TEST_FREED_BLOCK_PROBE";
    /// Written into each block before its free; neither the perturb byte nor its complement.
    const PATTERN: u8 = 0x5C;
    /// Block sizes, all small enough for the tcache (up to 1032 bytes); 200 and 1000 end in the
    /// next chunk's header, 64 does not.
    const SIZES: [usize; 3] = [64, 200, 1000];
    /// The first bytes of a free block hold the allocator's own links, whatever the settings.
    const LINKS: usize = 32;
    /// glibc's perturb covers a chunk less its 16-byte header, while a block may use 8 bytes of
    /// the next chunk's header: those last 8 bytes (when the size is 1 to 8 past a multiple of
    /// 16) are never overwritten. Measured apart.
    const TAIL: usize = 8;

    /// What one child saw in a freed block: the bytes between the links and the tail, those
    /// still `PATTERN` and those equal to the perturb byte, and the tail bytes still `PATTERN`.
    #[derive(Debug)]
    struct Seen {
        size: usize,
        body: usize,
        kept: usize,
        perturbed: usize,
        tail_kept: usize,
    }

    /// Child mode (a no-op in a normal test run): mallocs small blocks from C, fills them, frees
    /// them and prints what is left in them.
    #[test]
    #[allow(unsafe_code)]
    fn freed_block_probe() {
        let Some(mode) = std::env::var_os(PROBE_MODE_VAR) else {
            return;
        };
        if mode == "mallopt" {
            // What the app did before: M_PERTURB alone, no tunables.
            perturb_freed_memory();
        }
        // Called through opaque pointers, so the compiler cannot see malloc and free, drop the
        // pattern's writes as dead or treat the read after free as impossible.
        let malloc: unsafe extern "C" fn(libc::size_t) -> *mut libc::c_void =
            std::hint::black_box(libc::malloc);
        let free: unsafe extern "C" fn(*mut libc::c_void) = std::hint::black_box(libc::free);
        let mut lines = Vec::new();
        for size in SIZES {
            let mut seen = [0u8; 1024];
            // SAFETY: the blocks are C malloc's, written within their size and freed once. The
            // read after free is the point of the probe: the block is still mapped (a small
            // block stays in the heap, and `fence` keeps it from merging into the heap's top),
            // and it is read as plain bytes with volatile reads, nothing allocated in between.
            unsafe {
                let block = malloc(size).cast::<u8>();
                let fence = malloc(16);
                assert!(!block.is_null() && !fence.is_null());
                for i in 0..size {
                    block.add(i).write_volatile(PATTERN);
                }
                free(block.cast());
                for (i, byte) in seen.iter_mut().enumerate().take(size).skip(LINKS) {
                    *byte = block.add(i).read_volatile();
                }
                free(fence);
            }
            let count = |bytes: &[u8], value: u8| bytes.iter().filter(|&&b| b == value).count();
            let body = &seen[LINKS..size - TAIL];
            let tail = &seen[size - TAIL..size];
            lines.push(format!(
                "freed-block-probe size={size} body={} kept={} perturbed={} tail_kept={}",
                body.len(),
                count(body, PATTERN),
                count(body, PERTURB_BYTE as u8),
                count(tail, PATTERN),
            ));
        }
        for line in lines {
            println!("{line}");
        }
    }

    /// Runs this test binary's [`freed_block_probe`] in a child process with `tunables` as its
    /// `GLIBC_TUNABLES` (none if `None`).
    fn run_probe(mode: &str, tunables: Option<&str>) -> Vec<Seen> {
        let name = format!(
            "{}::freed_block_probe",
            module_path!().split_once("::").map_or("", |(_, path)| path)
        );
        let mut command = std::process::Command::new(std::env::current_exe().unwrap());
        command
            .args(["--exact", &name, "--nocapture", "--test-threads=1"])
            .env(PROBE_MODE_VAR, mode)
            .env_remove(TUNABLES_VAR)
            .env_remove("MALLOC_PERTURB_");
        if let Some(tunables) = tunables {
            command.env(TUNABLES_VAR, tunables);
        }
        let output = command.output().expect("cannot run the probe");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "probe failed: {stdout}");
        let probe: Vec<Seen> = stdout
            .lines()
            // libtest's "test ... " may precede the first one on its line.
            .filter_map(|line| Some(line.split_once("freed-block-probe ")?.1))
            .map(|line| {
                let field = |key: &str| -> usize {
                    line.split_whitespace()
                        .find_map(|item| item.strip_prefix(key)?.strip_prefix('='))
                        .and_then(|value| value.parse().ok())
                        .unwrap_or_else(|| panic!("no {key} in {line:?}"))
                };
                Seen {
                    size: field("size"),
                    body: field("body"),
                    kept: field("kept"),
                    perturbed: field("perturbed"),
                    tail_kept: field("tail_kept"),
                }
            })
            .collect();
        assert_eq!(probe.len(), SIZES.len(), "probe output: {stdout}");
        eprintln!("{mode}, GLIBC_TUNABLES={tunables:?}: {probe:?}");
        probe
    }

    #[test]
    fn small_freed_blocks_are_overwritten_with_the_tunables_and_not_with_mallopt_alone() {
        // Control, what the app did before: M_PERTURB alone leaves small freed blocks as they
        // were, because glibc put them in its tcache first. If this fails, this glibc has no
        // tcache (built without it) and the check below proves nothing here.
        for seen in run_probe("mallopt", None) {
            assert_eq!(
                seen.kept, seen.body,
                "mallopt(M_PERTURB) alone overwrote a freed block (no tcache here?): {seen:?}"
            );
        }
        // The app's environment after its re-execution: the perturb byte everywhere but in the
        // allocator's links and (see TAIL) the last 8 bytes of some blocks.
        for seen in run_probe("tunables", Some(&tunables_env(None))) {
            assert_eq!(seen.kept, 0, "a freed block kept its content: {seen:?}");
            assert_eq!(seen.perturbed, seen.body, "not overwritten: {seen:?}");
            // Only the bytes of the block that lie in the next chunk's header may be left.
            let uncovered = match seen.size % 16 {
                rest @ 1..=8 => rest,
                _ => 0,
            };
            assert!(seen.tail_kept <= uncovered, "tail left: {seen:?}");
        }
    }
}
