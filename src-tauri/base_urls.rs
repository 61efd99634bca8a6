//! Exchange base URLs from the environment: `COFFRE_BASE_URL_<EXCHANGE>` (the ccxt id upper-cased,
//! e.g. `COFFRE_BASE_URL_BINANCE=http://127.0.0.1:9000`) sends that exchange's checks to a mock or
//! testnet. Read once at start. A key's own `base_url` still wins over these, and these win over
//! the catalog's default (the order `Checker::check` applies).
//!
//! Honoured only in debug builds (the end-to-end tests, development): a release build never lets
//! its environment send keys elsewhere. Each URL must pass the base-URL rule (https, or http to
//! loopback), and the app shows which exchanges are redirected (`AppStatus::base_url_overrides`).
//! `COFFRE_MOCK_TLS_AUTHORITY` (the mocks' second line, PEM) lets the checker reach mocks served
//! over TLS, on this machine only.

use coffre_exchanges::Checker;

const PREFIX: &str = "COFFRE_BASE_URL_";

/// `(exchange id, url)` for every override among `vars`; empty values are ignored.
pub fn overrides(vars: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    vars.into_iter()
        .filter_map(|(name, url)| {
            let exchange = name.strip_prefix(PREFIX)?.to_ascii_lowercase();
            let url = url.trim().to_owned();
            (!exchange.is_empty() && !url.is_empty()).then_some((exchange, url))
        })
        .collect()
}

/// A checker with the process environment's overrides applied, and the exchanges they redirect.
pub fn checker_from_env() -> (Checker, Vec<String>) {
    if !cfg!(debug_assertions) {
        return (Checker::new(), Vec::new());
    }
    let mut active = Vec::new();
    let mut checker = Checker::new();
    // Mocks served over TLS (Coinbase) come with their authority, trusted for loopback only.
    if let Err(e) = coffre_core::demo::trust_tls_authority_from_env(&checker) {
        eprintln!("coffre: ignoring {e}");
    }
    for (exchange, url) in overrides(std::env::vars()) {
        match coffre_exchanges::checked_base_url(&url) {
            Ok(url) => {
                checker = checker.with_base_url(&exchange, &url);
                active.push(exchange);
            }
            Err(e) => eprintln!("coffre: ignoring {PREFIX}{}: {e}", exchange.to_uppercase()),
        }
    }
    (checker, active)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    #[test]
    fn exchange_suffix_becomes_the_ccxt_id() {
        let found = overrides([
            var("COFFRE_BASE_URL_BINANCE", "http://127.0.0.1:9000"),
            var("COFFRE_BASE_URL_GATEIO", " http://127.0.0.1:9001 "),
        ]);
        assert_eq!(
            found,
            vec![
                ("binance".to_owned(), "http://127.0.0.1:9000".to_owned()),
                ("gateio".to_owned(), "http://127.0.0.1:9001".to_owned()),
            ]
        );
    }

    #[test]
    fn unrelated_and_empty_variables_are_ignored() {
        let found = overrides([
            var("PATH", "/usr/bin"),
            var("COFFRE_BASE_URL_", "http://127.0.0.1:1"),
            var("COFFRE_BASE_URL_OKX", "  "),
        ]);
        assert!(found.is_empty());
    }
}
