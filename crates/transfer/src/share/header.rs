//! The share file's clear header: magic, version, Argon2id parameters, salt and nonce. It is
//! read before anything can be authenticated, so every field is bounded here, and the whole
//! header is the AEAD's associated data (a changed header fails decryption).

use super::ShareError;

/// First bytes of every share file.
pub(crate) const MAGIC: &[u8; 12] = b"COFFRE-SHARE";
/// The only format version so far.
pub(crate) const VERSION: u8 = 1;
pub(crate) const SALT_LEN: usize = 16;
pub(crate) const NONCE_LEN: usize = 24;
/// magic + version + memory KiB, passes, lanes (u32 little-endian each) + salt + nonce.
pub(crate) const LEN: usize = MAGIC.len() + 1 + 3 * 4 + SALT_LEN + NONCE_LEN;

/// Argon2id cost as stored in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KdfCost {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl KdfCost {
    /// RFC 9106's second recommended option (64 MiB, 3 passes), on one lane so the cost is the
    /// same on every machine that imports the file.
    pub(crate) const DEFAULT: KdfCost = KdfCost {
        memory_kib: 64 * 1024,
        passes: 3,
        lanes: 1,
    };
}

/// What a header may ask for. Imports use [`Bounds::IMPORT`]: at least OWASP's floor (so a file
/// cannot be downgraded to a cheap guess) and at most 1 GiB / 10 passes (so it cannot hang Coffre).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub min_memory_kib: u32,
    pub max_memory_kib: u32,
    pub min_passes: u32,
    pub max_passes: u32,
    pub max_lanes: u32,
}

impl Bounds {
    pub(crate) const IMPORT: Bounds = Bounds {
        min_memory_kib: 19 * 1024,
        max_memory_kib: 1024 * 1024,
        min_passes: 2,
        max_passes: 10,
        max_lanes: 8,
    };

    fn allow(&self, cost: KdfCost) -> bool {
        (self.min_memory_kib..=self.max_memory_kib).contains(&cost.memory_kib)
            && (self.min_passes..=self.max_passes).contains(&cost.passes)
            && (1..=self.max_lanes).contains(&cost.lanes)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub cost: KdfCost,
    pub salt: [u8; SALT_LEN],
    pub nonce: [u8; NONCE_LEN],
}

impl Header {
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(LEN);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        for n in [self.cost.memory_kib, self.cost.passes, self.cost.lanes] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(&self.salt);
        out.extend_from_slice(&self.nonce);
        out
    }

    /// Reads the header at the start of `bytes`; the rest is the ciphertext.
    pub(crate) fn parse(bytes: &[u8], bounds: &Bounds) -> Result<Header, ShareError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ShareError::NotAShareFile);
        }
        if bytes.len() < LEN {
            return Err(ShareError::Truncated);
        }
        let version = bytes[MAGIC.len()];
        if version != VERSION {
            return Err(ShareError::UnsupportedVersion(version));
        }
        let at = MAGIC.len() + 1;
        let word = |i: usize| {
            let start = at + 4 * i;
            u32::from_le_bytes(bytes[start..start + 4].try_into().expect("4 bytes"))
        };
        let cost = KdfCost {
            memory_kib: word(0),
            passes: word(1),
            lanes: word(2),
        };
        if !bounds.allow(cost) {
            return Err(ShareError::UnacceptableKdf);
        }
        let salt_at = at + 12;
        let nonce_at = salt_at + SALT_LEN;
        Ok(Header {
            cost,
            salt: bytes[salt_at..nonce_at].try_into().expect("salt length"),
            nonce: bytes[nonce_at..LEN].try_into().expect("nonce length"),
        })
    }
}
