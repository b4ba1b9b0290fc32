//! The parser on sample Ofsted letters (focused visits and joint targeted area
//! inspections) labelled in `tests/fixtures/letters/labels.csv` (the PDFs are the copies in
//! `tests/fixtures/corpus/`): the fields `score_corpus.py` checks against
//! the letters' labels (dates, the signatory, priority actions, recommendations, no page
//! furniture in a finding), and a compact text snapshot of what each letter yields.
//!
//! The fixtures were chosen for their forms: Coventry 2018 (a visit with no year, the
//! letter's day printed apart from its month, improvements last), Lancashire 2021 (Ofsted's
//! address block between the halves of the first headline finding, "Your sincerely"),
//! Greenwich 2018 (a JTAI signature table with "YvetteStanley", a case-study box heading
//! ending in a full stop after the list).

// Test helpers panic on broken fixtures; that is the failure report.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use inspection_tracker::classify::Classifier;
use inspection_tracker::parse::ParsedReport;
use regex::Regex;

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(Classifier::default_taxonomy);

fn fixture(rel: &str) -> PathBuf {
    let folder = if rel.ends_with(".pdf") { "tests/fixtures/corpus" } else { "tests/fixtures/letters" };
    Path::new(env!("CARGO_MANIFEST_DIR")).join(folder).join(rel)
}

fn parse(path: &Path) -> ParsedReport {
    inspection_tracker::read_report(path, &CLASSIFIER).unwrap_or_else(|e| panic!("{e}"))
}

/// The scorer's comparison of names: titles and "HMI" dropped, letters only, lower case.
fn name_key(s: &str) -> String {
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:his|her) majesty['’]?s inspectors?\b|\(?\bhmi\b\)?|\blead inspector\b").unwrap()
    });
    TITLE.replace_all(s, " ").chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect()
}

#[test]
fn sample_letters_match_their_labels() {
    let furniture = [
        Regex::new(r"(?i)Piccadilly Gate|Store Street|©\s*Crown copyright|www\.gov\.uk/ofsted|Ofsted\s+Piccadilly|enquiries@ofsted\.gov\.uk|Textphone").unwrap(),
        Regex::new(r"[.!?:;)’”]\s*\d{1,3}\s*$").unwrap(),
        Regex::new("[\u{25fc}\u{25fb}\u{25aa}\u{25ab}\u{2022}\u{25cf}\u{25cb}\u{25a0}\u{25a1}\u{f000}-\u{f0ff}\u{2023}\u{2043}\u{2219}]").unwrap(),
    ];
    let mut reader = csv::Reader::from_path(fixture("labels.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let mut failures = Vec::new();
    let mut rows = 0;
    for row in reader.records() {
        let row = row.unwrap();
        rows += 1;
        let get =
            |k: &str| headers.iter().position(|h| h == k).and_then(|i| row.get(i)).unwrap_or("").trim().to_owned();
        let file = get("file");
        let report = parse(&fixture(&file));
        let m = &report.meta;
        let mut check = |ok: bool, what: String| {
            if !ok {
                failures.push(format!("{file}: {what}"));
            }
        };
        check(m.kind.as_str() == get("kind"), format!("kind {:?}", m.kind));
        for (key, got) in [("letter_date", m.letter_date), ("visit_start", m.visit_start), ("visit_end", m.visit_end)] {
            let got = got.map(|d| d.to_string()).unwrap_or_default();
            check(got == get(key), format!("{key} {got:?}, want {:?}", get(key)));
        }
        let lead = m.lead_inspector.clone().unwrap_or_default();
        check(name_key(&lead) == name_key(&get("lead_inspector")), format!("lead inspector {lead:?}"));
        for (kind, key) in [("priority_action", "priority_actions"), ("recommendation", "recommendations")] {
            let n = report.findings.iter().filter(|f| f.kind.as_str() == kind).count();
            check(n.to_string() == get(key), format!("{n} {kind} items, want {}", get(key)));
        }
        for f in &report.findings {
            check(!f.text.trim().is_empty(), format!("empty finding {}", f.id));
            for rx in &furniture {
                check(!rx.is_match(&f.text), format!("furniture {rx} in {:?}", f.text));
            }
        }
    }
    assert_eq!(rows, 3);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each letter's metadata and items (kind, section, the start of the text), pinned.
#[test]
fn snapshots_of_the_letters() {
    for file in [
        "coventry-focused-visit-2018-02-22.pdf",
        "greenwich-jtai-2018-05-09.pdf",
        "lancashire-focused-visit-2021-08-16.pdf",
    ] {
        let report = parse(&fixture(file));
        let m = &report.meta;
        let mut s = String::new();
        let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
        writeln!(s, "kind {}", m.kind.as_str()).unwrap();
        writeln!(s, "letter {}", date(m.letter_date)).unwrap();
        writeln!(s, "visit {} to {}", date(m.visit_start), date(m.visit_end)).unwrap();
        writeln!(s, "lead {}", m.lead_inspector.as_deref().unwrap_or("-")).unwrap();
        for f in &report.findings {
            let text: String = f.text.chars().take(70).collect();
            writeln!(s, "{} | {} | {text}", f.kind.as_str(), f.section).unwrap();
        }
        let name = format!("letter_{}", file.trim_end_matches(".pdf"));
        insta::assert_snapshot!(name, s);
    }
}
