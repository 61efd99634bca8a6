//! What is derived from the one list of exchanges Coffre can check live (`VENUES`, in `lib.rs`
//! beside the folders' declarations): `supported()`, the checker's lookup and its limits.

use crate::venue::Venue;
use crate::VENUES;
use coffre_catalog::Exchange;
use std::sync::LazyLock;

/// The exchanges Coffre can check live, as ccxt spells them.
pub fn supported() -> &'static [&'static str] {
    static IDS: LazyLock<Vec<&'static str>> =
        LazyLock::new(|| VENUES.iter().map(|v| v.id()).collect());
    &IDS
}

pub(crate) fn venues() -> &'static [&'static dyn Venue] {
    VENUES
}

/// An exchange's client together with what the catalog knows about it (base URL, passphrase,
/// reported permissions). `None` when either half is missing: such an exchange cannot be checked.
pub(crate) fn lookup(id: &str) -> Option<(&'static dyn Venue, &'static Exchange)> {
    let venue = VENUES.iter().copied().find(|v| v.id() == id)?;
    let exchange = coffre_catalog::catalog()
        .exchange(id)
        .filter(|e| e.live_check)?;
    Some((venue, exchange))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::SignError;
    use crate::venue::SignContext;
    use coffre_model::{Credentials, KeyType};

    #[test]
    fn every_supported_exchange_has_a_client() {
        for id in supported() {
            assert!(VENUES.iter().any(|v| v.id() == *id), "{id}");
        }
        assert_eq!(venues().len(), supported().len());
    }

    #[test]
    fn every_client_has_its_catalog_entry_with_a_production_url() {
        for id in supported() {
            let (_, exchange) = lookup(id).unwrap_or_else(|| panic!("{id} has no catalog entry"));
            assert!(exchange.base_url.is_some(), "{id} has no base_url");
            assert!(
                exchange.quote_currency.is_some(),
                "{id} has no quote_currency"
            );
        }
        let mut unique = supported().to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            unique.len(),
            supported().len(),
            "an exchange is listed twice"
        );
    }

    #[test]
    fn only_exchanges_the_catalog_says_report_permissions_are_asked_for_them() {
        let creds = Credentials {
            api_key: "key".into(),
            secret: "c2VjcmV0".into(),
            passphrase: Some("passphrase".into()),
            key_type: KeyType::Hmac,
        };
        let ctx = SignContext {
            now_ms: 1_700_000_000_000,
            nonce: 1,
            host: "127.0.0.1:1".to_owned(),
            random: "00".to_owned(),
        };
        for id in supported() {
            let (venue, exchange) = lookup(id).unwrap();
            let offered = !matches!(
                venue.permissions_request(&creds, &ctx),
                Err(SignError::NotOffered)
            );
            assert_eq!(offered, exchange.reports_permissions, "{id}");
        }
    }
}
