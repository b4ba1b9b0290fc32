//! A merge's result taken into the workspace as one edit ([`Edit::TakeMerge`]), so that
//! File › Merge a workspace… or bringing in a colleague's save is one undo step, like any
//! other change. The edit carries only what differs (the reports that changed or came in,
//! the change log and the taxonomy when they changed) and swaps it with what is there; its
//! inverse swaps back. It writes no change-log record of its own: the merge already united
//! both sides' logs, and a record of the merge itself would make a workspace that only took
//! a colleague's save differ from that save. Computing the merge is `super::merge`'s work.

use std::collections::HashMap;

use crate::model::{ChangeRecord, ImportedReport, ReportId, Taxonomy};

use super::{Edit, EditError, Workspace};

/// What turns a workspace into a merge's result.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeSwap {
    /// Every report's id, in the order the result has them; a report not listed is removed.
    pub order: Vec<ReportId>,
    /// The reports that differ from the workspace's, and the new ones; the others stay.
    pub reports: Vec<ImportedReport>,
    /// The change log, when it differs.
    pub change_log: Option<Vec<ChangeRecord>>,
    /// The taxonomy, when it differs.
    pub taxonomy: Option<Taxonomy>,
}

impl MergeSwap {
    /// The swap that turns `current` into `merged`.
    pub fn between(current: &Workspace, merged: Workspace) -> Self {
        let old: HashMap<&ReportId, &ImportedReport> = current.reports.iter().map(|r| (&r.id, r)).collect();
        let order = merged.reports.iter().map(|r| r.id.clone()).collect();
        let reports = merged.reports.into_iter().filter(|r| old.get(&r.id).is_none_or(|o| *o != r)).collect();
        let change_log = (merged.change_log != current.change_log).then_some(merged.change_log);
        let taxonomy = (merged.taxonomy != current.taxonomy).then_some(merged.taxonomy);
        Self { order, reports, change_log, taxonomy }
    }

    /// Whether it changes nothing.
    pub fn is_empty(&self, current: &Workspace) -> bool {
        self.reports.is_empty()
            && self.change_log.is_none()
            && self.taxonomy.is_none()
            && self.order.iter().eq(current.reports.iter().map(|r| &r.id))
    }
}

/// Checks that every report the swap lists is either carried by it or in the workspace.
pub(super) fn validate(ws: &Workspace, swap: &MergeSwap) -> Result<(), EditError> {
    for id in &swap.order {
        if ws.report(id).is_none() && !swap.reports.iter().any(|r| &r.id == id) {
            return Err(EditError::UnknownReport(id.clone()));
        }
    }
    Ok(())
}

/// Applies a checked swap and returns the swap back.
pub(super) fn apply(ws: &mut Workspace, swap: MergeSwap) -> Edit {
    let old_order: Vec<ReportId> = ws.reports.iter().map(|r| r.id.clone()).collect();
    let mut old: HashMap<ReportId, ImportedReport> = ws.reports.drain(..).map(|r| (r.id.clone(), r)).collect();
    let mut carried: HashMap<ReportId, ImportedReport> = swap.reports.into_iter().map(|r| (r.id.clone(), r)).collect();
    let mut replaced = Vec::new();
    for id in &swap.order {
        let report = match carried.remove(id) {
            Some(new) => {
                replaced.extend(old.remove(id));
                new
            }
            // Checked: a report not carried is in the workspace.
            None => match old.remove(id) {
                Some(report) => report,
                None => continue,
            },
        };
        ws.reports.push(report);
    }
    // Reports the result lacks go back with the inverse, in their old order.
    replaced.extend(old_order.iter().filter_map(|id| old.remove(id)));
    let change_log = swap.change_log.map(|log| std::mem::replace(&mut ws.change_log, log));
    let taxonomy = swap.taxonomy.map(|t| std::mem::replace(&mut ws.taxonomy, t));
    Edit::TakeMerge(Box::new(MergeSwap { order: old_order, reports: replaced, change_log, taxonomy }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::merge::{Choices, merge};
    use crate::workspace::{FindingRef, History, synthetic};

    #[test]
    fn a_merge_is_one_undo_step_and_redo_takes_it_again() {
        let now = synthetic::test_now();
        let base = synthetic::workspace(3, 5, 21);
        let mut ours = base.clone();
        let mut history = History::new();
        let mine = FindingRef { report: base.reports[0].id.clone(), finding: base.reports[0].findings[0].id.clone() };
        history.apply(&mut ours, Edit::SetOwner { target: mine.clone(), owner: Some("Me".into()) }, now).unwrap();
        let mut theirs = base.clone();
        let their = FindingRef { report: base.reports[1].id.clone(), finding: base.reports[1].findings[1].id.clone() };
        theirs.apply(Edit::SetNotes { target: their, text: "theirs".into() }, now).unwrap();
        theirs.reports.remove(2);
        theirs.reports.extend(synthetic::workspace(1, 4, 99).reports);
        let merged = merge(Some(&base), &ours, &theirs, &Choices::default()).workspace;
        assert_ne!(merged, ours);

        let before = ours.clone();
        let swap = MergeSwap::between(&ours, merged.clone());
        assert!(swap.reports.len() < merged.reports.len(), "unchanged reports were carried");
        history.apply(&mut ours, Edit::TakeMerge(Box::new(swap)), now).unwrap();
        assert_eq!(ours, merged);
        assert_eq!(history.undo(&mut ours, now).as_deref(), Some("Merge in changes"));
        assert_eq!(ours, before, "one undo takes the whole merge back");
        history.redo(&mut ours, now).unwrap();
        assert_eq!(ours, merged);
        history.undo(&mut ours, now).unwrap();
        history.undo(&mut ours, now).unwrap();
        // Undo writes its own change-log record; the reports are as they started.
        assert_eq!(ours.reports, base.reports, "the edit before the merge is a step of its own");
    }

    #[test]
    fn a_swap_naming_a_report_it_does_not_carry_is_refused() {
        let mut ws = synthetic::workspace(1, 2, 5);
        let swap =
            MergeSwap { order: vec![ReportId("gone".into())], reports: Vec::new(), change_log: None, taxonomy: None };
        let before = ws.clone();
        assert!(ws.apply(Edit::TakeMerge(Box::new(swap)), synthetic::test_now()).is_err());
        assert_eq!(ws, before);
    }
}
