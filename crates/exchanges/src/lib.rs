//! Live checks of exchange API keys: one pure signer per exchange (`sign`), a client per exchange
//! that reads balances and the key's own permissions, and a diagnosis in the exchange's terms
//! when the key is refused. Everything ends in a `coffre_catalog::model::CheckReport`.
#![forbid(unsafe_code)]

mod checker;
mod clock;
pub mod keygen;
pub mod messages;
pub mod sign;
mod transport;
mod venues;

pub use checker::{Checker, RetryPolicy, DEFAULT_PER_EXCHANGE_CONCURRENCY};

/// The exchanges Coffre can check live, as ccxt spells them.
pub fn supported() -> &'static [&'static str] {
    &[
        "binance",
        "whitebit",
        "cryptocom",
        "okx",
        "bybit",
        "kraken",
        "kucoin",
        "coinbase",
        "bitget",
        "gate",
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_supported_exchange_has_a_client() {
        for id in super::supported() {
            assert!(super::venues::venue(id).is_some(), "{id}");
        }
        assert_eq!(super::venues::ALL.len(), super::supported().len());
    }
}
