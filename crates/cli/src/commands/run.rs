//! `run`: starts a command with keys' credentials in its environment (names and checks from
//! `coffre_core::run_env`), masks them in its output, forwards signals to it and exits with its
//! code. Only the process plumbing lives here.

use std::ffi::OsStr;
use std::path::Path;

use coffre_core::run_env::{self, Consumer};

use super::Ctx;
use crate::args::RunArgs;
use crate::error::CliError;

pub fn run(ctx: &mut Ctx, args: RunArgs) -> Result<u8, CliError> {
    let labels = args.labels();
    if labels.is_empty() {
        return Err(CliError::Usage(
            "name the key to run with: coffre run LABEL -- COMMAND (or --key LABEL)".to_owned(),
        ));
    }
    let (program, program_args) = args.command.split_first().expect("clap requires a command");
    // Before the password is asked: a typo costs no unlock.
    find_program(program)?;
    let session = ctx.session()?;
    let handoff = run_env::prepare(
        &session,
        &labels,
        args.consumer.map(Into::into),
        args.force,
        chrono::Utc::now(),
    )?;
    // The child's environment is all the run needs from the vault.
    session.lock();
    drop(session);
    for warning in &handoff.warnings {
        eprintln!("coffre: warning: {warning}");
    }
    if handoff.consumer == Consumer::Freqtrade {
        for warning in run_env::freqtrade_config_warnings(program_args) {
            eprintln!("coffre: warning: {warning}");
        }
    }
    tracing::info!(
        consumer = handoff.consumer.id(),
        variables = ?handoff.vars.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
        "starting the command"
    );
    let child_stdin_null = ctx.input.reads_stdin();
    platform::run(
        program,
        program_args,
        handoff,
        !args.no_masking,
        child_stdin_null,
    )
}

/// Refuses a program that is not there (or not executable) with a clear message, looked up as
/// the system will: a path when it has a `/`, else each `PATH` directory.
fn find_program(program: &OsStr) -> Result<(), CliError> {
    let name = Path::new(program);
    let shown = program.to_string_lossy();
    let candidates: Vec<std::path::PathBuf> = if shown.contains('/') {
        vec![name.to_owned()]
    } else {
        std::env::var_os("PATH")
            .map(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .collect()
            })
            .unwrap_or_default()
    };
    let files: Vec<_> = candidates.iter().filter(|p| p.is_file()).collect();
    if files.is_empty() {
        return Err(CliError::Usage(format!("command not found: {shown}")));
    }
    if !files.iter().any(|p| is_executable(p)) {
        return Err(CliError::Usage(format!("{shown} is not executable")));
    }
    Ok(())
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_path: &Path) -> bool {
    true
}

#[cfg(unix)]
mod platform {
    use std::ffi::{OsStr, OsString};
    use std::io::{self, Read, Write};
    use std::process::{Child, Command, ExitStatus, Stdio};
    use std::sync::mpsc;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use coffre_core::run_env::output_mask::{MaskedStream, OutputMask};
    use coffre_core::run_env::Handoff;
    use rustix::process::{kill_process, Pid, Signal};
    use signal_hook::consts::{SIGCHLD, SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::exfiltrator::WithOrigin;
    use signal_hook::iterator::SignalsInfo;
    use signal_hook::low_level::siginfo::Cause;
    use zeroize::Zeroizing;

    use crate::error::CliError;
    use crate::exit_code;
    use crate::secret_input::PASSWORD_ENV;

    /// After the child exits, how long its output may take to drain (a process it left behind
    /// may hold the pipes open: its later output is lost rather than Coffre waiting for it).
    const DRAIN: Duration = Duration::from_secs(2);

    pub fn run(
        program: &OsStr,
        args: &[OsString],
        handoff: Handoff,
        masking: bool,
        stdin_null: bool,
    ) -> Result<u8, CliError> {
        let mask = masking.then(|| OutputMask::new(handoff.concealed()));
        // Watched before the child exists, so neither its exit nor an early signal is missed.
        let mut signals = SignalsInfo::<WithOrigin>::new([SIGINT, SIGTERM, SIGHUP, SIGCHLD])
            .map_err(CliError::io("watching signals"))?;

        let mut command = Command::new(program);
        command.args(args).env_remove(PASSWORD_ENV);
        for var in &handoff.vars {
            command.env(&var.name, var.value.expose());
        }
        if stdin_null {
            // Coffre read the master password from stdin (and may have read ahead).
            command.stdin(Stdio::null());
        }
        if mask.is_some() {
            command.stdout(Stdio::piped()).stderr(Stdio::piped());
        }
        let spawned = command.spawn();
        // `Command` keeps its own copy of the environment: gone as soon as the child has it,
        // with ours (zeroized on drop). The mask keeps the values it must find in the output.
        drop(command);
        drop(handoff);
        let mut child = spawned.map_err(|e| spawn_error(program, e))?;

        let pumps = mask.map(|mask| Pumps::start(&mut child, &mask));
        let status =
            supervise(&mut child, &mut signals).map_err(CliError::io("waiting for the command"))?;
        if let Some(pumps) = pumps {
            pumps.drain(DRAIN);
        }
        Ok(exit_code::for_child(status))
    }

    fn spawn_error(program: &OsStr, err: io::Error) -> CliError {
        let shown = program.to_string_lossy();
        match err.kind() {
            io::ErrorKind::NotFound => CliError::Usage(format!("command not found: {shown}")),
            io::ErrorKind::PermissionDenied => {
                CliError::Usage(format!("cannot run {shown}: permission denied"))
            }
            _ => CliError::Io(format!("starting {shown}"), err),
        }
    }

    /// Waits for the child, forwarding SIGINT, SIGTERM and SIGHUP to it. A signal the kernel
    /// sent (Ctrl-C, a hang-up from the terminal) went to the whole foreground process group,
    /// the child included: sending it again would make Ctrl-C count twice.
    fn supervise(
        child: &mut Child,
        signals: &mut SignalsInfo<WithOrigin>,
    ) -> io::Result<ExitStatus> {
        let pid = Pid::from_child(child);
        loop {
            // The child is reaped here only, so `pid` cannot name another process before that.
            if let Some(status) = child.try_wait()? {
                return Ok(status);
            }
            for origin in signals.wait() {
                if origin.signal == SIGCHLD {
                    continue;
                }
                if origin.cause == Cause::Kernel {
                    tracing::debug!(
                        signal = origin.signal,
                        "from the terminal: the command has it too"
                    );
                    continue;
                }
                if let Some(signal) = Signal::from_named_raw(origin.signal) {
                    tracing::debug!(signal = origin.signal, "forwarding to the command");
                    // It may have just exited: nothing to forward to then.
                    let _ = kill_process(pid, signal);
                }
            }
        }
    }

    /// The threads that copy the child's stdout and stderr to ours through the mask.
    struct Pumps {
        done: mpsc::Receiver<()>,
        count: usize,
    }

    impl Pumps {
        fn start(child: &mut Child, mask: &Arc<OutputMask>) -> Pumps {
            let (tx, done) = mpsc::channel();
            let mut count = 0;
            if let Some(out) = child.stdout.take() {
                let (tx, stream) = (tx.clone(), mask.stream());
                std::thread::spawn(move || pump(out, io::stdout, stream, tx));
                count += 1;
            }
            if let Some(err) = child.stderr.take() {
                let stream = mask.stream();
                std::thread::spawn(move || pump(err, io::stderr, stream, tx));
                count += 1;
            }
            Pumps { done, count }
        }

        /// Waits until both streams ended, at most `limit`.
        fn drain(self, limit: Duration) {
            let deadline = Instant::now() + limit;
            for _ in 0..self.count {
                let left = deadline.saturating_duration_since(Instant::now());
                if self.done.recv_timeout(left).is_err() {
                    tracing::debug!("the command's output is still open; not waiting for it");
                    return;
                }
            }
        }
    }

    /// Copies `from` to `to()` masked, flushing each read through (the child may be waiting
    /// for an answer to what it printed). Our side closed (`| head`): stop reading, so the child
    /// gets EPIPE as it would without Coffre.
    fn pump<W: Write>(
        mut from: impl Read,
        to: fn() -> W,
        mut stream: MaskedStream,
        done: mpsc::Sender<()>,
    ) {
        // What the child wrote may be a secret: the read buffer is wiped when dropped.
        let mut buf = Zeroizing::new(vec![0u8; 16 * 1024]);
        let mut out = Vec::with_capacity(32 * 1024);
        let write = |out: &[u8]| {
            let mut to = to();
            to.write_all(out).and_then(|()| to.flush())
        };
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            stream.push(&buf[..n], &mut out);
            if write(&out).is_err() {
                return;
            }
            out.clear();
        }
        stream.finish(&mut out);
        let _ = write(&out);
        let _ = done.send(());
    }
}

#[cfg(not(unix))]
mod platform {
    use std::ffi::{OsStr, OsString};

    use coffre_core::run_env::Handoff;

    use crate::error::CliError;

    pub fn run(
        _program: &OsStr,
        _args: &[OsString],
        _handoff: Handoff,
        _masking: bool,
        _stdin_null: bool,
    ) -> Result<u8, CliError> {
        Err(CliError::Usage(
            "coffre run is not available on this system yet".to_owned(),
        ))
    }
}
