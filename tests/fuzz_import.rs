//! Fuzzing the importers (`import::read_bytes`): arbitrary bytes under `.pdf`, `.txt`,
//! `.html` and `.md` names, HTML-like soup, bytes behind a `%PDF-` header, and mutations
//! of a small hand-made PDF and of a real report PDF; what imports is then parsed too.
//! Properties: no panic, returns within the deadline (the importer's own PDF timeout is
//! set below it), every error names the file, and a success has text and the right hash.
//!
//! Always on with a short run; a long run is
//! `FUZZ_CASES=20000 cargo test --release --no-default-features --test fuzz_import`.

#[macro_use]
mod fuzz_common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use inspection_tracker::classify::Classifier;
use inspection_tracker::import::{self, ImportError, RawDocument, SourceFormat};
use inspection_tracker::parse;
use proptest::prelude::*;

/// The importer's PDF timeout in these tests: below the per-case deadline, so a runaway
/// extraction shows as the importer's own `Timeout` error, not as a hang.
const PDF_TIMEOUT: Duration = Duration::from_secs(3);

static CLASSIFIER: LazyLock<Arc<Classifier>> = LazyLock::new(|| Arc::new(Classifier::default_taxonomy()));

const NAMES: &[&str] =
    &["report.pdf", "report.txt", "report.html", "report.htm", "report.md", "report", "Área ünï.pdf"];

/// A one-font, two-page PDF with enough text to pass the "has a text layer" check, with
/// a correct cross-reference table.
fn tiny_pdf() -> Vec<u8> {
    let page = |lines: &[&str]| {
        let mut s = String::from("BT /F1 11 Tf 72 740 Td 14 TL\n");
        for l in lines {
            s.push_str(&format!("({l}) Tj T*\n"));
        }
        s.push_str("ET");
        s
    };
    let p1 = page(&[
        "Inspection of Norfolk local authority children's services",
        "Inspection dates: 7 to 18 November 2022",
        "What needs to improve?",
        "The response to neglect and the quality of supervision.",
    ]);
    let p2 =
        page(&["1. Children are seen often and their wishes are recorded.", "2. Leaders know their services well."]);
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >> >>"
            .to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{p1}\nendstream", p1.len()),
        format!("<< /Length {} >>\nstream\n{p2}\nendstream", p2.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

static TINY_PDF: LazyLock<Vec<u8>> = LazyLock::new(tiny_pdf);

/// A real report (160 KB, compressed streams), when the fixture is present.
static REAL_PDF: LazyLock<Option<Vec<u8>>> = LazyLock::new(|| {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/suffolk-2019-05-21.pdf")).ok()
});

/// Imports `bytes` as `name` (bounded), checks the result, and parses what imported.
fn check(name: &str, bytes: Vec<u8>) -> Result<Option<RawDocument>, TestCaseError> {
    let path = PathBuf::from(name);
    let bytes = Arc::new(bytes);
    let (p, b) = (path.clone(), Arc::clone(&bytes));
    let result = bounded!(format!("read_bytes({name})"), move || import::read_bytes_with_timeout(&p, &b, PDF_TIMEOUT));
    note_outcome(&result);
    match result {
        Err(e) => {
            if matches!(e, ImportError::Timeout { .. }) {
                // Allowed (the app stays responsive), but worth knowing about in a long run.
                eprintln!("FUZZ NOTE: PDF extraction timed out on a {}-byte input", bytes.len());
            }
            prop_assert_eq!(e.path(), path.as_path());
            let message = e.to_string();
            prop_assert!(message.ends_with(name), "error does not name the file: {}", message);
            Ok(None)
        }
        Ok(doc) => {
            prop_assert_eq!(&doc.path, &path);
            prop_assert!(!doc.pages.is_empty() && doc.pages.iter().any(|p| !p.trim().is_empty()), "imported but empty");
            prop_assert_eq!(&doc.content_hash, &import::sha256_hex(&bytes));
            prop_assert_eq!(
                doc.format == SourceFormat::Pdf,
                bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
            );
            let d = doc.clone();
            let classifier = Arc::clone(&CLASSIFIER);
            let parsed = bounded!(format!("parse({name})"), move || parse::parse(&d, &classifier));
            for f in &parsed.findings {
                prop_assert!(parsed.text.get(f.source.start..f.source.end).is_some(), "span outside the text");
            }
            Ok(Some(doc))
        }
    }
}

/// One change to a PDF's bytes.
#[derive(Clone, Debug)]
enum PdfMutation {
    Truncate(u16),
    Flip(u16, u8),
    /// Write a token over the bytes at a position, keeping every offset in the file valid
    /// (so the cross-reference table still points at objects and the damage goes deeper).
    Overwrite(u16, &'static str),
    Insert(u16, &'static str),
    Delete(u16, u16),
    Duplicate(u16, u16),
}

const PDF_TOKENS: &[&str] = &[
    "<<",
    ">>",
    "[",
    "]",
    "(",
    ")",
    "obj",
    "endobj",
    "stream",
    "endstream",
    " R ",
    "0 0 R",
    "3 0 R",
    "1 0 R",
    "/Length 999999999",
    "/Length -1",
    "/Count 100000",
    "/Kids [2 0 R]",
    "/Parent 3 0 R",
    "/Filter /FlateDecode",
    "/Encrypt 1 0 R",
    "xref",
    "trailer",
    "startxref\n0\n",
    "%%EOF",
    "-99999999999999999999",
    "1e308",
    "\u{0}",
    "\\",
    "(\\",
    "/Type /Pages",
    "/Contents [5 0 R 5 0 R]",
    "BT",
    "ET",
    "Tj",
    "TJ",
    "Tf",
    "/F1 0 Tf",
    "/F9 12 Tf",
    "q",
    "Q",
    "cm",
    "1 0 0 1 1e30 1e30 cm",
];

fn pdf_mutation() -> impl Strategy<Value = PdfMutation> {
    prop_oneof![
        (0u16..=1000).prop_map(PdfMutation::Truncate),
        (0u16..=1000, any::<u8>()).prop_map(|(p, m)| PdfMutation::Flip(p, m)),
        (0u16..=1000, proptest::sample::select(PDF_TOKENS)).prop_map(|(p, t)| PdfMutation::Insert(p, t)),
        (0u16..=1000, proptest::sample::select(PDF_TOKENS)).prop_map(|(p, t)| PdfMutation::Overwrite(p, t)),
        (0u16..=1000, 1u16..200).prop_map(|(p, n)| PdfMutation::Delete(p, n)),
        (0u16..=1000, 1u16..200).prop_map(|(p, n)| PdfMutation::Duplicate(p, n)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, m: &PdfMutation) {
    let at = |len: usize, p: u16| len * usize::from(p.min(1000)) / 1000;
    match *m {
        PdfMutation::Truncate(p) => bytes.truncate(at(bytes.len(), p)),
        PdfMutation::Flip(p, mask) => {
            if !bytes.is_empty() {
                let i = at(bytes.len() - 1, p);
                bytes[i] ^= mask | 1;
            }
        }
        PdfMutation::Insert(p, token) => {
            let i = at(bytes.len(), p);
            bytes.splice(i..i, token.bytes());
        }
        PdfMutation::Overwrite(p, token) => {
            let i = at(bytes.len(), p);
            let end = (i + token.len()).min(bytes.len());
            bytes[i..end].copy_from_slice(&token.as_bytes()[..end - i]);
        }
        PdfMutation::Delete(p, n) => {
            let i = at(bytes.len(), p);
            let end = (i + usize::from(n)).min(bytes.len());
            bytes.drain(i..end);
        }
        PdfMutation::Duplicate(p, n) => {
            let i = at(bytes.len(), p);
            let end = (i + usize::from(n)).min(bytes.len());
            let copy = bytes[i..end].to_vec();
            bytes.splice(end..end, copy);
        }
    }
}

/// Mutations that keep every byte offset, for the real PDF: the importer gets past the
/// cross-reference table into object, stream and content parsing.
fn in_place_pdf_mutation() -> impl Strategy<Value = PdfMutation> {
    prop_oneof![
        3 => (0u16..=1000, any::<u8>()).prop_map(|(p, m)| PdfMutation::Flip(p, m)),
        3 => (0u16..=1000, proptest::sample::select(PDF_TOKENS)).prop_map(|(p, t)| PdfMutation::Overwrite(p, t)),
        1 => pdf_mutation(),
    ]
}

/// With `FUZZ_STATS` set, prints each case's outcome (`FUZZ OUTCOME ok` or the error
/// kind), so a long run can say how deep the inputs got.
fn note_outcome(result: &Result<RawDocument, ImportError>) {
    if std::env::var_os("FUZZ_STATS").is_none() {
        return;
    }
    let kind = match result {
        Ok(_) => "ok".to_owned(),
        Err(e) => format!("{e:?}").split([' ', '{', '(']).next().unwrap_or_default().to_owned(),
    };
    eprintln!("FUZZ OUTCOME {kind}");
}

#[test]
fn the_hand_made_pdf_imports() {
    let doc = import::read_bytes(Path::new("tiny.pdf"), &TINY_PDF).expect("the hand-made PDF reads");
    assert_eq!(doc.format, SourceFormat::Pdf);
    assert_eq!(doc.pages.len(), 2);
    assert!(doc.pages[0].contains("What needs to improve?"), "{:?}", doc.pages);
}

proptest! {
    #![proptest_config(fuzz_common::config(256))]

    #[test]
    fn arbitrary_bytes_under_any_name(name in proptest::sample::select(NAMES), bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check(name, bytes)?;
    }

    #[test]
    fn arbitrary_text_under_any_name(name in proptest::sample::select(NAMES), text in any::<String>()) {
        check(name, text.into_bytes())?;
    }

    #[test]
    fn html_soup(name in proptest::sample::select(NAMES), parts in proptest::collection::vec(prop_oneof![
        Just("<html>"), Just("<body>"), Just("<div>"), Just("</div>"), Just("<p>"), Just("</p>"), Just("<br>"),
        Just("<li>"), Just("<ul>"), Just("<table><tr><td>"), Just("<script>"), Just("</script>"), Just("<style>"),
        Just("<!--"), Just("-->"), Just("<![CDATA["), Just("&amp;"), Just("&#0;"), Just("&#x110000;"), Just("&nbsp;"),
        Just("<h2>What needs to improve?</h2>"), Just("<a href='x'>"), Just("<"), Just(">"), Just("\u{0}"),
        Just("Children are seen often. "), Just("<!DOCTYPE html>"), Just("<svg><math><template>"),
    ], 0..200)) {
        check(name, parts.concat().into_bytes())?;
    }

    #[test]
    fn bytes_behind_a_pdf_header(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let mut all = b"%PDF-1.7\n".to_vec();
        all.extend(bytes);
        check("noise.pdf", all)?;
    }

    #[test]
    fn mutated_hand_made_pdf(mutations in proptest::collection::vec(pdf_mutation(), 1..6)) {
        let mut bytes = TINY_PDF.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        check("mutated.pdf", bytes)?;
    }
}

proptest! {
    // A real report takes tens of milliseconds to extract, so fewer cases by default.
    #![proptest_config(fuzz_common::config(24))]

    #[test]
    fn mutated_real_pdf(mutations in proptest::collection::vec(in_place_pdf_mutation(), 1..6)) {
        let Some(real) = REAL_PDF.as_ref() else { return Ok(()) };
        let mut bytes = real.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        check("suffolk-mutated.pdf", bytes)?;
    }
}
