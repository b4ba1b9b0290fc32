//! Action plans in the workspace file: older files' plans become actions with nothing lost
//! (a property over generated workspaces written in the schema 1 and 2 layouts), and
//! actions with any text (unicode, line breaks) come back from save and load exactly.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use inspection_tracker::model::{Action, ActionId, Annotation, DueRevision, FindingId, Measure, ProgressUpdate, Stamp};
use inspection_tracker::workspace::{self, Edit, FindingRef, Workspace, io, synthetic};
use proptest::prelude::*;

/// A generated workspace as an older build saved it: no actions, no plan headers, and the
/// given schema version first in the file.
fn as_old_file(ws: &Workspace, version: u32) -> String {
    let mut old = ws.clone();
    for report in &mut old.reports {
        report.actions.clear();
        report.plan = Default::default();
    }
    let current = format!("schema_version: {}", workspace::SCHEMA_VERSION);
    workspace::to_ron_string(&old).unwrap().replacen(&current, &format!("schema_version: {version}"), 1)
}

/// Whether an annotation holds any of what schema 3 keeps on actions.
fn has_plan(a: &Annotation) -> bool {
    a.status != Default::default()
        || a.cancel_reason.is_some()
        || a.due_date.is_some()
        || !a.planned_action.is_empty()
        || !a.updates.is_empty()
        || !a.evidence.is_empty()
        || a.owner.is_some()
        || a.rag.is_some()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Every value of every annotation of an old file is in the migrated workspace: on the
    /// annotation, or on the one action its recommendation's plan became.
    #[test]
    fn migrating_old_files_loses_nothing(seed in 1u64..10_000, reports in 1usize..6, per in 1usize..30, version in 1u32..=2) {
        let ws = synthetic::workspace(reports, per, seed);
        let text = as_old_file(&ws, version);
        let migrated = io::from_ron_str(&text, Path::new("old.ron")).unwrap().workspace;
        prop_assert_eq!(migrated.reports.len(), ws.reports.len());
        prop_assert_eq!(migrated.change_log.len(), ws.change_log.len());
        for (old, new) in ws.reports.iter().zip(&migrated.reports) {
            prop_assert_eq!(&old.findings, &new.findings);
            for (finding, before) in &old.annotations {
                let plan_item = old.finding(finding).is_some_and(|f| f.kind.is_action());
                if !(plan_item && has_plan(before)) {
                    prop_assert_eq!(new.annotations.get(finding), Some(before));
                    prop_assert_eq!(new.actions_of(finding).count(), 0);
                    continue;
                }
                let actions: Vec<&Action> = new.actions_of(finding).collect();
                prop_assert_eq!(actions.len(), 1, "one action for {}", finding);
                let action = actions[0];
                prop_assert_eq!(action.status, before.status);
                prop_assert_eq!(&action.cancel_reason, &before.cancel_reason);
                prop_assert_eq!(action.due, before.due_date);
                prop_assert_eq!(&action.lead, &before.owner);
                prop_assert_eq!(action.rag, before.rag);
                prop_assert_eq!(&action.evidence, &before.evidence);
                prop_assert_eq!(&action.updates, &before.updates);
                let text = if action.description.is_empty() { action.title.clone() } else { format!("{}\n{}", action.title, action.description) };
                if !before.planned_action.is_empty() {
                    prop_assert_eq!(text, before.planned_action.clone());
                }
                let kept = new.annotations.get(finding).cloned().unwrap_or_default();
                prop_assert_eq!(&kept.category, &before.category);
                prop_assert_eq!(&kept.notes, &before.notes);
                prop_assert_eq!(kept.important, before.important);
                prop_assert_eq!(&kept.owner, &before.owner, "the recommendation keeps its lead");
                prop_assert_eq!(kept.rag, before.rag, "and its RAG");
            }
        }
        // Saving the migrated workspace and loading it again changes nothing.
        let again = io::from_ron_str(&workspace::to_ron_string(&migrated).unwrap(), Path::new("new.ron")).unwrap();
        prop_assert_eq!(again.workspace, migrated);
    }
}

/// Text with what breaks naive writers: line breaks, quotes, RON and CSV punctuation,
/// scripts from outside Latin, emoji, formula starts.
fn awkward_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[\\PC\n\"\\\\(),:]{0,40}",
        1 => "[=+@-][\\PC]{0,10}",
        1 => Just("Ünïcödé — “quotes” ✓ 児童 \u{1F469}\u{200D}\u{1F467}\r\nnext".to_owned()),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(awkward_text())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// An action with any texts, revisions and updates comes back from the file exactly.
    #[test]
    fn actions_round_trip_through_save_and_load(
        title in awkward_text(),
        description in awkward_text(),
        lead in opt_text(),
        partners in prop::collection::vec(awkward_text(), 0..3),
        reasons in prop::collection::vec((awkward_text(), opt_text()), 0..3),
        updates in prop::collection::vec((awkward_text(), opt_text()), 0..4),
        measure in (awkward_text(), awkward_text(), awkward_text(), awkward_text()),
        evidence in prop::collection::vec(awkward_text(), 0..3),
        author in opt_text(),
    ) {
        let mut ws = synthetic::workspace(1, 10, 7);
        let report = ws.reports[0].id.clone();
        let finding = ws.reports[0].plan_findings().next().unwrap().id.clone();
        let target = FindingRef { report, finding: finding.clone() };
        let now = synthetic::test_now();
        let stamp = Stamp::new(now, author.as_deref());
        let mut action = Action::new(ws.new_action_id(&target, &stamp, &title), finding, title, stamp.author.clone(), now);
        action.description = description;
        action.lead = lead;
        action.partners = partners;
        action.measure = Measure { measure: measure.0, baseline: measure.1, target: measure.2, latest: measure.3 };
        action.evidence = evidence;
        let id = action.id.clone();
        ws.apply(Edit::AddAction { target: target.clone(), action: Box::new(action), index: Some(0) }, stamp.clone()).unwrap();
        for (n, (reason, who)) in reasons.into_iter().enumerate() {
            let to = Some(synthetic::test_today() + chrono::Days::new(n as u64 + 1));
            let revision = DueRevision { from: None, to, reason, author: who, at: now };
            ws.apply(Edit::ReviseDue { target: target.clone(), action: id.clone(), revision }, stamp.clone()).unwrap();
        }
        for (text, who) in updates {
            let update = ProgressUpdate { date: synthetic::test_today(), text, author: who };
            ws.apply(Edit::AddActionUpdate { target: target.clone(), action: id.clone(), update }, stamp.clone()).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.ron");
        workspace::save(&ws, &path).unwrap();
        let loaded = workspace::load(&path).unwrap();
        prop_assert_eq!(&loaded, &ws);
        prop_assert!(loaded.reports[0].action(&id).is_some());
    }
}

#[test]
fn the_schema_3_fixture_loads_its_actions_plan_and_authors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workspace/v3.ron");
    let loaded = io::load_with_warnings(&path).unwrap();
    assert_eq!(loaded.file_schema_version, 3);
    assert!(loaded.unknown_fields.is_empty(), "{:?}", loaded.unknown_fields);
    let report = &loaded.workspace.reports[0];
    assert_eq!(report.plan.lead.as_deref(), Some("Director of Children's Services"));
    let refs = inspection_tracker::model::PlanRefs::of(report);
    let action = report.action(&ActionId("act-0000000000a1".into())).unwrap();
    assert_eq!(refs.action(&action.id), Some("R1.2"), "after the action migrated from schema 2");
    assert_eq!(action.due_revisions[0].author.as_deref(), Some("Alex Doe"));
    let authors: Vec<_> = action.updates.iter().map(|u| u.author.as_deref()).collect();
    assert_eq!(authors, [Some("Alex Doe"), Some("Sam Roe")]);
    assert_eq!(report.actions_of(&FindingId("rec-acbacdfbc0".into())).count(), 2);
    assert_eq!(report.plan.board_meetings.len(), 2);
    assert!(loaded.workspace.change_log.iter().any(|c| c.author.as_deref() == Some("Sam Roe") && c.action.is_some()));
}

#[test]
fn two_actions_with_one_id_are_refused_by_name() {
    let ws = synthetic::workspace(3, 20, 5);
    let report = ws.reports.iter().find(|r| r.actions.len() >= 2).unwrap();
    let (first, second) = (&report.actions[0].id, &report.actions[1].id);
    let text = workspace::to_ron_string(&ws).unwrap().replace(&second.0, &first.0);
    let err = io::from_ron_str(&text, Path::new("dup.ron")).unwrap_err();
    assert!(err.to_string().contains(&format!("has two actions with the id '{first}'")), "{err}");
}
