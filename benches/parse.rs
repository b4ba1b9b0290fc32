//! Benchmarks of the report pipeline: parse + classify of the seed texts (already
//! imported), the whole pipeline (extract, normalise, structure, classify) on the fixture
//! PDFs, and `pdftotext` on the same PDFs when it is installed, so the ratio the corpus
//! scorer reports can be checked here.
//!
//! Run with `cargo bench --no-default-features --bench parse`.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use inspection_tracker::classify::Classifier;
use inspection_tracker::import::{self, RawDocument};

fn main() {
    divan::main();
}

fn fixtures(dir: &str, ext: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&root).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    files
}

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(Classifier::default_taxonomy);

static SEEDS: LazyLock<Vec<(String, RawDocument)>> = LazyLock::new(|| {
    fixtures("seeds", "txt")
        .into_iter()
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_owned(), import::read_file(&p).ok()?)))
        .collect()
});

const SEED_NAMES: &[&str] = &[
    "000_3bdabb451219901b",
    "001_90445c428f418aa0",
    "002_fbdc7d117da4b9e8",
    "003_0d17976a4729da26",
    "004_220ad68708867a9f",
];
const PDF_NAMES: &[&str] = &["norfolk-2023-01-13", "suffolk-2019-05-21", "surrey-2015-08-03", "trafford-2026-08-03"];

fn pdf_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf").join(format!("{name}.pdf"))
}

/// Building the default classifier: paid once per process (each `parse` run).
#[divan::bench]
fn classifier_default_taxonomy() -> Classifier {
    Classifier::default_taxonomy()
}

/// Parse + classify of an imported text report.
#[divan::bench(args = SEED_NAMES)]
fn parse_seed_text(bencher: divan::Bencher<'_, '_>, name: &str) {
    let classifier = &*CLASSIFIER;
    let Some((_, doc)) = SEEDS.iter().find(|(n, _)| n == name) else { return };
    bencher.bench(|| inspection_tracker::parse::parse(divan::black_box(doc), classifier));
}

/// Parse + classify of an already extracted PDF.
#[divan::bench(args = PDF_NAMES)]
fn parse_pdf_pages(bencher: divan::Bencher<'_, '_>, name: &str) {
    let classifier = &*CLASSIFIER;
    let Ok(doc) = import::read_file(&pdf_path(name)) else { return };
    bencher.bench(|| inspection_tracker::parse::parse(divan::black_box(&doc), classifier));
}

/// The whole pipeline on a PDF: extract, normalise, structure, classify.
#[divan::bench(args = PDF_NAMES, sample_count = 10)]
fn pipeline_pdf(bencher: divan::Bencher<'_, '_>, name: &str) {
    let classifier = &*CLASSIFIER;
    let path = pdf_path(name);
    bencher.bench(|| inspection_tracker::read_report(divan::black_box(&path), classifier).ok());
}

/// `pdftotext FILE -` on the same PDF (the corpus scorer's speed anchor), when installed.
#[divan::bench(args = PDF_NAMES, sample_count = 10)]
fn pdftotext_reference(bencher: divan::Bencher<'_, '_>, name: &str) {
    let path = pdf_path(name);
    let available = std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    if !available {
        eprintln!("pdftotext is not installed; skipping the reference timing");
        return;
    }
    bencher.bench(|| std::process::Command::new("pdftotext").arg(&path).arg("-").output().ok());
}

/// Normalise, metadata, judgements and structure without classification: the parser's
/// own share of `parse_seed_text`.
#[divan::bench(args = SEED_NAMES)]
fn structure_seed_text(bencher: divan::Bencher<'_, '_>, name: &str) {
    use inspection_tracker::parse::{judgements, meta, normalise, structure};
    let Some((_, doc)) = SEEDS.iter().find(|(n, _)| n == name) else { return };
    bencher.bench(|| {
        let normal = normalise::normalise(divan::black_box(&doc.pages), false);
        let found = meta::read(&normal.blocks, &normal.lines);
        let grades = judgements::find(&normal.lines);
        (structure::items(&normal.blocks, found.kind), grades)
    });
}
