//! The paste sequence: a key's credentials put on the clipboard one at a time, in the order of a
//! platform's form. The running sequence holds its values as `SecretString`s, so dropping it (on
//! its end, a cancel or a lock) wipes them.
//!
//! Nothing is on the clipboard until the user asks for a step ([`copy`]): its clearing countdown
//! starts then, and the same call copies the step again once it was cleared.

use crate::error::{CoreError, CoreResult};
use crate::session::Session;
use coffre_catalog::catalog;
use coffre_catalog::platform::{Credential, FormField, IpPolicy};
use coffre_catalog::verdict::Status;
use coffre_model::Credentials;
use coffre_secret::SecretString;
use serde::Serialize;
use std::time::Duration;
use ts_rs::TS;

/// Which value a step puts on the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepField {
    ApiKey,
    Secret,
    Passphrase,
}

impl StepField {
    pub fn as_str(self) -> &'static str {
        match self {
            StepField::ApiKey => "api_key",
            StepField::Secret => "secret",
            StepField::Passphrase => "passphrase",
        }
    }
}

/// One step, labelled in the platform's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PasteStep {
    pub field: StepField,
    pub label: String,
}

/// What the webview sees of a sequence (docs/ipc.md `PasteSequence`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PasteSequence {
    /// The key's id.
    pub id: String,
    pub platform: String,
    pub platform_name: String,
    pub steps: Vec<PasteStep>,
    pub current: usize,
    pub done: bool,
    pub clear_after_s: u64,
    /// The key's verdict for this platform is "will be rejected": the UI asks before sending.
    pub rejected: bool,
    /// The exchange's key form must list the platform's IPs (`ip_whitelist = "required"`): the
    /// UI shows that step first, with the IP list saved for this key and platform.
    pub ip_list_required: bool,
    pub ips: Vec<String>,
}

/// A sequence in progress: its view and the value of every step.
pub struct Running {
    view: PasteSequence,
    values: Vec<SecretString>,
}

impl Running {
    /// Steps follow `fields` in order; a passphrase field is skipped when the key has none.
    /// `None` when no field is left to paste.
    pub fn new(
        id: String,
        platform: String,
        platform_name: String,
        fields: &[FormField],
        creds: &Credentials,
        lang: &str,
        clear_after_s: u64,
    ) -> Option<Running> {
        let (steps, values): (Vec<PasteStep>, Vec<SecretString>) = fields
            .iter()
            .filter_map(|f| {
                let (field, value) = match f.credential {
                    Credential::ApiKey => (StepField::ApiKey, creds.api_key.clone()),
                    Credential::Secret => (StepField::Secret, creds.secret.clone()),
                    Credential::Passphrase => (StepField::Passphrase, creds.passphrase.clone()?),
                };
                let label = f.label.get(lang).to_owned();
                Some((PasteStep { field, label }, value))
            })
            .unzip();
        if steps.is_empty() {
            return None;
        }
        let view = PasteSequence {
            id,
            platform,
            platform_name,
            steps,
            current: 0,
            done: false,
            clear_after_s,
            rejected: false,
            ip_list_required: false,
            ips: Vec::new(),
        };
        Some(Running { view, values })
    }

    /// What the UI shows around the steps: the verdict and the IP list step.
    pub fn with_context(
        mut self,
        rejected: bool,
        ip_list_required: bool,
        ips: Vec<String>,
    ) -> Self {
        self.view.rejected = rejected;
        self.view.ip_list_required = ip_list_required;
        self.view.ips = ips;
        self
    }

    pub fn view(&self) -> &PasteSequence {
        &self.view
    }

    /// The current step's field and value, to copy; `None` once done.
    pub fn current(&self) -> Option<(StepField, SecretString)> {
        if self.view.done {
            return None;
        }
        let i = self.view.current;
        Some((self.view.steps[i].field, self.values[i].clone()))
    }

    /// Moves to the next step, or marks the sequence done after the last one.
    pub fn advance(&mut self) {
        if self.view.current + 1 < self.view.steps.len() {
            self.view.current += 1;
        } else {
            self.view.done = true;
        }
    }

    /// Ends the sequence early; the view says done.
    pub fn finish(mut self) -> PasteSequence {
        self.view.done = true;
        self.view.clone()
    }
}

/// Copies the sequence's current value, if any, with its clearing delay.
fn copy_current(session: &Session, running: &Running) -> CoreResult<()> {
    if let Some((field, value)) = running.current() {
        let clear_after = Duration::from_secs(running.view().clear_after_s);
        session.clipboard.copy(value, field.as_str(), clear_after)?;
    }
    Ok(())
}

/// Starts pasting key `id` into `platform`'s form; nothing is on the clipboard yet.
pub fn start(
    session: &Session,
    id: &str,
    platform: &str,
    lang: &str,
    clear_after: Duration,
) -> CoreResult<PasteSequence> {
    let entry = catalog()
        .platform(platform)
        .ok_or_else(|| CoreError::InvalidInput(format!("unknown platform {platform}")))?;
    let (meta, creds) = session.with_vault(|v| Ok((v.get(id)?.meta, v.credentials(id)?)))?;
    // The verdict the key's platform list shows (none for a platform it is not assigned to).
    let rejected = crate::verdicts::briefs(&meta, chrono::Utc::now())
        .iter()
        .any(|b| b.platform == platform && b.status == Status::Rejected);
    let needs_passphrase = catalog()
        .exchange_or_other(&meta.exchange)
        .needs_passphrase();
    let profile = entry.profile_for(&meta.exchange, needs_passphrase);
    let running = Running::new(
        id.to_owned(),
        platform.to_owned(),
        entry.name.get(lang).to_owned(),
        &profile.fields,
        &creds,
        lang,
        clear_after.as_secs(),
    )
    .ok_or_else(|| CoreError::InvalidInput(format!("{platform} lists no field to paste")))?
    .with_context(
        rejected,
        profile.ip_whitelist == IpPolicy::Required,
        meta.platform_ips.get(platform).cloned().unwrap_or_default(),
    );
    drop(creds);
    let view = running.view().clone();
    *session.paste_sequence() = Some(running);
    Ok(view)
}

/// Puts the current step's value on the clipboard, its clearing countdown starting now; again
/// after it was cleared.
pub fn copy(session: &Session) -> CoreResult<PasteSequence> {
    let slot = session.paste_sequence();
    let running = slot
        .as_ref()
        .ok_or_else(|| CoreError::InvalidInput("no paste sequence is running".into()))?;
    if running.view().done {
        return Err(CoreError::InvalidInput("the paste sequence is over".into()));
    }
    copy_current(session, running)?;
    Ok(running.view().clone())
}

/// Moves to the next field, clearing the clipboard if it still holds the previous one (the user
/// copies the next one with [`copy`]); after the last one, ends.
pub fn next(session: &Session) -> CoreResult<PasteSequence> {
    let mut slot = session.paste_sequence();
    let running = slot
        .as_mut()
        .ok_or_else(|| CoreError::InvalidInput("no paste sequence is running".into()))?;
    running.advance();
    let view = running.view().clone();
    if view.done {
        slot.take();
    }
    drop(slot);
    session.clipboard.clear_if_ours();
    Ok(view)
}

/// Ends the sequence early and clears the clipboard if it still holds our value; the ended
/// sequence's view, if one was running.
pub fn cancel(session: &Session) -> Option<PasteSequence> {
    let running = session.paste_sequence().take();
    session.clipboard.clear_if_ours();
    running.map(Running::finish)
}

#[cfg(test)]
mod tests {
    use super::*;
    use coffre_catalog::text::Name;

    fn field(credential: Credential, label: &str) -> FormField {
        FormField {
            credential,
            label: Name::Same(label.to_owned()),
        }
    }

    fn creds(passphrase: Option<&str>) -> Credentials {
        Credentials {
            api_key: SecretString::from("KEY"),
            secret: SecretString::from("SECRET"),
            passphrase: passphrase.map(SecretString::from),
            key_type: Default::default(),
        }
    }

    fn start(fields: &[FormField], c: &Credentials) -> Option<Running> {
        Running::new("k".into(), "p".into(), "P".into(), fields, c, "en", 20)
    }

    #[test]
    fn steps_follow_the_form_order_then_end() {
        let fields = [
            field(Credential::Secret, "Secret Key"),
            field(Credential::ApiKey, "API Key"),
        ];
        let mut seq = start(&fields, &creds(None)).expect("two steps");
        let (f, v) = seq.current().unwrap();
        assert_eq!((f, v.expose()), (StepField::Secret, "SECRET"));
        seq.advance();
        let (f, v) = seq.current().unwrap();
        assert_eq!((f, v.expose()), (StepField::ApiKey, "KEY"));
        assert_eq!(seq.view().current, 1);
        seq.advance();
        assert!(seq.view().done);
        assert!(seq.current().is_none());
    }

    #[test]
    fn passphrase_step_is_skipped_for_a_key_without_one() {
        let fields = [
            field(Credential::ApiKey, "API Key"),
            field(Credential::Passphrase, "Passphrase"),
        ];
        let seq = start(&fields, &creds(None)).unwrap();
        assert_eq!(seq.view().steps.len(), 1);
        let seq = start(&fields, &creds(Some("PASS"))).unwrap();
        assert_eq!(seq.view().steps[1].field, StepField::Passphrase);
    }

    #[test]
    fn no_fields_means_no_sequence() {
        assert!(start(&[], &creds(None)).is_none());
    }
}
