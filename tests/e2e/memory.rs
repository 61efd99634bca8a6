//! Looks for secrets in another process's memory: every readable mapping listed in
//! /proc/PID/maps is read through /proc/PID/mem and searched for UTF-8 and UTF-16LE copies — of an
//! anonymous mapping, only the pages the process holds in memory or in swap (/proc/PID/pagemap):
//! the app and WebKit reserve about 70 GiB each and touch a few hundred MiB.

use std::fmt;
use std::fs::File;
use std::os::unix::fs::FileExt;

use memchr::memmem;

use crate::driver::TestResult;

/// One text to look for, in one encoding.
pub struct Needle {
    pub label: String,
    bytes: Vec<u8>,
}

impl Needle {
    /// The UTF-8 and the UTF-16LE forms of `text` (the webview and GTK may hold either).
    pub fn both_encodings(label: &str, text: &str) -> [Needle; 2] {
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        [
            Needle {
                label: format!("{label} (UTF-8)"),
                bytes: text.as_bytes().to_vec(),
            },
            Needle {
                label: format!("{label} (UTF-16LE)"),
                bytes: utf16,
            },
        ]
    }
}

/// Where a copy was found.
pub struct Hit {
    pub needle: String,
    pub address: u64,
    /// The mapping as /proc/PID/maps names it: a file path, `[heap]`, `[stack]` or `anon`.
    pub mapping: String,
    pub perms: String,
}

impl fmt::Display for Hit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {:#x} in {} ({})",
            self.needle, self.address, self.mapping, self.perms
        )
    }
}

#[derive(Default)]
pub struct ScanReport {
    pub hits: Vec<Hit>,
    pub bytes_scanned: u64,
    /// Mappings the kernel would not let us read (e.g. guard pages); counted, not fatal.
    pub unreadable_regions: usize,
}

struct Region {
    start: u64,
    end: u64,
    perms: String,
    name: String,
}

/// Searches every readable mapping of `pid` for every needle.
pub fn scan(pid: u32, needles: &[Needle]) -> TestResult<ScanReport> {
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps"))?;
    let mem = File::open(format!("/proc/{pid}/mem"))
        .map_err(|e| format!("cannot open /proc/{pid}/mem ({e}); is the app non-dumpable?"))?;
    let pagemap = File::open(format!("/proc/{pid}/pagemap"))?;
    let finders: Vec<_> = needles
        .iter()
        .map(|n| (n, memmem::Finder::new(&n.bytes)))
        .collect();
    let overlap = needles.iter().map(|n| n.bytes.len()).max().unwrap_or(1) - 1;
    let mut scanner = Scanner {
        mem,
        finders,
        overlap,
        buf: vec![0u8; CHUNK + overlap],
        report: ScanReport::default(),
    };
    let untouched = untouched_regions(pid)?;
    for region in maps.lines().filter_map(parse_region) {
        if !region.perms.starts_with('r') || region.name == "[vvar]" || region.name == "[vsyscall]"
        {
            continue;
        }
        // Reserved but never touched (WebKit reserves tens of GiB of address space): reading it
        // would only return the zero page, for minutes.
        if untouched.contains(&region.start) {
            continue;
        }
        if region.is_anonymous() {
            // A partly touched reservation (tens of GiB, a few MiB of it written): only its
            // pages in memory or in swap can hold a byte anyone wrote; the others read as zeros.
            for (start, end) in pages_held(&pagemap, &region)? {
                scanner.scan_range(&region, start, end);
            }
        } else {
            // A file's pages not in memory hold the file's bytes: read them all.
            scanner.scan_range(&region, region.start, region.end);
        }
    }
    Ok(scanner.report)
}

struct Scanner<'a> {
    mem: File,
    finders: Vec<(&'a Needle, memmem::Finder<'a>)>,
    /// Longest needle less one byte: read past each chunk so a copy straddling two is seen whole.
    overlap: usize,
    buf: Vec<u8>,
    report: ScanReport,
}

impl Scanner<'_> {
    /// Searches `start..end` of `region`, reading up to `overlap` bytes past `end` for a copy
    /// that starts inside it.
    fn scan_range(&mut self, region: &Region, start: u64, end: u64) {
        let read_end = (end + self.overlap as u64).min(region.end);
        let mut at = start;
        while at < end {
            let len = (read_end - at).min((CHUNK + self.overlap) as u64) as usize;
            let Ok(read) = read_fully(&self.mem, &mut self.buf[..len], at) else {
                self.report.unreadable_regions += 1;
                return;
            };
            let step = (end - at).min(CHUNK as u64);
            self.report.bytes_scanned += step;
            for (needle, finder) in &self.finders {
                for offset in finder.find_iter(&self.buf[..read]) {
                    // A copy starting past this step is found by the next one; past the range's
                    // end it would start in a page no one wrote (a needle never starts with 0).
                    if offset as u64 >= step {
                        continue;
                    }
                    self.report.hits.push(Hit {
                        needle: needle.label.clone(),
                        address: at + offset as u64,
                        mapping: region.name.clone(),
                        perms: region.perms.clone(),
                    });
                }
            }
            at += step;
        }
    }
}

impl Region {
    /// Memory no file backs: the heap, stacks, and anonymous mappings.
    fn is_anonymous(&self) -> bool {
        self.name == "anon"
            || self.name.starts_with("[heap")
            || self.name.starts_with("[stack")
            || self.name.starts_with("[anon")
    }
}

/// The runs of `region`'s pages that are in memory or in swap, from /proc/PID/pagemap (one
/// 64-bit entry per page: bit 63 present, bit 62 swapped).
fn pages_held(pagemap: &File, region: &Region) -> TestResult<Vec<(u64, u64)>> {
    // SAFETY: sysconf has no preconditions.
    let page = u64::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
    const BATCH: u64 = 8192;
    let mut runs: Vec<(u64, u64)> = Vec::new();
    let mut entries = vec![0u8; (BATCH * 8) as usize];
    let mut first = region.start / page;
    let last = region.end / page;
    while first < last {
        let count = (last - first).min(BATCH);
        let bytes = &mut entries[..(count * 8) as usize];
        pagemap.read_exact_at(bytes, first * 8)?;
        for (i, entry) in bytes.chunks_exact(8).enumerate() {
            let entry = u64::from_le_bytes(entry.try_into().unwrap_or_default());
            if entry & (0b11 << 62) == 0 {
                continue;
            }
            let start = (first + i as u64) * page;
            match runs.last_mut() {
                Some(run) if run.1 == start => run.1 = start + page,
                _ => runs.push((start, start + page)),
            }
        }
        first += count;
    }
    Ok(runs)
}

const CHUNK: usize = 1 << 20;

/// Start addresses of the mappings with nothing resident and nothing swapped (`/proc/PID/smaps`):
/// they hold no byte anyone wrote.
fn untouched_regions(pid: u32) -> TestResult<std::collections::HashSet<u64>> {
    let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps"))?;
    let mut untouched = std::collections::HashSet::new();
    let mut current: Option<(u64, u64, u64)> = None; // (start, rss kB, swap kB)
    let mut finish = |region: Option<(u64, u64, u64)>| {
        if let Some((start, 0, 0)) = region {
            untouched.insert(start);
        }
    };
    for line in smaps.lines() {
        let mut parts = line.split_whitespace();
        let Some(first) = parts.next() else { continue };
        if !first.ends_with(':') {
            // A mapping's header line, as in /proc/PID/maps.
            finish(current.take());
            current = parse_region(line).map(|r| (r.start, u64::MAX, u64::MAX));
            continue;
        }
        let (Some((_, rss, swap)), Some(Ok(kb))) =
            (current.as_mut(), parts.next().map(str::parse::<u64>))
        else {
            continue;
        };
        match first {
            "Rss:" => *rss = kb,
            "Swap:" => *swap = kb,
            _ => {}
        }
    }
    finish(current.take());
    Ok(untouched)
}

fn read_fully(mem: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    mem.read_exact_at(buf, at)?;
    Ok(buf.len())
}

/// `start-end perms offset dev inode [name]`
fn parse_region(line: &str) -> Option<Region> {
    let mut fields = line.splitn(6, ' ');
    let (start, end) = fields.next()?.split_once('-')?;
    let perms = fields.next()?.to_owned();
    let name = fields.nth(3).map(str::trim).unwrap_or("");
    Some(Region {
        start: u64::from_str_radix(start, 16).ok()?,
        end: u64::from_str_radix(end, 16).ok()?,
        perms,
        name: if name.is_empty() {
            "anon".to_owned()
        } else {
            name.to_owned()
        },
    })
}

/// A `sleep` child that holds `env` in its environment (so on its stack) and nothing else of ours.
#[cfg(test)]
fn sleeper(env: &[(&str, &str)]) -> std::process::Child {
    let child = std::process::Command::new("sleep")
        .arg("30")
        .envs(env.iter().copied())
        .spawn()
        .unwrap();
    // Let exec finish so the scan sees sleep's memory, not our forked copy.
    std::thread::sleep(std::time::Duration::from_millis(200));
    child
}

#[test]
fn scanner_finds_text_in_another_process_in_both_encodings_it_holds() {
    let marker = format!("coffre-marker-{}", std::process::id());
    let mut child = sleeper(&[("COFFRE_MARKER", &marker)]);
    let report = scan(child.id(), &Needle::both_encodings("marker", &marker));
    child.kill().unwrap();
    child.wait().unwrap();
    let report = report.unwrap();
    let hits: Vec<String> = report.hits.iter().map(|h| h.to_string()).collect();
    assert!(
        hits.iter()
            .any(|h| h.starts_with("marker (UTF-8)") && h.contains("[stack]")),
        "hits: {hits:?}"
    );
    assert!(
        !hits.iter().any(|h| h.starts_with("marker (UTF-16LE)")),
        "hits: {hits:?}"
    );
}

#[test]
fn scanner_reports_nothing_for_text_the_process_never_had() {
    let marker = format!("coffre-absent-{}", std::process::id());
    let mut child = sleeper(&[]);
    let report = scan(child.id(), &Needle::both_encodings("marker", &marker));
    child.kill().unwrap();
    child.wait().unwrap();
    let report = report.unwrap();
    assert!(report.bytes_scanned > 0);
    assert!(report.hits.is_empty());
}

#[test]
fn scanner_finds_text_in_the_one_touched_page_of_a_large_reservation() {
    let marker = format!("coffre-reserved-{}", std::process::id());
    // 1 GiB reserved, one page in the middle written: what WebKit's and the allocator's
    // reservations look like.
    let script = format!(
        "import mmap, sys, time\nm = mmap.mmap(-1, 1 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)\nm[1 << 29:(1 << 29) + {len}] = b'{marker}'\n\
         print('ready', flush=True)\ntime.sleep(30)\n",
        len = marker.len()
    );
    let mut child = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut ready = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut ready,
    )
    .unwrap();
    let report = scan(child.id(), &Needle::both_encodings("marker", &marker));
    child.kill().unwrap();
    child.wait().unwrap();
    let report = report.unwrap();
    assert!(
        report.hits.iter().any(|h| h.mapping == "anon"),
        "hits: {:?}",
        report
            .hits
            .iter()
            .map(|h| h.to_string())
            .collect::<Vec<_>>()
    );
    // The marker is python's too (its source text): the heap has it as well. The reservation
    // itself cost one page, not a GiB.
    assert!(
        report.bytes_scanned < 512 << 20,
        "scanned {} MiB",
        report.bytes_scanned >> 20
    );
}
