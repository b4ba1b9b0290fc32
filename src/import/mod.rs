//! Files → [`RawDocument`]: pages of text with the file's format, ready for the parser.
//!
//! This module owns everything about bytes on disk: recognising a format by its content
//! (a `.pdf` that is really an HTML error page is read as HTML), decoding text encodings,
//! extracting PDF text page by page, and turning HTML into paragraphs. It knows nothing
//! about reports: no headings, no findings. Every failure names the file and says why.

mod files;
mod html;
mod parsed;
mod pdf;
mod source;
mod text;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use files::{ReportFiles, collect_report_files, is_report_file};
pub use parsed::{ReadOutcome, panic_text, read_and_parse};
pub use pdf::EXTRACTION_TIMEOUT;
pub use source::{SourceState, source_state};

/// Files larger than this are refused: no real report comes near it, and reading one
/// would only freeze the app.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// The format a file was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// A PDF with a text layer.
    Pdf,
    /// An HTML page or a saved web article.
    Html,
    /// Plain text or Markdown.
    Text,
}

/// A document's text as it came out of the file, before any report-specific cleaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDocument {
    /// The file it was read from.
    pub path: PathBuf,
    /// How it was read.
    pub format: SourceFormat,
    /// The text of each page, in order; unpaged formats have one page.
    pub pages: Vec<String>,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub content_hash: String,
}

/// Why a file could not be read. Each variant's message names the file last.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("could not read the file ({source}): {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file has no bytes.
    #[error("the file is empty: {path}")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("the file is too large ({size_mb} MB; the limit is {limit_mb} MB): {path}")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in MB.
        size_mb: u64,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// The bytes are not text, HTML or PDF.
    #[error(
        "this is not a report file that can be read (it looks like binary data; open a PDF, text, Markdown or HTML file): {path}"
    )]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The PDF is password-protected.
    #[error("the PDF is encrypted; save an unprotected copy and open that: {path}")]
    Encrypted {
        /// The file.
        path: PathBuf,
    },
    /// The PDF has no text layer (a scan).
    #[error("the PDF has no text to read (it may be a scanned image; open a text version of the report): {path}")]
    NoText {
        /// The file.
        path: PathBuf,
    },
    /// The PDF is damaged or uses features the extractor cannot read.
    #[error("the PDF could not be read ({reason}): {path}")]
    BadPdf {
        /// The file.
        path: PathBuf,
        /// What the extractor said.
        reason: String,
    },
    /// Extraction took longer than allowed.
    #[error("reading the PDF took too long (over {seconds} s) and was stopped; the file may be damaged: {path}")]
    Timeout {
        /// The file.
        path: PathBuf,
        /// The limit.
        seconds: u64,
    },
}

impl ImportError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::Empty { path }
            | Self::TooLarge { path, .. }
            | Self::Binary { path }
            | Self::Encrypted { path }
            | Self::NoText { path }
            | Self::BadPdf { path, .. }
            | Self::Timeout { path, .. } => path,
        }
    }
}

/// File extensions offered in open dialogs.
pub const REPORT_EXTENSIONS: &[&str] = &["pdf", "txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// Reads a report file of any supported format.
pub fn read_file(path: &Path) -> Result<RawDocument, ImportError> {
    let io = |source| ImportError::Io { path: path.to_owned(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            size_mb: size.div_ceil(1024 * 1024),
            limit_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    read_bytes(path, &bytes)
}

/// Reads a report from bytes already in memory; `path` names it in errors.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<RawDocument, ImportError> {
    read_bytes_with_timeout(path, bytes, pdf::EXTRACTION_TIMEOUT)
}

/// [`read_bytes`], giving up on a PDF whose extraction takes longer than `pdf_timeout`.
pub fn read_bytes_with_timeout(path: &Path, bytes: &[u8], pdf_timeout: Duration) -> Result<RawDocument, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { path: path.to_owned() });
    }
    let content_hash = sha256_hex(bytes);
    let (format, pages) = if pdf::is_pdf(bytes) {
        (SourceFormat::Pdf, pdf::extract_pages(path, bytes, pdf_timeout)?)
    } else {
        let text = text::decode(bytes).ok_or_else(|| ImportError::Binary { path: path.to_owned() })?;
        if html::looks_like_html(path, &text) {
            (SourceFormat::Html, vec![html::to_text(&text)])
        } else {
            (SourceFormat::Text, vec![text])
        }
    };
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(ImportError::Empty { path: path.to_owned() });
    }
    Ok(RawDocument { path: path.to_owned(), format, pages, content_hash })
}

/// SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<RawDocument, ImportError> {
        read_bytes(Path::new("test.txt"), bytes)
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        assert!(matches!(read(b""), Err(ImportError::Empty { .. })));
        assert!(matches!(read(b" \n\t "), Err(ImportError::Empty { .. })));
    }

    #[test]
    fn binary_is_refused_with_the_file_name() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
        let err = read_bytes(Path::new("noise.pdf"), &bytes).unwrap_err();
        assert!(err.to_string().ends_with("noise.pdf"), "{err}");
    }

    #[test]
    fn html_named_pdf_is_read_as_html() {
        let doc = read_bytes(Path::new("x.pdf"), b"<!DOCTYPE html><html><body><p>Not found</p></body></html>").unwrap();
        assert_eq!(doc.format, SourceFormat::Html);
        assert_eq!(doc.pages[0].trim(), "Not found");
    }

    #[test]
    fn truncated_pdf_is_an_error_not_a_panic() {
        let err = read_bytes(Path::new("cut.pdf"), b"%PDF-1.7\n1 0 obj << /Type /Catalog").unwrap_err();
        assert!(matches!(err, ImportError::BadPdf { .. }), "{err}");
    }
}
