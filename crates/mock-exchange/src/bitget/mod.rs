//! Bitget v2: `/api/v2/public/time`, `/api/v2/spot/account/assets`, `/api/v2/spot/account/info`,
//! with `{"code":"400xx","msg":...,"requestTime":..,"data":null}` errors on HTTP 400.

mod verify;

use axum::response::Response;
use chrono::Utc;
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
        ("GET", "/api/v2/spot/public/symbols") => markets(),
        ("GET", "/api/v2/margin/currencies") => margin_markets(),
        ("GET", "/api/v2/public/time") => ok(json!({"serverTime": venue.now_ms().to_string()})),
        ("GET", "/api/v2/spot/account/assets") => private(venue, req, &Bitget, Needs::Read, assets),
        ("GET", "/api/v2/spot/account/info") => private(venue, req, &Bitget, Needs::Nothing, info),
        ("GET", "/api/v2/spot/market/tickers") => crate::markets::ticker(venue, &Bitget, tickers),
        _ => not_found(),
    }
}

fn body(code: &str, msg: &str, data: Value) -> Value {
    json!({"code": code, "msg": msg, "requestTime": Utc::now().timestamp_millis(), "data": data})
}

fn ok(data: Value) -> Response {
    json(200, body("00000", "success", data))
}

fn error(status: u16, code: &str, msg: &str) -> Response {
    json(status, body(code, msg, Value::Null))
}

struct Bitget;

impl Dialect for Bitget {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::MissingKey => error(400, "40001", "ACCESS_KEY cannot be empty"),
            Refusal::UnknownKey => error(400, "40006", "Invalid ACCESS_KEY"),
            Refusal::Expired => error(400, "40037", "Apikey does not exist"),
            Refusal::IpNotAllowed(ip) => {
                error(400, "40018", &format!("Invalid IP, current IP: {ip}"))
            }
            Refusal::RateLimited => rate_limited(body("429", "Too Many Requests", Value::Null)),
            Refusal::Unavailable => {
                error(503, "40010", "Service unavailable, please try again later")
            }
            Refusal::Rejected(r) => match r {
                Rejection::Missing("access-sign") => {
                    error(400, "40003", "ACCESS_SIGN cannot be empty")
                }
                Rejection::Missing("access-passphrase") => {
                    error(400, "40011", "ACCESS_PASSPHRASE cannot be empty")
                }
                Rejection::Missing(_) => error(400, "40002", "ACCESS_TIMESTAMP cannot be empty"),
                Rejection::Malformed("timestamp") => {
                    error(400, "40005", "Invalid ACCESS_TIMESTAMP")
                }
                Rejection::TimestampAhead | Rejection::TimestampExpired => {
                    error(400, "40008", "Request timestamp expired")
                }
                Rejection::BadPassphrase => error(400, "40012", "apikey/password is incorrect"),
                _ => error(400, "40009", "sign signature error"),
            },
        }
    }

    fn permission_denied(&self) -> Response {
        error(400, "40014", "Incorrect permissions")
    }
}

fn assets(a: &MockAccount) -> Response {
    let now = Utc::now().timestamp_millis().to_string();
    let data: Vec<Value> = a
        .balances_or_default()
        .iter()
        .map(|b| {
            json!({"coin": b.asset, "available": b.free, "frozen": b.locked, "locked": "0",
                        "limitAvailable": "0", "uTime": now})
        })
        .collect();
    ok(Value::Array(data))
}

fn info(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    let mut authorities = vec!["stor", "wtor"];
    if p.spot_trade {
        authorities.push("stow");
    }
    if p.margin {
        authorities.extend(["smor", "smow"]);
    }
    if p.futures {
        authorities.extend(["coor", "cpor", "coow", "cpow"]);
    }
    if p.internal_transfer {
        authorities.push("wtow");
    }
    if p.withdraw {
        authorities.push("wwow");
    }
    ok(json!({
        "userId": crate::endpoint::stable_id(a, 10).to_string(), "inviterId": "0",
        "ips": a.allowed_ips_or_default().join(","), "authorities": authorities, "parentId": 0,
        "traderType": "normal", "channelCode": "", "channel": "",
        "regisTime": crate::endpoint::created_at().timestamp_millis().to_string(),
    }))
}

/// Bitget `GET /api/v2/spot/public/symbols`.
fn markets() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, _)| {
            json!({
                "symbol": format!("{base}{quote}"), "baseCoin": base, "quoteCoin": quote,
                "minTradeAmount": "0", "maxTradeAmount": "10000000000",
                "takerFeeRate": "0.001", "makerFeeRate": "0.001",
                "pricePrecision": "2", "quantityPrecision": "5", "quotePrecision": "8",
                "status": "online", "minTradeUSDT": "1",
                "buyLimitPriceRatio": "0.05", "sellLimitPriceRatio": "0.05",
                "areaSymbol": "no", "orderQuantity": "200",
                "openTime": (LISTED_AT_S * 1000).to_string(), "offTime": "",
            })
        })
        .collect();
    json(
        200,
        json!({"code": "00000", "msg": "success", "requestTime": Utc::now().timestamp_millis(), "data": data}),
    )
}

/// Bitget `GET /api/v2/margin/currencies` (ccxt reads it with the spot symbols).
fn margin_markets() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, step)| {
            json!({
                "symbol": format!("{base}{quote}"), "baseCoin": base, "quoteCoin": quote,
                "maxCrossedLeverage": "3", "maxIsolatedLeverage": "10",
                "warningRiskRatio": "0.8", "liquidationRiskRatio": "1",
                "minTradeAmount": step, "maxTradeAmount": "100",
                "takerFeeRate": "0.001", "makerFeeRate": "0.001",
                "priceScale": "2", "quantityScale": "5", "minTradeUSDT": "5",
                "isBorrowable": true, "userMinBorrow": step, "status": "1",
                "isIsolatedBaseBorrowable": true, "isIsolatedQuoteBorrowable": true,
                "isCrossBorrowable": true,
            })
        })
        .collect();
    json(
        200,
        json!({"code": "00000", "msg": "success", "requestTime": Utc::now().timestamp_millis(), "data": data}),
    )
}

/// Bitget `GET /api/v2/spot/market/tickers`.
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let ts = Utc::now().timestamp_millis().to_string();
    let data: Vec<Value> = rows
        .iter()
        .map(|(base, quote, last)| {
            json!({"symbol": format!("{base}{quote}"), "high24h": last, "open": last,
                "lastPr": last, "low24h": last, "quoteVolume": "1000", "baseVolume": "10",
                "usdtVolume": "1000", "bidPr": last, "askPr": last, "bidSz": "1", "askSz": "1",
                "openUtc": last, "ts": ts, "changeUtc24h": "0", "change24h": "0"})
        })
        .collect();
    ok(Value::Array(data))
}

/// A demo key with credentials in Bitget's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    let key = format!("bg_{}", hex_lower(&format!("{seed}-key"), 32));
    crate::demo::account(
        "bitget",
        label,
        key,
        hex_lower(&format!("{seed}-secret"), 64),
        Some("CoffreDemo2026"),
    )
}

/// The demo set's healthy Bitget key.
fn demo() -> MockAccount {
    let mut a = demo_key("bitget-main", "Bitget spot");
    a.balances = crate::demo::balances("0.0800", "1.1000", "900.00");
    a
}

/// Bitget's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "bitget",
    needs_passphrase: true,
    https: false,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
