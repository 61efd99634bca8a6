//! Integration tests of the vault, in one test binary (one link instead of many).

mod support;

mod backup;
mod concurrency;
mod crash;
mod envelope_props;
mod format_v1;
mod password;
mod password_change;
mod plaintext;
mod round_trip;
mod schema;
mod tamper;
