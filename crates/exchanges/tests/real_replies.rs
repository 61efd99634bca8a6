//! The clients' readers fed replies the exchanges really published (documented examples, and the
//! ones ccxt records), in `data/real/<exchange>/` with their sources in `SOURCES.md`. Balances must
//! equal what ccxt 4.5.90's own `fetchBalance` makes of the same reply (`*.ccxt.json`, written by
//! `data/real/ccxt_expected.py`). Zero balances: ccxt lists every asset, Coffre only holdings, so
//! an asset ccxt shows with zero free and zero used must be absent from Coffre's list, and every
//! other ccxt asset must be present with the same free and used amounts.

use coffre_exchanges::replies;
use coffre_model::{Balance, Credentials, KeyType, Known};
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::PathBuf;
use std::str::FromStr;

const EXCHANGES: [&str; 10] = [
    "binance",
    "whitebit",
    "cryptocom",
    "okx",
    "bybit",
    "kraken",
    "kucoin",
    "coinbase",
    "bitget",
    "gate",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/real")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(dir().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn amount(value: &Value) -> Decimal {
    Decimal::from_str(value.as_str().unwrap_or("0")).unwrap()
}

fn creds() -> Credentials {
    Credentials {
        api_key: "opjSlSOzqIeXROT5rq".into(),
        secret: "c2VjcmV0".into(),
        passphrase: Some("passphrase".into()),
        key_type: KeyType::Hmac,
    }
}

/// Every `balance*.reply.json` of one exchange against its `.ccxt.json`; returns how many.
fn assert_balances_match_ccxt(exchange: &str) -> usize {
    let mut compared = 0;
    let folder = dir().join(exchange);
    let mut replies: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".reply.json"))
        .collect();
    replies.sort();
    for reply in replies {
        let name = reply.file_name().unwrap().to_string_lossy().into_owned();
        let body = std::fs::read_to_string(&reply).unwrap();
        let ours =
            replies::balances(exchange, &body).unwrap_or_else(|e| panic!("{exchange}/{name}: {e}"));
        let expected: Value = serde_json::from_str(&read(&format!(
            "{exchange}/{}",
            name.replace(".reply.json", ".ccxt.json")
        )))
        .unwrap();
        let mut held: Vec<Balance> = Vec::new();
        for entry in expected["balances"].as_array().unwrap() {
            let (free, used) = (amount(&entry["free"]), amount(&entry["used"]));
            let id = entry["id"].as_str().unwrap();
            let found = ours.iter().find(|b| b.asset == id);
            if free.is_zero() && used.is_zero() {
                assert!(found.is_none(), "{exchange}/{name}: {id} holds nothing");
                continue;
            }
            let found = found.unwrap_or_else(|| panic!("{exchange}/{name}: {id} dropped"));
            assert_eq!(
                (found.free, found.locked),
                (free, used),
                "{exchange}/{name}: {id} (free, used) differs from ccxt"
            );
            held.push(found.clone());
        }
        assert_eq!(ours.len(), held.len(), "{exchange}/{name}: {ours:?}");
        compared += 1;
    }
    compared
}

#[test]
fn every_exchange_reads_its_real_balance_replies_as_ccxt_does() {
    for exchange in EXCHANGES {
        assert!(
            assert_balances_match_ccxt(exchange) > 0,
            "{exchange} has no real balance reply"
        );
    }
}

#[test]
fn okx_multi_currency_margin_amounts_are_in_avail_eq_when_avail_bal_is_empty() {
    let body = read("okx/balance.multi_currency_margin.reply.json");
    let balances = replies::balances("okx", &body).unwrap();
    assert_eq!(balances.len(), 1, "{balances:?}");
    assert_eq!(balances[0].asset, "USDT");
    assert_eq!(balances[0].free, Decimal::from_str("28.21006347").unwrap());
}

#[test]
fn bybit_read_only_key_can_neither_trade_nor_move_funds() {
    let body = read("bybit/permissions.read_only.json");
    let p = replies::permissions("bybit", &body, &creds()).unwrap();
    assert_eq!(p.read, Known::Yes);
    assert_eq!(p.spot_trade, Known::No);
    assert_eq!(p.withdraw, Known::No, "readOnly: 1 cannot withdraw");
    assert_eq!(
        p.internal_transfer,
        Known::No,
        "readOnly: 1 cannot transfer"
    );
}

#[test]
fn bybit_documented_key_information_reads_as_documented() {
    let body = read("bybit/permissions.doc.json");
    let p = replies::permissions("bybit", &body, &creds()).unwrap();
    assert_eq!(p.spot_trade, Known::No);
    assert_eq!(p.internal_transfer, Known::Yes, "Wallet: AccountTransfer");
    assert_eq!(p.withdraw, Known::No);
    // `ips: ["*"]` is Bybit's "no IP bound".
    assert_eq!(p.ip_restricted, Known::No);
    assert_eq!(
        p.expires_at.map(|t| t.to_rfc3339()),
        Some("2023-05-15T03:13:24+00:00".to_owned())
    );
}

#[test]
fn bybit_days_left_give_the_deadline_when_the_reply_has_no_date() {
    let mut body: serde_json::Value =
        serde_json::from_str(&read("bybit/permissions.doc.json")).expect("fixture is JSON");
    // Derived from the documented reply: `expiredAt` left out, `deadlineDay: 88` kept.
    body["result"]
        .as_object_mut()
        .expect("result")
        .remove("expiredAt");
    let before = chrono::Utc::now();
    let p = replies::permissions("bybit", &body.to_string(), &creds()).unwrap();
    let expires = p.expires_at.expect("deadline from deadlineDay");
    let days = (expires - before).num_hours() as f64 / 24.0;
    assert!((87.9..88.1).contains(&days), "{days} days");
    body["result"]["deadlineDay"] = serde_json::json!(-1);
    let p = replies::permissions("bybit", &body.to_string(), &creds()).unwrap();
    assert_eq!(p.expires_at, None, "a negative count is no deadline");
}

#[test]
fn binance_transfers_are_on_when_either_transfer_box_is_ticked() {
    let read_transfer = |file: &str| {
        replies::permissions("binance", &read(file), &creds())
            .unwrap()
            .internal_transfer
    };
    assert_eq!(read_transfer("binance/permissions.doc.json"), Known::Yes);
    assert_eq!(
        read_transfer("binance/permissions.universal_only.json"),
        Known::Yes
    );
    assert_eq!(
        read_transfer("binance/permissions.no_transfer.json"),
        Known::No
    );
}

#[test]
fn binance_catalog_names_both_transfer_boxes_the_client_reads() {
    let binance = coffre_catalog::catalog().exchange("binance").unwrap();
    let labels: Vec<&str> = binance
        .labels(coffre_catalog::Permission::InternalTransfer)
        .map(|l| l.get("en"))
        .collect();
    assert_eq!(
        labels,
        ["Enable Internal Transfer", "Permits Universal Transfer"]
    );
}

#[test]
fn kucoin_documented_key_information_reads_as_documented() {
    let body = read("kucoin/permissions.doc.json");
    let p = replies::permissions("kucoin", &body, &creds()).unwrap();
    assert_eq!(p.read, Known::Yes);
    assert_eq!(p.spot_trade, Known::Yes);
    assert_eq!(p.margin, Known::Yes);
    assert_eq!(p.futures, Known::Yes);
    assert_eq!(p.withdraw, Known::Yes, "Transfer is deposit and withdrawal");
    assert_eq!(p.internal_transfer, Known::Yes, "InnerTransfer");
    // KuCoin masks the whitelist; the masked entries still say the key is IP-bound.
    assert_eq!(p.ip_restricted, Known::Yes);
    assert_eq!(
        p.allowed_ips,
        Some(vec!["203.**.154".to_owned(), "103.**.34".to_owned()])
    );
}

#[test]
fn okx_documented_account_configuration_reads_as_documented() {
    let body = read("okx/permissions.doc.json");
    let p = replies::permissions("okx", &body, &creds()).unwrap();
    assert_eq!(p.read, Known::Yes, "perm: read_only");
    // `trade` covers every product on OKX.
    assert_eq!(
        (p.spot_trade, p.margin, p.futures),
        (Known::Yes, Known::Yes, Known::Yes)
    );
    assert_eq!(p.withdraw, Known::Yes, "perm: withdraw");
    assert_eq!(p.internal_transfer, Known::NotReported);
    // `ip: ""` is a key bound to no IP.
    assert_eq!(p.ip_restricted, Known::No);
    assert_eq!(p.allowed_ips, None);
    assert_eq!(p.expires_at, None);
}

#[test]
fn bitget_documented_account_information_reads_as_documented() {
    let body = read("bitget/permissions.doc.json");
    let p = replies::permissions("bitget", &body, &creds()).unwrap();
    assert_eq!(p.read, Known::Yes, "authorities: readonly");
    // The example's old `trade` code stands for every trading product.
    assert_eq!(
        (p.spot_trade, p.margin, p.futures),
        (Known::Yes, Known::Yes, Known::Yes)
    );
    assert_eq!(p.withdraw, Known::No, "no wwow");
    assert_eq!(p.internal_transfer, Known::No, "no wtow");
    assert_eq!(p.ip_restricted, Known::Yes);
    assert_eq!(p.allowed_ips, Some(vec!["127.0.0.1".to_owned()]));
    assert_eq!(p.expires_at, None);
}

#[test]
fn kraken_documented_api_key_info_reads_as_documented() {
    let body = read("kraken/permissions.doc.json");
    let p = replies::permissions("kraken", &body, &creds()).unwrap();
    assert_eq!(p.read, Known::Yes, "query-funds");
    assert_eq!(p.spot_trade, Known::Yes, "modify-trades");
    assert_eq!(p.withdraw, Known::Yes, "withdraw-funds");
    assert_eq!(
        (p.margin, p.futures, p.internal_transfer),
        (Known::NotReported, Known::NotReported, Known::NotReported)
    );
    // `ipAllowlist: []` is no IP bound; `validUntil: "0"` is no expiry.
    assert_eq!(p.ip_restricted, Known::No);
    assert_eq!(p.expires_at, None);
    assert_eq!(
        p.created_at.map(|t| t.to_rfc3339()),
        Some("2026-03-03T13:01:40+00:00".to_owned())
    );
}

#[test]
fn coinbase_documented_key_permissions_read_as_documented() {
    let body = read("coinbase/permissions.doc.json");
    let p = replies::permissions("coinbase", &body, &creds()).unwrap();
    assert_eq!(p.read, Known::Yes, "can_view");
    assert_eq!(p.spot_trade, Known::Yes, "can_trade");
    assert_eq!(p.withdraw, Known::Yes, "can_transfer is deposit/withdrawal");
    // The reply says nothing of IPs, margin, futures or transfers between portfolios.
    assert_eq!(p.ip_restricted, Known::NotReported);
    assert_eq!(
        (p.margin, p.futures, p.internal_transfer),
        (Known::NotReported, Known::NotReported, Known::NotReported)
    );
    assert_eq!(p.expires_at, None);
}

#[test]
fn gate_documented_main_keys_read_as_documented_for_the_calling_key() {
    let body = read("gate/permissions.doc.json");
    // The listing masks keys (`c5dcfbf1f3a7*****`); the calling key is found by its prefix.
    let caller = Credentials {
        api_key: "c5dcfbf1f3a7d2e8b4a1".into(),
        ..creds()
    };
    let p = replies::permissions("gate", &body, &caller).unwrap();
    assert_eq!(p.read, Known::Yes);
    assert_eq!(p.spot_trade, Known::Yes, "spot, read_only: false");
    assert_eq!(p.futures, Known::No, "no futures permission");
    assert_eq!(p.internal_transfer, Known::No, "no wallet permission");
    assert_eq!(p.withdraw, Known::NotReported);
    assert_eq!(p.ip_restricted, Known::No, "ip_whitelist: []");
    assert_eq!(
        p.created_at.map(|t| t.to_rfc3339()),
        Some("2025-07-20T17:02:09+00:00".to_owned())
    );
    assert_eq!(p.expires_at, None);
    // A key the listing does not show gets no reading at all.
    let p = replies::permissions("gate", &body, &creds()).unwrap();
    assert_eq!(
        (p.read, p.spot_trade),
        (Known::NotReported, Known::NotReported)
    );
}

#[test]
fn kucoin_counts_only_the_trade_account_a_spot_bot_uses() {
    let body = read("kucoin/balance.doc.reply.json");
    let balances = replies::balances("kucoin", &body).unwrap();
    assert_eq!(balances.len(), 1, "{balances:?}");
    assert_eq!(balances[0].free, Decimal::from_str("26.66759503").unwrap());
}

#[test]
fn documented_error_replies_are_classified_as_documented() {
    let table: Value = serde_json::from_str(&read("errors.json")).unwrap();
    for (exchange, cases) in table.as_object().unwrap() {
        for case in cases.as_array().unwrap() {
            let status = case["status"].as_u64().unwrap() as u16;
            let body = case["body"].to_string();
            let (kind, _code) = replies::refusal(exchange, status, &body)
                .unwrap_or_else(|| panic!("{exchange}: {body} taken for a success"));
            let kind = serde_json::to_value(&kind).unwrap()["kind"].clone();
            assert_eq!(kind, case["kind"], "{exchange}: {body}");
        }
    }
}

#[test]
fn every_fixture_has_its_source() {
    let sources = read("SOURCES.md");
    for exchange in EXCHANGES {
        for entry in std::fs::read_dir(dir().join(exchange)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".ccxt.json") {
                continue;
            }
            let path = format!("{exchange}/{name}");
            assert!(sources.contains(&path), "{path} is not in SOURCES.md");
        }
    }
}
