//! PDF text extraction with pdf-extract, page by page, contained: a panic or a runaway
//! extraction in the third-party parser becomes an [`ImportError`] for that file.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use pdf_extract::{ConvertToFmt, MediaBox, OutputDev, OutputError, PlainTextOutput, Transform};

use super::ImportError;

/// How long one PDF may take before it is given up on.
pub const EXTRACTION_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether the bytes are a PDF, judged by the `%PDF-` header (allowing a little junk
/// before it, as the PDF readers do), never by the file name.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// Extracts each page's text. Runs on a worker thread so that a panic is caught and a
/// document that never finishes is abandoned after `timeout` (normally [`EXTRACTION_TIMEOUT`]).
pub fn extract_pages(path: &Path, bytes: &[u8], timeout: Duration) -> Result<Vec<String>, ImportError> {
    let started = std::time::Instant::now();
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = bytes.to_vec();
    let worker = std::thread::Builder::new()
        .name("pdf-extract".into())
        .spawn(move || {
            let result = std::panic::catch_unwind(|| extract(&owned));
            tx.send(result).ok();
        })
        .map_err(|source| ImportError::Io { path: path.to_owned(), source })?;
    let received = rx.recv_timeout(timeout);
    // A result that arrived after the deadline (the channel may already hold it when the
    // wait begins) is as late as no result: the same rule whatever the timing.
    let received = if started.elapsed() > timeout { Err(std::sync::mpsc::RecvTimeoutError::Timeout) } else { received };
    let pages = match received {
        Ok(Ok(Ok(pages))) => pages,
        Ok(Ok(Err(e))) => return Err(pdf_error(path, bytes, &e)),
        Ok(Err(panic)) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the PDF reader failed".to_owned());
            return Err(ImportError::BadPdf {
                path: path.to_owned(),
                reason: format!("the PDF reader stopped: {reason}"),
            });
        }
        Err(_) => {
            // The worker cannot be killed; it is left to finish on its own and its
            // result is dropped.
            drop(worker);
            return Err(ImportError::Timeout { path: path.to_owned(), seconds: timeout.as_secs() });
        }
    };
    worker.join().ok();
    let letters: usize = pages.iter().map(|p| p.chars().filter(|c| c.is_alphanumeric()).count()).sum();
    if letters < 100 {
        return Err(ImportError::NoText { path: path.to_owned() });
    }
    Ok(pages)
}

fn pdf_error(path: &Path, bytes: &[u8], error: &OutputError) -> ImportError {
    let encrypted = matches!(error, OutputError::PdfError(pdf_extract::Error::Decryption(_)))
        || bytes.windows(8).any(|w| w == b"/Encrypt");
    if encrypted {
        ImportError::Encrypted { path: path.to_owned() }
    } else {
        ImportError::BadPdf { path: path.to_owned(), reason: error.to_string() }
    }
}

/// One pass over the document, noting where each page starts in the text.
fn extract(bytes: &[u8]) -> Result<Vec<String>, OutputError> {
    let mut doc = pdf_extract::Document::load_mem(bytes)?;
    if doc.is_encrypted() {
        doc.decrypt("")?;
    }
    let text = SharedText::default();
    let mut output =
        PagedOutput { inner: PlainTextOutput::new(text.clone()), text: text.clone(), page_starts: Vec::new() };
    pdf_extract::output_doc(&doc, &mut output)?;
    let page_starts = std::mem::take(&mut output.page_starts);
    drop(output);
    let text = text.0.borrow();
    let mut pages = Vec::with_capacity(page_starts.len());
    for (i, &start) in page_starts.iter().enumerate() {
        let end = page_starts.get(i + 1).copied().unwrap_or(text.len());
        pages.push(text[start..end].to_owned());
    }
    Ok(pages)
}

/// A string the plain-text output writes into while the page tracker watches its length.
#[derive(Clone, Default)]
struct SharedText(Rc<RefCell<String>>);

impl std::fmt::Write for SharedText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

impl ConvertToFmt for SharedText {
    type Writer = Self;
    fn convert(self) -> Self {
        self
    }
}

/// pdf-extract's plain-text output, plus the offset at which each page begins.
struct PagedOutput {
    inner: PlainTextOutput<SharedText>,
    text: SharedText,
    page_starts: Vec<usize>,
}

impl OutputDev for PagedOutput {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_starts.push(self.text.0.borrow().len());
        self.inner.begin_page(page_num, media_box, art_box)
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        self.inner.end_page()?;
        // Each page ends its last line, so the next page never glues onto it.
        self.text.0.borrow_mut().push('\n');
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.inner.output_character(trm, width, spacing, font_size, char)
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.inner.begin_word()
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        self.inner.end_word()
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        self.inner.end_line()
    }
}
