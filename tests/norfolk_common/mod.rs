//! Shared by the "raised before" tests of the exports and the window: Norfolk's 2013 and
//! 2015 full inspections read from `tests/fixtures/corpus/` as an import would, a real case
//! of recommendations repeated from one inspection to the next.

// Test helpers panic on broken fixtures; that is the failure report.
#![allow(clippy::unwrap_used, dead_code)]

use std::path::Path;

use inspection_tracker::classify::Classifier;
use inspection_tracker::workspace::{FindingRef, Workspace, synthetic};

/// The two reports' files, earlier first.
pub const FILES: [&str; 2] = ["norfolk-2013-08-16.pdf", "norfolk-2015-10-20.pdf"];

/// A workspace holding Norfolk's 2013 and 2015 inspections, imported later first.
pub fn norfolk_workspace() -> Workspace {
    let classifier = Classifier::default_taxonomy();
    let mut ws = Workspace::new(classifier.taxonomy().clone());
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus");
    for file in FILES.iter().rev() {
        let path = corpus.join(file);
        let (parsed, hash) = inspection_tracker::import::read_and_parse(&path, None, &classifier).unwrap();
        ws.add_report(parsed, &path, &hash, synthetic::test_now());
    }
    ws
}

/// The recommendation of the report read from `file` whose text starts with `starts`
/// (spacing ignored).
pub fn recommendation(ws: &Workspace, file: &str, starts: &str) -> FindingRef {
    let report = ws.reports.iter().find(|r| r.source_path.file_name().is_some_and(|n| n == file)).unwrap();
    let normal = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let matches: Vec<_> =
        report.findings.iter().filter(|f| f.kind.is_action() && normal(&f.text).starts_with(starts)).collect();
    assert_eq!(matches.len(), 1, "{file}: recommendations starting '{starts}'");
    FindingRef { report: report.id.clone(), finding: matches[0].id.clone() }
}
