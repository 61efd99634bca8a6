//! Crypto.com Exchange v1: hex HMAC-SHA256 of method + id + api_key + parameter string + nonce,
//! where the parameter string concatenates sorted `key + value` pairs, recursively.

use crate::sign::hmac_sha256;
use serde_json::Value;

/// How deep nested params are flattened; the official example stops at 3 levels.
const MAX_DEPTH: usize = 3;

/// The documented parameter string: keys sorted ascending, `key + value`, no separators; lists
/// and objects flattened recursively, `null` spelled `null`.
pub fn param_string(params: &Value) -> String {
    let mut out = String::new();
    flatten(params, 0, &mut out);
    out
}

fn flatten(value: &Value, depth: usize, out: &mut String) {
    if depth >= MAX_DEPTH {
        out.push_str(&scalar(value));
        return;
    }
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for key in keys {
                out.push_str(key);
                flatten_value(&map[key], depth, out);
            }
        }
        other => out.push_str(&scalar(other)),
    }
}

fn flatten_value(value: &Value, depth: usize, out: &mut String) {
    match value {
        Value::Object(_) => flatten(value, depth + 1, out),
        Value::Array(items) => {
            for item in items {
                if item.is_object() {
                    flatten(item, depth + 1, out);
                } else {
                    out.push_str(&scalar(item));
                }
            }
        }
        other => out.push_str(&scalar(other)),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The text that is signed.
pub fn prehash(method: &str, id: &str, api_key: &str, params: &Value, nonce: &str) -> String {
    format!("{method}{id}{api_key}{}{nonce}", param_string(params))
}

/// The `sig` field of the request body.
pub fn sign(
    secret: &str,
    method: &str,
    id: &str,
    api_key: &str,
    params: &Value,
    nonce: &str,
) -> String {
    let message = prehash(method, id, api_key, params, nonce);
    hex::encode(hmac_sha256(secret.as_bytes(), message.as_bytes()))
}
