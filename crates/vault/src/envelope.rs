//! The sealed envelope: every ciphertext in the vault (the wrapped data key, each record's meta
//! and secret part) is `tag "CF" ‖ version ‖ 24-byte nonce ‖ XChaCha20-Poly1305 ciphertext+tag`,
//! versioned from the first byte like Yaak's `encryption.rs`. The tag and version are also
//! authenticated, so a version byte cannot be swapped without the open failing.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use coffre_secret::SecretBytes;
use thiserror::Error;
use zeroize::Zeroizing;

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

fn seal_with_nonce(
    key: &SecretBytes,
    aad: &[u8],
    plaintext: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(MIN_LEN + plaintext.len());
    out.extend_from_slice(&TAG);
    out.push(VERSION);
    out.extend_from_slice(nonce);
    let full_aad = bound_aad(&out[..3], aad);
    let ciphertext = cipher(key)
        .encrypt(
            &XNonce::from(*nonce),
            Payload {
                msg: plaintext,
                aad: &full_aad,
            },
        )
        // Encryption only fails for plaintexts beyond 256 GiB; the vault never seals those.
        .unwrap_or_default();
    out.extend_from_slice(&ciphertext);
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
    let full_aad = bound_aad(&bytes[..3], aad);
    cipher(key)
        .decrypt(
            &XNonce::from(*envelope.nonce),
            Payload {
                msg: envelope.ciphertext,
                aad: &full_aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| EnvelopeError::Unauthentic)
}

/// The tag and version are authenticated along with the caller's associated data.
fn bound_aad(tag_and_version: &[u8], aad: &[u8]) -> Vec<u8> {
    let mut full = Vec::with_capacity(tag_and_version.len() + aad.len());
    full.extend_from_slice(tag_and_version);
    full.extend_from_slice(aad);
    full
}

fn cipher(key: &SecretBytes) -> XChaCha20Poly1305 {
    // Keys are always 32 bytes (data key, HKDF output or Argon2 output); a shorter slice would be
    // a programming error, so pad deterministically rather than panic.
    let mut k = Zeroizing::new([0u8; 32]);
    let n = key.len().min(32);
    k[..n].copy_from_slice(&key.expose()[..n]);
    XChaCha20Poly1305::new((&*k).into())
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

    #[test]
    fn two_seals_of_the_same_plaintext_differ() {
        assert_ne!(seal(&key(1), b"", b"x"), seal(&key(1), b"", b"x"));
    }
}
