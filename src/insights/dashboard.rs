//! The action plan at a glance: actions by status within each category, recommendations
//! by how far their actions have got, RAG counts, overdue and due-soon actions, actions
//! due against actions completed month by month, and progress per report. Pure: `today`
//! is a parameter; the window computes it once per workspace revision.
//!
//! An action's completion month is the day of the change-log record that last set its
//! status, when its status is now done (`Progress::done`'s rule: finished, not cancelled);
//! an action marked done before the change log recorded actions counts in no month.

use std::collections::BTreeMap;

use crate::model::{CategoryId, Date, FindingKind, FindingStates, Progress, Rag, ReportId, Status};
use crate::workspace::Workspace;
use crate::workspace::query::{self, ActionSlice};

pub use crate::workspace::query::DUE_SOON_DAYS;

/// How far a recommendation's actions have got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlanState {
    /// No action yet.
    NoActions,
    /// Some live action is not done.
    Open,
    /// Every live action is done.
    Done,
}

impl PlanState {
    /// Every state, in display order.
    pub const ALL: &'static [PlanState] = &[Self::NoActions, Self::Open, Self::Done];

    /// A human label, in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::NoActions => "No action yet",
            Self::Open => "In hand",
            Self::Done => "Done",
        }
    }
}

/// One category's actions by status and recommendations by state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryRow {
    /// Actions by status.
    pub actions: BTreeMap<Status, usize>,
    /// Recommendations and priority actions by how far their actions have got.
    pub recommendations: BTreeMap<PlanState, usize>,
    /// Recommendations (not priority actions) by their status as the findings table shows
    /// it (from their actions): what the findings table keeps for this category, that status and the recommendation kind, so a bar
    /// clicked in the window leads to exactly the findings it counts.
    pub recommendation_status: BTreeMap<Status, usize>,
}

/// Actions due and completed in one month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthRow {
    /// Live actions due in the month.
    pub due: usize,
    /// Actions completed in the month.
    pub done: usize,
}

/// One report's plan.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportProgress {
    /// The report.
    pub report: ReportId,
    /// Its recommendations and priority actions.
    pub recommendations: usize,
    /// Those with no action yet.
    pub without_actions: usize,
    /// Its actions taken together.
    pub progress: Progress,
}

/// The dashboard's figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dashboard {
    /// By effective category of the recommendation, in category id order.
    pub by_category: BTreeMap<CategoryId, CategoryRow>,
    /// Actions by RAG; `None` counts actions with no rating.
    pub rag: BTreeMap<Option<Rag>, usize>,
    /// Actions overdue today.
    pub overdue: usize,
    /// Open actions due from today to [`DUE_SOON_DAYS`] days on.
    pub due_soon: usize,
    /// Actions due and done by month (year, month), oldest first.
    pub months: BTreeMap<(i32, u32), MonthRow>,
    /// Each report with recommendations, in workspace order.
    pub reports: Vec<ReportProgress>,
}

impl Dashboard {
    /// The figures of `ws` as of `today`.
    pub fn build(ws: &Workspace, today: Date) -> Self {
        use chrono::Datelike as _;
        let month = |d: Date| (d.year(), d.month());
        // The last status change of each action.
        let status_set = query::status_days(ws);
        let mut out = Self::default();
        for report in &ws.reports {
            let mut recommendations = 0;
            let mut without_actions = 0;
            let states = FindingStates::of(report, today);
            for finding in report.plan_findings() {
                recommendations += 1;
                let category = finding.effective_category(report.annotations.get(&finding.id));
                let row = out.by_category.entry(category.clone()).or_default();
                let progress = report.progress(&finding.id, today);
                let state = match progress.live() {
                    0 => PlanState::NoActions,
                    live if progress.done() == live => PlanState::Done,
                    _ => PlanState::Open,
                };
                if state == PlanState::NoActions {
                    without_actions += 1;
                }
                *row.recommendations.entry(state).or_default() += 1;
                if finding.kind == FindingKind::Recommendation {
                    // As the findings table shows and filters it, so a click on the bar matches.
                    let status = states.get(finding).status;
                    *row.recommendation_status.entry(status).or_default() += 1;
                }
                for action in report.actions_of(&finding.id) {
                    *row.actions.entry(action.status).or_default() += 1;
                }
            }
            for action in &report.actions {
                *out.rag.entry(action.rag).or_default() += 1;
                if action.is_overdue(today) {
                    out.overdue += 1;
                }
                // The same rules as the plan's filter, so a figure clicked leads to what it counts.
                if ActionSlice::DueSoon.keeps(action, None, today) {
                    out.due_soon += 1;
                }
                if let Some(due) = action.due.filter(|_| action.status != Status::Cancelled) {
                    out.months.entry(month(due)).or_default().due += 1;
                }
                if let Some(day) = status_set.get(&action.id).filter(|_| query::counts_as_done(action)) {
                    out.months.entry(month(*day)).or_default().done += 1;
                }
            }
            if recommendations > 0 {
                out.reports.push(ReportProgress {
                    report: report.id.clone(),
                    recommendations,
                    without_actions,
                    progress: Progress::of(&report.actions, today),
                });
            }
        }
        out
    }
}
