//! Gate v4: `/api/v4/spot/accounts` for balances, `/api/v4/account/main_keys` for permissions
//! (all the account's keys, masked: ours is found by its visible prefix), `/api/v4/spot/time`
//! for the clock. Refusals are non-2xx `{"label": …, "message": …}`.

pub mod sign;

use crate::parse::{decimal, first_decimal, flag, holdings, int, json, string_list, ParseError};
use crate::prices::{Pair, Prices, TickerList};
use crate::refusal::{by_status, kind_by_status, rate_limited, Refusal, CLOCK_SKEW};
use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use crate::venue::{SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Known, Permissions};
use serde_json::Value;

pub(crate) struct Gate;

fn signed_get(path: &str, creds: &Credentials, ctx: &SignContext) -> SignedRequest {
    let timestamp = ctx.now_ms.div_euclid(1000).to_string();
    let signature = sign::sign(creds.secret.expose(), "GET", path, "", "", &timestamp);
    SignedRequest::get(path.to_owned())
        .header("KEY", creds.api_key.expose().to_owned())
        .header("Timestamp", timestamp)
        .header("SIGN", signature)
        .header("Accept", "application/json".to_owned())
}

/// The visible part of a masked key (`c5dcfbf1f3a7*****` → `c5dcfbf1f3a7`).
fn visible_prefix(masked: &str) -> &str {
    masked.split('*').next().unwrap_or_default()
}

/// Finds the entry describing the calling key; the listing covers every key of the account.
fn own_key<'a>(entries: &'a Value, api_key: &str) -> Option<&'a Value> {
    let entries: Vec<&Value> = match entries {
        Value::Array(items) => items.iter().collect(),
        object @ Value::Object(_) => vec![object],
        _ => Vec::new(),
    };
    entries.into_iter().find(|entry| {
        let masked = entry["key"].as_str().unwrap_or_default();
        let prefix = visible_prefix(masked);
        !prefix.is_empty() && api_key.starts_with(prefix)
    })
}

/// The all-tickers answer ([`Venue::ticker_path`]).
const TICKERS: TickerList = TickerList {
    rows: "",
    symbol: "currency_pair",
    pair: Pair::Separated('_'),
    price: "last",
};

impl Venue for Gate {
    fn id(&self) -> &'static str {
        "gate"
    }
    fn name(&self) -> &'static str {
        "Gate"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/api/v4/spot/time")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        int(&json(body)?["server_time"]).ok_or_else(|| ParseError::new("no server_time"))
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Ok(signed_get("/api/v4/spot/accounts", creds, ctx))
    }
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Ok(signed_get("/api/v4/account/main_keys", creds, ctx))
    }
    fn clock_tolerance_ms(&self) -> i64 {
        60_000
    }
    fn ticker_path(&self) -> &'static str {
        "/api/v4/spot/tickers"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        TICKERS.read(body, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let rows = json(body)?;
        let rows = rows
            .as_array()
            .ok_or_else(|| ParseError::new("not a list"))?;
        let balances = rows
            .iter()
            .map(|row| {
                Ok(Balance {
                    asset: row["currency"].as_str().unwrap_or_default().to_owned(),
                    free: decimal(&row["available"])?,
                    // ccxt reads `freeze` first: some Gate account listings name it so.
                    locked: first_decimal(row, &["freeze", "locked"])?.unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>, ParseError>>()?;
        Ok(holdings(balances))
    }
    fn parse_permissions(
        &self,
        body: &str,
        creds: &Credentials,
    ) -> Result<Permissions, ParseError> {
        let entries = json(body)?;
        let Some(entry) = own_key(&entries, creds.api_key.expose()) else {
            // The listing does not show this key: nothing can be said about it.
            return Ok(Permissions::default());
        };
        let perms: Vec<(String, bool)> = entry["perms"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                let name = p["name"].as_str().unwrap_or_default().to_owned();
                (name, flag(&p["read_only"]).unwrap_or(false))
            })
            .collect();
        let writes = |names: &[&str]| {
            Known::from_bool(
                perms
                    .iter()
                    .any(|(n, read_only)| names.contains(&n.as_str()) && !read_only),
            )
        };
        let withdraw = if perms.iter().any(|(n, _)| n.starts_with("withdraw")) {
            writes(&["withdraw", "withdrawal"])
        } else {
            // Gate's permission names do not include withdrawal; it is a wallet-level switch.
            Known::NotReported
        };
        let allowed_ips = string_list(&entry["ip_whitelist"]);
        Ok(Permissions {
            read: Known::from_bool(!perms.is_empty()),
            spot_trade: writes(&["spot"]),
            margin: writes(&["margin"]),
            futures: writes(&["futures"]),
            withdraw,
            internal_transfer: writes(&["wallet"]),
            ip_restricted: Known::from_bool(allowed_ips.is_some()),
            allowed_ips,
            created_at: int(&entry["created_at"])
                .and_then(|s| chrono::DateTime::from_timestamp(s, 0)),
            expires_at: None,
        })
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        if (200..300).contains(&reply.status) {
            return None;
        }
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        let Some(label) = value["label"].as_str() else {
            return by_status(reply);
        };
        let kind = match label {
            "INVALID_KEY" | "INVALID_CREDENTIALS" | "MISSING_REQUIRED_HEADER" => {
                DiagnosisKind::InvalidKey
            }
            "INVALID_SIGNATURE" => DiagnosisKind::BadSignature,
            "REQUEST_EXPIRED" => CLOCK_SKEW,
            "IP_FORBIDDEN" => DiagnosisKind::IpNotWhitelisted,
            "READ_ONLY" | "FORBIDDEN" => DiagnosisKind::PermissionMissing,
            "TOO_MANY_REQUESTS" => rate_limited(reply),
            "KEY_EXPIRED" => DiagnosisKind::KeyExpired,
            "SERVER_ERROR" => DiagnosisKind::ExchangeUnavailable,
            _ => kind_by_status(reply),
        };
        Some(Refusal::new(
            kind,
            label,
            value["message"].as_str().unwrap_or_default(),
        ))
    }
}
