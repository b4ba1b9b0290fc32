//! The bad-input matrix: every file a user might drop on the app by mistake gives an
//! error that names the file and the reason, never a panic, and changes nothing on disk.

#![allow(clippy::unwrap_used)] // Set-up failures should stop a test loudly.

use std::path::{Path, PathBuf};
use std::time::Duration;

use inspection_tracker::import::{self, ImportError, SourceFormat};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad").join(name)
}

/// Writes `bytes` to a temporary file called `name` and reads it back through the importer,
/// checking that the file is left exactly as it was.
fn import_file(name: &str, bytes: &[u8]) -> Result<import::RawDocument, ImportError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let result = import::read_file(&path);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the importer changed {name}");
    if let Err(e) = &result {
        assert_eq!(e.path(), path);
        assert!(e.to_string().ends_with(&path.display().to_string()), "message should end with the path: {e}");
    }
    result
}

fn noise(len: usize, seed: u64) -> Vec<u8> {
    // xorshift: reproducible bytes without a dependency.
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn zero_byte_files_of_every_type() {
    for name in ["empty.pdf", "empty.txt", "empty.html", "empty.md"] {
        assert!(matches!(import_file(name, b""), Err(ImportError::Empty { .. })), "{name}");
    }
}

#[test]
fn random_binary_under_report_names() {
    for (i, name) in ["random.pdf", "random.txt", "random.html", "random.md"].iter().enumerate() {
        let err = import_file(name, &noise(64 * 1024, i as u64 + 7)).unwrap_err();
        assert!(matches!(err, ImportError::Binary { .. }), "{name}: {err}");
    }
}

#[test]
fn truncated_pdf_at_many_points() {
    let whole = std::fs::read(fixture("tiny-text.pdf")).unwrap();
    let doc = import::read_bytes(Path::new("tiny-text.pdf"), &whole).unwrap();
    assert!(doc.pages[0].contains("What needs to improve?"), "{:?}", doc.pages);
    for cut in [9, 40, whole.len() / 3, whole.len() / 2, whole.len() - 20] {
        // Any outcome but a panic is acceptable for a partial file; most are errors.
        let result = import_file("cut.pdf", &whole[..cut]);
        if let Ok(doc) = result {
            assert_eq!(doc.format, SourceFormat::Pdf);
        }
    }
}

#[test]
fn encrypted_pdf_says_so() {
    let bytes = std::fs::read(fixture("encrypted.pdf")).unwrap();
    let err = import_file("encrypted.pdf", &bytes).unwrap_err();
    assert!(matches!(err, ImportError::Encrypted { .. }), "{err}");
    assert!(err.to_string().contains("encrypted"));
}

#[test]
fn pdf_without_a_text_layer_says_so() {
    let bytes = std::fs::read(fixture("no-text-layer.pdf")).unwrap();
    let err = import_file("scan.pdf", &bytes).unwrap_err();
    assert!(matches!(err, ImportError::NoText { .. }), "{err}");
}

#[test]
fn pdf_extraction_that_takes_too_long_is_stopped() {
    let bytes = std::fs::read(fixture("tiny-text.pdf")).unwrap();
    let err = import::read_bytes_with_timeout(Path::new("slow.pdf"), &bytes, Duration::ZERO).unwrap_err();
    assert!(matches!(err, ImportError::Timeout { .. }), "{err}");
}

#[test]
fn huge_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let err = import::read_file(&path).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { size_mb: 200, .. }), "{err}");
}

#[test]
fn missing_file_is_an_io_error_naming_it() {
    let err = import::read_file(Path::new("/nonexistent/dir/report.pdf")).unwrap_err();
    assert!(matches!(err, ImportError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/dir/report.pdf"));
}

#[test]
fn deeply_nested_html_is_read() {
    let html = format!(
        "<html><body>{}<p>Children are seen quickly.</p>{}</body></html>",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    let doc = import_file("nested.html", html.as_bytes()).unwrap();
    assert!(doc.pages[0].contains("Children are seen quickly."));
}

#[test]
fn text_with_nul_bytes_and_invalid_utf8() {
    let mut bytes = "Inspection of Testshire local authority children’s services. ".repeat(40).into_bytes();
    bytes.extend_from_slice(b"\0\0 caf\xE9 \xFF\xFE end");
    let doc = import_file("odd.txt", &bytes).unwrap();
    assert!(doc.pages[0].starts_with("Inspection of Testshire"));
    assert!(!doc.pages[0].contains('\0'));
}

#[test]
fn utf16_without_bom() {
    let bytes: Vec<u8> = "Inspection of Testshire local authority children’s services\nWhat needs to improve?\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let doc = import_file("utf16.txt", &bytes).unwrap();
    assert!(doc.pages[0].contains("children’s services"));
}

#[test]
fn non_ascii_path() {
    let doc = import_file("Rapport – Ofsted über ü.txt", "Inspection of Testshire: good".as_bytes()).unwrap();
    assert_eq!(doc.format, SourceFormat::Text);
}
