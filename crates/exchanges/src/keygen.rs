//! Self-generated API keys: the Ed25519 pair a user makes for Binance, keeps the private half
//! of in the vault and uploads the public half to the exchange (which then issues the API key).

use coffre_secret::SecretString;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::spki::EncodePublicKey as _;
use ed25519_dalek::pkcs8::EncodePrivateKey as _;
use ed25519_dalek::SigningKey;
use rand::rngs::OsRng;

/// A fresh key pair in the PEM forms Binance's own key generator writes.
pub struct GeneratedKey {
    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`): the secret to store, never to show.
    pub private_key_pem: SecretString,
    /// SPKI PEM (`-----BEGIN PUBLIC KEY-----`): what the user pastes into Binance.
    pub public_key_pem: String,
}

// Hand-written so the private half cannot reach a log through `{:?}`.
impl std::fmt::Debug for GeneratedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GeneratedKey")
            .field("private_key_pem", &self.private_key_pem)
            .field("public_key_pem", &self.public_key_pem)
            .finish()
    }
}

/// Generates an Ed25519 key pair from the operating system's random source.
///
/// `SigningKey` wipes its seed on drop and the PKCS#8 text comes back `Zeroizing`, so the only
/// lasting copy of the private key is the returned `SecretString`.
pub fn ed25519() -> GeneratedKey {
    let signing = SigningKey::generate(&mut OsRng);
    // Encoding a 32-byte key into PEM cannot fail: the documents are fixed-size DER.
    let private = signing
        .to_pkcs8_pem(LineEnding::LF)
        .expect("an Ed25519 key always encodes as PKCS#8");
    let public_key_pem = signing
        .verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("an Ed25519 public key always encodes as SPKI");
    GeneratedKey {
        private_key_pem: SecretString::new(private.as_str().to_owned()),
        public_key_pem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::pkcs8::spki::DecodePublicKey as _;
    use ed25519_dalek::pkcs8::DecodePrivateKey as _;
    use ed25519_dalek::{Signer as _, Verifier as _};

    #[test]
    fn generated_halves_belong_together() {
        let key = ed25519();
        let signing = SigningKey::from_pkcs8_pem(key.private_key_pem.expose()).unwrap();
        let public = ed25519_dalek::VerifyingKey::from_public_key_pem(&key.public_key_pem).unwrap();
        let signature = signing.sign(b"timestamp=1");
        assert!(public.verify(b"timestamp=1", &signature).is_ok());
        assert!(key
            .private_key_pem
            .expose()
            .starts_with("-----BEGIN PRIVATE KEY-----"));
        assert!(key.public_key_pem.starts_with("-----BEGIN PUBLIC KEY-----"));
    }

    #[test]
    fn every_call_makes_a_new_key() {
        assert_ne!(ed25519().public_key_pem, ed25519().public_key_pem);
    }

    #[test]
    fn debug_output_hides_the_private_key() {
        let key = ed25519();
        let shown = format!("{key:?}");
        assert!(!shown.contains(key.private_key_pem.expose()));
        assert!(!shown.contains("BEGIN PRIVATE KEY"));
    }
}
