//! The workspace subcommands (`new`, `add`, `show`, `set`), run as the built binary in a
//! temporary folder: output, exit codes, and files left untouched on error.

// Helpers outside #[test] functions too: in tests a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const LETTER: &str = include_str!("fixtures/workspace/letter-northby.txt");

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Self {
        Self { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, contents: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_inspection-tracker")).current_dir(self.dir.path()).args(args).output().unwrap()
    }

    fn show_json(&self, ws: &str) -> Value {
        let out = self.run(&["show", ws, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// A workspace made from the Northby letter; returns the report id and the finding ids.
/// The id of the first finding in `ws.ron` that is (or, with `false`, is not) a
/// recommendation or priority action: a plan item, whose plan lives on its actions.
fn first_finding(dir: &Dir, plan_item: bool) -> String {
    let json = dir.show_json("ws.ron");
    let findings = json["reports"][0]["findings"].as_array().unwrap();
    let is_plan_item = |f: &&Value| matches!(f["kind"].as_str(), Some("priority_action" | "recommendation"));
    let found = findings.iter().find(|f| is_plan_item(f) == plan_item).unwrap();
    found["id"].as_str().unwrap().to_owned()
}

fn northby(dir: &Dir) -> (String, Vec<String>) {
    dir.write("reports/northby.txt", LETTER.as_bytes());
    let out = dir.run(&["new", "ws.ron", "reports/northby.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = dir.show_json("ws.ron");
    let report = &json["reports"][0];
    let ids = report["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_owned()).collect();
    (report["id"].as_str().unwrap().to_owned(), ids)
}

#[test]
fn new_then_show_as_table_and_json() {
    let dir = Dir::new();
    let (report, ids) = northby(&dir);
    assert_eq!(report, "northby-focused-visit-2026-01-12");
    assert!(ids.len() >= 3, "{ids:?}");
    let text = std::fs::read_to_string(dir.path("ws.ron")).unwrap();
    assert!(text.starts_with("(\n  schema_version: 3,"));

    let out = dir.run(&["show", "ws.ron"]);
    assert_eq!(out.status.code(), Some(0));
    let table = stdout(&out);
    assert!(table.contains("1 report(s)"), "{table}");
    assert!(table.contains("northby-focused-visit-2026-01-12  Northby"), "{table}");
    assert!(table.contains(&ids[0]), "{table}");

    let json = dir.show_json("ws.ron");
    let r = &json["reports"][0];
    for field in [
        "kind",
        "local_authority",
        "letter_date",
        "visit_start",
        "visit_end",
        "lead_inspector",
        "overall_judgement",
        "judgements",
    ] {
        assert!(r.get(field).is_some(), "report lacks {field}: {r}");
    }
    assert_eq!(r["kind"], "focused_visit");
    assert_eq!(r["letter_date"], "2026-01-12");
    let f = &r["findings"][0];
    for field in
        ["id", "kind", "section", "number", "text", "category", "polarity", "page", "effective_category", "annotation"]
    {
        assert!(f.get(field).is_some(), "finding lacks {field}: {f}");
    }
    assert_eq!(f["annotation"], Value::Null);
    assert_eq!(f["effective_category"], f["category"]);
}

#[test]
fn new_refuses_to_overwrite() {
    let dir = Dir::new();
    let existing = dir.write("ws.ron", b"precious");
    dir.write("northby.txt", LETTER.as_bytes());
    let out = dir.run(&["new", "ws.ron", "northby.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(read(&existing), b"precious");
}

#[test]
fn set_applies_every_field_and_records_history() {
    let dir = Dir::new();
    let (report, _) = northby(&dir);
    // A finding that is not a recommendation keeps its plan on its annotation.
    let id = first_finding(&dir, false);
    let qualified = format!("{report}/{id}");
    let out = dir.run(&[
        "set",
        "ws.ron",
        &qualified,
        "--category",
        "workforce",
        "--status",
        "in_progress",
        "--rag",
        "amber",
        "--owner",
        "Jo Bloggs",
        "--due",
        "2020-03-31",
        "--action",
        "Audit plans",
        "--note",
        "Première note ✓",
        "--update",
        "Audit started",
        "--evidence",
        "https://example.org/audit",
        "--important",
        "true",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path("ws.ron.bak").exists(), "the previous version is kept");
    let out = dir.run(&["set", "ws.ron", &id, "--update", "Second update", "--evidence", "second link"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let json = dir.show_json("ws.ron");
    let finding = json["reports"][0]["findings"].as_array().unwrap().iter().find(|f| f["id"] == id.as_str()).unwrap();
    let a = &finding["annotation"];
    assert_eq!(finding["effective_category"], "workforce");
    assert_eq!(a["status"], "in_progress");
    assert_eq!(a["rag"], "amber");
    assert_eq!(a["owner"], "Jo Bloggs");
    assert_eq!(a["due_date"], "2020-03-31");
    assert_eq!(a["overdue"], true);
    assert_eq!(a["planned_action"], "Audit plans");
    assert_eq!(a["notes"], "Première note ✓");
    assert_eq!(a["important"], true);
    assert_eq!(a["evidence"], serde_json::json!(["https://example.org/audit", "second link"]));
    let updates: Vec<&str> = a["updates"].as_array().unwrap().iter().map(|u| u["text"].as_str().unwrap()).collect();
    assert_eq!(updates, ["Audit started", "Second update"]);
    let fields: Vec<&str> =
        json["change_log"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(fields.len(), 12, "{fields:?}");
    assert_eq!(json["reports"][0]["annotated_count"], 1);
}

#[test]
fn set_cancelled_with_a_reason_and_back_to_automatic_category() {
    let dir = Dir::new();
    northby(&dir);
    let id = first_finding(&dir, false);
    let out = dir.run(&["set", "ws.ron", &id, "--status", "cancelled", "--reason", "Merged with another action"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = dir.run(&["set", "ws.ron", &id, "--category", "workforce"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = dir.run(&["set", "ws.ron", &id, "--category", "auto"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = dir.show_json("ws.ron");
    let findings = json["reports"][0]["findings"].as_array().unwrap();
    let f = findings.iter().find(|f| f["id"] == id.as_str()).unwrap();
    assert_eq!(f["annotation"]["cancel_reason"], "Merged with another action");
    assert_eq!(f["effective_category"], f["category"]);
}

#[test]
fn set_on_a_recommendation_plans_through_its_action() {
    let dir = Dir::new();
    northby(&dir);
    let id = first_finding(&dir, true);
    let plan = |dir: &Dir| {
        let json = dir.show_json("ws.ron");
        let findings = json["reports"][0]["findings"].as_array().unwrap();
        findings.iter().find(|f| f["id"] == id.as_str()).unwrap().clone()
    };
    // Without an action there is nowhere for a status to go, and the error says what to do.
    let out = dir.run(&["set", "ws.ron", &id, "--status", "in_progress"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--action TEXT") && stderr(&out).contains("action add"), "{}", stderr(&out));
    // --action adds the one action; the recommendation's own lead and RAG stay its own.
    let out = dir.run(&[
        "set",
        "ws.ron",
        &id,
        "--action",
        "Audit decisions\nMonthly, by the service manager",
        "--status",
        "in_progress",
        "--due",
        "2020-03-31",
        "--update",
        "Audit started",
        "--owner",
        "Jo Bloggs",
        "--rag",
        "amber",
        "--author",
        "Sam",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let f = plan(&dir);
    let action = &f["actions"][0];
    assert_eq!(f["actions"].as_array().unwrap().len(), 1);
    assert_eq!(
        (&action["title"], &action["description"]),
        (&"Audit decisions".into(), &"Monthly, by the service manager".into())
    );
    assert_eq!(
        (&action["status"], &action["due"], &action["overdue"]),
        (&"in_progress".into(), &"2020-03-31".into(), &true.into())
    );
    assert_eq!(action["updates"][0]["text"], "Audit started");
    assert_eq!(action["created_by"], "Sam");
    assert_eq!((&f["annotation"]["owner"], &f["annotation"]["rag"]), (&"Jo Bloggs".into(), &"amber".into()));
    assert_eq!(f["annotation"]["status"], "not_started", "nothing of the plan left on the annotation");
    // With its one action, the next set changes that action: a due date moved needs a reason.
    let out = dir.run(&["set", "ws.ron", &id, "--due", "2020-06-30"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = dir.run(&["set", "ws.ron", &id, "--due", "2020-06-30", "--reason", "Waiting for the new system"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(plan(&dir)["actions"][0]["original_due"], "2020-03-31");
    // The findings filter reads the status from the action.
    let out = dir.run(&["show", "ws.ron", "--json", "--status", "in_progress"]);
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed: Vec<&str> =
        shown["reports"][0]["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(listed, [id.as_str()]);
    // With two actions, which one is meant is not guessed.
    let out = dir.run(&["action", "add", "ws.ron", &id, "--title", "Second"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = dir.run(&["set", "ws.ron", &id, "--status", "closed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2 actions") && stderr(&out).contains(".1, "), "{}", stderr(&out));
}

#[test]
fn bad_set_values_exit_2_list_valid_ids_and_leave_the_file_untouched() {
    let dir = Dir::new();
    let (_, ids) = northby(&dir);
    let ws = dir.path("ws.ron");
    let before = read(&ws);
    let cases: &[(&[&str], &str)] = &[
        (&["--status", "done"], "not_started, in_progress, awaiting_evidence, verified, closed, on_hold, cancelled"),
        (&["--rag", "purple"], "red, amber, green, blue"),
        (&["--category", "astrology"], "care_leavers"),
        (&["--due", "31/03/2026"], "YYYY-MM-DD"),
        (&["--status", "in_progress", "--reason", "why"], "--reason is only for --status cancelled"),
        (&[], "nothing to set"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["set", "ws.ron", ids[0].as_str()];
        args.extend_from_slice(extra);
        let out = dir.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("error: ") && err.contains(expected), "{args:?}: {err}");
        assert_eq!(read(&ws), before, "{args:?} changed the file");
    }
    let out = dir.run(&["set", "ws.ron", "no-such-finding", "--rag", "red"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("'no-such-finding'"), "{}", stderr(&out));
    let out = dir.run(&["set", "missing.ron", &ids[0], "--rag", "red"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.ron"), "{}", stderr(&out));
    assert!(!dir.path("missing.ron").exists());
    assert_eq!(read(&ws), before);
    assert!(!dir.path("ws.ron.bak").exists(), "nothing was saved, so no backup either");
}

#[test]
fn add_a_folder_recursively_continues_past_bad_files() {
    let dir = Dir::new();
    let out = dir.run(&["new", "ws.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir.write("inbox/northby.txt", LETTER.as_bytes());
    dir.write("inbox/deeper/southby.md", LETTER.replace("Northby", "Southby").as_bytes());
    dir.write("inbox/deeper/noise.txt", &(0..4096u32).map(|i| (i * 7919 % 256) as u8).collect::<Vec<_>>());
    dir.write("inbox/empty.pdf", b"");
    dir.write("inbox/picture.png", b"not a report, not looked at");
    let out = dir.run(&["add", "ws.ron", "inbox"]);
    assert_eq!(out.status.code(), Some(1), "completed with warnings: {}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("error: ").count(), 2, "{err}");
    assert!(err.contains("noise.txt") && err.contains("empty.pdf"), "{err}");
    assert!(!err.contains("picture.png"), "{err}");
    let json = dir.show_json("ws.ron");
    let mut names: Vec<&str> = json["reports"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(names, ["northby-focused-visit-2026-01-12", "southby-focused-visit-2026-01-12"]);

    // The same files again change nothing.
    let before = read(&dir.path("ws.ron"));
    let out = dir.run(&["add", "ws.ron", "inbox/northby.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("unchanged northby-focused-visit-2026-01-12"), "{}", stdout(&out));
    assert_eq!(read(&dir.path("ws.ron")), before);
}

#[test]
fn reimport_keeps_annotations_and_lists_vanished_findings() {
    let dir = Dir::new();
    let (report, ids) = northby(&dir);
    let json = dir.show_json("ws.ron");
    let findings = json["reports"][0]["findings"].as_array().unwrap().clone();
    let supervision = findings.iter().find(|f| f["text"].as_str().unwrap().starts_with("Supervision")).unwrap();
    let supervision_id = supervision["id"].as_str().unwrap();
    let kept_id = ids.iter().find(|id| id.as_str() != supervision_id).unwrap();
    for id in [supervision_id, kept_id.as_str()] {
        let out = dir.run(&["set", "ws.ron", id, "--owner", "Sam"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    // The authority's file changes: one recommendation is gone.
    dir.write(
        "reports/northby.txt",
        LETTER.replace("- Supervision of social workers in the front door.\n", "").as_bytes(),
    );
    let out = dir.run(&["add", "ws.ron", "reports/northby.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.contains(&format!("re-imported {report}")), "{printed}");
    assert!(printed.contains(supervision_id), "{printed}");
    let json = dir.show_json("ws.ron");
    let r = &json["reports"][0];
    assert_eq!(r["id"], report.as_str());
    assert_eq!(r["findings"].as_array().unwrap().len(), ids.len() - 1);
    assert_eq!(r["orphaned_annotations"][0]["finding"], supervision_id);
    assert_eq!(r["orphaned_annotations"][0]["annotation"]["owner"], "Sam");
    let kept = r["findings"].as_array().unwrap().iter().find(|f| f["id"] == kept_id.as_str()).unwrap();
    assert_eq!(kept["annotation"]["owner"], "Sam");
}

#[test]
fn damaged_and_newer_files_are_refused_and_left_alone() {
    let dir = Dir::new();
    northby(&dir);
    let good = std::fs::read_to_string(dir.path("ws.ron")).unwrap();
    let cut = dir.write("cut.ron", &good.as_bytes()[..good.len() / 3]);
    let newer = dir.write("newer.ron", good.replacen("schema_version: 3", "schema_version: 9", 1).as_bytes());
    for (path, expected) in [(&cut, "line "), (&newer, "schema 9; this build reads up to 3")] {
        let before = read(path);
        let name = path.file_name().unwrap().to_str().unwrap();
        for args in [vec!["show", name], vec!["set", name, "x", "--rag", "red"], vec!["add", name, "reports"]] {
            let out = dir.run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr(&out);
            assert!(err.contains(expected) && err.trim_end().ends_with(name), "{args:?}: {err}");
            assert_eq!(read(path), before);
        }
    }
}

#[test]
fn unknown_fields_are_a_warning_not_an_error() {
    let dir = Dir::new();
    northby(&dir);
    let text = std::fs::read_to_string(dir.path("ws.ron")).unwrap();
    dir.write("extra.ron", text.replacen("  reports: [", "  theme: \"dark\",\n  reports: [", 1).as_bytes());
    let out = dir.run(&["show", "extra.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.starts_with("warning: ") && err.contains(": theme: ") && err.trim_end().ends_with("extra.ron"),
        "{err}"
    );
}

// ---------------------------------------------------------------- action plans

/// The recommendations of the Northby letter, from `show --json`.
fn recommendations(json: &Value) -> Vec<String> {
    json["reports"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "recommendation")
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn actions_are_added_revised_and_updated_with_their_authors() {
    let dir = Dir::new();
    let (report, _) = northby(&dir);
    let recs = recommendations(&dir.show_json("ws.ron"));
    assert!(!recs.is_empty(), "the letter has recommendations");
    let add = |title: &str, extra: &[&str]| {
        let mut args = vec!["action", "add", "ws.ron", recs[0].as_str(), "--title", title];
        args.extend_from_slice(extra);
        dir.run(&args)
    };
    let out = add(
        "Audit care plans",
        &["--owner", "Head of service", "--due", "2026-03-31", "--measure", "Plans good", "--author", "Sam"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.starts_with("added act-") && printed.contains(&format!("{report}/R1.1")), "{printed}");
    let out = add("Train the reviewing officers", &["--author", "Sam"]);
    assert!(stdout(&out).contains("/R1.2"), "{}", stdout(&out));

    // Moving a due date needs the reason; the file is left as it was without one.
    let before = read(&dir.path("ws.ron"));
    let out = dir.run(&["action", "set", "ws.ron", "R1.1", "--due", "2026-05-29"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("needs the reason (--reason TEXT)"), "{}", stderr(&out));
    assert_eq!(read(&dir.path("ws.ron")), before);
    let out = dir.run(&["action", "set", "ws.ron", "R1.2", "--status", "cancelled"]);
    assert!(stderr(&out).contains("cancelling an action needs a reason"), "{}", stderr(&out));

    let out = dir.run(&[
        "action",
        "set",
        "ws.ron",
        "R1.1",
        "--due",
        "2026-05-29",
        "--reason",
        "Audit tool late",
        "--update",
        "First 20 audited\nsecond line",
        "--status",
        "in_progress",
        "--rag",
        "amber",
        "--evidence",
        "https://x.example/a",
        "--author",
        "Alex",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let json = dir.show_json("ws.ron");
    let rec = json["reports"][0]["findings"].as_array().unwrap().iter().find(|f| f["id"] == recs[0].as_str()).unwrap();
    assert_eq!(rec["plan_ref"], "R1");
    assert_eq!(rec["progress"]["actions"], 2);
    let actions = rec["actions"].as_array().unwrap();
    let first = &actions[0];
    assert_eq!((first["ref"].as_str(), first["title"].as_str()), (Some("R1.1"), Some("Audit care plans")));
    assert_eq!((first["lead"].as_str(), first["created_by"].as_str()), (Some("Head of service"), Some("Sam")));
    assert_eq!((first["due"].as_str(), first["original_due"].as_str()), (Some("2026-05-29"), Some("2026-03-31")));
    let revision = &first["due_revisions"][0];
    assert_eq!((revision["reason"].as_str(), revision["author"].as_str()), (Some("Audit tool late"), Some("Alex")));
    let update = &first["updates"][0];
    assert_eq!(
        (update["text"].as_str(), update["author"].as_str()),
        (Some("First 20 audited\nsecond line"), Some("Alex"))
    );
    assert_eq!(first["measure"]["measure"], "Plans good");
    assert_eq!(first["evidence"][0], "https://x.example/a");
    assert_eq!(actions[1]["ref"], "R1.2");
    let authored: Vec<&str> = json["change_log"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["action"] == first["id"])
        .map(|c| c["author"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(authored, ["Sam", "Alex", "Alex", "Alex", "Alex", "Alex"], "every change names who made it");
    assert!(json["reports"][0]["plan"].is_object());

    // The readable table lists the actions under their recommendation.
    let table = stdout(&dir.run(&["show", "ws.ron"]));
    assert!(
        table.contains("R1.1") && table.contains("Audit care plans") && table.contains("Head of service"),
        "{table}"
    );
}

#[test]
fn actions_only_go_on_recommendations_and_unknown_ones_are_named() {
    let dir = Dir::new();
    let (_, ids) = northby(&dir);
    let json = dir.show_json("ws.ron");
    let recs = recommendations(&json);
    let findings = json["reports"][0]["findings"].as_array().unwrap();
    let plain =
        ids.iter().find(|id| findings.iter().any(|f| f["id"] == id.as_str() && f["kind"] == "finding")).unwrap();
    let out = dir.run(&["action", "add", "ws.ron", plain, "--title", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a recommendation or priority action"), "{}", stderr(&out));
    let out = dir.run(&["action", "set", "ws.ron", "R7.3", "--title", "x"]);
    assert!(stderr(&out).contains("no action has the id or reference 'R7.3'"), "{}", stderr(&out));
    let out = dir.run(&["action", "add", "ws.ron", &recs[0], "--title", "  "]);
    assert!(stderr(&out).contains("needs a title"), "{}", stderr(&out));
    let out = dir.run(&["action", "add", "ws.ron", &recs[0], "--title", "ok", "--due", "31/03/2026"]);
    assert!(stderr(&out).contains("invalid due date '31/03/2026'"), "{}", stderr(&out));
}
