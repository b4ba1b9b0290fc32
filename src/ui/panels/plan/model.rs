//! The action plan view's rows, cached: per report (in workspace order) a header row, then
//! each recommendation and priority action in report order with its progress, then its
//! actions in plan order, as the [`ActionFilter`] and the report filter keep them. Built
//! whole when the reports, the filters or the date change; after an edit, only the reports
//! the new change-log records name are built again (every edit, undo and redo writes one),
//! so a change to one action of 20,000 costs one report's rows. Each frame draws only the
//! rows on screen, found by their cached tops. No egui here.

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

/// What a whole build depends on: the structure, the filters and the date.
type Key = (u64, ActionFilter, Option<ReportId>, Date);

/// A report's run of rows.
#[derive(Debug, Default)]
struct Block {
    report: usize,
    start: usize,
    len: usize,
    shown: usize,
    total: usize,
}

/// The cached rows.
#[derive(Debug, Default)]
pub struct PlanModel {
    rows: Vec<PlanRow>,
    /// The top of each row, and the total height last.
    tops: Vec<f32>,
    /// Every report the report filter keeps, in order, with its rows (none when it has no plan).
    blocks: Vec<Block>,
    /// The references of each report, by report index (built for the reports shown).
    refs: HashMap<usize, PlanRefs>,
    key: Option<Key>,
    revision: u64,
    /// How long the change log was at the last build.
    logged: usize,
    heights: Option<RowHeights>,
    /// Actions shown.
    pub shown_actions: usize,
    /// Actions in the reports shown, whatever the action filter.
    pub total_actions: usize,
}

impl PlanModel {
    /// Brings the rows up to date. `structure` moves when reports are added, re-imported or
    /// replaced; `revision` on every change.
    #[allow(clippy::too_many_arguments)]
    pub fn refresh(
        &mut self,
        ws: &Workspace,
        structure: u64,
        revision: u64,
        filter: &ActionFilter,
        report: Option<&ReportId>,
        today: Date,
        heights: RowHeights,
    ) {
        let same_key = self
            .key
            .as_ref()
            .is_some_and(|(s, f, rep, d)| *s == structure && f == filter && rep.as_ref() == report && *d == today)
            && self.heights == Some(heights);
        if same_key && self.revision == revision {
            return;
        }
        if same_key && ws.change_log.len() >= self.logged {
            let ids: std::collections::HashSet<&ReportId> =
                ws.change_log[self.logged..].iter().map(|c| &c.report).collect();
            let touched: Vec<usize> = self
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| ws.reports.get(b.report).is_some_and(|r| ids.contains(&r.id)))
                .map(|(i, _)| i)
                .collect();
            for block in touched {
                self.rebuild_block(ws, block, filter, today);
            }
        } else {
            self.rebuild(ws, filter, report, today);
        }
        self.finish(heights);
        self.key = Some((structure, filter.clone(), report.cloned(), today));
        self.revision = revision;
        self.logged = ws.change_log.len();
        self.heights = Some(heights);
    }

    fn rebuild(&mut self, ws: &Workspace, filter: &ActionFilter, only: Option<&ReportId>, today: Date) {
        self.rows.clear();
        self.refs.clear();
        self.blocks.clear();
        for (ri, report) in ws.reports.iter().enumerate() {
            if only.is_some_and(|id| id != &report.id) {
                continue;
            }
            let start = self.rows.len();
            let mut rows = Vec::new();
            let (shown, total) = self.report_rows(ws, ri, filter, today, &mut rows);
            self.rows.extend(rows);
            self.blocks.push(Block { report: ri, start, len: self.rows.len() - start, shown, total });
        }
    }

    /// Builds one report's rows again, in place.
    fn rebuild_block(&mut self, ws: &Workspace, block: usize, filter: &ActionFilter, today: Date) {
        let Block { report, start, len, .. } = self.blocks[block];
        let mut rows = Vec::new();
        let (shown, total) = self.report_rows(ws, report, filter, today, &mut rows);
        let new_len = rows.len();
        self.rows.splice(start..start + len, rows);
        self.blocks[block] = Block { report, start, len: new_len, shown, total };
        for later in &mut self.blocks[block + 1..] {
            later.start = later.start + new_len - len;
        }
    }

    /// Pushes a report's rows; returns its actions shown and in all.
    fn report_rows(
        &mut self,
        ws: &Workspace,
        ri: usize,
        filter: &ActionFilter,
        today: Date,
        rows: &mut Vec<PlanRow>,
    ) -> (usize, usize) {
        self.refs.remove(&ri);
        let Some(report) = ws.reports.get(ri) else { return (0, 0) };
        if report.plan_findings().next().is_none() {
            return (0, 0);
        }
        let keeps = filter.matcher_in(ws, report, today);
        let filtering = filter.is_active();
        let mut by_finding: HashMap<&FindingId, Vec<usize>> = HashMap::new();
        for (ai, action) in report.actions.iter().enumerate() {
            by_finding.entry(&action.finding).or_default().push(ai);
        }
        let mut shown = 0;
        rows.push(PlanRow::Report { report: ri });
        for (fi, finding) in report.findings.iter().enumerate().filter(|(_, f)| f.kind.is_action()) {
            let all = by_finding.get(&finding.id).map_or(&[][..], Vec::as_slice);
            let kept: Vec<usize> = all.iter().copied().filter(|&ai| keeps(&report.actions[ai])).collect();
            if filtering && kept.is_empty() {
                continue;
            }
            let progress = Progress::of(all.iter().map(|&ai| &report.actions[ai]), today);
            rows.push(PlanRow::Item { report: ri, finding: fi, progress });
            shown += kept.len();
            rows.extend(kept.into_iter().map(|action| PlanRow::Action { report: ri, action }));
        }
        if filtering && rows.len() == 1 {
            rows.clear();
        } else {
            self.refs.insert(ri, PlanRefs::of(report));
        }
        (shown, report.actions.len())
    }

    /// The tops and counts, from the rows and blocks.
    fn finish(&mut self, h: RowHeights) {
        self.shown_actions = self.blocks.iter().map(|b| b.shown).sum();
        self.total_actions = self.blocks.iter().map(|b| b.total).sum();
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
        model.refresh(&ws, 1, 1, &ActionFilter::default(), None, test_today(), HEIGHTS);
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
        model.refresh(&ws, 1, 1, &filter, Some(&ws.reports[1].id), test_today(), HEIGHTS);
        let overdue = ws.reports[1].actions.iter().filter(|a| a.is_overdue(test_today())).count();
        assert_eq!(model.shown_actions, overdue);
        assert_eq!(model.total_actions, ws.reports[1].actions.len());
    }

    #[test]
    fn an_edit_rebuilds_only_its_report_and_matches_a_whole_build() {
        use crate::model::Status;
        use crate::workspace::{ActionChange, Edit, FindingRef};
        let mut ws = workspace(5, 60, 3);
        let filter = ActionFilter { status: Some(Status::InProgress), ..Default::default() };
        let mut model = PlanModel::default();
        model.refresh(&ws, 1, 1, &filter, None, test_today(), HEIGHTS);
        let report = &ws.reports[2];
        let action = report.actions.iter().find(|a| a.status != Status::InProgress).expect("an action");
        let target = FindingRef { report: report.id.clone(), finding: action.finding.clone() };
        let change = ActionChange::Status { status: Status::InProgress, cancel_reason: None };
        let edit = Edit::SetAction { target, action: action.id.clone(), change };
        ws.apply(edit, crate::workspace::synthetic::test_now()).unwrap();
        let before = model.shown_actions;
        model.refresh(&ws, 1, 2, &filter, None, test_today(), HEIGHTS);
        assert_eq!(model.shown_actions, before + 1);
        let mut whole = PlanModel::default();
        whole.refresh(&ws, 1, 2, &filter, None, test_today(), HEIGHTS);
        assert_eq!(model.rows, whole.rows);
        assert_eq!(model.tops, whole.tops);
    }

    #[test]
    fn the_visible_band_finds_its_rows() {
        let ws = workspace(3, 40, 1);
        let mut model = PlanModel::default();
        model.refresh(&ws, 1, 1, &ActionFilter::default(), None, test_today(), HEIGHTS);
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
