//! Public market lists in each exchange's own schema, so third-party clients (ccxt) that load
//! markets before a balance call work unchanged. Two spot pairs are enough: BTC/USDT and ETH/USDT.

use axum::response::Response;
use chrono::Utc;
use serde_json::{json, Value};

use super::json;

/// (base, quote, price tick, quantity step) of each pair every mock exchange lists.
const PAIRS: [(&str, &str, &str, &str); 2] = [
    ("BTC", "USDT", "0.01", "0.00001"),
    ("ETH", "USDT", "0.01", "0.0001"),
];

/// When the pairs were listed (2018-01-19, as on most of these venues), in seconds.
const LISTED_AT_S: i64 = 1_516_378_650;

/// Binance `GET /api/v3/exchangeInfo`.
pub(super) fn binance() -> Response {
    let symbols: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            json!({
                "symbol": format!("{base}{quote}"), "status": "TRADING",
                "baseAsset": base, "baseAssetPrecision": 8, "quoteAsset": quote,
                "quotePrecision": 8, "quoteAssetPrecision": 8,
                "baseCommissionPrecision": 8, "quoteCommissionPrecision": 8,
                "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"],
                "icebergAllowed": true, "ocoAllowed": true, "otoAllowed": true,
                "quoteOrderQtyMarketAllowed": true, "allowTrailingStop": true,
                "cancelReplaceAllowed": true, "amendAllowed": true,
                "isSpotTradingAllowed": true, "isMarginTradingAllowed": true,
                "filters": [
                    {"filterType": "PRICE_FILTER", "minPrice": tick, "maxPrice": "1000000.00000000", "tickSize": tick},
                    {"filterType": "LOT_SIZE", "minQty": step, "maxQty": "9000.00000000", "stepSize": step},
                    {"filterType": "NOTIONAL", "minNotional": "5.00000000", "applyMinToMarket": true,
                     "maxNotional": "9000000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5},
                ],
                "permissions": [], "permissionSets": [["SPOT", "MARGIN"]],
                "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
                "allowedSelfTradePreventionModes": ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"],
            })
        })
        .collect();
    json(
        200,
        json!({
            "timezone": "UTC",
            "serverTime": Utc::now().timestamp_millis(),
            "rateLimits": [
                {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000},
                {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 100},
            ],
            "exchangeFilters": [],
            "symbols": symbols,
        }),
    )
}

/// OKX `GET /api/v5/public/instruments?instType=SPOT`.
pub(super) fn okx() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            json!({
                "instType": "SPOT", "instId": format!("{base}-{quote}"), "instFamily": "", "uly": "",
                "baseCcy": base, "quoteCcy": quote, "settleCcy": "", "category": "1",
                "ctMult": "", "ctType": "", "ctVal": "", "ctValCcy": "", "expTime": "", "optType": "", "stk": "",
                "lever": "10", "listTime": (LISTED_AT_S * 1000).to_string(), "auctionEndTime": "",
                "lotSz": step, "minSz": step, "tickSz": tick, "state": "live", "ruleType": "normal",
                "maxLmtSz": "9999999999", "maxMktSz": "1000000", "maxLmtAmt": "20000000",
                "maxMktAmt": "1000000", "maxTwapSz": "9999999999", "maxIcebergSz": "9999999999",
                "maxTriggerSz": "9999999999", "maxStopSz": "1000000", "futureSettlement": false,
            })
        })
        .collect();
    json(200, json!({"code": "0", "msg": "", "data": data}))
}

/// Bybit `GET /v5/market/instruments-info?category=spot`.
pub(super) fn bybit() -> Response {
    let list: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            json!({
                "symbol": format!("{base}{quote}"), "baseCoin": base, "quoteCoin": quote,
                "innovation": "0", "status": "Trading", "marginTrading": "utaOnly", "stTag": "0",
                "lotSizeFilter": {"basePrecision": step, "quotePrecision": "0.00000001",
                    "minOrderQty": step, "maxOrderQty": "9000", "minOrderAmt": "1", "maxOrderAmt": "2000000"},
                "priceFilter": {"tickSize": tick},
                "riskParameters": {"priceLimitRatioX": "0.01", "priceLimitRatioY": "0.02"},
            })
        })
        .collect();
    json(
        200,
        json!({
            "retCode": 0, "retMsg": "OK",
            "result": {"category": "spot", "list": list, "nextPageCursor": ""},
            "retExtInfo": {}, "time": Utc::now().timestamp_millis(),
        }),
    )
}

/// KuCoin `GET /api/v2/symbols`.
pub(super) fn kucoin() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            let symbol = format!("{base}-{quote}");
            json!({
                "symbol": symbol, "name": symbol, "baseCurrency": base, "quoteCurrency": quote,
                "feeCurrency": quote, "market": "USDS", "baseMinSize": step, "quoteMinSize": "0.1",
                "baseMaxSize": "10000000000", "quoteMaxSize": "99999999", "baseIncrement": step,
                "quoteIncrement": "0.000001", "priceIncrement": tick, "priceLimitRate": "0.1",
                "minFunds": "0.1", "isMarginEnabled": true, "enableTrading": true, "feeCategory": 1,
                "makerFeeCoefficient": "1.00", "takerFeeCoefficient": "1.00", "st": false,
            })
        })
        .collect();
    json(200, json!({"code": "200000", "data": data}))
}

/// Gate `GET /api/v4/spot/currency_pairs`.
pub(super) fn gate_spot() -> Response {
    let pairs: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, _)| {
            let id = format!("{base}_{quote}");
            json!({
                "id": id, "base": base, "base_name": base, "quote": quote, "quote_name": quote,
                "fee": "0.2", "min_base_amount": "0.00001", "min_quote_amount": "3",
                "max_base_amount": "", "max_quote_amount": "5000000",
                "amount_precision": 6, "precision": 2, "trade_status": "tradable",
                "sell_start": LISTED_AT_S, "buy_start": LISTED_AT_S, "delisting_time": 0,
                "type": "normal", "trade_url": format!("https://www.gate.io/trade/{id}"), "st_tag": false,
            })
        })
        .collect();
    json(200, Value::Array(pairs))
}

/// Gate `GET /api/v4/margin/currency_pairs`.
pub(super) fn gate_margin() -> Response {
    let pairs: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, _)| {
            json!({
                "id": format!("{base}_{quote}"), "base": base, "quote": quote, "leverage": 10,
                "min_base_amount": "0.0001", "min_quote_amount": "1", "max_quote_amount": "1000000",
                "status": 1,
            })
        })
        .collect();
    json(200, Value::Array(pairs))
}

/// KuCoin `GET /api/v3/margin/symbols` (signed: ccxt asks for it whenever it holds a key).
pub(super) fn kucoin_margin() -> Response {
    let items: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            let symbol = format!("{base}-{quote}");
            json!({
                "symbol": symbol, "name": symbol, "enableTrading": true, "market": "USDS",
                "baseCurrency": base, "quoteCurrency": quote, "baseIncrement": step,
                "baseMinSize": step, "quoteIncrement": "0.000001", "quoteMinSize": "0.1",
                "baseMaxSize": "10000000000", "quoteMaxSize": "99999999", "priceIncrement": tick,
                "feeCurrency": quote, "priceLimitRate": "0.1", "minFunds": "0.1",
            })
        })
        .collect();
    json(
        200,
        json!({"code": "200000", "data": {"timestamp": Utc::now().timestamp_millis(), "items": items}}),
    )
}

/// KuCoin `GET /api/v1/isolated/symbols` (signed, asked for alongside the margin symbols).
pub(super) fn kucoin_isolated() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, _)| {
            let symbol = format!("{base}-{quote}");
            json!({
                "symbol": symbol, "symbolName": symbol, "baseCurrency": base, "quoteCurrency": quote,
                "maxLeverage": 10, "flDebtRatio": "0.97", "tradeEnable": true,
                "autoRenewMaxDebtRatio": "0.96", "baseBorrowEnable": true, "quoteBorrowEnable": true,
                "baseTransferInEnable": true, "quoteTransferInEnable": true,
                "baseBorrowCoefficient": "1", "quoteBorrowCoefficient": "1",
            })
        })
        .collect();
    json(200, json!({"code": "200000", "data": data}))
}

/// Bitget `GET /api/v2/spot/public/symbols`.
pub(super) fn bitget() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, _)| {
            json!({
                "symbol": format!("{base}{quote}"), "baseCoin": base, "quoteCoin": quote,
                "minTradeAmount": "0", "maxTradeAmount": "10000000000",
                "takerFeeRate": "0.001", "makerFeeRate": "0.001",
                "pricePrecision": "2", "quantityPrecision": "5", "quotePrecision": "8",
                "status": "online", "minTradeUSDT": "1",
                "buyLimitPriceRatio": "0.05", "sellLimitPriceRatio": "0.05",
                "areaSymbol": "no", "orderQuantity": "200",
                "openTime": (LISTED_AT_S * 1000).to_string(), "offTime": "",
            })
        })
        .collect();
    json(
        200,
        json!({"code": "00000", "msg": "success", "requestTime": Utc::now().timestamp_millis(), "data": data}),
    )
}

/// Kraken `GET /0/public/AssetPairs` (Kraken calls bitcoin XBT and prefixes legacy assets X/Z).
pub(super) fn kraken() -> Response {
    let mut result = serde_json::Map::new();
    for (base, quote, tick, step) in PAIRS {
        let (altbase, kbase) = match base {
            "BTC" => ("XBT", "XXBT"),
            other => (other, if other == "ETH" { "XETH" } else { other }),
        };
        let altname = format!("{altbase}{quote}");
        result.insert(
            altname.clone(),
            json!({
                "altname": altname, "wsname": format!("{altbase}/{quote}"),
                "aclass_base": "currency", "base": kbase, "aclass_quote": "currency", "quote": quote,
                "lot": "unit", "cost_decimals": 5, "pair_decimals": 2, "lot_decimals": 8,
                "lot_multiplier": 1, "leverage_buy": [2, 3], "leverage_sell": [2, 3],
                "fees": [[0, 0.4], [10000, 0.35]], "fees_maker": [[0, 0.25], [10000, 0.2]],
                "fee_volume_currency": "ZUSD", "margin_call": 80, "margin_stop": 40,
                "ordermin": step, "costmin": "0.5", "tick_size": tick, "status": "online",
            }),
        );
    }
    json(200, json!({"error": [], "result": result}))
}

/// Bitget `GET /api/v2/margin/currencies` (ccxt reads it with the spot symbols).
pub(super) fn bitget_margin() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, step)| {
            json!({
                "symbol": format!("{base}{quote}"), "baseCoin": base, "quoteCoin": quote,
                "maxCrossedLeverage": "3", "maxIsolatedLeverage": "10",
                "warningRiskRatio": "0.8", "liquidationRiskRatio": "1",
                "minTradeAmount": step, "maxTradeAmount": "100",
                "takerFeeRate": "0.001", "makerFeeRate": "0.001",
                "priceScale": "2", "quantityScale": "5", "minTradeUSDT": "5",
                "isBorrowable": true, "userMinBorrow": step, "status": "1",
                "isIsolatedBaseBorrowable": true, "isIsolatedQuoteBorrowable": true,
                "isCrossBorrowable": true,
            })
        })
        .collect();
    json(
        200,
        json!({"code": "00000", "msg": "success", "requestTime": Utc::now().timestamp_millis(), "data": data}),
    )
}

/// WhiteBIT `GET /api/v4/public/markets` (`stock` is the base asset, `money` the quote).
pub(super) fn whitebit() -> Response {
    let markets: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, _, step)| {
            json!({
                "name": format!("{base}_{quote}"), "stock": base, "money": quote,
                "stockPrec": "5", "moneyPrec": "2", "feePrec": "4",
                "makerFee": "0.1", "takerFee": "0.1", "minAmount": step, "minTotal": "5",
                "maxTotal": "10000000000", "tradesEnabled": true, "isCollateral": true, "type": "spot",
            })
        })
        .collect();
    json(200, Value::Array(markets))
}

/// Crypto.com Exchange `GET /exchange/v1/public/get-instruments`.
pub(super) fn cryptocom() -> Response {
    let data: Vec<Value> = PAIRS
        .iter()
        .map(|(base, quote, tick, step)| {
            json!({
                "symbol": format!("{base}_{quote}"), "inst_type": "CCY_PAIR",
                "display_name": format!("{base}/{quote}"), "base_ccy": base, "quote_ccy": quote,
                "quote_decimals": 2, "quantity_decimals": 5,
                "price_tick_size": tick, "qty_tick_size": step, "max_leverage": "50",
                "tradable": true, "expiry_timestamp_ms": 0, "beta_product": false,
                "margin_buy_enabled": true, "margin_sell_enabled": true,
            })
        })
        .collect();
    json(
        200,
        json!({"id": 1, "method": "public/get-instruments", "code": 0, "result": {"data": data}}),
    )
}
