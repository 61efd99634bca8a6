//! The three lists of exchanges agree: the catalog's exchanges marked `live_check`, the client
//! registry (`supported()`) and the mock registry (`EXCHANGES`). Adding an exchange to one and not
//! the others fails here, with the difference spelled out.

use coffre_catalog::catalog;
use coffre_mock_exchange::{MockAccount, EXCHANGES};
use std::collections::BTreeSet;

fn checkable_in_the_catalog() -> BTreeSet<&'static str> {
    catalog()
        .exchanges()
        .iter()
        .filter(|e| e.live_check)
        .map(|e| e.id.as_str())
        .collect()
}

/// What `list` has that `reference` lacks, and the reverse, for the failure message.
fn difference(name: &str, list: &BTreeSet<&str>, reference: &BTreeSet<&str>) -> Option<String> {
    let extra: Vec<_> = list.difference(reference).collect();
    let missing: Vec<_> = reference.difference(list).collect();
    (!extra.is_empty() || !missing.is_empty())
        .then(|| format!("{name}: not in the catalog {extra:?}, missing {missing:?}"))
}

#[test]
fn catalog_client_and_mock_list_the_same_exchanges() {
    let catalog = checkable_in_the_catalog();
    let client: BTreeSet<&str> = coffre_exchanges::supported().iter().copied().collect();
    let mock: BTreeSet<&str> = EXCHANGES.iter().copied().collect();
    assert_eq!(
        client.len(),
        coffre_exchanges::supported().len(),
        "client lists one twice"
    );
    assert_eq!(mock.len(), EXCHANGES.len(), "mock lists one twice");
    let problems: Vec<String> = [
        difference(
            "client registry (crates/exchanges/src/registry.rs)",
            &client,
            &catalog,
        ),
        difference(
            "mock registry (crates/mock-exchange/src/registry.rs)",
            &mock,
            &catalog,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(
        problems.is_empty(),
        "the exchange lists disagree with the catalog's live_check exchanges:\n{}",
        problems.join("\n")
    );
    assert!(!catalog.is_empty());
}

#[test]
fn the_mock_asks_a_passphrase_exactly_where_the_catalog_does() {
    // An exchange the mock lacks altogether is the test above's failure, not this one's.
    for id in checkable_in_the_catalog()
        .into_iter()
        .filter(|id| EXCHANGES.contains(id))
    {
        let needs = catalog().exchange(id).unwrap().needs_passphrase();
        let refused_without = MockAccount::new(id, "key", "secret", None)
            .validate()
            .is_err();
        assert_eq!(refused_without, needs, "{id}");
    }
}
