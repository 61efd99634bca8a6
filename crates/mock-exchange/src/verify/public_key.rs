//! Self-generated API keys: the user uploads a public key and signs with the private half, so the
//! exchange checks signatures against the stored public key PEM (Ed25519, or RSA PKCS#1 v1.5 SHA-256).

// One pkcs8 trait serves both key kinds (ed25519-dalek and rsa share pkcs8 0.10).
use ed25519_dalek::pkcs8::DecodePublicKey as _;
use rsa::pkcs1v15;
use rsa::signature::Verifier as _;
use sha2::Sha256;

use crate::account::MockKeyType;

/// A stored public key, parsed once per request from the account's PEM.
pub enum PublicKey {
    Ed25519(ed25519_dalek::VerifyingKey),
    Rsa(pkcs1v15::VerifyingKey<Sha256>),
}

/// Why an account's PEM is not the public key its `key_type` names. Says nothing of the key itself.
#[derive(Debug, thiserror::Error)]
pub enum BadPublicKey {
    #[error("secret must be an Ed25519 public key PEM (-----BEGIN PUBLIC KEY-----)")]
    NotEd25519,
    #[error("secret must be an RSA public key PEM (-----BEGIN PUBLIC KEY-----)")]
    NotRsa,
    #[error("an hmac key has no public key")]
    Symmetric,
}

impl PublicKey {
    pub fn from_pem(key_type: MockKeyType, pem: &str) -> Result<PublicKey, BadPublicKey> {
        match key_type {
            MockKeyType::Ed25519 => ed25519_dalek::VerifyingKey::from_public_key_pem(pem.trim())
                .map(PublicKey::Ed25519)
                .map_err(|_| BadPublicKey::NotEd25519),
            MockKeyType::Rsa => rsa::RsaPublicKey::from_public_key_pem(pem.trim())
                .map(|k| PublicKey::Rsa(pkcs1v15::VerifyingKey::new(k)))
                .map_err(|_| BadPublicKey::NotRsa),
            MockKeyType::Hmac => Err(BadPublicKey::Symmetric),
        }
    }

    /// True when `signature` (raw bytes) signs `payload` under this key.
    pub fn verifies(&self, payload: &[u8], signature: &[u8]) -> bool {
        match self {
            PublicKey::Ed25519(key) => ed25519_dalek::Signature::from_slice(signature)
                .is_ok_and(|sig| key.verify_strict(payload, &sig).is_ok()),
            PublicKey::Rsa(key) => pkcs1v15::Signature::try_from(signature)
                .is_ok_and(|sig| key.verify(payload, &sig).is_ok()),
        }
    }
}
