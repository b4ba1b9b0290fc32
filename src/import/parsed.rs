//! The one way from a report file to a parsed report, shared by the window's import worker
//! and the command line: read the file (or bytes already in memory), parse and classify
//! it, and contain a panic in a third-party extractor or the parser as that file's error.
//! The reading itself stays in this module's siblings; parsing stays in `crate::parse`.

use std::path::Path;

use crate::classify::Classifier;
use crate::parse::ParsedReport;

/// A parsed report and the content hash of its file, or why the file could not be read
/// (the message names the file last).
pub type ReadOutcome = Result<(ParsedReport, String), String>;

/// Reads `path` (or `bytes`, when the file is already in memory) and parses it with
/// `classifier`. Never panics: a panic while reading or parsing becomes an error.
pub fn read_and_parse(path: &Path, bytes: Option<&[u8]>, classifier: &Classifier) -> ReadOutcome {
    let work = std::panic::AssertUnwindSafe(|| {
        let raw = match bytes {
            Some(bytes) => super::read_bytes(path, bytes),
            None => super::read_file(path),
        }
        .map_err(|e| e.to_string())?;
        let hash = raw.content_hash.clone();
        Ok((crate::parse::parse(&raw, classifier), hash))
    });
    std::panic::catch_unwind(work).unwrap_or_else(|panic| {
        Err(format!("the report could not be read (internal error: {}): {}", panic_text(&panic), path.display()))
    })
}

/// The message a panic carried, or a stand-in.
pub fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown failure".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_file_is_an_error_that_names_it() {
        let classifier = crate::classify::Classifier::default_taxonomy();
        let err = read_and_parse(Path::new("nothing-here.txt"), Some(b"   "), &classifier).unwrap_err();
        assert!(err.contains("nothing-here.txt"), "{err}");
        let (parsed, hash) = read_and_parse(Path::new("r.txt"), Some(b"Recommendations\n\nDo it."), &classifier)
            .expect("a text file reads");
        assert_eq!(hash, super::super::sha256_hex(b"Recommendations\n\nDo it."));
        assert!(parsed.warnings.len() < 100);
    }

    #[test]
    fn a_panic_is_contained() {
        let panic: Box<dyn std::any::Any + Send> = Box::new("boom");
        assert_eq!(panic_text(&panic), "boom");
        let panic: Box<dyn std::any::Any + Send> = Box::new(3_u8);
        assert_eq!(panic_text(&panic), "unknown failure");
    }
}
