//! The dotenv export: `<EXCHANGE>_API_KEY`, `<EXCHANGE>_API_SECRET` and `<EXCHANGE>_API_PASSPHRASE`.
//!
//! Each value is written so that python-dotenv, `sh`'s `.` and docker compose read back exactly the
//! stored text. Single quotes are literal for all of them (no `$` expansion, line breaks kept), so a
//! value goes in single quotes unless it holds a `'` or a backslash before a backslash or quote
//! (python-dotenv unescapes `\\` and `\'` there). Such a value goes in double quotes with `\` and
//! `"` escaped — which only works without `$` (sh would expand it, python-dotenv keeps `\$`
//! literally) and without a backtick. A value that needs both, holds `${` (python-dotenv expands
//! `${NAME}` even in single quotes), or holds another control character than a line break, cannot
//! be written safely: refused, naming the field.

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

/// How one value is quoted.
enum Quoting {
    Single,
    Double,
}

fn quoting(value: &str) -> Option<Quoting> {
    // python-dotenv expands `${NAME}` whatever the quotes, and has no escape for it.
    if value.contains("${") {
        return None;
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return None;
    }
    let unescaped_by_dotenv = value.contains("\\\\") || value.contains("\\'");
    if !value.contains('\'') && !unescaped_by_dotenv {
        return Some(Quoting::Single);
    }
    if !value.contains('$') && !value.contains('`') {
        return Some(Quoting::Double);
    }
    None
}

/// Renders `NAME='value'` lines; each entry is (variable, field name for errors, value).
pub(crate) fn render(vars: &[(&str, &'static str, &str)]) -> Result<SecretString, ExportError> {
    // Worst case every character is escaped; reserving it up front means no reallocation leaves a
    // copy of a secret behind.
    let capacity = vars.iter().map(|(n, _, v)| n.len() + 2 * v.len() + 4).sum();
    let mut out = String::with_capacity(capacity);
    for (name, field, value) in vars {
        let Some(quoting) = quoting(value) else {
            return Err(unsafe_character(field, out));
        };
        out.push_str(name);
        out.push('=');
        // A PEM pasted from Windows: its CRs carry nothing and sh would keep them.
        let chars = value.chars().filter(|c| *c != '\r');
        match quoting {
            Quoting::Single => {
                out.push('\'');
                out.extend(chars);
                out.push('\'');
            }
            Quoting::Double => {
                out.push('"');
                for c in chars {
                    if matches!(c, '\\' | '"') {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
            }
        }
        out.push('\n');
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
