//! `platform-ips`: the IP list a platform publishes for its servers, stored per key and platform
//! (`KeyMeta::platform_ips`) so it can be pasted into the exchange's whitelist later.

use std::net::IpAddr;

use coffre_catalog::catalog;

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

/// An address (`203.0.113.7`, `2001:db8::1`) or a range (`203.0.113.0/24`) with a prefix that
/// fits the address family; platforms publish both.
fn is_ip_or_range(text: &str) -> bool {
    let (addr, prefix) = match text.split_once('/') {
        Some((addr, prefix)) => (addr, Some(prefix)),
        None => (text, None),
    };
    let Ok(addr) = addr.parse::<IpAddr>() else {
        return false;
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    prefix.is_none_or(|p| p.parse::<u8>().is_ok_and(|n| n <= max))
}

#[cfg(test)]
mod tests {
    use super::is_ip_or_range;

    #[test]
    fn addresses_and_ranges_are_accepted_and_junk_is_not() {
        for ok in [
            "203.0.113.7",
            "2001:db8::1",
            "203.0.113.0/24",
            "2001:db8::/32",
        ] {
            assert!(is_ip_or_range(ok), "{ok}");
        }
        for bad in [
            "203.0.113",
            "example.com",
            "10.0.0.1/33",
            "10.0.0.1/",
            "1.2.3.4 ",
        ] {
            assert!(!is_ip_or_range(bad), "{bad}");
        }
    }
}
