//! Integration tests of coffre-exchanges, in one binary to save link time: the signing vectors
//! and the round trips against the loopback mock exchanges.

mod keygen;
mod roundtrip;
mod vectors;
