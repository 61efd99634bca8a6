//! The dotenv export: `<EXCHANGE>_API_KEY`, `<EXCHANGE>_API_SECRET` and `<EXCHANGE>_API_PASSPHRASE`.
//!
//! Values are double-quoted with `\`, `"` and `$` escaped, so neither a dotenv loader (python-dotenv,
//! dotenvy, node dotenv) nor `sh`'s `.` expands anything. Line breaks (a PEM secret) become `\n`,
//! which dotenv loaders turn back into line breaks; `sh` keeps them as the two characters `\n`.
//! A backtick or another control character cannot be written so that both read it alike: refused.

use coffre_model::Credentials;
use coffre_secret::SecretString;

use super::ExportError;

/// The variable-name prefix for an exchange id: upper case, anything but letters and digits as `_`
/// (`gate` → `GATE`, `crypto.com` → `CRYPTO_COM`).
pub fn env_var_prefix(exchange: &str) -> String {
    let mut prefix: String = exchange
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if prefix.is_empty() || prefix.starts_with(|c: char| c.is_ascii_digit()) {
        prefix.insert(0, '_'); // a shell variable name cannot start with a digit
    }
    prefix
}

/// The dotenv lines for one key of `exchange`.
pub fn env(exchange: &str, creds: &Credentials) -> Result<SecretString, ExportError> {
    let prefix = env_var_prefix(exchange);
    let names = [
        format!("{prefix}_API_KEY"),
        format!("{prefix}_API_SECRET"),
        format!("{prefix}_API_PASSPHRASE"),
    ];
    let mut vars = vec![
        (names[0].as_str(), "api key", creds.api_key.expose()),
        (names[1].as_str(), "secret", creds.secret.expose()),
    ];
    if let Some(p) = &creds.passphrase {
        vars.push((names[2].as_str(), "passphrase", p.expose()));
    }
    render(&vars)
}

/// Renders `NAME="value"` lines; each entry is (variable, field name for errors, value).
pub(crate) fn render(vars: &[(&str, &'static str, &str)]) -> Result<SecretString, ExportError> {
    // Worst case every character is escaped; reserving it up front means no reallocation leaves a
    // copy of a secret behind.
    let capacity = vars.iter().map(|(n, _, v)| n.len() + 2 * v.len() + 4).sum();
    let mut out = String::with_capacity(capacity);
    for (name, field, value) in vars {
        out.push_str(name);
        out.push_str("=\"");
        for c in value.chars() {
            match c {
                '\\' | '"' | '$' => {
                    out.push('\\');
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\r' => {} // a PEM pasted from Windows: its CR carries nothing
                '`' => return Err(unsafe_character(field, out)),
                c if c.is_control() => return Err(unsafe_character(field, out)),
                c => out.push(c),
            }
        }
        out.push_str("\"\n");
    }
    Ok(SecretString::new(out))
}

fn unsafe_character(field: &'static str, partial: String) -> ExportError {
    drop(SecretString::new(partial)); // wipe what was rendered so far
    ExportError::UnsafeCharacter {
        field,
        format: "dotenv",
    }
}
