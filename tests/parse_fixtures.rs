//! The parser on every fixture: the hand-made gold labels of the seed texts and the
//! labels of the sample PDFs are checked the way the project's scorers check them (so the
//! suite fails when parsing regresses, without `/work/shared`), and the `parse --json`
//! output of each fixture is pinned with an insta snapshot.
//!
//! Category checks are left to the classifier's own tests; snapshots include categories,
//! so regenerate them (`INSTA_UPDATE=always` or `cargo insta review`) when the taxonomy
//! changes, and review the diff.

// Test helpers panic on broken fixtures; that is the failure report.
#![allow(clippy::unwrap_used)]

mod labels_common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use labels_common::{check_findings_clean, check_labels, common_furniture, parse};
use regex::Regex;
use serde_json::Value;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// The scorers' text normalisation: quotes and dashes folded, spaces collapsed, lower
/// case, a leading bullet or number dropped.
fn norm(s: &str) -> String {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-\u{2022}*\u{25cf}\u{25aa}]\s*|\(?\d+(?:\.\d+)*[.)]\s*|\(?[a-z][.)]\s+)").unwrap()
    });
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{2013}', '\u{2014}'], "-");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    LEAD.replace(&s, "").into_owned()
}

fn la_key(s: &str) -> String {
    static NOISE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(london borough of|royal borough of|metropolitan borough council|borough council|city council|county council|council|city of|the)\b").unwrap()
    });
    NOISE.replace_all(&norm(s), " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn date_str(d: Option<chrono::NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn gold_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture("gold")).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    assert_eq!(files.len(), 5, "the five gold labels are fixtures");
    files
}

/// Every check of `score_parse.py` except categories and polarity (the classifier's).
#[test]
fn seed_texts_match_their_gold_labels() {
    let mut failures = Vec::new();
    for gold_path in gold_files() {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let report = parse(&fixture(&format!("seeds/{file}")));
        let m = &report.meta;
        let mut check = |ok: bool, what: String| {
            if !ok {
                failures.push(format!("{file}: {what}"));
            }
        };
        check(Value::String(m.kind.as_str().to_owned()) == gold["kind"], format!("kind {:?}", m.kind));
        for (key, got) in [("letter_date", m.letter_date), ("visit_start", m.visit_start), ("visit_end", m.visit_end)] {
            check(date_str(got) == gold[key], format!("{key} {got:?}, want {}", gold[key]));
        }
        let overall = m.overall_judgement.map_or(Value::Null, |g| Value::String(g.as_str().to_owned()));
        check(overall == gold["overall_judgement"], format!("overall {overall}"));
        check(
            la_key(m.local_authority.as_deref().unwrap_or(""))
                == la_key(gold["local_authority"].as_str().unwrap_or("")),
            format!("local authority {:?}", m.local_authority),
        );
        let lead = m.lead_inspector.clone().unwrap_or_default().to_lowercase();
        check(lead == gold["lead_inspector"].as_str().unwrap_or("").to_lowercase(), format!("lead inspector {lead:?}"));
        for j in gold["judgements"].as_array().unwrap() {
            let area = norm(j["area"].as_str().unwrap());
            let hit = m.judgements.iter().any(|g| {
                let a = norm(&g.area);
                (a.contains(&area) || (!a.is_empty() && area.contains(&a))) && j["grade"] == g.grade.as_str()
            });
            check(hit, format!("judgement {area}"));
        }
        for (kind, key) in [("priority_action", "priority_actions"), ("recommendation", "recommendations")] {
            let items: Vec<_> = report.findings.iter().filter(|f| f.kind.as_str() == kind).collect();
            let want = gold[key].as_array().unwrap();
            check(items.len() == want.len(), format!("{kind}: {} items, want {}", items.len(), want.len()));
            for w in want {
                let p = norm(w["prefix"].as_str().unwrap());
                check(items.iter().any(|f| norm(&f.text).starts_with(&p)), format!("{kind} missing or cut: {p}"));
            }
        }
        let body: Vec<_> = report.findings.iter().filter(|f| f.kind.as_str() == "finding").collect();
        let count = gold["findings"]["count"].as_u64().unwrap() as usize;
        let tolerance = gold["findings"]["tolerance"].as_u64().unwrap() as usize;
        check(body.len().abs_diff(count) <= tolerance, format!("findings: {}, want {count}±{tolerance}", body.len()));
        if let Some(ranges) = gold["findings"]["numbers"].as_array() {
            let want: std::collections::BTreeSet<u64> =
                ranges.iter().flat_map(|r| r[0].as_u64().unwrap()..=r[1].as_u64().unwrap()).collect();
            let got: std::collections::BTreeSet<u64> = body.iter().filter_map(|f| f.number.map(u64::from)).collect();
            check(got == want && body.iter().all(|f| f.number.is_some()), "finding numbers".to_owned());
        }
        let texts: Vec<String> = report.findings.iter().map(|f| norm(&f.text)).collect();
        for phrase in gold["joined_phrases"].as_array().unwrap() {
            let p = norm(phrase.as_str().unwrap());
            check(texts.iter().any(|t| t.contains(&p)), format!("not rejoined: {p}"));
        }
        for bad in gold["forbidden_in_text"].as_array().unwrap() {
            let bad = bad.as_str().unwrap().to_lowercase();
            check(report.findings.iter().all(|f| !f.text.to_lowercase().contains(&bad)), format!("{bad:?} leaked"));
        }
        let ids: std::collections::HashSet<_> = report.findings.iter().map(|f| &f.id).collect();
        check(ids.len() == report.findings.len(), "ids not unique".to_owned());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The scorer's map from a free-text area to the label columns.
fn area_key(area: &str) -> Option<&'static str> {
    let a = area.to_lowercase().replace('-', " ");
    if a.contains("overall") || a.contains("adoption") {
        None
    } else if a.contains("leader") {
        Some("leaders")
    } else if a.contains("help and protection") {
        Some("help_and_protection")
    } else if a.contains("in care") || a.contains("looked after") {
        Some("in_care")
    } else if a.contains("care leaver") {
        Some("care_leavers")
    } else {
        None
    }
}

/// The checks of `score_corpus.py` on the fixture PDFs and their labels.
#[test]
fn sample_pdfs_match_their_labels() {
    let mut furniture = common_furniture();
    furniture.push(Regex::new(r"(?i)Inspection of [A-Z][\w .,'’&()-]{1,80}?\s+local\s+authority\s+children[’']s\s+services\s+\d{1,2}\s+\w+\s+\d{4}").unwrap());
    let ends = Regex::new(r#"[.!?:;)\]’”'"]$"#).unwrap();
    let locate = |file: &str| fixture(&format!("pdf/{file}"));
    let (rows, failures) = check_labels(&fixture("pdf/labels.csv"), locate, |row, report, check| {
        let get = |k: &str| row.get(k);
        let m = &report.meta;
        check(m.kind.as_str() == get("kind"), format!("kind {:?}", m.kind));
        if get("kind") == "unknown" {
            return;
        }
        check(date_str(m.visit_start) == Value::String(get("visit_start")), format!("visit_start {:?}", m.visit_start));
        check(date_str(m.visit_end) == Value::String(get("visit_end")), format!("visit_end {:?}", m.visit_end));
        let lead = get("lead_inspector");
        if lead == "none" {
            check(m.lead_inspector.is_none(), "lead inspector should be null".to_owned());
        } else {
            check(
                lead.split('|').any(|l| Some(l) == m.lead_inspector.as_deref()),
                format!("lead inspector {:?}", m.lead_inspector),
            );
        }
        let overall = get("overall_judgement");
        let got = m.overall_judgement.map(|g| g.as_str().to_owned()).unwrap_or_else(|| "none".to_owned());
        check(got == overall, format!("overall {got}, want {overall}"));
        for area in ["leaders", "help_and_protection", "in_care", "care_leavers"] {
            let want = get(area);
            if want.is_empty() {
                continue;
            }
            let got = m.judgements.iter().find(|j| area_key(&j.area) == Some(area)).map(|j| j.grade.as_str());
            check(got == Some(want.as_str()), format!("{area}: {got:?}, want {want}"));
        }
        let recs = report.findings.iter().filter(|f| f.kind.as_str() == "recommendation").count();
        check(
            recs.to_string() == get("recommendations"),
            format!("{recs} recommendations, want {}", get("recommendations")),
        );
        check_findings_clean(report, &furniture, check);
        check(report.findings.len() >= 10, format!("only {} findings", report.findings.len()));
        let body: Vec<_> = report.findings.iter().filter(|f| f.kind.as_str() == "finding").collect();
        let cut = body.iter().filter(|f| !ends.is_match(f.text.trim())).count();
        check(!body.is_empty() && cut * 20 <= body.len(), format!("{cut}/{} findings end mid-sentence", body.len()));
        check(report.page_starts.len() > 1 && body.iter().all(|f| f.source.page.is_some()), "pages missing".to_owned());
    });
    assert_eq!(rows, 4);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Source spans point at the finding in the normalised text, and pages are in order.
#[test]
fn spans_and_pages_are_consistent() {
    for rel in ["seeds/001_90445c428f418aa0.txt", "pdf/trafford-2026-08-03.pdf"] {
        let report = parse(&fixture(rel));
        assert!(report.page_starts.windows(2).all(|w| w[0] <= w[1]), "{rel}");
        for f in &report.findings {
            let span = &report.text[f.source.start..f.source.end];
            assert!(span.starts_with(&f.text[..f.text.len().min(40)]), "{rel}: {} does not start its span", f.id);
            if let Some(page) = f.source.page {
                let start = report.page_starts[page as usize - 1];
                assert!(start <= f.source.start, "{rel}: {} before its page", f.id);
            }
        }
    }
}

/// The same report parses to the same ids every time.
#[test]
fn ids_are_stable_across_parses() {
    let path = fixture("seeds/002_fbdc7d117da4b9e8.txt");
    let a: Vec<_> = parse(&path).findings.into_iter().map(|f| f.id).collect();
    let b: Vec<_> = parse(&path).findings.into_iter().map(|f| f.id).collect();
    assert_eq!(a, b);
}

/// `parse --json` of one fixture, without the machine-specific path and the classifier's
/// confidence details.
fn cli_json(path: &Path) -> Value {
    let out =
        Command::new(env!("CARGO_BIN_EXE_inspection-tracker")).args(["parse", "--json"]).arg(path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.remove("file");
    if let Some(findings) = obj.get_mut("findings").and_then(Value::as_array_mut) {
        for f in findings {
            if let Some(f) = f.as_object_mut() {
                f.remove("confidence");
                f.remove("matched_terms");
            }
        }
    }
    assert!(v["schema_version"].is_u64());
    v
}

#[test]
fn snapshots_of_every_fixture() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["seeds", "pdf"] {
        let mut here: Vec<PathBuf> = std::fs::read_dir(fixture(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        here.retain(|p| p.extension().is_some_and(|e| e == "txt" || e == "pdf"));
        here.sort();
        files.extend(here);
    }
    assert_eq!(files.len(), 9);
    for path in files {
        let name = format!("parse_{}", path.file_stem().unwrap().to_str().unwrap());
        let value = cli_json(&path);
        insta::assert_json_snapshot!(name, value);
    }
    // The summary view of one report, as a readable text snapshot.
    let out = Command::new(env!("CARGO_BIN_EXE_inspection-tracker"))
        .current_dir(fixture("seeds"))
        .args(["parse", "002_fbdc7d117da4b9e8.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("parse_summary_002", String::from_utf8_lossy(&out.stdout));
}
