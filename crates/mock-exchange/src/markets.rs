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
