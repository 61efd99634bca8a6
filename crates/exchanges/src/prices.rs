//! What a key's balances are worth: the exchange's public all-tickers reply, read once per check
//! (once per exchange in a `check_many`), and the balances valued against it in the exchange's
//! quote currency. Decimals throughout; a ticker that cannot be read never fails the check.

use crate::parse::{optional_decimal, ParseError};
use crate::transport::{self, SignedRequest};
use crate::venue::Venue;
use coffre_model::{AssetValue, Balance, Valuation};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Last price of one unit of each base asset, in the quote, as the exchange's ticker gave it.
pub type Prices = HashMap<String, Decimal>;

/// The largest ticker reply read: every market of a big exchange (Gate, KuCoin) runs past the
/// 1 MiB cap of the signed replies. Public data with no secret in it, still bounded.
pub(crate) const MAX_TICKER_BYTES: usize = 16 * 1024 * 1024;

/// The exchange's public ticker, read in the quote; `None` when it could not be (down, refused,
/// unreadable). One attempt, no retry: a check must not wait longer for its prices than for its
/// balances.
pub(crate) async fn read(
    client: &reqwest::Client,
    venue: &dyn Venue,
    base: &str,
    quote: &str,
) -> Option<Prices> {
    let request = SignedRequest::get(venue.ticker_path().to_owned());
    let reply = transport::send_capped(client, base, request, MAX_TICKER_BYTES)
        .await
        .ok()?;
    if !(200..300).contains(&reply.status) || venue.refusal(&reply).is_some() {
        return None;
    }
    venue.parse_prices(&reply.body, quote).ok()
}

/// The balances valued in `quote`. The quote itself is worth exactly 1; any other asset is worth
/// its own ASSET/QUOTE market's last price, or is not priced. No price is guessed through a third
/// asset (ASSET/BTC × BTC/QUOTE): such a chain mixes two markets' moments and spreads, and the
/// total would show a value no order on the exchange could get.
pub fn value(balances: &[Balance], quote: &str, prices: Option<&Prices>) -> Valuation {
    let assets: Vec<AssetValue> = balances
        .iter()
        .map(|b| {
            let price = match prices {
                None => None,
                Some(_) if b.asset == quote => Some(Decimal::ONE),
                Some(prices) => prices.get(&b.asset).copied(),
            };
            AssetValue {
                asset: b.asset.clone(),
                price,
                value: price.map(|p| (b.free + b.locked) * p),
            }
        })
        .collect();
    let total = match prices {
        Some(_) => assets.iter().filter_map(|a| a.value).sum(),
        None => Decimal::ZERO,
    };
    Valuation {
        quote: quote.to_owned(),
        total,
        assets,
        prices_read: prices.is_some(),
    }
}

/// Collects `(base, quote, last price)` rows into the prices of the markets quoted in `quote`.
/// Rows without a last price (no trade yet: `""`, `null`, `0`) are left out: not priced.
pub(crate) fn collect<'a>(
    rows: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>, &'a serde_json::Value)>,
    quote: &str,
) -> Result<Prices, ParseError> {
    let mut prices = Prices::new();
    for (base, row_quote, last) in rows {
        let (Some(base), Some(row_quote)) = (base, row_quote) else {
            continue;
        };
        if row_quote != quote || base.is_empty() {
            continue;
        }
        if let Some(price) = optional_decimal(last)
            .ok()
            .flatten()
            .filter(|p| *p > Decimal::ZERO)
        {
            prices.insert(base.to_owned(), price);
        }
    }
    Ok(prices)
}

/// How a ticker names a market: base and quote glued together (`BTCUSDT`), or apart with a
/// separator (`BTC-USDT`).
pub(crate) enum Pair {
    Glued,
    Separated(char),
}

/// An all-tickers answer that is a list of markets, as seven of the ten exchanges give it: the
/// list at `rows` (a JSON pointer, `""` for the whole body), each row naming its market in
/// `symbol` and its last price in `price`.
pub(crate) struct TickerList {
    pub rows: &'static str,
    pub symbol: &'static str,
    pub pair: Pair,
    pub price: &'static str,
}

impl TickerList {
    /// The prices of the markets quoted in `quote`.
    pub(crate) fn read(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        let value = crate::parse::json(body)?;
        let rows = value
            .pointer(self.rows)
            .and_then(serde_json::Value::as_array)
            .ok_or_else(|| ParseError::new("no ticker list"))?;
        let rows = rows.iter().map(|row| {
            let name = row[self.symbol].as_str().unwrap_or_default();
            let (base, of) = match self.pair {
                Pair::Glued => strip_quote(name, quote),
                Pair::Separated(separator) => split(name, separator),
            };
            (base, of, &row[self.price])
        });
        collect(rows, quote)
    }
}

/// `BTC-USDT` → (`BTC`, `USDT`).
pub(crate) fn split(symbol: &str, separator: char) -> (Option<&str>, Option<&str>) {
    match symbol.split_once(separator) {
        Some((base, quote)) => (Some(base), Some(quote)),
        None => (None, None),
    }
}

/// `BTCUSDT` → (`BTC`, `USDT`) when the symbol ends with `quote`. For exchanges whose ticker
/// glues base and quote together (Binance, Bybit, Bitget): a symbol ending in the quote is a
/// market of that quote on these exchanges (no quote currency ends in `USDT` or `USD` there).
pub(crate) fn strip_quote<'a>(
    symbol: &'a str,
    quote: &'a str,
) -> (Option<&'a str>, Option<&'a str>) {
    match symbol.strip_suffix(quote) {
        Some(base) if !base.is_empty() => (Some(base), Some(quote)),
        _ => (None, None),
    }
}

/// One exchange's ticker, read at most once by the checks that share it.
pub(crate) type PriceCell = std::sync::Arc<tokio::sync::OnceCell<Option<std::sync::Arc<Prices>>>>;

/// The tickers of one `check_many`, per exchange and host: its keys share one read.
#[derive(Default)]
pub(crate) struct PriceBook(std::sync::Mutex<HashMap<(&'static str, String), PriceCell>>);

impl PriceBook {
    pub(crate) fn cell(&self, exchange: &'static str, base: &str) -> PriceCell {
        let mut cells = self.0.lock().unwrap_or_else(|e| e.into_inner());
        std::sync::Arc::clone(cells.entry((exchange, base.to_owned())).or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn balance(asset: &str, free: &str, locked: &str) -> Balance {
        Balance {
            asset: asset.to_owned(),
            free: d(free),
            locked: d(locked),
        }
    }

    #[test]
    fn free_and_locked_are_valued_at_the_last_price_and_the_quote_at_one() {
        let prices = Prices::from([("BTC".to_owned(), d("65000.5"))]);
        let balances = [
            balance("BTC", "0.5", "0.25"),
            balance("USDT", "100.10", "0.9"),
            balance("NOMARKET", "7", "0"),
        ];
        let v = value(&balances, "USDT", Some(&prices));
        assert!(v.prices_read);
        assert_eq!(v.assets[0].value, Some(d("48750.375")));
        assert_eq!(v.assets[1].price, Some(Decimal::ONE));
        assert_eq!(v.assets[2].price, None);
        assert_eq!(v.assets[2].value, None);
        assert_eq!(v.total, d("48851.375"));
        assert_eq!(v.unpriced(), vec!["NOMARKET".to_owned()]);
    }

    #[test]
    fn without_prices_nothing_is_priced_not_even_the_quote() {
        let v = value(&[balance("USDT", "5", "0")], "USDT", None);
        assert!(!v.prices_read);
        assert_eq!(v.total, Decimal::ZERO);
        assert_eq!(v.assets[0].price, None);
    }

    #[test]
    fn only_markets_of_the_quote_with_a_last_price_count() {
        let (a, b, c) = (
            serde_json::json!("1.5"),
            serde_json::json!(""),
            serde_json::json!("0.03"),
        );
        let rows = [
            (Some("SOL"), Some("USDT"), &a),
            (Some("NEW"), Some("USDT"), &b),
            (Some("ETH"), Some("BTC"), &c),
        ];
        let prices = collect(rows, "USDT").unwrap();
        assert_eq!(prices, Prices::from([("SOL".to_owned(), d("1.5"))]));
        assert_eq!(strip_quote("BTCUSDT", "USDT"), (Some("BTC"), Some("USDT")));
        assert_eq!(strip_quote("ETHBTC", "USDT"), (None, None));
        assert_eq!(strip_quote("USDT", "USDT"), (None, None));
        assert_eq!(split("BTC-USD", '-'), (Some("BTC"), Some("USD")));
    }
}
