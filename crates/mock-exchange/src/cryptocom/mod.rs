//! Crypto.com Exchange v1 (paths under `/exchange/v1/`): `private/user-balance`, with
//! `{"id","method","code","message"}` errors. Crypto.com has no key-permission or time endpoint.

mod verify;

use axum::response::Response;
use serde_json::{json, Value};

use crate::account::MockAccount;
use crate::demo::alnum;
use crate::endpoint::{json, not_found, private, rate_limited, usd_value, Dialect, Needs};
use crate::markets::PAIRS;
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

const USER_BALANCE: &str = "private/user-balance";

fn handle(venue: &Venue, req: &Incoming) -> Response {
    let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
    let dialect = Cryptocom {
        id: body.get("id").cloned().unwrap_or(json!(-1)),
    };
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/exchange/v1/public/get-instruments") => markets(),
        ("POST", "/exchange/v1/private/user-balance") => {
            private(venue, req, &dialect, Needs::Read, |a| {
                balance(a, &dialect.id)
            })
        }
        ("GET", "/exchange/v1/public/get-tickers") => {
            crate::markets::ticker(venue, &dialect, tickers)
        }
        _ => not_found(),
    }
}

struct Cryptocom {
    id: Value,
}

impl Cryptocom {
    fn error(&self, status: u16, code: i64, message: &str) -> Response {
        json(
            status,
            json!({"id": self.id, "method": USER_BALANCE, "code": code, "message": message}),
        )
    }
}

impl Dialect for Cryptocom {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::IpNotAllowed(_) => self.error(401, 40103, "IP_ILLEGAL"),
            Refusal::RateLimited => rate_limited(
                json!({"id": self.id, "method": USER_BALANCE, "code": 42901, "message": "TOO_MANY_REQUESTS"}),
            ),
            Refusal::Unavailable => self.error(503, 50001, "SYS_ERROR"),
            Refusal::Rejected(Rejection::TimestampAhead | Rejection::TimestampExpired) => {
                self.error(400, 40102, "INVALID_NONCE")
            }
            Refusal::Rejected(Rejection::Missing(_) | Rejection::Malformed(_)) => {
                self.error(400, 40001, "BAD_REQUEST")
            }
            _ => self.error(401, 40101, "UNAUTHORIZED"),
        }
    }

    fn permission_denied(&self) -> Response {
        self.error(401, 40101, "UNAUTHORIZED")
    }
}

fn balance(a: &MockAccount, id: &Value) -> Response {
    let balances = a.balances_or_default();
    let total = crate::endpoint::usd_total(&balances).to_string();
    let positions: Vec<Value> = balances
        .iter()
        .map(|b| json!({
            "instrument_name": b.asset, "quantity": crate::endpoint::total(b).to_string(),
            "market_value": usd_value(b).to_string(), "collateral_eligible": "true", "haircut": "0",
            "collateral_amount": usd_value(b).to_string(), "max_withdrawal_balance": b.free,
            "reserved_qty": b.locked,
        }))
        .collect();
    json(
        200,
        json!({"id": id, "method": USER_BALANCE, "code": 0, "result": {"data": [{
            "total_available_balance": total, "total_margin_balance": total, "total_initial_margin": "0",
            "total_maintenance_margin": "0", "total_position_cost": "0", "total_cash_balance": total,
            "total_collateral_value": total, "total_session_unrealized_pnl": "0", "instrument_name": "USD",
            "total_session_realized_pnl": "0", "is_liquidating": false, "total_effective_leverage": "0",
            "position_limit": "3000000", "used_position_limit": "0", "position_balances": positions,
        }]}}),
    )
}

/// Crypto.com Exchange `GET /exchange/v1/public/get-instruments`.
fn markets() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            json!({
                "symbol": format!("{base}_{quote}"), "inst_type": "CCY_PAIR",
                "display_name": format!("{base}/{quote}"), "base_ccy": base, "quote_ccy": quote,
                "quote_decimals": 2, "quantity_decimals": 5,
                "price_tick_size": tick, "qty_tick_size": step, "max_leverage": "50",
                "tradable": true, "expiry_timestamp_ms": 0, "beta_product": false,
                "margin_buy_enabled": true, "margin_sell_enabled": true,
            })
        })
        .collect();
    json(
        200,
        json!({"id": 1, "method": "public/get-instruments", "code": 0, "result": {"data": data}}),
    )
}

/// Crypto.com `GET /exchange/v1/public/get-tickers`.
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let t = chrono::Utc::now().timestamp_millis();
    let data: Vec<Value> = rows
        .iter()
        .map(|(base, quote, last)| {
            json!({"i": format!("{base}_{quote}"), "h": last, "l": last, "a": last,
                "v": "10", "vv": "1000", "c": "0", "b": last, "k": last, "t": t})
        })
        .collect();
    json(
        200,
        json!({"id": -1, "method": "public/get-tickers", "code": 0, "result": {"data": data}}),
    )
}

/// A demo key with credentials in Crypto.com's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    crate::demo::account(
        "cryptocom",
        label,
        alnum(&format!("{seed}-key"), 22),
        alnum(&format!("{seed}-secret"), 22),
        None,
    )
}

/// The demo set's healthy Crypto.com key.
fn demo() -> MockAccount {
    let mut a = demo_key("cryptocom-main", "Crypto.com Exchange");
    a.balances = crate::demo::balances("0.1500", "2.4000", "3200.00");
    a
}

/// Crypto.com's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "cryptocom",
    needs_passphrase: false,
    https: false,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
