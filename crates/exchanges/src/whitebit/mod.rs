//! WhiteBIT: every private call is a signed JSON POST; `/api/v4/trade-account/balance` for the
//! spot balance. WhiteBIT does not describe the calling key, so permissions stay not reported.
//! Errors are `{"code": N, "message": …}` and are told apart by their message.

pub mod sign;

use crate::parse::{decimal, holdings, int, json, ParseError};
use crate::prices::{collect, split, Prices};
use crate::refusal::{by_status, rate_limited, Refusal, CLOCK_SKEW};
use crate::sign::SignError;
use crate::transport::{Body, Reply, SignedRequest};
use crate::venue::{SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Permissions};
use serde_json::{json, Value};

pub(crate) struct Whitebit;

const BALANCE_PATH: &str = "/api/v4/trade-account/balance";

impl Venue for Whitebit {
    fn id(&self) -> &'static str {
        "whitebit"
    }
    fn name(&self) -> &'static str {
        "WhiteBIT"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/api/v4/public/time")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        let time = int(&json(body)?["time"]).ok_or_else(|| ParseError::new("no time"))?;
        // Documented in seconds; accept milliseconds too.
        Ok(if time < 100_000_000_000 {
            time * 1000
        } else {
            time
        })
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        // nonceWindow: the nonce is then checked against the server clock (±5 s), which turns a
        // wrong clock into a clear error instead of a silent pass.
        let body = json!({
            "request": BALANCE_PATH,
            "nonce": ctx.nonce.to_string(),
            "nonceWindow": true,
        })
        .to_string();
        let signed = sign::sign(creds.secret.expose(), &body);
        Ok(
            SignedRequest::post(BALANCE_PATH.to_owned(), Body::Json(body))
                .header("X-TXC-APIKEY", creds.api_key.expose().to_owned())
                .header("X-TXC-PAYLOAD", signed.payload)
                .header("X-TXC-SIGNATURE", signed.signature),
        )
    }
    fn permissions_request(
        &self,
        _: &Credentials,
        _: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Err(SignError::NotOffered)
    }
    fn ticker_path(&self) -> &'static str {
        "/api/v4/public/ticker"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        let value = json(body)?;
        let markets = value
            .as_object()
            .ok_or_else(|| ParseError::new("no ticker map"))?;
        let rows = markets.iter().map(|(market, row)| {
            let (base, of) = split(market, '_');
            (base, of, &row["last_price"])
        });
        collect(rows, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let value = json(body)?;
        let map = value
            .as_object()
            .ok_or_else(|| ParseError::new("not an object"))?;
        let balances = map
            .iter()
            .map(|(asset, row)| {
                Ok(Balance {
                    asset: asset.clone(),
                    free: decimal(&row["available"])?,
                    locked: decimal(&row["freeze"])?,
                })
            })
            .collect::<Result<Vec<_>, ParseError>>()?;
        Ok(holdings(balances))
    }
    fn parse_permissions(&self, _: &str, _: &Credentials) -> Result<Permissions, ParseError> {
        Ok(Permissions::default())
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        if (200..300).contains(&reply.status) {
            return None;
        }
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        let message = value["message"].as_str().unwrap_or_default();
        let code = int(&value["code"])
            .map(|c| c.to_string())
            .unwrap_or_default();
        let lower = message.to_ascii_lowercase();
        let kind = if reply.status == 429 {
            rate_limited(reply)
        } else if lower.contains("nonce") && lower.contains("second") {
            CLOCK_SKEW
        } else if lower.contains("enable your key") {
            // One message for a disabled key and a non-whitelisted IP.
            DiagnosisKind::IpNotWhitelisted
        } else if lower.contains("permission") {
            DiagnosisKind::PermissionMissing
        } else if lower.contains("expired") {
            DiagnosisKind::KeyExpired
        } else if lower.contains("unauthorized request") || lower.contains("invalid payload") {
            // WhiteBIT answers the same for an unknown key and a wrong secret.
            DiagnosisKind::InvalidKey
        } else if lower.contains("too many requests") {
            rate_limited(reply)
        } else {
            return by_status(reply).map(|r| Refusal {
                code: Some(code.clone()).filter(|c| !c.is_empty()).or(r.code),
                message: Some(message.to_owned())
                    .filter(|m| !m.is_empty())
                    .or(r.message),
                ..r
            });
        };
        Some(Refusal::new(kind, code, message))
    }
}
