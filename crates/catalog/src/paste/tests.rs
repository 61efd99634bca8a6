//! Table tests for paste validation: every rule, every shipped exchange with a known format, and
//! a small hand-written catalog where only its own shapes count.

use super::*;
use crate::paste::pem_key::tests::{EC_PEM, ED25519_PEM};

const BINANCE_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const BINANCE_SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
const OKX_KEY: &str = "37c541a1-86b9-4b3c-9a2e-10fe7a038418";
const OKX_SECRET: &str = "22582BD0CFF14C41EDBF1AB98506286D";
const KRAKEN_KEY: &str = "CJbfPw4tnbf/9en/ZmpewCTKEwmmzO18LXZcHQcu7HPLWre4l8+V9I3y";
const KRAKEN_SECRET: &str =
    "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
const KUCOIN_KEY: &str = "6705f5c311545b000157d3eb";
const KUCOIN_SECRET: &str = "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3";
const COINBASE_NAME: &str =
    "organizations/00000000-0000-0000-0000-000000000000/apiKeys/11111111-1111-1111-1111-111111111111";
const COINBASE_ED25519: &str =
    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA==";
const BITGET_KEY: &str = "bg_5f0c8a1b2c3d4e5f60718293a4b5c6d7";
const TOKEN_SECRET: &str = "4f1c9e2b7a6d5c3b1a0f9e8d7c6b5a49";

fn codes(result: Result<Credentials, Vec<PasteError>>) -> Vec<&'static str> {
    match result {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(PasteError::code).collect(),
    }
}

#[test]
fn well_formed_keys_of_every_exchange_are_accepted() {
    let cases: [(&str, &str, &str, Option<&str>, KeyType); 13] = [
        ("binance", BINANCE_KEY, BINANCE_SECRET, None, KeyType::Hmac),
        ("binance", BINANCE_KEY, ED25519_PEM, None, KeyType::Ed25519),
        (
            "whitebit",
            "a1b2c3d4e5f6a7b8c9d0",
            TOKEN_SECRET,
            None,
            KeyType::Hmac,
        ),
        (
            "cryptocom",
            "Kq1Zr2Xv3Wt4Ys5Uu6Ti7",
            TOKEN_SECRET,
            None,
            KeyType::Hmac,
        ),
        (
            "okx",
            OKX_KEY,
            OKX_SECRET,
            Some("my passphrase"),
            KeyType::Hmac,
        ),
        (
            "bybit",
            "XXXXXXXXXXXXXXXXXX",
            "YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY",
            None,
            KeyType::Hmac,
        ),
        ("kraken", KRAKEN_KEY, KRAKEN_SECRET, None, KeyType::Hmac),
        (
            "kucoin",
            KUCOIN_KEY,
            KUCOIN_SECRET,
            Some("pass"),
            KeyType::Hmac,
        ),
        ("coinbase", COINBASE_NAME, EC_PEM, None, KeyType::Ecdsa),
        (
            "coinbase",
            COINBASE_NAME,
            COINBASE_ED25519,
            None,
            KeyType::Ed25519,
        ),
        (
            "bitget",
            BITGET_KEY,
            TOKEN_SECRET,
            Some("pass"),
            KeyType::Hmac,
        ),
        (
            "gate",
            "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
            TOKEN_SECRET,
            None,
            KeyType::Hmac,
        ),
        (
            "other",
            "anything-visible",
            "another.visible_value",
            None,
            KeyType::Hmac,
        ),
    ];
    for (exchange, key, secret, passphrase, key_type) in cases {
        match validate(exchange, key, secret, passphrase) {
            Ok(creds) => {
                assert_eq!(creds.key_type, key_type, "{exchange}");
                assert_eq!(creds.api_key.expose(), key, "{exchange}");
                assert_eq!(
                    creds.passphrase.is_some(),
                    passphrase.is_some(),
                    "{exchange}"
                );
            }
            Err(errors) => panic!("{exchange} refused: {errors:?}"),
        }
    }
}

#[test]
fn binance_key_pasted_with_nbsp_and_zero_width_characters_is_cleaned_and_accepted() {
    let key = format!(
        "\u{00A0}{}\u{200B}{}\u{00A0}\n",
        &BINANCE_KEY[..20],
        &BINANCE_KEY[20..]
    );
    let secret = format!("\u{FEFF}{BINANCE_SECRET}\u{202F}");
    let creds = validate("binance", &key, &secret, None).expect("cleaned paste is valid");
    assert_eq!(creds.api_key.expose(), BINANCE_KEY);
    assert_eq!(creds.secret.expose(), BINANCE_SECRET);
}

#[test]
fn a_key_wrapped_over_two_lines_is_joined() {
    let key = format!("{}\r\n{}", &KRAKEN_KEY[..30], &KRAKEN_KEY[30..]);
    assert!(validate("kraken", &key, KRAKEN_SECRET, None).is_ok());
}

/// Exchange, API key, secret, passphrase, and the codes expected.
type Refusal<'a> = (&'a str, &'a str, String, Option<&'a str>, &'a [&'a str]);

#[test]
fn each_rule_refuses_with_its_code() {
    let cases: [Refusal; 22] = [
        ("binance", "", BINANCE_SECRET.into(), None, &["empty"]),
        (
            "binance",
            BINANCE_KEY,
            " \u{00A0}\n".into(),
            None,
            &["empty"],
        ),
        (
            "binance",
            BINANCE_KEY,
            BINANCE_KEY.into(),
            None,
            &["same_as_key"],
        ),
        (
            "okx",
            OKX_SECRET,
            OKX_KEY.into(),
            Some("pass"),
            &["swapped"],
        ),
        (
            "kraken",
            KRAKEN_SECRET,
            KRAKEN_KEY.into(),
            None,
            &["swapped"],
        ),
        (
            "okx",
            OKX_KEY,
            OKX_SECRET.into(),
            None,
            &["passphrase_required"],
        ),
        (
            "okx",
            OKX_KEY,
            OKX_SECRET.into(),
            Some(" \u{200B} "),
            &["passphrase_required"],
        ),
        (
            "kucoin",
            KUCOIN_KEY,
            KUCOIN_SECRET.into(),
            None,
            &["passphrase_required"],
        ),
        (
            "bitget",
            BITGET_KEY,
            TOKEN_SECRET.into(),
            None,
            &["passphrase_required"],
        ),
        (
            "binance",
            BINANCE_KEY,
            format!("{} {}", &BINANCE_SECRET[..30], &BINANCE_SECRET[30..]),
            None,
            &["inner_space"],
        ),
        (
            "binance",
            &BINANCE_KEY[..63],
            BINANCE_SECRET.into(),
            None,
            &["bad_length"],
        ),
        (
            "binance",
            BINANCE_KEY,
            BINANCE_SECRET.replace('N', "-"),
            None,
            &["bad_charset"],
        ),
        (
            "kraken",
            KRAKEN_KEY,
            KRAKEN_SECRET.replace('/', "_"),
            None,
            &["bad_charset"],
        ),
        (
            "kraken",
            KRAKEN_KEY,
            KRAKEN_SECRET.replace("==", "AA"),
            None,
            &["bad_base64"],
        ),
        (
            "okx",
            OKX_KEY,
            OKX_SECRET.replace('D', "G"),
            Some("pass"),
            &["bad_charset"],
        ),
        (
            "kucoin",
            "6705f5c311545b000157d3e",
            KUCOIN_SECRET.into(),
            Some("pass"),
            &["bad_length"],
        ),
        (
            "bitget",
            "5f0c8a1b2c3d4e5f60718293",
            TOKEN_SECRET.into(),
            Some("pass"),
            &["bad_prefix"],
        ),
        (
            "binance",
            ED25519_PEM,
            BINANCE_SECRET.into(),
            None,
            &["private_key_in_key_field"],
        ),
        (
            "binance",
            BINANCE_KEY,
            ED25519_PEM.replace("PRIVATE", "PUBLIC"),
            None,
            &["bad_pem"],
        ),
        (
            "binance",
            BINANCE_KEY,
            EC_PEM.into(),
            None,
            &["key_type_not_accepted"],
        ),
        (
            "whitebit",
            "a1b2c3d4e5f6a7b8c9d0",
            ED25519_PEM.into(),
            None,
            &["pem_not_accepted"],
        ),
        ("binance", "", "".into(), None, &["empty", "empty"]),
    ];
    for (exchange, key, secret, passphrase, expected) in cases {
        assert_eq!(
            codes(validate(exchange, key, &secret, passphrase)),
            expected,
            "{exchange} {key:.12} / {secret:.12}"
        );
    }
}

#[test]
fn pem_with_stripped_newlines_is_repaired() {
    let flat = ED25519_PEM.replace('\n', " ");
    let creds = validate("binance", BINANCE_KEY, &flat, None).expect("repaired");
    assert_eq!(creds.secret.expose(), ED25519_PEM);
    assert_eq!(creds.key_type, KeyType::Ed25519);
    let escaped = EC_PEM.replace('\n', "\\n");
    let creds = validate("coinbase", COINBASE_NAME, &escaped, None).expect("repaired");
    assert_eq!(creds.secret.expose(), EC_PEM);
}

#[test]
fn pem_cut_short_is_refused_with_a_clear_reason() {
    let cut = &EC_PEM[..EC_PEM.len() - 30];
    let errors = validate("coinbase", COINBASE_NAME, cut, None).unwrap_err();
    assert_eq!(
        errors[0],
        PasteError::BadPem {
            field: Field::Secret,
            problem: PemProblem::Truncated
        }
    );
    assert!(errors[0].to_string().contains("copy the whole key"));
}

#[test]
fn messages_say_what_to_do_and_never_contain_the_pasted_value() {
    let cases = [
        (
            "binance",
            BINANCE_KEY,
            format!("{} {}", &BINANCE_SECRET[..30], &BINANCE_SECRET[30..]),
        ),
        ("binance", BINANCE_KEY, BINANCE_KEY.to_owned()),
        ("binance", &BINANCE_KEY[..63], BINANCE_SECRET.to_owned()),
        ("okx", OKX_SECRET, OKX_KEY.to_owned()),
        ("kraken", KRAKEN_KEY, KRAKEN_SECRET.replace('/', "_")),
        (
            "bitget",
            "5f0c8a1b2c3d4e5f60718293",
            TOKEN_SECRET.to_owned(),
        ),
    ];
    for (exchange, key, secret) in cases {
        let errors = validate(exchange, key, &secret, Some("hunter2-passphrase")).unwrap_err();
        for error in errors {
            let message = error.to_string();
            for value in [key, secret.as_str(), &secret[..16], &key[..12], "hunter2"] {
                assert!(
                    !message.contains(value),
                    "{} leaks the value: {message}",
                    error.code()
                );
            }
            let json = serde_json::to_string(&error).unwrap();
            assert!(!json.contains(&key[..12]) && !json.contains(&secret[..16]));
        }
    }
    let inner = validate(
        "binance",
        BINANCE_KEY,
        &format!("{} {}", &BINANCE_SECRET[..30], &BINANCE_SECRET[30..]),
        None,
    );
    assert_eq!(
        inner.unwrap_err()[0].to_string(),
        "The secret contains a space in the middle: copy it again from Binance's page, in one piece."
    );
}

#[test]
fn errors_name_their_field() {
    let cases = [
        (
            validate("okx", OKX_KEY, OKX_SECRET, None),
            Field::Passphrase,
        ),
        (
            validate("binance", &BINANCE_KEY[..63], BINANCE_SECRET, None),
            Field::ApiKey,
        ),
        (
            validate("binance", BINANCE_KEY, BINANCE_KEY, None),
            Field::Secret,
        ),
    ];
    for (result, field) in cases {
        assert_eq!(result.unwrap_err()[0].field(), field);
    }
}

#[test]
fn validate_field_checks_one_field_alone() {
    assert_eq!(
        validate_field(
            Some("okx"),
            Field::Secret,
            &format!(" {OKX_SECRET}\u{200B}")
        )
        .unwrap()
        .expose(),
        OKX_SECRET
    );
    assert_eq!(
        validate_field(Some("okx"), Field::ApiKey, OKX_SECRET)
            .unwrap_err()
            .code(),
        "bad_charset"
    );
    assert_eq!(
        validate_field(None, Field::ApiKey, "a b")
            .unwrap_err()
            .code(),
        "inner_space"
    );
    assert_eq!(
        validate_field(Some("mexc"), Field::ApiKey, "mx0abc")
            .unwrap()
            .expose(),
        "mx0abc"
    );
}

#[test]
fn passphrase_is_ignored_where_the_exchange_has_none() {
    let creds = validate("binance", BINANCE_KEY, BINANCE_SECRET, Some("stray")).unwrap();
    assert!(creds.passphrase.is_none());
}

#[test]
fn exchange_is_named_only_when_the_shape_is_unambiguous() {
    let cases = [
        (KRAKEN_KEY, KRAKEN_SECRET, Some("kraken")),
        (COINBASE_NAME, EC_PEM, Some("coinbase")),
        (COINBASE_NAME, COINBASE_ED25519, Some("coinbase")),
        (
            "11111111-1111-1111-1111-111111111111",
            COINBASE_ED25519,
            Some("coinbase"),
        ),
        (BITGET_KEY, TOKEN_SECRET, Some("bitget")),
        (OKX_KEY, OKX_SECRET, Some("okx")),
        (BINANCE_KEY, BINANCE_SECRET, Some("binance")),
        (BINANCE_KEY, ED25519_PEM, Some("binance")),
        (KUCOIN_KEY, KUCOIN_SECRET, Some("kucoin")),
        ("XXXXXXXXXXXXXXXXXX", TOKEN_SECRET, None),
        ("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", TOKEN_SECRET, None),
        ("", "", None),
    ];
    for (key, secret, expected) in cases {
        assert_eq!(
            detect_exchange(key, secret).as_deref(),
            expected,
            "{key:.12}"
        );
    }
}

#[test]
fn format_hints_describe_the_expected_shape() {
    assert_eq!(
        format_hint("binance", Field::Secret),
        "64 characters: letters and digits only, or a PEM private key (-----BEGIN … PRIVATE KEY-----)"
    );
    assert_eq!(
        format_hint("bitget", Field::ApiKey),
        "starts with bg_, between 10 and 128 characters: visible characters without spaces"
    );
    assert_eq!(
        format_hint("mexc", Field::ApiKey),
        "visible characters without spaces"
    );
}

#[test]
fn on_a_small_catalog_the_exchange_shape_alone_decides() {
    let c = crate::fixture::small_catalog();
    let (key, secret) = ("ak_0123456789abcdef", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6");
    let creds = c.validate_paste("acme", key, secret, None).unwrap();
    assert_eq!(creds.api_key.expose(), key);
    assert_eq!(c.detect_exchange(key, secret).as_deref(), Some("acme"));
    assert_eq!(
        codes(c.validate_paste("acme", secret, key, None)),
        ["swapped"]
    );
    assert_eq!(
        codes(c.validate_paste("acme", "ak_0123", secret, None)),
        ["bad_length"]
    );
    assert_eq!(
        codes(c.validate_paste("acme", "0123456789abcdef000", secret, None)),
        ["bad_prefix"]
    );
    assert_eq!(
        c.format_hint("acme", Field::ApiKey),
        "starts with ak_, 19 characters: hexadecimal characters only (0-9, a-f)"
    );
    // Binance's 64-character shape means nothing to this catalog: only `other`'s rules apply.
    assert!(c
        .validate_paste_field(Some("binance"), Field::ApiKey, "short")
        .is_ok());
}
