//! IP whitelist entries as platforms publish them and exchanges accept them: one address or a
//! range, as a trader enters them for a platform; checked before a list is stored.

use std::net::IpAddr;

/// An address (`203.0.113.7`, `2001:db8::1`) or a range (`203.0.113.0/24`) with a prefix that
/// fits the address family; platforms publish both.
pub fn is_ip_or_range(text: &str) -> bool {
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
