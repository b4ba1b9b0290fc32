//! Unit tests of the workspace: edits and their inverses, history, re-import, ids.

use std::path::Path;

use super::migrate;
use super::test_support::*;
use super::*;
use crate::model::{Date, ProgressUpdate, Rag, Status};

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

/// A workspace with two reports: Southwark (f1, f2, f3) and York (f1, g2).
fn sample() -> (Workspace, ReportId, ReportId) {
    let mut ws = Workspace::new(taxonomy());
    let a = ws
        .add_report(
            parsed(
                "London Borough of Southwark",
                vec![
                    finding("f1", "care_leavers", "Improve pathway plans."),
                    finding("f2", "front_door", "Strengthen the front door."),
                    finding("f3", "workforce", "Reduce caseloads."),
                ],
            ),
            Path::new("/reports/southwark.txt"),
            "aaaa1111",
            at(1, 9),
        )
        .id()
        .clone();
    let b = ws
        .add_report(
            parsed(
                "City of York Council",
                vec![finding("f1", "workforce", "Stabilise the workforce."), finding("g2", "care_leavers", "x")],
            ),
            Path::new("/reports/york.txt"),
            "bbbb2222",
            at(1, 9),
        )
        .id()
        .clone();
    (ws, a, b)
}

fn target(report: &ReportId, finding: &str) -> FindingRef {
    FindingRef { report: report.clone(), finding: crate::model::FindingId(finding.to_owned()) }
}

/// One edit of every kind (except `RemoveLastUpdate`, which needs an update first).
fn every_edit(t: &FindingRef) -> Vec<Edit> {
    vec![
        Edit::SetCategory { target: t.clone(), category: Some("workforce".into()) },
        Edit::SetStatus { target: t.clone(), status: Status::Cancelled, cancel_reason: Some("Merged".to_owned()) },
        Edit::SetRag { target: t.clone(), rag: Some(Rag::Amber) },
        Edit::SetOwner { target: t.clone(), owner: Some("Jo Bloggs".to_owned()) },
        Edit::SetDueDate { target: t.clone(), due_date: Some(date("2026-03-31")) },
        Edit::SetPlannedAction { target: t.clone(), text: "Audit 20 plans\nthen report".to_owned() },
        Edit::SetNotes { target: t.clone(), text: "Spoke to the head of service".to_owned() },
        Edit::SetEvidence { target: t.clone(), evidence: vec!["https://example.org/a".to_owned()] },
        Edit::SetImportant { target: t.clone(), important: true },
        Edit::AddUpdate {
            target: t.clone(),
            update: ProgressUpdate { date: date("2026-01-12"), text: "Started".to_owned(), author: None },
        },
    ]
}

#[test]
fn report_ids_are_short_readable_and_unique() {
    let (mut ws, a, b) = sample();
    assert_eq!(a.0, "southwark-focused-visit-2019-03-08");
    assert_eq!(b.0, "york-focused-visit-2019-03-08");
    let again = ws.add_report(
        parsed("London Borough of Southwark", vec![finding("h1", "workforce", "Other")]),
        Path::new("/reports/southwark-second.txt"),
        "cccc3333",
        at(2, 9),
    );
    assert_eq!(again, AddOutcome::Added(ReportId("southwark-focused-visit-2019-03-08-2".to_owned())));
    // The registry's name, not the printed one, and the report's kind.
    let hull = ws.add_report(parsed("Hull City Council", vec![]), Path::new("/hull.txt"), "dddd4444", at(2, 9));
    assert_eq!(hull.id().0, "kingston-upon-hull-focused-visit-2019-03-08");
    let mut nameless = parsed("x", vec![]);
    nameless.meta.local_authority = None;
    let id = ws.add_report(nameless, Path::new("/n.txt"), "0123456789abcdef", at(2, 9));
    assert_eq!(id.id().0, "01234567");
}

#[test]
fn every_edit_applies_and_its_inverse_restores_exactly() {
    let (ws0, a, _) = sample();
    let t = target(&a, "f1");
    for edit in every_edit(&t) {
        let mut ws = ws0.clone();
        let inverse = ws.apply(edit.clone(), at(2, 10)).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        assert!(ws.annotation(&t).is_some(), "{edit:?} left no annotation");
        assert_eq!(ws.change_log.len(), 1);
        ws.apply(inverse, at(2, 11)).unwrap();
        assert_eq!(ws.reports, ws0.reports, "inverse of {edit:?} did not restore");
        assert_eq!(ws.change_log.len(), 2, "an undo is recorded too");
    }
}

#[test]
fn inverses_restore_a_fully_annotated_finding() {
    let (mut ws, a, _) = sample();
    let t = target(&a, "f2");
    ws.apply(Edit::Batch(every_edit(&t)), at(2, 9)).unwrap();
    let before = ws.reports.clone();
    let replacements = vec![
        Edit::SetCategory { target: t.clone(), category: None },
        Edit::SetStatus { target: t.clone(), status: Status::InProgress, cancel_reason: None },
        Edit::SetRag { target: t.clone(), rag: None },
        Edit::SetOwner { target: t.clone(), owner: None },
        Edit::SetDueDate { target: t.clone(), due_date: None },
        Edit::SetPlannedAction { target: t.clone(), text: String::new() },
        Edit::SetNotes { target: t.clone(), text: String::new() },
        Edit::SetEvidence { target: t.clone(), evidence: vec![] },
        Edit::SetImportant { target: t.clone(), important: false },
        Edit::RemoveLastUpdate { target: t.clone() },
    ];
    for edit in replacements {
        let inverse = ws.apply(edit.clone(), at(3, 9)).unwrap();
        assert_ne!(ws.reports, before, "{edit:?} changed nothing");
        ws.apply(inverse, at(3, 10)).unwrap();
        assert_eq!(ws.reports, before, "inverse of {edit:?} did not restore");
    }
}

#[test]
fn a_batch_inverse_is_the_reversed_batch_of_inverses() {
    let (mut ws, a, b) = sample();
    let before = ws.clone();
    let batch = Edit::Batch(vec![
        Edit::SetStatus { target: target(&a, "f1"), status: Status::InProgress, cancel_reason: None },
        Edit::SetStatus { target: target(&b, "f1"), status: Status::InProgress, cancel_reason: None },
        Edit::SetOwner { target: target(&a, "f1"), owner: Some("Sam".to_owned()) },
    ]);
    assert_eq!(batch.label(), "Change 3 fields");
    let inverse = ws.apply(batch, at(2, 9)).unwrap();
    let Edit::Batch(inner) = &inverse else { panic!("not a batch: {inverse:?}") };
    assert!(matches!(inner[0], Edit::SetOwner { .. }));
    ws.apply(inverse, at(2, 10)).unwrap();
    assert_eq!(ws.reports, before.reports);
    assert_eq!(ws.change_log.len(), 6);
}

#[test]
fn a_batch_with_one_bad_edit_changes_nothing() {
    let (mut ws, a, _) = sample();
    let before = ws.clone();
    let batch = Edit::Batch(vec![
        Edit::SetOwner { target: target(&a, "f1"), owner: Some("Sam".to_owned()) },
        Edit::SetCategory { target: target(&a, "f2"), category: Some("astrology".into()) },
    ]);
    let err = ws.apply(batch, at(2, 9)).unwrap_err();
    assert!(matches!(err, EditError::UnknownCategory { .. }), "{err}");
    assert_eq!(ws, before);
    let remove_twice = Edit::Batch(vec![
        Edit::AddUpdate {
            target: target(&a, "f1"),
            update: ProgressUpdate { date: date("2026-01-01"), text: "a".into(), author: None },
        },
        Edit::RemoveLastUpdate { target: target(&a, "f1") },
        Edit::RemoveLastUpdate { target: target(&a, "f1") },
    ]);
    assert!(matches!(ws.apply(remove_twice, at(2, 9)), Err(EditError::NoUpdateToRemove(_))));
    assert_eq!(ws, before);
}

#[test]
fn unknown_targets_and_categories_are_named() {
    let (mut ws, a, _) = sample();
    let before = ws.clone();
    let err = ws
        .apply(Edit::SetImportant { target: FindingRef::new("nowhere", "f1"), important: true }, at(2, 9))
        .unwrap_err();
    assert_eq!(err.to_string(), "there is no report with id 'nowhere' in the workspace");
    let err = ws.apply(Edit::SetImportant { target: target(&a, "zz"), important: true }, at(2, 9)).unwrap_err();
    assert!(
        err.to_string().contains("'zz'") && err.to_string().contains("southwark-focused-visit-2019-03-08"),
        "{err}"
    );
    let err =
        ws.apply(Edit::SetCategory { target: target(&a, "f1"), category: Some("nope".into()) }, at(2, 9)).unwrap_err();
    assert!(
        err.to_string().contains("'nope'") && err.to_string().contains("care_leavers, front_door, workforce"),
        "{err}"
    );
    let err = ws.apply(Edit::RemoveLastUpdate { target: target(&a, "f1") }, at(2, 9)).unwrap_err();
    assert!(matches!(err, EditError::NoUpdateToRemove(_)));
    assert_eq!(ws, before);
}

#[test]
fn progress_updates_are_appended_never_overwritten() {
    let (mut ws, a, _) = sample();
    let t = target(&a, "f3");
    for (i, text) in ["One", "Two", "Three"].into_iter().enumerate() {
        let update = ProgressUpdate {
            date: date("2026-01-01") + chrono::Days::new(i as u64),
            text: text.to_owned(),
            author: None,
        };
        ws.apply(Edit::AddUpdate { target: t.clone(), update }, at(2, 9)).unwrap();
    }
    let texts: Vec<_> = ws.annotation(&t).unwrap().updates.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(texts, ["One", "Two", "Three"]);
}

#[test]
fn empty_annotations_are_removed_and_effective_category_falls_back() {
    let (mut ws, a, _) = sample();
    let t = target(&a, "f1");
    assert_eq!(ws.effective_category(&t).unwrap().as_str(), "care_leavers");
    ws.apply(Edit::SetCategory { target: t.clone(), category: Some("workforce".into()) }, at(2, 9)).unwrap();
    assert_eq!(ws.effective_category(&t).unwrap().as_str(), "workforce");
    assert_eq!(ws.annotated_count(&a), 1);
    ws.apply(Edit::SetCategory { target: t.clone(), category: None }, at(2, 10)).unwrap();
    assert_eq!(ws.effective_category(&t).unwrap().as_str(), "care_leavers");
    assert!(ws.annotation(&t).is_none());
    assert_eq!(ws.annotated_count(&a), 0);
}

#[test]
fn history_of_a_finding_lists_its_changes_in_order() {
    let (mut ws, a, b) = sample();
    let t = target(&a, "f1");
    ws.apply(Edit::SetStatus { target: t.clone(), status: Status::InProgress, cancel_reason: None }, at(2, 9)).unwrap();
    ws.apply(Edit::SetOwner { target: target(&b, "f1"), owner: Some("Other".into()) }, at(2, 10)).unwrap();
    ws.apply(Edit::SetOwner { target: t.clone(), owner: Some("Jo".into()) }, at(3, 9)).unwrap();
    let history: Vec<_> = ws.history_of(&t).map(|c| (c.field.as_str(), c.summary.as_str(), c.at)).collect();
    assert_eq!(history, [("status", "In progress", at(2, 9)), ("owner", "Jo", at(3, 9))]);
}

#[test]
fn findings_iterate_in_report_order_with_annotations() {
    let (mut ws, a, _) = sample();
    ws.apply(Edit::SetImportant { target: target(&a, "f2"), important: true }, at(2, 9)).unwrap();
    let rows: Vec<_> = ws.findings().map(|(r, _, _, ann)| (r.to_string(), ann.is_some())).collect();
    assert_eq!(
        rows,
        [
            ("southwark-focused-visit-2019-03-08/f1".to_owned(), false),
            ("southwark-focused-visit-2019-03-08/f2".to_owned(), true),
            ("southwark-focused-visit-2019-03-08/f3".to_owned(), false),
            ("york-focused-visit-2019-03-08/f1".to_owned(), false),
            ("york-focused-visit-2019-03-08/g2".to_owned(), false),
        ]
    );
    assert_eq!(ws.finding_count(), 5);
}

#[test]
fn resolve_accepts_bare_and_qualified_ids() {
    let (ws, a, _) = sample();
    assert_eq!(ws.resolve("f2").unwrap(), target(&a, "f2"));
    assert_eq!(ws.resolve("southwark-focused-visit-2019-03-08/f1").unwrap(), target(&a, "f1"));
    let err = ws.resolve("f1").unwrap_err();
    assert!(
        err.to_string().contains("southwark-focused-visit-2019-03-08/f1 or york-focused-visit-2019-03-08/f1"),
        "{err}"
    );
    assert!(matches!(ws.resolve("nothing"), Err(EditError::UnknownFinding { report: None, .. })));
    assert!(ws.resolve("southwark-focused-visit-2019-03-08/nothing").is_err());
}

#[test]
fn reimport_keeps_id_and_annotations_and_lists_vanished_ones() {
    let (mut ws, a, _) = sample();
    ws.apply(Edit::SetOwner { target: target(&a, "f1"), owner: Some("Kept".into()) }, at(2, 9)).unwrap();
    ws.apply(Edit::SetNotes { target: target(&a, "f3"), text: "Orphan".into() }, at(2, 9)).unwrap();
    let changed = parsed(
        "London Borough of Southwark",
        vec![finding("f1", "care_leavers", "Improve pathway plans."), finding("f4", "workforce", "New.")],
    );
    let outcome = ws.add_report(changed, Path::new("/reports/southwark.txt"), "aaaa9999", at(5, 9));
    assert_eq!(outcome, AddOutcome::Reimported { id: a.clone(), vanished: vec![crate::model::FindingId("f3".into())] });
    let report = ws.report(&a).unwrap();
    assert_eq!(report.findings.len(), 2);
    assert_eq!(report.content_hash, "aaaa9999");
    assert_eq!(report.imported_at, at(5, 9));
    assert_eq!(ws.annotation(&target(&a, "f1")).unwrap().owner.as_deref(), Some("Kept"));
    assert_eq!(ws.annotation(&target(&a, "f3")).unwrap().notes, "Orphan");
    assert_eq!(report.orphaned().count(), 1);
    // Orphaned annotations can still be edited (e.g. closed), but not counted as triage.
    assert_eq!(ws.annotated_count(&a), 1);
    ws.apply(Edit::SetStatus { target: target(&a, "f3"), status: Status::Closed, cancel_reason: None }, at(5, 10))
        .unwrap();
}

#[test]
fn same_file_again_is_unchanged_and_a_moved_file_is_followed() {
    let (mut ws, a, _) = sample();
    let same = ws.report(&a).unwrap().clone();
    let reparsed = parsed(
        "London Borough of Southwark",
        vec![
            finding("f1", "care_leavers", "Improve pathway plans."),
            finding("f2", "front_door", "Strengthen the front door."),
            finding("f3", "workforce", "Reduce caseloads."),
        ],
    );
    let outcome = ws.add_report(reparsed.clone(), Path::new("/reports/southwark.txt"), "aaaa1111", at(9, 9));
    assert_eq!(outcome, AddOutcome::Unchanged(a.clone()));
    assert_eq!(ws.report(&a).unwrap(), &same);
    let outcome = ws.add_report(reparsed, Path::new("/moved/southwark.txt"), "aaaa1111", at(9, 9));
    assert_eq!(outcome, AddOutcome::Unchanged(a.clone()));
    assert_eq!(ws.report(&a).unwrap().source_path, Path::new("/moved/southwark.txt"));
    assert_eq!(ws.reports.len(), 2);
}

#[test]
fn history_undo_redo_and_labels() {
    let (mut ws, a, _) = sample();
    let start = ws.reports.clone();
    let mut history = History::new();
    assert!(!history.can_undo() && !history.can_redo());
    history
        .apply(
            &mut ws,
            Edit::SetStatus { target: target(&a, "f1"), status: Status::Verified, cancel_reason: None },
            at(2, 9),
        )
        .unwrap();
    history.apply(&mut ws, Edit::SetOwner { target: target(&a, "f1"), owner: Some("Ana".into()) }, at(2, 10)).unwrap();
    let after_two = ws.reports.clone();
    assert_eq!(history.undo_label().as_deref(), Some("Set owner"));
    assert_eq!(history.undo(&mut ws, at(2, 11)).as_deref(), Some("Set owner"));
    assert_eq!(history.redo_label().as_deref(), Some("Set owner"));
    assert_eq!(history.undo(&mut ws, at(2, 12)).as_deref(), Some("Set status"));
    assert_eq!(ws.reports, start);
    assert!(history.undo(&mut ws, at(2, 12)).is_none());
    assert_eq!(history.redo(&mut ws, at(2, 13)).as_deref(), Some("Set status"));
    assert_eq!(history.redo(&mut ws, at(2, 14)).as_deref(), Some("Set owner"));
    assert_eq!(ws.reports, after_two);
    assert!(history.redo(&mut ws, at(2, 14)).is_none());
    // Every apply, undo and redo is in the audit trail.
    assert_eq!(ws.change_log.len(), 6);
}

#[test]
fn a_new_edit_clears_redo() {
    let (mut ws, a, _) = sample();
    let mut history = History::new();
    history.apply(&mut ws, Edit::SetImportant { target: target(&a, "f1"), important: true }, at(2, 9)).unwrap();
    history.undo(&mut ws, at(2, 10));
    assert!(history.can_redo());
    history.apply(&mut ws, Edit::SetRag { target: target(&a, "f1"), rag: Some(Rag::Red) }, at(2, 11)).unwrap();
    assert!(!history.can_redo());
    assert_eq!(history.redo(&mut ws, at(2, 12)), None);
}

#[test]
fn a_failed_edit_leaves_history_alone() {
    let (mut ws, a, _) = sample();
    let mut history = History::new();
    history.apply(&mut ws, Edit::SetImportant { target: target(&a, "f1"), important: true }, at(2, 9)).unwrap();
    history.undo(&mut ws, at(2, 10));
    assert!(
        history.apply(&mut ws, Edit::SetImportant { target: target(&a, "none"), important: true }, at(2, 11)).is_err()
    );
    assert!(history.can_redo());
}

#[test]
fn history_is_capped() {
    let (mut ws, a, _) = sample();
    let mut history = History::with_cap(5);
    for i in 0..12 {
        history
            .apply(&mut ws, Edit::SetNotes { target: target(&a, "f1"), text: format!("note {i}") }, at(2, 9))
            .unwrap();
    }
    assert_eq!(history.undo_len(), 5);
    let mut undone = 0;
    while history.undo(&mut ws, at(3, 9)).is_some() {
        undone += 1;
    }
    assert_eq!(undone, 5);
    assert_eq!(ws.annotation(&target(&a, "f1")).unwrap().notes, "note 6");
    assert_eq!(History::new().undo_len(), 0);
    let mut default_cap = History::new();
    for i in 0..(MAX_UNDOS + 3) {
        default_cap.apply(&mut ws, Edit::SetNotes { target: target(&a, "f2"), text: i.to_string() }, at(2, 9)).unwrap();
    }
    assert_eq!(default_cap.undo_len(), MAX_UNDOS);
}

#[test]
fn batch_labels() {
    let (_, a, _) = sample();
    let same = Edit::Batch(vec![
        Edit::SetRag { target: target(&a, "f1"), rag: None },
        Edit::SetRag { target: target(&a, "f2"), rag: None },
    ]);
    assert_eq!(same.label(), "Set RAG on 2 findings");
    assert_eq!(Edit::Batch(vec![]).label(), "No change");
}

#[test]
fn ron_round_trip_and_schema_first() {
    let (mut ws, a, _) = sample();
    ws.apply(Edit::Batch(every_edit(&target(&a, "f1"))), at(2, 9)).unwrap();
    let text = to_ron_string(&ws).unwrap();
    assert!(text.starts_with("(\n  schema_version: 3,"), "{}", &text[..40]);
    assert!(text.contains("due_date: Some(\"2026-03-31\")"), "dates are readable");
    let loaded = io::from_ron_str(&text, Path::new("mem.ron")).unwrap();
    assert_eq!(loaded.workspace, ws);
}

#[test]
fn newer_schema_is_refused() {
    let (ws, _, _) = sample();
    let text = to_ron_string(&ws).unwrap().replacen("schema_version: 3", "schema_version: 7", 1);
    let err = io::from_ron_str(&text, Path::new("new.ron")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this workspace was saved by a newer version of inspection-tracker (schema 7; this build reads up to 3); update inspection-tracker to open it: new.ron"
    );
}

#[test]
fn schema_0_migrates_annotations_into_reports() {
    let (mut ws, a, _) = sample();
    ws.apply(Edit::SetOwner { target: target(&a, "f2"), owner: Some("Migrated".into()) }, at(2, 9)).unwrap();
    let annotation = ws.annotation(&target(&a, "f2")).unwrap().clone();
    // Write the same content in the schema 0 layout: annotations in one list beside the reports.
    let mut v0 = ws.clone();
    for report in &mut v0.reports {
        report.annotations.clear();
    }
    let body = to_ron_string(&v0).unwrap().replacen("schema_version: 3", "schema_version: 0", 1);
    let entry = format!(
        "  annotations: [(report: \"{a}\", finding: \"f2\", annotation: {})],\n  taxonomy:",
        ron::to_string(&annotation).unwrap()
    );
    let body = body.replacen("  taxonomy:", &entry, 1);
    let loaded = io::from_ron_str(&body, Path::new("old.ron")).unwrap();
    assert_eq!(loaded.file_schema_version, 0);
    assert_eq!(loaded.workspace, migrate::v2_into_v3(ws.clone()));
    // An annotation for a report not in the file is refused, not dropped.
    let broken = body.replace(&format!("report: \"{a}\", finding"), "report: \"ghost\", finding");
    let err = io::from_ron_str(&broken, Path::new("old.ron")).unwrap_err();
    assert!(err.to_string().contains("'ghost'"), "{err}");
}

#[test]
fn schema_1_gets_authorities_and_new_ids_and_keeps_every_annotation() {
    let (mut ws, a, b) = sample();
    ws.apply(Edit::Batch(every_edit(&target(&a, "f1"))), at(2, 9)).unwrap();
    ws.apply(Edit::SetOwner { target: target(&b, "g2"), owner: Some("Sam".into()) }, at(2, 10)).unwrap();
    // The same content as schema 1 wrote it: no authorities, ids `<printed-name-slug>-<date>`.
    let mut v1 = ws.clone();
    let old = |id: &ReportId| ReportId(id.0.replace("-focused-visit", ""));
    for report in &mut v1.reports {
        report.meta.authority = None;
        report.id = old(&report.id);
    }
    for record in &mut v1.change_log {
        record.report = old(&record.report);
    }
    let text = to_ron_string(&v1).unwrap().replacen("schema_version: 3", "schema_version: 1", 1);
    assert!(text.contains("id: \"southwark-2019-03-08\"") && text.contains("report: \"york-2019-03-08\""));
    let loaded = io::from_ron_str(&text, Path::new("v1.ron")).unwrap();
    assert_eq!(loaded.file_schema_version, 1);
    assert_eq!(loaded.workspace.reports[0].meta.authority, Some(crate::model::AuthorityCode("210".into())));
    assert_eq!(loaded.workspace.reports[1].meta.authority, Some(crate::model::AuthorityCode("816".into())));
    // Same ids as a fresh import gives, the change log renamed with them, every annotation kept
    // (the plans on recommendations then become actions, as for any schema 2 file).
    assert_eq!(loaded.workspace, migrate::v2_into_v3(ws.clone()));
    assert!(ws.change_log.iter().any(|c| c.report == b) && ws.annotation(&target(&b, "g2")).is_some());
}

#[test]
fn colliding_ids_are_refused() {
    let (mut ws, _, _) = sample();
    let id = ws.reports[0].id.clone();
    ws.reports[1].id = id;
    let text = to_ron_string(&ws).unwrap();
    let err = io::from_ron_str(&text, Path::new("c.ron")).unwrap_err();
    assert!(err.to_string().contains("two reports have the id 'southwark-focused-visit-2019-03-08'"), "{err}");
}

#[test]
fn damaged_text_names_line_and_column() {
    let (ws, _, _) = sample();
    let text = to_ron_string(&ws).unwrap();
    let cut = &text[..text.len() / 2];
    let err = io::from_ron_str(cut, Path::new("cut.ron")).unwrap_err();
    assert!(err.position().is_some(), "{err}");
    assert!(err.to_string().ends_with("cut.ron"), "{err}");
    let wrong_type = text.replacen("imported_at: \"", "imported_at: 12, x: \"", 1);
    let err = io::from_ron_str(&wrong_type, Path::new("t.ron")).unwrap_err();
    let (line, _) = err.position().unwrap();
    let expected_line = text.lines().position(|l| l.contains("imported_at")).unwrap() + 1;
    assert_eq!(line, expected_line, "{err}");
    let foreign = io::from_ron_str("(categories: [])", Path::new("taxonomy.ron")).unwrap_err();
    assert!(foreign.to_string().starts_with("this is not an inspection-tracker workspace"), "{foreign}");
    assert!(matches!(io::from_ron_str("  \n", Path::new("e.ron")), Err(LoadError::Empty { .. })));
    let binary = io::from_ron_bytes(b"(schema\n_ver\xff\xfe", Path::new("b.ron")).unwrap_err();
    assert_eq!(binary.position(), Some((2, 5)));
}

#[test]
fn unknown_fields_are_listed_not_fatal() {
    let (ws, _, _) = sample();
    let text = to_ron_string(&ws).unwrap();
    let loaded = io::from_ron_str(&text, Path::new("w.ron")).unwrap();
    assert!(loaded.unknown_fields.is_empty());
    let extra = text.replacen("  reports: [", "  colour_scheme: \"dark\",\n  reports: [", 1).replacen(
        "      content_hash:",
        "      shelf: Some((row: 3)),\n      content_hash:",
        1,
    );
    let loaded = io::from_ron_str(&extra, Path::new("w.ron")).unwrap();
    assert_eq!(loaded.workspace, ws);
    assert_eq!(loaded.unknown_fields, ["colour_scheme", "reports[0].shelf"]);
}

#[test]
fn schema_2_plans_on_recommendations_become_one_action_each() {
    let (mut ws, a, b) = sample();
    ws.apply(Edit::Batch(every_edit(&target(&a, "f1"))), at(2, 9)).unwrap();
    ws.apply(Edit::SetNotes { target: target(&b, "g2"), text: "only a note".into() }, at(2, 10)).unwrap();
    let text = to_ron_string(&ws).unwrap().replacen("schema_version: 3", "schema_version: 2", 1);
    let loaded = io::from_ron_str(&text, Path::new("v2.ron")).unwrap();
    assert_eq!(loaded.file_schema_version, 2);
    let report = loaded.workspace.report(&a).unwrap();
    let [action] = report.actions.as_slice() else { panic!("one action: {:?}", report.actions) };
    assert_eq!(action.finding, FindingId("f1".into()));
    assert_eq!((action.title.as_str(), action.description.as_str()), ("Audit 20 plans", "then report"));
    assert_eq!(action.lead.as_deref(), Some("Jo Bloggs"));
    assert_eq!((action.status, action.cancel_reason.as_deref()), (Status::Cancelled, Some("Merged")));
    assert_eq!((action.rag, action.due), (Some(Rag::Amber), Some(date("2026-03-31"))));
    assert_eq!(action.evidence, ["https://example.org/a"]);
    assert_eq!(action.updates[0].text, "Started");
    assert_eq!(action.created_at, at(2, 9), "created when the plan was first written");
    // The annotation keeps what is the recommendation's own.
    let kept = &report.annotations[&FindingId("f1".into())];
    assert_eq!((kept.notes.as_str(), kept.important), ("Spoke to the head of service", true));
    assert_eq!((kept.owner.as_deref(), kept.rag), (Some("Jo Bloggs"), Some(Rag::Amber)));
    assert!(kept.planned_action.is_empty() && kept.updates.is_empty() && kept.due_date.is_none());
    // A note alone is not a plan.
    assert!(loaded.workspace.report(&b).unwrap().actions.is_empty());
    assert_eq!(loaded.workspace.annotation(&target(&b, "g2")).unwrap().notes, "only a note");
}

fn stamp(hour: u32, author: &str) -> crate::model::Stamp {
    crate::model::Stamp::new(at(2, hour), Some(author))
}

fn new_action(ws: &Workspace, t: &FindingRef, title: &str) -> crate::model::Action {
    let s = stamp(9, "Sam");
    crate::model::Action::new(ws.new_action_id(t, &s, title), t.finding.clone(), title.into(), s.author, s.at)
}

fn every_action_edit(ws: &Workspace, t: &FindingRef, id: &crate::model::ActionId) -> Vec<Edit> {
    use crate::model::{DueRevision, Measure, PlanHeader};
    let set = |change| Edit::SetAction { target: t.clone(), action: id.clone(), change };
    vec![
        set(ActionChange::Title("Audit plans".into())),
        set(ActionChange::Description("Twenty a month\nfrom January".into())),
        set(ActionChange::Lead(Some("Head of service".into()))),
        set(ActionChange::Partners(vec!["Health".into(), "Police".into()])),
        set(ActionChange::Start(Some(date("2026-01-05")))),
        set(ActionChange::Due(Some(date("2026-03-31")))),
        set(ActionChange::Status { status: Status::InProgress, cancel_reason: None }),
        set(ActionChange::Rag { rag: Some(Rag::Amber), rationale: "Staffing".into() }),
        set(ActionChange::Measure(Measure { measure: "Plans good".into(), ..Default::default() })),
        set(ActionChange::Evidence(vec!["https://example.org/audit".into()])),
        set(ActionChange::Addresses(vec![FindingId("f2".into())])),
        Edit::ReviseDue {
            target: t.clone(),
            action: id.clone(),
            revision: DueRevision {
                from: None,
                to: Some(date("2026-05-29")),
                reason: "Audit tool late".into(),
                author: None,
                at: at(2, 11),
            },
        },
        Edit::AddActionUpdate {
            target: t.clone(),
            action: id.clone(),
            update: ProgressUpdate { date: date("2026-02-01"), text: "First audit done".into(), author: None },
        },
        Edit::MoveAction { target: t.clone(), action: id.clone(), to: 0 },
        Edit::SetPlan {
            report: t.report.clone(),
            plan: PlanHeader {
                lead: Some("Director".into()),
                submission_deadline: None,
                board_meetings: vec![date("2026-02-10")],
            },
        },
    ]
    .into_iter()
    .filter(|_| ws.report(&t.report).is_some())
    .collect()
}

#[test]
fn every_action_edit_is_undone_and_redone_exactly_and_names_its_author() {
    let (mut ws, a, _) = sample();
    let t = target(&a, "f1");
    let first = new_action(&ws, &t, "First");
    ws.apply(Edit::AddAction { target: t.clone(), action: Box::new(first), index: None }, stamp(9, "Sam")).unwrap();
    let second = new_action(&ws, &t, "Second");
    let id = second.id.clone();
    ws.apply(Edit::AddAction { target: t.clone(), action: Box::new(second), index: None }, stamp(9, "Sam")).unwrap();
    let before = ws.clone();
    let mut history = History::new();
    for edit in every_action_edit(&ws, &t, &id) {
        let label = edit.label();
        let prior = ws.clone();
        history.apply(&mut ws, edit, stamp(10, "Alex")).unwrap();
        assert_ne!(ws.reports, prior.reports, "{label} changed something");
        let record = ws.change_log.last().unwrap();
        assert_eq!(record.author.as_deref(), Some("Alex"), "{label}");
        let after = ws.clone();
        history.undo(&mut ws, stamp(10, "Alex")).unwrap();
        assert_eq!(ws.reports, prior.reports, "undo of {label}");
        history.redo(&mut ws, stamp(10, "Alex")).unwrap();
        assert_eq!(ws.reports, after.reports, "redo of {label}");
    }
    let report = ws.report(&a).unwrap();
    let action = report.action(&id).unwrap();
    assert_eq!(report.actions[0].id, id, "moved first");
    assert_eq!(action.original_due(), Some(date("2026-03-31")));
    assert_eq!(action.due, Some(date("2026-05-29")));
    assert_eq!(action.due_revisions[0].author.as_deref(), Some("Alex"), "the stamp's author when none given");
    assert_eq!(action.updates[0].author.as_deref(), Some("Alex"));
    let refs = crate::model::PlanRefs::of(report);
    assert_eq!((refs.finding(&t.finding), refs.action(&id)), (Some("R1"), Some("R1.1")));
    while history.undo(&mut ws, stamp(12, "Alex")).is_some() {}
    assert_eq!(ws.reports, before.reports);
}

#[test]
fn a_refused_action_edit_in_a_batch_takes_back_the_whole_batch() {
    let (mut ws, a, _) = sample();
    let t = target(&a, "f1");
    let action = new_action(&ws, &t, "Only");
    let id = action.id.clone();
    let before = ws.clone();
    let batch = Edit::Batch(vec![
        Edit::AddAction { target: t.clone(), action: Box::new(action), index: None },
        Edit::SetAction { target: t.clone(), action: id.clone(), change: ActionChange::Lead(Some("Jo".into())) },
        Edit::SetAction {
            target: t.clone(),
            action: crate::model::ActionId("act-missing".into()),
            change: ActionChange::Title("x".into()),
        },
    ]);
    let err = ws.apply(batch, stamp(9, "Sam")).unwrap_err();
    assert!(matches!(err, EditError::UnknownAction(..)), "{err}");
    assert_eq!(ws, before, "nothing applied, nothing logged");
    // Actions belong to recommendations only; a second action with a taken id is refused.
    let mut finding_ws = ws.clone();
    let plain = finding_ws.reports[0].findings.iter_mut().find(|f| f.id.0 == "f2").unwrap();
    plain.kind = crate::model::FindingKind::Finding;
    let on_finding = new_action(&finding_ws, &target(&a, "f2"), "Nope");
    let err = finding_ws
        .apply(Edit::AddAction { target: target(&a, "f2"), action: Box::new(on_finding), index: None }, at(2, 9))
        .unwrap_err();
    assert!(matches!(err, EditError::NotAPlanItem(_)), "{err}");
    let action = new_action(&ws, &t, "Twice");
    ws.apply(Edit::AddAction { target: t.clone(), action: Box::new(action.clone()), index: None }, at(2, 9)).unwrap();
    let err = ws.apply(Edit::AddAction { target: t, action: Box::new(action), index: None }, at(2, 9)).unwrap_err();
    assert!(matches!(err, EditError::DuplicateAction(..)), "{err}");
}

#[test]
fn new_actions_go_after_their_recommendations_siblings_in_report_order() {
    let (mut ws, a, _) = sample();
    for (finding, title) in [("f3", "c1"), ("f1", "a1"), ("f3", "c2"), ("f2", "b1"), ("f1", "a2")] {
        let t = target(&a, finding);
        let action = new_action(&ws, &t, title);
        ws.apply(Edit::AddAction { target: t, action: Box::new(action), index: None }, at(2, 9)).unwrap();
    }
    let titles: Vec<&str> = ws.report(&a).unwrap().actions.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["a1", "a2", "b1", "c1", "c2"]);
}
