//! Writes a file only its owner can read (mode 0600 on Unix), atomically: the content goes to a
//! temporary file beside the destination, which then replaces it, so a reader never sees half a
//! file and a crash never leaves one.

use std::io::Write;
use std::path::Path;

/// Writes `content` to `path` with owner-only permissions, replacing any existing file.
pub fn write_private(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // tempfile creates its files 0600 on Unix.
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_with_owner_only_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key.env");
        std::fs::write(&path, "old").unwrap();
        write_private(&path, b"NEW=1\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "NEW=1\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
