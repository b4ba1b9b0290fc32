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

mod labels_common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use labels_common::{check_findings_clean, check_labels, common_furniture, parse};
use regex::Regex;

fn fixture(rel: &str) -> PathBuf {
    let folder = if rel.ends_with(".pdf") { "tests/fixtures/corpus" } else { "tests/fixtures/letters" };
    Path::new(env!("CARGO_MANIFEST_DIR")).join(folder).join(rel)
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
    let furniture = common_furniture();
    let (rows, failures) = check_labels(&fixture("labels.csv"), fixture, |row, report, check| {
        let m = &report.meta;
        check(m.kind.as_str() == row.get("kind"), format!("kind {:?}", m.kind));
        for (key, got) in [("letter_date", m.letter_date), ("visit_start", m.visit_start), ("visit_end", m.visit_end)] {
            let got = got.map(|d| d.to_string()).unwrap_or_default();
            check(got == row.get(key), format!("{key} {got:?}, want {:?}", row.get(key)));
        }
        let lead = m.lead_inspector.clone().unwrap_or_default();
        check(name_key(&lead) == name_key(&row.get("lead_inspector")), format!("lead inspector {lead:?}"));
        for (kind, key) in [("priority_action", "priority_actions"), ("recommendation", "recommendations")] {
            let n = report.findings.iter().filter(|f| f.kind.as_str() == kind).count();
            check(n.to_string() == row.get(key), format!("{n} {kind} items, want {}", row.get(key)));
        }
        check_findings_clean(report, &furniture, check);
    });
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
