//! `explain`: the error doctor. Reads the line a bot printed (argument, or stdin with `-`) and
//! prints the exchange's code, its likely causes and what tells them apart, in the asked language.
//! Works without the vault; `--keys` also unlocks it to list the keys of that exchange to check.

use std::io::Read;

use coffre_catalog::error_codes::error_codes;
use coffre_catalog::text::base_lang;
use coffre_core::explain::{self, Explanation, KeyToCheck};
use serde::Serialize;

use super::Ctx;
use crate::args::ExplainArgs;
use crate::error::CliError;

/// The whole `explain --json` document.
#[derive(Serialize)]
struct ExplainJson<'a> {
    #[serde(flatten)]
    explanation: &'a Explanation,
    /// Only with `--keys`.
    #[serde(skip_serializing_if = "Option::is_none")]
    keys: Option<&'a [KeyToCheck]>,
}

pub fn explain(ctx: &mut Ctx, args: ExplainArgs) -> Result<(), CliError> {
    let text = if args.text == "-" {
        if ctx.input.reads_stdin() {
            return Err(CliError::Usage(
                "`explain -` reads the error from stdin: it cannot also read the password there"
                    .into(),
            ));
        }
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(CliError::io("reading the error from stdin"))?;
        text
    } else {
        args.text
    };
    let lang = match args.lang {
        Some(lang) => lang,
        None => base_lang(&std::env::var("LANG").unwrap_or_default()).to_owned(),
    };
    let explanation = explain::explain(&text, &lang);
    let keys = if args.keys {
        let session = ctx.session()?;
        Some(explain::keys_to_check(&session, &explanation)?)
    } else {
        None
    };
    if args.json {
        let doc = ExplainJson {
            explanation: &explanation,
            keys: keys.as_deref(),
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("plain data")
        );
    } else {
        print!("{}", render(&explanation, keys.as_deref(), &lang));
    }
    Ok(())
}

/// The human output: each finding with its numbered causes and probes, then how to check.
fn render(explanation: &Explanation, keys: Option<&[KeyToCheck]>, lang: &str) -> String {
    let table = error_codes();
    let mut out = String::new();
    if let Some(hint) = &explanation.hint {
        out.push_str(&format!("{hint}\n"));
    }
    for finding in &explanation.findings {
        out.push_str(&format!("{}\n", finding.title));
        out.push_str(&format!("{}\n", table.label("causes", lang, &[])));
        for (n, cause) in finding.causes.iter().enumerate() {
            out.push_str(&format!("  {}. {}\n", n + 1, cause.text));
        }
        out.push_str(&format!("{}\n", table.label("probes", lang, &[])));
        for probe in &finding.probes {
            out.push_str(&format!("  - {}\n", probe.text));
        }
        out.push('\n');
    }
    for exchange in explain::concerned(explanation) {
        let name = coffre_catalog::catalog()
            .exchange_or_other(exchange)
            .name
            .clone();
        let params = [("exchange", name.as_str())];
        match keys {
            None => out.push_str(&format!("{}\n", table.label("check_hint", lang, &params))),
            Some(keys) => {
                let mine: Vec<&KeyToCheck> =
                    keys.iter().filter(|k| k.exchange == exchange).collect();
                if mine.is_empty() {
                    out.push_str(&format!("{}\n", table.label("no_keys", lang, &params)));
                    continue;
                }
                out.push_str(&format!("{}\n", table.label("keys", lang, &params)));
                for key in mine {
                    out.push_str(&format!("  coffre check {}\n", shell_word(&key.label)));
                }
            }
        }
    }
    out
}

/// A label as one shell word, quoted when it holds anything but plain characters.
fn shell_word(label: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_.@:/".contains(c);
    if !label.is_empty() && label.chars().all(plain) {
        label.to_owned()
    } else {
        format!("'{}'", label.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"Could not get balance due to AuthenticationError. Message: okx {"msg":"API key doesn't exist","code":"50119"}"#;

    #[test]
    fn the_output_numbers_causes_and_offers_the_check() {
        let out = render(&explain::explain(LINE, "en"), None, "en");
        assert!(out.starts_with("OKX, code 50119\n"), "{out}");
        assert!(
            out.contains("  1. The key belongs to another OKX site"),
            "{out}"
        );
        assert!(out.contains("coffre check LABEL"), "{out}");
    }

    #[test]
    fn listed_keys_are_shell_words() {
        let keys = [KeyToCheck {
            id: "1".into(),
            label: "grid bot's".into(),
            exchange: "okx".into(),
        }];
        let out = render(&explain::explain(LINE, "vi"), Some(&keys), "vi");
        assert!(out.contains("Các khóa OKX trong kho"), "{out}");
        assert!(out.contains(r"coffre check 'grid bot'\''s'"), "{out}");
        let none = render(&explain::explain(LINE, "fr"), Some(&[]), "fr");
        assert!(
            none.contains("Le coffre ne contient aucune clé OKX."),
            "{none}"
        );
    }

    #[test]
    fn nothing_found_says_so() {
        let out = render(&explain::explain("hello", "fr"), None, "fr");
        assert!(out.starts_with("Coffre n’a trouvé"), "{out}");
    }
}
