//! KuCoin: `/api/v1/timestamp`, `/api/v1/accounts`, `/api/v1/user/api-key`, with
//! `{"code":"4000xx","msg":...}` gateway errors.

use axum::response::Response;
use serde_json::{json, Value};

use super::{json, markets, not_found, private, rate_limited, Dialect, Needs};
use crate::account::MockAccount;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

pub(super) fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/api/v2/symbols") => markets::kucoin(),
        ("GET", "/api/v3/margin/symbols") => private(venue, req, &Kucoin, Needs::Nothing, |_| {
            markets::kucoin_margin()
        }),
        ("GET", "/api/v1/isolated/symbols") => private(venue, req, &Kucoin, Needs::Nothing, |_| {
            markets::kucoin_isolated()
        }),
        ("GET", "/api/v1/timestamp") => {
            json(200, json!({"code": "200000", "data": venue.now_ms()}))
        }
        ("GET", "/api/v1/accounts") => private(venue, req, &Kucoin, Needs::Read, accounts),
        ("GET", "/api/v1/user/api-key") => private(venue, req, &Kucoin, Needs::Nothing, api_key),
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
            json!({"id": super::stable_uuid(a, &b.asset).replace('-', "")[..24].to_owned(), "currency": b.asset, "type": "trade",
                   "balance": super::total(b).to_string(), "available": b.free, "holds": b.locked})
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
            "createdAt": super::created_at().timestamp_millis(), "uid": super::stable_id(a, 9),
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
