use super::*;
use crate::fixtures::*;
use coffre_model::KeyType;

fn csv_file(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from("exchange,label,api_key,secret,passphrase,platforms,notes\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.into_bytes()
}

fn codes(errors: &[ImportError]) -> Vec<(Location, Option<&'static str>, &'static str)> {
    errors
        .iter()
        .map(|e| (e.location.clone(), e.field, e.code))
        .collect()
}

#[test]
fn csv_rows_become_validated_keys_with_platforms() {
    let file = csv_file(&[
        &format!("Binance,main,{BINANCE_KEY},{BINANCE_SECRET},,bitsgap; 3commas ;,spot bot"),
        &format!(
            "okx,okx bot,{OKX_KEY},{OKX_SECRET},\"{}\",,",
            OKX_PASSPHRASE.replace('"', "\"\"")
        ),
    ]);
    let keys = parse_csv(&file).unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0].exchange, "binance");
    assert_eq!(keys[0].label, "main");
    assert_eq!(keys[0].platforms, ["bitsgap", "3commas"]);
    assert_eq!(keys[0].notes, "spot bot");
    assert_eq!(keys[0].credentials.api_key.expose(), BINANCE_KEY);
    assert_eq!(keys[0].credentials.passphrase, None);
    assert_eq!(keys[1].location, Location::Line(3));
    assert_eq!(
        keys[1].credentials.passphrase.as_ref().map(|p| p.expose()),
        Some(OKX_PASSPHRASE)
    );
}

#[test]
fn csv_quoted_pem_secret_keeps_its_lines_and_key_type() {
    let file = csv_file(&[&format!("coinbase,cb,{COINBASE_KEY},\"{COINBASE_PEM}\",,,")]);
    let keys = parse_csv(&file).unwrap();
    assert_eq!(keys[0].credentials.key_type, KeyType::Ecdsa);
    assert!(keys[0]
        .credentials
        .secret
        .expose()
        .contains("\nAwEHoUQDQgAE"));
}

#[test]
fn csv_with_a_different_header_is_refused() {
    let file = format!("exchange,label,key,secret\nbinance,a,{BINANCE_KEY},{BINANCE_SECRET}\n");
    let errors = parse_csv(file.as_bytes()).unwrap_err();
    assert_eq!(
        codes(&errors),
        [(Location::Line(1), None, "missing_column")]
    );
}

#[test]
fn csv_errors_name_line_and_field_but_never_the_secret() {
    let file = csv_file(&[
        &format!("binance,ok,{BINANCE_KEY},{BINANCE_SECRET},,,"),
        &format!("binance,twice,{BINANCE_SECRET},{BINANCE_SECRET},,,"),
        &format!("binance,,{BINANCE_KEY},{BINANCE_SECRET},,,"),
        &format!("okx,nopass,{OKX_KEY},{OKX_SECRET},,,"),
        ",noexchange,a,b,,,",
    ]);
    let errors = parse_csv(&file).unwrap_err();
    assert_eq!(
        codes(&errors),
        [
            (Location::Line(3), Some("secret"), "same_as_key"),
            (Location::Line(4), Some("label"), "bad_label"),
            (Location::Line(5), Some("passphrase"), "passphrase_required"),
            (Location::Line(6), Some("exchange"), "bad_exchange"),
        ]
    );
    for e in &errors {
        let text = e.to_string();
        assert!(
            text.starts_with(&format!("{}, field ", e.location)),
            "{text}"
        );
        assert!(!text.contains(BINANCE_SECRET) && !text.contains(OKX_SECRET));
    }
}

#[test]
fn csv_duplicate_labels_are_refused() {
    let file = csv_file(&[
        &format!("binance,same,{BINANCE_KEY},{BINANCE_SECRET},,,"),
        &format!("okx,same,{OKX_KEY},{OKX_SECRET},pass,,"),
    ]);
    let errors = parse_csv(&file).unwrap_err();
    assert_eq!(
        codes(&errors),
        [(Location::Line(3), Some("label"), "duplicate_label")]
    );
}

#[test]
fn csv_with_a_short_row_is_refused_without_its_content() {
    let file = csv_file(&[&format!("binance,a,{BINANCE_KEY},{BINANCE_SECRET}")]);
    let errors = parse_csv(&file).unwrap_err();
    assert_eq!(codes(&errors), [(Location::Line(2), None, "bad_file")]);
    assert!(!errors[0].to_string().contains(BINANCE_SECRET));
}

#[test]
fn ccxt_object_keyed_by_label_is_read() {
    let file = serde_json::json!({
        "main": {"exchange": "binance", "apiKey": BINANCE_KEY, "secret": BINANCE_SECRET, "enableRateLimit": true},
        "okx bot": {"exchange": "okx", "apiKey": OKX_KEY, "secret": OKX_SECRET, "password": OKX_PASSPHRASE},
    });
    let keys = parse_ccxt(file.to_string().as_bytes()).unwrap();
    let labels: Vec<_> = keys
        .iter()
        .map(|k| (k.label.as_str(), k.exchange.as_str()))
        .collect();
    assert_eq!(labels, [("main", "binance"), ("okx bot", "okx")]);
    assert_eq!(
        keys[1].credentials.passphrase.as_ref().map(|p| p.expose()),
        Some(OKX_PASSPHRASE)
    );
}

#[test]
fn ccxt_array_defaults_label_to_the_exchange_and_keeps_pem() {
    let file = serde_json::json!([
        {"exchange": "coinbase", "apiKey": COINBASE_KEY, "secret": COINBASE_PEM},
        {"exchange": "okx", "label": "bot", "apiKey": OKX_KEY, "secret": OKX_SECRET, "password": "p"},
    ]);
    let keys = parse_ccxt(file.to_string().as_bytes()).unwrap();
    assert_eq!(keys[0].label, "coinbase");
    assert_eq!(
        keys[0].credentials.secret.expose().trim_end(),
        COINBASE_PEM.trim_end()
    );
    assert_eq!(keys[1].label, "bot");
    assert_eq!(keys[1].location, Location::Entry(2));
}

#[test]
fn ccxt_missing_fields_and_unstored_credentials_are_refused() {
    let file = serde_json::json!([
        {"exchange": "binance", "apiKey": BINANCE_KEY},
        {"exchange": "binance", "apiKey": BINANCE_KEY, "secret": BINANCE_SECRET, "uid": "123"},
        {"apiKey": 5, "secret": BINANCE_SECRET},
    ]);
    let errors = parse_ccxt(file.to_string().as_bytes()).unwrap_err();
    assert_eq!(
        codes(&errors),
        [
            (Location::Entry(1), Some("secret"), "missing_field"),
            (Location::Entry(2), Some("uid"), "unsupported_field"),
            (Location::Entry(3), Some("exchange"), "missing_field"),
            (Location::Entry(3), Some("apiKey"), "bad_file"),
        ]
    );
}

#[test]
fn ccxt_invalid_json_reports_position_only() {
    let text = format!("{{\"a\": {{\"secret\": \"{BINANCE_SECRET}\" oops}}}}");
    let errors = parse_ccxt(text.as_bytes()).unwrap_err();
    assert_eq!(codes(&errors), [(Location::File, None, "bad_file")]);
    assert!(errors[0].message.contains("line 1"));
    assert!(!errors[0].to_string().contains(BINANCE_SECRET));
}
