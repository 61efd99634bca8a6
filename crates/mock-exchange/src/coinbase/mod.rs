//! Coinbase Advanced Trade: `/api/v3/brokerage/time`, `/market/products`, `/accounts` (paged by
//! `limit` and `cursor` as Coinbase does), `/key_permissions`, `/transaction_summary`, with
//! `{"error":...,"message":...}` errors (401 for authentication, 403 for permissions). Served
//! over TLS: ccxt writes the JWT's `uri` claim from an `https://` URL.

mod verify;

use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use crate::account::MockAccount;
use crate::demo::{ec_pem, uuid};
use crate::endpoint::{json, not_found, private, rate_limited, Dialect, Needs};
use crate::markets::PAIRS;
use crate::registry::MockExchange;
use crate::server::{Incoming, Refusal, Venue};

fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/api/v3/brokerage/time") => {
            let ms = venue.now_ms();
            let at = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_else(Utc::now);
            json(
                200,
                json!({"iso": at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                "epochSeconds": (ms / 1000).to_string(), "epochMillis": ms.to_string()}),
            )
        }
        ("GET", "/api/v3/brokerage/market/products") => {
            crate::markets::ticker(venue, &Coinbase, |rows| {
                products(req.query.as_deref(), &rows)
            })
        }
        ("GET", "/api/v3/brokerage/accounts") => private(venue, req, &Coinbase, Needs::Read, |a| {
            accounts(a, req.query.as_deref())
        }),
        ("GET", "/api/v3/brokerage/key_permissions") => {
            private(venue, req, &Coinbase, Needs::Nothing, key_permissions)
        }
        ("GET", "/api/v3/brokerage/transaction_summary") => {
            private(venue, req, &Coinbase, Needs::Nothing, |_| {
                transaction_summary()
            })
        }
        _ => not_found(),
    }
}

fn error(status: u16, error: &str, message: &str) -> Response {
    json(
        status,
        json!({"error": error, "error_details": message, "message": message}),
    )
}

struct Coinbase;

impl Dialect for Coinbase {
    fn refuse(&self, refusal: Refusal) -> Response {
        match refusal {
            Refusal::RateLimited => rate_limited(
                json!({"error": "RATE_LIMIT_EXCEEDED", "error_details": "Too many requests", "message": "Too many requests"}),
            ),
            Refusal::Unavailable => error(503, "UNAVAILABLE", "Service unavailable"),
            Refusal::IpNotAllowed(_) => {
                error(401, "UNAUTHENTICATED", "IP address not in allowlist")
            }
            _ => error(401, "UNAUTHENTICATED", "Unauthorized"),
        }
    }

    fn permission_denied(&self) -> Response {
        error(403, "PERMISSION_DENIED", "Missing required scopes")
    }
}

/// Coinbase's page size when the client names none, and the most it allows.
const DEFAULT_LIMIT: usize = 49;
const MAX_LIMIT: usize = 250;

/// One query parameter's value (the mock's own values need no percent-decoding beyond this).
fn param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// One page of the account's wallets (one per currency). The cursor is the uuid of the first
/// wallet of the next page, opaque to clients as Coinbase's is.
fn accounts(a: &MockAccount, query: Option<&str>) -> Response {
    let portfolio = crate::endpoint::stable_uuid(a, "portfolio");
    let limit = param(query, "limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(DEFAULT_LIMIT)
        .clamp(1, MAX_LIMIT);
    let balances = a.balances_or_default();
    let uuid = |asset: &str| crate::endpoint::stable_uuid(a, asset);
    let start = match param(query, "cursor") {
        Some(cursor) => match balances.iter().position(|b| uuid(&b.asset) == cursor) {
            Some(at) => at,
            None => return error(400, "INVALID_ARGUMENT", "invalid cursor"),
        },
        None => 0,
    };
    let page = &balances[start..balances.len().min(start + limit)];
    let next = balances.get(start + page.len()).map(|b| uuid(&b.asset));
    let list: Vec<Value> = page
        .iter()
        .map(|b| json!({
            "uuid": uuid(&b.asset), "name": format!("{} Wallet", b.asset), "currency": b.asset,
            "available_balance": {"value": b.free, "currency": b.asset}, "default": true, "active": true,
            "created_at": crate::endpoint::created_at().to_rfc3339(), "updated_at": crate::endpoint::created_at().to_rfc3339(),
            "deleted_at": null, "type": "ACCOUNT_TYPE_CRYPTO", "ready": true,
            "hold": {"value": b.locked, "currency": b.asset}, "retail_portfolio_id": portfolio,
        }))
        .collect();
    json(
        200,
        json!({"accounts": list, "has_next": next.is_some(), "cursor": next.unwrap_or_default(), "size": page.len()}),
    )
}

/// (price tick, size step) of the USDT-USD product, the one ticker market outside the shared
/// pairs: a stablecoin priced to five decimals, so ccxt loads it like the others.
const USDT_USD_INCREMENTS: (&str, &str) = ("0.00001", "0.01");

/// The public product list: the shared spot pairs; no futures (`product_type=FUTURE`).
/// Coinbase `GET /api/v3/brokerage/market/products`: the markets with their last `price`, what
/// ccxt loads as markets and Coffre reads as the ticker.
fn products(query: Option<&str>, rows: &[(&str, &str, &str)]) -> Response {
    let spot = param(query, "product_type").is_none_or(|t| t == "SPOT");
    let list: Vec<Value> = rows
        .iter()
        .filter(|_| spot)
        .filter_map(|(base, quote, last)| {
            let (tick, step) = PAIRS
                .iter()
                .find(|(b, ..)| b == base)
                .map(|(_, _, tick, step)| (*tick, *step))
                .or((*base == "USDT").then_some(USDT_USD_INCREMENTS))?;
            Some(json!({
                "product_id": format!("{base}-{quote}"), "price": last,
                "base_increment": step, "quote_increment": tick, "price_increment": tick,
                "base_min_size": step, "base_max_size": "10000", "quote_min_size": "1", "quote_max_size": "10000000",
                "status": "online", "product_type": "SPOT", "base_currency_id": base, "quote_currency_id": quote,
                "base_display_symbol": base, "quote_display_symbol": quote, "display_name": format!("{base}-{quote}"),
                "trading_disabled": false, "is_disabled": false, "cancel_only": false, "limit_only": false,
                "post_only": false, "auction_mode": false, "view_only": false, "product_venue": "CBE",
            }))
        })
        .collect();
    let count = list.len();
    json(200, json!({"products": list, "num_products": count}))
}

/// The key's fee tier, which ccxt reads while loading markets.
fn transaction_summary() -> Response {
    json(
        200,
        json!({"total_volume": 0, "total_fees": 0, "fee_tier": {"pricing_tier": "Advanced 1",
        "usd_from": "0", "usd_to": "10000", "taker_fee_rate": "0.006", "maker_fee_rate": "0.004"},
        "margin_rate": null, "goods_and_services_tax": null, "advanced_trade_only_volume": 0,
        "advanced_trade_only_fees": 0, "coinbase_pro_volume": 0, "coinbase_pro_fees": 0}),
    )
}

fn key_permissions(a: &MockAccount) -> Response {
    let p = a.permissions_or_default();
    json(
        200,
        json!({
            "can_view": p.read, "can_trade": p.spot_trade || p.margin || p.futures,
            "can_transfer": p.withdraw, "portfolio_uuid": crate::endpoint::stable_uuid(a, "portfolio"),
            "portfolio_type": "DEFAULT",
        }),
    )
}

/// A demo key with credentials in Coinbase's own format, derived from `seed`.
pub(crate) fn demo_key(seed: &str, label: &str) -> MockAccount {
    let name = format!(
        "organizations/{}/apiKeys/{}",
        uuid(&format!("{seed}-org")),
        uuid(&format!("{seed}-key"))
    );
    crate::demo::account(
        "coinbase",
        label,
        name,
        ec_pem(&format!("{seed}-secret")),
        None,
    )
}

/// The demo set's healthy Coinbase key.
fn demo() -> MockAccount {
    let mut a = demo_key("coinbase-main", "Coinbase Advanced");
    a.balances = crate::demo::balances("0.6200", "7.2500", "2300.00");
    a
}

/// Coinbase's line in the registry: what the mock knows about it.
pub(crate) const MOCK: MockExchange = MockExchange {
    id: "coinbase",
    needs_passphrase: false,
    https: true,
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
