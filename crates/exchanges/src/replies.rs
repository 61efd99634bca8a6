//! The clients' readers of exchange bodies, by exchange id, for tests that feed them replies the
//! exchanges really sent (`tests/real_replies.rs`). Not an API: hidden from the docs.

use crate::transport::Reply;
use coffre_model::{Balance, Credentials, DiagnosisKind, Permissions};

fn venue(exchange: &str) -> &'static dyn crate::venue::Venue {
    crate::registry::venues()
        .iter()
        .copied()
        .find(|v| v.id() == exchange)
        .unwrap_or_else(|| panic!("no client for {exchange}"))
}

/// What the client reads from a successful balance reply.
pub fn balances(exchange: &str, body: &str) -> Result<Vec<Balance>, String> {
    venue(exchange)
        .parse_balances(body)
        .map_err(|e| e.to_string())
}

/// What the client reads from a successful permission reply.
pub fn permissions(exchange: &str, body: &str, creds: &Credentials) -> Result<Permissions, String> {
    venue(exchange)
        .parse_permissions(body, creds)
        .map_err(|e| e.to_string())
}

/// How the client classifies a reply: `None` for a success, else the kind and the exchange's code.
pub fn refusal(exchange: &str, status: u16, body: &str) -> Option<(DiagnosisKind, Option<String>)> {
    let reply = Reply {
        status,
        body: body.to_owned(),
        retry_after_s: None,
        date_offset_ms: None,
    };
    venue(exchange)
        .refusal(&reply)
        .map(|refusal| (refusal.kind, refusal.code))
}
