//! Where passwords and credentials come from: stdin lines (`--password-stdin`, or whenever stdin is
//! not a terminal), `COFFRE_PASSWORD` for the master password, or a no-echo prompt on the terminal.
//! A PEM private key is read whole, from its BEGIN line to its END line.

use std::io::{BufRead, IsTerminal};

use coffre_secret::SecretString;

use crate::error::CliError;

/// The environment variable scripts use to give the master password.
pub const PASSWORD_ENV: &str = "COFFRE_PASSWORD";

pub struct SecretInput {
    password_stdin: bool,
    /// Secrets other than the master password come from stdin lines rather than prompts.
    lines_from_stdin: bool,
}

impl SecretInput {
    pub fn new(password_stdin: bool) -> SecretInput {
        SecretInput {
            password_stdin,
            lines_from_stdin: password_stdin || !std::io::stdin().is_terminal(),
        }
    }

    /// Whether the master password comes from stdin (`--password-stdin`): what follows it there
    /// is not a command's to read (`run` gives its child an empty stdin).
    pub fn reads_stdin(&self) -> bool {
        self.password_stdin
    }

    /// The master password of an existing vault (or of a backup).
    pub fn password(&mut self, prompt: &str) -> Result<SecretString, CliError> {
        if self.password_stdin {
            return read_line("master password");
        }
        if let Some(value) = std::env::var_os(PASSWORD_ENV) {
            return Ok(SecretString::new(value.to_string_lossy().into_owned()));
        }
        prompt_password(prompt)
    }

    /// A password being chosen (init): like [`Self::password`], but a prompt asks twice.
    pub fn chosen_password(&mut self) -> Result<SecretString, CliError> {
        if self.password_stdin || std::env::var_os(PASSWORD_ENV).is_some() {
            return self.password("");
        }
        prompt_twice("New master password: ")
    }

    /// The new password of `passwd`: the next stdin line, or a prompt asked twice.
    pub fn new_password(&mut self) -> Result<SecretString, CliError> {
        if self.lines_from_stdin {
            return read_line("new password");
        }
        prompt_twice("New master password: ")
    }

    /// A yes/no question on the terminal; without one (a script, stdin lines) the answer is no, so
    /// scripts say `--yes` explicitly.
    pub fn confirm(&mut self, prompt: &str) -> Result<bool, CliError> {
        if self.lines_from_stdin {
            return Ok(false);
        }
        eprint!("{prompt}");
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .map_err(CliError::io("reading the terminal"))?;
        Ok(matches!(
            answer.trim().to_ascii_lowercase().as_str(),
            "yes" | "y"
        ))
    }

    /// A credential field: the next stdin line(s), or a no-echo prompt; a PEM block is read to its END line.
    pub fn credential(
        &mut self,
        prompt: &str,
        what: &'static str,
    ) -> Result<SecretString, CliError> {
        let first = if self.lines_from_stdin {
            read_line(what)?
        } else {
            prompt_password(prompt)?
        };
        if !first.expose().trim_start().starts_with("-----BEGIN") {
            return Ok(first);
        }
        let mut pem = String::with_capacity(8192);
        pem.push_str(first.expose().trim());
        pem.push('\n');
        loop {
            let line = if self.lines_from_stdin {
                read_line(what)?
            } else {
                read_tty_line()?
            };
            let text = line.expose().trim();
            pem.push_str(text);
            pem.push('\n');
            if text.starts_with("-----END") {
                return Ok(SecretString::new(pem));
            }
        }
    }
}

/// One line of stdin without its line ending. The buffer is sized up front so no reallocation
/// leaves a copy of the secret behind.
fn read_line(what: &'static str) -> Result<SecretString, CliError> {
    let mut line = String::with_capacity(16 * 1024);
    let read = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(CliError::io("reading stdin"))?;
    if read == 0 {
        return Err(CliError::InputEnded(what));
    }
    while line.ends_with('\n') || line.ends_with('\r') {
        line.pop();
    }
    Ok(SecretString::new(line))
}

fn prompt_password(prompt: &str) -> Result<SecretString, CliError> {
    rpassword::prompt_password(prompt)
        .map(SecretString::new)
        .map_err(CliError::io("reading the terminal"))
}

fn read_tty_line() -> Result<SecretString, CliError> {
    rpassword::read_password()
        .map(SecretString::new)
        .map_err(CliError::io("reading the terminal"))
}

fn prompt_twice(prompt: &str) -> Result<SecretString, CliError> {
    let first = prompt_password(prompt)?;
    let again = prompt_password("Repeat it: ")?;
    if first != again {
        return Err(CliError::Usage("the two passwords differ".to_owned()));
    }
    Ok(first)
}
