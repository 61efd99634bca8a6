//! Binance spot: `/api/v3/time`, `/api/v3/account`, `/sapi/v1/account/apiRestrictions`, with the
//! `{"code":-NNNN,"msg":...}` error bodies.

mod verify;

use axum::response::Response;
use chrono::{Duration, Utc};
use serde_json::{json, Value};

use crate::account::MockAccount;
use crate::demo::alnum;
use crate::endpoint::{json, not_found, private, rate_limited, Dialect, Needs};
use crate::markets::PAIRS;
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

/// Keys without an IP restriction lose their trading permission 30 days after activation.
const UNRESTRICTED_TRADING_DAYS: i64 = 30;

fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/api/v3/ping") => json(200, json!({})),
        ("GET", "/api/v3/exchangeInfo") => markets(),
        ("GET", "/api/v3/time") => json(200, json!({"serverTime": venue.now_ms()})),
        ("GET", "/api/v3/account") => private(venue, req, &Binance, Needs::Read, account),
        ("GET", "/sapi/v1/account/apiRestrictions") => {
            private(venue, req, &Binance, Needs::Nothing, restrictions)
        }
        ("GET", "/api/v3/ticker/price") => crate::markets::ticker(venue, &Binance, tickers),
        _ => not_found(),
    }
}

fn error(status: u16, code: i64, msg: &str) -> Response {
    json(status, json!({"code": code, "msg": msg}))
}

struct Binance;

impl Dialect for Binance {
    fn refuse(&self, refusal: Refusal) -> Response {
        const REJECTED: &str = "Invalid API-key, IP, or permissions for action.";
        match refusal {
            Refusal::MissingKey => error(401, -2014, "API-key format invalid."),
            Refusal::UnknownKey | Refusal::IpNotAllowed(_) | Refusal::Expired => {
                error(401, -2015, REJECTED)
            }
            Refusal::RateLimited => rate_limited(json!({"code": -1003,
                "msg": "Too many requests; current limit is 6000 request weight per 1 MINUTE. Please use the websocket for live updates to avoid polling the API."})),
            Refusal::Unavailable => error(
                503,
                -1008,
                "Server is currently overloaded with other requests. Please try again in a few minutes.",
            ),
            Refusal::Rejected(r) => match r {
                Rejection::BadSignature => {
                    error(400, -1022, "Signature for this request is not valid.")
                }
                Rejection::TimestampAhead => error(
                    400,
                    -1021,
                    "Timestamp for this request was 1000ms ahead of the server's time.",
                ),
                Rejection::TimestampExpired => error(
                    400,
                    -1021,
                    "Timestamp for this request is outside of the recvWindow.",
                ),
                Rejection::Missing(name) => error(
                    400,
                    -1102,
                    &format!("Mandatory parameter '{name}' was not sent, was empty/null, or malformed."),
                ),
                Rejection::Malformed("recvWindow") => {
                    error(400, -1131, "recvWindow must be less than 60000")
                }
                Rejection::KeyMismatch => error(401, -2015, REJECTED),
                _ => error(400, -1100, "Illegal characters found in a parameter."),
            },
        }
    }

    fn permission_denied(&self) -> Response {
        error(
            401,
            -2015,
            "Invalid API-key, IP, or permissions for action.",
        )
    }
}

fn account(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    let balances: Vec<Value> = a
        .balances_or_default()
        .iter()
        .map(|b| json!({"asset": b.asset, "free": b.free, "locked": b.locked}))
        .collect();
    json(
        200,
        json!({
            "makerCommission": 10, "takerCommission": 10, "buyerCommission": 0, "sellerCommission": 0,
            "commissionRates": {"maker": "0.00100000", "taker": "0.00100000", "buyer": "0.00000000", "seller": "0.00000000"},
            "canTrade": p.spot_trade, "canWithdraw": true, "canDeposit": true,
            "brokered": false, "requireSelfTradePrevention": false, "preventSor": false,
            "updateTime": Utc::now().timestamp_millis(),
            "accountType": "SPOT",
            "balances": balances,
            "permissions": ["SPOT"],
            "uid": crate::endpoint::stable_id(a, 9),
        }),
    )
}

fn restrictions(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    let mut body = json!({
        "ipRestrict": a.is_ip_restricted(),
        "createTime": crate::endpoint::created_at().timestamp_millis(),
        "enableReading": p.read,
        "enableSpotAndMarginTrading": p.spot_trade,
        "enableWithdrawals": p.withdraw,
        "enableInternalTransfer": p.internal_transfer,
        "permitsUniversalTransfer": p.internal_transfer,
        "enableMargin": p.margin,
        "enableFutures": p.futures,
        "enableVanillaOptions": false,
        "enablePortfolioMarginTrading": false,
        "enableFixApiTrade": false,
        "enableFixReadOnly": false,
    });
    if !a.is_ip_restricted() && p.spot_trade {
        let expiry = a
            .expires_at
            .unwrap_or_else(|| Utc::now() + Duration::days(UNRESTRICTED_TRADING_DAYS));
        body["tradingAuthorityExpirationTime"] = json!(expiry.timestamp_millis());
    }
    json(200, body)
}

/// Binance `GET /api/v3/exchangeInfo`.
fn markets() -> Response {
    let symbols: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            json!({
                "symbol": format!("{base}{quote}"), "status": "TRADING",
                "baseAsset": base, "baseAssetPrecision": 8, "quoteAsset": quote,
                "quotePrecision": 8, "quoteAssetPrecision": 8,
                "baseCommissionPrecision": 8, "quoteCommissionPrecision": 8,
                "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"],
                "icebergAllowed": true, "ocoAllowed": true, "otoAllowed": true,
                "quoteOrderQtyMarketAllowed": true, "allowTrailingStop": true,
                "cancelReplaceAllowed": true, "amendAllowed": true,
                "isSpotTradingAllowed": true, "isMarginTradingAllowed": true,
                "filters": [
                    {"filterType": "PRICE_FILTER", "minPrice": tick, "maxPrice": "1000000.00000000", "tickSize": tick},
                    {"filterType": "LOT_SIZE", "minQty": step, "maxQty": "9000.00000000", "stepSize": step},
                    {"filterType": "NOTIONAL", "minNotional": "5.00000000", "applyMinToMarket": true,
                     "maxNotional": "9000000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5},
                ],
                "permissions": [], "permissionSets": [["SPOT", "MARGIN"]],
                "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
                "allowedSelfTradePreventionModes": ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"],
            })
        })
        .collect();
    json(
        200,
        json!({
            "timezone": "UTC",
            "serverTime": Utc::now().timestamp_millis(),
            "rateLimits": [
                {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000},
                {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100},
            ],
            "exchangeFilters": [],
            "symbols": symbols,
        }),
    )
}

/// Binance `GET /api/v3/ticker/price` (every symbol's last price).
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let list: Vec<Value> = rows
        .iter()
        .map(|(base, quote, last)| json!({"symbol": format!("{base}{quote}"), "price": last}))
        .collect();
    json(200, Value::Array(list))
}

/// A demo key with credentials in Binance's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    crate::demo::account(
        "binance",
        label,
        alnum(&format!("{seed}-key"), 64),
        alnum(&format!("{seed}-secret"), 64),
        None,
    )
}

/// The demo set's healthy Binance key.
fn demo() -> MockAccount {
    let mut a = demo_key("binance-main", "Binance main");
    a.balances = crate::demo::balances("0.48210000", "3.15000000", "12450.75");
    a
}

/// Binance's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "binance",
    needs_passphrase: false,
    https: false,
    public_keys: true,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
