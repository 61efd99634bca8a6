//! The `coffre run` command line the key detail's "Use in a bot" shows for a key and its bot: the
//! label quoted for a POSIX shell, never a secret (the bot gets the key from `coffre run`'s
//! environment, see `run_env`).

use crate::error::CoreResult;
use crate::session::Session;
use crate::views::CopyResult;
use coffre_secret::SecretString;
use serde::Deserialize;
use std::time::Duration;
use ts_rs::TS;

/// Which bot the line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BotKind {
    Freqtrade,
    Ccxt,
    Other,
}

impl BotKind {
    /// `--for` and the bot's usual command, as the user adapts it (their config, their script).
    fn consumer_and_command(self) -> (&'static str, &'static str) {
        match self {
            BotKind::Freqtrade => ("freqtrade", "freqtrade trade --config config.json"),
            BotKind::Ccxt => ("ccxt", "python3 bot.py"),
            BotKind::Other => ("env", "./your-bot"),
        }
    }
}

/// `s` as one word of a POSIX shell: as is when it holds only characters no shell reads
/// specially, else in single quotes (a `'` inside written `'\''`).
pub fn shell_quote(s: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        return s.to_owned();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The command line for a key labelled `label`. A label starting with `-` goes as `--key=…`,
/// where it cannot read as an option.
pub fn command_line(label: &str, bot: BotKind) -> String {
    let (consumer, command) = bot.consumer_and_command();
    let key = match label.starts_with('-') {
        true => format!("--key={}", shell_quote(label)),
        false => shell_quote(label),
    };
    format!("coffre run {key} --for {consumer} -- {command}")
}

/// The command line for key `id`.
pub fn for_key(session: &Session, id: &str, bot: BotKind) -> CoreResult<String> {
    let label = session.with_vault(|v| Ok(v.get(id)?.meta.label))?;
    Ok(command_line(&label, bot))
}

/// Puts the command line on the clipboard (through the clipboard service like everything else).
pub fn copy(
    session: &Session,
    id: &str,
    bot: BotKind,
    clear_after: Duration,
) -> CoreResult<CopyResult> {
    let line = SecretString::new(for_key(session, id, bot)?);
    Ok(session.clipboard.copy(line, "command_line", clear_after)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_labels_stay_as_they_are() {
        assert_eq!(
            command_line("binance-main", BotKind::Freqtrade),
            "coffre run binance-main --for freqtrade -- freqtrade trade --config config.json"
        );
        assert_eq!(
            command_line("okx.bot_2", BotKind::Ccxt),
            "coffre run okx.bot_2 --for ccxt -- python3 bot.py"
        );
    }

    #[test]
    fn anything_a_shell_reads_is_single_quoted() {
        assert_eq!(shell_quote("Binance – grid bot"), "'Binance – grid bot'");
        assert_eq!(
            shell_quote("it's $HOME `x` \"y\""),
            r#"'it'\''s $HOME `x` "y"'"#
        );
        assert_eq!(shell_quote("a;rm -rf ~"), "'a;rm -rf ~'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("two\nlines"), "'two\nlines'");
    }

    #[test]
    fn a_label_like_an_option_goes_as_key_equals() {
        assert_eq!(
            command_line("-x", BotKind::Other),
            "coffre run --key=-x --for env -- ./your-bot"
        );
    }

    /// The quoted label reads back as the label in a real POSIX shell.
    #[test]
    fn sh_reads_the_quoted_label_back() {
        for label in [
            "Binance – grid bot",
            "it's",
            "a'b'c",
            "$(id)",
            "x\\y",
            "-- -h",
            "tab\there",
        ] {
            let out = std::process::Command::new("sh")
                .args(["-c", &format!("printf %s {}", shell_quote(label))])
                .output()
                .expect("sh runs");
            assert_eq!(String::from_utf8_lossy(&out.stdout), label);
        }
    }
}
