//! KuCoin: `/api/v1/timestamp`, `/api/v1/accounts`, `/api/v1/user/api-key`, with
//! `{"code":"4000xx","msg":...}` gateway errors.

mod verify;

use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use crate::account::MockAccount;
use crate::demo::{hex_lower, uuid};
use crate::endpoint::{json, not_found, private, rate_limited, Dialect, Needs};
use crate::markets::PAIRS;
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/api/v2/symbols") => markets(),
        ("GET", "/api/v3/margin/symbols") => {
            private(venue, req, &Kucoin, Needs::Nothing, |_| margin_markets())
        }
        ("GET", "/api/v1/isolated/symbols") => {
            private(venue, req, &Kucoin, Needs::Nothing, |_| isolated_markets())
        }
        ("GET", "/api/v1/timestamp") => {
            json(200, json!({"code": "200000", "data": venue.now_ms()}))
        }
        ("GET", "/api/v1/accounts") => private(venue, req, &Kucoin, Needs::Read, accounts),
        ("GET", "/api/v1/user/api-key") => private(venue, req, &Kucoin, Needs::Nothing, api_key),
        ("GET", "/api/v1/market/allTickers") => crate::markets::ticker(venue, &Kucoin, tickers),
        _ => not_found(),
    }
}

fn error(status: u16, code: &str, msg: &str) -> Response {
    json(status, json!({"code": code, "msg": msg}))
}

struct Kucoin;

impl Dialect for Kucoin {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::MissingKey => error(401, "400001", "Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE"),
            Refusal::UnknownKey | Refusal::Expired => error(401, "400003", "KC-API-KEY not exists"),
            Refusal::IpNotAllowed(ip) => error(401, "400006", &format!("Invalid request ip, the current clientIp is:{ip}")),
            Refusal::RateLimited => rate_limited(json!({"code": "429000", "msg": "Too Many Requests"})),
            Refusal::Unavailable => error(503, "503000", "Service unavailable"),
            Refusal::Rejected(r) => match r {
                Rejection::Missing(_) => error(401, "400001", "Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE"),
                Rejection::TimestampAhead | Rejection::TimestampExpired | Rejection::Malformed("timestamp") => {
                    error(401, "400002", "KC-API-TIMESTAMP Invalid -- Time differs from server time by more than 5 seconds")
                }
                Rejection::BadPassphrase => error(401, "400004", "Invalid KC-API-PASSPHRASE"),
                Rejection::Malformed("key version") => error(401, "400008", "Invalid KC-API-KEY-VERSION"),
                _ => error(401, "400005", "Invalid KC-API-SIGN"),
            },
        }
    }

    fn permission_denied(&self) -> Response {
        error(403, "400007", "Access Denied, requires more permission")
    }
}

fn accounts(a: &MockAccount) -> Response {
    let data: Vec<Value> = a
        .balances_or_default()
        .iter()
        .map(|b| {
            json!({"id": crate::endpoint::stable_uuid(a, &b.asset).replace('-', "")[..24].to_owned(), "currency": b.asset, "type": "trade",
                   "balance": crate::endpoint::total(b).to_string(), "available": b.free, "holds": b.locked})
        })
        .collect();
    json(200, json!({"code": "200000", "data": data}))
}

fn api_key(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    let mut permission = vec!["General"];
    if p.spot_trade {
        permission.push("Spot");
    }
    if p.margin {
        permission.push("Margin");
    }
    if p.futures {
        permission.push("Futures");
    }
    if p.internal_transfer {
        permission.push("InnerTransfer");
    }
    if p.withdraw {
        permission.push("Transfer");
    }
    let ips: Vec<String> = a
        .allowed_ips_or_default()
        .iter()
        .map(|ip| mask_ip(ip))
        .collect();
    json(
        200,
        json!({"code": "200000", "data": {
            "remark": a.label.clone().unwrap_or_default(), "apiKey": a.api_key, "apiVersion": 3,
            "permission": permission.join(","), "ipWhitelist": ips.join(","),
            "createdAt": crate::endpoint::created_at().timestamp_millis(), "uid": crate::endpoint::stable_id(a, 9),
            "isMaster": true,
        }}),
    )
}

/// KuCoin shows whitelisted IPs with the middle octets hidden, e.g. `203.**.154`.
fn mask_ip(ip: &str) -> String {
    let parts: Vec<&str> = ip.split('.').collect();
    match parts[..] {
        [first, _, _, last] => format!("{first}.**.{last}"),
        _ => ip.to_owned(),
    }
}

/// KuCoin `GET /api/v2/symbols`.
fn markets() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            let symbol = format!("{base}-{quote}");
            json!({
                "symbol": symbol, "name": symbol, "baseCurrency": base, "quoteCurrency": quote,
                "feeCurrency": quote, "market": "USDS", "baseMinSize": step, "quoteMinSize": "0.1",
                "baseMaxSize": "10000000000", "quoteMaxSize": "99999999", "baseIncrement": step,
                "quoteIncrement": "0.000001", "priceIncrement": tick, "priceLimitRate": "0.1",
                "minFunds": "0.1", "isMarginEnabled": true, "enableTrading": true, "feeCategory": 1,
                "makerFeeCoefficient": "1.00", "takerFeeCoefficient": "1.00", "st": false,
            })
        })
        .collect();
    json(200, json!({"code": "200000", "data": data}))
}

/// KuCoin `GET /api/v3/margin/symbols` (signed: ccxt asks for it whenever it holds a key).
fn margin_markets() -> Response {
    let items: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            let symbol = format!("{base}-{quote}");
            json!({
                "symbol": symbol, "name": symbol, "enableTrading": true, "market": "USDS",
                "baseCurrency": base, "quoteCurrency": quote, "baseIncrement": step,
                "baseMinSize": step, "quoteIncrement": "0.000001", "quoteMinSize": "0.1",
                "baseMaxSize": "10000000000", "quoteMaxSize": "99999999", "priceIncrement": tick,
                "feeCurrency": quote, "priceLimitRate": "0.1", "minFunds": "0.1",
            })
        })
        .collect();
    json(
        200,
        json!({"code": "200000", "data": {"timestamp": Utc::now().timestamp_millis(), "items": items}}),
    )
}

/// KuCoin `GET /api/v1/isolated/symbols` (signed, asked for alongside the margin symbols).
fn isolated_markets() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, _)| {
            let symbol = format!("{base}-{quote}");
            json!({
                "symbol": symbol, "symbolName": symbol, "baseCurrency": base, "quoteCurrency": quote,
                "maxLeverage": 10, "flDebtRatio": "0.97", "tradeEnable": true,
                "autoRenewMaxDebtRatio": "0.96", "baseBorrowEnable": true, "quoteBorrowEnable": true,
                "baseTransferInEnable": true, "quoteTransferInEnable": true,
                "baseBorrowCoefficient": "1", "quoteBorrowCoefficient": "1",
            })
        })
        .collect();
    json(200, json!({"code": "200000", "data": data}))
}

/// KuCoin `GET /api/v1/market/allTickers`.
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let ticker: Vec<Value> = rows
        .iter()
        .map(|(base, quote, last)| {
            let symbol = format!("{base}-{quote}");
            json!({"symbol": symbol, "symbolName": symbol, "buy": last, "sell": last,
                "bestBidSize": "1", "bestAskSize": "1", "changeRate": "0", "changePrice": "0",
                "high": last, "low": last, "vol": "10", "volValue": "1000", "last": last,
                "averagePrice": last, "takerFeeRate": "0.001", "makerFeeRate": "0.001",
                "takerCoefficient": "1", "makerCoefficient": "1"})
        })
        .collect();
    let time = Utc::now().timestamp_millis();
    json(
        200,
        json!({"code": "200000", "data": {"time": time, "ticker": ticker}}),
    )
}

/// A demo key with credentials in KuCoin's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    crate::demo::account(
        "kucoin",
        label,
        hex_lower(&format!("{seed}-key"), 24),
        uuid(&format!("{seed}-secret")),
        Some("coffre-demo-pass"),
    )
}

/// The demo set's healthy KuCoin key.
fn demo() -> MockAccount {
    let mut a = demo_key("kucoin-main", "KuCoin spot");
    a.balances = crate::demo::balances("0.0450", "0.9000", "650.00");
    a
}

/// KuCoin's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "kucoin",
    needs_passphrase: true,
    https: false,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
