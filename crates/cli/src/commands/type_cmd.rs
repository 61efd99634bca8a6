//! `type`: a key's fields typed into a platform's form after a countdown (`coffre_core::auto_type`),
//! never through the clipboard. The display and the platform are checked before the password is
//! asked, so a session where nothing can be typed costs no unlock.

use std::io::Write;

use coffre_core::auto_type;

use super::Ctx;
use crate::error::CliError;

pub fn type_key(ctx: &mut Ctx, label: &str, platform: &str, delay: u64) -> Result<(), CliError> {
    auto_type::platform(platform)?;
    let mut keyboard = auto_type::connect()?;
    let session = ctx.session()?;
    let plan = auto_type::plan(&session, label, platform, "en")?;
    // The plan holds what is typed: the vault is not needed during the countdown.
    session.lock();
    drop(session);
    eprintln!(
        "click into {}'s first field ({}): typing in {delay} s",
        plan.platform_name,
        describe(&plan)
    );
    let report = auto_type::type_after(keyboard.as_mut(), &plan, delay, |left| {
        if left > 0 {
            eprint!("{left}… ");
            let _ = std::io::stderr().flush();
        }
        true
    });
    if delay > 0 {
        eprintln!();
    }
    let report = report?;
    eprintln!("typed {} into {:?}", describe(&plan), report.window_title);
    Ok(())
}

fn describe(plan: &auto_type::TypingPlan) -> String {
    let names: Vec<_> = plan
        .fields()
        .into_iter()
        .map(auto_type::field_name)
        .collect();
    names.join(", then ")
}
