//! `platform-ips`: the IP list a platform publishes for its servers, stored per key and platform
//! (`KeyMeta::platform_ips`) so it can be pasted into the exchange's whitelist later.

use coffre_core::platform_ips;

use super::{find_in, Ctx};
use crate::error::CliError;

/// Without `ips`, prints the stored list (one per line); with them, replaces it.
pub fn platform_ips(
    ctx: &mut Ctx,
    label: &str,
    platform: &str,
    ips: Vec<String>,
) -> Result<(), CliError> {
    // A bad list costs no unlock.
    let ips = platform_ips::checked(platform, &ips)?;
    let session = ctx.session()?;
    let record = find_in(&session, label)?;
    if ips.is_empty() {
        for ip in platform_ips::get(&session, &record.id, platform)? {
            println!("{ip}");
        }
        return Ok(());
    }
    platform_ips::set(&session, &record.id, platform, &ips)?;
    eprintln!("stored {} IP(s) for {platform}", ips.len());
    Ok(())
}
