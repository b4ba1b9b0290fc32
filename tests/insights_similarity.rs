//! "Raised before" on real reports: the TF-IDF similarity (`insights::similarity`) scored
//! against pairs of recommendations labelled by hand (`tests/fixtures/similarity/pairs.csv`)
//! from the sample reports: every pair of an earlier and a later recommendation of Norfolk's
//! five full inspections (2013–2026), Camden's and Slough's two focused visits and
//! Cambridgeshire's inspection and visit (965 pairs, each read), and, to have more of the
//! same themes, 14 pairs across councils (Nottingham, Cambridgeshire, Slough, Norfolk).
//! "similar" means the later recommendation asks for the same improvement as
//! the earlier one; the same broad category alone is "different".
//!
//! The weights come from every recommendation of the sample reports in
//! `tests/fixtures/corpus/` and `tests/fixtures/pdf/` (Norfolk 2023 among them),
//! as they would in a workspace holding them. The test prints precision and recall at
//! `REPEAT_THRESHOLD` and fails below the floors stated here.

// Test helpers panic on broken fixtures; that is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use inspection_tracker::classify::Classifier;
use inspection_tracker::insights::RecommendationIndex;
use inspection_tracker::insights::similarity::REPEAT_THRESHOLD;
use inspection_tracker::workspace::{FindingRef, Workspace, synthetic};

/// The floors this method must keep on the labelled pairs.
const PRECISION_FLOOR: f64 = 0.70;
const RECALL_FLOOR: f64 = 0.50;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn sample_workspace() -> Workspace {
    let classifier = Classifier::default_taxonomy();
    let mut ws = Workspace::new(classifier.taxonomy().clone());
    let mut files: Vec<PathBuf> = ["corpus", "pdf"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(fixtures().join(dir)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    for file in files {
        let (parsed, hash) = inspection_tracker::import::read_and_parse(&file, None, &classifier).unwrap();
        ws.add_report(parsed, &file, &hash, synthetic::test_now());
    }
    ws
}

/// The recommendation of the report read from `file` whose text starts with `starts`.
fn find(ws: &Workspace, file: &str, starts: &str) -> FindingRef {
    let report = ws
        .reports
        .iter()
        .find(|r| r.source_path.file_name().is_some_and(|n| n == file))
        .unwrap_or_else(|| panic!("no report read from {file}"));
    let normal = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let matches: Vec<_> =
        report.findings.iter().filter(|f| f.kind.is_action() && normal(&f.text).starts_with(starts)).collect();
    assert_eq!(matches.len(), 1, "{file}: recommendations starting '{starts}'");
    FindingRef { report: report.id.clone(), finding: matches[0].id.clone() }
}

#[test]
fn precision_and_recall_on_the_hand_labelled_pairs() {
    let ws = sample_workspace();
    let index = RecommendationIndex::new(&ws);
    let mut reader = csv::Reader::from_path(fixtures().join("similarity/pairs.csv")).unwrap();
    let mut scored: Vec<(f32, bool, String)> = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (earlier, later) = (find(&ws, &row[0], &row[1]), find(&ws, &row[2], &row[3]));
        let similar = match &row[4] {
            "similar" => true,
            "different" => false,
            other => panic!("label '{other}' is neither 'similar' nor 'different'"),
        };
        let score = index.similarity(&ws, &later, &earlier).unwrap();
        scored.push((score, similar, row[5].to_owned()));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let at = |threshold: f32| {
        let tp = scored.iter().filter(|(s, y, _)| *y && *s >= threshold).count() as f64;
        let fp = scored.iter().filter(|(s, y, _)| !*y && *s >= threshold).count() as f64;
        let positives = scored.iter().filter(|(_, y, _)| *y).count() as f64;
        (if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 }, tp / positives)
    };
    let (precision, recall) = at(REPEAT_THRESHOLD);
    for (score, similar, why) in &scored {
        println!("{score:.3} {} {why}", if *similar { "similar  " } else { "different" });
    }
    let positives = scored.iter().filter(|(_, y, _)| *y).count();
    println!(
        "{} labelled pairs ({positives} similar): precision {precision:.2}, recall {recall:.2} at threshold {REPEAT_THRESHOLD}",
        scored.len()
    );
    for t in [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4] {
        let (p, r) = at(t);
        println!("  at {t:.2}: precision {p:.2}, recall {r:.2}");
    }
    assert!(precision >= PRECISION_FLOOR, "precision {precision:.2} is below {PRECISION_FLOOR}");
    assert!(recall >= RECALL_FLOOR, "recall {recall:.2} is below {RECALL_FLOOR}");
}
