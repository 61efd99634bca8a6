//! Binance spot: `/api/v3/account` for balances, `/sapi/v1/account/apiRestrictions` for the
//! key's permissions, `/api/v3/time` for the clock. Errors are `{"code": -NNNN, "msg": …}`.

pub mod sign;

use crate::parse::{decimal, flag, from_millis, holdings, int, json, ParseError};
use crate::prices::{Pair, Prices, TickerList};
use crate::refusal::{by_status, rate_limited, Refusal, CLOCK_SKEW};
use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use crate::venue::{SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Known, Permissions};
use serde_json::Value;

pub(crate) struct Binance;

/// Binance's default; a wider window hides skew that would later break a trading bot.
const RECV_WINDOW_MS: u32 = 5000;

/// `-2015` covers an invalid key, a non-whitelisted IP and a missing permission alike.
pub(crate) const AMBIGUOUS_REJECTION: &str = "-2015";

fn signed_get(
    path: &str,
    creds: &Credentials,
    ctx: &SignContext,
) -> Result<SignedRequest, SignError> {
    let query = format!("recvWindow={RECV_WINDOW_MS}&timestamp={}", ctx.now_ms);
    let signature = sign::signature(creds.key_type, creds.secret.expose(), &query)?;
    let signature = sign::encode_query_value(&signature);
    Ok(
        SignedRequest::get(format!("{path}?{query}&signature={signature}"))
            .header("X-MBX-APIKEY", creds.api_key.expose().to_owned()),
    )
}

/// The all-tickers answer ([`Venue::ticker_path`]).
/// `[{"symbol": "BTCUSDT", "price": "…"}]`: base and quote glued together.
const TICKERS: TickerList = TickerList {
    rows: "",
    symbol: "symbol",
    pair: Pair::Glued,
    price: "price",
};

impl Venue for Binance {
    fn id(&self) -> &'static str {
        "binance"
    }
    fn name(&self) -> &'static str {
        "Binance"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/api/v3/time")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        int(&json(body)?["serverTime"]).ok_or_else(|| ParseError::new("no serverTime"))
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        signed_get("/api/v3/account", creds, ctx)
    }
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        signed_get("/sapi/v1/account/apiRestrictions", creds, ctx)
    }
    fn clock_tolerance_ms(&self) -> i64 {
        // Refused when more than 1 s ahead of the server.
        1000
    }
    fn refine(&self, balance: Refusal, permissions_readable: bool) -> Refusal {
        // The same key and IP could read the key's restrictions: so it is neither invalid nor
        // blocked by IP, and `-2015` can only mean a missing permission.
        if permissions_readable && balance.code.as_deref() == Some(AMBIGUOUS_REJECTION) {
            return Refusal {
                kind: DiagnosisKind::PermissionMissing,
                ..balance
            };
        }
        balance
    }
    fn ticker_path(&self) -> &'static str {
        "/api/v3/ticker/price"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        TICKERS.read(body, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let value = json(body)?;
        let rows = value["balances"]
            .as_array()
            .ok_or_else(|| ParseError::new("no balances"))?;
        let balances = rows
            .iter()
            .map(|row| {
                Ok(Balance {
                    asset: row["asset"].as_str().unwrap_or_default().to_owned(),
                    free: decimal(&row["free"])?,
                    locked: decimal(&row["locked"])?,
                })
            })
            .collect::<Result<Vec<_>, ParseError>>()?;
        Ok(holdings(balances))
    }
    fn parse_permissions(
        &self,
        body: &str,
        _creds: &Credentials,
    ) -> Result<Permissions, ParseError> {
        let value = json(body)?;
        if !value.is_object() || value.get("enableReading").is_none() {
            return Err(ParseError::new("no enableReading"));
        }
        let flag = |name: &str| flag(&value[name]).map_or(Known::NotReported, Known::from_bool);
        Ok(Permissions {
            read: flag("enableReading"),
            spot_trade: flag("enableSpotAndMarginTrading"),
            margin: flag("enableMargin"),
            futures: flag("enableFutures"),
            withdraw: flag("enableWithdrawals"),
            internal_transfer: transfer(
                flag("enableInternalTransfer"),
                flag("permitsUniversalTransfer"),
            ),
            ip_restricted: flag("ipRestrict"),
            allowed_ips: None,
            created_at: int(&value["createTime"]).and_then(from_millis),
            expires_at: int(&value["tradingAuthorityExpirationTime"]).and_then(from_millis),
        })
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        if (200..300).contains(&reply.status) {
            return None;
        }
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        let Some(code) = int(&value["code"]) else {
            return by_status(reply);
        };
        let kind = match code {
            -2014 | -2015 => DiagnosisKind::InvalidKey,
            -1022 => DiagnosisKind::BadSignature,
            -1021 => CLOCK_SKEW,
            -1002 => DiagnosisKind::PermissionMissing,
            -1003 => rate_limited(reply),
            _ => return by_status(reply).map(|r| with_code(r, code, &value)),
        };
        Some(Refusal::new(
            kind,
            code,
            value["msg"].as_str().unwrap_or_default(),
        ))
    }
}

/// Binance has two transfer switches: `enableInternalTransfer` (master and sub-accounts) and
/// `permitsUniversalTransfer` (the universal transfer API, between wallets and sub-accounts). Either
/// lets a stolen key move funds out of the trading wallet, so transfers count as off only when both
/// are reported off; the catalog's label names both boxes.
fn transfer(internal: Known, universal: Known) -> Known {
    match (internal, universal) {
        (Known::Yes, _) | (_, Known::Yes) => Known::Yes,
        (Known::No, Known::No) => Known::No,
        _ => Known::NotReported,
    }
}

fn with_code(refusal: Refusal, code: i64, value: &Value) -> Refusal {
    Refusal {
        code: Some(code.to_string()),
        message: value["msg"].as_str().map(str::to_owned).or(refusal.message),
        ..refusal
    }
}
