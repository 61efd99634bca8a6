//! Coinbase Advanced Trade: `/api/v3/brokerage/accounts` for balances, `/api/v3/brokerage/
//! key_permissions` for view/trade/transfer (no IP or expiry), `/api/v3/brokerage/time` for the
//! clock. Each request carries its own short-lived JWT. Refusals are plain HTTP statuses.

pub mod sign;

use self::sign::{jwt, Algorithm, JwtRequest};
use crate::parse::{decimal, holdings, int, json, ParseError};
use crate::prices::{collect, Prices};
use crate::refusal::{by_status, rate_limited, Refusal};
use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use crate::venue::{SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Known, Permissions};
use serde_json::Value;

pub(crate) struct Coinbase;

/// The most accounts Coinbase lists on one page; one account per currency, so a real user
/// still has several pages, which the checker follows through `cursor`.
const ACCOUNTS_QUERY: &str = "limit=250";
const ACCOUNTS_PATH: &str = "/api/v3/brokerage/accounts";

fn signed_get(
    path: &str,
    query: &str,
    creds: &Credentials,
    ctx: &SignContext,
) -> Result<SignedRequest, SignError> {
    let secret = creds.secret.expose();
    let token = jwt(
        Algorithm::for_key(creds.key_type, secret),
        secret,
        &JwtRequest {
            key_name: creds.api_key.expose(),
            method: "GET",
            host: &ctx.host,
            path,
            now_s: ctx.now_ms.div_euclid(1000),
            nonce: &ctx.random,
        },
    )?;
    let path_and_query = if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    };
    Ok(SignedRequest::get(path_and_query).header("Authorization", format!("Bearer {token}")))
}

impl Venue for Coinbase {
    fn id(&self) -> &'static str {
        "coinbase"
    }
    fn name(&self) -> &'static str {
        "Coinbase"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/api/v3/brokerage/time")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        let value = json(body)?;
        if let Some(ms) = int(&value["epochMillis"]) {
            return Ok(ms);
        }
        int(&value["epochSeconds"])
            .map(|s| s * 1000)
            .ok_or_else(|| ParseError::new("no epochMillis"))
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        signed_get(ACCOUNTS_PATH, ACCOUNTS_QUERY, creds, ctx)
    }
    fn next_balance_page(&self, body: &str) -> Result<Option<String>, ParseError> {
        let value = json(body)?;
        let cursor = value["cursor"].as_str().unwrap_or_default();
        Ok(
            (value["has_next"].as_bool() == Some(true) && !cursor.is_empty())
                .then(|| cursor.to_owned()),
        )
    }
    fn balance_page_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
        cursor: &str,
    ) -> Result<SignedRequest, SignError> {
        let cursor: String =
            percent_encoding::utf8_percent_encode(cursor, percent_encoding::NON_ALPHANUMERIC)
                .collect();
        // The JWT names the path alone: each page gets its own token for the same `uri`.
        signed_get(
            ACCOUNTS_PATH,
            &format!("{ACCOUNTS_QUERY}&cursor={cursor}"),
            creds,
            ctx,
        )
    }
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        signed_get("/api/v3/brokerage/key_permissions", "", creds, ctx)
    }
    fn ticker_path(&self) -> &'static str {
        "/api/v3/brokerage/market/products?product_type=SPOT"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        let value = json(body)?;
        let rows = value["products"]
            .as_array()
            .ok_or_else(|| ParseError::new("no products"))?;
        let rows = rows.iter().map(|row| {
            (
                row["base_currency_id"].as_str(),
                row["quote_currency_id"].as_str(),
                &row["price"],
            )
        });
        collect(rows, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let value = json(body)?;
        let rows = value["accounts"]
            .as_array()
            .ok_or_else(|| ParseError::new("no accounts"))?;
        let balances = rows
            .iter()
            .map(|row| {
                Ok(Balance {
                    asset: row["currency"].as_str().unwrap_or_default().to_owned(),
                    free: decimal(&row["available_balance"]["value"])?,
                    locked: decimal(&row["hold"]["value"])?,
                })
            })
            .collect::<Result<Vec<_>, ParseError>>()?;
        Ok(holdings(balances))
    }
    fn parse_permissions(&self, body: &str, _: &Credentials) -> Result<Permissions, ParseError> {
        let value = json(body)?;
        let flag = |name: &str| value[name].as_bool().map(Known::from_bool);
        let read = flag("can_view").ok_or_else(|| ParseError::new("no can_view"))?;
        Ok(Permissions {
            read,
            spot_trade: flag("can_trade").unwrap_or_default(),
            margin: Known::NotReported,
            futures: Known::NotReported,
            withdraw: flag("can_transfer").unwrap_or_default(),
            internal_transfer: Known::NotReported,
            ip_restricted: Known::NotReported,
            allowed_ips: None,
            created_at: None,
            expires_at: None,
        })
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        if (200..300).contains(&reply.status) {
            return None;
        }
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        let error = value["error"].as_str().unwrap_or_default().to_owned();
        let message = value["message"]
            .as_str()
            .or(value["error_details"].as_str())
            .unwrap_or_default()
            .to_owned();
        let text = format!("{error} {message}").to_ascii_lowercase();
        let kind = match reply.status {
            429 => rate_limited(reply),
            // A JWT refused for its signature, its key or its time all come back as 401.
            401 if text.contains("ip") && text.contains("allow") => DiagnosisKind::IpNotWhitelisted,
            401 if text.contains("expired") && !text.contains("jwt") && !text.contains("token") => {
                DiagnosisKind::KeyExpired
            }
            401 => DiagnosisKind::InvalidKey,
            403 if text.contains("ip")
                && (text.contains("allow") || text.contains("whitelist")) =>
            {
                DiagnosisKind::IpNotWhitelisted
            }
            403 => DiagnosisKind::PermissionMissing,
            _ => return by_status(reply),
        };
        let code = if error.is_empty() {
            format!("HTTP {}", reply.status)
        } else {
            error
        };
        Some(Refusal::new(kind, code, message))
    }
}
