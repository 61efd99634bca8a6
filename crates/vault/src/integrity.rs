//! Whole-vault integrity: a MAC over the set of records and a counter that grows with every
//! change, so a deleted, duplicated, swapped or rolled-back row is noticed at unlock.
//!
//! Each record contributes a keyed leaf `HMAC(k, id ‖ revision ‖ SHA-256(meta) ‖ SHA-256(secret))`;
//! leaves are added modulo 2^256 (a keyed multiset hash, so order does not matter and an update
//! costs O(1)), and the manifest is `HMAC(k, "manifest v2" ‖ SHA-256(header blob) ‖ counter ‖
//! count ‖ sum)`.
//!
//! The header digest covers the whole stored blob (parameters, salt, flags, wrapped key and its
//! checksum) rather than chosen fields, so there is no field a future format could forget to
//! bind. Why bind it at all: the key hierarchy alone would let an old header row (from a backup,
//! with a leaked old password) be put back in the current file and still unwrap a key the manifest
//! accepts whenever that key is still in use; bound, the row swap is `Modified` whatever the key.
//! Headers in the legacy format 1 are not covered (their manifest is `HMAC(k, "manifest" ‖ counter
//! ‖ count ‖ sum)`, as that format wrote it); the two labels differ, so neither manifest can pass
//! for the other.
//! Whole-file rollback (an older copy of the entire file) carries a valid older manifest and
//! cannot be detected without state kept outside the file; [`crate::Vault::counter`] exposes the
//! counter so an app can remember the last one it saw.

use coffre_secret::SecretBytes;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// A record's contribution to the manifest.
pub(crate) type Leaf = [u8; 32];

/// The running sum of all leaves, modulo 2^256 (little-endian limbs).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LeafSum([u64; 4]);

impl LeafSum {
    pub fn add(&mut self, leaf: &Leaf) {
        let mut carry = 0u128;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = u64::from_le_bytes(leaf[i * 8..i * 8 + 8].try_into().unwrap_or_default());
            let s = u128::from(*limb) + u128::from(v) + carry;
            *limb = s as u64;
            carry = s >> 64;
        }
    }

    pub fn sub(&mut self, leaf: &Leaf) {
        let mut borrow = 0i128;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = u64::from_le_bytes(leaf[i * 8..i * 8 + 8].try_into().unwrap_or_default());
            let d = i128::from(*limb) - i128::from(v) - borrow;
            if d < 0 {
                *limb = (d + (1i128 << 64)) as u64;
                borrow = 1;
            } else {
                *limb = d as u64;
                borrow = 0;
            }
        }
    }

    fn to_bytes(self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, limb) in self.0.iter().enumerate() {
            out[i * 8..i * 8 + 8].copy_from_slice(&limb.to_le_bytes());
        }
        out
    }
}

fn mac(key: &SecretBytes) -> HmacSha256 {
    // HMAC accepts keys of any length.
    <HmacSha256 as Mac>::new_from_slice(key.expose()).expect("HMAC takes any key length")
}

/// The two digests a leaf covers. They need no key, so unlock computes them while the KDF runs.
#[derive(Clone, Copy)]
pub(crate) struct PartDigests {
    pub meta: [u8; 32],
    pub secret: [u8; 32],
}

impl PartDigests {
    pub fn of(meta: &[u8], secret: &[u8]) -> PartDigests {
        PartDigests {
            meta: Sha256::digest(meta).into(),
            secret: Sha256::digest(secret).into(),
        }
    }
}

/// The leaf MAC keyed once: HMAC key setup costs two compressions, which adds up over ten
/// thousand leaves, so one keyed state is cloned per leaf instead.
#[derive(Clone)]
pub(crate) struct LeafMac(HmacSha256);

impl LeafMac {
    pub fn new(key: &SecretBytes) -> LeafMac {
        LeafMac(mac(key))
    }

    /// The leaf of one record, from its id, revision and part digests.
    pub fn leaf(&self, id: &str, revision: u64, digests: &PartDigests) -> Leaf {
        let mut m = self.0.clone();
        m.update(b"leaf");
        m.update(&(id.len() as u64).to_le_bytes());
        m.update(id.as_bytes());
        m.update(&revision.to_le_bytes());
        m.update(&digests.meta);
        m.update(&digests.secret);
        m.finalize().into_bytes().into()
    }
}

/// The leaf of one record, from its stored columns.
pub(crate) fn leaf(key: &SecretBytes, id: &str, revision: u64, meta: &[u8], secret: &[u8]) -> Leaf {
    LeafMac::new(key).leaf(id, revision, &PartDigests::of(meta, secret))
}

/// The manifest MAC stored in the header row; `header` is the header's digest
/// ([`crate::header::Header::manifest_binding`]), `None` only for a legacy header.
pub(crate) fn manifest(
    key: &SecretBytes,
    header: Option<[u8; 32]>,
    counter: u64,
    count: u64,
    sum: &LeafSum,
) -> [u8; 32] {
    let mut m = mac(key);
    match header {
        Some(digest) => {
            m.update(b"manifest v2");
            m.update(&digest);
        }
        None => m.update(b"manifest"),
    }
    m.update(&counter.to_le_bytes());
    m.update(&count.to_le_bytes());
    m.update(&sum.to_bytes());
    m.finalize().into_bytes().into()
}

/// Constant-time comparison of a stored manifest with the expected one.
pub(crate) fn manifest_matches(stored: &[u8], expected: &[u8; 32]) -> bool {
    stored.len() == 32 && bool::from(stored.ct_eq(expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sum_is_order_independent_and_sub_undoes_add() {
        let a = [0xffu8; 32];
        let b = [0x01u8; 32];
        let mut x = LeafSum::default();
        x.add(&a);
        x.add(&b);
        let mut y = LeafSum::default();
        y.add(&b);
        y.add(&a);
        assert!(x == y);
        x.sub(&a);
        let mut only_b = LeafSum::default();
        only_b.add(&b);
        assert!(x == only_b);
    }

    #[test]
    fn leaf_from_digests_equals_leaf_from_columns_and_binds_every_input() {
        let key = SecretBytes::new(vec![3; 32]);
        let mac = LeafMac::new(&key);
        let from_columns = leaf(&key, "id", 2, b"meta", b"secret");
        assert_eq!(
            mac.leaf("id", 2, &PartDigests::of(b"meta", b"secret")),
            from_columns
        );
        for other in [
            leaf(&key, "iD", 2, b"meta", b"secret"),
            leaf(&key, "id", 3, b"meta", b"secret"),
            leaf(&key, "id", 2, b"secret", b"meta"),
            leaf(&key, "id", 2, b"meta", b"secreT"),
            leaf(&SecretBytes::new(vec![4; 32]), "id", 2, b"meta", b"secret"),
        ] {
            assert_ne!(other, from_columns);
        }
    }

    #[test]
    fn the_manifest_binds_the_header_digest_and_the_format() {
        let key = SecretBytes::new(vec![3; 32]);
        let sum = LeafSum::default();
        let bound = manifest(&key, Some([1; 32]), 5, 2, &sum);
        assert_ne!(bound, manifest(&key, Some([2; 32]), 5, 2, &sum));
        assert_ne!(bound, manifest(&key, None, 5, 2, &sum));
        assert_eq!(bound, manifest(&key, Some([1; 32]), 5, 2, &sum));
    }

    #[test]
    fn a_duplicated_leaf_changes_the_sum() {
        let a = [7u8; 32];
        let mut once = LeafSum::default();
        once.add(&a);
        let mut twice = once;
        twice.add(&a);
        assert!(once != twice);
    }
}
