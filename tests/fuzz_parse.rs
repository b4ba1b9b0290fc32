//! Fuzzing the text normaliser (`parse::normalise`) and the structure parser
//! (`parse::parse` and its public steps) on arbitrary unicode and on "report-like" text
//! assembled from real fragments and random cuts of real reports. Properties: no panic,
//! returns within the deadline, source spans point into the normalised text on character
//! boundaries, finding ids are unique, page starts are in order, and parsing is
//! deterministic.
//!
//! Always on with a short run; a long run is
//! `FUZZ_CASES=100000 cargo test --release --no-default-features --test fuzz_parse`.

#[macro_use]
mod fuzz_common;

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use fuzz_common::REPORT_FRAGMENTS;
use inspection_tracker::classify::Classifier;
use inspection_tracker::import::{RawDocument, SourceFormat};
use inspection_tracker::model::ReportKind;
use inspection_tracker::parse::{self, ParsedReport, dates, judgements, meta, normalise, structure};
use proptest::prelude::*;

static CLASSIFIER: LazyLock<Arc<Classifier>> = LazyLock::new(|| Arc::new(Classifier::default_taxonomy()));

/// The real report texts in `tests/fixtures/seeds` (empty when the folder is absent).
static SEEDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut seeds: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect())
        .unwrap_or_default();
    seeds.sort();
    seeds
});

/// One piece of a report-like document.
#[derive(Clone, Debug)]
enum Piece {
    /// A fragment from [`REPORT_FRAGMENTS`].
    Fragment(&'static str),
    /// A cut of a real report: seed, start and length (per mille of the seed).
    Cut(usize, u16, u16),
    /// Arbitrary text.
    Noise(String),
    /// A footnote digit or superscript glued on.
    Glued(&'static str),
}

const GLUE: &[&str] = &["1", "2", "12", "¹", "²", "³", "?1", ".2", ":3", "-", "–", "\u{ad}", "\u{c}", "\t", "  "];
const SEPARATORS: &[&str] = &["\n", "\n\n", " ", "", "\n\n\n", "\r\n", "\u{c}"];

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        6 => proptest::sample::select(REPORT_FRAGMENTS).prop_map(Piece::Fragment),
        3 => (any::<usize>(), 0u16..1000, 1u16..200).prop_map(|(s, a, n)| Piece::Cut(s, a, n)),
        1 => ".{0,40}".prop_map(Piece::Noise),
        1 => proptest::sample::select(GLUE).prop_map(Piece::Glued),
    ]
}

/// The text of a char range of `text` given as per-mille positions.
fn cut(text: &str, start: u16, len: u16) -> &str {
    let n = text.len();
    let floor = |mut i: usize| {
        i = i.min(n);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = floor(n * usize::from(start) / 1000);
    let b = floor(a + n * usize::from(len) / 1000);
    &text[a..b]
}

/// Builds a document's pages: pieces joined by separators, split into pages at `breaks`.
fn assemble(pieces: &[(Piece, usize)], breaks: &[usize]) -> Vec<String> {
    let mut text = String::new();
    let mut page_ends = Vec::new();
    for (i, (piece, sep)) in pieces.iter().enumerate() {
        match piece {
            Piece::Fragment(s) | Piece::Glued(s) => text.push_str(s),
            Piece::Cut(seed, a, n) => {
                if !SEEDS.is_empty() {
                    text.push_str(cut(&SEEDS[seed % SEEDS.len()], *a, *n));
                }
            }
            Piece::Noise(s) => text.push_str(s),
        }
        text.push_str(SEPARATORS[sep % SEPARATORS.len()]);
        if breaks.contains(&i) {
            page_ends.push(text.len());
        }
    }
    let mut pages = Vec::new();
    let mut start = 0;
    for end in page_ends {
        pages.push(text[start..end].to_owned());
        start = end;
    }
    pages.push(text[start..].to_owned());
    pages
}

fn report_like() -> impl Strategy<Value = Vec<String>> {
    (proptest::collection::vec((piece(), any::<usize>()), 0..120), proptest::collection::vec(0usize..120, 0..8))
        .prop_map(|(pieces, breaks)| assemble(&pieces, &breaks))
}

fn format() -> impl Strategy<Value = SourceFormat> {
    prop_oneof![Just(SourceFormat::Pdf), Just(SourceFormat::Text), Just(SourceFormat::Html)]
}

fn doc(pages: Vec<String>, format: SourceFormat) -> RawDocument {
    RawDocument { path: "fuzz.txt".into(), format, pages, content_hash: String::new() }
}

/// Parses bounded (twice when `twice`, to check determinism) and checks the invariants.
fn check_parse(doc: RawDocument, twice: bool) -> Result<(), TestCaseError> {
    let pages = doc.pages.len();
    let format = doc.format;
    let classifier = Arc::clone(&CLASSIFIER);
    let (first, second) = bounded!("parse::parse", move || {
        let first = parse::parse(&doc, &classifier);
        let second = twice.then(|| parse::parse(&doc, &classifier));
        (first, second)
    });
    check_report(&first, pages, format)?;
    if let Some(second) = second {
        prop_assert!(first == second, "parsing the same document twice gave different results");
    }
    Ok(())
}

fn check_report(report: &ParsedReport, pages: usize, format: SourceFormat) -> Result<(), TestCaseError> {
    let mut ids = HashSet::new();
    for f in &report.findings {
        prop_assert!(ids.insert(&f.id), "two findings have the id {}", f.id);
        prop_assert!(
            report.text.get(f.source.start..f.source.end).is_some(),
            "finding {} has span {}..{} outside or inside a character of the {}-byte text",
            f.id,
            f.source.start,
            f.source.end,
            report.text.len()
        );
    }
    if format == SourceFormat::Pdf {
        prop_assert_eq!(report.page_starts.len(), pages);
    }
    prop_assert!(report.page_starts.windows(2).all(|w| w[0] <= w[1]), "page starts out of order");
    prop_assert!(report.page_starts.iter().all(|&s| s <= report.text.len()), "page start past the end");
    Ok(())
}

/// The normaliser alone, bounded, with the invariants it promises.
fn check_normalise(pages: Vec<String>, paged: bool) -> Result<(), TestCaseError> {
    let n = pages.len();
    let normal = bounded!("normalise::normalise", move || normalise::normalise(&pages, paged));
    let last_page = u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    for b in &normal.blocks {
        prop_assert!(b.page >= 1 && b.page <= last_page, "block on page {} of {}", b.page, n);
    }
    for l in &normal.lines {
        prop_assert!(l.page >= 1 && l.page <= last_page, "line on page {} of {}", l.page, n);
    }
    Ok(())
}

proptest! {
    #![proptest_config(fuzz_common::config(128))]

    #[test]
    fn normalise_arbitrary_unicode(pages in proptest::collection::vec(any::<String>(), 0..4), paged in any::<bool>()) {
        check_normalise(pages, paged)?;
    }

    #[test]
    fn normalise_report_like(pages in report_like(), paged in any::<bool>()) {
        check_normalise(pages, paged)?;
    }

    #[test]
    fn line_helpers_on_arbitrary_unicode(text in any::<String>(), other in any::<String>()) {
        let (a, b) = (text.clone(), other.clone());
        bounded!("line helpers", move || {
            let mut markers = HashSet::new();
            normalise::clean_line(&a, &mut markers);
            normalise::clean_lines(&[a.clone(), b.clone()]);
            normalise::keep_hyphen(&a, &b, &HashSet::from([b.clone()]));
            normalise::ends_terminal(&a);
            normalise::is_heading_like(&a);
            dates::parse_date(&a);
            dates::parse_range(&a);
            judgements::grade_from(&a);
            meta::clean_name(&a);
            meta::is_sign_off(&a);
        });
    }

    #[test]
    fn steps_on_report_like_text(pages in report_like(), paged in any::<bool>(), kind in proptest::sample::select(ReportKind::ALL)) {
        bounded!("parse steps", move || {
            let normal = normalise::normalise(&pages, paged);
            let blocks = normalise::blocks(&normal.lines, paged);
            meta::read(&blocks, &normal.lines);
            meta::kind(&blocks);
            judgements::find(&normal.lines);
            structure::items(&blocks, kind);
        });
    }

    #[test]
    fn parse_arbitrary_unicode(pages in proptest::collection::vec(any::<String>(), 0..4), format in format()) {
        check_parse(doc(pages, format), false)?;
    }

    #[test]
    fn parse_report_like(pages in report_like(), format in format()) {
        check_parse(doc(pages, format), true)?;
    }
}

proptest! {
    // Whole real reports with random damage: fewer cases, each is large.
    #![proptest_config(fuzz_common::config(16))]

    #[test]
    fn parse_damaged_real_report(seed in any::<usize>(), cuts in proptest::collection::vec((0u16..1000, 0u16..50, piece()), 0..12), pages in 1usize..12) {
        if SEEDS.is_empty() {
            return Ok(());
        }
        let mut text = SEEDS[seed % SEEDS.len()].clone();
        for (at, len, insert) in &cuts {
            let removed = cut(&text, *at, *len).len();
            let start = cut(&text, 0, *at).len();
            let replacement = assemble(&[(insert.clone(), 0)], &[]).concat();
            text.replace_range(start..start + removed, &replacement);
        }
        // Split into pages at line breaks, as a PDF would be.
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let per_page = lines.len().div_ceil(pages).max(1);
        let split: Vec<String> = lines.chunks(per_page).map(|c| c.concat()).collect();
        check_parse(doc(split, SourceFormat::Pdf), false)?;
    }
}

proptest! {
    // Documents of up to about 1.5 MB in a release build (a dozen real reports glued
    // together, or thousands of bullets; a tenth of that unoptimised): superlinear work in
    // the parser shows here as a missed deadline.
    #![proptest_config(fuzz_common::config(4))]

    #[test]
    fn parse_large_documents(
        copies in 1usize..if cfg!(debug_assertions) { 3 } else { 16 },
        bullets in 0usize..if cfg!(debug_assertions) { 2_000 } else { 20_000 },
        pages in report_like(),
        format in format(),
    ) {
        let mut all: Vec<String> = Vec::new();
        for i in 0..copies {
            if !SEEDS.is_empty() {
                all.push(SEEDS[i % SEEDS.len()].clone());
            }
            all.extend(pages.iter().cloned());
        }
        all.push("What needs to improve?\n\n".to_owned() + &"◼ The response to neglect.\n".repeat(bullets));
        check_parse(doc(all, format), false)?;
    }
}
