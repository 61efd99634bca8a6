//! Paste-in through Rust: the app's credential forms never hold a pasted key. The Paste button
//! (or Ctrl+V in the field) asks Rust to read the system clipboard; the value is cleaned, checked
//! with the catalog and kept in a draft of that form here, the clipboard is emptied if it still
//! holds it, and the webview only learns whether it looks right, a masked hint and the exchange it
//! looks like. Saving takes the credentials from the draft.
//!
//! A draft is forgotten (zeroized) when the form is saved or cancelled, when the session locks,
//! and [`DRAFT_LIFETIME`] after its last paste: a form left open is not a place to keep a key.

use crate::clock::BootInstant;
use crate::error::{CoreError, CoreResult, FieldProblem};
use crate::keys::FieldName;
use crate::session::{lock, Session};
use crate::views::PasteResult;
use coffre_catalog::paste;
use coffre_secret::SecretString;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// How long a pasted value waits in an unsaved form.
pub const DRAFT_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// What one open form has been given so far, each value cleaned but not yet judged as a whole.
#[derive(Default)]
struct FormDraft {
    api_key: Option<SecretString>,
    secret: Option<SecretString>,
    passphrase: Option<SecretString>,
    /// On the boot clock: a laptop asleep with the form open forgets the draft on waking.
    touched: Option<BootInstant>,
}

impl FormDraft {
    fn value(&self, field: FieldName) -> Option<&SecretString> {
        match field {
            FieldName::ApiKey => self.api_key.as_ref(),
            FieldName::Secret => self.secret.as_ref(),
            FieldName::Passphrase => self.passphrase.as_ref(),
        }
    }

    /// The verdict on what `field` holds, for `exchange`; `None` when it is empty.
    fn judge(&self, exchange: Option<&str>, field: FieldName) -> Option<PasteResult> {
        let value = self.value(field)?;
        let detected_exchange = match (&self.api_key, &self.secret) {
            (Some(k), Some(s)) => paste::detect_exchange(k.expose(), s.expose()),
            _ => None,
        };
        Some(PasteResult {
            detected_exchange,
            form_problems: Some(self.problems(exchange)),
            ..crate::keys::paste_check(exchange, field, value.expose())
        })
    }

    /// What only the fields together show — the same value twice, key and secret swapped, the
    /// passphrase missing — each on the field that must change (the catalog's judge of a whole
    /// key, as Save runs it). Nothing until the exchange, the key and the secret are all there;
    /// each field's own faults are its own result's.
    fn problems(&self, exchange: Option<&str>) -> Vec<FieldProblem> {
        const TOGETHER: [&str; 3] = ["same_as_key", "swapped", "passphrase_required"];
        let exchange = exchange.filter(|e| !e.is_empty());
        let (Some(exchange), Some(key), Some(secret)) = (exchange, &self.api_key, &self.secret)
        else {
            return Vec::new();
        };
        let passphrase = self.passphrase.as_ref().map(SecretString::expose);
        match paste::validate(exchange, key.expose(), secret.expose(), passphrase) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .iter()
                .filter(|e| TOGETHER.contains(&e.code()))
                .map(FieldProblem::of)
                .collect(),
        }
    }

    fn slot(&mut self, field: FieldName) -> &mut Option<SecretString> {
        match field {
            FieldName::ApiKey => &mut self.api_key,
            FieldName::Secret => &mut self.secret,
            FieldName::Passphrase => &mut self.passphrase,
        }
    }

    fn expired(&self) -> bool {
        self.older_than(DRAFT_LIFETIME)
    }

    fn older_than(&self, lifetime: Duration) -> bool {
        self.touched.is_some_and(|t| t.elapsed() >= lifetime)
    }
}

/// The drafts of every open form, by form id.
#[derive(Default)]
pub(crate) struct FormDrafts {
    forms: Mutex<HashMap<String, FormDraft>>,
    next: AtomicU64,
}

impl FormDrafts {
    pub(crate) fn clear(&self) {
        lock(&self.forms).clear();
    }
}

/// What a saved form's draft held.
pub(crate) struct DraftCredentials {
    pub api_key: Option<SecretString>,
    pub secret: Option<SecretString>,
    pub passphrase: Option<SecretString>,
}

/// A new, empty form draft; its id names it in every later call.
pub fn open_form(session: &Session) -> CoreResult<String> {
    if !session.is_unlocked() {
        return Err(CoreError::Locked);
    }
    let drafts = session.form_drafts();
    let id = format!("form-{}", drafts.next.fetch_add(1, Ordering::Relaxed) + 1);
    lock(&drafts.forms).insert(id.clone(), FormDraft::default());
    Ok(id)
}

/// Forgets a form's draft (cancel, or the form left the screen). Unknown ids are fine.
pub fn discard(session: &Session, form: &str) {
    lock(&session.form_drafts().forms).remove(form);
}

/// Forgets drafts whose last paste is older than [`DRAFT_LIFETIME`]; returns their ids so the
/// app can tell their forms.
pub fn expire(session: &Session) -> Vec<String> {
    expire_after(session, DRAFT_LIFETIME)
}

/// [`expire`] with another lifetime (tests).
pub fn expire_after(session: &Session, lifetime: Duration) -> Vec<String> {
    let mut forms = lock(&session.form_drafts().forms);
    let gone: Vec<String> = forms
        .iter()
        .filter(|(_, d)| d.older_than(lifetime))
        .map(|(id, _)| id.clone())
        .collect();
    for id in &gone {
        forms.remove(id);
    }
    gone
}

/// Reads the clipboard into `field` of `form`, judged for `exchange` (none chosen yet: only the
/// basics). A value that cannot be a key of any exchange (empty, spaces inside) is refused and the
/// clipboard left as it is: it was probably something else the user had copied.
pub fn paste(
    session: &Session,
    form: &str,
    exchange: Option<&str>,
    field: FieldName,
) -> CoreResult<PasteResult> {
    with_form(session, form, |_| Ok(()))?;
    let Some(raw) = session.clipboard.read()? else {
        return Err(CoreError::ClipboardEmpty);
    };
    if raw.expose().trim().is_empty() {
        return Err(CoreError::ClipboardEmpty);
    }
    let clean = match paste::validate_field(None, field.core(), raw.expose()) {
        Ok(clean) => clean,
        // Not a key at all: the form keeps what it had, the clipboard is not touched.
        Err(err) => return Ok(refused(field, &err)),
    };
    session.clipboard.clear_if_holds(raw);
    store(session, form, exchange, field, clean)
}

/// A passphrase the user typed by hand (the one credential short enough to type); API keys and
/// secrets come only by paste.
pub fn type_passphrase(
    session: &Session,
    form: &str,
    exchange: Option<&str>,
    typed: &str,
) -> CoreResult<PasteResult> {
    if typed.is_empty() {
        let problems = clear_field(session, form, exchange, FieldName::Passphrase)?;
        return Ok(PasteResult {
            ok: false,
            field: FieldName::Passphrase.as_str(),
            masked: None,
            detected_exchange: None,
            error: None,
            form_problems: Some(problems),
        });
    }
    let clean = paste::clean(typed, paste::Field::Passphrase);
    store(session, form, exchange, FieldName::Passphrase, clean)
}

/// Empties one field of the form (the field's Clear button); answers the form's problems now.
pub fn clear_field(
    session: &Session,
    form: &str,
    exchange: Option<&str>,
    field: FieldName,
) -> CoreResult<Vec<FieldProblem>> {
    with_form(session, form, |draft| {
        draft.slot(field).take();
        Ok(draft.problems(exchange))
    })
}

/// Judges what `field` holds again, for another exchange (the user changed the exchange after
/// pasting); `None` when the field is empty.
pub fn recheck(
    session: &Session,
    form: &str,
    exchange: Option<&str>,
    field: FieldName,
) -> CoreResult<Option<PasteResult>> {
    with_form(session, form, |draft| Ok(draft.judge(exchange, field)))
}

/// Takes the draft's values out for saving; the form is forgotten only once the save worked
/// ([`discard`]), so a refused save loses nothing.
pub(crate) fn values(session: &Session, form: &str) -> CoreResult<DraftCredentials> {
    with_form(session, form, |draft| {
        Ok(DraftCredentials {
            api_key: draft.api_key.clone(),
            secret: draft.secret.clone(),
            passphrase: draft.passphrase.clone(),
        })
    })
}

fn store(
    session: &Session,
    form: &str,
    exchange: Option<&str>,
    field: FieldName,
    clean: SecretString,
) -> CoreResult<PasteResult> {
    with_form(session, form, |draft| {
        *draft.slot(field) = Some(clean);
        draft.touched = Some(BootInstant::now());
        Ok(draft.judge(exchange, field).expect("just stored"))
    })
}

fn refused(field: FieldName, err: &paste::PasteError) -> PasteResult {
    PasteResult {
        ok: false,
        field: field.as_str(),
        masked: None,
        detected_exchange: None,
        error: Some(FieldProblem::of(err)),
        form_problems: None,
    }
}

/// Runs `f` on a live draft: `FormExpired` when it was forgotten (lifetime, lock) or never was.
fn with_form<T>(
    session: &Session,
    form: &str,
    f: impl FnOnce(&mut FormDraft) -> CoreResult<T>,
) -> CoreResult<T> {
    if !session.is_unlocked() {
        return Err(CoreError::Locked);
    }
    let mut forms = lock(&session.form_drafts().forms);
    if forms.get(form).is_some_and(FormDraft::expired) {
        forms.remove(form);
    }
    let draft = forms.get_mut(form).ok_or(CoreError::FormExpired)?;
    f(draft)
}
