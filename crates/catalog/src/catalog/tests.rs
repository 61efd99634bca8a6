//! The shipped data files load, and broken data is refused with the place of the problem, so a
//! bad edit to a data file fails here rather than in the app.

use super::*;

#[test]
fn embedded_catalog_is_valid() {
    if let Err(e) = Catalog::from_toml(EXCHANGES_TOML, PLATFORMS_TOML, MESSAGES_TOML) {
        panic!("{e}");
    }
    let c = catalog();
    let ids: Vec<&str> = c.exchanges().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
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
            "other"
        ]
    );
    for platform in [
        "bitsgap",
        "crypty-ghost",
        "crypty-trader",
        "smartradex",
        "3commas",
        "cryptohopper",
        "pionex",
        "altrady",
        "freqtrade",
        "hummingbot",
        "ccxt-script",
    ] {
        assert!(c.platform(platform).is_some(), "{platform} missing");
    }
}

#[test]
fn passphrase_exchanges_are_okx_kucoin_and_bitget() {
    let with: Vec<&str> = catalog()
        .exchanges()
        .iter()
        .filter(|e| e.needs_passphrase())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(with, ["okx", "kucoin", "bitget"]);
    let okx = catalog().exchange("okx").unwrap();
    assert_eq!(
        okx.fields.passphrase.as_ref().unwrap().label.en,
        "Passphrase"
    );
}

fn with_edit(file: &str, from: &str, to: &str) -> Result<Catalog, CatalogError> {
    let edit = |text: &str, name: &str| {
        if name == file {
            assert!(text.contains(from), "{from} not in {file}");
            text.replacen(from, to, 1)
        } else {
            text.to_owned()
        }
    };
    Catalog::from_toml(
        &edit(EXCHANGES_TOML, "exchanges"),
        &edit(PLATFORMS_TOML, "platforms"),
        &edit(MESSAGES_TOML, "messages"),
    )
}

fn problems(result: Result<Catalog, CatalogError>) -> String {
    match result {
        Ok(_) => panic!("the broken data was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn broken_data_is_refused_with_the_place_of_the_problem() {
    let cases = [
        (
            "exchanges",
            "id = \"whitebit\"",
            "id = \"binance\"",
            "binance is used twice",
        ),
        (
            "platforms",
            "exchanges = [\"binance\"]",
            "exchanges = [\"binanse\"]",
            "unknown exchange binanse",
        ),
        (
            "messages",
            "vi = \"Chọn “{label}”.\"",
            "vi = \"Chọn.\"",
            "guide.enable: vi placeholders differ",
        ),
        (
            "messages",
            "vi = \"Quyền đọc\"",
            "vi = \"\"",
            "permission.read: vi text is empty",
        ),
        (
            "exchanges",
            "min_len = 56, max_len = 56",
            "min_len = 56, max_len = 5",
            "min_len 56 > max_len 5",
        ),
        (
            "platforms",
            "exchange = \"kraken\"\nip",
            "exchange = \"krakn\"\nip",
            "unknown exchange krakn",
        ),
        (
            "messages",
            "expires_soon = ",
            "expires_later = ",
            "reason.expires_soon missing",
        ),
    ];
    for (file, from, to, expected) in cases {
        let message = problems(with_edit(file, from, to));
        assert!(
            message.contains(expected),
            "expected {expected:?} in {message}"
        );
    }
}

#[test]
fn unknown_fields_and_charsets_fail_to_parse() {
    assert!(matches!(
        with_edit("exchanges", "charset = \"uuid\"", "charset = \"guid\""),
        Err(CatalogError::Parse { .. })
    ));
    assert!(matches!(
        with_edit("platforms", "kind = \"bot\"", "kind = \"bot\"\ncolour = 1"),
        Err(CatalogError::Parse { .. })
    ));
}

#[test]
fn unknown_exchanges_fall_back_to_other() {
    assert_eq!(catalog().exchange_or_other("mexc").id, "other");
    assert_eq!(catalog().exchange_or_other("kraken").id, "kraken");
}
