//! What the label-checking tests share: parsing a fixture with the default taxonomy, and
//! walking a `labels.csv` (one row per report file, the columns `score_corpus.py` scores),
//! collecting every mismatch so one run reports them all.

use std::path::Path;
use std::sync::LazyLock;

use inspection_tracker::classify::Classifier;
use inspection_tracker::parse::ParsedReport;
use regex::Regex;

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(Classifier::default_taxonomy);

/// Parses a report file as the app would, panicking (the failure report) on a broken fixture.
pub fn parse(path: &Path) -> ParsedReport {
    inspection_tracker::read_report(path, &CLASSIFIER).unwrap_or_else(|e| panic!("{e}"))
}

/// One row of a labels file.
pub struct Row {
    headers: csv::StringRecord,
    row: csv::StringRecord,
}

impl Row {
    /// A column's value, trimmed; empty when the column is missing.
    pub fn get(&self, column: &str) -> String {
        self.headers.iter().position(|h| h == column).and_then(|i| self.row.get(i)).unwrap_or("").trim().to_owned()
    }
}

/// Calls `each` with every row of `labels`, its report (the row's `file`, found by
/// `locate`) and a `check(ok, what)` that records a failure naming the file. Returns how
/// many rows there were and every failure.
pub fn check_labels(
    labels: &Path,
    locate: impl Fn(&str) -> std::path::PathBuf,
    mut each: impl FnMut(&Row, &ParsedReport, &mut dyn FnMut(bool, String)),
) -> (usize, Vec<String>) {
    let mut reader = csv::Reader::from_path(labels).unwrap_or_else(|e| panic!("{}: {e}", labels.display()));
    let headers = reader.headers().unwrap_or_else(|e| panic!("{e}")).clone();
    let mut failures = Vec::new();
    let mut rows = 0;
    for row in reader.records() {
        let row = Row { headers: headers.clone(), row: row.unwrap_or_else(|e| panic!("{e}")) };
        rows += 1;
        let file = row.get("file");
        let report = parse(&locate(&file));
        let mut check = |ok: bool, what: String| {
            if !ok {
                failures.push(format!("{file}: {what}"));
            }
        };
        each(&row, &report, &mut check);
    }
    (rows, failures)
}

/// Page furniture every report family prints and no finding may keep: Ofsted's address
/// and copyright lines, a page number left after a sentence, and bullet glyphs.
pub fn common_furniture() -> Vec<Regex> {
    [
        r"(?i)Piccadilly Gate|Store Street|©\s*Crown copyright|www\.gov\.uk/(government/organisations/)?ofsted|Ofsted\s+Piccadilly|enquiries@ofsted\.gov\.uk|Textphone",
        r"[.!?:;)’”]\s*\d{1,3}\s*$",
        "[\u{25fc}\u{25fb}\u{25aa}\u{25ab}\u{2022}\u{25cf}\u{25cb}\u{25a0}\u{25a1}\u{f000}-\u{f0ff}\u{2023}\u{2043}\u{2219}]",
    ]
    .iter()
    .map(|rx| Regex::new(rx).unwrap_or_else(|e| panic!("{e}")))
    .collect()
}

/// Checks that no finding of `report` is empty or holds any of `furniture`.
pub fn check_findings_clean(report: &ParsedReport, furniture: &[Regex], check: &mut dyn FnMut(bool, String)) {
    for f in &report.findings {
        check(!f.text.trim().is_empty(), format!("empty finding {}", f.id));
        for rx in furniture {
            check(!rx.is_match(&f.text), format!("furniture {rx} in {:?}", f.text));
        }
    }
}
