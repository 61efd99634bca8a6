//! The rule for an exchange URL a user or a file supplies (a testnet, a region, a mock): scheme,
//! host and an optional port, nothing else, and plain http only to this machine — the API key
//! travels in every request's headers.

use crate::transport::is_loopback;

/// Why a base URL was refused. Its text names the URL's host at most, never a path or query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    #[error("{0:?} is not a URL: write it as https://host or https://host:port")]
    NotUrl(String),
    #[error(
        "only https (or http to this computer, for a local mock) may carry an API key, not {0}"
    )]
    Scheme(String),
    #[error("plain http would send the API key in clear to {0}: use https")]
    PlainHttp(String),
    #[error("a base URL is scheme, host and port only: remove the {0}")]
    Extra(&'static str),
}

/// The URL as Coffre stores it (`https://host[:port]`, no trailing slash), or why not.
pub fn checked_base_url(raw: &str) -> Result<String, BaseUrlError> {
    let raw = raw.trim();
    let url = url::Url::parse(raw).map_err(|_| BaseUrlError::NotUrl(raw.to_owned()))?;
    let host = url
        .host()
        .ok_or_else(|| BaseUrlError::NotUrl(raw.to_owned()))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => return Err(BaseUrlError::PlainHttp(host.to_string())),
        other => return Err(BaseUrlError::Scheme(other.to_owned())),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(BaseUrlError::Extra("user name and password"));
    }
    if url.path() != "/" && !url.path().is_empty() {
        return Err(BaseUrlError::Extra("path"));
    }
    if url.query().is_some() {
        return Err(BaseUrlError::Extra("query"));
    }
    if url.fragment().is_some() {
        return Err(BaseUrlError::Extra("fragment"));
    }
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{}://{host}{port}", url.scheme()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_hosts_and_loopback_mocks_are_accepted_as_scheme_host_port() {
        assert_eq!(
            checked_base_url(" https://api.binance.com/ ").unwrap(),
            "https://api.binance.com"
        );
        assert_eq!(
            checked_base_url("https://my.okx.com:8443").unwrap(),
            "https://my.okx.com:8443"
        );
        for local in [
            "http://127.0.0.1:9000",
            "http://localhost:1",
            "http://[::1]:8080",
        ] {
            assert_eq!(checked_base_url(local).unwrap(), local);
        }
    }

    #[test]
    fn anything_that_could_leak_the_key_is_refused_with_a_reason() {
        let refused = |raw: &str| checked_base_url(raw).unwrap_err();
        assert_eq!(
            refused("http://api.binance.com"),
            BaseUrlError::PlainHttp("api.binance.com".into())
        );
        assert_eq!(
            refused("http://10.0.0.5:80"),
            BaseUrlError::PlainHttp("10.0.0.5".into())
        );
        assert_eq!(
            refused("ftp://api.binance.com"),
            BaseUrlError::Scheme("ftp".into())
        );
        assert_eq!(
            refused("https://user:pw@api.binance.com"),
            BaseUrlError::Extra("user name and password")
        );
        assert_eq!(
            refused("https://evil.example/api/v3"),
            BaseUrlError::Extra("path")
        );
        assert_eq!(
            refused("https://evil.example?x=1"),
            BaseUrlError::Extra("query")
        );
        assert_eq!(
            refused("https://evil.example#x"),
            BaseUrlError::Extra("fragment")
        );
        assert!(matches!(
            refused("api.binance.com"),
            BaseUrlError::NotUrl(_)
        ));
        assert!(!refused("https://u:hunter2@x.example")
            .to_string()
            .contains("hunter2"));
    }
}
