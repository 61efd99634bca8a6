//! Gate API v4 (paths include `/api/v4`): `/spot/time`, `/spot/accounts`, `/account/main_keys`,
//! `/account/detail`, with `{"label":...,"message":...}` errors.

mod verify;

use axum::response::Response;
use serde_json::{json, Value};

use crate::account::MockAccount;
use crate::demo::hex_lower;
use crate::endpoint::{json, not_found, private, rate_limited, Dialect, Needs};
use crate::markets::{LISTED_AT_S, PAIRS};
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/api/v4/spot/currency_pairs") => spot_markets(),
        ("GET", "/api/v4/margin/currency_pairs") => margin_markets(),
        ("GET", "/api/v4/spot/time") => json(200, json!({"server_time": venue.now_ms()})),
        ("GET", "/api/v4/spot/accounts") => private(venue, req, &Gate, Needs::Read, accounts),
        ("GET", "/api/v4/account/main_keys") => {
            private(venue, req, &Gate, Needs::Nothing, main_keys)
        }
        ("GET", "/api/v4/account/detail") => private(venue, req, &Gate, Needs::Nothing, detail),
        ("GET", "/api/v4/spot/tickers") => crate::markets::ticker(venue, &Gate, tickers),
        _ => not_found(),
    }
}

fn error(status: u16, label: &str, message: &str) -> Response {
    json(status, json!({"label": label, "message": message}))
}

struct Gate;

impl Dialect for Gate {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::MissingKey => error(
                401,
                "MISSING_REQUIRED_HEADER",
                "Missing required header: KEY",
            ),
            Refusal::UnknownKey | Refusal::Expired => {
                error(401, "INVALID_KEY", "Invalid key provided")
            }
            Refusal::IpNotAllowed(ip) => error(
                403,
                "IP_FORBIDDEN",
                &format!("Request IP {ip} not in whitelist"),
            ),
            Refusal::RateLimited => rate_limited(
                json!({"label": "TOO_MANY_REQUESTS", "message": "Request Rate limit Exceeded"}),
            ),
            Refusal::Unavailable => error(503, "SERVER_ERROR", "Internal server error"),
            Refusal::Rejected(r) => match r {
                Rejection::Missing(name) => error(
                    401,
                    "MISSING_REQUIRED_HEADER",
                    &format!("Missing required header: {name}"),
                ),
                Rejection::TimestampAhead
                | Rejection::TimestampExpired
                | Rejection::Malformed(_) => error(
                    401,
                    "REQUEST_EXPIRED",
                    "Request Timestamp Far From Current Time",
                ),
                _ => error(401, "INVALID_SIGNATURE", "Signature mismatch"),
            },
        }
    }

    fn permission_denied(&self) -> Response {
        error(
            403,
            "FORBIDDEN",
            "Request API key does not have spot permission",
        )
    }
}

fn accounts(a: &MockAccount) -> Response {
    let data: Vec<Value> = a
        .balances_or_default()
        .iter()
        .map(|b| json!({"currency": b.asset, "available": b.free, "locked": b.locked, "update_id": 1}))
        .collect();
    json(200, Value::Array(data))
}

fn main_keys(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    let mut perms = vec![
        json!({"name": "spot", "read_only": !p.spot_trade}),
        json!({"name": "account", "read_only": true}),
    ];
    if p.futures {
        perms.push(json!({"name": "futures", "read_only": false}));
    }
    if p.margin {
        perms.push(json!({"name": "margin", "read_only": false}));
    }
    if p.withdraw || p.internal_transfer {
        perms.push(json!({"name": "wallet", "read_only": !p.withdraw}));
    }
    let created = crate::endpoint::created_at().timestamp();
    json(
        200,
        json!([{
            "state": 1, "mode": 1, "name": a.label.clone().unwrap_or_default(), "user_id": crate::endpoint::stable_id(a, 8),
            "perms": perms, "ip_whitelist": a.allowed_ips_or_default(), "currency_pairs": [],
            "key": crate::endpoint::masked_prefix(&a.api_key, 12), "created_at": created, "update_at": created,
            "last_access": chrono::Utc::now().timestamp(),
        }]),
    )
}

fn detail(a: &MockAccount) -> Response {
    json(
        200,
        json!({"user_id": crate::endpoint::stable_id(a, 8), "ip_whitelist": a.allowed_ips_or_default(),
                     "currency_pairs": [], "key": {"mode": 1}, "tier": 0, "copy_trading_role": 0}),
    )
}

/// Gate `GET /api/v4/spot/currency_pairs`.
fn spot_markets() -> Response {
    let pairs: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, _)| {
            let id = format!("{base}_{quote}");
            json!({
                "id": id, "base": base, "base_name": base, "quote": quote, "quote_name": quote,
                "fee": "0.2", "min_base_amount": "0.00001", "min_quote_amount": "3",
                "max_base_amount": "", "max_quote_amount": "5000000",
                "amount_precision": 6, "precision": 2, "trade_status": "tradable",
                "sell_start": LISTED_AT_S, "buy_start": LISTED_AT_S, "delisting_time": 0,
                "type": "normal", "trade_url": format!("https://www.gate.io/trade/{id}"), "st_tag": false,
            })
        })
        .collect();
    json(200, Value::Array(pairs))
}

/// Gate `GET /api/v4/margin/currency_pairs`.
fn margin_markets() -> Response {
    let pairs: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, _)| {
            json!({
                "id": format!("{base}_{quote}"), "base": base, "quote": quote, "leverage": 10,
                "min_base_amount": "0.0001", "min_quote_amount": "1", "max_quote_amount": "1000000",
                "status": 1,
            })
        })
        .collect();
    json(200, Value::Array(pairs))
}

/// Gate `GET /api/v4/spot/tickers`.
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let list: Vec<Value> = rows
        .iter()
        .map(|(base, quote, last)| {
            json!({"currency_pair": format!("{base}_{quote}"), "last": last,
                "lowest_ask": last, "lowest_size": "1", "highest_bid": last, "highest_size": "1",
                "change_percentage": "0", "base_volume": "10", "quote_volume": "1000",
                "high_24h": last, "low_24h": last})
        })
        .collect();
    json(200, Value::Array(list))
}

/// A demo key with credentials in Gate's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    crate::demo::account(
        "gate",
        label,
        hex_lower(&format!("{seed}-key"), 32),
        hex_lower(&format!("{seed}-secret"), 64),
        None,
    )
}

/// The demo set's healthy Gate key.
fn demo() -> MockAccount {
    let mut a = demo_key("gate-main", "Gate spot");
    a.balances = crate::demo::balances("0.0300", "0.6000", "420.00");
    a
}

/// Gate's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "gate",
    needs_passphrase: false,
    https: false,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
