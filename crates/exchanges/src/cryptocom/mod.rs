//! Crypto.com Exchange v1: `private/user-balance` for balances (a signed JSON POST). It has no
//! key-information method and no time method: permissions stay not reported and the clock is
//! read from the HTTP `Date` header. Errors carry a numeric `code` (0 = success).

pub mod sign;

use crate::parse::{decimal, holdings, int, json, ParseError};
use crate::prices::{Pair, Prices, TickerList};
use crate::refusal::{by_status, rate_limited, Refusal, CLOCK_SKEW};
use crate::sign::SignError;
use crate::transport::{Body, Reply, SignedRequest};
use crate::venue::{SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Permissions};
use serde_json::{json, Value};

pub(crate) struct Cryptocom;

const BALANCE_METHOD: &str = "private/user-balance";

/// The all-tickers answer ([`Venue::ticker_path`]).
/// Spot instruments are `BTC_USDT`; derivatives (`BTCUSD-PERP`) have no `_` and drop out.
const TICKERS: TickerList = TickerList {
    rows: "/result/data",
    symbol: "i",
    pair: Pair::Separated('_'),
    price: "a",
};

impl Venue for Cryptocom {
    fn id(&self) -> &'static str {
        "cryptocom"
    }
    fn name(&self) -> &'static str {
        "Crypto.com Exchange"
    }
    fn time_path(&self) -> Option<&'static str> {
        None
    }
    fn parse_server_time_ms(&self, _: &str) -> Result<i64, ParseError> {
        Err(ParseError::new("Crypto.com has no time endpoint"))
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        let api_key = creds.api_key.expose();
        let params = json!({});
        let id = ctx.nonce.to_string();
        let nonce = ctx.now_ms.to_string();
        let sig = sign::sign(
            creds.secret.expose(),
            BALANCE_METHOD,
            &id,
            api_key,
            &params,
            &nonce,
        );
        let body = json!({
            "id": ctx.nonce,
            "method": BALANCE_METHOD,
            "api_key": api_key,
            "params": params,
            "nonce": ctx.now_ms,
            "sig": sig,
        })
        .to_string();
        Ok(SignedRequest::post(
            format!("/exchange/v1/{BALANCE_METHOD}"),
            Body::Json(body),
        ))
    }
    fn permissions_request(
        &self,
        _: &Credentials,
        _: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Err(SignError::NotOffered)
    }
    fn clock_tolerance_ms(&self) -> i64 {
        60_000
    }
    fn ticker_path(&self) -> &'static str {
        "/exchange/v1/public/get-tickers"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        TICKERS.read(body, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let value = json(body)?;
        let accounts = value["result"]["data"]
            .as_array()
            .ok_or_else(|| ParseError::new("no result.data"))?;
        let mut balances = Vec::new();
        for account in accounts {
            for row in account["position_balances"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let quantity = decimal(&row["quantity"])?;
                let reserved = decimal(&row["reserved_qty"])?;
                balances.push(Balance {
                    asset: row["instrument_name"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    free: quantity - reserved,
                    locked: reserved,
                });
            }
        }
        Ok(holdings(balances))
    }
    fn parse_permissions(&self, _: &str, _: &Credentials) -> Result<Permissions, ParseError> {
        Ok(Permissions::default())
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        let code = int(&value["code"]);
        if (200..300).contains(&reply.status) && code.unwrap_or(0) == 0 {
            return None;
        }
        let Some(code) = code.filter(|c| *c != 0) else {
            return by_status(reply);
        };
        let kind = match code {
            // One code for an unknown key and a wrong signature.
            40101 => DiagnosisKind::InvalidKey,
            40103 => DiagnosisKind::IpNotWhitelisted,
            40102 => CLOCK_SKEW,
            40104 => DiagnosisKind::PermissionMissing,
            42901 => rate_limited(reply),
            40801 => DiagnosisKind::ExchangeUnavailable,
            _ => {
                let fallback = by_status(reply).map(|r| r.kind);
                fallback.unwrap_or(DiagnosisKind::ExchangeUnavailable)
            }
        };
        Some(Refusal::new(
            kind,
            code,
            value["message"].as_str().unwrap_or_default(),
        ))
    }
}
