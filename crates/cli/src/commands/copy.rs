//! `copy`: one credential on the clipboard through the core's clipboard service (kept out of
//! clipboard managers' histories, cleared after a delay unless the user has copied something else
//! since). The process stays running meanwhile: on X11 and Wayland the copying process serves it.

use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use coffre_core::keys::{self, FieldName};

use super::{find_in, Ctx};
use crate::args::CopyField;
use crate::error::CliError;

pub fn copy(
    ctx: &mut Ctx,
    label: &str,
    field: CopyField,
    clear_after: u64,
) -> Result<(), CliError> {
    let (tx, events) = mpsc::channel();
    let tx = Mutex::new(tx);
    let session = ctx.session_with_clipboard(Box::new(move |event| {
        let _ = tx.lock().unwrap_or_else(|e| e.into_inner()).send(event);
    }))?;
    let record = find_in(&session, label)?;
    let field = match field {
        CopyField::Key => FieldName::ApiKey,
        CopyField::Secret => FieldName::Secret,
        CopyField::Passphrase => FieldName::Passphrase,
    };
    keys::copy(
        &session,
        &record.id,
        field,
        Duration::from_secs(clear_after),
    )
    .map_err(|e| match e {
        coffre_core::CoreError::InvalidInput(_) => {
            CliError::Usage(format!("{} has no passphrase", record.meta.label))
        }
        e => e.into(),
    })?;
    // Nothing but the clipboard copy is needed while it counts down.
    session.close_vault();
    eprintln!("copied, clearing in {clear_after} s");
    let end = events.iter().find(|event| event.cleared);
    match end {
        Some(event) if event.replaced => eprintln!("clipboard changed since; left as it is"),
        _ => eprintln!("clipboard cleared"),
    }
    Ok(())
}
