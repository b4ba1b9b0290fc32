//! Every sample report and letter is tied to its council: the registry's code (the label's
//! `la_code`) and the name as printed (compared as `score_corpus.py` compares it), parsed
//! through the library and through `new WS.ron DIR` then `show --json`.
//!
//! The PDFs are the sixteen sample reports and 32 sample letters of the project
//! (`tests/fixtures/pdf/` and `tests/fixtures/corpus/`, listed in
//! `tests/fixtures/corpus/authorities.csv`).

// Helpers outside #[test] functions too: in tests a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use inspection_tracker::classify::Classifier;
use rayon::prelude::*;
use regex::Regex;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

struct Row {
    file: String,
    la_code: String,
    local_authority: String,
    kind: String,
}

fn rows() -> Vec<Row> {
    let mut reader = csv::Reader::from_path(fixtures().join("corpus/authorities.csv")).unwrap();
    let rows: Vec<Row> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Row {
                file: r[0].to_owned(),
                la_code: r[1].to_owned(),
                local_authority: r[2].to_owned(),
                kind: r[3].to_owned(),
            }
        })
        .collect();
    assert_eq!(rows.len(), 48, "16 reports and 32 letters");
    rows
}

/// `score_corpus.py`'s comparison key: the name without "London Borough of", "Council" and
/// the like.
fn la_key(name: &str) -> String {
    let noise = Regex::new(
        r"\b(london borough of|royal borough of|metropolitan borough of|borough of|city of|county of|council of|unitary authority|children's services|metropolitan district council|metropolitan borough council|metropolitan council|district council|borough council|city council|county council|council|children and families trust|children's trust|the|city|borough|county)\b",
    )
    .unwrap();
    let lower = name.replace('\u{2019}', "'").replace('&', " and ").to_lowercase();
    noise.replace_all(&lower, " ").chars().filter(char::is_ascii_lowercase).collect()
}

#[test]
fn every_sample_report_and_letter_gets_its_council() {
    let classifier = Classifier::default_taxonomy();
    let rows = rows();
    let results: Vec<(String, Option<String>, Option<String>)> = rows
        .par_iter()
        .map(|row| {
            let report = inspection_tracker::read_report(&fixtures().join(&row.file), &classifier).unwrap();
            (row.file.clone(), report.meta.authority.map(|c| c.0), report.meta.local_authority)
        })
        .collect();
    let mut failures = Vec::new();
    let mut councils: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (row, (file, code, printed)) in rows.iter().zip(&results) {
        if row.kind == "unknown" {
            continue; // The board review names a council but is no inspection of one.
        }
        match code {
            Some(code) if *code == row.la_code => {}
            other => failures.push(format!("{file}: authority {other:?}, want {}", row.la_code)),
        }
        if la_key(printed.as_deref().unwrap_or("")) != la_key(&row.local_authority) {
            failures.push(format!("{file}: printed name {printed:?}, want {:?}", row.local_authority));
        }
        if let Some(code) = code {
            let name = inspection_tracker::model::Registry::builtin().get(code).unwrap().name.clone();
            councils.entry(code.clone()).or_default().insert(name);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // One code, one council; and 48 files from 38 councils.
    assert!(councils.values().all(|names| names.len() == 1));
    assert_eq!(
        councils.len(),
        rows.iter().filter(|r| r.kind != "unknown").map(|r| &r.la_code).collect::<BTreeSet<_>>().len()
    );
}

#[test]
fn a_workspace_of_many_councils_shows_each_report_with_its_authority() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_inspection-tracker"))
        .arg("new")
        .arg(&ws)
        .arg(fixtures().join("corpus"))
        .arg(fixtures().join("pdf"))
        .output()
        .unwrap();
    assert!(ws.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let out =
        Command::new(env!("CARGO_BIN_EXE_inspection-tracker")).arg("show").arg(&ws).arg("--json").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = shown["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 48);
    let want: BTreeMap<String, String> = rows()
        .into_iter()
        .map(|r| (Path::new(&r.file).file_name().unwrap().to_string_lossy().into_owned(), r.la_code))
        .collect();
    let id_form = Regex::new(
        r"^[a-z0-9-]+-(full-inspection|focused-visit|jtai|monitoring-visit|unknown)(-\d{4}-\d{2}-\d{2})?(-\d+)?$",
    )
    .unwrap();
    let mut ids = BTreeSet::new();
    for r in reports {
        let file = Path::new(r["source_path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
        let authority = &r["authority"];
        assert!(authority.is_object(), "{file}: no authority");
        let code = authority["code"].as_str().unwrap();
        if !want[&file].is_empty() {
            assert_eq!(code, want[&file], "{file}");
        }
        assert!(authority["gss"].as_str().unwrap().starts_with('E'), "{file}");
        assert!(!authority["region"].as_str().unwrap().is_empty(), "{file}");
        // Lists show the registry's name; the printed one stays beside it.
        let name = authority["name"].as_str().unwrap();
        assert!(r["name"].as_str().unwrap().starts_with(name), "{file}: {}", r["name"]);
        assert!(r["local_authority"].is_string(), "{file}");
        let id = r["id"].as_str().unwrap();
        assert!(id_form.is_match(id), "{file}: id {id}");
        assert!(ids.insert(id.to_owned()), "{file}: id {id} twice");
    }
    for id in [
        "dorset-full-inspection-2025-03-21",
        "kingston-upon-hull-focused-visit-2025-08-28",
        "greenwich-jtai-2018-05-09",
    ] {
        assert!(ids.contains(id), "{id} not in {ids:?}");
    }
}
