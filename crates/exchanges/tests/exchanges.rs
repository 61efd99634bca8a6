//! Integration tests of coffre-exchanges, in one binary to save link time: the signing vectors,
//! the round trips against the loopback mock exchanges, and the registries' agreement.

mod coinbase;
mod keygen;
mod prices;
mod real_replies;
mod registry;
mod roundtrip;
mod transport;
mod vectors;
