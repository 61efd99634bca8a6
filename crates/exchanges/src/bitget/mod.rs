//! Bitget v2: `/api/v2/spot/account/assets` for balances, `/api/v2/spot/account/info` for the
//! key's `authorities` and `ips`, `/api/v2/public/time` for the clock. Bodies carry `code`
//! ("00000" = success).

pub mod sign;

use crate::parse::{decimal, holdings, int, ip_list, json, ParseError};
use crate::prices::{Pair, Prices, TickerList};
use crate::refusal::{
    by_status, coded_reply, kind_by_status, rate_limited, CodedRefusal, Refusal, CLOCK_SKEW,
};
use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use crate::venue::{passphrase, AccessHeaders, SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Known, Permissions};
use serde_json::Value;

pub(crate) struct Bitget;

const HEADERS: AccessHeaders = AccessHeaders {
    key: "ACCESS-KEY",
    sign: "ACCESS-SIGN",
    timestamp: "ACCESS-TIMESTAMP",
    passphrase: "ACCESS-PASSPHRASE",
};

fn signed_get(path: &str, creds: &Credentials, ctx: &SignContext) -> SignedRequest {
    let timestamp = ctx.now_ms.to_string();
    let signature = sign::sign(creds.secret.expose(), &timestamp, "GET", path, "", "");
    HEADERS
        .apply(
            SignedRequest::get(path.to_owned()),
            creds,
            signature,
            timestamp,
            passphrase(creds).to_owned(),
        )
        .header("locale", "en-US".to_owned())
}

fn data(body: &str) -> Result<Value, ParseError> {
    let mut value = json(body)?;
    Ok(value["data"].take())
}

/// The all-tickers answer ([`Venue::ticker_path`]).
const TICKERS: TickerList = TickerList {
    rows: "/data",
    symbol: "symbol",
    pair: Pair::Glued,
    price: "lastPr",
};

impl Venue for Bitget {
    fn id(&self) -> &'static str {
        "bitget"
    }
    fn name(&self) -> &'static str {
        "Bitget"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/api/v2/public/time")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        int(&data(body)?["serverTime"]).ok_or_else(|| ParseError::new("no serverTime"))
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Ok(signed_get("/api/v2/spot/account/assets", creds, ctx))
    }
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Ok(signed_get("/api/v2/spot/account/info", creds, ctx))
    }
    fn clock_tolerance_ms(&self) -> i64 {
        30_000
    }
    fn ticker_path(&self) -> &'static str {
        "/api/v2/spot/market/tickers"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        TICKERS.read(body, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let rows = data(body)?;
        let rows = rows.as_array().ok_or_else(|| ParseError::new("no data"))?;
        let balances = rows
            .iter()
            .map(|row| {
                Ok(Balance {
                    asset: row["coin"].as_str().unwrap_or_default().to_owned(),
                    free: decimal(&row["available"])?,
                    // `frozen`: held by open orders; `locked`: locked by fiat merchants etc.
                    locked: decimal(&row["frozen"])? + decimal(&row["locked"])?,
                })
            })
            .collect::<Result<Vec<_>, ParseError>>()?;
        Ok(holdings(balances))
    }
    fn parse_permissions(&self, body: &str, _: &Credentials) -> Result<Permissions, ParseError> {
        let data = data(body)?;
        let authorities: Vec<String> = data["authorities"]
            .as_array()
            .ok_or_else(|| ParseError::new("no authorities"))?
            .iter()
            .filter_map(|a| a.as_str().map(str::to_ascii_lowercase))
            .collect();
        let has = |codes: &[&str]| {
            Known::from_bool(authorities.iter().any(|a| codes.contains(&a.as_str())))
        };
        let allowed_ips = ip_list(data["ips"].as_str().unwrap_or_default());
        // Current codes (`stow`, `wwow`, …) and the old `trade`/`readonly` pair both occur.
        Ok(Permissions {
            read: Known::from_bool(!authorities.is_empty()),
            spot_trade: has(&["stow", "trade"]),
            margin: has(&["smow", "trade"]),
            futures: has(&["coow", "cpow", "trade"]),
            withdraw: has(&["wwow"]),
            internal_transfer: has(&["wtow"]),
            ip_restricted: Known::from_bool(allowed_ips.is_some()),
            allowed_ips,
            created_at: None,
            expires_at: None,
        })
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        let CodedRefusal { code, msg } = match coded_reply(reply, "00000") {
            Ok(()) => return None,
            Err(None) => return by_status(reply),
            Err(Some(refused)) => refused,
        };
        if reply.status >= 500 {
            // Outages come with codes that also name auth failures (40010); the status decides.
            return by_status(reply).map(|r| Refusal::new(r.kind, &code, &msg));
        }
        let kind = match code.as_str() {
            "40001" | "40003" | "40011" | "40006" | "40037" => DiagnosisKind::InvalidKey,
            "40009" | "40010" => DiagnosisKind::BadSignature,
            "40012" => DiagnosisKind::WrongPassphrase,
            "40004" | "40008" | "40005" => CLOCK_SKEW,
            "40018" => DiagnosisKind::IpNotWhitelisted,
            "40014" => DiagnosisKind::PermissionMissing,
            "429" | "43011" => rate_limited(reply),
            _ => kind_by_status(reply),
        };
        Some(Refusal::new(kind, code, msg))
    }
}
