//! Whether a report's source file is still the one that was imported: unchanged, changed
//! (different bytes), missing (moved or deleted) or unreadable. Reads the file and
//! compares its SHA-256 with the hash recorded at import; knows nothing about the UI.

use std::path::Path;

/// What became of an imported report's source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceState {
    /// The file holds the same bytes as at import.
    Unchanged,
    /// The file is there but its bytes differ from those imported.
    Changed,
    /// There is no file at the path any more (moved, renamed or deleted).
    Missing,
    /// The file is there but could not be read; the reason.
    Unreadable(String),
}

/// Reads `path` and compares its SHA-256 with `content_hash` (lowercase hex, as recorded at
/// import). Never panics; every failure is a state.
pub fn source_state(path: &Path, content_hash: &str) -> SourceState {
    match std::fs::read(path) {
        Ok(bytes) => {
            if super::sha256_hex(&bytes).eq_ignore_ascii_case(content_hash.trim()) {
                SourceState::Unchanged
            } else {
                SourceState::Changed
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => SourceState::Missing,
        Err(e) => SourceState::Unreadable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sha256_hex;

    #[test]
    fn same_bytes_are_unchanged_and_other_bytes_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        std::fs::write(&path, b"Recommendations\n1. Improve supervision.\n").unwrap();
        let hash = sha256_hex(b"Recommendations\n1. Improve supervision.\n");
        assert_eq!(source_state(&path, &hash), SourceState::Unchanged);
        assert_eq!(source_state(&path, &hash.to_uppercase()), SourceState::Unchanged);
        std::fs::write(&path, b"Recommendations\n1. Improve supervision quickly.\n").unwrap();
        assert_eq!(source_state(&path, &hash), SourceState::Changed);
    }

    #[test]
    fn a_moved_file_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        std::fs::write(&path, b"text").unwrap();
        let hash = sha256_hex(b"text");
        std::fs::rename(&path, dir.path().join("moved.txt")).unwrap();
        assert_eq!(source_state(&path, &hash), SourceState::Missing);
        assert_eq!(source_state(&dir.path().join("no such folder").join("x.pdf"), &hash), SourceState::Missing);
    }

    #[test]
    fn a_folder_in_place_of_the_file_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let state = source_state(dir.path(), &sha256_hex(b""));
        assert!(matches!(state, SourceState::Unreadable(ref reason) if !reason.is_empty()), "{state:?}");
    }
}
