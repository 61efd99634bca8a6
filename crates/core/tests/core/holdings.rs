//! What the inventory shows a key held: the valuation of its last check that read balances,
//! kept through a check that could not reach the exchange.

use crate::support::{add_account, session};
use coffre_core::checks::{self, BaseUrlOverrides};
use coffre_core::keys;
use coffre_core::views::KeyStatus;
use coffre_mock_exchange::{demo_accounts, last_price, MockBalance, MockOptions};
use rust_decimal::Decimal;
use std::str::FromStr;

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_check_keeps_the_holdings_of_the_last_successful_one() {
    let t = session();
    // The healthy demo Binance key: credentials in Binance's own format.
    let mut account = demo_accounts()
        .into_iter()
        .find(|a| a.exchange == "binance" && a.fault.is_none())
        .unwrap();
    account.balances = Some(vec![
        MockBalance::new("BTC", "0.5", "0"),
        MockBalance::new("USDT", "20", "5"),
        MockBalance::new("MEME", "1000", "0"),
    ]);
    let mock = coffre_mock_exchange::start(vec![account.clone()], MockOptions::default())
        .await
        .unwrap();
    let url = mock.url("binance").unwrap().to_owned();
    let id = add_account(&t.session, "held", &account, Some(url));
    let no_overrides = BaseUrlOverrides::new();

    let first = checks::check_many(
        &t.session,
        std::slice::from_ref(&id),
        &no_overrides,
        &|_| {},
    )
    .await;
    assert!(first[0].1.as_ref().unwrap().ok);
    let summary = keys::list(&t.session).unwrap().remove(0);
    let held = summary
        .holdings
        .clone()
        .expect("holdings after a successful check");
    let btc = last_price("binance", "BTC", "USDT").unwrap();
    assert_eq!(
        held.total,
        Decimal::from_str("0.5").unwrap() * btc + Decimal::from(25)
    );
    assert_eq!(held.quote, "USDT");
    assert_eq!(held.unpriced, vec!["MEME".to_owned()]);
    assert!(held.prices_read);

    // The exchange goes away: the next check reaches nothing and learns nothing.
    mock.shutdown().await;
    let second = checks::check_many(
        &t.session,
        std::slice::from_ref(&id),
        &no_overrides,
        &|_| {},
    )
    .await;
    assert!(second[0].1.as_ref().unwrap().is_unreachable());
    let summary = keys::list(&t.session).unwrap().remove(0);
    assert_eq!(summary.status, KeyStatus::Unreachable);
    assert_eq!(
        summary.holdings,
        Some(held),
        "the last known holdings stand"
    );
}
