//! The sealed envelope: every ciphertext in the vault (the wrapped data key, each record's meta
//! and secret part) is `tag "CF" ‖ version ‖ 24-byte nonce ‖ XChaCha20-Poly1305 ciphertext+tag`,
//! versioned from the first byte like Yaak's `encryption.rs`. The tag and version are also
//! authenticated, so a version byte cannot be swapped without the open failing.
//!
//! XChaCha20-Poly1305 is built as draft-arciszewski-xchacha §2 describes it: HChaCha20 turns the
//! key and the first 16 nonce bytes into a subkey for the IETF ChaCha20-Poly1305 of RFC 8439
//! (ring's), whose nonce is four zero bytes and the last 8. Unlock opens every meta part at once,
//! and for parts of a few hundred bytes RustCrypto's `poly1305` spends about 1 µs per message
//! setting up its AVX2 state: 2.5 µs per open against 0.5 µs here. The tests check the result
//! against RustCrypto's `XChaCha20Poly1305` and the draft's vector.

use chacha20::cipher::consts::U10;
use coffre_secret::SecretBytes;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305};
use thiserror::Error;
use zeroize::{Zeroize, Zeroizing};

/// First two bytes of every envelope.
pub const TAG: [u8; 2] = *b"CF";
/// The only envelope version so far.
pub const VERSION: u8 = 1;
/// XChaCha20 nonce length.
pub const NONCE_LEN: usize = 24;
/// Poly1305 tag length.
pub const MAC_LEN: usize = 16;
const HEADER_LEN: usize = TAG.len() + 1 + NONCE_LEN;
/// The shortest valid envelope (empty plaintext).
pub const MIN_LEN: usize = HEADER_LEN + MAC_LEN;

/// Why an envelope could not be opened.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Too short, wrong tag: not an envelope at all.
    #[error("not a sealed envelope")]
    Malformed,
    /// A version this build does not know.
    #[error("unknown envelope version {0}")]
    UnknownVersion(u8),
    /// Wrong key, wrong associated data, or altered bytes.
    #[error("envelope failed authentication")]
    Unauthentic,
}

/// The parts of an envelope, borrowed from its bytes; parsing checks only the framing.
#[derive(Debug, PartialEq, Eq)]
pub struct Envelope<'a> {
    /// The format version (today always [`VERSION`]).
    pub version: u8,
    /// The random nonce.
    pub nonce: &'a [u8; NONCE_LEN],
    /// Ciphertext followed by the Poly1305 tag.
    pub ciphertext: &'a [u8],
}

impl<'a> Envelope<'a> {
    /// Splits `bytes` into version, nonce and ciphertext; never panics.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, EnvelopeError> {
        if bytes.len() < MIN_LEN || bytes[..2] != TAG {
            return Err(EnvelopeError::Malformed);
        }
        let version = bytes[2];
        if version != VERSION {
            return Err(EnvelopeError::UnknownVersion(version));
        }
        let nonce = bytes[3..HEADER_LEN]
            .try_into()
            .map_err(|_| EnvelopeError::Malformed)?;
        Ok(Envelope {
            version,
            nonce,
            ciphertext: &bytes[HEADER_LEN..],
        })
    }
}

/// Seals `plaintext` under the 32-byte `key`, binding `aad`, with a fresh random nonce.
pub fn seal(key: &SecretBytes, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; NONCE_LEN];
    fill_random(&mut nonce);
    seal_with_nonce(key, aad, plaintext, &nonce)
}

/// [`seal`] with a nonce the caller drew from the OS CSPRNG ([`fill_random`]) and uses for this
/// one envelope only: re-sealing a whole vault draws all its nonces in one call rather than one
/// system call per envelope.
pub(crate) fn seal_with_nonce(
    key: &SecretBytes,
    aad: &[u8],
    plaintext: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(MIN_LEN + plaintext.len());
    out.extend_from_slice(&TAG);
    out.push(VERSION);
    out.extend_from_slice(nonce);
    let full_aad = BoundAad::new(&out[..3], aad);
    out.extend_from_slice(plaintext);
    let (cipher, ietf_nonce) = xchacha(key, nonce);
    match cipher.seal_in_place_separate_tag(
        ietf_nonce,
        Aad::from(full_aad.as_slice()),
        &mut out[HEADER_LEN..],
    ) {
        Ok(tag) => out.extend_from_slice(tag.as_ref()),
        // Sealing only fails for plaintexts beyond 256 GiB, which the vault never seals; the
        // plaintext must not stay in the output all the same.
        Err(_) => {
            out[HEADER_LEN..].zeroize();
            out.truncate(HEADER_LEN);
        }
    }
    out
}

/// Opens an envelope sealed by [`seal`] with the same key and `aad`; the plaintext is zeroized
/// when dropped.
pub fn open(
    key: &SecretBytes,
    aad: &[u8],
    bytes: &[u8],
) -> Result<Zeroizing<Vec<u8>>, EnvelopeError> {
    let envelope = Envelope::parse(bytes)?;
    // Decrypted in place, in a buffer that is wiped whatever happens: after a failed check its
    // contents are unspecified, which may mean unauthenticated plaintext.
    let mut buf = Zeroizing::new(envelope.ciphertext.to_vec());
    let len = open_body(key, aad, &bytes[..3], envelope.nonce, &mut buf)?;
    buf.truncate(len);
    Ok(buf)
}

/// [`open`] where the envelope lies, for unlock, which opens every meta part straight in the
/// buffer it read from the database instead of copying it. Returns the plaintext as a slice of
/// `bytes`; success or not, `bytes` may then hold plaintext, hence a buffer that is wiped.
pub(crate) fn open_in_place<'a>(
    key: &SecretBytes,
    aad: &[u8],
    bytes: &'a mut Zeroizing<Vec<u8>>,
) -> Result<&'a [u8], EnvelopeError> {
    let nonce = *Envelope::parse(bytes)?.nonce;
    let (head, body) = bytes.split_at_mut(HEADER_LEN);
    let len = open_body(key, aad, &head[..3], &nonce, body)?;
    Ok(&body[..len])
}

/// Checks `body` (ciphertext ‖ tag) and decrypts it in place; returns the plaintext's length.
fn open_body(
    key: &SecretBytes,
    aad: &[u8],
    tag_and_version: &[u8],
    nonce: &[u8; NONCE_LEN],
    body: &mut [u8],
) -> Result<usize, EnvelopeError> {
    let full_aad = BoundAad::new(tag_and_version, aad);
    let (cipher, ietf_nonce) = xchacha(key, nonce);
    cipher
        .open_in_place(ietf_nonce, Aad::from(full_aad.as_slice()), body)
        .map(|plain| plain.len())
        .map_err(|_| EnvelopeError::Unauthentic)
}

/// The tag and version followed by the caller's associated data: both are authenticated. On the
/// stack when short, as every record part's is: unlock opens ten thousand of them.
enum BoundAad {
    Short([u8; 128], usize),
    Long(Vec<u8>),
}

impl BoundAad {
    fn new(tag_and_version: &[u8], aad: &[u8]) -> BoundAad {
        let len = tag_and_version.len() + aad.len();
        let mut short = [0u8; 128];
        match short.get_mut(..len) {
            Some(buf) => {
                let (head, tail) = buf.split_at_mut(tag_and_version.len());
                head.copy_from_slice(tag_and_version);
                tail.copy_from_slice(aad);
                BoundAad::Short(short, len)
            }
            None => BoundAad::Long([tag_and_version, aad].concat()),
        }
    }

    fn as_slice(&self) -> &[u8] {
        match self {
            BoundAad::Short(buf, len) => &buf[..*len],
            BoundAad::Long(v) => v,
        }
    }
}

/// The IETF ChaCha20-Poly1305 key and nonce that make XChaCha20-Poly1305 under `key` and the
/// 24-byte `nonce`.
fn xchacha(key: &SecretBytes, nonce: &[u8; NONCE_LEN]) -> (LessSafeKey, Nonce) {
    // Keys are always 32 bytes (data key, HKDF output or Argon2 output); a shorter slice would be
    // a programming error, so pad deterministically rather than panic.
    let mut k = Zeroizing::new([0u8; 32]);
    let n = key.len().min(32);
    k[..n].copy_from_slice(&key.expose()[..n]);
    let mut subkey = chacha20::hchacha::<U10>((&*k).into(), nonce[..16].into());
    // A 32-byte key is the one length ChaCha20-Poly1305 takes, so this cannot fail.
    let cipher = UnboundKey::new(&CHACHA20_POLY1305, &subkey[..])
        .map(LessSafeKey::new)
        .expect("ChaCha20-Poly1305 takes a 32-byte key");
    subkey[..].zeroize();
    let mut ietf = [0u8; 12];
    ietf[4..].copy_from_slice(&nonce[16..]);
    (cipher, Nonce::assume_unique_for_key(ietf))
}

/// Fills `buf` from the operating system's CSPRNG.
pub(crate) fn fill_random(buf: &mut [u8]) {
    // The OS RNG failing is unrecoverable and must never degrade into a predictable nonce or key.
    getrandom::fill(buf).expect("operating system random number generator failed");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> SecretBytes {
        SecretBytes::new(vec![b; 32])
    }

    #[test]
    fn envelope_starts_with_tag_and_version() {
        let sealed = seal(&key(1), b"ad", b"hello");
        assert_eq!(&sealed[..3], b"CF\x01");
        assert_eq!(sealed.len(), MIN_LEN + 5);
    }

    #[test]
    fn unknown_version_is_reported_as_such() {
        let mut sealed = seal(&key(1), b"ad", b"hello");
        sealed[2] = 9;
        assert_eq!(
            open(&key(1), b"ad", &sealed),
            Err(EnvelopeError::UnknownVersion(9))
        );
    }

    #[test]
    fn wrong_key_or_aad_is_unauthentic() {
        let sealed = seal(&key(1), b"ad", b"hello");
        assert_eq!(
            open(&key(2), b"ad", &sealed),
            Err(EnvelopeError::Unauthentic)
        );
        assert_eq!(
            open(&key(1), b"other", &sealed),
            Err(EnvelopeError::Unauthentic)
        );
        assert_eq!(open(&key(1), b"ad", &sealed).unwrap().as_slice(), b"hello");
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// The reference implementation, for comparison.
    fn reference_seal(key: &[u8; 32], nonce: &[u8; NONCE_LEN], aad: &[u8], msg: &[u8]) -> Vec<u8> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        chacha20poly1305::XChaCha20Poly1305::new(key.into())
            .encrypt(nonce.into(), Payload { msg, aad })
            .unwrap()
    }

    #[test]
    fn xchacha_matches_the_draft_vector() {
        // draft-arciszewski-xchacha-03, appendix A.3.1.
        let key: [u8; 32] =
            unhex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
                .try_into()
                .unwrap();
        let nonce: [u8; 24] = unhex("404142434445464748494a4b4c4d4e4f5051525354555657")
            .try_into()
            .unwrap();
        let aad = unhex("50515253c0c1c2c3c4c5c6c7");
        let plaintext = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
        let expected = unhex(concat!(
            "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb",
            "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452",
            "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9",
            "21f9664c97637da9768812f615c68b13b52e",
            "c0875924c1c7987947deafd8780acf49",
        ));
        let (cipher, ietf_nonce) = xchacha(&SecretBytes::new(key.to_vec()), &nonce);
        let mut buf = plaintext.to_vec();
        let tag = cipher
            .seal_in_place_separate_tag(ietf_nonce, Aad::from(&aad[..]), &mut buf)
            .unwrap();
        buf.extend_from_slice(tag.as_ref());
        assert_eq!(buf, expected);
        assert_eq!(reference_seal(&key, &nonce, &aad, plaintext), expected);
    }

    #[test]
    fn envelopes_are_the_reference_xchacha20_poly1305_at_every_length() {
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng as u8
        };
        for len in 0..600 {
            let key: [u8; 32] = std::array::from_fn(|_| next());
            let nonce: [u8; NONCE_LEN] = std::array::from_fn(|_| next());
            // Associated data on both sides of the length kept on the stack.
            let aad: Vec<u8> = (0..len % 140).map(|_| next()).collect();
            let msg: Vec<u8> = (0..len).map(|_| next()).collect();
            let secret = SecretBytes::new(key.to_vec());
            let sealed = seal_with_nonce(&secret, &aad, &msg, &nonce);
            assert_eq!(&sealed[..3], b"CF\x01");
            assert_eq!(&sealed[3..HEADER_LEN], &nonce);
            let mut full_aad = b"CF\x01".to_vec();
            full_aad.extend_from_slice(&aad);
            assert_eq!(
                sealed[HEADER_LEN..],
                reference_seal(&key, &nonce, &full_aad, &msg)[..],
                "length {len}"
            );
            assert_eq!(open(&secret, &aad, &sealed).unwrap().as_slice(), &msg[..]);
            let mut in_place = Zeroizing::new(sealed.clone());
            assert_eq!(
                open_in_place(&secret, &aad, &mut in_place).unwrap(),
                &msg[..]
            );
            let mut bad = sealed.clone();
            let i = HEADER_LEN + usize::from(next()) % (bad.len() - HEADER_LEN);
            bad[i] ^= 1 << (next() % 8);
            assert_eq!(open(&secret, &aad, &bad), Err(EnvelopeError::Unauthentic));
            let mut bad = Zeroizing::new(bad);
            assert_eq!(
                open_in_place(&secret, &aad, &mut bad),
                Err(EnvelopeError::Unauthentic)
            );
        }
    }

    #[test]
    fn two_seals_of_the_same_plaintext_differ() {
        assert_ne!(seal(&key(1), b"", b"x"), seal(&key(1), b"", b"x"));
    }
}
