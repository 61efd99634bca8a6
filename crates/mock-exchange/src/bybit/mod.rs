//! Bybit v5: `/v5/market/time`, `/v5/account/wallet-balance`, `/v5/user/query-api`, with
//! `{"retCode":N,"retMsg":...}` bodies (HTTP 401 for an unknown key, 200 for business errors).

mod verify;

use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use crate::account::MockAccount;
use crate::demo::alnum;
use crate::endpoint::{json, not_found, private, rate_limited, usd_value, Dialect, Needs};
use crate::markets::PAIRS;
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/v5/market/instruments-info") => markets(),
        ("GET", "/v5/market/time") => {
            // Every clock field of this answer reads the (possibly skewed) exchange clock.
            let ms = venue.now_ms();
            let mut answer = body(
                0,
                "OK",
                json!({"timeSecond": (ms / 1000).to_string(), "timeNano": (ms as i128 * 1_000_000).to_string()}),
            );
            answer["time"] = json!(ms);
            json(200, answer)
        }
        ("GET", "/v5/account/wallet-balance") => private(venue, req, &Bybit, Needs::Read, wallet),
        ("GET", "/v5/user/query-api") => private(venue, req, &Bybit, Needs::Nothing, query_api),
        ("GET", "/v5/market/tickers") => crate::markets::ticker(venue, &Bybit, tickers),
        _ => not_found(),
    }
}

fn body(code: i64, msg: &str, result: Value) -> Value {
    json!({"retCode": code, "retMsg": msg, "result": result, "retExtInfo": {}, "time": Utc::now().timestamp_millis()})
}

fn ok(result: Value) -> Response {
    json(200, body(0, "OK", result))
}

fn error(status: u16, code: i64, msg: &str) -> Response {
    json(status, body(code, msg, json!({})))
}

struct Bybit;

impl Dialect for Bybit {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::MissingKey | Refusal::UnknownKey => error(401, 10003, "API key is invalid."),
            Refusal::Expired => error(200, 33004, "Your api key has expired."),
            Refusal::IpNotAllowed(_) => error(
                200,
                10010,
                "Unmatched IP, please check your API key's bound IP addresses.",
            ),
            Refusal::RateLimited => rate_limited(body(10006, "Too many visits!", json!({}))),
            Refusal::Unavailable => error(503, 10016, "Server error."),
            Refusal::Rejected(r) => match r {
                Rejection::TimestampAhead | Rejection::TimestampExpired => error(
                    200,
                    10002,
                    "The request time exceeds the time window range.",
                ),
                Rejection::Missing(_) => error(401, 10003, "API key is invalid."),
                Rejection::Malformed(_) => error(200, 10001, "Params error."),
                _ => error(
                    200,
                    10004,
                    "Error sign, please check your signature generation algorithm.",
                ),
            },
        }
    }

    fn permission_denied(&self) -> Response {
        error(
            200,
            10005,
            "Permission denied, please check your API key permissions.",
        )
    }
}

fn wallet(a: &MockAccount) -> Response {
    let balances = a.balances_or_default();
    let total = crate::endpoint::usd_total(&balances).to_string();
    let coins: Vec<Value> = balances
        .iter()
        .map(|b| {
            let sum = crate::endpoint::total(b).to_string();
            json!({
                "coin": b.asset, "equity": sum, "walletBalance": sum, "locked": b.locked,
                "usdValue": usd_value(b).to_string(), "free": "", "availableToWithdraw": b.free,
                "borrowAmount": "0", "accruedInterest": "0", "totalOrderIM": "0", "totalPositionIM": "0",
                "totalPositionMM": "0", "unrealisedPnl": "0", "cumRealisedPnl": "0", "bonus": "0",
                "collateralSwitch": true, "marginCollateral": true,
            })
        })
        .collect();
    ok(json!({"list": [{
        "accountType": "UNIFIED", "totalEquity": total, "totalWalletBalance": total,
        "totalMarginBalance": total, "totalAvailableBalance": total, "totalPerpUPL": "0",
        "totalInitialMargin": "0", "totalMaintenanceMargin": "0", "accountIMRate": "0",
        "accountMMRate": "0", "accountLTV": "0", "coin": coins,
    }]}))
}

fn query_api(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    let read_only = !(p.spot_trade || p.margin || p.futures || p.withdraw || p.internal_transfer);
    let mut wallet = Vec::new();
    if p.internal_transfer {
        wallet.push("AccountTransfer");
    }
    if p.withdraw {
        wallet.push("Withdraw");
    }
    let ips = a.allowed_ips_or_default();
    // Bybit reports an expiry only for keys with no IP bound; bound keys show the epoch and -2.
    let (expired_at, deadline_day) = match (ips.is_empty(), a.expires_at) {
        (true, Some(at)) => (
            at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            (at - Utc::now()).num_days(),
        ),
        _ => ("1970-01-01T00:00:00Z".to_owned(), -2),
    };
    ok(json!({
        "id": crate::endpoint::stable_id(a, 8).to_string(),
        "note": a.label.clone().unwrap_or_default(),
        "apiKey": a.api_key,
        "readOnly": i32::from(read_only),
        "secret": "",
        "permissions": {
            "ContractTrade": if p.futures { vec!["Order", "Position"] } else { vec![] },
            "Spot": if p.spot_trade { vec!["SpotTrade"] } else { vec![] },
            "Wallet": wallet,
            "Options": [], "Derivatives": [], "CopyTrading": [], "BlockTrade": [], "Exchange": [], "NFT": [],
            "Affiliate": [], "Earn": [],
        },
        "ips": if ips.is_empty() { vec!["*".to_owned()] } else { ips },
        "type": 1,
        "deadlineDay": deadline_day,
        "expiredAt": expired_at,
        "createdAt": crate::endpoint::created_at().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "unified": 0, "uta": 1,
        "userID": crate::endpoint::stable_id(a, 9),
        "inviterID": 0, "vipLevel": "No VIP", "mktMakerLevel": "0", "affiliateID": 0,
        "rsaPublicKey": "", "isMaster": true, "parentUid": "0", "kycLevel": "LEVEL_1", "kycRegion": "",
    }))
}

/// Bybit `GET /v5/market/instruments-info?category=spot`.
fn markets() -> Response {
    let list: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            json!({
                "symbol": format!("{base}{quote}"), "baseCoin": base, "quoteCoin": quote,
                "innovation": "0", "status": "Trading", "marginTrading": "utaOnly", "stTag": "0",
                "lotSizeFilter": {"basePrecision": step, "quotePrecision": "0.00000001",
                    "minOrderQty": step, "maxOrderQty": "9000", "minOrderAmt": "1", "maxOrderAmt": "2000000"},
                "priceFilter": {"tickSize": tick},
                "riskParameters": {"priceLimitRatioX": "0.01", "priceLimitRatioY": "0.02"},
            })
        })
        .collect();
    json(
        200,
        json!({
            "retCode": 0, "retMsg": "OK",
            "result": {"category": "spot", "list": list, "nextPageCursor": ""},
            "retExtInfo": {}, "time": Utc::now().timestamp_millis(),
        }),
    )
}

/// Bybit `GET /v5/market/tickers?category=spot`.
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let list: Vec<Value> = rows
        .iter()
        .map(|(base, quote, last)| {
            json!({"symbol": format!("{base}{quote}"), "bid1Price": last, "bid1Size": "1",
                "ask1Price": last, "ask1Size": "1", "lastPrice": last, "prevPrice24h": last,
                "price24hPcnt": "0", "highPrice24h": last, "lowPrice24h": last,
                "turnover24h": "1000", "volume24h": "10", "usdIndexPrice": last})
        })
        .collect();
    ok(json!({"category": "spot", "list": list}))
}

/// A demo key with credentials in Bybit's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    crate::demo::account(
        "bybit",
        label,
        alnum(&format!("{seed}-key"), 18),
        alnum(&format!("{seed}-secret"), 36),
        None,
    )
}

/// The demo set's healthy Bybit key.
fn demo() -> MockAccount {
    let mut a = demo_key("bybit-main", "Bybit unified");
    a.balances = crate::demo::balances("0.0910", "1.7500", "4100.25");
    a
}

/// Bybit's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "bybit",
    needs_passphrase: false,
    https: false,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
