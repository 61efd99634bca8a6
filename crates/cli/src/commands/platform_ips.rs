//! `platform-ips`: the IP list a platform publishes for its servers, stored per key and platform
//! (`KeyMeta::platform_ips`) so it can be pasted into the exchange's whitelist later.

use coffre_catalog::{catalog, is_ip_or_range};

use super::{find, Ctx};
use crate::error::CliError;

/// Without `ips`, prints the stored list (one per line); with them, replaces it.
pub fn platform_ips(
    ctx: &mut Ctx,
    label: &str,
    platform: &str,
    ips: Vec<String>,
) -> Result<(), CliError> {
    if catalog().platform(platform).is_none() {
        return Err(CliError::Usage(format!(
            "unknown platform {platform:?}: use a platform id such as bitsgap, 3commas or freqtrade"
        )));
    }
    for ip in &ips {
        if !is_ip_or_range(ip) {
            return Err(CliError::Usage(format!(
                "{ip:?} is not an IPv4/IPv6 address or CIDR range"
            )));
        }
    }
    let mut vault = ctx.unlock()?;
    let record = find(&vault, label)?;
    if ips.is_empty() {
        for ip in record.meta.platform_ips.get(platform).into_iter().flatten() {
            println!("{ip}");
        }
        return Ok(());
    }
    let count = ips.len();
    let mut meta = record.meta;
    meta.platform_ips.insert(platform.to_owned(), ips);
    vault.update_meta(&record.id, meta)?;
    eprintln!("stored {count} IP(s) for {platform}");
    Ok(())
}
