//! Argon2id: turns the master password and the vault's salt into the key-encryption key (KEK),
//! and picks parameters that make one derivation take about as long as the caller wants.

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};
use coffre_secret::{SecretBytes, SecretString};

use crate::error::VaultError;

/// OWASP's minimum for Argon2id (19 MiB, 2 passes); below it needs explicit consent.
pub const OWASP_FLOOR_MIB: u32 = 19;
/// See [`OWASP_FLOOR_MIB`].
pub const OWASP_FLOOR_PASSES: u32 = 2;
/// RFC 9106's second recommended option is the floor of [`KdfParams::calibrate`]: 64 MiB, 3 passes.
pub const DEFAULT_MIB: u32 = 64;
/// See [`DEFAULT_MIB`].
pub const MIN_CALIBRATED_PASSES: u32 = 3;
/// Upper bounds accepted from a vault header. A header is read before anything can be
/// authenticated, so these keep a damaged or hostile file from asking for absurd memory or time:
/// at most 2 GiB, and at most [`MAX_WORK`] of work, refused before any derivation runs.
pub const MAX_MIB: u32 = 2048;
/// See [`MAX_MIB`].
pub const MAX_PASSES: u32 = 1024;
/// See [`MAX_MIB`].
pub const MAX_LANES: u32 = 16;
/// The most work (MiB × passes) a header may ask for: what calibration can choose at most
/// (64 MiB × 1,024 passes), about 40 s on the 2-core development machine and under a minute on
/// one half as fast. A file asking more is damaged or hostile, not a slow vault.
pub const MAX_WORK: u64 = 64 * 1024;

/// Length of the KEK, the data key and the salt.
pub const KEY_LEN: usize = 32;

/// Argon2id cost parameters, stored in the vault header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in MiB.
    pub mib: u32,
    /// Number of passes over the memory (Argon2's t_cost).
    pub passes: u32,
    /// Parallel lanes (Argon2's p_cost); computed on threads.
    pub lanes: u32,
}

impl KdfParams {
    /// Parameters that make one derivation on this machine take about `target`: 64 MiB,
    /// lanes = min(4, cores), and as many passes as fit (never fewer than 3).
    ///
    /// Like KeePassXC's benchmark, this times a short run and scales the passes linearly.
    pub fn calibrate(target: Duration) -> KdfParams {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
        let mut params = KdfParams {
            mib: DEFAULT_MIB,
            passes: 2,
            lanes: cores.clamp(1, 4),
        };
        let salt = [0u8; KEY_LEN];
        let probe = SecretString::from("calibration");
        // Two probes with different pass counts separate the per-pass cost from the fixed cost
        // (allocating and zeroing 64 MiB); the best of two runs filters scheduling noise.
        let time = |passes: u32| -> f64 {
            let p = KdfParams { passes, ..params };
            (0..2)
                .map(|_| {
                    let start = Instant::now();
                    let _ = derive_kek(&probe, &salt, p);
                    start.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min)
        };
        let t1 = time(1);
        let t3 = time(3);
        let per_pass = ((t3 - t1) / 2.0).max(1e-4);
        let fixed = (t1 - per_pass).max(0.0);
        let passes = ((target.as_secs_f64() - fixed) / per_pass).round();
        params.passes = (passes as u32).clamp(MIN_CALIBRATED_PASSES, MAX_PASSES);
        params
    }

    /// Whether these parameters are below OWASP's minimum for Argon2id (19 MiB or 2 passes).
    pub fn is_below_owasp_floor(&self) -> bool {
        self.mib < OWASP_FLOOR_MIB || self.passes < OWASP_FLOOR_PASSES
    }

    /// Whether the parameters are within the bounds this implementation accepts at all.
    pub(crate) fn is_in_range(&self) -> bool {
        (1..=MAX_MIB).contains(&self.mib)
            && (1..=MAX_PASSES).contains(&self.passes)
            && (1..=MAX_LANES).contains(&self.lanes)
            && u64::from(self.mib) * u64::from(self.passes) <= MAX_WORK
            // Argon2 needs at least 8 KiB per lane.
            && u64::from(self.mib) * 1024 >= 8 * u64::from(self.lanes)
    }

    /// Refuses parameters below the OWASP floor unless the caller explicitly allows weak ones.
    pub(crate) fn check_strength(&self, allow_weak: bool) -> Result<(), VaultError> {
        if !self.is_in_range() {
            return Err(VaultError::InvalidInput(format!(
                "key-derivation parameters out of range: {} MiB, {} passes, {} lanes",
                self.mib, self.passes, self.lanes
            )));
        }
        if self.is_below_owasp_floor() && !allow_weak {
            return Err(VaultError::WeakKdf {
                mib: self.mib,
                passes: self.passes,
            });
        }
        Ok(())
    }
}

/// Derives the 32-byte KEK with Argon2id v1.3 (public for benchmarks and known-answer tests).
pub fn derive_kek(
    password: &SecretString,
    salt: &[u8; KEY_LEN],
    params: KdfParams,
) -> Result<SecretBytes, VaultError> {
    if !params.is_in_range() {
        return Err(VaultError::InvalidInput(
            "key-derivation parameters out of range".into(),
        ));
    }
    let argon_params = Params::new(
        params.mib.saturating_mul(1024),
        params.passes,
        params.lanes,
        Some(KEY_LEN),
    )
    .map_err(|e| VaultError::InvalidInput(format!("key-derivation parameters: {e}")))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut kek = SecretBytes::new(vec![0u8; KEY_LEN]);
    argon
        .hash_password_into(password.expose().as_bytes(), salt, kek.expose_mut())
        .map_err(|e| VaultError::InvalidInput(format!("key derivation failed: {e}")))?;
    Ok(kek)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owasp_floor_is_19_mib_and_2_passes() {
        let p = |mib, passes| KdfParams {
            mib,
            passes,
            lanes: 1,
        };
        assert!(p(18, 2).is_below_owasp_floor());
        assert!(p(19, 1).is_below_owasp_floor());
        assert!(!p(19, 2).is_below_owasp_floor());
    }

    #[test]
    fn weak_params_are_refused_without_consent() {
        let weak = KdfParams {
            mib: 1,
            passes: 1,
            lanes: 1,
        };
        assert!(matches!(
            weak.check_strength(false),
            Err(VaultError::WeakKdf { mib: 1, passes: 1 })
        ));
        assert!(weak.check_strength(true).is_ok());
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn kek_matches_libargon2_known_answers() {
        // Computed with libargon2 through argon2-cffi 25.1 (`hash_secret_raw`, Type.ID, v1.3,
        // 32-byte output); the second vector uses two lanes, i.e. the threaded path.
        let salt: [u8; 32] = *b"somesaltsomesaltsomesaltsomesalt";
        let cases = [
            (
                KdfParams {
                    mib: 1,
                    passes: 2,
                    lanes: 1,
                },
                "4cf04dac0b6179ef0ac45ff771ede9046a7da38fb701c023ce0716fe5e4320c6",
            ),
            (
                KdfParams {
                    mib: 2,
                    passes: 1,
                    lanes: 2,
                },
                "7cda15341bc962f894170e060c44850d4f23f724d0d8cdcaea6b64bb9de85731",
            ),
        ];
        for (params, expected) in cases {
            let kek = derive_kek(&SecretString::from("password"), &salt, params).unwrap();
            assert_eq!(hex(kek.expose()), expected, "{params:?}");
        }
    }

    #[test]
    fn out_of_range_params_are_refused_before_allocating() {
        let huge = KdfParams {
            mib: MAX_MIB + 1,
            passes: 1,
            lanes: 1,
        };
        assert!(matches!(
            derive_kek(&SecretString::from("p"), &[0; 32], huge),
            Err(VaultError::InvalidInput(_))
        ));
    }

    /// A header claiming 4 GiB × 1,024 passes (hours of work) is refused at once, before any
    /// Argon2 pass; so is any mix above the work ceiling, while calibration's largest choice runs.
    #[test]
    fn a_header_asking_for_hours_of_work_is_refused_before_running() {
        let refused = |mib, passes| {
            let params = KdfParams {
                mib,
                passes,
                lanes: 1,
            };
            let started = std::time::Instant::now();
            let result = derive_kek(&SecretString::from("p"), &[0; 32], params);
            assert!(started.elapsed() < std::time::Duration::from_millis(50));
            matches!(result, Err(VaultError::InvalidInput(_)))
        };
        assert!(refused(4096, 1024));
        assert!(refused(2048, 33));
        assert!(refused(65, 1024));
        let ceiling = KdfParams {
            mib: 64,
            passes: 1024,
            lanes: 1,
        };
        assert!(
            ceiling.is_in_range(),
            "calibration's largest choice stays valid"
        );
    }
}
