//! Signed requests over 127.0.0.1 against the running mocks: a correct call passes, and a tampered
//! signature, a wrong passphrase and an out-of-window timestamp get the exchange's own refusal.

use coffre_mock_exchange::{
    demo_accounts, start, Fault, MockAccount, MockHandle, MockOptions, EXCHANGES,
};
use serde_json::Value;

use super::signer::{balance_call, tamper_signature, Call};

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The healthy demo account of each exchange (the first one listed).
fn healthy(exchange: &str) -> MockAccount {
    demo_accounts()
        .into_iter()
        .find(|a| a.exchange == exchange && a.fault.is_none())
        .unwrap()
}

async fn send(handle: &MockHandle, exchange: &str, call: &Call) -> (u16, Value) {
    let base = handle.url(exchange).unwrap();
    let url = match &call.query {
        Some(q) => format!("{base}{}?{q}", call.path),
        None => format!("{base}{}", call.path),
    };
    let client = client(handle);
    let method = reqwest::Method::from_bytes(call.method.as_bytes()).unwrap();
    let mut req = client.request(method, url).body(call.body.clone());
    for (k, v) in &call.headers {
        if !k.eq_ignore_ascii_case("host") {
            req = req.header(k, v);
        }
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

fn host(handle: &MockHandle, exchange: &str) -> String {
    handle
        .url(exchange)
        .unwrap()
        .split_once("://")
        .unwrap()
        .1
        .to_owned()
}

/// A client that trusts the mocks' TLS authority (for the `https://` mocks) and nothing else.
fn client(handle: &MockHandle) -> reqwest::Client {
    let authority = reqwest::Certificate::from_pem(handle.tls_authority_pem().as_bytes()).unwrap();
    reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(authority)
        .build()
        .unwrap()
}

/// The exchange's error code, wherever its body keeps it.
fn code(body: &Value) -> String {
    for field in ["retCode", "code", "label", "error"] {
        match body.get(field) {
            Some(Value::String(s)) => return s.clone(),
            Some(Value::Number(n)) => return n.to_string(),
            Some(Value::Array(a)) if !a.is_empty() => {
                return a[0].as_str().unwrap_or("").to_owned()
            }
            _ => {}
        }
    }
    String::new()
}

async fn started() -> MockHandle {
    start(demo_accounts(), MockOptions::default())
        .await
        .unwrap()
}

#[tokio::test]
async fn correctly_signed_balance_call_succeeds_on_every_exchange() {
    let handle = started().await;
    for exchange in EXCHANGES {
        let call = balance_call(&healthy(exchange), now_ms(), &host(&handle, exchange));
        let (status, body) = send(&handle, exchange, &call).await;
        assert_eq!(status, 200, "{exchange}: {body}");
        let text = body.to_string();
        assert!(
            text.contains("BTC") || text.contains("XXBT"),
            "{exchange}: {text}"
        );
        let refused = ["retCode", "code"].iter().any(|f| match body.get(*f) {
            Some(Value::Number(n)) => n.as_i64() != Some(0),
            Some(Value::String(s)) => !["0", "00000", "200000"].contains(&s.as_str()),
            _ => false,
        });
        assert!(!refused, "{exchange}: {text}");
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn tampered_signature_is_refused_as_each_exchange_does() {
    let expected = [
        ("binance", 400, "-1022"),
        ("whitebit", 401, "10"),
        ("cryptocom", 401, "40101"),
        ("okx", 401, "50113"),
        ("bybit", 200, "10004"),
        ("kraken", 200, "EAPI:Invalid signature"),
        ("kucoin", 401, "400005"),
        ("coinbase", 401, "UNAUTHENTICATED"),
        ("bitget", 400, "40009"),
        ("gate", 401, "INVALID_SIGNATURE"),
    ];
    let handle = started().await;
    for (exchange, status, want) in expected {
        let mut call = balance_call(&healthy(exchange), now_ms(), &host(&handle, exchange));
        tamper_signature(exchange, &mut call);
        let (got, body) = send(&handle, exchange, &call).await;
        assert_eq!(
            (got, code(&body).as_str()),
            (status, want),
            "{exchange}: {body}"
        );
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn wrong_passphrase_is_refused_as_each_exchange_does() {
    let handle = started().await;
    for (exchange, status, want) in [
        ("okx", 401, "50105"),
        ("kucoin", 401, "400004"),
        ("bitget", 400, "40012"),
    ] {
        let mut account = healthy(exchange);
        account.passphrase = Some("not-the-passphrase".into());
        let call = balance_call(&account, now_ms(), &host(&handle, exchange));
        let (got, body) = send(&handle, exchange, &call).await;
        assert_eq!(
            (got, code(&body).as_str()),
            (status, want),
            "{exchange}: {body}"
        );
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn stale_timestamp_is_refused_as_each_exchange_does() {
    let expected = [
        ("binance", 400, "-1021"),
        ("whitebit", 400, "0"),
        ("cryptocom", 400, "40102"),
        ("okx", 401, "50102"),
        ("bybit", 200, "10002"),
        ("kucoin", 401, "400002"),
        ("coinbase", 401, "UNAUTHENTICATED"),
        ("bitget", 400, "40008"),
        ("gate", 401, "REQUEST_EXPIRED"),
    ];
    let handle = started().await;
    let ten_minutes_ago = now_ms() - 600_000;
    for (exchange, status, want) in expected {
        let call = balance_call(
            &healthy(exchange),
            ten_minutes_ago,
            &host(&handle, exchange),
        );
        let (got, body) = send(&handle, exchange, &call).await;
        assert_eq!(
            (got, code(&body).as_str()),
            (status, want),
            "{exchange}: {body}"
        );
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn kraken_refuses_a_replayed_nonce() {
    let handle = started().await;
    let call = balance_call(&healthy("kraken"), now_ms(), &host(&handle, "kraken"));
    assert_eq!(send(&handle, "kraken", &call).await.0, 200);
    let (_, body) = send(&handle, "kraken", &call).await;
    assert_eq!(code(&body), "EAPI:Invalid nonce");
    handle.shutdown().await;
}

#[tokio::test]
async fn faults_produce_the_exchange_errors() {
    let handle = started().await;
    let faulty: Vec<MockAccount> = demo_accounts()
        .into_iter()
        .filter(|a| a.fault.is_some())
        .collect();
    for account in faulty {
        let exchange = account.exchange.as_str();
        let skew = account.clock_skew_ms();
        let call = balance_call(&account, now_ms(), &host(&handle, exchange));
        let (status, body) = send(&handle, exchange, &call).await;
        let want: (u16, &str) = match account.fault.unwrap() {
            Fault::IpNotWhitelisted => (401, "50110"),
            Fault::Expired => (401, "400003"),
            Fault::ClockSkewMs(_) => (200, "10002"),
            Fault::RateLimited => (429, "EAPI:Rate limit exceeded"),
            Fault::Unavailable => (503, "SERVER_ERROR"),
            Fault::PermissionDenied => (400, "40014"),
            // Only the public ticker fails under it; the demo set carries none (it would take
            // the prices of every key of that exchange away).
            Fault::TickerUnavailable => unreachable!("no demo account turns a ticker down"),
        };
        assert_eq!((status, code(&body).as_str()), want, "{exchange}: {body}");
        if skew != 0 {
            // Signing with the clock the time endpoint reports gets through.
            let call = balance_call(&account, now_ms() + skew, &host(&handle, exchange));
            assert_eq!(
                send(&handle, exchange, &call).await.0,
                200,
                "{exchange} skew-corrected"
            );
        }
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn rate_limited_answer_carries_retry_after() {
    let handle = started().await;
    let account = demo_accounts()
        .into_iter()
        .find(|a| a.fault == Some(Fault::RateLimited))
        .unwrap();
    let call = balance_call(&account, now_ms(), &host(&handle, &account.exchange));
    let url = format!("{}{}", handle.url(&account.exchange).unwrap(), call.path);
    let mut req = client(&handle).post(url).body(call.body.clone());
    for (k, v) in &call.headers {
        req = req.header(k, v);
    }
    let resp = req.send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    assert!(resp.headers().get("retry-after").is_some());
    handle.shutdown().await;
}

#[tokio::test]
async fn time_endpoint_reports_the_skewed_clock() {
    let handle = started().await;
    let url = format!("{}/v5/market/time", handle.url("bybit").unwrap());
    let body: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    let reported: i64 = body["result"]["timeSecond"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let offset = reported * 1000 - now_ms();
    assert!((110_000..=130_000).contains(&offset), "offset {offset}");
    handle.shutdown().await;
}

#[tokio::test]
async fn peer_outside_allowed_ips_is_refused() {
    let mut account = healthy("binance");
    account.allowed_ips = Some(vec!["203.0.113.7".into()]);
    let handle = start(vec![account.clone()], MockOptions::default())
        .await
        .unwrap();
    let call = balance_call(&account, now_ms(), &host(&handle, "binance"));
    let (status, body) = send(&handle, "binance", &call).await;
    assert_eq!((status, code(&body).as_str()), (401, "-2015"));
    handle.shutdown().await;
}

#[tokio::test]
async fn binance_unrestricted_key_reports_trading_expiry() {
    let handle = started().await;
    let account = demo_accounts()
        .into_iter()
        .find(|a| a.exchange == "binance" && a.allowed_ips == Some(vec![]))
        .unwrap();
    let mut call = balance_call(&account, now_ms(), &host(&handle, "binance"));
    call.path = "/sapi/v1/account/apiRestrictions".into();
    let (status, body) = send(&handle, "binance", &call).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ipRestrict"], Value::Bool(false));
    assert!(body["tradingAuthorityExpirationTime"].as_i64().unwrap() > now_ms());
    handle.shutdown().await;
}

#[tokio::test]
async fn latency_delays_responses_but_requests_overlap() {
    const LATENCY: std::time::Duration = std::time::Duration::from_millis(300);
    let handle = start(vec![], MockOptions { latency: LATENCY })
        .await
        .unwrap();
    let url = format!("{}/api/v3/time", handle.url("binance").unwrap());
    // Each call times itself: a sleep never ends early, so this lower bound cannot flake.
    let calls = (0..8).map(|_| {
        let url = url.clone();
        async move {
            let started = std::time::Instant::now();
            let status = reqwest::get(url).await.unwrap().status().as_u16();
            (status, started.elapsed())
        }
    });
    for (status, elapsed) in futures_join(calls).await {
        assert_eq!(status, 200);
        assert!(
            elapsed >= LATENCY,
            "answered before the latency: {elapsed:?}"
        );
    }
    // Overlap is read from the mock's own count of requests held at once, not from wall time,
    // so a loaded machine can delay the test but not fail it. Requests that queued would peak at 1.
    let peak = handle.peak_in_flight("binance");
    assert!(peak >= 2, "requests did not overlap: peak {peak}");
    assert!(peak <= 8, "counted more requests than were sent: {peak}");
    handle.shutdown().await;
}

async fn futures_join<F: std::future::Future + Send + 'static>(
    futs: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futs.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn public_market_lists_name_the_two_spot_pairs() {
    let handle = started().await;
    let lists = [
        ("binance", "/api/v3/exchangeInfo", "BTCUSDT"),
        (
            "okx",
            "/api/v5/public/instruments?instType=SPOT",
            "BTC-USDT",
        ),
        (
            "bybit",
            "/v5/market/instruments-info?category=spot",
            "BTCUSDT",
        ),
        ("kucoin", "/api/v2/symbols", "BTC-USDT"),
        ("gate", "/api/v4/spot/currency_pairs", "BTC_USDT"),
        ("gate", "/api/v4/margin/currency_pairs", "BTC_USDT"),
        ("bitget", "/api/v2/spot/public/symbols", "BTCUSDT"),
        ("bitget", "/api/v2/margin/currencies", "BTCUSDT"),
        ("kraken", "/0/public/AssetPairs", "XBTUSDT"),
        ("whitebit", "/api/v4/public/markets", "BTC_USDT"),
        (
            "cryptocom",
            "/exchange/v1/public/get-instruments",
            "BTC_USDT",
        ),
    ];
    for (exchange, path, btc) in lists {
        let url = format!("{}{path}", handle.url(exchange).unwrap());
        let resp = reqwest::get(url).await.unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{exchange} {path}");
        let text = resp.text().await.unwrap();
        let eth = btc.replace("BTC", "ETH").replace("XBT", "ETH");
        for symbol in [btc, eth.as_str()] {
            assert!(
                text.contains(&format!("\"{symbol}\"")),
                "{exchange} {path} lacks {symbol}"
            );
        }
    }
    handle.shutdown().await;
}

#[tokio::test]
async fn kucoin_margin_symbols_need_a_signed_call() {
    let handle = started().await;
    let url = format!("{}/api/v3/margin/symbols", handle.url("kucoin").unwrap());
    let resp = reqwest::get(url).await.unwrap();
    assert_ne!(resp.status().as_u16(), 200);
    handle.shutdown().await;
}

/// One page of the Coinbase account list with `query` (the JWT names the path only).
async fn coinbase_page(handle: &MockHandle, account: &MockAccount, query: &str) -> (u16, Value) {
    let mut call = balance_call(account, now_ms(), &host(handle, "coinbase"));
    call.query = Some(query.to_owned());
    send(handle, "coinbase", &call).await
}

#[tokio::test]
async fn coinbase_lists_accounts_a_page_at_a_time_as_coinbase_does() {
    let mut account = healthy("coinbase");
    account.balances = Some(
        (0..300)
            .map(|n| coffre_mock_exchange::MockBalance::new(&format!("C{n:03}"), "1", "0"))
            .collect(),
    );
    let handle = start(vec![account.clone()], MockOptions::default())
        .await
        .unwrap();
    let currencies = |body: &Value| -> Vec<String> {
        body["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["currency"].as_str().unwrap().to_owned())
            .collect()
    };
    // Coinbase's default page is 49 accounts, its largest 250.
    let (status, body) = coinbase_page(&handle, &account, "").await;
    assert_eq!((status, currencies(&body).len()), (200, 49), "{body}");
    let (_, body) = coinbase_page(&handle, &account, "limit=1000").await;
    assert_eq!(currencies(&body).len(), 250);
    assert_eq!(body["has_next"], true);

    let mut seen = Vec::new();
    let mut query = "limit=120".to_owned();
    loop {
        let (status, body) = coinbase_page(&handle, &account, &query).await;
        assert_eq!(status, 200, "{body}");
        seen.extend(currencies(&body));
        if body["has_next"] == false {
            assert_eq!(body["cursor"], "");
            break;
        }
        assert!(seen.len() < 300, "has_next after the last account");
        query = format!("limit=120&cursor={}", body["cursor"].as_str().unwrap());
    }
    let expected: Vec<String> = (0..300).map(|n| format!("C{n:03}")).collect();
    assert_eq!(seen, expected, "every account once, in order");

    let (status, body) = coinbase_page(&handle, &account, "cursor=not-a-cursor").await;
    assert_eq!((status, code(&body).as_str()), (400, "INVALID_ARGUMENT"));
    handle.shutdown().await;
}
