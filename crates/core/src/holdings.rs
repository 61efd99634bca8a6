//! What a key held at its last check that read its balances, for the inventory's totals per
//! exchange and the CLI's "≈ 12 345.67 USDT" line.

use chrono::{DateTime, Utc};
use coffre_vault::KeyMeta;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

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

/// "≈ 12 345.67 USDT", "≈ 12 345.67 USDT (not priced: MEME, XYZ)" or "prices unavailable": what
/// a checked key's balances are worth, for the CLI (English, like the rest of the CLI).
pub fn worth_text(valuation: &coffre_model::Valuation) -> String {
    if !valuation.prices_read {
        return "prices unavailable".to_owned();
    }
    let total = format!("≈ {} {}", grouped(valuation.total), valuation.quote);
    match valuation.unpriced() {
        unpriced if unpriced.is_empty() => total,
        unpriced => format!("{total} (not priced: {})", unpriced.join(", ")),
    }
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
