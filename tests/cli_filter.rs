//! The finding filters `show` and `export` share (`--report`, `--category`, `--status`,
//! `--kind`, `--only-annotated`, `--only-overdue`, `--text`, `--important`), run as the
//! built binary in a temporary folder: the same flags list the same findings in
//! `show --json`, the `show` table and `export --all-findings`, and the export's flags
//! keep their meaning.

// Helpers outside #[test] functions too: in tests a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::process::{Command, Output};

use serde_json::Value;

const LETTER: &str = include_str!("fixtures/workspace/letter-northby.txt");

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_inspection-tracker")).current_dir(self.dir.path()).args(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    /// `show --json` with these filter flags: the (report id, finding id) pairs listed.
    fn shown(&self, filter: &[&str]) -> BTreeSet<(String, String)> {
        let out = self.ok(&[&["show", "ws.ron", "--json"], filter].concat());
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut shown = BTreeSet::new();
        for report in json["reports"].as_array().unwrap() {
            for finding in report["findings"].as_array().unwrap() {
                shown.insert((report["id"].as_str().unwrap().to_owned(), finding["id"].as_str().unwrap().to_owned()));
            }
        }
        shown
    }

    /// `export --format csv` with these flags: the (report id, finding id) pairs written.
    fn exported(&self, flags: &[&str]) -> BTreeSet<(String, String)> {
        self.ok(&[&["export", "ws.ron", "--format", "csv", "-o", "out.csv"], flags].concat());
        let mut reader = csv::Reader::from_path(self.dir.path().join("out.csv")).unwrap();
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (report, finding) = (column("Report ID"), column("Finding ID"));
        reader.records().map(|r| r.unwrap()).map(|r| (r[report].to_owned(), r[finding].to_owned())).collect()
    }
}

/// The Northby letter's workspace with three findings annotated: the first with an action
/// in progress, owned by the Head of MASH and long overdue; the second important, with a
/// note; the third with a closed action. Returns the report id and the finding ids.
fn annotated_northby() -> (Dir, String, Vec<String>) {
    let dir = Dir { dir: tempfile::tempdir().unwrap() };
    std::fs::create_dir_all(dir.dir.path().join("reports")).unwrap();
    std::fs::write(dir.dir.path().join("reports/northby.txt"), LETTER).unwrap();
    dir.ok(&["new", "ws.ron", "reports/northby.txt"]);
    let all = dir.shown(&[]);
    let report = all.iter().next().unwrap().0.clone();
    let ids: Vec<String> = {
        let out = dir.ok(&["show", "ws.ron", "--json"]);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["reports"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(ids.len() >= 4, "the letter has findings to filter");
    let set = |id: &str, flags: &[&str]| dir.ok(&[&["set", "ws.ron", id], flags].concat());
    // On a recommendation or priority action, status and due date go to its action
    // (added here by --action), and the filters read them from there.
    set(
        &ids[0],
        &[
            "--action",
            "Audit MASH decisions",
            "--status",
            "in_progress",
            "--owner",
            "Head of MASH",
            "--due",
            "2020-01-31",
        ],
    );
    set(&ids[1], &["--important", "true", "--note", "Escalate to the improvement board"]);
    set(&ids[2], &["--action", "Report to the board", "--status", "closed"]);
    (dir, report, ids)
}

fn pairs(report: &str, ids: &[&String]) -> BTreeSet<(String, String)> {
    ids.iter().map(|id| (report.to_owned(), (*id).clone())).collect()
}

#[test]
fn the_same_flags_list_the_same_findings_in_show_and_export() {
    let (dir, report, ids) = annotated_northby();
    let all = dir.shown(&[]);
    assert_eq!(all.len(), ids.len(), "no flag: show lists every finding");
    let kind = {
        let out = dir.ok(&["show", "ws.ron", "--json"]);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["reports"][0]["findings"][0]["kind"].as_str().unwrap().to_owned()
    };
    let filters: Vec<Vec<&str>> = vec![
        vec!["--status", "in_progress"],
        vec!["--status", "in_progress", "--status", "closed"],
        vec!["--only-overdue"],
        vec!["--only-annotated"],
        vec!["--important"],
        vec!["--text", "head of mash"],
        vec!["--text", "IMPROVEMENT board"],
        vec!["--kind", &kind],
        vec!["--report", &report, "--status", "not_started"],
    ];
    for filter in &filters {
        let shown = dir.shown(filter);
        assert!(!shown.is_empty() && shown.len() < all.len(), "{filter:?} narrows: {shown:?}");
        assert_eq!(dir.exported(&[&["--all-findings"], filter.as_slice()].concat()), shown, "{filter:?}");
    }
    assert_eq!(dir.shown(&["--text", "head of mash"]), pairs(&report, &[&ids[0]]));
    assert_eq!(dir.shown(&["--important"]), pairs(&report, &[&ids[1]]));
    assert!(dir.shown(&["--text", "no such words anywhere"]).is_empty());
}

#[test]
fn the_table_lists_only_the_findings_the_flags_keep() {
    let (dir, _, ids) = annotated_northby();
    let table = String::from_utf8(dir.ok(&["show", "ws.ron", "--status", "closed"]).stdout).unwrap();
    let listed: Vec<&String> =
        ids.iter().filter(|id| table.lines().any(|l| l.trim_start().starts_with(id.as_str()))).collect();
    assert_eq!(listed, vec![&ids[2]], "{table}");
    let whole = String::from_utf8(dir.ok(&["show", "ws.ron"]).stdout).unwrap();
    assert!(ids.iter().all(|id| whole.lines().any(|l| l.trim_start().starts_with(id.as_str()))), "{whole}");
}

#[test]
fn the_export_flags_keep_their_meaning() {
    let (dir, report, ids) = annotated_northby();
    assert_eq!(dir.exported(&["--status", "in_progress", "--only-overdue"]), pairs(&report, &[&ids[0]]));
    assert_eq!(dir.exported(&["--status", "closed", "--status", "in_progress"]), pairs(&report, &[&ids[0], &ids[2]]));
    assert_eq!(dir.exported(&["--only-annotated"]), pairs(&report, &[&ids[0], &ids[1], &ids[2]]));
    // Without --all-findings the plan holds actions and annotated findings only.
    let plan = dir.exported(&[]);
    assert!(plan.is_subset(&dir.exported(&["--all-findings"])));
    assert!(pairs(&report, &[&ids[0], &ids[1], &ids[2]]).is_subset(&plan));
    assert_eq!(dir.exported(&["--report", &report]), plan);
}

#[test]
fn unknown_filter_values_exit_2_and_list_the_valid_ones() {
    let (dir, report, _) = annotated_northby();
    for command in [&["show", "ws.ron"][..], &["export", "ws.ron", "--format", "csv", "-o", "bad.csv"]] {
        for (flags, named) in [
            (["--report", "nope"], report.as_str()),
            (["--category", "cats"], "front_door"),
            (["--status", "done"], "in_progress"),
            (["--kind", "wish"], "recommendation"),
        ] {
            let out = dir.run(&[command, &flags[..]].concat());
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command:?} {flags:?}: {err}");
            assert!(err.contains(flags[1]) && err.contains(named), "{command:?} {flags:?}: {err}");
        }
    }
    assert!(!dir.dir.path().join("bad.csv").exists());
}
