//! What a checked key's balances are worth, against the loopback mocks' public tickers: each
//! exchange's value at the mock's fixed prices, the quote itself at 1, an asset without a market
//! not priced, a ticker that fails leaving the check ok, and one ticker read per exchange in a
//! `check_many`.

use crate::roundtrip::{account, checker, creds};
use coffre_mock_exchange::{last_price, start, Fault, MockAccount, MockBalance, MockOptions};
use coffre_model::CheckReport;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn quote_of(exchange: &str) -> String {
    coffre_catalog::catalog()
        .exchange(exchange)
        .and_then(|e| e.quote_currency.clone())
        .expect("a quote currency for every checkable exchange")
}

/// The ticker's path as the mock counts it (no query).
fn ticker_path(exchange: &str) -> &'static str {
    match exchange {
        "binance" => "/api/v3/ticker/price",
        "whitebit" => "/api/v4/public/ticker",
        "cryptocom" => "/exchange/v1/public/get-tickers",
        "okx" => "/api/v5/market/tickers",
        "bybit" => "/v5/market/tickers",
        "kraken" => "/0/public/Ticker",
        "kucoin" => "/api/v1/market/allTickers",
        "coinbase" => "/api/v3/brokerage/market/products",
        "bitget" => "/api/v2/spot/market/tickers",
        "gate" => "/api/v4/spot/tickers",
        other => panic!("no ticker path for {other}"),
    }
}

/// BTC (some of it in orders), ETH, the quote and a token no mock lists.
fn holding(exchange: &str, seed: &str) -> MockAccount {
    let mut a = account(exchange, seed);
    a.balances = Some(vec![
        MockBalance::new("BTC", "0.5", "0.1"),
        MockBalance::new("ETH", "2", "0"),
        MockBalance::new(&quote_of(exchange), "100.25", "0"),
        MockBalance::new("NOMARKET", "42", "0"),
    ]);
    a
}

/// What `holding` is worth at the mock's prices.
fn expected_total(exchange: &str) -> Decimal {
    let quote = quote_of(exchange);
    let price = |base| last_price(exchange, base, &quote).expect("the mock lists the market");
    d("0.6") * price("BTC") + d("2") * price("ETH") + d("100.25")
}

async fn checked(accounts: Vec<MockAccount>, exchange: &str) -> CheckReport {
    let mock = start(accounts.clone(), MockOptions::default())
        .await
        .unwrap();
    let checker = checker()
        .with_loopback_tls_authority(mock.tls_authority_pem())
        .unwrap();
    let report = checker
        .check(exchange, &creds(&accounts[0]), mock.url(exchange))
        .await;
    mock.shutdown().await;
    report
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_exchange_values_the_balances_at_its_own_ticker_in_its_quote() {
    for exchange in coffre_exchanges::supported() {
        let report = checked(vec![holding(exchange, "valued")], exchange).await;
        assert!(report.ok, "{exchange}: {:?}", report.diagnosis);
        let valuation = report.valuation.as_ref().expect("a valuation when ok");
        assert!(valuation.prices_read, "{exchange}");
        assert_eq!(valuation.quote, quote_of(exchange), "{exchange}");
        assert_eq!(valuation.total, expected_total(exchange), "{exchange}");
        assert_eq!(valuation.assets.len(), report.balances.len(), "{exchange}");
        for (asset, balance) in valuation.assets.iter().zip(&report.balances) {
            assert_eq!(asset.asset, balance.asset, "{exchange}: same order");
        }
        // Kraken names the quote `ZUSD` in balances: still the quote, worth exactly one.
        let quote_row = valuation
            .assets
            .iter()
            .find(|a| a.value == Some(d("100.25")))
            .unwrap_or_else(|| panic!("{exchange}: the quote is valued at 1: {valuation:?}"));
        assert_eq!(quote_row.price, Some(Decimal::ONE), "{exchange}");
        assert_eq!(
            valuation.unpriced(),
            vec!["NOMARKET".to_owned()],
            "{exchange}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticker_that_fails_leaves_the_check_ok_with_prices_unread() {
    for exchange in coffre_exchanges::supported() {
        let healthy = holding(exchange, "no-prices");
        // The fault turns the exchange's ticker down; it sits on a second account of the
        // exchange so the key checked is itself healthy.
        let mut down = account(exchange, "ticker-down");
        down.fault = Some(Fault::TickerUnavailable);
        let report = checked(vec![healthy, down], exchange).await;
        assert!(report.ok, "{exchange}: {:?}", report.diagnosis);
        assert!(report.diagnosis.is_none(), "{exchange}");
        let valuation = report.valuation.expect("balances were read");
        assert!(!valuation.prices_read, "{exchange}");
        assert_eq!(valuation.total, Decimal::ZERO, "{exchange}");
        assert!(
            valuation.assets.iter().all(|a| a.price.is_none()),
            "{exchange}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_many_reads_each_exchange_s_ticker_once_for_all_its_keys() {
    const KEYS: usize = 3;
    let accounts: Vec<MockAccount> = coffre_exchanges::supported()
        .iter()
        .flat_map(|exchange| (0..KEYS).map(move |n| holding(exchange, &format!("many{n}"))))
        .collect();
    let mock = start(accounts.clone(), MockOptions::default())
        .await
        .unwrap();
    let checker = checker()
        .with_loopback_tls_authority(mock.tls_authority_pem())
        .unwrap();
    let items = accounts
        .iter()
        .enumerate()
        .map(|(n, a)| {
            let url = mock.url(&a.exchange).map(str::to_owned);
            (n.to_string(), a.exchange.clone(), creds(a), url)
        })
        .collect();
    let reports = checker.check_many(items).await;
    for (_, report) in &reports {
        let valuation = report.valuation.as_ref().expect("valued");
        assert!(valuation.prices_read, "{}", report.exchange);
        assert_eq!(valuation.total, expected_total(&report.exchange));
    }
    for exchange in coffre_exchanges::supported() {
        assert_eq!(
            mock.requests(exchange, ticker_path(exchange)),
            1,
            "{exchange}: one ticker read for {KEYS} keys"
        );
    }
    mock.shutdown().await;
}

/// Published all-tickers replies (`data/real/<exchange>/tickers.doc.json`, sources in
/// `SOURCES.md`) and the prices in the exchange's quote they hold: `(exchange, quote, [(base,
/// last price as the reply writes it)])`. A market of another quote (OKX `BCD-BTC`) or a
/// derivative (Crypto.com `AVAXUSD-PERP`) prices nothing; neither do Binance's `LTCBTC` and
/// `ETHBTC`. Kraken names the base with its own code (`XXBTZUSD` prices `XXBT`, the code its
/// balances use) and always prices `ZUSD`, its spelling of the quote, at one.
/// `(base, last price)` pairs a reply holds.
type Lasts = &'static [(&'static str, &'static str)];

const PUBLISHED: [(&str, &str, Lasts); 10] = [
    ("okx", "USDT", &[]),
    ("kucoin", "USDT", &[("BTC", "11328.9")]),
    ("bitget", "USDT", &[("BTC", "37583.69")]),
    ("coinbase", "USD", &[("TONE", "0.01523")]),
    ("cryptocom", "USDT", &[]),
    ("binance", "USDT", &[]),
    ("bybit", "USDT", &[("BTC", "20533.13")]),
    ("gate", "USDT", &[("BTC3L", "2.46140352")]),
    ("kraken", "USD", &[("XXBT", "30303.20000"), ("ZUSD", "1")]),
    ("whitebit", "USDT", &[("BTC", "9164.09")]),
];

fn published(exchange: &str) -> String {
    let path = format!(
        "{}/tests/data/real/{exchange}/tickers.doc.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_prices_read_from_published_tickers_are_their_last_prices() {
    for (exchange, quote, expected) in PUBLISHED {
        assert_eq!(quote, quote_of(exchange), "{exchange}");
        let prices = coffre_exchanges::replies::prices(exchange, &published(exchange), quote)
            .unwrap_or_else(|e| panic!("{exchange}: {e}"));
        let expected: std::collections::BTreeMap<String, Decimal> = expected
            .iter()
            .map(|(base, last)| ((*base).to_owned(), d(last)))
            .collect();
        assert_eq!(prices, expected, "{exchange}");
    }
}

#[test]
fn against_a_published_ticker_the_quote_is_one_and_an_asset_without_its_market_is_not_priced() {
    let balance = |asset: &str, free: &str| coffre_model::Balance {
        asset: asset.to_owned(),
        free: d(free),
        locked: Decimal::ZERO,
    };
    // OKX's example lists BCD only against BTC: no BCD/USDT market, so no price, not even
    // through BTC.
    let balances = [
        balance("BTC", "2"),
        balance("USDT", "10"),
        balance("BCD", "5"),
    ];
    let okx =
        coffre_exchanges::replies::valuation("okx", &balances, "USDT", &published("okx")).unwrap();
    assert_eq!(okx.total, d("10"));
    assert_eq!(okx.assets[1].price, Some(Decimal::ONE));
    assert_eq!(okx.unpriced(), ["BTC", "BCD"]);
    let kucoin =
        coffre_exchanges::replies::valuation("kucoin", &balances, "USDT", &published("kucoin"))
            .unwrap();
    assert_eq!(kucoin.total, d("2") * d("11328.9") + d("10"));
    assert_eq!(kucoin.unpriced(), ["BCD"]);
}

#[test]
fn against_published_tickers_of_the_other_five_an_asset_without_its_market_is_not_priced() {
    let balance = |asset: &str, free: &str| coffre_model::Balance {
        asset: asset.to_owned(),
        free: d(free),
        locked: Decimal::ZERO,
    };
    // Binance's example lists LTC and ETH only against BTC: nothing but USDT is priced.
    let binance = [
        balance("LTC", "3"),
        balance("USDT", "10"),
        balance("ETH", "1"),
    ];
    let v =
        coffre_exchanges::replies::valuation("binance", &binance, "USDT", &published("binance"))
            .unwrap();
    assert_eq!(v.total, d("10"));
    assert_eq!(v.unpriced(), ["LTC", "ETH"]);
    for (exchange, base, last) in [
        ("bybit", "BTC", "20533.13"),
        ("gate", "BTC3L", "2.46140352"),
        ("whitebit", "BTC", "9164.09"),
    ] {
        let balances = [
            balance(base, "2"),
            balance("USDT", "10"),
            balance("ETH", "1"),
        ];
        let v =
            coffre_exchanges::replies::valuation(exchange, &balances, "USDT", &published(exchange))
                .unwrap();
        assert_eq!(v.total, d("2") * d(last) + d("10"), "{exchange}");
        assert_eq!(v.unpriced(), ["ETH"], "{exchange}");
    }
    // Kraken's balances name bitcoin `XXBT` and dollars `ZUSD`, as its pairs do.
    let kraken = [
        balance("XXBT", "2"),
        balance("ZUSD", "10"),
        balance("XETH", "1"),
    ];
    let v = coffre_exchanges::replies::valuation("kraken", &kraken, "USD", &published("kraken"))
        .unwrap();
    assert_eq!(v.total, d("2") * d("30303.20000") + d("10"));
    assert_eq!(v.unpriced(), ["XETH"]);
}

/// Kraken's pair names, legacy and plain, as `GET /0/public/Ticker` lists them (the documented
/// `XXBTZUSD` row's fields, under the names of other markets Kraken lists): Tezos is `XTZUSD`,
/// whose `Z` is its own and not the legacy `ZUSD`; `XBTUSDT` is in USDT, not USD.
#[test]
fn kraken_pairs_name_their_base_in_either_spelling() {
    let row = |last: &str| format!(r#"{{"a": ["{last}", "1", "1.000"], "c": ["{last}", "0.1"]}}"#);
    let body = format!(
        r#"{{"error": [], "result": {{"XXBTZUSD": {}, "USDTZUSD": {}, "XTZUSD": {}, "SOLUSD": {}, "XBTUSDT": {}}}}}"#,
        row("30303.2"),
        row("0.99985"),
        row("0.7431"),
        row("142.5"),
        row("30290.1"),
    );
    let prices = coffre_exchanges::replies::prices("kraken", &body, "USD").unwrap();
    let expected: std::collections::BTreeMap<String, Decimal> = [
        ("XXBT", "30303.2"),
        ("USDT", "0.99985"),
        ("XTZ", "0.7431"),
        ("SOL", "142.5"),
        ("ZUSD", "1"),
    ]
    .iter()
    .map(|(base, last)| ((*base).to_owned(), d(last)))
    .collect();
    assert_eq!(prices, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_usdt_balance_is_priced_in_dollars_on_the_usd_exchanges() {
    for exchange in ["coinbase", "kraken"] {
        let mut a = account(exchange, "usdt-in-usd");
        a.balances = Some(vec![MockBalance::new("USDT", "250", "50")]);
        let report = checked(vec![a], exchange).await;
        assert!(report.ok, "{exchange}: {:?}", report.diagnosis);
        let valuation = report.valuation.expect("valued");
        let price = last_price(exchange, "USDT", "USD").expect("the mock lists USDT/USD");
        assert_eq!(valuation.assets[0].asset, "USDT", "{exchange}");
        assert_eq!(valuation.assets[0].price, Some(price), "{exchange}");
        assert_eq!(valuation.total, d("300") * price, "{exchange}");
        assert!(valuation.unpriced().is_empty(), "{exchange}");
    }
}
