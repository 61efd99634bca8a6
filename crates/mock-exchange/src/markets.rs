//! What every mock exchange's public market list shares: the same two spot pairs, BTC/USDT and
//! ETH/USDT, so third-party clients (ccxt) that load markets before a balance call work unchanged.
//! Each exchange writes them in its own schema, in its folder.

/// (base, quote, price tick, quantity step) of each pair every mock exchange lists.
pub(crate) const PAIRS: [(&str, &str, &str, &str); 2] = [
    ("BTC", "USDT", "0.01", "0.00001"),
    ("ETH", "USDT", "0.01", "0.0001"),
];

/// When the pairs were listed (2018-01-19, as on most of these venues), in seconds.
pub(crate) const LISTED_AT_S: i64 = 1_516_378_650;

/// (base, quote, last price) of every market a mock's public ticker serves, at fixed prices so a
/// test can compute what a balance is worth. Every mock lists the USDT pairs; the exchanges that
/// price in US dollars (`USD_QUOTED`) list the USD pairs too, USDT/USD among them: a USDT balance
/// there is worth its market price in dollars, not "not priced".
pub const LAST_PRICES: [(&str, &str, &str); 5] = [
    ("BTC", "USDT", "65000.50"),
    ("ETH", "USDT", "3200.25"),
    ("BTC", "USD", "65010.75"),
    ("ETH", "USD", "3201.40"),
    ("USDT", "USD", "0.99985"),
];

/// The mocked exchanges whose markets are quoted in US dollars (the catalog's `quote_currency`).
const USD_QUOTED: [&str; 2] = ["coinbase", "kraken"];

/// The markets `exchange`'s ticker lists, with their last prices.
pub(crate) fn ticker_rows(exchange: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    let usd = USD_QUOTED.contains(&exchange);
    LAST_PRICES
        .iter()
        .copied()
        .filter(|(_, quote, _)| *quote == "USDT" || usd)
        .collect()
}

/// The last price of `base` in `quote` on `exchange`'s mock ticker, if it lists that market.
pub fn last_price(exchange: &str, base: &str, quote: &str) -> Option<rust_decimal::Decimal> {
    ticker_rows(exchange)
        .into_iter()
        .find(|(b, q, _)| *b == base && *q == quote)
        .map(|(_, _, last)| crate::endpoint::dec(last))
}

/// The exchange's public ticker: `rows` in its own schema, or its "unavailable" answer while an
/// account of the exchange carries the `ticker_unavailable` fault.
pub(crate) fn ticker(
    venue: &crate::server::Venue,
    dialect: &impl crate::endpoint::Dialect,
    rows: impl FnOnce(Vec<(&'static str, &'static str, &'static str)>) -> axum::response::Response,
) -> axum::response::Response {
    if venue.ticker_down() {
        return dialect.refuse(crate::server::Refusal::Unavailable);
    }
    rows(ticker_rows(venue.exchange))
}
