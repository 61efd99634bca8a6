//! The IP lists a platform publishes for the exchange's whitelist: saved per key and platform,
//! and copied to the clipboard one per line for the exchange's form.

use crate::error::{CoreError, CoreResult};
use crate::session::Session;
use crate::views::CopyResult;
use coffre_catalog::catalog;
use coffre_secret::SecretString;
use std::time::Duration;

/// The list as it will be stored: a known platform, entries trimmed, blanks dropped, each an
/// IPv4/IPv6 address or CIDR range. Callers may check it before unlocking anything.
pub fn checked(platform: &str, ips: &[String]) -> CoreResult<Vec<String>> {
    if catalog().platform(platform).is_none() {
        return Err(CoreError::InvalidInput(format!(
            "unknown platform {platform:?}: use a platform id such as bitsgap, 3commas or freqtrade"
        )));
    }
    let ips: Vec<String> = ips
        .iter()
        .map(|ip| ip.trim().to_owned())
        .filter(|ip| !ip.is_empty())
        .collect();
    if let Some(bad) = ips.iter().find(|ip| !coffre_catalog::is_ip_or_range(ip)) {
        return Err(CoreError::InvalidInput(format!(
            "{bad:?} is not an IPv4/IPv6 address or CIDR range"
        )));
    }
    Ok(ips)
}

/// Stores the IP list the user copied from `platform`; an empty list forgets it.
pub fn set(session: &Session, id: &str, platform: &str, ips: &[String]) -> CoreResult<()> {
    let ips = checked(platform, ips)?;
    session.with_vault_mut(|v| {
        let mut meta = v.get(id)?.meta;
        if ips.is_empty() {
            meta.platform_ips.remove(platform);
        } else {
            meta.platform_ips.insert(platform.to_owned(), ips);
        }
        Ok(v.update_meta(id, meta)?)
    })
}

/// The IP list stored for `platform`, empty when none.
pub fn get(session: &Session, id: &str, platform: &str) -> CoreResult<Vec<String>> {
    session.with_vault(|v| {
        Ok(v.get(id)?
            .meta
            .platform_ips
            .get(platform)
            .cloned()
            .unwrap_or_default())
    })
}

/// Puts the platform's IP list on the clipboard, one per line.
pub fn copy(
    session: &Session,
    id: &str,
    platform: &str,
    clear_after: Duration,
) -> CoreResult<CopyResult> {
    let ips = session.with_vault(|v| Ok(v.get(id)?.meta.platform_ips.get(platform).cloned()))?;
    let Some(ips) = ips.filter(|ips| !ips.is_empty()) else {
        return Err(CoreError::InvalidInput(format!(
            "no IP list saved for {platform:?}"
        )));
    };
    let list = SecretString::new(ips.join("\n"));
    Ok(session.clipboard.copy(list, "ip_list", clear_after)?)
}
