//! The action plan's part of the export summary: each recommendation's actions flattened
//! into [`PlanAction`]s with their human references (`R2.1`), the recommendation's derived
//! [`PlanProgress`], each report's [`PlanSummary`] (the plan header with the submission
//! deadline filled in), and the "since the last board" list of [`SinceEntry`]s. Pure: built
//! from the workspace and "today", no I/O.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::{
    Action, ActionId, ChangeRecord, Date, FindingId, ImportedReport, PlanRefs, Progress, ProgressUpdate, Rag, ReportId,
    Status,
};

/// How long a "since" entry's subject may be: it only reminds the reader what changed.
pub const SUBJECT_CHARS: usize = 120;

/// The text shown where a recommendation has no action yet.
pub const NO_ACTION_YET: &str = "No action yet";

/// One action of a recommendation, with everything an export shows of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    /// The action's stable id.
    pub id: ActionId,
    /// Its human reference, e.g. `R2.1`.
    pub reference: String,
    /// What will be done, in a line.
    pub title: String,
    /// More about it.
    pub description: String,
    /// Who leads it (empty when nobody does yet).
    pub lead: String,
    /// Partner agencies or colleagues.
    pub partners: Vec<String>,
    /// When work starts.
    pub start: Option<Date>,
    /// When it is due now.
    pub due: Option<Date>,
    /// The due date first agreed, when it has been revised since.
    pub original_due: Option<Date>,
    /// Where it stands.
    pub status: Status,
    /// Why it was cancelled (empty unless it was).
    pub cancel_reason: String,
    /// Red, amber, green or blue, when set.
    pub rag: Option<Rag>,
    /// Why that RAG.
    pub rag_rationale: String,
    /// The measure of success as one line (`Measure::summary`).
    pub measure: String,
    /// The newest progress update.
    pub latest_update: Option<ProgressUpdate>,
    /// Links or references to evidence.
    pub evidence: Vec<String>,
    /// Days past the due date (0 when not overdue or finished).
    pub days_overdue: i64,
}

impl PlanAction {
    /// The export's view of `action`, referenced as `reference`, on `today`.
    pub fn of(action: &Action, reference: String, today: Date) -> Self {
        Self {
            id: action.id.clone(),
            reference,
            title: action.title.clone(),
            description: action.description.clone(),
            lead: action.lead.clone().unwrap_or_default(),
            partners: action.partners.clone(),
            start: action.start,
            due: action.due,
            original_due: action.original_due().filter(|d| Some(*d) != action.due),
            status: action.status,
            cancel_reason: action.cancel_reason.clone().unwrap_or_default(),
            rag: action.rag,
            rag_rationale: action.rag_rationale.clone(),
            measure: action.measure.summary(),
            latest_update: action.latest_update().cloned(),
            evidence: action.evidence.clone(),
            days_overdue: action.days_overdue(today),
        }
    }

    /// Whether it is past its due date and not finished.
    pub fn is_overdue(&self) -> bool {
        self.days_overdue > 0
    }
}

/// An earlier report's recommendation that a recommendation closely resembles ("raised
/// before"), from `insights::repeats`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierRecommendation {
    /// The earlier report.
    pub report: ReportId,
    /// The earlier recommendation in it.
    pub finding: FindingId,
    /// How a person refers to it: "R3 of the 2017 full inspection".
    pub label: String,
    /// What it said.
    pub text: String,
    /// How alike the two are, in whole percent.
    pub percent: u32,
}

impl EarlierRecommendation {
    /// The export's view of `repeat` in `ws`.
    pub fn of(repeat: &crate::insights::Repeat, ws: &crate::workspace::Workspace) -> Self {
        Self {
            report: repeat.earlier.report.clone(),
            finding: repeat.earlier.finding.clone(),
            label: repeat.earlier_label(ws),
            text: ws.finding(&repeat.earlier).map(|(_, f)| f.text.clone()).unwrap_or_default(),
            percent: repeat.percent(),
        }
    }

    /// In a line, as [`crate::insights::Repeat::summary`] says it: "Repeats R3 of the
    /// 2017 full inspection (48% alike)".
    pub fn summary(&self) -> String {
        crate::insights::repeat_summary(&self.label, self.percent)
    }
}

/// A recommendation's progress, derived from its actions (a serialisable copy of the
/// model's [`Progress`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanProgress {
    /// Actions that count (all but the cancelled).
    pub live: usize,
    /// Of which finished.
    pub done: usize,
    /// Actions overdue.
    pub overdue: usize,
    /// The worst RAG among the actions.
    pub worst_rag: Option<Rag>,
    /// The earliest due date of the unfinished actions.
    pub next_due: Option<Date>,
}

impl From<&Progress> for PlanProgress {
    fn from(p: &Progress) -> Self {
        Self { live: p.live(), done: p.done(), overdue: p.overdue, worst_rag: p.worst_rag, next_due: p.next_due }
    }
}

impl PlanProgress {
    /// One line for people: "2 of 3 actions done · 1 overdue".
    pub fn summary(&self) -> String {
        let mut out = format!("{} of {} action{} done", self.done, self.live, if self.live == 1 { "" } else { "s" });
        if self.overdue > 0 {
            out.push_str(&format!(" · {} overdue", self.overdue));
        }
        out
    }
}

/// What a "since the last board" entry reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SinceKind {
    /// A progress update was added.
    Update,
    /// The status changed.
    Status,
    /// The due date was revised.
    DueDate,
}

impl SinceKind {
    /// A label in sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Self::Update => "Update",
            Self::Status => "Status",
            Self::DueDate => "Due date revised",
        }
    }
}

/// One change since the last board: an update, a status change or a revised due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SinceEntry {
    /// The day it happened.
    pub date: Date,
    /// The action's (or the recommendation's) reference.
    pub reference: String,
    /// The action's title (or the recommendation's text), for context, cut to
    /// [`SUBJECT_CHARS`] characters.
    pub subject: String,
    /// What sort of change.
    pub kind: SinceKind,
    /// What was said or changed.
    pub text: String,
    /// Who made it, when known.
    pub author: Option<String>,
}

/// A report's plan: its header with the deadline filled in, and the changes since the
/// last board.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummary {
    /// Who leads the plan (empty when nobody is named).
    pub lead: String,
    /// The deadline for submitting the plan: the one set, else the statutory one.
    pub submission_deadline: Option<Date>,
    /// Whether the deadline is the statutory one (70 working days after publication).
    pub deadline_is_statutory: bool,
    /// The improvement board's meeting dates, in date order.
    pub board_meetings: Vec<Date>,
    /// The day the "since" list starts after: `--since`, else the latest board meeting on
    /// or before today; `None` when there is neither (then there is no list).
    pub since: Option<Date>,
    /// Changes after `since`, oldest first.
    pub changes: Vec<SinceEntry>,
    /// How many actions the plan has in this export.
    pub actions: usize,
}

/// Builds the export's view of one report's plan as it goes: the references, the actions
/// grouped by recommendation, and the report's change-log records.
pub(crate) struct PlanBuilder<'a> {
    report: &'a ImportedReport,
    refs: PlanRefs,
    by_finding: HashMap<&'a FindingId, Vec<&'a Action>>,
}

impl<'a> PlanBuilder<'a> {
    /// Prepares the plan of `report`.
    pub(crate) fn new(report: &'a ImportedReport) -> Self {
        let mut by_finding: HashMap<&FindingId, Vec<&Action>> = HashMap::new();
        for action in &report.actions {
            by_finding.entry(&action.finding).or_default().push(action);
        }
        Self { report, refs: PlanRefs::of(report), by_finding }
    }

    /// A recommendation's or priority action's reference (`R2`).
    pub(crate) fn reference(&self, finding: &FindingId) -> Option<&str> {
        self.refs.finding(finding)
    }

    /// A recommendation's actions and progress on `today`.
    pub(crate) fn actions(&self, finding: &FindingId, today: Date) -> (Vec<PlanAction>, Option<PlanProgress>) {
        let actions = self.by_finding.get(finding).map(Vec::as_slice).unwrap_or_default();
        if actions.is_empty() {
            return (Vec::new(), None);
        }
        let progress = PlanProgress::from(&Progress::of(actions.iter().copied(), today));
        let rows = actions
            .iter()
            .map(|a| {
                let reference = self.refs.action(&a.id).map_or_else(|| a.id.0.clone(), str::to_owned);
                PlanAction::of(a, reference, today)
            })
            .collect();
        (rows, Some(progress))
    }

    /// The plan's header and its changes after the "since" day, counting only the
    /// recommendations in `exported` (those the export's filters kept). `statutory` is
    /// the computed deadline, used when none is set.
    pub(crate) fn summary(
        &self,
        exported: &[&'a FindingId],
        change_log: &[&ChangeRecord],
        since: Option<Date>,
        statutory: Option<Date>,
        today: Date,
    ) -> PlanSummary {
        let plan = &self.report.plan;
        let mut board_meetings = plan.board_meetings.clone();
        board_meetings.sort();
        let since = since.or_else(|| board_meetings.iter().rev().find(|d| **d <= today).copied());
        let actions = exported.iter().map(|f| self.by_finding.get(f).map_or(0, Vec::len)).sum();
        let changes = since.map(|since| self.changes_after(since, exported, change_log)).unwrap_or_default();
        PlanSummary {
            lead: plan.lead.clone().unwrap_or_default(),
            submission_deadline: plan.submission_deadline.or(statutory),
            deadline_is_statutory: plan.submission_deadline.is_none() && statutory.is_some(),
            board_meetings,
            since,
            changes,
            actions,
        }
    }

    /// Updates and due-date revisions from the actions themselves (which keep their
    /// authors), and status changes from the change log, strictly after `since`.
    fn changes_after(&self, since: Date, exported: &[&FindingId], change_log: &[&ChangeRecord]) -> Vec<SinceEntry> {
        let mut out = Vec::new();
        let kept: HashSet<&FindingId> = exported.iter().copied().collect();
        for finding in exported {
            for action in self.by_finding.get(finding).map(Vec::as_slice).unwrap_or_default() {
                let reference = self.refs.action(&action.id).map_or_else(|| action.id.0.clone(), str::to_owned);
                for update in action.updates.iter().filter(|u| u.date > since) {
                    out.push(SinceEntry {
                        date: update.date,
                        reference: reference.clone(),
                        subject: action.title.clone(),
                        kind: SinceKind::Update,
                        text: update.text.clone(),
                        author: update.author.clone(),
                    });
                }
                for revision in action.due_revisions.iter().filter(|r| r.at.date() > since) {
                    let date =
                        |d: Option<Date>| d.map_or_else(|| "none".to_owned(), |d| d.format("%-d %B %Y").to_string());
                    let mut text = format!("{} → {}", date(revision.from), date(revision.to));
                    if !revision.reason.trim().is_empty() {
                        text.push_str(&format!(": {}", revision.reason));
                    }
                    out.push(SinceEntry {
                        date: revision.at.date(),
                        reference: reference.clone(),
                        subject: action.title.clone(),
                        kind: SinceKind::DueDate,
                        text,
                        author: revision.author.clone(),
                    });
                }
            }
        }
        // Status changes live only in the change log: an action's, or the recommendation's own.
        for record in change_log.iter().filter(|r| r.at.date() > since && kept.contains(&r.finding)) {
            let (reference, subject) = match (&record.action, record.field.as_str()) {
                (Some(id), "action.status") => match self.report.action(id) {
                    Some(action) => (self.refs.action(id).unwrap_or(&id.0).to_owned(), action.title.clone()),
                    // An action since removed: its change is history, still worth telling.
                    None => (id.0.clone(), String::new()),
                },
                (None, "status") => (
                    self.refs.finding(&record.finding).unwrap_or(&record.finding.0).to_owned(),
                    self.report.finding(&record.finding).map(|f| f.text.clone()).unwrap_or_default(),
                ),
                _ => continue,
            };
            out.push(SinceEntry {
                date: record.at.date(),
                reference,
                subject,
                kind: SinceKind::Status,
                text: record.summary.clone(),
                author: record.author.clone(),
            });
        }
        for entry in &mut out {
            entry.subject = super::shorten(&entry.subject, SUBJECT_CHARS);
        }
        // Stable: on one day, entries keep plan order.
        out.sort_by_key(|e| e.date);
        out
    }
}
