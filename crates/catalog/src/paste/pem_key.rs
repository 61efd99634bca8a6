//! PEM private keys: the footer matches the header, the body is base64, it is a private key,
//! and which kind (Ed25519, RSA, ECDSA) — read from the label or the PKCS#8 algorithm id.

use coffre_model::KeyType;

/// What is wrong with a pasted PEM key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PemProblem {
    /// No `-----END …-----` line: the copy stopped early.
    Truncated,
    /// `BEGIN X` closed by `END Y`.
    LabelMismatch,
    /// A public key or certificate instead of the private key.
    NotPrivate,
    /// A password-protected key: the signer needs it decrypted.
    Encrypted,
    /// The body is not valid base64 (characters lost or added while copying).
    BadBase64,
    /// A private key of a kind Coffre cannot sign with (e.g. OpenSSH format).
    UnknownKind,
}

impl PemProblem {
    /// What to tell the trader.
    pub fn explain(self) -> &'static str {
        match self {
            PemProblem::Truncated => "it has no -----END ... PRIVATE KEY----- line: copy the whole key, down to its last line",
            PemProblem::LabelMismatch => "its END line does not match its BEGIN line: copy the key again from the file you saved",
            PemProblem::NotPrivate => "it is a public key or certificate: paste the PRIVATE key (the exchange only has the public one)",
            PemProblem::Encrypted => "it is password-protected: export it unencrypted (PKCS#8) and paste that",
            PemProblem::BadBase64 => "its body is damaged (characters lost or added): copy the key again from the file you saved",
            PemProblem::UnknownKind => "it is not an Ed25519, RSA or EC private key in PEM (PKCS#8) form: convert it with openssl pkcs8",
        }
    }
}

// DER encodings of the algorithm identifiers found in a PKCS#8 PrivateKeyInfo.
const OID_ED25519: &[u8] = &[0x06, 0x03, 0x2B, 0x65, 0x70];
const OID_RSA: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01,
];
const OID_EC: &[u8] = &[0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01];

/// Checks a cleaned (normalized) PEM text and tells the key type.
pub fn inspect(text: &str) -> Result<KeyType, PemProblem> {
    let begin_label = label_after(text, "-----BEGIN ").ok_or(PemProblem::Truncated)?;
    let end_label = label_after(text, "-----END ").ok_or(PemProblem::Truncated)?;
    if begin_label != end_label {
        return Err(PemProblem::LabelMismatch);
    }
    if !begin_label.contains("PRIVATE KEY") {
        return Err(PemProblem::NotPrivate);
    }
    if begin_label.contains("ENCRYPTED") {
        return Err(PemProblem::Encrypted);
    }
    let parsed = pem::parse(text).map_err(|_| PemProblem::BadBase64)?;
    let der = parsed.contents();
    if der.is_empty() {
        return Err(PemProblem::BadBase64);
    }
    match begin_label {
        "EC PRIVATE KEY" => Ok(KeyType::Ecdsa),
        "RSA PRIVATE KEY" => Ok(KeyType::Rsa),
        "PRIVATE KEY" => {
            // The algorithm identifier sits within the first bytes of the PKCS#8 structure.
            let head = &der[..der.len().min(32)];
            if contains(head, OID_ED25519) {
                Ok(KeyType::Ed25519)
            } else if contains(head, OID_RSA) {
                Ok(KeyType::Rsa)
            } else if contains(head, OID_EC) {
                Ok(KeyType::Ecdsa)
            } else {
                Err(PemProblem::UnknownKind)
            }
        }
        _ => Err(PemProblem::UnknownKind),
    }
}

fn label_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let start = text.find(marker)? + marker.len();
    let rest = &text[start..];
    Some(rest[..rest.find("-----")?].trim())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A real (throwaway) Ed25519 PKCS#8 key, generated with `openssl genpkey -algorithm ed25519`.
    pub(crate) const ED25519_PEM: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEICR/ED6LEWrkJ9RZYJv/bYBirNvNCriRtLO4h8k+nA7S
-----END PRIVATE KEY-----
";
    /// A throwaway P-256 key in SEC1 form, as Coinbase hands them out.
    pub(crate) const EC_PEM: &str = "-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIBVbjaL1D6hdHn6xJW0+EuMvHMh2dn7uzAXWwr3mZIN1oAoGCCqGSM49
AwEHoUQDQgAExFBjggmiCAjaSA/YHwROGMdCYIqAQNXLi6kjbAxN3IJiqewO0Ku4
VAq7WM3LzkPn+0jVcC19Nqv+zbeX2RJx1Q==
-----END EC PRIVATE KEY-----
";

    #[test]
    fn key_types_are_read_from_label_or_algorithm_id() {
        assert_eq!(inspect(ED25519_PEM), Ok(KeyType::Ed25519));
        assert_eq!(inspect(EC_PEM), Ok(KeyType::Ecdsa));
    }

    #[test]
    fn damaged_pems_are_refused_with_the_right_problem() {
        let cases = [
            (
                ED25519_PEM.replace("-----END PRIVATE KEY-----\n", ""),
                PemProblem::Truncated,
            ),
            (
                ED25519_PEM.replace("END PRIVATE", "END RSA PRIVATE"),
                PemProblem::LabelMismatch,
            ),
            (
                ED25519_PEM.replace("PRIVATE", "PUBLIC"),
                PemProblem::NotPrivate,
            ),
            (
                ED25519_PEM.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY"),
                PemProblem::Encrypted,
            ),
            (ED25519_PEM.replace("MC4C", "M*4C"), PemProblem::BadBase64),
            (
                ED25519_PEM.replace("PRIVATE KEY", "OPENSSH PRIVATE KEY"),
                PemProblem::UnknownKind,
            ),
        ];
        for (pem, problem) in cases {
            assert_eq!(inspect(&pem), Err(problem), "{problem:?}");
        }
    }
}
