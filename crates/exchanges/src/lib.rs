//! Live checks of exchange API keys: one folder per exchange (`binance/`, `okx/`, …) with its pure
//! signer (`<exchange>::sign`) and its client, one registry of them, and a diagnosis in the
//! exchange's terms when the key is refused. Everything ends in a `coffre_model::CheckReport`.
#![forbid(unsafe_code)]

// Shared machinery: what a client is, how replies are read, how requests travel.
pub mod base_url;
mod checker;
mod clock;
pub mod keygen;
pub mod messages;
mod pages;
mod parse;
mod prices;
mod refusal;
mod registry;
#[doc(hidden)]
pub mod replies;
pub mod sign;
mod transport;
pub use base_url::{checked_base_url, BaseUrlError};
pub use transport::{LoopbackAuthorityError, MAX_REPLY_BYTES};
mod venue;

// The registry: one folder per exchange, declared here and listed once in `VENUES`. Adding an
// exchange is its folder plus these two lines (`registry` derives everything else).
pub mod binance;
pub mod bitget;
pub mod bybit;
pub mod coinbase;
pub mod cryptocom;
pub mod gate;
pub mod kraken;
pub mod kucoin;
pub mod okx;
pub mod whitebit;

/// Every exchange Coffre can check live, one line each, in the order `supported()` lists them.
const VENUES: &[&dyn venue::Venue] = &[
    &binance::Binance,
    &whitebit::Whitebit,
    &cryptocom::Cryptocom,
    &okx::Okx,
    &bybit::Bybit,
    &kraken::Kraken,
    &kucoin::Kucoin,
    &coinbase::Coinbase,
    &bitget::Bitget,
    &gate::Gate,
];

pub use checker::{Checker, RetryPolicy, DEFAULT_PER_EXCHANGE_CONCURRENCY};
/// How a check values balances; public for the UI's fixtures (tests/ipc/contract.rs).
pub use prices::{value as value_balances, Prices};
pub use registry::supported;
