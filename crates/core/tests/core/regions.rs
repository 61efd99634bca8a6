//! Regions found, not guessed: several mock instances, each knowing a different set of keys, stand
//! for an exchange's default and regional hosts; a key the default host does not know is found on
//! its region, named, saved on request, and checked there from then on.

use crate::support::{add_account, session_with};
use coffre_core::checks;
use coffre_core::regions;
use coffre_exchanges::Checker;
use coffre_mock_exchange::{MockAccount, MockHandle, MockOptions};
use coffre_model::DiagnosisKind;

const EEA: &str = "https://eea.okx.com";
const US: &str = "https://us.okx.com";
const BINANCE_US: &str = "https://api.binance.us";

fn okx(n: u8) -> MockAccount {
    let key = format!("{n:08x}-0000-4000-8000-00000000000{n}");
    let secret = format!("{:032X}", u128::from(n) * 7919);
    MockAccount::new("okx", &key, &secret, Some("Region-Pass-1"))
}

fn binance(n: u8) -> MockAccount {
    let key = format!("{n}").repeat(64);
    let secret = format!("S{n}").repeat(32);
    MockAccount::new("binance", &key, &secret, None)
}

async fn mock(accounts: Vec<MockAccount>) -> MockHandle {
    coffre_mock_exchange::start(accounts, MockOptions::default())
        .await
        .unwrap()
}

/// Adds `a` as a key checked where the session's checker sends its exchange (the mocks).
fn add(session: &coffre_core::Session, label: &str, a: &MockAccount) -> String {
    add_account(session, label, a, None)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_eea_key_is_found_on_its_region_saved_and_checked_there_after() {
    let (global_key, eea_key, lost_key) = (okx(1), okx(2), okx(3));
    let global = mock(vec![global_key.clone()]).await;
    let eea = mock(vec![eea_key.clone()]).await;
    let us = mock(vec![]).await;
    let checker = Checker::new()
        .with_base_url("okx", global.url("okx").unwrap())
        .with_region_url(EEA, eea.url("okx").unwrap())
        .with_region_url(US, us.url("okx").unwrap());
    let t = session_with(checker);
    let s = &t.session;

    let home = checks::check_one(s, &add(s, "global", &global_key))
        .await
        .unwrap();
    assert!(home.ok);
    assert_eq!(
        home.region, None,
        "a key the default host knows stays there"
    );

    let id = add(s, "eea", &eea_key);
    let found = checks::check_one(s, &id).await.unwrap();
    assert!(
        found.ok,
        "the check went on at the region: {:?}",
        found.diagnosis
    );
    let region = found.region.clone().expect("the region is named");
    assert_eq!(region.name, "OKX EEA");
    assert_eq!(region.url, EEA);
    assert_eq!(region.site.as_deref(), Some("my.okx.com"));
    assert!(!region.saved, "offered, not saved behind the user's back");
    let meta = s.with_vault(|v| Ok(v.get(&id)?.meta)).unwrap();
    assert_eq!(meta.base_url, None);
    assert_eq!(meta.last_check.unwrap().region, Some(region));

    assert_eq!(regions::save_found_host(s, &id).unwrap(), EEA);
    let meta = s.with_vault(|v| Ok(v.get(&id)?.meta)).unwrap();
    assert_eq!(meta.base_url.as_deref(), Some(EEA));
    assert!(meta.last_check.unwrap().region.unwrap().saved);
    let again = checks::check_one(s, &id).await.unwrap();
    assert!(again.ok);
    assert!(again.region.expect("checked on its saved region").saved);

    let lost = checks::check_one(s, &add(s, "lost", &lost_key))
        .await
        .unwrap();
    assert_eq!(
        lost.diagnosis.map(|d| d.kind),
        Some(DiagnosisKind::InvalidKey),
        "unknown everywhere is an invalid key"
    );
    assert_eq!(lost.region, None);
    assert!(regions::save_found_host(s, "nope").is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_binance_us_key_is_named_not_checked() {
    let us_key = binance(7);
    let global = mock(vec![]).await;
    let us = mock(vec![us_key.clone()]).await;
    let checker = Checker::new()
        .with_base_url("binance", global.url("binance").unwrap())
        .with_region_url(BINANCE_US, us.url("binance").unwrap());
    let t = session_with(checker);
    let id = add(&t.session, "us", &us_key);
    let report = checks::check_one(&t.session, &id).await.unwrap();
    assert!(!report.ok, "Coffre checks binance.com keys");
    let region = report.region.expect("the key is recognised");
    assert_eq!(region.name, "Binance.US");
    assert_eq!(region.own_exchange.as_deref(), Some("binanceus"));
    assert!(
        regions::save_found_host(&t.session, &id).is_err(),
        "no host to save for another exchange"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mocked_exchange_without_region_mocks_tries_no_region() {
    let global = mock(vec![]).await;
    let t = session_with(Checker::new().with_base_url("okx", global.url("okx").unwrap()));
    let id = add(&t.session, "x", &okx(4));
    let report = checks::check_one(&t.session, &id).await.unwrap();
    assert_eq!(report.region, None);
    assert_eq!(
        report.diagnosis.map(|d| d.kind),
        Some(DiagnosisKind::InvalidKey)
    );
}
