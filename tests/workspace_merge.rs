//! Property tests of the workspace merge (`workspace::merge`) on generated workspaces
//! (`workspace::synthetic`) changed on two sides by random edits: nothing either side has is
//! lost, the result does not depend on which side is "ours", a workspace merged with itself
//! is unchanged, and the conflicts are exactly the fields both sides changed differently —
//! for annotations and for actions (their updates and due-date revisions too).

// Helpers outside #[test] functions too: in tests a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use inspection_tracker::model::{Action, ActionId, Annotation, CategoryId, DueRevision, ProgressUpdate, Rag, Status};
use inspection_tracker::workspace::merge::{Choices, Side, Site, merge};
use inspection_tracker::workspace::{ActionChange, Edit, FindingRef, Workspace, synthetic};
use proptest::prelude::*;

/// One random change: which finding (index into the first report), which field, which value.
#[derive(Clone, Debug)]
struct Op {
    finding: usize,
    field: u8,
    value: u8,
}

fn op() -> impl Strategy<Value = Op> {
    (0usize..12, 0u8..15, 0u8..4).prop_map(|(finding, field, value)| Op { finding, field, value })
}

fn edit(ws: &Workspace, op: &Op, side: &str, i: usize) -> Edit {
    let report = &ws.reports[0];
    if op.field >= 10 {
        return action_edit(ws, op, side, i);
    }
    let target = FindingRef { report: report.id.clone(), finding: report.findings[op.finding].id.clone() };
    let v = op.value;
    let text = format!("{side} {v}");
    match op.field {
        0 => Edit::SetOwner { target, owner: (v > 0).then(|| format!("Owner {v}")) },
        1 => Edit::SetRag { target, rag: Rag::ALL.get(v as usize).copied() },
        2 => Edit::SetStatus { target, status: Status::ALL[v as usize * 2 % Status::ALL.len()], cancel_reason: None },
        3 => Edit::SetNotes { target, text: format!("note {v}") },
        4 => {
            Edit::SetDueDate { target, due_date: synthetic::test_today().checked_add_days(chrono::Days::new(v.into())) }
        }
        5 => Edit::SetImportant { target, important: v.is_multiple_of(2) },
        6 => Edit::SetCategory {
            target,
            category: (v > 0).then(|| CategoryId::from(["front_door", "early_help", "workforce"][v as usize % 3])),
        },
        7 => {
            let mut evidence = ws.annotation(&target).map(|a| a.evidence.clone()).unwrap_or_default();
            evidence.push(format!("https://evidence.example/{text}"));
            Edit::SetEvidence { target, evidence }
        }
        _ => Edit::AddUpdate { target, update: ProgressUpdate { date: synthetic::test_today(), text, author: None } },
    }
}

/// An edit of one of the first report's actions, or a new action when it has none (or
/// for `field == 14`).
fn action_edit(ws: &Workspace, op: &Op, side: &str, i: usize) -> Edit {
    let report = &ws.reports[0];
    let v = op.value;
    if op.field == 14 || report.actions.is_empty() {
        let plan_items: Vec<_> = report.findings.iter().filter(|f| f.kind.is_action()).collect();
        let recommendation = plan_items[op.finding % plan_items.len()];
        let target = FindingRef { report: report.id.clone(), finding: recommendation.id.clone() };
        let id = ActionId::derive(&[side, &i.to_string(), &op.finding.to_string()]);
        let action = Action::new(id, recommendation.id.clone(), format!("{side} action {v}"), None, now(i));
        return Edit::AddAction { target, action: Box::new(action), index: None };
    }
    let action = &report.actions[op.finding % report.actions.len()];
    let target = FindingRef { report: report.id.clone(), finding: action.finding.clone() };
    let id = action.id.clone();
    match op.field {
        10 => Edit::SetAction { target, action: id, change: ActionChange::Lead(Some(format!("Lead {v}"))) },
        11 => Edit::SetAction { target, action: id, change: ActionChange::Title(format!("Title {v}")) },
        12 => Edit::AddActionUpdate {
            target,
            action: id,
            update: ProgressUpdate { date: synthetic::test_today(), text: format!("{side} update {v}"), author: None },
        },
        _ => Edit::ReviseDue {
            target,
            action: id,
            revision: DueRevision {
                from: None,
                to: synthetic::test_today().checked_add_days(chrono::Days::new(u64::from(v) * 7)),
                reason: format!("{side} moved it"),
                author: Some(side.to_owned()),
                at: now(i),
            },
        },
    }
}

fn now(i: usize) -> NaiveDateTime {
    synthetic::test_now() + chrono::Duration::seconds(i as i64)
}

/// Applies `ops` to a copy of `base`; `extra` adds a report only this side has.
fn changed(base: &Workspace, ops: &[Op], side: &str, extra: Option<u64>) -> Workspace {
    let mut ws = base.clone();
    for (i, op) in ops.iter().enumerate() {
        let e = edit(&ws, op, side, i);
        ws.apply(e, now(i)).unwrap();
    }
    if let Some(seed) = extra {
        ws.reports.extend(synthetic::workspace(1, 4, seed).reports);
    }
    ws
}

/// The non-list fields of an annotation as comparable text, with status and its cancel
/// reason together as the merge treats them.
fn scalar_fields(a: &Annotation) -> Vec<(&'static str, String)> {
    vec![
        ("category", format!("{:?}", a.category)),
        ("status", format!("{:?}", (a.status, &a.cancel_reason))),
        ("rag", format!("{:?}", a.rag)),
        ("owner", format!("{:?}", a.owner)),
        ("due_date", format!("{:?}", a.due_date)),
        ("planned_action", a.planned_action.clone()),
        ("notes", a.notes.clone()),
        ("important", a.important.to_string()),
    ]
}

/// The non-list fields of an action, grouped as the merge groups them, named as in the
/// change log.
fn action_fields(a: &Action) -> Vec<(&'static str, String)> {
    vec![
        ("action.title", a.title.clone()),
        ("action.lead", format!("{:?}", a.lead)),
        ("action.due", format!("{:?}", a.due)),
        ("action.status", format!("{:?}", (a.status, &a.cancel_reason))),
        ("action.rag", format!("{:?}", (a.rag, &a.rag_rationale))),
    ]
}

fn action_of<'a>(ws: &'a Workspace, id: &ActionId) -> Option<&'a Action> {
    ws.reports.iter().flat_map(|r| &r.actions).find(|a| &a.id == id)
}

fn every_action(sides: &[&Workspace]) -> BTreeSet<ActionId> {
    sides.iter().flat_map(|ws| ws.reports.iter().flat_map(|r| r.actions.iter().map(|a| a.id.clone()))).collect()
}

fn annotation_of(ws: &Workspace, target: &FindingRef) -> Annotation {
    ws.annotation(target).cloned().unwrap_or_default()
}

fn every_target(sides: &[&Workspace]) -> BTreeSet<FindingRef> {
    sides
        .iter()
        .flat_map(|ws| {
            ws.reports
                .iter()
                .flat_map(|r| r.annotations.keys().map(|f| FindingRef { report: r.id.clone(), finding: f.clone() }))
        })
        .collect()
}

/// What the conflicts must be, worked out from the annotations alone.
fn expected_conflicts(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> BTreeSet<Site> {
    let mut out = BTreeSet::new();
    for target in every_target(&[ours, theirs]) {
        let (b, o, t) = (annotation_of(base, &target), annotation_of(ours, &target), annotation_of(theirs, &target));
        for (((name, bv), (_, ov)), (_, tv)) in
            scalar_fields(&b).into_iter().zip(scalar_fields(&o)).zip(scalar_fields(&t))
        {
            if ov != bv && tv != bv && ov != tv {
                out.insert(Site {
                    report: Some(target.report.clone()),
                    finding: Some(target.finding.clone()),
                    action: None,
                    field: name.to_owned(),
                });
            }
        }
    }
    for id in every_action(&[ours, theirs]) {
        let (Some(b), Some(o), Some(t)) = (action_of(base, &id), action_of(ours, &id), action_of(theirs, &id)) else {
            continue;
        };
        for (((name, bv), (_, ov)), (_, tv)) in action_fields(b).into_iter().zip(action_fields(o)).zip(action_fields(t))
        {
            if ov != bv && tv != bv && ov != tv {
                out.insert(Site {
                    report: Some(base.reports[0].id.clone()),
                    finding: Some(o.finding.clone()),
                    action: Some(id.clone()),
                    field: name.to_owned(),
                });
            }
        }
    }
    out
}

fn sides() -> impl Strategy<Value = (u64, Vec<Op>, Vec<Op>, Option<u64>, Option<u64>)> {
    (
        0u64..1000,
        proptest::collection::vec(op(), 0..12),
        proptest::collection::vec(op(), 0..12),
        proptest::option::weighted(0.2, 1000u64..2000),
        proptest::option::weighted(0.2, 2000u64..3000),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn nothing_either_side_has_is_lost((seed, o, t, xo, xt) in sides()) {
        let base = synthetic::workspace(1, 12, seed);
        let ours = changed(&base, &o, "ours", xo);
        let theirs = changed(&base, &t, "theirs", xt);
        for with_base in [Some(&base), None] {
            let merged = merge(with_base, &ours, &theirs, &Choices::default()).workspace;
            for side in [&ours, &theirs] {
                for report in &side.reports {
                    prop_assert!(merged.report(&report.id).is_some(), "report {} lost", report.id);
                }
                for record in &side.change_log {
                    prop_assert!(merged.change_log.contains(record), "change record lost: {record:?}");
                }
            }
            for target in every_target(&[&ours, &theirs]) {
                let m = annotation_of(&merged, &target);
                let (o, t) = (annotation_of(&ours, &target), annotation_of(&theirs, &target));
                for update in o.updates.iter().chain(&t.updates) {
                    prop_assert!(m.updates.contains(update), "update lost on {target}: {update:?}");
                }
                for link in o.evidence.iter().chain(&t.evidence) {
                    prop_assert!(m.evidence.contains(link), "evidence lost on {target}: {link}");
                }
                for (((name, mv), (_, ov)), (_, tv)) in scalar_fields(&m).into_iter().zip(scalar_fields(&o)).zip(scalar_fields(&t)) {
                    prop_assert!(mv == ov || mv == tv, "{target} {name} is {mv}, neither ours {ov} nor theirs {tv}");
                }
            }
            for id in every_action(&[&ours, &theirs]) {
                let m = action_of(&merged, &id);
                prop_assert!(m.is_some(), "action {id} lost");
                let m = m.unwrap();
                for side in [action_of(&ours, &id), action_of(&theirs, &id)].into_iter().flatten() {
                    for update in &side.updates {
                        prop_assert!(m.updates.contains(update), "update lost on {id}: {update:?}");
                    }
                    for revision in &side.due_revisions {
                        prop_assert!(m.due_revisions.contains(revision), "revision lost on {id}: {revision:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_result_does_not_depend_on_which_side_is_ours((seed, o, t, xo, xt) in sides()) {
        let base = synthetic::workspace(1, 12, seed);
        let ours = changed(&base, &o, "ours", xo);
        let theirs = changed(&base, &t, "theirs", xt);
        for with_base in [Some(&base), None] {
            let a = merge(with_base, &ours, &theirs, &Choices::all(Side::Ours));
            let b = merge(with_base, &theirs, &ours, &Choices::all(Side::Theirs));
            prop_assert_eq!(&a.workspace, &b.workspace);
            if a.conflicts.is_empty() {
                let c = merge(with_base, &theirs, &ours, &Choices::all(Side::Ours));
                prop_assert_eq!(&a.workspace, &c.workspace);
            }
        }
    }

    #[test]
    fn a_workspace_merged_with_itself_is_unchanged((seed, o, _t, xo, _xt) in sides()) {
        let base = synthetic::workspace(1, 12, seed);
        let ours = changed(&base, &o, "ours", xo);
        for with_base in [Some(&base), Some(&ours), None] {
            let merged = merge(with_base, &ours, &ours, &Choices::default());
            prop_assert!(merged.conflicts.is_empty());
            prop_assert!(merged.incoming.is_empty());
            prop_assert_eq!(&merged.workspace, &ours);
        }
        // Merging in the base itself (nothing new on their side) keeps ours as it is.
        let merged = merge(Some(&base), &ours, &base, &Choices::default());
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(&merged.workspace, &ours);
    }

    #[test]
    fn conflicts_are_exactly_the_fields_both_sides_changed_differently((seed, o, t, _xo, _xt) in sides()) {
        let base = synthetic::workspace(1, 12, seed);
        let ours = changed(&base, &o, "ours", None);
        let theirs = changed(&base, &t, "theirs", None);
        let merged = merge(Some(&base), &ours, &theirs, &Choices::default());
        let found: BTreeSet<Site> = merged.conflicts.iter().map(|c| c.site.clone()).collect();
        prop_assert_eq!(found.len(), merged.conflicts.len(), "a conflict reported twice");
        prop_assert_eq!(found, expected_conflicts(&base, &ours, &theirs));
        for c in &merged.conflicts {
            prop_assert!(c.base.is_some());
            prop_assert!(c.ours_change.is_some() && c.theirs_change.is_some(), "who changed {} is unknown", c.site);
        }
    }
}
