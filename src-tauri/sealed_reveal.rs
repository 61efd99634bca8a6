//! A revealed value crosses to the page sealed to a key only the page holds. The page makes an
//! ephemeral ECDH P-256 pair with WebCrypto (its private half not extractable) and sends the
//! public half with the reveal; Rust answers with its own ephemeral public key and the value
//! sealed with AES-256-GCM under HKDF-SHA256 of the shared secret. WebKit's UI process, which
//! carries every IPC answer through buffers Coffre cannot wipe, so only ever sees ciphertext; the
//! page's private key goes with the page's process when a lock ends it (webview.rs).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use coffre_secret::SecretString;
use ring::aead::{self, Aad, LessSafeKey, Nonce, UnboundKey};
use ring::agreement::{self, EphemeralPrivateKey, UnparsedPublicKey};
use ring::hkdf;
use ring::rand::{SecureRandom, SystemRandom};
use serde::Serialize;
use ts_rs::TS;

/// HKDF `info`: names the use, so the key is good for nothing else.
pub const INFO: &[u8] = b"coffre reveal v1";

/// `key_reveal`'s answer (all base64): Rust's public key (uncompressed P-256 point), the nonce
/// and the ciphertext with its tag.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SealedReveal {
    pub public_key: String,
    pub nonce: String,
    pub ciphertext: String,
}

/// Why a reveal could not be sealed: the page sent something that is not a P-256 public key.
#[derive(Debug, thiserror::Error)]
#[error("the page's reveal key is not a P-256 public key")]
pub struct BadRevealKey;

/// Seals `value` to the page's public key (base64 of the raw uncompressed point).
pub fn seal(value: &SecretString, page_public_key: &str) -> Result<SealedReveal, BadRevealKey> {
    let peer = B64.decode(page_public_key).map_err(|_| BadRevealKey)?;
    let rng = SystemRandom::new();
    let ours =
        EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng).map_err(|_| BadRevealKey)?;
    let our_public = ours.compute_public_key().map_err(|_| BadRevealKey)?;
    let key = agreement::agree_ephemeral(
        ours,
        &UnparsedPublicKey::new(&agreement::ECDH_P256, &peer),
        aead_key,
    )
    .map_err(|_| BadRevealKey)?;
    let mut nonce = [0u8; aead::NONCE_LEN];
    rng.fill(&mut nonce).map_err(|_| BadRevealKey)?;
    let mut sealed = zeroize::Zeroizing::new(value.expose().as_bytes().to_vec());
    key.seal_in_place_append_tag(
        Nonce::assume_unique_for_key(nonce),
        Aad::empty(),
        &mut *sealed,
    )
    .map_err(|_| BadRevealKey)?;
    Ok(SealedReveal {
        public_key: B64.encode(our_public.as_ref()),
        nonce: B64.encode(nonce),
        ciphertext: B64.encode(&*sealed),
    })
}

/// HKDF-SHA256 (empty salt, [`INFO`]) of the ECDH shared secret, as an AES-256-GCM key: what
/// WebCrypto's `deriveKey({name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info})` gives.
fn aead_key(shared: &[u8]) -> LessSafeKey {
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, &[]).extract(shared);
    let okm = prk
        .expand(&[INFO], &aead::AES_256_GCM)
        .expect("32 bytes is a valid HKDF-SHA256 length");
    LessSafeKey::new(UnboundKey::from(okm))
}

/// The page's side, for tests: opens a reveal sealed to `ours`.
#[doc(hidden)]
pub fn open_for_tests(ours: EphemeralPrivateKey, sealed: &SealedReveal) -> Option<String> {
    let peer = B64.decode(&sealed.public_key).ok()?;
    let nonce: [u8; aead::NONCE_LEN] = B64.decode(&sealed.nonce).ok()?.try_into().ok()?;
    let mut data = B64.decode(&sealed.ciphertext).ok()?;
    let key = agreement::agree_ephemeral(
        ours,
        &UnparsedPublicKey::new(&agreement::ECDH_P256, &peer),
        aead_key,
    )
    .ok()?;
    let plain = key
        .open_in_place(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut data)
        .ok()?;
    String::from_utf8(plain.to_vec()).ok()
}

/// A page key pair for tests: the private half and the base64 public half to send.
#[doc(hidden)]
pub fn page_key_for_tests() -> (EphemeralPrivateKey, String) {
    let rng = SystemRandom::new();
    let private = EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng).expect("a P-256 key");
    let public = private.compute_public_key().expect("its public half");
    (private, B64.encode(public.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_page_key_opens_the_value_and_the_answer_holds_no_plaintext() {
        let (page, public) = page_key_for_tests();
        let sealed = seal(&"NhqPtmdSJYdKjVHjA7PZj4Mge3R5".into(), &public).unwrap();
        let json = serde_json::to_string(&sealed).unwrap();
        assert!(!json.contains("NhqPtmdSJYdKjVHjA7PZj4Mge3R5"));
        let (other, _) = page_key_for_tests();
        assert_eq!(
            open_for_tests(other, &sealed),
            None,
            "another key opens nothing"
        );
        assert_eq!(
            open_for_tests(page, &sealed).as_deref(),
            Some("NhqPtmdSJYdKjVHjA7PZj4Mge3R5")
        );
    }

    #[test]
    fn a_tampered_answer_does_not_open() {
        let (page, public) = page_key_for_tests();
        let mut sealed = seal(&"secret".into(), &public).unwrap();
        let mut bytes = B64.decode(&sealed.ciphertext).unwrap();
        bytes[0] ^= 1;
        sealed.ciphertext = B64.encode(bytes);
        assert_eq!(open_for_tests(page, &sealed), None);
    }

    #[test]
    fn something_that_is_no_public_key_is_refused() {
        for bad in [
            "",
            "not base64!",
            &B64.encode([4u8; 65]),
            &B64.encode([1u8; 10]),
        ] {
            assert!(seal(&"secret".into(), bad).is_err(), "{bad}");
        }
    }
}
