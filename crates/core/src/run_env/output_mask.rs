//! Masks secrets in a child's output as it streams by (like 1Password's `op run`): every
//! occurrence becomes [`CONCEALED`], also when a secret arrives split across reads.
//!
//! A stream holds back at most the longest secret's length − 1 bytes, and only while they could
//! still be the start of a secret; everything else is passed on at once.

use std::sync::Arc;

use zeroize::Zeroizing;

/// What a secret is replaced with.
pub const CONCEALED: &str = "<concealed by coffre>";

/// Lines of a multi-line secret (a PEM body) shorter than this are not masked on their own.
const MIN_LINE: usize = 16;

/// The byte strings to mask, longest first. Shared by a child's stdout and stderr streams.
pub struct OutputMask {
    needles: Vec<Zeroizing<Vec<u8>>>,
}

impl OutputMask {
    /// A mask for `secrets` (empty ones ignored). Besides each secret as it is, it masks the
    /// secret as a JSON string carries it (a PEM's line breaks as `\n`) and each long line of a
    /// multi-line secret, which a program may print one line at a time.
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Arc<OutputMask> {
        let mut needles: Vec<Zeroizing<Vec<u8>>> = Vec::new();
        let mut add = |bytes: &[u8]| {
            if !bytes.is_empty() && !needles.iter().any(|n| n.as_slice() == bytes) {
                needles.push(Zeroizing::new(bytes.to_vec()));
            }
        };
        for secret in secrets {
            add(secret.as_bytes());
            let json = Zeroizing::new(serde_json::to_string(secret).expect("a string serializes"));
            add(json[1..json.len() - 1].as_bytes());
            if secret.trim_end().contains('\n') {
                for line in secret.lines().map(str::trim) {
                    if line.len() >= MIN_LINE && !line.starts_with("-----") {
                        add(line.as_bytes());
                    }
                }
            }
        }
        // Longest first: where a secret contains another, the whole of it is masked.
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Arc::new(OutputMask { needles })
    }

    /// Whether there is anything to mask.
    pub fn is_empty(&self) -> bool {
        self.needles.is_empty()
    }

    /// A new stream (one per output pipe) through this mask.
    pub fn stream(self: &Arc<Self>) -> MaskedStream {
        // Room for the most it holds back, so growing never leaves a copy behind.
        let longest = self.needles.first().map_or(0, |n| n.len());
        MaskedStream {
            mask: Arc::clone(self),
            pending: Zeroizing::new(Vec::with_capacity(longest)),
        }
    }
}

/// One output stream being masked: feed it what is read with [`MaskedStream::push`], then call
/// [`MaskedStream::finish`] at end of stream.
pub struct MaskedStream {
    mask: Arc<OutputMask>,
    /// Bytes held back because they may be the start of a secret.
    pending: Zeroizing<Vec<u8>>,
}

impl MaskedStream {
    /// Masks `chunk` (following what came before) and appends what can be passed on to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        let mut data = Zeroizing::new(Vec::with_capacity(self.pending.len() + chunk.len()));
        data.extend_from_slice(&self.pending);
        data.extend_from_slice(chunk);
        let held = self.scan(&data, out, false);
        self.pending.clear();
        self.pending.extend_from_slice(&data[held..]);
    }

    /// End of stream: passes on what was held back, masked.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        let data = Zeroizing::new(std::mem::take(&mut *self.pending));
        self.scan(&data, out, true);
    }

    /// Writes `data` masked to `out` up to the first byte that must wait for more input (the end
    /// at end of stream); returns that position.
    fn scan(&self, data: &[u8], out: &mut Vec<u8>, end: bool) -> usize {
        let needles = &self.mask.needles;
        let mut i = 0;
        while i < data.len() {
            let rest = &data[i..];
            // A longer secret that `rest` may still turn out to start: wait for more input.
            let undecided = |longer_than: usize| {
                !end && needles
                    .iter()
                    .any(|n| n.len() > longer_than && n.len() > rest.len() && n.starts_with(rest))
            };
            match needles.iter().find(|n| rest.starts_with(n)) {
                Some(found) if undecided(found.len()) => return i,
                Some(found) => {
                    out.extend_from_slice(CONCEALED.as_bytes());
                    i += found.len();
                }
                None if undecided(0) => return i,
                None => {
                    out.push(data[i]);
                    i += 1;
                }
            }
        }
        data.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `chunks` through a mask of `secrets` and returns the whole output.
    fn masked(secrets: &[&str], chunks: &[&str]) -> String {
        let mask = OutputMask::new(secrets.iter().copied());
        let mut stream = mask.stream();
        let mut out = Vec::new();
        for chunk in chunks {
            stream.push(chunk.as_bytes(), &mut out);
        }
        stream.finish(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_whole_secret_is_concealed() {
        assert_eq!(
            masked(&["s3cr3t-value"], &["key=s3cr3t-value\n"]),
            "key=<concealed by coffre>\n"
        );
    }

    #[test]
    fn a_secret_split_across_reads_is_concealed() {
        let out = masked(&["s3cr3t-value"], &["key=s3c", "r3t-v", "alue and more\n"]);
        assert_eq!(out, "key=<concealed by coffre> and more\n");
        // One byte at a time.
        let text = "a s3cr3t-value b";
        let chunks: Vec<String> = text.chars().map(String::from).collect();
        let chunks: Vec<&str> = chunks.iter().map(String::as_str).collect();
        assert_eq!(
            masked(&["s3cr3t-value"], &chunks),
            "a <concealed by coffre> b"
        );
    }

    #[test]
    fn a_held_back_start_that_was_no_secret_is_passed_on() {
        let mask = OutputMask::new(["s3cr3t-value"]);
        let mut stream = mask.stream();
        let mut out = Vec::new();
        stream.push(b"ends with s3c", &mut out);
        assert_eq!(out, b"ends with ", "only the possible start is held back");
        stream.push(b"ond", &mut out);
        assert_eq!(out, b"ends with s3cond");
        stream.push(b"s3", &mut out);
        stream.finish(&mut out);
        assert_eq!(out, b"ends with s3conds3");
    }

    #[test]
    fn at_most_the_longest_secret_minus_one_byte_is_held_back() {
        let secret = "s3cr3t-value";
        let mask = OutputMask::new([secret, "other"]);
        let mut stream = mask.stream();
        let mut out = Vec::new();
        stream.push(&secret.as_bytes()[..secret.len() - 1], &mut out);
        assert!(out.is_empty());
        assert_eq!(stream.pending.len(), secret.len() - 1);
        stream.push(b"!", &mut out);
        assert_eq!(out, b"s3cr3t-valu!");
        assert!(stream.pending.is_empty());
    }

    #[test]
    fn output_without_secrets_is_unchanged_and_not_held_back() {
        let mask = OutputMask::new(["s3cr3t-value"]);
        let mut stream = mask.stream();
        let mut out = Vec::new();
        stream.push("prompt> é\u{1F600}".as_bytes(), &mut out);
        assert_eq!(out, "prompt> é\u{1F600}".as_bytes());
    }

    #[test]
    fn the_longer_of_two_overlapping_secrets_is_concealed_whole() {
        // The passphrase is the start of the secret: waiting tells which one it is.
        let out = masked(
            &["abcdef", "abcdefXYZ123"],
            &["[abcdef", "XYZ123] [abcdef]"],
        );
        assert_eq!(out, "[<concealed by coffre>] [<concealed by coffre>]");
    }

    #[test]
    fn a_pem_secret_in_json_or_line_by_line_is_concealed() {
        let pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBVbjaL1D6hdHn6xJW0+EuMv\nAwEHoUQDQgAExFBjggmiCAjaSA\n-----END EC PRIVATE KEY-----\n";
        let json = serde_json::json!({ "secret": pem }).to_string();
        let out = masked(&[pem], &[&json[..20], &json[20..]]);
        assert_eq!(out, r#"{"secret":"<concealed by coffre>"}"#);
        let logged = "line: MHcCAQEEIBVbjaL1D6hdHn6xJW0+EuMv\nline: AwEHoUQDQgAExFBjggmiCAjaSA\n";
        let out = masked(&[pem], &[logged]);
        assert!(!out.contains("MHcCAQ") && !out.contains("AwEHoU"), "{out}");
    }

    #[test]
    fn a_mask_of_empty_values_masks_nothing() {
        let mask = OutputMask::new(["", ""]);
        assert!(mask.is_empty());
        assert_eq!(masked(&[""], &["plain"]), "plain");
    }
}
