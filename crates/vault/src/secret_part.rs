//! The sealed secret part of a record: the current credentials and the ones they replaced, in a
//! small length-prefixed binary form (no serde: `SecretString` refuses to serialize, and this way
//! every intermediate buffer is a zeroizing one).
//!
//! ```text
//! version u8 (1) ‖ count u16 ‖ count × (key_type u8 ‖ api_key ‖ secret ‖ has_passphrase u8 ‖ [passphrase])
//! ```
//! strings are `u32 length ‖ UTF-8`; the first entry is current, the rest oldest first.

use coffre_model::{Credentials, KeyType};
use coffre_secret::SecretString;
use zeroize::Zeroizing;

const VERSION: u8 = 1;

/// Why a secret part's plaintext could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed;

/// Encodes current + previous credentials.
pub(crate) fn encode(current: &Credentials, previous: &[Credentials]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(256));
    out.push(VERSION);
    let count = (1 + previous.len()).min(usize::from(u16::MAX)) as u16;
    out.extend_from_slice(&count.to_le_bytes());
    for creds in std::iter::once(current)
        .chain(previous)
        .take(usize::from(count))
    {
        out.push(key_type_byte(creds.key_type));
        put_str(&mut out, &creds.api_key);
        put_str(&mut out, &creds.secret);
        match &creds.passphrase {
            Some(p) => {
                out.push(1);
                put_str(&mut out, p);
            }
            None => out.push(0),
        }
    }
    out
}

/// Decodes what [`encode`] wrote: (current, previous). Never panics.
pub(crate) fn decode(bytes: &[u8]) -> Result<(Credentials, Vec<Credentials>), Malformed> {
    let mut r = Reader { bytes, pos: 0 };
    if r.u8()? != VERSION {
        return Err(Malformed);
    }
    let count = u16::from_le_bytes([r.u8()?, r.u8()?]);
    if count == 0 {
        return Err(Malformed);
    }
    let mut all = Vec::with_capacity(usize::from(count).min(64));
    for _ in 0..count {
        let key_type = key_type_from(r.u8()?)?;
        let api_key = r.secret()?;
        let secret = r.secret()?;
        let passphrase = match r.u8()? {
            0 => None,
            1 => Some(r.secret()?),
            _ => return Err(Malformed),
        };
        all.push(Credentials {
            api_key,
            secret,
            passphrase,
            key_type,
        });
    }
    if r.pos != bytes.len() {
        return Err(Malformed);
    }
    let current = all.remove(0);
    Ok((current, all))
}

fn put_str(out: &mut Vec<u8>, s: &SecretString) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.expose().as_bytes());
}

fn key_type_byte(k: KeyType) -> u8 {
    match k {
        KeyType::Hmac => 0,
        KeyType::Ed25519 => 1,
        KeyType::Rsa => 2,
        KeyType::Ecdsa => 3,
    }
}

fn key_type_from(b: u8) -> Result<KeyType, Malformed> {
    Ok(match b {
        0 => KeyType::Hmac,
        1 => KeyType::Ed25519,
        2 => KeyType::Rsa,
        3 => KeyType::Ecdsa,
        _ => return Err(Malformed),
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn u8(&mut self) -> Result<u8, Malformed> {
        let b = *self.bytes.get(self.pos).ok_or(Malformed)?;
        self.pos += 1;
        Ok(b)
    }

    fn secret(&mut self) -> Result<SecretString, Malformed> {
        let len_bytes = self.bytes.get(self.pos..self.pos + 4).ok_or(Malformed)?;
        let len = u32::from_le_bytes(len_bytes.try_into().map_err(|_| Malformed)?) as usize;
        self.pos += 4;
        let end = self.pos.checked_add(len).ok_or(Malformed)?;
        let slice = self.bytes.get(self.pos..end).ok_or(Malformed)?;
        self.pos = end;
        // Validate in place, then copy once straight into the zeroizing owner.
        let text = std::str::from_utf8(slice).map_err(|_| Malformed)?;
        Ok(SecretString::from(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(k: &str, p: Option<&str>) -> Credentials {
        Credentials {
            api_key: k.into(),
            secret: format!("{k}-secret").into(),
            passphrase: p.map(Into::into),
            key_type: KeyType::Ed25519,
        }
    }

    #[test]
    fn current_and_previous_round_trip() {
        let bytes = encode(
            &creds("a", Some("pp")),
            &[creds("b", None), creds("c", None)],
        );
        let (cur, prev) = decode(&bytes).unwrap();
        assert_eq!(cur, creds("a", Some("pp")));
        assert_eq!(prev, vec![creds("b", None), creds("c", None)]);
    }

    #[test]
    fn every_truncation_is_malformed() {
        let bytes = encode(&creds("a", Some("pp")), &[creds("b", None)]);
        for len in 0..bytes.len() {
            assert_eq!(decode(&bytes[..len]).err(), Some(Malformed));
        }
    }
}
