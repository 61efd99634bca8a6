//! Kraken spot: `/0/public/Time`, `/0/private/Balance`, `/0/private/BalanceEx`,
//! `/0/private/GetApiKeyInfo`, answering `{"error":[...],"result":...}`.

mod verify;

use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Map, Value};

use crate::account::MockAccount;
use crate::demo::b64;
use crate::endpoint::{json, not_found, private, rate_limited, Dialect, Needs};
use crate::markets::PAIRS;
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/0/public/AssetPairs") => markets(),
        ("GET", "/0/public/Time") => {
            let ms = venue.now_ms();
            let at = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_else(Utc::now);
            json(
                200,
                json!({"error": [], "result": {"unixtime": ms / 1000,
                "rfc1123": at.format("%a, %d %b %y %H:%M:%S +0000").to_string()}}),
            )
        }
        ("POST", "/0/private/Balance") => private(venue, req, &Kraken, Needs::Read, balance),
        ("POST", "/0/private/BalanceEx") => private(venue, req, &Kraken, Needs::Read, balance_ex),
        ("POST", "/0/private/GetApiKeyInfo") => {
            private(venue, req, &Kraken, Needs::Nothing, key_info)
        }
        ("GET", "/0/public/Ticker") => crate::markets::ticker(venue, &Kraken, tickers),
        _ => not_found(),
    }
}

fn error(status: u16, message: &str) -> Response {
    json(status, json!({"error": [message]}))
}

struct Kraken;

impl Dialect for Kraken {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::MissingKey | Refusal::UnknownKey | Refusal::Expired => {
                error(200, "EAPI:Invalid key")
            }
            Refusal::IpNotAllowed(_) => error(200, "EGeneral:Permission denied"),
            Refusal::RateLimited => rate_limited(json!({"error": ["EAPI:Rate limit exceeded"]})),
            Refusal::Unavailable => error(503, "EService:Unavailable"),
            Refusal::Rejected(r) => match r {
                Rejection::NonceNotIncreasing
                | Rejection::Missing("nonce")
                | Rejection::Malformed("nonce") => error(200, "EAPI:Invalid nonce"),
                Rejection::Missing("api-key") => error(200, "EAPI:Invalid key"),
                _ => error(200, "EAPI:Invalid signature"),
            },
        }
    }

    fn permission_denied(&self) -> Response {
        error(200, "EGeneral:Permission denied")
    }
}

/// Kraken's own asset codes for the classic currencies.
fn asset_code(asset: &str) -> String {
    match asset {
        "BTC" => "XXBT".to_owned(),
        "ETH" => "XETH".to_owned(),
        "USD" => "ZUSD".to_owned(),
        "EUR" => "ZEUR".to_owned(),
        other => other.to_owned(),
    }
}

fn balance(a: &MockAccount) -> Response {
    let result: Map<String, Value> = a
        .balances_or_default()
        .iter()
        .map(|b| {
            (
                asset_code(&b.asset),
                json!(crate::endpoint::total(b).to_string()),
            )
        })
        .collect();
    json(200, json!({"error": [], "result": result}))
}

fn balance_ex(a: &MockAccount) -> Response {
    let result: Map<String, Value> = a
        .balances_or_default()
        .iter()
        .map(|b| {
            (
                asset_code(&b.asset),
                json!({"balance": crate::endpoint::total(b).to_string(), "hold_trade": b.locked}),
            )
        })
        .collect();
    json(200, json!({"error": [], "result": result}))
}

fn key_info(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    let mut permissions = Vec::new();
    if p.read {
        permissions.extend([
            "query-funds",
            "query-open-trades",
            "query-closed-trades",
            "query-ledger",
        ]);
    }
    if p.spot_trade || p.margin {
        permissions.extend(["modify-trades", "close-positions"]);
    }
    if p.withdraw {
        permissions.push("withdraw-funds");
    }
    let created = crate::endpoint::created_at().timestamp().to_string();
    json(
        200,
        json!({"error": [], "result": {
            "apiKeyName": a.label.clone().unwrap_or_else(|| "api-key".to_owned()),
            "apiKey": a.api_key, "nonce": "0", "nonceWindow": 0, "permissions": permissions, "iban": "",
            "validUntil": a.expires_at.map_or("0".to_owned(), |t| t.timestamp().to_string()),
            "queryFrom": "0", "queryTo": "0", "createdTime": created, "modifiedTime": created,
            "ipAllowlist": a.allowed_ips_or_default(), "lastUsed": Utc::now().timestamp().to_string(),
        }}),
    )
}

/// Kraken `GET /0/public/AssetPairs` (Kraken calls bitcoin XBT and prefixes legacy assets X/Z).
fn markets() -> Response {
    let mut result = serde_json::Map::new();
    for (base, quote, tick, step) in PAIRS {
        let (altbase, kbase) = match base {
            "BTC" => ("XBT", "XXBT"),
            other => (other, if other == "ETH" { "XETH" } else { other }),
        };
        let altname = format!("{altbase}{quote}");
        result.insert(
            altname.clone(),
            json!({
                "altname": altname, "wsname": format!("{altbase}/{quote}"),
                "aclass_base": "currency", "base": kbase, "aclass_quote": "currency", "quote": quote,
                "lot": "unit", "cost_decimals": 5, "pair_decimals": 2, "lot_decimals": 8,
                "lot_multiplier": 1, "leverage_buy": [2, 3], "leverage_sell": [2, 3],
                "fees": [[0, 0.4], [10000, 0.35]], "fees_maker": [[0, 0.25], [10000, 0.2]],
                "fee_volume_currency": "ZUSD", "margin_call": 80, "margin_stop": 40,
                "ordermin": step, "costmin": "0.5", "tick_size": tick, "status": "online",
            }),
        );
    }
    json(200, json!({"error": [], "result": result}))
}

/// Kraken `GET /0/public/Ticker` (every pair, keyed by Kraken's own pair names).
fn tickers(rows: Vec<(&str, &str, &str)>) -> Response {
    let mut result = serde_json::Map::new();
    for (base, quote, last) in rows {
        // Classic pairs join Kraken's asset codes (`XXBTZUSD`); newer ones the plain names.
        let pair = match (base, quote) {
            (_, "USD") => format!("{}{}", asset_code(base), asset_code(quote)),
            ("BTC", _) => format!("XBT{quote}"),
            _ => format!("{base}{quote}"),
        };
        result.insert(
            pair,
            json!({"a": [last, "1", "1.000"], "b": [last, "1", "1.000"], "c": [last, "0.001"],
                "v": ["10", "10"], "p": [last, last], "t": [100, 100], "l": [last, last],
                "h": [last, last], "o": last}),
        );
    }
    json(200, json!({"error": [], "result": result}))
}

/// A demo key with credentials in Kraken's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    crate::demo::account(
        "kraken",
        label,
        b64(&format!("{seed}-key"), 42),
        b64(&format!("{seed}-secret"), 64),
        None,
    )
}

/// The demo set's healthy Kraken key.
fn demo() -> MockAccount {
    let mut a = demo_key("kraken-main", "Kraken funds");
    a.balances = crate::demo::balances("0.3300", "4.0000", "1500.00");
    a
}

/// Kraken's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "kraken",
    needs_passphrase: false,
    https: false,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
