//! The action plan view's rows, cached: per report (in workspace order) a header row, then
//! each recommendation and priority action in report order with its progress, then its
//! actions in plan order, as the [`ActionFilter`] and the report filter keep them. Rebuilt
//! only when the workspace, the filters or the date change; each frame draws only the rows
//! on screen, found by their cached tops. No egui here.

use std::collections::HashMap;

use crate::model::{Date, FindingId, PlanRefs, Progress, ReportId};
use crate::workspace::Workspace;
use crate::workspace::query::{ActionFilter, ActionRef};

/// One row of the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanRow {
    /// A report's plan header.
    Report {
        /// Index in `Workspace::reports`.
        report: usize,
    },
    /// A recommendation or priority action, with the progress of all its actions.
    Item {
        /// Index in `Workspace::reports`.
        report: usize,
        /// Index in the report's findings.
        finding: usize,
        /// Derived from its actions (all of them, whatever the filter).
        progress: Progress,
    },
    /// An action.
    Action {
        /// Index in `Workspace::reports`.
        report: usize,
        /// Index in the report's actions.
        action: usize,
    },
}

/// How tall each kind of row is drawn, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowHeights {
    /// A report's header.
    pub report: f32,
    /// A recommendation.
    pub item: f32,
    /// An action.
    pub action: f32,
}

type Key = (u64, ActionFilter, Option<ReportId>, Date);

/// The cached rows.
#[derive(Debug, Default)]
pub struct PlanModel {
    rows: Vec<PlanRow>,
    /// The top of each row, and the total height last.
    tops: Vec<f32>,
    /// The references of each report, by report index (built for the reports shown).
    refs: HashMap<usize, PlanRefs>,
    key: Option<Key>,
    /// Actions shown.
    pub shown_actions: usize,
    /// Actions in the reports shown, whatever the action filter.
    pub total_actions: usize,
}

impl PlanModel {
    /// Brings the rows up to date; `revision` moves on every change to the workspace.
    pub fn refresh(
        &mut self,
        ws: &Workspace,
        revision: u64,
        filter: &ActionFilter,
        report: Option<&ReportId>,
        today: Date,
        heights: RowHeights,
    ) {
        if self
            .key
            .as_ref()
            .is_some_and(|(r, f, rep, d)| *r == revision && f == filter && rep.as_ref() == report && *d == today)
        {
            return;
        }
        self.rebuild(ws, filter, report, today, heights);
        self.key = Some((revision, filter.clone(), report.cloned(), today));
    }

    fn rebuild(&mut self, ws: &Workspace, filter: &ActionFilter, only: Option<&ReportId>, today: Date, h: RowHeights) {
        self.rows.clear();
        self.refs.clear();
        self.shown_actions = 0;
        self.total_actions = 0;
        let keeps = filter.matcher(today);
        let filtering = filter.is_active();
        for (ri, report) in ws.reports.iter().enumerate() {
            if only.is_some_and(|id| id != &report.id) || report.plan_findings().next().is_none() {
                continue;
            }
            let mut by_finding: HashMap<&FindingId, Vec<usize>> = HashMap::new();
            for (ai, action) in report.actions.iter().enumerate() {
                by_finding.entry(&action.finding).or_default().push(ai);
            }
            self.total_actions += report.actions.len();
            let start = self.rows.len();
            self.rows.push(PlanRow::Report { report: ri });
            for (fi, finding) in report.findings.iter().enumerate().filter(|(_, f)| f.kind.is_action()) {
                let all = by_finding.get(&finding.id).map_or(&[][..], Vec::as_slice);
                let kept: Vec<usize> = all.iter().copied().filter(|&ai| keeps(&report.actions[ai])).collect();
                if filtering && kept.is_empty() {
                    continue;
                }
                let progress = Progress::of(all.iter().map(|&ai| &report.actions[ai]), today);
                self.rows.push(PlanRow::Item { report: ri, finding: fi, progress });
                self.shown_actions += kept.len();
                self.rows.extend(kept.into_iter().map(|action| PlanRow::Action { report: ri, action }));
            }
            if filtering && self.rows.len() == start + 1 {
                self.rows.truncate(start);
            } else {
                self.refs.insert(ri, PlanRefs::of(report));
            }
        }
        self.tops.clear();
        let mut y = 0.0;
        for row in &self.rows {
            self.tops.push(y);
            y += match row {
                PlanRow::Report { .. } => h.report,
                PlanRow::Item { .. } => h.item,
                PlanRow::Action { .. } => h.action,
            };
        }
        self.tops.push(y);
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row at an index.
    pub fn row(&self, index: usize) -> Option<&PlanRow> {
        self.rows.get(index)
    }

    /// The rows' total height.
    pub fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// Where a row starts and ends, from the top of the plan.
    pub fn span(&self, index: usize) -> Option<(f32, f32)> {
        Some((*self.tops.get(index)?, *self.tops.get(index + 1)?))
    }

    /// The rows that overlap the band from `top` to `bottom`.
    pub fn rows_between(&self, top: f32, bottom: f32) -> std::ops::Range<usize> {
        let n = self.rows.len();
        // `tops[i + 1]` is where row i ends.
        let first = self.tops[1.min(self.tops.len())..].partition_point(|&end| end <= top).min(n);
        let last = self.tops[..n].partition_point(|&start| start < bottom).max(first);
        first..last
    }

    /// The references (`R2`, `R2.1`) of a report shown.
    pub fn refs(&self, report: usize) -> Option<&PlanRefs> {
        self.refs.get(&report)
    }

    /// The action of a row, as an address.
    pub fn action_ref(&self, ws: &Workspace, index: usize) -> Option<ActionRef> {
        match self.rows.get(index)? {
            PlanRow::Action { report, action } => {
                let report = ws.reports.get(*report)?;
                Some(ActionRef::of(report, report.actions.get(*action)?))
            }
            _ => None,
        }
    }

    /// The row showing this action.
    pub fn position_of_action(&self, ws: &Workspace, target: &ActionRef) -> Option<usize> {
        self.rows.iter().position(|row| match row {
            PlanRow::Action { report, action } => ws.reports.get(*report).is_some_and(|r| {
                r.id == target.target.report && r.actions.get(*action).is_some_and(|a| a.id == target.action)
            }),
            _ => false,
        })
    }

    /// The row showing this recommendation.
    pub fn position_of_item(&self, ws: &Workspace, report_id: &ReportId, finding_id: &FindingId) -> Option<usize> {
        self.rows.iter().position(|row| match row {
            PlanRow::Item { report, finding, .. } => ws
                .reports
                .get(*report)
                .is_some_and(|r| &r.id == report_id && r.findings.get(*finding).is_some_and(|f| &f.id == finding_id)),
            _ => false,
        })
    }

    /// The header row of this report.
    pub fn position_of_report(&self, ws: &Workspace, report_id: &ReportId) -> Option<usize> {
        self.rows.iter().position(|row| {
            matches!(row, PlanRow::Report { report } if ws.reports.get(*report).is_some_and(|r| &r.id == report_id))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::synthetic::{test_today, workspace};

    const HEIGHTS: RowHeights = RowHeights { report: 30.0, item: 40.0, action: 20.0 };

    #[test]
    fn rows_follow_report_order_and_the_filter() {
        let ws = workspace(4, 60, 2);
        let mut model = PlanModel::default();
        model.refresh(&ws, 1, &ActionFilter::default(), None, test_today(), HEIGHTS);
        let actions: usize = ws.reports.iter().map(|r| r.actions.len()).sum();
        assert_eq!(model.shown_actions, actions);
        let items: usize = ws.reports.iter().map(|r| r.plan_findings().count()).sum();
        let count = |kind: fn(&PlanRow) -> bool| (0..model.len()).filter(|&i| model.row(i).is_some_and(kind)).count();
        assert_eq!(count(|r| matches!(r, PlanRow::Item { .. })), items);
        assert_eq!(count(|r| matches!(r, PlanRow::Report { .. })), 4);
        // Each action row follows its own recommendation.
        let mut current = None;
        for i in 0..model.len() {
            match model.row(i) {
                Some(PlanRow::Item { report, finding, .. }) => {
                    current = Some(&ws.reports[*report].findings[*finding].id)
                }
                Some(PlanRow::Action { report, action }) => {
                    assert_eq!(Some(&ws.reports[*report].actions[*action].finding), current);
                }
                _ => {}
            }
        }

        let filter = ActionFilter { overdue_only: true, ..Default::default() };
        model.refresh(&ws, 1, &filter, Some(&ws.reports[1].id), test_today(), HEIGHTS);
        let overdue = ws.reports[1].actions.iter().filter(|a| a.is_overdue(test_today())).count();
        assert_eq!(model.shown_actions, overdue);
        assert_eq!(model.total_actions, ws.reports[1].actions.len());
    }

    #[test]
    fn the_visible_band_finds_its_rows() {
        let ws = workspace(3, 40, 1);
        let mut model = PlanModel::default();
        model.refresh(&ws, 1, &ActionFilter::default(), None, test_today(), HEIGHTS);
        assert!(model.len() > 10);
        assert_eq!(model.rows_between(0.0, 1.0), 0..1);
        let (top, bottom) = model.span(5).unwrap();
        assert_eq!(model.rows_between(top + 0.5, bottom - 0.5), 5..6);
        assert_eq!(model.rows_between(0.0, model.total_height()), 0..model.len());
        assert_eq!(model.rows_between(model.total_height() + 10.0, model.total_height() + 20.0).len(), 0);
        let first_action = (0..model.len()).find_map(|i| model.action_ref(&ws, i).map(|a| (i, a))).unwrap();
        assert_eq!(model.position_of_action(&ws, &first_action.1), Some(first_action.0));
    }
}
