//! Crypto.com Exchange v1: hex HMAC-SHA256 of method + id + api_key + sorted parameter string +
//! nonce, all read from the JSON body; the nonce must be within 60 s of the server clock.

use serde_json::Value;

use crate::verify::{
    check_signature, hmac_sha256, same, Accepted, Context, Credentials, Rejection, Request,
};

const NONCE_TOLERANCE_MS: i64 = 60_000;
/// The official example stops flattening nested parameters at this depth.
const MAX_LEVEL: usize = 3;

pub(crate) fn api_key(req: &Request) -> Option<String> {
    let body: Value = serde_json::from_slice(req.body).ok()?;
    body.get("api_key")?.as_str().map(str::to_owned)
}

pub fn verify(req: &Request, creds: &Credentials, ctx: &Context) -> Result<Accepted, Rejection> {
    let body: Value = serde_json::from_slice(req.body).map_err(|_| Rejection::Malformed("body"))?;
    let field = |name: &'static str| body.get(name).ok_or(Rejection::Missing(name));
    let method = field("method")?
        .as_str()
        .ok_or(Rejection::Malformed("method"))?;
    if req.path.strip_prefix("/exchange/v1/") != Some(method) {
        return Err(Rejection::Malformed("method"));
    }
    let id = scalar(field("id")?).ok_or(Rejection::Malformed("id"))?;
    let key = field("api_key")?
        .as_str()
        .ok_or(Rejection::Malformed("api_key"))?;
    if !same(key, creds.api_key) {
        return Err(Rejection::KeyMismatch);
    }
    let nonce_text = scalar(field("nonce")?).ok_or(Rejection::Malformed("nonce"))?;
    let signature = field("sig")?.as_str().ok_or(Rejection::Malformed("sig"))?;
    let params = match body.get("params") {
        None | Some(Value::Null) => String::new(),
        Some(Value::Object(_)) => param_string(&body["params"], 0),
        Some(_) => return Err(Rejection::Malformed("params")),
    };
    let payload = format!("{method}{id}{key}{params}{nonce_text}");
    let expected = hex::encode(hmac_sha256(creds.secret.as_bytes(), payload.as_bytes()));
    check_signature(signature, &expected)?;

    let nonce = crate::verify::parse_ms(&nonce_text)?;
    crate::verify::within(nonce, ctx.now_ms, NONCE_TOLERANCE_MS)?;
    Ok(Accepted::default())
}

/// A number or string as it is concatenated into the signed text.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Keys sorted ascending, each followed by its value; lists and objects flattened recursively.
fn param_string(v: &Value, level: usize) -> String {
    match v {
        Value::Object(map) if level < MAX_LEVEL => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            keys.into_iter()
                .map(|k| format!("{k}{}", value_string(&map[k], level)))
                .collect()
        }
        other => value_string(other, level),
    }
}

fn value_string(v: &Value, level: usize) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(|i| param_string(i, level + 1)).collect(),
        Value::Object(_) => param_string(v, level + 1),
    }
}
