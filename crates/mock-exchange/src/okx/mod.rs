//! OKX v5: `/api/v5/public/time`, `/api/v5/account/balance`, `/api/v5/account/config`, with
//! `{"code":"5xxxx","msg":...,"data":[]}` errors (HTTP 401 for auth failures, 200 for 50120).

mod verify;

use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use crate::account::MockAccount;
use crate::demo::{hex_lower, uuid};
use crate::endpoint::{json, not_found, private, rate_limited, usd_value, Dialect, Needs};
use crate::markets::{LISTED_AT_S, PAIRS};
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/api/v5/public/instruments") => markets(),
        ("GET", "/api/v5/public/time") => json(
            200,
            json!({"code": "0", "msg": "", "data": [{"ts": venue.now_ms().to_string()}]}),
        ),
        ("GET", "/api/v5/account/balance") => private(venue, req, &Okx, Needs::Read, balance),
        ("GET", "/api/v5/account/config") => private(venue, req, &Okx, Needs::Nothing, config),
        ("GET", "/api/v5/market/tickers") => crate::markets::ticker(venue, &Okx, tickers),
        _ => not_found(),
    }
}

fn error(status: u16, code: &str, msg: &str) -> Response {
    json(status, json!({"code": code, "msg": msg, "data": []}))
}

struct Okx;

impl Dialect for Okx {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::MissingKey => error(
                401,
                "50103",
                "Request header OK-ACCESS-KEY cannot be empty.",
            ),
            Refusal::UnknownKey => error(401, "50111", "Invalid OK-ACCESS-KEY."),
            Refusal::Expired => error(200, "50119", "API key doesn't exist."),
            Refusal::IpNotAllowed(ip) => error(
                401,
                "50110",
                &format!("Your IP {ip} is not included in your API key's IP whitelist."),
            ),
            Refusal::RateLimited => {
                rate_limited(json!({"code": "50011", "msg": "Too Many Requests", "data": []}))
            }
            Refusal::Unavailable => error(
                503,
                "50001",
                "Service temporarily unavailable. Please try again later.",
            ),
            Refusal::Rejected(r) => match r {
                Rejection::Missing("ok-access-sign") => error(
                    401,
                    "50106",
                    "Request header OK-ACCESS-SIGN cannot be empty.",
                ),
                Rejection::Missing("ok-access-timestamp") => error(
                    401,
                    "50107",
                    "Request header OK-ACCESS-TIMESTAMP cannot be empty.",
                ),
                Rejection::Missing(_) => error(
                    401,
                    "50104",
                    "Request header OK-ACCESS-PASSPHRASE cannot be empty.",
                ),
                Rejection::BadPassphrase => error(
                    401,
                    "50105",
                    "Request header OK-ACCESS-PASSPHRASE incorrect.",
                ),
                Rejection::TimestampAhead | Rejection::TimestampExpired => {
                    error(401, "50102", "Timestamp request expired.")
                }
                Rejection::Malformed("timestamp") => {
                    error(401, "50112", "Invalid OK-ACCESS-TIMESTAMP.")
                }
                Rejection::WrongEnvironment => {
                    error(401, "50101", "APIKey does not match current environment.")
                }
                Rejection::KeyMismatch => error(401, "50111", "Invalid OK-ACCESS-KEY."),
                _ => error(401, "50113", "Invalid signature."),
            },
        }
    }

    fn permission_denied(&self) -> Response {
        error(
            200,
            "50120",
            "This API key doesn't have permission to use this function.",
        )
    }
}

fn balance(a: &MockAccount) -> Response {
    let now = Utc::now().timestamp_millis().to_string();
    let balances = a.balances_or_default();
    let details: Vec<Value> = balances
        .iter()
        .map(|b| {
            let eq = crate::endpoint::total(b).to_string();
            json!({
                "ccy": b.asset, "eq": eq, "cashBal": eq, "availBal": b.free, "availEq": b.free,
                "frozenBal": b.locked, "ordFrozen": b.locked, "eqUsd": usd_value(b).to_string(),
                "disEq": usd_value(b).to_string(), "uTime": now,
            })
        })
        .collect();
    json(
        200,
        json!({"code": "0", "msg": "", "data": [{
            "totalEq": crate::endpoint::usd_total(&balances).to_string(), "adjEq": "", "imr": "", "mmr": "",
            "uTime": now, "details": details,
        }]}),
    )
}

fn config(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    let mut perm = vec!["read_only"];
    if p.spot_trade || p.margin || p.futures {
        perm.push("trade");
    }
    if p.withdraw {
        perm.push("withdraw");
    }
    let uid = crate::endpoint::stable_id(a, 18).to_string();
    json(
        200,
        json!({"code": "0", "msg": "", "data": [{
            "uid": uid, "mainUid": uid, "acctLv": "1", "posMode": "net_mode", "autoLoan": false,
            "greeksType": "PA", "level": "Lv1", "levelTmp": "", "ctIsoMode": "automatic",
            "mgnIsoMode": "automatic", "kycLv": "2", "type": "0",
            "label": a.label.clone().unwrap_or_default(),
            "perm": perm.join(","),
            "ip": a.allowed_ips_or_default().join(","),
            "roleType": "0", "spotRoleType": "0", "opAuth": "0", "enableSpotBorrow": false,
        }]}),
    )
}

/// OKX `GET /api/v5/public/instruments?instType=SPOT`.
fn markets() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            json!({
                "instType": "SPOT", "instId": format!("{base}-{quote}"), "instFamily": "", "uly": "",
                "baseCcy": base, "quoteCcy": quote, "settleCcy": "", "category": "1",
                "ctMult": "", "ctType": "", "ctVal": "", "ctValCcy": "", "expTime": "", "optType": "", "stk": "",
                "lever": "10", "listTime": (LISTED_AT_S * 1000).to_string(), "auctionEndTime": "",
                "lotSz": step, "minSz": step, "tickSz": tick, "state": "live", "ruleType": "normal",
                "maxLmtSz": "9999999999", "maxMktSz": "1000000", "maxLmtAmt": "20000000",
                "maxMktAmt": "1000000", "maxTwapSz": "9999999999", "maxIcebergSz": "9999999999",
                "maxTriggerSz": "9999999999", "maxStopSz": "1000000", "futureSettlement": false,
            })
        })
        .collect();
    json(200, json!({"code": "0", "msg": "", "data": data}))
}

/// OKX `GET /api/v5/market/tickers?instType=SPOT`.
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let ts = Utc::now().timestamp_millis().to_string();
    let data: Vec<Value> = rows
        .iter()
        .map(|(base, quote, last)| {
            json!({"instType": "SPOT", "instId": format!("{base}-{quote}"), "last": last,
                "lastSz": "0.001", "askPx": last, "askSz": "1", "bidPx": last, "bidSz": "1",
                "open24h": last, "high24h": last, "low24h": last, "volCcy24h": "1000",
                "vol24h": "10", "ts": ts, "sodUtc0": last, "sodUtc8": last})
        })
        .collect();
    json(200, json!({"code": "0", "msg": "", "data": data}))
}

/// A demo key with credentials in OKX's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    let secret = hex_lower(&format!("{seed}-secret"), 32).to_uppercase();
    crate::demo::account(
        "okx",
        label,
        uuid(&format!("{seed}-key")),
        secret,
        Some("Coffre-Demo-1"),
    )
}

/// The demo set's healthy OKX key.
fn demo() -> MockAccount {
    let mut a = demo_key("okx-main", "OKX main");
    a.balances = crate::demo::balances("0.2750", "5.1000", "7800.00");
    a
}

/// OKX's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "okx",
    needs_passphrase: true,
    https: false,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
