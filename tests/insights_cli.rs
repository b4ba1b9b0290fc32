//! `inspection-tracker insights`, run as the built binary on a workspace of sample reports
//! (Norfolk's five full inspections 2013–2026, Suffolk 2019, Cambridgeshire's inspection
//! and focused visit, Slough's two focused visits, Trafford 2026): the JSON's shape (an insta snapshot,
//! and the fields the README promises checked by name), and the national summary workbook
//! read back with calamine.

// Helpers outside #[test] functions too: in tests a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

use calamine::{Data, Reader as _, Xlsx};
use serde_json::Value;

const REPORTS: &[&str] = &[
    "corpus/norfolk-2013-08-16.pdf",
    "corpus/norfolk-2015-10-20.pdf",
    "corpus/norfolk-2018-01-19.pdf",
    "pdf/norfolk-2023-01-13.pdf",
    "corpus/norfolk-2026-05-18.pdf",
    "pdf/suffolk-2019-05-21.pdf",
    "corpus/cambridgeshire-2024-05-16.pdf",
    "corpus/cambridgeshire-focused-visit-2025-08-29.pdf",
    "corpus/slough-focused-visit-2022-02-22.pdf",
    "corpus/slough-focused-visit-2026-01-12.pdf",
    "pdf/trafford-2026-08-03.pdf",
];

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_inspection-tracker")).current_dir(dir).args(args).output().unwrap()
}

/// The sample workspace, made once for every test here.
static WORKSPACE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files: Vec<String> = REPORTS.iter().map(|r| fixtures.join(r).display().to_string()).collect();
    let mut args = vec!["new", "ws.ron"];
    args.extend(files.iter().map(String::as_str));
    let out = run(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let path = dir.path().join("ws.ron");
    (dir, path)
});

fn insights_json() -> Value {
    let (dir, ws) = &*WORKSPACE;
    let out = run(dir.path(), &["insights", ws.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn insights_json_has_the_promised_shape() {
    let json = insights_json();
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&json), ["authorities", "repeats", "themes"]);
    let authorities = json["authorities"].as_array().unwrap();
    let names: Vec<&str> = authorities.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Cambridgeshire", "Norfolk", "Slough", "Suffolk", "Trafford"]);
    for a in authorities {
        assert_eq!(keys(a), ["code", "latest_full_inspection", "name", "region", "reports"]);
        for r in a["reports"].as_array().unwrap() {
            assert_eq!(
                keys(r),
                ["id", "judgements", "kind", "letter_date", "overall_judgement", "visit_end", "visit_start"]
            );
        }
    }
    let norfolk = &authorities[1];
    assert_eq!((norfolk["code"].as_str(), norfolk["region"].as_str()), (Some("926"), Some("East of England")));
    let visits: Vec<&str> =
        norfolk["reports"].as_array().unwrap().iter().map(|r| r["visit_end"].as_str().unwrap()).collect();
    assert_eq!(visits, ["2013-07-12", "2015-07-30", "2017-11-24", "2022-11-18", "2026-02-27"]);
    let latest = &norfolk["latest_full_inspection"];
    assert_eq!(keys(latest), ["judgements", "overall_judgement", "report", "visit_end"]);
    assert_eq!(latest["visit_end"], "2026-02-27");
    assert_eq!(latest["overall_judgement"], "outstanding");
    // Trafford's 2026 report gives no overall grade: null.
    let trafford = &authorities[4]["latest_full_inspection"];
    assert_eq!(trafford["visit_end"], "2026-06-19");
    assert_eq!(trafford["overall_judgement"], Value::Null);
    assert!(!trafford["judgements"].as_array().unwrap().is_empty());
    // Slough has only focused visits.
    assert_eq!(authorities[2]["latest_full_inspection"], Value::Null);
    assert_eq!(authorities[3]["latest_full_inspection"]["overall_judgement"], "outstanding");

    let repeats = json["repeats"].as_array().unwrap();
    assert!(!repeats.is_empty());
    for r in repeats {
        assert_eq!(keys(r), ["authority", "recommendation", "repeats", "similarity"]);
        assert_eq!(keys(&r["recommendation"]), ["finding", "report"]);
        let similarity = r["similarity"].as_f64().unwrap();
        assert!((0.22..=1.0).contains(&similarity), "{similarity}");
        assert_ne!(r["recommendation"]["report"], r["repeats"]["report"]);
    }
    for t in json["themes"].as_array().unwrap() {
        assert_eq!(keys(t), ["category", "count", "overall_grade"]);
    }
    insta::assert_json_snapshot!("insights_json", json);
}

#[test]
fn the_readable_table_lists_each_authority_and_the_repeats() {
    let (dir, ws) = &*WORKSPACE;
    let out = run(dir.path(), &["insights", ws.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l.starts_with("Norfolk") && l.contains("2026-02-27")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("Suffolk") && l.contains("Outstanding")), "{text}");
    assert!(text.contains("recommendation(s) raised before"), "{text}");
}

fn cell(sheet: &calamine::Range<Data>, row: usize, col: usize) -> String {
    sheet.get((row, col)).map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn the_national_workbook_reads_back() {
    let (dir, ws) = &*WORKSPACE;
    let out = run(dir.path(), &["insights", ws.to_str().unwrap(), "--format", "xlsx", "-o", "national.xlsx"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("national.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["Authorities", "Repeats", "Themes", "Grades"]);

    let sheet = book.worksheet_range("Authorities").unwrap();
    let header: Vec<String> = (0..sheet.width()).map(|c| cell(&sheet, 0, c)).collect();
    assert_eq!(
        &header[..7],
        ["Code", "Authority", "Region", "Type", "Reports", "Latest full inspection", "Overall effectiveness"]
    );
    assert_eq!(&header[header.len() - 3..], ["Latest focused visit", "Latest JTAI", "Repeats"]);
    assert_eq!(sheet.height(), 6, "a header and one row per authority");
    let row = |name: &str| (1..sheet.height()).find(|&r| cell(&sheet, r, 1) == name).unwrap();
    let suffolk = row("Suffolk");
    assert_eq!(cell(&sheet, suffolk, 0), "935");
    assert_eq!(cell(&sheet, suffolk, 3), "County");
    assert_eq!(cell(&sheet, suffolk, 6), "Outstanding");
    let cambridgeshire = row("Cambridgeshire");
    assert_eq!(cell(&sheet, cambridgeshire, 6), "Requires improvement");
    // Every area column of Cambridgeshire's ILACS inspection is filled with a grade label.
    let leaders = header.iter().position(|h| h.starts_with("The impact of leaders")).unwrap();
    assert!(!cell(&sheet, cambridgeshire, leaders).is_empty());
    let norfolk = row("Norfolk");
    assert_eq!(cell(&sheet, norfolk, 4), "5");
    let repeats_col = header.len() - 1;

    let repeats = book.worksheet_range("Repeats").unwrap();
    assert_eq!(cell(&repeats, 0, 2), "Recommendation");
    let json = insights_json();
    assert_eq!(repeats.height() - 1, json["repeats"].as_array().unwrap().len());
    let norfolk_repeats = (1..repeats.height()).filter(|&r| cell(&repeats, r, 0) == "Norfolk").count();
    assert_eq!(cell(&sheet, norfolk, repeats_col), norfolk_repeats.to_string());

    let themes = book.worksheet_range("Themes").unwrap();
    assert_eq!(cell(&themes, 0, 0), "Overall grade");
    let total: f64 = (1..themes.height()).map(|r| cell(&themes, r, 2).parse::<f64>().unwrap()).sum();
    let json_total: u64 = json["themes"].as_array().unwrap().iter().map(|t| t["count"].as_u64().unwrap()).sum();
    assert_eq!(total as u64, json_total);
}

#[test]
fn xlsx_without_a_file_or_an_unknown_format_is_an_error() {
    let (dir, ws) = &*WORKSPACE;
    let ws = ws.to_str().unwrap();
    let out = run(dir.path(), &["insights", ws, "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(dir.path(), &["insights", ws, "--format", "pdf", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown insights format 'pdf'"));
}
