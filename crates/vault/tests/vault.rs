//! Integration tests of the vault, in one test binary (one link instead of many).

mod support;

mod backup;
mod concurrency;
mod crash;
mod envelope_props;
mod password;
mod plaintext;
mod round_trip;
mod tamper;
