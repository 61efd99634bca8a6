//! Cleaning what a trader pastes: the invisible characters that web pages, PDFs and chat apps
//! slip around or inside a key, and PEM keys whose line breaks were lost on the way.

use super::Field;
use coffre_secret::{wipe, SecretString};

/// Zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen: never part of a key.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// No-break spaces: web pages put them around copied values.
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}')
}

/// Whether the text holds a PEM block (possibly damaged).
pub(crate) fn looks_like_pem(text: &str) -> bool {
    text.contains("-----BEGIN")
}

/// Trims, strips invisible characters, and for keys and secrets the line breaks and tabs that
/// split them; a PEM key is rebuilt with its canonical line structure instead.
pub fn clean(raw: &str, field: Field) -> SecretString {
    if field != Field::Passphrase && looks_like_pem(raw) {
        return SecretString::new(normalize_pem(raw));
    }
    let mut kept: String = raw
        .chars()
        .filter(|c| !is_invisible(*c))
        .filter(|c| {
            field == Field::Passphrase
                || !(is_no_break_space(*c) || matches!(*c, '\r' | '\n' | '\t'))
        })
        .collect();
    let trimmed = kept
        .trim_matches(|c: char| c.is_whitespace() || is_no_break_space(c))
        .to_owned();
    wipe(&mut kept);
    SecretString::new(trimmed)
}

/// Rebuilds `-----BEGIN X-----\n<base64 in 64-char lines>\n-----END Y-----\n` from a PEM whose
/// line breaks were lost, turned into spaces or into literal `\n` (from JSON or an env file).
/// Labels are kept as pasted so that a mismatch can still be reported.
fn normalize_pem(raw: &str) -> String {
    let mut text: String = raw
        .replace("\\n", "\n")
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| if is_no_break_space(c) { ' ' } else { c })
        .collect();
    let rebuilt = rebuild_pem(&text);
    wipe(&mut text);
    rebuilt.unwrap_or_else(|| raw.trim().to_owned())
}

fn rebuild_pem(text: &str) -> Option<String> {
    let begin = text.find("-----BEGIN ")?;
    let after_begin = &text[begin + "-----BEGIN ".len()..];
    let label_end = after_begin.find("-----")?;
    let label = after_begin[..label_end].trim();
    let rest = &after_begin[label_end + "-----".len()..];
    let end = rest.find("-----END ")?;
    let mut body: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
    let after_end = &rest[end + "-----END ".len()..];
    let end_label = after_end[..after_end.find("-----")?].trim();
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).ok()?);
        out.push('\n');
    }
    out.push_str(&format!("-----END {end_label}-----\n"));
    wipe(&mut body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_and_breaks_are_stripped_from_keys() {
        let pasted = "\u{FEFF}\u{00A0}ab\u{200B}cd\u{00AD}ef\r\n gh\u{2060}\t\u{202F}";
        assert_eq!(clean(pasted, Field::ApiKey).expose(), "abcdef gh");
    }

    #[test]
    fn passphrases_keep_inner_spaces_but_lose_invisible_characters() {
        assert_eq!(
            clean("\u{00A0} my pass\u{200D}word \n", Field::Passphrase).expose(),
            "my password"
        );
    }

    #[test]
    fn a_pem_flattened_to_one_line_gets_its_lines_back() {
        let body = "A".repeat(70);
        let flat = format!("-----BEGIN PRIVATE KEY----- {body} -----END PRIVATE KEY-----");
        let cleaned = clean(&flat, Field::Secret);
        let expected = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n{}\n-----END PRIVATE KEY-----\n",
            &body[..64],
            &body[64..]
        );
        assert_eq!(cleaned.expose(), expected);
    }

    #[test]
    fn a_pem_with_literal_backslash_n_is_repaired() {
        let escaped = "-----BEGIN EC PRIVATE KEY-----\\nQUJD\\n-----END EC PRIVATE KEY-----\\n";
        assert_eq!(
            clean(escaped, Field::Secret).expose(),
            "-----BEGIN EC PRIVATE KEY-----\nQUJD\n-----END EC PRIVATE KEY-----\n"
        );
    }
}
