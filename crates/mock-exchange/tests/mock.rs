//! Integration tests of the mock exchanges, in one binary (one link on a two-core machine).

mod mock {
    pub mod binance_keys;
    pub mod binary;
    pub mod loopback;
    pub mod model;
    pub mod properties;
    pub mod signer;
    pub mod vectors;
}
