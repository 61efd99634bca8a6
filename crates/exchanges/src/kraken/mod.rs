//! Kraken spot: `POST /0/private/BalanceEx` for balances, `POST /0/private/GetApiKeyInfo` for the
//! calling key, `GET /0/public/Time` for the clock. Errors come as `{"error": ["EAPI:…"]}`,
//! usually with HTTP 200. Nonces must arrive in increasing order: the second request leaves
//! `REQUEST_SPACING` after the first, and a nonce overtaken anyway is resent once.

pub mod sign;

use crate::parse::{decimal, holdings, int, json, string_list, ParseError};
use crate::prices::{collect, Prices};
use crate::refusal::{by_status, kind_by_status, rate_limited, Refusal, CLOCK_SKEW};
use crate::sign::SignError;
use crate::transport::{Body, Reply, SignedRequest};
use crate::venue::{SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Known, Permissions};
use serde_json::Value;
use std::time::Duration;

pub(crate) struct Kraken;

/// Enough for the first request to reach Kraken before the second on separate connections.
const REQUEST_SPACING: Duration = Duration::from_millis(25);
const INVALID_NONCE: &str = "EAPI:Invalid nonce";

fn signed_post(
    path: &str,
    creds: &Credentials,
    ctx: &SignContext,
) -> Result<SignedRequest, SignError> {
    let nonce = ctx.nonce.to_string();
    let body = format!("nonce={nonce}");
    let signature = sign::sign(creds.secret.expose(), path, &nonce, &body)?;
    Ok(SignedRequest::post(path.to_owned(), Body::Form(body))
        .header("API-Key", creds.api_key.expose().to_owned())
        .header("API-Sign", signature))
}

fn result(body: &str) -> Result<Value, ParseError> {
    let mut value = json(body)?;
    Ok(value["result"].take())
}

impl Venue for Kraken {
    fn id(&self) -> &'static str {
        "kraken"
    }
    fn name(&self) -> &'static str {
        "Kraken"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/0/public/Time")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        let seconds =
            int(&result(body)?["unixtime"]).ok_or_else(|| ParseError::new("no unixtime"))?;
        Ok(seconds * 1000)
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        signed_post("/0/private/BalanceEx", creds, ctx)
    }
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        signed_post("/0/private/GetApiKeyInfo", creds, ctx)
    }
    fn request_spacing(&self) -> Duration {
        REQUEST_SPACING
    }
    fn resend_fixes(&self, refusal: &Refusal) -> bool {
        refusal
            .code
            .as_deref()
            .is_some_and(|code| code.starts_with(INVALID_NONCE))
    }
    fn clock_tolerance_ms(&self) -> i64 {
        // Kraken's nonce is a counter, not a time: a wrong clock never causes a refusal.
        i64::MAX
    }
    fn ticker_path(&self) -> &'static str {
        "/0/public/Ticker"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        let value = result(body)?;
        let pairs = value
            .as_object()
            .ok_or_else(|| ParseError::new("no ticker result"))?;
        // Pairs are named with the codes the balances use (`XXBTZUSD`: XXBT in ZUSD; newer ones
        // plain, `SOLUSD`), so the base is the pair name less its quote, in either spelling.
        // Legacy codes are four letters (`XXBT`, `USDT`): a shorter rest means the `Z` belongs to
        // the base (`XTZUSD` is Tezos in USD, not `XT` in ZUSD).
        let legacy_quote = format!("Z{quote}");
        let rows = pairs.iter().map(|(pair, row)| {
            let base = pair
                .strip_suffix(legacy_quote.as_str())
                .filter(|base| base.len() == 4)
                .or_else(|| pair.strip_suffix(quote))
                .filter(|base| !base.is_empty());
            (base, Some(quote), &row["c"][0])
        });
        let mut prices = collect(rows, quote)?;
        // Balances name US dollars `ZUSD`: the quote itself, worth exactly one.
        prices.insert(legacy_quote, rust_decimal::Decimal::ONE);
        Ok(prices)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let result = result(body)?;
        let map = result
            .as_object()
            .ok_or_else(|| ParseError::new("no result"))?;
        let balances = map
            .iter()
            .map(|(asset, row)| {
                // `BalanceEx` gives the total and what open orders hold; `Balance` only the total.
                let total = decimal(&row["balance"])?;
                let held = decimal(&row["hold_trade"])?;
                Ok(Balance {
                    asset: asset.clone(),
                    free: total - held,
                    locked: held,
                })
            })
            .collect::<Result<Vec<_>, ParseError>>()?;
        Ok(holdings(balances))
    }
    fn parse_permissions(&self, body: &str, _: &Credentials) -> Result<Permissions, ParseError> {
        let result = result(body)?;
        let permissions = result["permissions"]
            .as_array()
            .ok_or_else(|| ParseError::new("no permissions"))?;
        let has = |names: &[&str]| {
            Known::from_bool(
                permissions
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|p| names.contains(&p)),
            )
        };
        let allowed_ips = string_list(&result["ipAllowlist"]);
        let valid_until = int(&result["validUntil"]).filter(|s| *s > 0);
        Ok(Permissions {
            read: has(&["query-funds"]),
            spot_trade: has(&["modify-trades", "create-modify-orders"]),
            margin: Known::NotReported,
            futures: Known::NotReported,
            withdraw: has(&["withdraw-funds"]),
            internal_transfer: Known::NotReported,
            ip_restricted: Known::from_bool(allowed_ips.is_some()),
            allowed_ips,
            created_at: int(&result["createdTime"])
                .and_then(|s| chrono::DateTime::from_timestamp(s, 0)),
            expires_at: valid_until.and_then(|s| chrono::DateTime::from_timestamp(s, 0)),
        })
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        let errors: Vec<&str> = value["error"]
            .as_array()
            .map(|e| e.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some(first) = errors.first().copied() else {
            return by_status(reply);
        };
        let kind = match first {
            e if e.starts_with("EAPI:Invalid key") => DiagnosisKind::InvalidKey,
            e if e.starts_with("EAPI:Invalid signature") => DiagnosisKind::BadSignature,
            // A nonce window is time-based; without one this means another program used a higher nonce.
            e if e.starts_with(INVALID_NONCE) => CLOCK_SKEW,
            e if e.starts_with("EGeneral:Permission denied") => DiagnosisKind::PermissionMissing,
            e if e.contains("IP") || e.contains("ip address") => DiagnosisKind::IpNotWhitelisted,
            e if e.contains("expired") => DiagnosisKind::KeyExpired,
            e if e.starts_with("EAPI:Rate limit") || e.contains("Throttled") => rate_limited(reply),
            e if e.starts_with("EService") => DiagnosisKind::ExchangeUnavailable,
            _ => kind_by_status(reply),
        };
        Some(Refusal::new(kind, first, first))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_overtaken_nonce_is_worth_resending() {
        let refusal = |code: &str| Refusal::new(CLOCK_SKEW, code, code);
        assert!(Kraken.resend_fixes(&refusal("EAPI:Invalid nonce")));
        assert!(!Kraken.resend_fixes(&refusal("EAPI:Invalid signature")));
        assert!(!Kraken.resend_fixes(&refusal("EAPI:Invalid key")));
        assert!(!Kraken.resend_fixes(&Refusal {
            kind: DiagnosisKind::NetworkError,
            code: None,
            message: None,
        }));
    }
}
