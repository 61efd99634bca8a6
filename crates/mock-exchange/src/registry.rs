//! What a registry line says about a mocked exchange (`MockExchange`), and what is derived from the
//! one list of them (`MOCKS`, in `lib.rs`): the servers' routes, account checks, `EXCHANGES`.

use axum::response::Response;

use crate::account::MockAccount;
use crate::server::{Incoming, Venue};
use crate::verify::{Accepted, Context, Credentials, Rejection, Request};
use crate::MOCKS;

/// What the mock knows about one exchange, written from the exchange's documentation.
pub(crate) struct MockExchange {
    /// The ccxt id, as Coffre's client and catalog spell it.
    pub id: &'static str,
    /// Its keys come with a user-chosen passphrase, so an account without one cannot be served.
    pub needs_passphrase: bool,
    /// Served over TLS (`https://127.0.0.1:PORT`): its real clients refuse or mis-sign plain http.
    pub https: bool,
    /// It accepts self-generated (public-key) API keys: accounts with `key_type` ed25519 or rsa.
    pub public_keys: bool,
    /// Where a request presents the api key (header, body or JWT).
    pub api_key: fn(&Request) -> Option<String>,
    /// Checks a request's signature, passphrase and timestamp or nonce.
    pub verify: fn(&Request, &Credentials, &Context) -> Result<Accepted, Rejection>,
    /// Routes the exchange's documented paths and answers in its own bodies.
    pub handle: fn(&Venue, &Incoming) -> Response,
    /// The demo set's healthy key for the exchange.
    pub demo: fn() -> MockAccount,
}

/// The exchanges the mock serves, by their ccxt ids.
pub const EXCHANGES: [&str; MOCKS.len()] = ids();

/// Exchanges where the mock accepts self-generated (public-key) API keys.
pub const ASYMMETRIC_KEYS: [&str; count_public_keys()] = public_key_ids();

pub(crate) fn find(id: &str) -> Option<&'static MockExchange> {
    MOCKS.iter().find(|m| m.id == id)
}

const fn ids() -> [&'static str; MOCKS.len()] {
    let mut ids = [""; MOCKS.len()];
    let mut i = 0;
    while i < MOCKS.len() {
        ids[i] = MOCKS[i].id;
        i += 1;
    }
    ids
}

const fn count_public_keys() -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < MOCKS.len() {
        if MOCKS[i].public_keys {
            count += 1;
        }
        i += 1;
    }
    count
}

const fn public_key_ids() -> [&'static str; count_public_keys()] {
    let mut ids = [""; count_public_keys()];
    let (mut i, mut n) = (0, 0);
    while i < MOCKS.len() {
        if MOCKS[i].public_keys {
            ids[n] = MOCKS[i].id;
            n += 1;
        }
        i += 1;
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mocked_exchange_is_listed_once() {
        let mut ids = EXCHANGES.to_vec();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), MOCKS.len());
        for id in EXCHANGES {
            assert_eq!(find(id).map(|m| m.id), Some(id));
            assert_eq!((find(id).unwrap().demo)().exchange, id, "{id}'s demo key");
        }
        assert_eq!(ASYMMETRIC_KEYS, ["binance"]);
    }
}
