//! Bitget v2: `/api/v2/public/time`, `/api/v2/spot/account/assets`, `/api/v2/spot/account/info`,
//! with `{"code":"400xx","msg":...,"requestTime":..,"data":null}` errors on HTTP 400.

use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use super::{json, markets, not_found, private, rate_limited, Dialect, Needs};
use crate::account::MockAccount;
use crate::server::{Incoming, Refusal, Venue};
use crate::verify::Rejection;

pub(super) fn handle(venue: &Venue, req: &Incoming) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/api/v2/spot/public/symbols") => markets::bitget(),
        ("GET", "/api/v2/margin/currencies") => markets::bitget_margin(),
        ("GET", "/api/v2/public/time") => ok(json!({"serverTime": venue.now_ms().to_string()})),
        ("GET", "/api/v2/spot/account/assets") => private(venue, req, &Bitget, Needs::Read, assets),
        ("GET", "/api/v2/spot/account/info") => private(venue, req, &Bitget, Needs::Nothing, info),
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
        "userId": super::stable_id(a, 10).to_string(), "inviterId": "0",
        "ips": a.allowed_ips_or_default().join(","), "authorities": authorities, "parentId": 0,
        "traderType": "normal", "channelCode": "", "channel": "",
        "regisTime": super::created_at().timestamp_millis().to_string(),
    }))
}
