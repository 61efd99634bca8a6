//! Fuzzes paste validation (cleaning, format checks, PEM repair and parsing, exchange detection)
//! with arbitrary text, and checks the one promise that matters most: a refusal never quotes the
//! pasted value back.
#![no_main]

use coffre_catalog::catalog;
use coffre_catalog::paste::{self, Field};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (api_key, secret) = text.split_at(cut);
    let _ = paste::clean(text, Field::Secret);
    let _ = paste::pem_key::inspect(text);
    let _ = paste::detect_exchange(api_key, secret);
    for exchange in catalog().exchanges() {
        if let Err(errors) = paste::validate(&exchange.id, api_key, secret, Some(secret)) {
            for error in errors {
                let message = error.to_string();
                for value in [api_key, secret] {
                    // Long values with a digit cannot occur by chance in the fixed wording.
                    let telling = value.trim().len() >= 20 && value.bytes().any(|b| b.is_ascii_digit());
                    assert!(!(telling && message.contains(value.trim())), "{} quotes the paste", error.code());
                }
            }
        }
    }
});
