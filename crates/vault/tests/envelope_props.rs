//! Property tests of the sealed envelope.

use coffre_secret::SecretBytes;
use coffre_vault::envelope::{open, seal, Envelope, EnvelopeError};
use proptest::prelude::*;

fn key(seed: u8) -> SecretBytes {
    SecretBytes::new((0..32).map(|i| seed.wrapping_add(i)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sealed_data_opens_to_itself(seed in any::<u8>(), aad in proptest::collection::vec(any::<u8>(), 0..64),
                                   plain in proptest::collection::vec(any::<u8>(), 0..512)) {
        let sealed = seal(&key(seed), &aad, &plain);
        let opened = open(&key(seed), &aad, &sealed).unwrap();
        prop_assert_eq!(opened.as_slice(), plain.as_slice());
    }

    #[test]
    fn any_single_byte_change_fails_to_open(plain in proptest::collection::vec(any::<u8>(), 0..256),
                                            pos in any::<prop::sample::Index>(), delta in 1u8..=255) {
        let mut sealed = seal(&key(1), b"aad", &plain);
        let i = pos.index(sealed.len());
        sealed[i] ^= delta;
        prop_assert!(open(&key(1), b"aad", &sealed).is_err());
    }

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
        let _ = Envelope::parse(&bytes);
        prop_assert!(open(&key(1), b"", &bytes).is_err() || bytes.len() >= 43);
    }
}

#[test]
fn truncated_envelope_is_malformed() {
    let sealed = seal(&key(1), b"", b"x");
    assert_eq!(
        open(&key(1), b"", &sealed[..10]),
        Err(EnvelopeError::Malformed)
    );
}
