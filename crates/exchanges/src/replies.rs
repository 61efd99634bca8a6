//! The clients' readers of exchange bodies, by exchange id, for tests that feed them replies the
//! exchanges really sent (`tests/real_replies.rs`). Not an API: hidden from the docs.

use crate::transport::Reply;
use coffre_model::{Balance, Credentials, DiagnosisKind, Permissions};

fn venue(exchange: &str) -> &'static dyn crate::venue::Venue {
    crate::registry::venues()
        .iter()
        .copied()
        .find(|v| v.id() == exchange)
        .unwrap_or_else(|| panic!("no client for {exchange}"))
}

/// What the client reads from a successful balance reply.
pub fn balances(exchange: &str, body: &str) -> Result<Vec<Balance>, String> {
    venue(exchange)
        .parse_balances(body)
        .map_err(|e| e.to_string())
}

/// What the client reads from a successful permission reply.
pub fn permissions(exchange: &str, body: &str, creds: &Credentials) -> Result<Permissions, String> {
    venue(exchange)
        .parse_permissions(body, creds)
        .map_err(|e| e.to_string())
}

/// How the client classifies a reply: `None` for a success, else the kind and the exchange's code.
pub fn refusal(exchange: &str, status: u16, body: &str) -> Option<(DiagnosisKind, Option<String>)> {
    let reply = Reply {
        status,
        body: body.to_owned(),
        retry_after_s: None,
        date_offset_ms: None,
    };
    venue(exchange)
        .refusal(&reply)
        .map(|refusal| (refusal.kind, refusal.code))
}

/// What the client reads from a successful all-tickers reply: the last price of each base asset
/// quoted in `quote`.
pub fn prices(
    exchange: &str,
    body: &str,
    quote: &str,
) -> Result<std::collections::BTreeMap<String, rust_decimal::Decimal>, String> {
    venue(exchange)
        .parse_prices(body, quote)
        .map(|prices| prices.into_iter().collect())
        .map_err(|e| e.to_string())
}

/// `balances` valued in `quote` at the prices the client reads from the ticker reply `body`.
pub fn valuation(
    exchange: &str,
    balances: &[Balance],
    quote: &str,
    body: &str,
) -> Result<coffre_model::Valuation, String> {
    let prices = venue(exchange)
        .parse_prices(body, quote)
        .map_err(|e| e.to_string())?;
    Ok(crate::prices::value(balances, quote, Some(&prices)))
}
