//! What a key's balances were worth when it was checked, read from the exchange's own public
//! ticker at check time. Decimals only: the amounts and prices are the exchange's own strings.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a key's balances were worth when it was checked, in the quote currency its exchange prices
/// most (USDT; USD on Coinbase and Kraken), from the exchange's own public ticker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Valuation {
    /// "USDT" or "USD" (catalog data: `quote_currency` in exchanges.toml).
    pub quote: String,
    /// Sum of the priced assets' values (free + locked), in `quote`. 0 when `prices_read` is false.
    #[ts(type = "string")]
    pub total: Decimal,
    /// One entry per balance of the report, same order.
    pub assets: Vec<AssetValue>,
    /// False: the balances were read but the exchange's ticker could not be (down, refused, unreadable):
    /// the UI says "Prices unavailable" and shows no total. True: prices were read; an asset with
    /// `price: None` has no market against the quote ("not priced").
    pub prices_read: bool,
}

/// One balance's price and value in the valuation's quote currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetValue {
    pub asset: String,
    /// Price of one unit in `quote` (exactly 1 for the quote itself); None: not priced.
    #[ts(type = "string | null")]
    pub price: Option<Decimal>,
    /// (free + locked) × price; None when not priced.
    #[ts(type = "string | null")]
    pub value: Option<Decimal>,
}

impl Valuation {
    /// The assets held but not priced, by symbol (all of them when the prices were not read).
    pub fn unpriced(&self) -> Vec<String> {
        self.assets
            .iter()
            .filter(|a| a.price.is_none())
            .map(|a| a.asset.clone())
            .collect()
    }
}
