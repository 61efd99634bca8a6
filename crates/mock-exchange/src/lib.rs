//! Loopback mock exchanges for Coffre: one axum server per exchange on 127.0.0.1 that verifies
//! signatures exactly as the real exchange documents it and answers with the exchange's own bodies.
//!
//! Base URLs are scheme + host + port only (`http://127.0.0.1:PORT`, `https://` for the mocks
//! whose real clients need TLS, see `tls`); clients append the full documented path (Gate
//! `/api/v4/...`, Crypto.com `/exchange/v1/...`).
#![forbid(unsafe_code)]

// Shared machinery: accounts, servers, what endpoints and verifiers have in common.
mod account;
mod demo;
mod endpoint;
mod markets;
mod registry;
mod server;
mod tls;
pub mod verify;

// The registry: one folder per exchange (`mod.rs`: routes, bodies, demo key; `verify.rs`: its
// verifier), declared here and listed once in `MOCKS`. Adding an exchange is its folder plus
// these two lines (`registry` derives everything else).
mod binance;
mod bitget;
mod bybit;
mod coinbase;
mod cryptocom;
mod gate;
mod kraken;
mod kucoin;
mod okx;
mod whitebit;

/// Every mocked exchange, one line each, in the order servers start and `EXCHANGES` lists them.
const MOCKS: &[registry::MockExchange] = &[
    binance::MOCK,
    whitebit::MOCK,
    cryptocom::MOCK,
    okx::MOCK,
    bybit::MOCK,
    kraken::MOCK,
    kucoin::MOCK,
    coinbase::MOCK,
    bitget::MOCK,
    gate::MOCK,
];

pub use account::{Fault, MockAccount, MockBalance, MockKeyType, MockPermissions, UnknownFault};
pub use demo::{demo_accounts, healthy_accounts};
pub use markets::{last_price, LAST_PRICES};
pub use registry::{ASYMMETRIC_KEYS, EXCHANGES};
pub use server::{start, MockHandle, MockOptions};
