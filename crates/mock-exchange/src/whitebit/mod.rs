//! WhiteBIT V4: `/api/v4/public/time` and the POST balance endpoints, with
//! `{"code":N,"message":...}` errors. WhiteBIT has no key-permission endpoint.

mod verify;

use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::account::MockAccount;
use crate::demo::hex_lower;
use crate::endpoint::{json, not_found, private, rate_limited, Dialect, Needs};
use crate::markets::PAIRS;
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/api/v4/public/markets") => markets(),
        ("GET", "/api/v4/public/time") => json(200, json!({"time": venue.now_ms() / 1000})),
        ("POST", "/api/v4/trade-account/balance") => {
            let ticker = serde_json::from_slice::<Value>(&req.body)
                .ok()
                .and_then(|b| b.get("ticker").and_then(Value::as_str).map(str::to_owned));
            private(venue, req, &Whitebit, Needs::Read, |a| {
                trade_balance(a, ticker.as_deref())
            })
        }
        ("POST", "/api/v4/main-account/balance") => {
            private(venue, req, &Whitebit, Needs::Read, main_balance)
        }
        ("GET", "/api/v4/public/ticker") => crate::markets::ticker(venue, &Whitebit, tickers),
        _ => not_found(),
    }
}

fn error(status: u16, code: i64, message: &str) -> Response {
    json(
        status,
        json!({"code": code, "message": message, "errors": {}}),
    )
}

struct Whitebit;

impl Dialect for Whitebit {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::MissingKey | Refusal::UnknownKey => error(401, 10, "Unauthorized request."),
            Refusal::IpNotAllowed(_) | Refusal::Expired => error(
                401,
                2,
                "This action is unauthorized. Enable your key in API settings",
            ),
            Refusal::RateLimited => {
                rate_limited(json!({"code": 0, "message": "Too many requests."}))
            }
            Refusal::Unavailable => error(503, 0, "Service temporarily unavailable."),
            Refusal::Rejected(r) => match r {
                Rejection::PayloadMismatch => error(400, 9, "Invalid payload"),
                Rejection::NonceNotIncreasing => error(400, 0, "Too many requests."),
                Rejection::TimestampAhead | Rejection::TimestampExpired => error(
                    400,
                    0,
                    "Your nonce is more than 5 seconds lesser than the current nonce",
                ),
                Rejection::Missing("nonce") => error(400, 0, "Nonce not provided."),
                Rejection::Missing("request") | Rejection::Malformed("request") => {
                    error(400, 0, "Request not provided.")
                }
                Rejection::Malformed("nonceWindow") => error(400, 0, "Invalid nonceWindow."),
                _ => error(401, 10, "Unauthorized request."),
            },
        }
    }

    fn permission_denied(&self) -> Response {
        error(403, 0, "You don't have permission to use this endpoint.")
    }
}

fn trade_balance(a: &MockAccount, ticker: Option<&str>) -> Response {
    let balances = a.balances_or_default();
    if let Some(t) = ticker {
        return match balances.iter().find(|b| b.asset == t) {
            Some(b) => json(200, json!({"available": b.free, "freeze": b.locked})),
            None => json(200, json!({"available": "0", "freeze": "0"})),
        };
    }
    let map: Map<String, Value> = balances
        .iter()
        .map(|b| {
            (
                b.asset.clone(),
                json!({"available": b.free, "freeze": b.locked}),
            )
        })
        .collect();
    json(200, Value::Object(map))
}

fn main_balance(a: &MockAccount) -> Response {
    let map: Map<String, Value> = a
        .balances_or_default()
        .iter()
        .map(|b| (b.asset.clone(), json!({"main_balance": "0"})))
        .collect();
    json(200, Value::Object(map))
}

/// WhiteBIT `GET /api/v4/public/markets` (`stock` is the base asset, `money` the quote).
fn markets() -> Response {
    let markets: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, step)| {
            json!({
                "name": format!("{base}_{quote}"), "stock": base, "money": quote,
                "stockPrec": "5", "moneyPrec": "2", "feePrec": "4",
                "makerFee": "0.1", "takerFee": "0.1", "minAmount": step, "minTotal": "5",
                "maxTotal": "10000000000", "tradesEnabled": true, "isCollateral": true, "type": "spot",
            })
        })
        .collect();
    json(200, Value::Array(markets))
}

/// WhiteBIT `GET /api/v4/public/ticker` (a map keyed by market).
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let mut markets = serde_json::Map::new();
    for (n, (base, quote, last)) in rows.into_iter().enumerate() {
        markets.insert(
            format!("{base}_{quote}"),
            json!({"base_id": n + 1, "quote_id": 825, "last_price": last,
                "quote_volume": "1000", "base_volume": "10", "isFrozen": false, "change": "0"}),
        );
    }
    json(200, Value::Object(markets))
}

/// A demo key with credentials in WhiteBIT's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    crate::demo::account(
        "whitebit",
        label,
        hex_lower(&format!("{seed}-key"), 32),
        hex_lower(&format!("{seed}-secret"), 32),
        None,
    )
}

/// The demo set's healthy WhiteBIT key.
fn demo() -> MockAccount {
    let mut a = demo_key("whitebit-main", "WhiteBIT trading");
    a.balances = crate::demo::balances("0.0520", "0.8000", "980.40");
    a
}

/// WhiteBIT's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "whitebit",
    needs_passphrase: false,
    https: false,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
