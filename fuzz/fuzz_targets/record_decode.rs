//! Fuzzes everything the vault decodes from bytes it reads from disk before or after
//! authentication: the envelope framing, the header blob, the meta JSON and the secret part.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = coffre_vault::fuzzing::decode_record(data);
});
