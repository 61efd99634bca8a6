//! The one-time passphrase of a share file: 25 Crockford base32 characters (125 bits) in five
//! groups, read aloud or typed without ambiguity, and how a typed answer is normalized.

use coffre_secret::SecretString;
use zeroize::Zeroizing;

/// Crockford's base32: no I, L, O or U, so a handwritten copy cannot be misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS: usize = 5;
const GROUP_LEN: usize = 5;

/// A fresh passphrase like `7K3QD-M9XTR-0BWEZ-4HNPA-VC2SJ` (5 bits per character, 125 in all).
pub(crate) fn generate() -> Result<SecretString, getrandom::Error> {
    let mut random = Zeroizing::new([0u8; GROUPS * GROUP_LEN]);
    getrandom::fill(random.as_mut())?;
    let mut text = String::with_capacity(GROUPS * (GROUP_LEN + 1));
    for (i, byte) in random.iter().enumerate() {
        if i > 0 && i % GROUP_LEN == 0 {
            text.push('-');
        }
        // 256 is a multiple of 32: the low five bits of a uniform byte are uniform.
        text.push(ALPHABET[usize::from(byte & 31)] as char);
    }
    Ok(SecretString::new(text))
}

/// The canonical form of a typed passphrase: case, spaces and dashes ignored, and the letters
/// Crockford maps to digits (O → 0, I and L → 1) read as those digits.
pub(crate) fn normalize(typed: &str) -> SecretString {
    let text: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    SecretString::new(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passphrase_has_five_groups_of_five_alphabet_characters() {
        let phrase = generate().unwrap();
        let groups: Vec<&str> = phrase.expose().split('-').collect();
        assert_eq!(groups.len(), GROUPS);
        for group in groups {
            assert_eq!(group.len(), GROUP_LEN);
            assert!(group.bytes().all(|b| ALPHABET.contains(&b)), "{group}");
        }
    }

    #[test]
    fn two_passphrases_differ() {
        assert_ne!(generate().unwrap().expose(), generate().unwrap().expose());
    }

    #[test]
    fn typing_variants_normalize_to_the_same_text() {
        let canonical = normalize("7K3QD-M9XTR-0BWEZ-41NPA-VC2SJ");
        for typed in [
            "7k3qd m9xtr 0bwez 41npa vc2sj",
            "7K3QDM9XTROBWEZ4INPAVC2SJ",
            " 7K3QD-M9XTR-0BWEZ-4lNPA-VC2SJ\n",
        ] {
            assert_eq!(normalize(typed).expose(), canonical.expose(), "{typed}");
        }
    }
}
