//! WhiteBIT: the JSON body is sent base64-encoded in `X-TXC-PAYLOAD`, and that base64 text (not
//! the JSON) is signed with hex HMAC-SHA512.

use crate::sign::hmac_sha512;

/// The two signed headers of a WhiteBIT private request.
pub struct WhitebitSignature {
    /// `X-TXC-PAYLOAD`: base64 of the body exactly as sent.
    pub payload: String,
    /// `X-TXC-SIGNATURE`: hex HMAC-SHA512 of the payload text.
    pub signature: String,
}

/// Signs a JSON body (which must already carry `request` and `nonce`).
pub fn sign(secret: &str, body: &str) -> WhitebitSignature {
    let payload = crate::sign::base64(body.as_bytes());
    let signature = hex::encode(hmac_sha512(secret.as_bytes(), payload.as_bytes()));
    WhitebitSignature { payload, signature }
}
