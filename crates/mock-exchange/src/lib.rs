//! Loopback mock exchanges for Coffre: one axum server per exchange on 127.0.0.1 that verifies
//! signatures exactly as the real exchange documents it and answers with the exchange's own bodies.
//!
//! Base URLs are scheme + host + port only (`http://127.0.0.1:PORT`); clients append the full
//! documented path (Gate `/api/v4/...`, Crypto.com `/exchange/v1/...`).
#![forbid(unsafe_code)]

mod account;
mod demo;
mod server;
mod venues;
pub mod verify;

pub use account::{
    Fault, MockAccount, MockBalance, MockKeyType, MockPermissions, UnknownFault, ASYMMETRIC_KEYS,
    EXCHANGES,
};
pub use demo::demo_accounts;
pub use server::{start, MockHandle, MockOptions};
