//! What a key held at its last check that read its balances, and the inventory's totals per
//! exchange: the app's "≈ 12 345,67 USDT ▾" and `coffre holdings` show the same [`Summary`].
//!
//! Keys are what Coffre knows, not accounts: two keys of one account count it twice, which both
//! faces say rather than guess which keys share an account.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use coffre_vault::KeyMeta;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::views::KeySummary;

/// What the key held at its last successful check, in its exchange's quote currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HoldingsValue {
    pub quote: String,
    #[ts(type = "string")]
    pub total: Decimal,
    /// Assets held but not priced (no market, or prices unavailable), by symbol.
    pub unpriced: Vec<String>,
    pub prices_read: bool,
    pub checked_at: DateTime<Utc>,
}

/// The holdings of the key's last check that read balances. A check that could not reach the
/// exchange is stored apart (`unreachable_check`) and learnt nothing, so the previous holdings
/// stand; a refused key (`ok: false`) read no balances, so there are none to show.
pub fn of(meta: &KeyMeta) -> Option<HoldingsValue> {
    let report = crate::verdicts::known_check(meta).filter(|r| r.ok)?;
    let valuation = report.valuation.as_ref()?;
    Some(HoldingsValue {
        quote: valuation.quote.clone(),
        total: valuation.total,
        unpriced: valuation.unpriced(),
        prices_read: valuation.prices_read,
        checked_at: report.checked_at,
    })
}

/// One exchange's keys added up in one quote currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExchangeHoldings {
    pub exchange: String,
    pub exchange_name: String,
    pub quote: String,
    /// The totals of the keys whose prices were read, added exactly.
    #[ts(type = "string")]
    pub total: Decimal,
    /// Keys counted here: every key of the exchange with holdings in this quote.
    pub keys: u32,
    /// Assets some key holds that have no market against the quote, sorted.
    pub unpriced: Vec<String>,
    /// Keys whose check read balances but not the prices: nothing of theirs is in `total`.
    pub prices_unavailable: u32,
    /// The oldest check counted: the total is no fresher than this.
    pub oldest: DateTime<Utc>,
}

/// Everything held in one quote currency (USDT and USD are never added together).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QuoteTotal {
    pub quote: String,
    #[ts(type = "string")]
    pub total: Decimal,
}

/// The inventory's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "HoldingsSummary")]
pub struct Summary {
    /// Largest total first.
    pub exchanges: Vec<ExchangeHoldings>,
    /// Largest first.
    pub quotes: Vec<QuoteTotal>,
    /// Keys with no holdings: never checked, refused, or never read.
    pub not_read: u32,
}

/// The totals per exchange and quote of `keys`' holdings.
pub fn summary(keys: &[KeySummary]) -> Summary {
    let mut groups: BTreeMap<(&str, &str), (ExchangeHoldings, BTreeSet<&str>)> = BTreeMap::new();
    let mut not_read = 0;
    for key in keys {
        let Some(h) = &key.holdings else {
            not_read += 1;
            continue;
        };
        let (group, unpriced) = groups
            .entry((key.exchange.as_str(), h.quote.as_str()))
            .or_insert_with(|| {
                let head = ExchangeHoldings {
                    exchange: key.exchange.clone(),
                    exchange_name: key.exchange_name.clone(),
                    quote: h.quote.clone(),
                    total: Decimal::ZERO,
                    keys: 0,
                    unpriced: Vec::new(),
                    prices_unavailable: 0,
                    oldest: h.checked_at,
                };
                (head, BTreeSet::new())
            });
        group.keys += 1;
        group.oldest = group.oldest.min(h.checked_at);
        if h.prices_read {
            group.total += h.total;
            unpriced.extend(h.unpriced.iter().map(String::as_str));
        } else {
            group.prices_unavailable += 1;
        }
    }
    let mut exchanges: Vec<ExchangeHoldings> = groups
        .into_values()
        .map(|(mut group, unpriced)| {
            group.unpriced = unpriced.into_iter().map(str::to_owned).collect();
            group
        })
        .collect();
    exchanges.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| a.exchange_name.cmp(&b.exchange_name))
    });
    let mut quotes: Vec<QuoteTotal> = Vec::new();
    for e in &exchanges {
        match quotes.iter_mut().find(|q| q.quote == e.quote) {
            Some(q) => q.total += e.total,
            None => quotes.push(QuoteTotal {
                quote: e.quote.clone(),
                total: e.total,
            }),
        }
    }
    quotes.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.quote.cmp(&b.quote)));
    Summary {
        exchanges,
        quotes,
        not_read,
    }
}

/// "≈ 12 345.67 USDT", "≈ 12 345.67 USDT (not priced: MEME, XYZ)" or "prices unavailable": what
/// a checked key's balances are worth, for the CLI (English, like the rest of the CLI).
pub fn worth_text(valuation: &coffre_model::Valuation) -> String {
    if !valuation.prices_read {
        return "prices unavailable".to_owned();
    }
    let total = quote_text(valuation.total, &valuation.quote);
    match valuation.unpriced() {
        unpriced if unpriced.is_empty() => total,
        unpriced => format!("{total} (not priced: {})", unpriced.join(", ")),
    }
}

/// "≈ 12 345.67 USDT": an amount in a quote currency, for the CLI.
pub fn quote_text(total: Decimal, quote: &str) -> String {
    format!("≈ {} {quote}", grouped(total))
}

/// Two decimals, thousands apart by a space: `12345.678` → `12 345.68`.
fn grouped(amount: Decimal) -> String {
    let rounded =
        amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{rounded:.2}");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, cents) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut groups = Vec::new();
    let mut end = whole.len();
    while end > 3 {
        groups.push(&whole[end - 3..end]);
        end -= 3;
    }
    groups.push(&whole[..end]);
    groups.reverse();
    format!("{sign}{}.{cents}", groups.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use coffre_model::{AssetValue, Valuation};
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn valuation(total: &str, unpriced: &[&str], prices_read: bool) -> Valuation {
        let mut assets = vec![AssetValue {
            asset: "BTC".to_owned(),
            price: Some(d("65000")),
            value: Some(d(total)),
        }];
        assets.extend(unpriced.iter().map(|a| AssetValue {
            asset: (*a).to_owned(),
            price: None,
            value: None,
        }));
        Valuation {
            quote: "USDT".to_owned(),
            total: d(total),
            assets,
            prices_read,
        }
    }

    fn held(
        quote: &str,
        total: &str,
        unpriced: &[&str],
        prices_read: bool,
        day: u32,
    ) -> HoldingsValue {
        HoldingsValue {
            quote: quote.to_owned(),
            total: d(total),
            unpriced: unpriced.iter().map(|a| (*a).to_owned()).collect(),
            prices_read,
            checked_at: DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T09:00:00Z"))
                .unwrap()
                .into(),
        }
    }

    fn row(exchange: &str, name: &str, holdings: Option<HoldingsValue>) -> KeySummary {
        let when = Utc::now();
        KeySummary {
            id: format!(
                "{exchange}-{}",
                holdings.as_ref().map_or(0, |h| h.checked_at.timestamp())
            ),
            label: format!("{name} key"),
            exchange: exchange.to_owned(),
            exchange_name: name.to_owned(),
            account: None,
            platforms: Vec::new(),
            tags: Vec::new(),
            notes: String::new(),
            api_key_hint: String::new(),
            created_at: when,
            updated_at: when,
            expires_at: None,
            last_checked_at: None,
            status: crate::views::KeyStatus::NeverChecked,
            deadline: None,
            expiring_soon: false,
            verdict: None,
            verdicts: Vec::new(),
            holdings,
        }
    }

    #[test]
    fn each_exchange_adds_its_keys_in_its_quote_largest_first() {
        let keys = [
            row(
                "binance",
                "Binance",
                Some(held("USDT", "12000.10", &[], true, 21)),
            ),
            row(
                "binance",
                "Binance",
                Some(held("USDT", "345.57", &[], true, 7)),
            ),
            row("kraken", "Kraken", Some(held("USD", "800", &[], true, 21))),
            row(
                "bybit",
                "Bybit",
                Some(held("USDT", "1550.37", &["XYZ"], true, 21)),
            ),
        ];
        let s = summary(&keys);
        let order: Vec<&str> = s.exchanges.iter().map(|e| e.exchange.as_str()).collect();
        assert_eq!(order, ["binance", "bybit", "kraken"]);
        let binance = &s.exchanges[0];
        assert_eq!((binance.total, binance.keys), (d("12345.67"), 2));
        // No fresher than its oldest check.
        assert_eq!(binance.oldest, held("USDT", "0", &[], true, 7).checked_at);
        assert_eq!(s.exchanges[1].unpriced, ["XYZ"]);
        // USDT of Binance and Bybit add up; Kraken's USD stays apart.
        assert_eq!(
            s.quotes,
            [
                QuoteTotal {
                    quote: "USDT".into(),
                    total: d("13896.04")
                },
                QuoteTotal {
                    quote: "USD".into(),
                    total: d("800")
                },
            ]
        );
        assert_eq!(s.not_read, 0);
    }

    #[test]
    fn keys_never_read_and_prices_unavailable_are_counted_apart_not_added() {
        let keys = [
            row(
                "binance",
                "Binance",
                Some(held("USDT", "100", &["MEME"], true, 20)),
            ),
            // Balances read, prices not: its zero total must not look like "holds nothing".
            row(
                "binance",
                "Binance",
                Some(held("USDT", "0", &["BTC"], false, 21)),
            ),
            row("okx", "OKX", None),
            row("kraken", "Kraken", None),
        ];
        let s = summary(&keys);
        assert_eq!(s.exchanges.len(), 1);
        let binance = &s.exchanges[0];
        assert_eq!(
            (binance.total, binance.keys, binance.prices_unavailable),
            (d("100"), 2, 1)
        );
        // The unread prices' assets are not "no market".
        assert_eq!(binance.unpriced, ["MEME"]);
        assert_eq!(s.not_read, 2);
        assert_eq!(
            s.quotes,
            [QuoteTotal {
                quote: "USDT".into(),
                total: d("100")
            }]
        );
    }

    #[test]
    fn eighteen_decimals_add_exactly_and_ties_go_by_name() {
        let keys = [
            row(
                "gate",
                "Gate",
                Some(held("USDT", "0.000000000000000001", &[], true, 21)),
            ),
            row(
                "gate",
                "Gate",
                Some(held("USDT", "0.000000000000000002", &[], true, 21)),
            ),
            row(
                "bitget",
                "Bitget",
                Some(held("USDT", "0.000000000000000003", &[], true, 21)),
            ),
        ];
        let s = summary(&keys);
        assert_eq!(s.exchanges[0].exchange, "bitget");
        assert_eq!(s.exchanges[1].total, d("0.000000000000000003"));
        assert_eq!(s.quotes[0].total, d("0.000000000000000006"));
        assert_eq!(
            summary(&[]),
            Summary {
                exchanges: vec![],
                quotes: vec![],
                not_read: 0
            }
        );
    }

    #[test]
    fn the_total_reads_like_a_trader_writes_it() {
        assert_eq!(
            worth_text(&valuation("12345.675", &[], true)),
            "≈ 12 345.68 USDT"
        );
        assert_eq!(
            worth_text(&valuation("999.5", &["MEME", "XYZ"], true)),
            "≈ 999.50 USDT (not priced: MEME, XYZ)"
        );
        assert_eq!(
            worth_text(&valuation("0", &[], false)),
            "prices unavailable"
        );
        assert_eq!(grouped(d("1234567")), "1 234 567.00");
    }
}
