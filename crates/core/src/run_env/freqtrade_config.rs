//! The config files a Freqtrade command line makes Freqtrade read, and the credentials left in
//! them: `coffre run` warns about each (the variables override them, but they sit on disk in clear).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use coffre_secret::SecretString;

/// The config files Freqtrade reads for its command line `args` (after the program), as it picks
/// them: every `-c`/`--config FILE` (`-` is stdin, skipped); without one, `user_data/config.json`
/// (under `--userdir`/`--user-data-dir` when given) or else `./config.json`, where they exist.
pub fn freqtrade_config_files(args: &[OsString]) -> Vec<PathBuf> {
    let mut configs = Vec::new();
    let mut userdir = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        let value = |prefixes: &[&str]| {
            prefixes
                .iter()
                .find_map(|p| text.strip_prefix(p).filter(|v| !v.is_empty()))
                .map(PathBuf::from)
        };
        match text.as_ref() {
            "-c" | "--config" => configs.extend(iter.next().map(PathBuf::from)),
            "--userdir" | "--user-data-dir" => userdir = iter.next().map(PathBuf::from),
            _ if text.starts_with("--config=") => configs.extend(value(&["--config="])),
            _ if text.starts_with("--userdir=") || text.starts_with("--user-data-dir=") => {
                userdir = value(&["--userdir=", "--user-data-dir="])
            }
            _ if text.starts_with("-c") && !text.starts_with("--") => {
                configs.extend(value(&["-c"]))
            }
            _ => {}
        }
    }
    configs.retain(|c| c.as_os_str() != "-");
    if configs.is_empty() {
        let in_userdir = userdir
            .unwrap_or_else(|| PathBuf::from("user_data"))
            .join("config.json");
        configs = [in_userdir, PathBuf::from("config.json")]
            .into_iter()
            .find(|p| p.is_file())
            .into_iter()
            .collect();
    }
    configs
}

/// The credential fields (`key`, `secret`, `password`) a Freqtrade config's `exchange` block
/// holds non-empty. The text may have comments and trailing commas, as Freqtrade allows.
/// `None` when it is not such a document.
pub fn credentials_in_freqtrade_config(text: &str) -> Option<Vec<&'static str>> {
    let plain = SecretString::new(strip_json_extensions(text));
    let document: serde_json::Value = serde_json::from_str(plain.expose()).ok()?;
    let exchange = document.get("exchange")?;
    Some(
        ["key", "secret", "password"]
            .into_iter()
            .filter(|field| {
                exchange
                    .get(*field)
                    .is_some_and(|v| !(v.is_null() || v.as_str() == Some("")))
            })
            .collect(),
    )
}

/// Warnings about the config files Freqtrade will read for `args` that hold credentials of their
/// own: the variables override them, and they sit on disk in clear.
pub fn freqtrade_config_warnings(args: &[OsString]) -> Vec<String> {
    freqtrade_config_files(args)
        .into_iter()
        .filter_map(|path| {
            let text = SecretString::new(std::fs::read_to_string(&path).ok()?);
            let fields = credentials_in_freqtrade_config(text.expose())?;
            (!fields.is_empty()).then(|| config_warning(&path, &fields))
        })
        .collect()
}

fn config_warning(path: &Path, fields: &[&str]) -> String {
    let fields = fields
        .iter()
        .map(|f| format!("exchange.{f}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{} holds {fields}: Coffre's variables override it, but it sits on disk in clear; \
         empty it (\"\") and keep the key in Coffre",
        path.display()
    )
}

/// `text` without `//` and `/* */` comments and without commas before `}` or `]` (outside strings),
/// so a strict JSON parser reads what Freqtrade's rapidjson reads.
fn strip_json_extensions(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let c = bytes[i];
        if in_string {
            let end = if c == b'\\' {
                (i + 2).min(bytes.len())
            } else {
                i + 1
            };
            out.push_str(&text[i..end]);
            in_string = c != b'"';
            i = end;
            continue;
        }
        match (c, bytes.get(i + 1)) {
            (b'"', _) => {
                in_string = true;
                out.push('"');
                i += 1;
            }
            (b'/', Some(b'/')) => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            (b'/', Some(b'*')) => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                out.push(' ');
            }
            (b',', _) => {
                let next = text[i + 1..].trim_start().as_bytes().first().copied();
                if !matches!(next, Some(b'}' | b']')) {
                    out.push(',');
                }
                i += 1;
            }
            _ => {
                let len = text[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&text[i..i + len]);
                i += len;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn freqtrade_config_files_come_from_its_command_line() {
        let files = freqtrade_config_files(&args(&[
            "trade",
            "-c",
            "a.json",
            "--config=b.json",
            "-cc.json",
            "--config",
            "-",
            "--strategy",
            "X",
        ]));
        assert_eq!(
            files,
            ["a.json", "b.json", "c.json"].map(PathBuf::from).to_vec()
        );
    }

    #[test]
    fn credentials_left_in_a_freqtrade_config_are_found_through_comments() {
        let text = r#"{
            // the bot's exchange
            "exchange": {
                "name": "binance", /* keys: */
                "key": "abc", "secret": "", "password": "x//y",
                "pair_whitelist": ["BTC/USDT",],
            },
        }"#;
        assert_eq!(
            credentials_in_freqtrade_config(text),
            Some(vec!["key", "password"])
        );
        let clean = r#"{"exchange": {"name": "okx", "key": "", "secret": ""}}"#;
        assert_eq!(credentials_in_freqtrade_config(clean), Some(vec![]));
        assert_eq!(credentials_in_freqtrade_config("not json"), None);
    }
}
