//! KuCoin spot: `/api/v1/accounts` for balances, `/api/v1/user/api-key` for the calling key,
//! `/api/v1/timestamp` for the clock. Bodies carry `code` ("200000" = success).

pub mod sign;

use crate::parse::{decimal, from_millis, holdings, int, ip_list, json, ParseError};
use crate::prices::{Pair, Prices, TickerList};
use crate::refusal::{
    by_status, coded_reply, kind_by_status, rate_limited, CodedRefusal, Refusal, CLOCK_SKEW,
};
use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use crate::venue::{passphrase, AccessHeaders, SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Known, Permissions};
use serde_json::Value;

pub(crate) struct Kucoin;

/// Key version 3 (current keys): the passphrase header is HMAC'd with the secret.
const KEY_VERSION: &str = "3";

const HEADERS: AccessHeaders = AccessHeaders {
    key: "KC-API-KEY",
    sign: "KC-API-SIGN",
    timestamp: "KC-API-TIMESTAMP",
    passphrase: "KC-API-PASSPHRASE",
};

fn signed_get(endpoint: &str, creds: &Credentials, ctx: &SignContext) -> SignedRequest {
    let secret = creds.secret.expose();
    let timestamp = ctx.now_ms.to_string();
    let signature = sign::sign(secret, &timestamp, "GET", endpoint, "");
    let signed_passphrase = sign::passphrase(secret, passphrase(creds));
    HEADERS
        .apply(
            SignedRequest::get(endpoint.to_owned()),
            creds,
            signature,
            timestamp,
            signed_passphrase,
        )
        .header("KC-API-KEY-VERSION", KEY_VERSION.to_owned())
}

fn data(body: &str) -> Result<Value, ParseError> {
    let mut value = json(body)?;
    Ok(value["data"].take())
}

/// The all-tickers answer ([`Venue::ticker_path`]).
const TICKERS: TickerList = TickerList {
    rows: "/data/ticker",
    symbol: "symbol",
    pair: Pair::Separated('-'),
    price: "last",
};

impl Venue for Kucoin {
    fn id(&self) -> &'static str {
        "kucoin"
    }
    fn name(&self) -> &'static str {
        "KuCoin"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/api/v1/timestamp")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        int(&data(body)?).ok_or_else(|| ParseError::new("no data"))
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Ok(signed_get("/api/v1/accounts", creds, ctx))
    }
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Ok(signed_get("/api/v1/user/api-key", creds, ctx))
    }
    fn ticker_path(&self) -> &'static str {
        "/api/v1/market/allTickers"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        TICKERS.read(body, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let rows = data(body)?;
        let rows = rows.as_array().ok_or_else(|| ParseError::new("no data"))?;
        // One row per account type (main, trade, trade_hf, margin). A spot bot trades from the
        // trading account only (ccxt's spot `fetchBalance` reads `trade`, or `trade_hf` for
        // high-frequency accounts): funds in `main` must be moved first, so showing them would
        // promise the bot money it cannot use.
        let mut balances: Vec<Balance> = Vec::new();
        for row in rows
            .iter()
            .filter(|row| matches!(row["type"].as_str(), None | Some("trade" | "trade_hf")))
        {
            let asset = row["currency"].as_str().unwrap_or_default().to_owned();
            let free = decimal(&row["available"])?;
            let locked = decimal(&row["holds"])?;
            match balances.iter_mut().find(|b| b.asset == asset) {
                Some(existing) => {
                    existing.free += free;
                    existing.locked += locked;
                }
                None => balances.push(Balance {
                    asset,
                    free,
                    locked,
                }),
            }
        }
        Ok(holdings(balances))
    }
    fn parse_permissions(&self, body: &str, _: &Credentials) -> Result<Permissions, ParseError> {
        let data = data(body)?;
        let permission = data["permission"]
            .as_str()
            .ok_or_else(|| ParseError::new("no permission"))?;
        let has = |name: &str| Known::from_bool(permission.split(',').any(|p| p.trim() == name));
        let allowed_ips = ip_list(data["ipWhitelist"].as_str().unwrap_or_default());
        Ok(Permissions {
            read: has("General"),
            spot_trade: has("Spot"),
            margin: has("Margin"),
            futures: has("Futures"),
            // KuCoin's "Transfer" is the deposit/withdraw permission.
            withdraw: has("Transfer"),
            internal_transfer: has("InnerTransfer"),
            ip_restricted: Known::from_bool(allowed_ips.is_some()),
            allowed_ips,
            created_at: int(&data["createdAt"]).and_then(from_millis),
            expires_at: None,
        })
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        let CodedRefusal { code, msg } = match coded_reply(reply, "200000") {
            Ok(()) => return None,
            Err(None) => return by_status(reply),
            Err(Some(refused)) => refused,
        };
        let kind = match code.as_str() {
            "400001" | "400003" | "400008" | "400009" | "411100" => DiagnosisKind::InvalidKey,
            "400002" => CLOCK_SKEW,
            "400004" => DiagnosisKind::WrongPassphrase,
            "400005" => DiagnosisKind::BadSignature,
            "400006" => DiagnosisKind::IpNotWhitelisted,
            "400007" => DiagnosisKind::PermissionMissing,
            "429000" => rate_limited(reply),
            _ => kind_by_status(reply),
        };
        Some(Refusal::new(kind, code, msg))
    }
}
