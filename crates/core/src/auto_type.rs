//! Auto-type: a key's fields typed into the platform's form as keystrokes, in the form's order,
//! with the key the form needs between them, never through the clipboard (which every program of
//! the desktop can read). Only into a window whose title names the platform: the plan carries the
//! catalog's title patterns and [`type_into`] refuses any other window, saying which one it found.
//!
//! The keystrokes go through a [`Keyboard`]; the X11 one is in [`x11`]. Wayland lets no program
//! type into another, so there the caller falls back to the clipboard sequence.

#[cfg(target_os = "linux")]
pub mod x11;

use crate::error::{CoreError, CoreResult};
use crate::paste_sequence::StepField;
use crate::session::Session;
use coffre_catalog::catalog;
use coffre_catalog::platform::{Credential, FieldSeparator, FormField, Platform};
use coffre_model::Credentials;
use coffre_secret::SecretString;
use serde::Serialize;
use ts_rs::TS;

/// Why nothing was typed. Messages name fields and windows, never a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AutoTypeError {
    #[error("no X display to type into (DISPLAY is not set or the display cannot be opened: {0})")]
    NoDisplay(String),
    #[error(
        "this is a Wayland session, where no program may type into another one's window: \
         use the clipboard sequence instead"
    )]
    Wayland,
    #[error("{platform} has no form to type into")]
    NoForm { platform: String },
    #[error("no window has the keyboard focus: click into {platform}'s first field")]
    NoFocusedWindow { platform: String },
    #[error(
        "the focused window is {found:?}, not {platform}'s: click into {platform}'s first field \
         in your browser and try again"
    )]
    WrongWindow { platform: String, found: String },
    #[error(
        "the {field} has a line break (a PEM key?): a web form's one-line field would drop it or \
         submit the form, so it is not typed; paste it with the clipboard sequence"
    )]
    MultiLine { field: &'static str },
    #[error("the {field} has a control character that cannot be typed")]
    Unprintable { field: &'static str },
    #[error(
        "the {field} has a character the current keyboard layout cannot type (non-ASCII?): \
         nothing was typed; use the clipboard sequence"
    )]
    NotOnLayout { field: &'static str },
    #[error("stopped before typing: the vault was locked during the countdown")]
    Stopped,
    #[error("Caps Lock is on: it would change the letters typed; turn it off and try again")]
    CapsLock,
    #[error("typing failed: {0}")]
    Backend(String),
}

impl AutoTypeError {
    /// The stable code the UI translates (docs/ipc.md).
    pub fn code(&self) -> &'static str {
        match self {
            AutoTypeError::NoDisplay(_) => "auto_type_no_display",
            AutoTypeError::Wayland => "auto_type_wayland",
            AutoTypeError::NoForm { .. } => "auto_type_no_form",
            AutoTypeError::NoFocusedWindow { .. } | AutoTypeError::WrongWindow { .. } => {
                "auto_type_wrong_window"
            }
            AutoTypeError::MultiLine { .. }
            | AutoTypeError::Unprintable { .. }
            | AutoTypeError::NotOnLayout { .. } => "auto_type_untypable",
            AutoTypeError::CapsLock => "auto_type_caps_lock",
            AutoTypeError::Stopped => "locked",
            AutoTypeError::Backend(_) => "auto_type_failed",
        }
    }
}

/// One thing to type: a field's value, or the key between two fields.
pub enum Stroke {
    Text {
        field: StepField,
        value: SecretString,
    },
    Key(FieldSeparator),
}

/// What will be typed, and where. Holds the values as `SecretString`s: dropping it wipes them.
pub struct TypingPlan {
    pub platform_name: String,
    pub window_titles: Vec<String>,
    pub strokes: Vec<Stroke>,
}

impl TypingPlan {
    /// The fields typed, in order.
    pub fn fields(&self) -> Vec<StepField> {
        self.strokes
            .iter()
            .filter_map(|s| match s {
                Stroke::Text { field, .. } => Some(*field),
                Stroke::Key(_) => None,
            })
            .collect()
    }
}

/// What was typed, for the caller to say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AutoTypeReport {
    pub window_title: String,
    pub fields: Vec<StepField>,
}

/// What types: the focused window's title and keystrokes into it.
pub trait Keyboard {
    /// The title of the top-level window holding the keyboard focus, if any.
    fn focused_window_title(&mut self) -> Result<Option<String>, AutoTypeError>;
    /// Refuses, before anything is typed, a plan with a character it cannot type.
    fn check(&mut self, strokes: &[Stroke]) -> Result<(), AutoTypeError>;
    fn type_strokes(&mut self, strokes: &[Stroke]) -> Result<(), AutoTypeError>;
}

/// Whether a window title names the platform: any pattern, case-insensitively, anywhere in it.
/// A title naming Coffre never matches: it is Coffre's own window, or the terminal running
/// `coffre type` (whose title often shows the command line, platform name included).
pub fn title_matches(title: &str, patterns: &[String]) -> bool {
    let title = title.to_lowercase();
    !title.contains("coffre")
        && patterns
            .iter()
            .map(|p| p.trim().to_lowercase())
            .any(|p| !p.is_empty() && title.contains(&p))
}

/// The strokes for a form: its fields in order (a passphrase field skipped for a key without
/// one), `separator` between two fields. Refuses a value no form field can take as typed.
pub fn plan_strokes(
    fields: &[FormField],
    creds: &Credentials,
    separator: FieldSeparator,
) -> Result<Vec<Stroke>, AutoTypeError> {
    let mut strokes = Vec::new();
    for f in fields {
        let (field, value) = match f.credential {
            Credential::ApiKey => (StepField::ApiKey, creds.api_key.clone()),
            Credential::Secret => (StepField::Secret, creds.secret.clone()),
            Credential::Passphrase => match &creds.passphrase {
                Some(p) => (StepField::Passphrase, p.clone()),
                None => continue,
            },
        };
        check_typable(field, &value)?;
        if !strokes.is_empty() {
            strokes.push(Stroke::Key(separator));
        }
        strokes.push(Stroke::Text { field, value });
    }
    Ok(strokes)
}

fn check_typable(field: StepField, value: &SecretString) -> Result<(), AutoTypeError> {
    let name = field_name(field);
    let value = value.expose();
    if value.contains(['\n', '\r']) {
        return Err(AutoTypeError::MultiLine { field: name });
    }
    if value.chars().any(char::is_control) {
        return Err(AutoTypeError::Unprintable { field: name });
    }
    Ok(())
}

/// The field as a sentence names it.
pub fn field_name(field: StepField) -> &'static str {
    match field {
        StepField::ApiKey => "API key",
        StepField::Secret => "secret",
        StepField::Passphrase => "passphrase",
    }
}

/// The catalog's platform, refused when unknown or when it has no form (checked before any unlock).
pub fn platform(id: &str) -> CoreResult<&'static Platform> {
    let entry = catalog().platform(id).ok_or_else(|| {
        CoreError::InvalidInput(format!(
            "unknown platform {id:?}: use a platform id such as bitsgap, 3commas or pionex"
        ))
    })?;
    if entry.auto_type.window_titles.is_empty() {
        return Err(AutoTypeError::NoForm {
            platform: entry.name.get("en").to_owned(),
        }
        .into());
    }
    Ok(entry)
}

/// The plan for key `id` (a label works too) on `platform`: its form's fields, in order.
pub fn plan(session: &Session, id: &str, platform_id: &str, lang: &str) -> CoreResult<TypingPlan> {
    let entry = platform(platform_id)?;
    let (meta, creds) = session.with_vault(|v| {
        let record = v.find(id)?;
        Ok((record.meta, v.credentials(&record.id)?))
    })?;
    let needs_passphrase = catalog()
        .exchange_or_other(&meta.exchange)
        .needs_passphrase();
    let profile = entry.profile_for(&meta.exchange, needs_passphrase);
    let strokes = plan_strokes(&profile.fields, &creds, entry.auto_type.separator)?;
    if strokes.is_empty() {
        return Err(AutoTypeError::NoForm {
            platform: entry.name.get("en").to_owned(),
        }
        .into());
    }
    Ok(TypingPlan {
        platform_name: entry.name.get(lang).to_owned(),
        window_titles: entry.auto_type.window_titles.clone(),
        strokes,
    })
}

/// Types the plan into the focused window if its title names the platform; nothing otherwise.
pub fn type_into(
    keyboard: &mut dyn Keyboard,
    plan: &TypingPlan,
) -> Result<AutoTypeReport, AutoTypeError> {
    let platform = plan.platform_name.clone();
    let title = keyboard
        .focused_window_title()?
        .ok_or_else(|| AutoTypeError::NoFocusedWindow {
            platform: platform.clone(),
        })?;
    if !title_matches(&title, &plan.window_titles) {
        return Err(AutoTypeError::WrongWindow {
            platform,
            found: title,
        });
    }
    keyboard.check(&plan.strokes)?;
    keyboard.type_strokes(&plan.strokes)?;
    Ok(AutoTypeReport {
        window_title: title,
        fields: plan.fields(),
    })
}

/// The desktop's keyboard: X11's on Linux; refused on Wayland, without a display, and (for now)
/// on other systems (docs/cli.md says what Windows and macOS would need).
pub fn connect() -> Result<Box<dyn Keyboard + Send>, AutoTypeError> {
    #[cfg(target_os = "linux")]
    return Ok(Box::new(x11::X11Keyboard::connect()?));
    #[cfg(not(target_os = "linux"))]
    Err(AutoTypeError::Backend(
        "auto-type is available on Linux (X11) only for now".into(),
    ))
}

/// Counts `delay_s` seconds down, then types the plan: the one path of the app and the CLI.
/// `on_tick` gets the seconds left (then 0 just before typing), for the user to click into the
/// platform's first field meanwhile; it answers whether to go on (the app stops on a lock).
pub fn type_after(
    keyboard: &mut dyn Keyboard,
    plan: &TypingPlan,
    delay_s: u64,
    mut on_tick: impl FnMut(u64) -> bool,
) -> Result<AutoTypeReport, AutoTypeError> {
    for left in (1..=delay_s).rev() {
        if !on_tick(left) {
            return Err(AutoTypeError::Stopped);
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    if !on_tick(0) {
        return Err(AutoTypeError::Stopped);
    }
    type_into(keyboard, plan)
}

#[cfg(test)]
#[path = "auto_type_tests.rs"]
mod tests;
