//! The error doctor: reads a line a bot printed (ccxt's exception text, Freqtrade's or
//! Hummingbot's log line, an exchange's raw JSON), finds which exchange refused and with which
//! code, and gives the causes and the checks that tell them apart, from the catalog's table.
//! The text never leaves this function: nothing is sent, logged or stored.

use coffre_catalog::catalog;
use coffre_catalog::error_codes::{error_codes, CauseKind, ErrorCode, ExchangeCodes, ProbeKind};
use serde::Serialize;
use ts_rs::TS;

use crate::{CoreResult, Session};

/// What the doctor read in a pasted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Explanation {
    /// The exchanges the text names (ids), first named first.
    pub exchanges: Vec<String>,
    /// The refusals found, in the order they appear in the text.
    pub findings: Vec<Finding>,
    /// The summary sentence when nothing was found (no refusal, or an unknown code).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hint: Option<String>,
}

/// One exchange's refusal found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    pub exchange: String,
    pub exchange_name: String,
    /// The exchange's code as the table lists it (`-2015`, `EAPI:Invalid nonce`).
    pub code: String,
    /// "Binance, code -2015" in the asked language.
    pub title: String,
    /// Most likely first.
    pub causes: Vec<Cause>,
    /// The parts of a key check that tell the causes apart.
    pub probes: Vec<Probe>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Cause {
    pub kind: CauseKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Probe {
    pub kind: ProbeKind,
    pub text: String,
}

/// A key of the vault that a check would tell about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KeyToCheck {
    pub id: String,
    pub label: String,
    pub exchange: String,
}

/// Reads `text` and explains the refusals it holds, in `lang`. Works without a vault.
pub fn explain(text: &str, lang: &str) -> Explanation {
    let table = error_codes();
    let named = named_exchanges(text, table.exchanges());
    // A named exchange narrows the search: "Invalid IP" means Bitget only when Bitget is named.
    let candidates: Vec<&ExchangeCodes> = if named.is_empty() {
        table.exchanges().iter().collect()
    } else {
        named.iter().map(|(_, e)| *e).collect()
    };
    let tokens = tokens(text);
    let mut found: Vec<(usize, &ExchangeCodes, &ErrorCode)> = candidates
        .iter()
        .flat_map(|exchange| {
            let tokens = &tokens;
            exchange.codes.iter().filter_map(move |code| {
                position(text, tokens, code).map(|at| (at, *exchange, code))
            })
        })
        .collect();
    found.sort_by_key(|(at, _, _)| *at);
    let findings: Vec<Finding> = found
        .into_iter()
        .map(|(_, exchange, code)| finding(exchange, code, lang))
        .collect();
    let hint = match (findings.is_empty(), named.first()) {
        (false, _) => None,
        (true, Some((_, exchange))) => Some(table.label(
            "unknown_code",
            lang,
            &[("exchange", name_of(&exchange.id).as_str())],
        )),
        (true, None) => Some(table.label("nothing", lang, &[])),
    };
    Explanation {
        exchanges: named.iter().map(|(_, e)| e.id.clone()).collect(),
        findings,
        hint,
    }
}

/// What the app's "Paste an error from your bot" shows: the explanation and the keys to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExplainView {
    pub explanation: Explanation,
    /// Empty while the vault is locked.
    pub keys: Vec<KeyToCheck>,
}

/// Explains `text` in `lang` and lists the vault's keys a check would tell about (if it is open).
pub fn explain_for(session: &Session, text: &str, lang: &str) -> CoreResult<ExplainView> {
    let explanation = explain(text, lang);
    let keys = keys_to_check(session, &explanation)?;
    Ok(ExplainView { explanation, keys })
}

/// The vault's keys of the exchanges `explanation` is about, to offer their check; none while the
/// vault is locked (explaining never needs it open).
pub fn keys_to_check(session: &Session, explanation: &Explanation) -> CoreResult<Vec<KeyToCheck>> {
    if !session.is_unlocked() {
        return Ok(Vec::new());
    }
    let exchanges = concerned(explanation);
    let records = session.with_vault(|v| Ok(v.list()?))?;
    Ok(records
        .into_iter()
        .filter(|r| exchanges.contains(&r.meta.exchange.as_str()))
        .map(|r| KeyToCheck {
            id: r.id,
            label: r.meta.label,
            exchange: r.meta.exchange,
        })
        .collect())
}

/// The exchanges an explanation is about: those of its findings, else those the text names.
pub fn concerned(explanation: &Explanation) -> Vec<&str> {
    let mut ids: Vec<&str> = explanation
        .findings
        .iter()
        .map(|f| f.exchange.as_str())
        .collect();
    if ids.is_empty() {
        ids = explanation.exchanges.iter().map(String::as_str).collect();
    }
    ids.dedup();
    ids
}

fn finding(exchange: &ExchangeCodes, code: &ErrorCode, lang: &str) -> Finding {
    let table = error_codes();
    let name = name_of(&exchange.id);
    Finding {
        exchange: exchange.id.clone(),
        title: table.label(
            "finding",
            lang,
            &[("exchange", name.as_str()), ("code", code.code.as_str())],
        ),
        code: code.code.clone(),
        causes: code
            .causes
            .iter()
            .map(|&kind| Cause {
                kind,
                text: table.cause_sentence(kind, &name, lang),
            })
            .collect(),
        probes: code
            .probes
            .iter()
            .map(|&kind| Probe {
                kind,
                text: table.probe_sentence(kind, &name, lang),
            })
            .collect(),
        exchange_name: name,
    }
}

fn name_of(id: &str) -> String {
    catalog().exchange_or_other(id).name.clone()
}

/// The exchanges whose aliases appear as whole words, with the first position of each.
fn named_exchanges<'a>(
    text: &str,
    exchanges: &'a [ExchangeCodes],
) -> Vec<(usize, &'a ExchangeCodes)> {
    let lower = text.to_ascii_lowercase();
    let mut named: Vec<(usize, &ExchangeCodes)> = exchanges
        .iter()
        .filter_map(|exchange| {
            let first = exchange
                .aliases
                .iter()
                .filter_map(|alias| find_word(&lower, alias))
                .min()?;
            Some((first, exchange))
        })
        .collect();
    named.sort_by_key(|(at, _)| *at);
    named
}

/// The first place `word` stands in `haystack` between non-alphanumeric characters (`_` and `.`
/// separate words, so `binance_perpetual` and `api.binance.com` name Binance).
fn find_word(haystack: &str, word: &str) -> Option<usize> {
    let bytes = haystack.as_bytes();
    haystack.match_indices(word).map(|(at, _)| at).find(|&at| {
        let end = at + word.len();
        let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
        before && after
    })
}

/// A word of the text: a run of letters, digits and `_`, with a leading `-` for a negative number.
struct Token<'a> {
    at: usize,
    text: &'a str,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !word(bytes[i]) {
            i += 1;
            continue;
        }
        let mut start = i;
        while i < bytes.len() && word(bytes[i]) {
            i += 1;
        }
        // `-2015` is a code, the `-` of `API-key` is not.
        let negative = start >= 1
            && bytes[start - 1] == b'-'
            && bytes[start].is_ascii_digit()
            && (start < 2 || !bytes[start - 2].is_ascii_alphanumeric());
        if negative {
            start -= 1;
        }
        out.push(Token {
            at: start,
            text: &text[start..i],
        });
    }
    out
}

/// Where `code` shows in the text, if it does: as a word (codes of four characters or more), as
/// the value of a `code`-like key (shorter ones, which would otherwise match any small number),
/// verbatim (codes with spaces or colons), or through a fragment of the exchange's message.
fn position(text: &str, tokens: &[Token], code: &ErrorCode) -> Option<usize> {
    let is_word = code
        .code
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let by_code = if is_word {
        tokens
            .iter()
            .find(|t| t.text == code.code && (code.code.len() >= 4 || keyed(text, t.at)))
            .map(|t| t.at)
    } else {
        text.find(&code.code)
    };
    // With their case: OKX says "Invalid Sign", Gate "Invalid sign".
    let by_message = code.says.iter().filter_map(|f| text.find(f.as_str())).min();
    by_code.into_iter().chain(by_message).min()
}

/// Whether the token at `at` is the value of a key naming a code (`"code":10`, `retCode=10`).
fn keyed(text: &str, at: usize) -> bool {
    const KEYS: [&str; 7] = [
        "code",
        "retcode",
        "ret_code",
        "errorcode",
        "error_code",
        "label",
        "status",
    ];
    let before = &text[..at];
    let trimmed = before.trim_end_matches([' ', '"', '\'']);
    let Some(key_end) = trimmed.strip_suffix([':', '=']) else {
        return false;
    };
    let key_end = key_end.trim_end_matches([' ', '"', '\'']);
    let start = key_end
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    KEYS.contains(&key_end[start..].to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests;
