//! Coinbase Advanced Trade: `/api/v3/brokerage/time`, `/accounts`, `/key_permissions`, with
//! `{"error":...,"message":...}` errors (401 for authentication, 403 for permissions).

mod verify;

use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use crate::account::MockAccount;
use crate::demo::{ec_pem, uuid};
use crate::endpoint::{json, not_found, private, rate_limited, Dialect, Needs};
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
        ("GET", "/api/v3/brokerage/accounts") => {
            private(venue, req, &Coinbase, Needs::Read, accounts)
        }
        ("GET", "/api/v3/brokerage/key_permissions") => {
            private(venue, req, &Coinbase, Needs::Nothing, key_permissions)
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

fn accounts(a: &MockAccount) -> Response {
    let portfolio = crate::endpoint::stable_uuid(a, "portfolio");
    let list: Vec<Value> = a
        .balances_or_default()
        .iter()
        .map(|b| json!({
            "uuid": crate::endpoint::stable_uuid(a, &b.asset), "name": format!("{} Wallet", b.asset), "currency": b.asset,
            "available_balance": {"value": b.free, "currency": b.asset}, "default": true, "active": true,
            "created_at": crate::endpoint::created_at().to_rfc3339(), "updated_at": crate::endpoint::created_at().to_rfc3339(),
            "deleted_at": null, "type": "ACCOUNT_TYPE_CRYPTO", "ready": true,
            "hold": {"value": b.locked, "currency": b.asset}, "retail_portfolio_id": portfolio,
        }))
        .collect();
    let size = list.len();
    json(
        200,
        json!({"accounts": list, "has_next": false, "cursor": "", "size": size}),
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
    public_keys: false,
    api_key: verify::api_key,
    verify: verify::verify,
    handle,
    demo,
};
