//! OKX v5: `/api/v5/account/balance` for balances, `/api/v5/account/config` for the calling key's
//! `perm` and `ip`, `/api/v5/public/time` for the clock. Every body carries `code` ("0" = success),
//! often with HTTP 200.

pub mod sign;

use crate::parse::{balance_from, holdings, int, ip_list, json, optional_decimal, ParseError};
use crate::prices::{Pair, Prices, TickerList};
use crate::refusal::{
    by_status, coded_reply, kind_by_status, rate_limited, CodedRefusal, Refusal, CLOCK_SKEW,
};
use crate::sign::SignError;
use crate::transport::{Reply, SignedRequest};
use crate::venue::{passphrase, AccessHeaders, SignContext, Venue};
use coffre_model::{Balance, Credentials, DiagnosisKind, Known, Permissions};
use serde_json::Value;

pub(crate) struct Okx;

const HEADERS: AccessHeaders = AccessHeaders {
    key: "OK-ACCESS-KEY",
    sign: "OK-ACCESS-SIGN",
    timestamp: "OK-ACCESS-TIMESTAMP",
    passphrase: "OK-ACCESS-PASSPHRASE",
};

fn signed_get(path: &str, creds: &Credentials, ctx: &SignContext) -> SignedRequest {
    let timestamp = sign::timestamp(ctx.now_ms);
    let signature = sign::sign(creds.secret.expose(), &timestamp, "GET", path, "");
    HEADERS.apply(
        SignedRequest::get(path.to_owned()),
        creds,
        signature,
        timestamp,
        passphrase(creds).to_owned(),
    )
}

/// `data[0]` of an OKX envelope.
fn first_data(body: &str) -> Result<Value, ParseError> {
    let mut value = json(body)?;
    value["data"]
        .get_mut(0)
        .map(Value::take)
        .ok_or_else(|| ParseError::new("no data[0]"))
}

/// One `details` row, read as ccxt's `parseTradingBalance` does: the total is `eq`; what is free is
/// `availEq` when the account mode fills it (then the rest of `eq` is in use), otherwise
/// `availBal` and `frozenBal`. Multi-currency and portfolio margin modes leave `availBal` empty.
fn balance_row(row: &Value) -> Result<Balance, ParseError> {
    let asset = row["ccy"].as_str().unwrap_or_default();
    let total = optional_decimal(&row["eq"])?;
    Ok(match optional_decimal(&row["availEq"])? {
        Some(free) => balance_from(asset, Some(free), None, total),
        None => balance_from(
            asset,
            optional_decimal(&row["availBal"])?,
            optional_decimal(&row["frozenBal"])?,
            total,
        ),
    })
}

/// The all-tickers answer ([`Venue::ticker_path`]).
const TICKERS: TickerList = TickerList {
    rows: "/data",
    symbol: "instId",
    pair: Pair::Separated('-'),
    price: "last",
};

impl Venue for Okx {
    fn id(&self) -> &'static str {
        "okx"
    }
    fn name(&self) -> &'static str {
        "OKX"
    }
    fn time_path(&self) -> Option<&'static str> {
        Some("/api/v5/public/time")
    }
    fn parse_server_time_ms(&self, body: &str) -> Result<i64, ParseError> {
        int(&first_data(body)?["ts"]).ok_or_else(|| ParseError::new("no ts"))
    }
    fn balance_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Ok(signed_get("/api/v5/account/balance", creds, ctx))
    }
    fn permissions_request(
        &self,
        creds: &Credentials,
        ctx: &SignContext,
    ) -> Result<SignedRequest, SignError> {
        Ok(signed_get("/api/v5/account/config", creds, ctx))
    }
    fn clock_tolerance_ms(&self) -> i64 {
        30_000
    }
    fn ticker_path(&self) -> &'static str {
        "/api/v5/market/tickers?instType=SPOT"
    }
    fn parse_prices(&self, body: &str, quote: &str) -> Result<Prices, ParseError> {
        TICKERS.read(body, quote)
    }
    fn parse_balances(&self, body: &str) -> Result<Vec<Balance>, ParseError> {
        let data = first_data(body)?;
        let rows = data["details"].as_array().cloned().unwrap_or_default();
        let balances = rows
            .iter()
            .map(balance_row)
            .collect::<Result<Vec<_>, ParseError>>()?;
        Ok(holdings(balances))
    }
    fn parse_permissions(&self, body: &str, _: &Credentials) -> Result<Permissions, ParseError> {
        let data = first_data(body)?;
        let perm = data["perm"]
            .as_str()
            .ok_or_else(|| ParseError::new("no perm"))?;
        let has = |name: &str| Known::from_bool(perm.split(',').any(|p| p.trim() == name));
        let allowed_ips = ip_list(data["ip"].as_str().unwrap_or_default());
        // OKX's `trade` covers every product; it has no separate transfer permission.
        Ok(Permissions {
            read: has("read_only"),
            spot_trade: has("trade"),
            margin: has("trade"),
            futures: has("trade"),
            withdraw: has("withdraw"),
            internal_transfer: Known::NotReported,
            ip_restricted: Known::from_bool(allowed_ips.is_some()),
            allowed_ips,
            created_at: None,
            expires_at: None,
        })
    }
    fn refusal(&self, reply: &Reply) -> Option<Refusal> {
        let CodedRefusal { code, msg } = match coded_reply(reply, "0") {
            Ok(()) => return None,
            Err(None) => return by_status(reply),
            Err(Some(refused)) => refused,
        };
        let kind = match code.as_str() {
            "50111" | "50119" | "50100" | "50101" => DiagnosisKind::InvalidKey,
            "50113" | "50112" => DiagnosisKind::BadSignature,
            "50105" => DiagnosisKind::WrongPassphrase,
            "50102" => CLOCK_SKEW,
            "50110" => DiagnosisKind::IpNotWhitelisted,
            "50120" => DiagnosisKind::PermissionMissing,
            "50011" | "50061" => rate_limited(reply),
            "50001" | "50004" | "50013" => DiagnosisKind::ExchangeUnavailable,
            _ => kind_by_status(reply),
        };
        Some(Refusal::new(kind, code, msg))
    }
}
