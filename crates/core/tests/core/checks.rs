//! Checks through the core: many keys at once across exchanges, results saved, progress reported.

use crate::support::{add_account, session};
use coffre_core::checks::{self, BaseUrlOverrides, CheckProgress, CheckState};
use coffre_core::keys;
use coffre_mock_exchange::{demo_accounts, MockOptions};
use std::sync::Mutex;

/// Adds every healthy demo account as a key pointed at its mock; returns the ids.
fn add_demo_keys(
    session: &coffre_core::Session,
    urls: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    demo_accounts()
        .into_iter()
        .filter(|a| a.fault.is_none() && a.permissions.is_none() && a.expires_at.is_none())
        .enumerate()
        .map(|(n, a)| {
            let label = format!("{} {n}", a.exchange);
            add_account(session, &label, &a, urls.get(&a.exchange).cloned())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn many_keys_are_checked_side_by_side_and_each_result_is_saved() {
    let t = session();
    let mock = coffre_mock_exchange::start(
        demo_accounts(),
        MockOptions {
            latency: std::time::Duration::from_millis(200),
        },
    )
    .await
    .unwrap();
    // Coinbase's mock speaks TLS with an authority made for this run.
    t.session
        .checker
        .trust_loopback_tls_authority(mock.tls_authority_pem())
        .unwrap();
    let ids = add_demo_keys(&t.session, mock.urls());
    assert_eq!(ids.len(), 10, "one healthy key per exchange");
    let seen: Mutex<Vec<CheckProgress>> = Mutex::default();
    let results = checks::check_many(&t.session, &ids, &BaseUrlOverrides::new(), &|p| {
        seen.lock().unwrap().push(p)
    })
    .await;

    let seen = seen.into_inner().unwrap();
    let first_done = seen.iter().position(|p| p.state == CheckState::Done);
    assert_eq!(first_done, Some(ids.len()), "all started before any ended");
    let result_ids: Vec<&String> = results.iter().map(|(id, _)| id).collect();
    assert_eq!(
        result_ids,
        ids.iter().collect::<Vec<_>>(),
        "input order kept"
    );
    for (id, result) in &results {
        let report = result.as_ref().expect("checked");
        assert!(report.ok, "{id}: {:?}", report.diagnosis);
        let saved = t
            .session
            .with_vault(|v| Ok(v.get(id)?.meta.last_check))
            .unwrap();
        assert_eq!(
            saved.as_ref(),
            Some(report),
            "the result is the key's last check"
        );
    }
    mock.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_override_url_wins_over_the_keys_own_and_a_deleted_key_fails_alone() {
    let t = session();
    let mock = coffre_mock_exchange::start(demo_accounts(), MockOptions::default())
        .await
        .unwrap();
    // Keys stored with a dead URL; the override sends Binance to the mock.
    let dead: std::collections::BTreeMap<String, String> = mock
        .urls()
        .keys()
        .map(|e| (e.clone(), "http://127.0.0.1:9".to_owned()))
        .collect();
    let ids = add_demo_keys(&t.session, &dead);
    let binance = ids[0].clone();
    let gone = ids[1].clone();
    keys::delete(&t.session, &gone).unwrap();
    let overrides: BaseUrlOverrides =
        [("binance".to_owned(), mock.urls()["binance"].clone())].into();
    let results = checks::check_many(&t.session, &[binance, gone], &overrides, &|_| {}).await;
    assert!(results[0].1.as_ref().unwrap().ok, "{:?}", results[0].1);
    assert_eq!(
        results[1].1.as_ref().unwrap_err().code(),
        "not_found",
        "only the deleted key fails"
    );
    mock.shutdown().await;
}
