//! Bybit v5: `/v5/account/wallet-balance` (unified account) for balances, `/v5/user/query-api`
//! for the calling key (permissions, IPs, expiry), `/v5/market/time` for the clock. Bodies carry
//! `retCode` (0 = success), usually with HTTP 200.

pub mod sign;

use crate::parse::{
    balance_from, decimal, first_decimal, flag, holdings, int, json, optional_decimal, string_list,
    ParseError,
};
use crate::prices::{Pair, Prices, TickerList};
use crate::refusal::{by_status, kind_by_status, rate_limited, Refusal, CLOCK_SKEW};
use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use crate::venue::{SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, KeyType, Known, Permissions};
use serde_json::Value;

pub(crate) struct Bybit;

const RECV_WINDOW_MS: &str = "5000";

fn signed_get(
    path: &str,
    query: &str,
    creds: &Credentials,
    ctx: &SignContext,
) -> Result<SignedRequest, SignError> {
    let timestamp = ctx.now_ms.to_string();
    let api_key = creds.api_key.expose();
    let signature = match creds.key_type {
        KeyType::Hmac => sign::sign(
            creds.secret.expose(),
            &timestamp,
            api_key,
            RECV_WINDOW_MS,
            query,
        ),
        // Self-generated RSA keys: base64 RSA-SHA256 of the same string.
        KeyType::Rsa => crate::sign::rsa_pkcs1_sha256(
            creds.secret.expose(),
            &sign::prehash(&timestamp, api_key, RECV_WINDOW_MS, query),
        )?,
        KeyType::Ed25519 | KeyType::Ecdsa => {
            return Err(SignError::UnsupportedKeyType { exchange: "Bybit" })
        }
    };
    let path_and_query = if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    };
    Ok(SignedRequest::get(path_and_query)
        .header("X-BAPI-API-KEY", api_key.to_owned())
        .header("X-BAPI-TIMESTAMP", timestamp)
        .header("X-BAPI-RECV-WINDOW", RECV_WINDOW_MS.to_owned())
        .header("X-BAPI-SIGN", signature))
}

fn result(body: &str) -> Result<Value, ParseError> {
    let mut value = json(body)?;
    Ok(value["result"].take())
}

/// One coin of the unified account, read as ccxt's `parseBalance` does: the total is
/// `walletBalance`; free is `availableToWithdraw` (or `free`) when Bybit still fills it, otherwise
/// what orders and positions hold (`locked`, `totalOrderIM`, `totalPositionIM`) is in use.
fn balance_row(row: &Value) -> Result<Balance, ParseError> {
    let asset = row["coin"].as_str().unwrap_or_default();
    let total = optional_decimal(&row["walletBalance"])?;
    if let Some(free) = first_decimal(row, &["availableToWithdraw", "free"])? {
        return Ok(balance_from(asset, Some(free), None, total));
    }
    let used = decimal(&row["locked"])?
        + decimal(&row["totalOrderIM"])?
        + decimal(&row["totalPositionIM"])?;
    Ok(balance_from(asset, None, Some(used), total))
}

/// The all-tickers answer ([`Venue::ticker_path`]).
const TICKERS: TickerList = TickerList {
    rows: "/result/list",
    symbol: "symbol",
    pair: Pair::Glued,
    price: "lastPrice",
};

impl Venue for Bybit {
    fn id(&self) -> &'static str {
        "bybit"
    }
    fn name(&self) -> &'static str {
        "Bybit"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/v5/market/time")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        let value = json(body)?;
        if let Some(nanos) = value["result"]["timeNano"]
            .as_str()
            .and_then(|s| s.parse::<i128>().ok())
        {
            return Ok((nanos / 1_000_000) as i64);
        }
        if let Some(seconds) = int(&value["result"]["timeSecond"]) {
            return Ok(seconds * 1000);
        }
        int(&value["time"]).ok_or_else(|| ParseError::new("no time"))
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        signed_get(
            "/v5/account/wallet-balance",
            "accountType=UNIFIED",
            creds,
            ctx,
        )
    }
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        signed_get("/v5/user/query-api", "", creds, ctx)
    }
    fn clock_tolerance_ms(&self) -> i64 {
        1000
    }
    fn ticker_path(&self) -> &'static str {
        "/v5/market/tickers?category=spot"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        TICKERS.read(body, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let result = result(body)?;
        let accounts = result["list"]
            .as_array()
            .ok_or_else(|| ParseError::new("no result.list"))?;
        let mut balances = Vec::new();
        for account in accounts {
            for row in account["coin"].as_array().into_iter().flatten() {
                balances.push(balance_row(row)?);
            }
        }
        Ok(holdings(balances))
    }
    fn parse_permissions(&self, body: &str, _: &Credentials) -> Result<Permissions, ParseError> {
        let result = result(body)?;
        if !result.is_object() {
            return Err(ParseError::new("no result"));
        }
        let read_only = flag(&result["readOnly"]) == Some(true);
        let granted = |group: &str, name: Option<&str>| {
            let items = result["permissions"][group]
                .as_array()
                .cloned()
                .unwrap_or_default();
            match name {
                Some(name) => items.iter().any(|i| i.as_str() == Some(name)),
                None => !items.is_empty(),
            }
        };
        // `readOnly: 1` withdraws every write permission, whatever the groups still list.
        let write = |yes: bool| Known::from_bool(!read_only && yes);
        let ips: Vec<String> = string_list(&result["ips"])
            .unwrap_or_default()
            .into_iter()
            .filter(|ip| ip != "*")
            .collect();
        // `expiredAt` is the date; `deadlineDay` the days left, which Bybit documents for keys
        // without an IP whitelist or after a password change: the fallback when the date is not
        // sent. A negative count is read as "no deadline".
        let expires_at = result["expiredAt"]
            .as_str()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&chrono::Utc))
            .filter(|t| t.timestamp() > 0)
            .or_else(|| {
                crate::parse::int(&result["deadlineDay"])
                    .filter(|days| *days >= 0)
                    .map(|days| chrono::Utc::now() + chrono::Duration::days(days))
            });
        let created_at = result["createdAt"]
            .as_str()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&chrono::Utc));
        Ok(Permissions {
            read: Known::Yes,
            spot_trade: write(granted("Spot", Some("SpotTrade"))),
            // Unified accounts trade margin from the spot permission; not reported separately.
            margin: Known::NotReported,
            futures: write(granted("ContractTrade", None) || granted("Derivatives", None)),
            withdraw: write(granted("Wallet", Some("Withdraw"))),
            internal_transfer: write(
                granted("Wallet", Some("AccountTransfer"))
                    || granted("Wallet", Some("SubMemberTransfer")),
            ),
            ip_restricted: Known::from_bool(!ips.is_empty()),
            allowed_ips: Some(ips).filter(|ips| !ips.is_empty()),
            created_at,
            expires_at,
        })
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        let code = int(&value["retCode"]);
        if (200..300).contains(&reply.status) && code.unwrap_or(0) == 0 {
            return None;
        }
        let Some(code) = code.filter(|c| *c != 0) else {
            // Bybit answers 403 when the per-IP request limit is breached.
            if reply.status == 403 {
                return Some(Refusal::new(rate_limited(reply), "HTTP 403", ""));
            }
            return by_status(reply);
        };
        let kind = match code {
            10003 => DiagnosisKind::InvalidKey,
            10004 => DiagnosisKind::BadSignature,
            10002 => CLOCK_SKEW,
            10010 => DiagnosisKind::IpNotWhitelisted,
            10005 => DiagnosisKind::PermissionMissing,
            10006 | 10018 => rate_limited(reply),
            33004 | -2015 => DiagnosisKind::KeyExpired,
            10016 => DiagnosisKind::ExchangeUnavailable,
            _ => kind_by_status(reply),
        };
        Some(Refusal::new(
            kind,
            code,
            value["retMsg"].as_str().unwrap_or_default(),
        ))
    }
}
