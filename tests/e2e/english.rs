//! No English left in French or Vietnamese: reads every visible text node of a screen and the
//! attributes a user sees or hears (`title`, `placeholder`, `aria-label`, `alt`), and keeps each text
//! that reads as an English sentence ([`reads_as_english`]), named by screen and place.
//! [`every_screen`](crate::every_screen) reads each screen it walks.
//!
//! Not read: what is not Coffre's to translate — values in `.mono`, `code`, `pre` and form fields
//! (an exchange's own error message, IPs, paths, key hints) — and, inside a text, the names
//! [`Names`] lists and anything between quotes (an exchange's or platform's on-screen words).

use std::collections::BTreeSet;

use coffre_catalog::text::Name;

use crate::driver::TestResult;
use crate::session::App;

/// English words a French or Vietnamese screen has no reason to show (function words, then the
/// app's own vocabulary), minus every word that is also French ("date", "action", "permission",
/// "secret", "format", "minutes", "attention"…), an ASCII Vietnamese syllable ("an", "do", "so",
/// "tin", "long") or a term glossary.toml adopts in French or Vietnamese ("exchange", "spot",
/// "passphrase").
const ENGLISH: &str = "
    the and of to is are was were be been being this that these those with without for from your you
    yours it its it's not can cannot can't will won't would should could couldn't has have had
    hasn't haven't does did doesn't don't didn't isn't aren't wasn't there here when what why how
    which who where whose into onto by at or if than then them they their we our us my his her he
    she any some every each all none only also just yet still already again more most less many much
    other another such same after before until while about above below over under between through
    out up down off on in too very no yes because since instead whether both either neither one two
    three first last next now never always often soon ago later once
    key keys check checks checked checking said says say works work working worked failed fails fail
    risky risk rejected reject rejects ready copy copied paste pasted save saved cancel add added
    edit delete deleted lock locked unlock unlocked settings setting password passwords clipboard
    cleared clear clears skip finish finished done open opens close back search filter filters
    platform platforms withdraw withdrawals withdrawal read reading reads enable enabled disable
    disabled allow allowed allows restrict restricted trusted expires expired expiring expiry days
    day hours hour seconds show hide shown hidden reveal send sent try vault backup restore create
    created changed strength strong weak good bad wrong right looks look need needs needed field
    fields value values name account accounts funds unknown known safe safety overview nothing
    something everything error errors explain likely maybe language keyboard shortcut shortcuts
    loading wait waiting running reach reached unreachable rate limited refused refuse write margin
    transfer transfers universal internal address addresses whitelist step steps tick untick ticked
    unticked leave choose pick progress inventory details share shared folder path required optional
    invalid valid length characters short letters digits hint help status reason reasons fix summary
    result results state run runs get got make made use used uses find found ask asks asked give
    gives keep keeps let lets turn turned set go see tell tells know want pasting copying saving
    sending selected choice exchange's key's bot's doctor new old own everywhere anyone someone
";

/// Strings that stay as they are in every language, besides the catalog's names.
const BRANDS: &[&str] = &["Coffre", "ccxt", "Freqtrade", "Ed25519", "WebDriver"];

/// What a French or Vietnamese text may contain in English: the names of exchanges, platforms and
/// their on-screen fields in that language, the glossary's adopted terms, and the user's own data
/// (the demo's labels).
pub struct Names(Vec<String>);

impl Names {
    pub fn for_lang(lang: &str) -> Names {
        let catalog = coffre_catalog::catalog();
        let mut names: BTreeSet<String> = BRANDS.iter().map(|s| (*s).to_owned()).collect();
        for exchange in catalog.exchanges() {
            // A description ("Other exchange") may show only as its translation.
            let shown = match &exchange.local_name {
                None => Some(exchange.name.as_str()),
                Some(local) => name_in(local, lang),
            };
            names.extend(shown.map(str::to_owned));
            for field in [
                Some(&exchange.fields.api_key),
                Some(&exchange.fields.secret),
                exchange.fields.passphrase.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                names.insert(field.label.get(lang).to_owned());
            }
            for label in &exchange.permission_labels {
                names.insert(label.label.get(lang).to_owned());
            }
            names.extend(exchange.extra_off.iter().map(|t| t.get(lang).to_owned()));
        }
        for platform in catalog.platforms() {
            names.extend(name_in(&platform.name, lang).map(str::to_owned));
            for field in platform
                .profiles
                .iter()
                .flat_map(|p| p.fields.iter().flatten())
            {
                names.extend(name_in(&field.label, lang).map(str::to_owned));
            }
        }
        names.extend(glossary_terms(lang));
        names.extend(
            coffre_mock_exchange::demo_accounts()
                .into_iter()
                .filter_map(|a| a.label),
        );
        let mut names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
        // Longest first, so "Crypty Ghost Bot" goes before "Crypty" could split it.
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        Names(names)
    }
}

/// The name as shown in `lang`; `None` where the data has no translation and English would show.
fn name_in<'a>(name: &'a Name, lang: &str) -> Option<&'a str> {
    match (name, lang) {
        (Name::Same(same), _) => Some(same.as_str()),
        (Name::Translated { fr, .. }, "fr") => fr.as_deref(),
        (Name::Translated { vi, .. }, "vi") => vi.as_deref(),
        (Name::Translated { en, .. }, _) => Some(en.as_str()),
    }
}

/// The glossary's chosen term for each concept in `lang` (`fr = "…"` lines of glossary.toml).
fn glossary_terms(lang: &str) -> Vec<String> {
    let prefix = format!("{lang} = \"");
    include_str!("../../crates/catalog/data/glossary.toml")
        .lines()
        .filter_map(|line| line.strip_prefix(&prefix)?.strip_suffix('"'))
        .map(str::to_owned)
        .collect()
}

/// Whether `text` reads as an English sentence once names, numbers and quoted words are out: two
/// or three words all in [`ENGLISH`], four or more of which two thirds are, or a single such word
/// of three letters or more ("Copy", "Risky"). Acronyms (API, IP, USDT) and words with digits do
/// not count.
pub fn reads_as_english(text: &str, names: &Names) -> bool {
    let mut text = without_quotes(text);
    for name in &names.0 {
        text = text.replace(name.as_str(), " ");
    }
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']).replace('’', "'"))
        .filter(|w| w.chars().count() > 1)
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !w.chars().all(|c| c.is_uppercase() || c == '\''))
        .collect();
    let english: Vec<&String> = words
        .iter()
        .filter(|w| {
            let w = w.to_lowercase();
            ENGLISH.split_whitespace().any(|e| e == w)
        })
        .collect();
    match words.len() {
        0 => false,
        1 => english.len() == 1 && english[0].len() >= 3,
        2 => english.len() == 2,
        n => english.len() >= 2 && 3 * english.len() >= 2 * n,
    }
}

/// `text` without what stands between quotes: “…”, «…», "…", ‘…’ and `…`.
fn without_quotes(text: &str) -> String {
    const PAIRS: [(char, char); 5] = [('“', '”'), ('«', '»'), ('"', '"'), ('‘', '’'), ('`', '`')];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some((i, open)) = rest
        .char_indices()
        .find(|(_, c)| PAIRS.iter().any(|p| p.0 == *c))
    {
        let close = PAIRS
            .iter()
            .find(|p| p.0 == open)
            .map(|p| p.1)
            .unwrap_or(open);
        let after = &rest[i + open.len_utf8()..];
        if let Some(j) = after.find(close) {
            out.push_str(&rest[..i]);
            out.push(' ');
            rest = &after[j + close.len_utf8()..];
            continue 'scan;
        }
        break;
    }
    out.push_str(rest);
    out
}

/// One text a user sees: where (the nearest test id), how (`text` or the attribute) and what.
#[derive(Debug, serde::Deserialize)]
struct Seen {
    place: String,
    kind: String,
    text: String,
}

/// Every visible text node outside [`SKIPPED`], the visible elements' `title`, `placeholder`,
/// `aria-label` and `alt`, and the options of visible `<select>`s.
const COLLECT: &str = r#"
const skipped = 'script, style, .mono, code, pre, textarea, input';
const shown = (el) => {
  const box = el.closest('select') ?? el;
  if (box.getClientRects().length === 0) return false;
  const style = getComputedStyle(box);
  return style.visibility !== 'hidden' && style.display !== 'none';
};
const place = (el) => {
  const ids = [];
  for (let e = el; e && ids.length < 2; e = e.parentElement?.closest('[data-testid]')) {
    const hit = e.closest('[data-testid]');
    if (!hit) break;
    ids.unshift(hit.getAttribute('data-testid'));
    e = hit;
  }
  return ids.join(' > ') || el.tagName.toLowerCase();
};
const seen = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node; (node = walker.nextNode()); ) {
  const el = node.parentElement;
  const text = node.textContent.replace(/\s+/g, ' ').trim();
  if (!text || !el || el.closest(skipped) || !shown(el)) continue;
  seen.push({ place: place(el), kind: 'text', text });
}
for (const el of document.body.querySelectorAll('[title], [placeholder], [aria-label], [alt]')) {
  if (!shown(el)) continue;
  for (const kind of ['title', 'placeholder', 'aria-label', 'alt']) {
    const text = (el.getAttribute(kind) ?? '').replace(/\s+/g, ' ').trim();
    if (text) seen.push({ place: place(el), kind, text });
  }
}
return seen;
"#;

/// What the screens of one walk showed in `lang`: the English texts found, and every text read
/// (saved for a reviewer).
pub struct EnglishReader {
    lang: String,
    names: Names,
    found: BTreeSet<String>,
    read: Vec<String>,
}

impl EnglishReader {
    pub fn new(lang: &str) -> EnglishReader {
        EnglishReader {
            lang: lang.to_owned(),
            names: Names::for_lang(lang),
            found: BTreeSet::new(),
            read: Vec::new(),
        }
    }

    /// Reads the screen on show, named `screen` in the report.
    pub async fn read(&mut self, app: &App, screen: &str) -> TestResult {
        let value = app.client().execute(COLLECT, vec![]).await?;
        let seen: Vec<Seen> = serde_json::from_value(value)?;
        ensure!(!seen.is_empty(), "no text read on {screen}");
        let line = |s: &Seen| format!("{screen} · {} · {}: {:?}", s.place, s.kind, s.text);
        self.read.extend(seen.iter().map(line));
        self.found.extend(
            seen.iter()
                .filter(|s| reads_as_english(&s.text, &self.names))
                .map(line),
        );
        Ok(())
    }

    /// Saves every text read under the target dir's `untranslated/{lang}.txt`, and fails listing
    /// each English text found; a walk that broke off (`outcome`) still reports what it had found.
    pub fn report(self, outcome: TestResult) -> TestResult {
        let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("untranslated");
        let saved = std::fs::create_dir_all(&dir).and_then(|()| {
            std::fs::write(dir.join(format!("{}.txt", self.lang)), self.read.join("\n"))
        });
        if let Err(e) = saved {
            eprintln!("could not save the texts read: {e}");
        }
        let list: Vec<String> = self.found.into_iter().collect();
        match outcome {
            Err(e) if !list.is_empty() => {
                Err(format!("{e}\nEnglish so far:\n{}", list.join("\n")).into())
            }
            Err(e) => Err(e),
            Ok(()) if !list.is_empty() => Err(format!(
                "{} English text(s) in {}:\n{}",
                list.len(),
                self.lang,
                list.join("\n")
            )
            .into()),
            Ok(()) => Ok(()),
        }
    }
}

mod detector {
    use super::{reads_as_english, Names};

    #[test]
    fn english_left_in_a_translation_is_caught() {
        for lang in ["fr", "vi"] {
            let names = Names::for_lang(lang);
            for text in [
                "Check all",
                "The exchange said:",
                "Copy again",
                "Risky",
                "Bitsgap will reject this key because withdrawals are on.",
                "Couldn't check Gate: the exchange did not answer",
                "Clipboard cleared in 5 s",
                "Check OKX wrong IP",
            ] {
                assert!(reads_as_english(text, &names), "{lang}: {text:?} passed");
            }
        }
    }

    #[test]
    fn french_and_vietnamese_with_names_and_quotes_pass() {
        let fr = Names::for_lang("fr");
        for text in [
            "Tout vérifier",
            "L’exchange a répondu :",
            "Vérifier OKX wrong IP",
            "Bitsgap : prêt",
            "Clé API",
            "Cochez « Enable Reading »",
            "Dans Crypty, insérez l’API Key dans le champ « Access Key »",
            "Autre exchange",
            "Binance main",
            "spot",
        ] {
            assert!(!reads_as_english(text, &fr), "fr: {text:?} flagged");
        }
        let vi = Names::for_lang("vi");
        for text in [
            "Kiểm tra tất cả",
            "Sàn đã trả lời:",
            "Bật Universal Transfer",
            "Đánh dấu “Enable Reading”",
            "Mở “Settings” → “API”",
            "IP tin cậy",
            "an toàn",
            "Gate unavailable",
        ] {
            assert!(!reads_as_english(text, &vi), "vi: {text:?} flagged");
        }
    }
}
