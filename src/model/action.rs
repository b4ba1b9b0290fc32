//! Action plans as councils write them: each recommendation or priority action of a report
//! gets several [`Action`]s, each with its own lead, dates, measure of success, evidence and
//! dated progress updates; a report carries its plan's header ([`PlanHeader`]). Human
//! references (`R2`, `P1`, `R2.1`) are derived from report order, never stored, so they
//! stay the same across re-imports of the same report.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::{Date, Finding, FindingId, FindingKind, ImportedReport, ProgressUpdate, Rag, Status};

/// An action's id: fixed when the action is created, unique across the workspace and
/// across colleagues' copies of it (it is a hash of who created it, when and what), so
/// merging two copies never confuses two actions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActionId(pub String);

impl ActionId {
    /// A new id from everything that makes this creation unique: `act-` and 12 hex digits
    /// of the SHA-256 of the parts.
    pub fn derive(parts: &[&str]) -> Self {
        let mut hasher = Sha256::new();
        for part in parts {
            hasher.update(part.as_bytes());
            hasher.update([0]);
        }
        let digest = hasher.finalize();
        let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        Self(format!("act-{hex}"))
    }
}

impl std::fmt::Display for ActionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A change of an action's due date, kept for ever: the board asks why a date moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueRevision {
    /// The due date before the change.
    pub from: Option<Date>,
    /// The new due date.
    pub to: Option<Date>,
    /// Why it moved.
    pub reason: String,
    /// Who moved it.
    #[serde(default)]
    pub author: Option<String>,
    /// When.
    pub at: NaiveDateTime,
}

/// What will show that an action worked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Measure {
    /// The measure, e.g. "Percentage of visits within timescale".
    pub measure: String,
    /// Where it stood at the start.
    pub baseline: String,
    /// Where it should get to.
    pub target: String,
    /// The latest value.
    pub latest: String,
}

impl Measure {
    /// Whether nothing has been said.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// One line for tables and exports: "measure (baseline → target; latest: value)".
    pub fn summary(&self) -> String {
        let mut out = self.measure.clone();
        let range = match (self.baseline.is_empty(), self.target.is_empty()) {
            (true, true) => String::new(),
            (false, true) => format!("baseline {}", self.baseline),
            (true, false) => format!("target {}", self.target),
            (false, false) => format!("{} → {}", self.baseline, self.target),
        };
        let mut extra: Vec<String> = Vec::new();
        if !range.is_empty() {
            extra.push(range);
        }
        if !self.latest.is_empty() {
            extra.push(format!("latest {}", self.latest));
        }
        if !extra.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&format!("({})", extra.join("; ")));
        }
        out
    }
}

/// One action of a report's action plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Stable id.
    pub id: ActionId,
    /// The recommendation or priority action it belongs to.
    pub finding: FindingId,
    /// Further findings it addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<FindingId>,
    /// What will be done, in a line.
    pub title: String,
    /// More about it.
    #[serde(default)]
    pub description: String,
    /// Who leads it.
    #[serde(default)]
    pub lead: Option<String>,
    /// Partner agencies or colleagues involved.
    #[serde(default)]
    pub partners: Vec<String>,
    /// When work starts.
    #[serde(default)]
    pub start: Option<Date>,
    /// When it is due now (after any revisions).
    #[serde(default)]
    pub due: Option<Date>,
    /// Every change of the due date after it was first set, oldest first.
    #[serde(default)]
    pub due_revisions: Vec<DueRevision>,
    /// Where it stands.
    #[serde(default)]
    pub status: Status,
    /// Why it was cancelled, when it was.
    #[serde(default)]
    pub cancel_reason: Option<String>,
    /// Red, amber, green or blue.
    #[serde(default)]
    pub rag: Option<Rag>,
    /// Why that RAG, in a line.
    #[serde(default)]
    pub rag_rationale: String,
    /// What will show it worked.
    #[serde(default)]
    pub measure: Measure,
    /// Links or references to evidence.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Dated progress updates, oldest first; only ever appended.
    #[serde(default)]
    pub updates: Vec<ProgressUpdate>,
    /// Who created it.
    #[serde(default)]
    pub created_by: Option<String>,
    /// When it was created.
    pub created_at: NaiveDateTime,
}

impl Action {
    /// A new action with only its title, for `finding`.
    /// Splits a planned action written as free text into the action's title (its first
    /// line) and description (the rest), the way a plan kept as one text field reads.
    pub fn title_and_description(planned: &str) -> (String, String) {
        match planned.trim().split_once('\n') {
            Some((first, rest)) => (first.trim().to_owned(), rest.trim().to_owned()),
            None => (planned.trim().to_owned(), String::new()),
        }
    }

    pub fn new(id: ActionId, finding: FindingId, title: String, author: Option<String>, now: NaiveDateTime) -> Self {
        Self {
            id,
            finding,
            addresses: Vec::new(),
            title,
            description: String::new(),
            lead: None,
            partners: Vec::new(),
            start: None,
            due: None,
            due_revisions: Vec::new(),
            status: Status::NotStarted,
            cancel_reason: None,
            rag: None,
            rag_rationale: String::new(),
            measure: Measure::default(),
            evidence: Vec::new(),
            updates: Vec::new(),
            created_by: author,
            created_at: now,
        }
    }

    /// Days past the due date (0 when not overdue, or finished).
    pub fn days_overdue(&self, today: Date) -> i64 {
        days_overdue(self.due, self.status, today)
    }

    /// Whether it is past its due date and not finished.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.days_overdue(today) > 0
    }

    /// The due date first agreed, when it has been revised since.
    pub fn original_due(&self) -> Option<Date> {
        self.due_revisions.first().and_then(|r| r.from)
    }

    /// The newest progress update.
    pub fn latest_update(&self) -> Option<&ProgressUpdate> {
        self.updates.last()
    }
}

/// Days past `due` for work with this status on `today`: 0 when there is no due date, it
/// is not yet due, or the work is finished. The one overdue rule for annotations and actions.
pub fn days_overdue(due: Option<Date>, status: Status, today: Date) -> i64 {
    match due {
        Some(due) if !status.is_finished() => (today - due).num_days().max(0),
        _ => 0,
    }
}

/// Where a finding stands, as [`ImportedReport::finding_state`] derives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingState {
    /// Its status (not started when nothing is planned).
    pub status: Status,
    /// When it is due: a recommendation's next unfinished action's due date.
    pub due: Option<Date>,
    /// How many days past due it is (0 when it is not).
    pub days_overdue: i64,
}

impl FindingState {
    /// Whether it is past its due date and not finished.
    pub fn overdue(&self) -> bool {
        self.days_overdue > 0
    }
}

/// A report's action plan header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanHeader {
    /// Who leads the plan.
    pub lead: Option<String>,
    /// The deadline for submitting the plan, when the user set one; otherwise the
    /// statutory one is computed (`export::dates::suggested_due_date`).
    pub submission_deadline: Option<Date>,
    /// The improvement board's meeting dates, in date order.
    pub board_meetings: Vec<Date>,
}

impl PlanHeader {
    /// Whether nothing has been said.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// A recommendation's progress, derived from its actions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// How many actions it has (cancelled ones included).
    pub total: usize,
    /// Actions by status.
    pub by_status: BTreeMap<Status, usize>,
    /// The worst RAG of its actions (red worst, then amber, green, blue).
    pub worst_rag: Option<Rag>,
    /// The earliest due date of its unfinished actions.
    pub next_due: Option<Date>,
    /// How many of its actions are overdue.
    pub overdue: usize,
}

impl Progress {
    /// Progress over a set of actions on `today`.
    pub fn of<'a>(actions: impl IntoIterator<Item = &'a Action>, today: Date) -> Self {
        let mut progress = Self::default();
        for action in actions {
            progress.total += 1;
            *progress.by_status.entry(action.status).or_default() += 1;
            if let Some(rag) = action.rag {
                progress.worst_rag = Some(progress.worst_rag.map_or(rag, |worst| worst.min(rag)));
            }
            if !action.status.is_finished()
                && let Some(due) = action.due
            {
                progress.next_due = Some(progress.next_due.map_or(due, |next| next.min(due)));
            }
            if action.is_overdue(today) {
                progress.overdue += 1;
            }
        }
        progress
    }

    /// The status a recommendation takes from its actions; `None` when it has none.
    /// Cancelled when every action is; otherwise, over the rest: the least advanced
    /// finished status when all are finished, not started when none has started, on hold
    /// when every unfinished one is, else in progress.
    pub fn status(&self) -> Option<Status> {
        let live: Vec<Status> =
            self.by_status.iter().filter(|(s, n)| **s != Status::Cancelled && **n > 0).map(|(s, _)| *s).collect();
        if self.total == 0 {
            return None;
        }
        let unfinished: Vec<Status> = live.iter().copied().filter(|s| !s.is_finished()).collect();
        Some(match (live.first(), unfinished.as_slice()) {
            (None, _) => Status::Cancelled,
            (Some(least), []) => *least,
            (_, [Status::NotStarted]) if live.len() == 1 => Status::NotStarted,
            (_, [Status::OnHold]) => Status::OnHold,
            _ => Status::InProgress,
        })
    }

    /// Actions finished (complete, verified, closed), not counting cancelled ones.
    pub fn done(&self) -> usize {
        self.by_status.iter().filter(|(s, _)| s.is_finished() && **s != Status::Cancelled).map(|(_, n)| n).sum()
    }

    /// Actions that count towards progress: all but the cancelled.
    pub fn live(&self) -> usize {
        self.total - self.by_status.get(&Status::Cancelled).copied().unwrap_or(0)
    }

    /// The share done, 0 to 1 (0 with no live actions).
    pub fn fraction_done(&self) -> f32 {
        match self.live() {
            0 => 0.0,
            live => self.done() as f32 / live as f32,
        }
    }
}

/// A report's human references: recommendations numbered in report order (`R1`, `R2`…),
/// priority actions likewise (`P1`…), and each action as its recommendation's reference
/// and its place among that recommendation's actions (`R2.1`). Built once per report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanRefs {
    findings: HashMap<FindingId, String>,
    actions: HashMap<ActionId, String>,
}

impl PlanRefs {
    /// The references of one report.
    pub fn of(report: &ImportedReport) -> Self {
        let mut findings = HashMap::new();
        let (mut r, mut p) = (0, 0);
        for finding in &report.findings {
            let reference = match finding.kind {
                FindingKind::Recommendation => {
                    r += 1;
                    format!("R{r}")
                }
                FindingKind::PriorityAction => {
                    p += 1;
                    format!("P{p}")
                }
                FindingKind::Finding | FindingKind::Summary => continue,
            };
            findings.insert(finding.id.clone(), reference);
        }
        let mut actions = HashMap::new();
        let mut counts: HashMap<&FindingId, usize> = HashMap::new();
        for action in &report.actions {
            let n = counts.entry(&action.finding).or_default();
            *n += 1;
            let parent = findings.get(&action.finding).map_or_else(|| action.finding.0.clone(), Clone::clone);
            actions.insert(action.id.clone(), format!("{parent}.{n}"));
        }
        Self { findings, actions }
    }

    /// A recommendation's or priority action's reference (`R2`, `P1`).
    pub fn finding(&self, id: &FindingId) -> Option<&str> {
        self.findings.get(id).map(String::as_str)
    }

    /// An action's reference (`R2.1`).
    pub fn action(&self, id: &ActionId) -> Option<&str> {
        self.actions.get(id).map(String::as_str)
    }
}

impl ImportedReport {
    /// The actions of one recommendation, in plan order.
    pub fn actions_of<'a>(&'a self, finding: &'a FindingId) -> impl Iterator<Item = &'a Action> + 'a {
        self.actions.iter().filter(move |a| &a.finding == finding)
    }

    /// The action with this id.
    pub fn action(&self, id: &ActionId) -> Option<&Action> {
        self.actions.iter().find(|a| &a.id == id)
    }

    /// The recommendations and priority actions the plan is built on, in report order.
    pub fn plan_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.kind.is_action())
    }

    /// A recommendation's progress on `today`, from its actions.
    pub fn progress(&self, finding: &FindingId, today: Date) -> Progress {
        Progress::of(self.actions_of(finding), today)
    }

    /// A finding's status, due date and lateness on `today`, as lists and filters show
    /// them: a recommendation or priority action with actions takes them from its actions
    /// (its plan lives there since schema 3: the next due date, the latest action's
    /// lateness); any other finding, and a recommendation not yet planned, from its
    /// annotation. For every finding of a report at once, [`FindingStates`] goes through
    /// the actions once instead of once a finding.
    pub fn finding_state(&self, finding: &Finding, today: Date) -> FindingState {
        let actions: Vec<&Action> =
            if finding.kind.is_action() { self.actions_of(&finding.id).collect() } else { Vec::new() };
        planned_state(&actions, today).unwrap_or_else(|| annotated_state(self, finding, today))
    }
}

/// A recommendation's state from its actions; `None` when it has none.
fn planned_state(actions: &[&Action], today: Date) -> Option<FindingState> {
    let progress = Progress::of(actions.iter().copied(), today);
    let status = progress.status()?;
    let days_overdue = actions.iter().map(|a| a.days_overdue(today)).max().unwrap_or(0);
    Some(FindingState { status, due: progress.next_due, days_overdue })
}

/// A finding's state from its annotation (not started, undated, when it has none).
fn annotated_state(report: &ImportedReport, finding: &Finding, today: Date) -> FindingState {
    let annotation = report.annotations.get(&finding.id);
    FindingState {
        status: annotation.map_or(Status::NotStarted, |a| a.status),
        due: annotation.and_then(|a| a.due_date),
        days_overdue: annotation.map_or(0, |a| a.days_overdue(today)),
    }
}

/// Every finding's state in one report on `today` ([`ImportedReport::finding_state`]),
/// with the actions grouped by recommendation in one pass: for the lists, filters,
/// exports and figures that look at every finding.
pub struct FindingStates<'a> {
    report: &'a ImportedReport,
    today: Date,
    planned: HashMap<&'a FindingId, FindingState>,
}

impl<'a> FindingStates<'a> {
    /// The states of `report`'s findings.
    pub fn of(report: &'a ImportedReport, today: Date) -> Self {
        let mut by_finding: HashMap<&FindingId, Vec<&Action>> = HashMap::new();
        for action in &report.actions {
            by_finding.entry(&action.finding).or_default().push(action);
        }
        let planned = by_finding
            .into_iter()
            .filter_map(|(finding, actions)| Some((finding, planned_state(&actions, today)?)))
            .collect();
        Self { report, today, planned }
    }

    /// One finding's state.
    pub fn get(&self, finding: &Finding) -> FindingState {
        match self.planned.get(&finding.id) {
            Some(state) if finding.kind.is_action() => *state,
            _ => annotated_state(self.report, finding, self.today),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn every_findings_state_at_once_is_each_findings_state() {
        let ws = crate::workspace::synthetic::workspace(3, 120, 1);
        let today = crate::workspace::synthetic::test_today();
        let mut planned = 0;
        for report in &ws.reports {
            let states = FindingStates::of(report, today);
            for finding in &report.findings {
                assert_eq!(states.get(finding), report.finding_state(finding, today), "{}", finding.id);
                planned += usize::from(report.actions_of(&finding.id).next().is_some());
            }
        }
        assert!(planned > 0, "the sample has recommendations with actions");
    }

    #[test]
    fn a_recommendation_takes_its_status_from_its_actions() {
        let status_of = |statuses: &[Status]| {
            let actions: Vec<Action> = statuses
                .iter()
                .enumerate()
                .map(|(i, status)| {
                    let mut action = Action::new(
                        ActionId::derive(&[&i.to_string()]),
                        FindingId("rec".into()),
                        "t".into(),
                        None,
                        NaiveDateTime::default(),
                    );
                    action.status = *status;
                    action
                })
                .collect();
            Progress::of(&actions, date("2026-01-01")).status()
        };
        use Status::*;
        assert_eq!(status_of(&[]), None);
        assert_eq!(status_of(&[NotStarted, NotStarted]), Some(NotStarted));
        assert_eq!(status_of(&[NotStarted, Closed]), Some(InProgress), "one done, one not begun: under way");
        assert_eq!(status_of(&[Closed, Verified, Cancelled]), Some(Verified), "the least advanced finished");
        assert_eq!(status_of(&[AwaitingEvidence, Closed]), Some(AwaitingEvidence));
        assert_eq!(status_of(&[OnHold, Closed]), Some(OnHold));
        assert_eq!(status_of(&[OnHold, InProgress]), Some(InProgress));
        assert_eq!(status_of(&[Cancelled, Cancelled]), Some(Cancelled));
        assert_eq!(status_of(&[NotStarted, Cancelled]), Some(NotStarted));
    }

    fn action(id: &str, finding: &str, status: Status, rag: Option<Rag>, due: Option<&str>) -> Action {
        let mut a =
            Action::new(ActionId(id.into()), FindingId(finding.into()), id.into(), None, NaiveDateTime::default());
        a.status = status;
        a.rag = rag;
        a.due = due.map(date);
        a
    }

    #[test]
    fn progress_counts_statuses_worst_rag_next_due_and_overdue() {
        let actions = [
            action("a", "r", Status::InProgress, Some(Rag::Green), Some("2026-03-01")),
            action("b", "r", Status::NotStarted, Some(Rag::Amber), Some("2026-01-01")),
            action("c", "r", Status::Verified, Some(Rag::Blue), Some("2025-01-01")),
            action("d", "r", Status::Cancelled, Some(Rag::Red), None),
        ];
        let p = Progress::of(&actions, date("2026-02-01"));
        assert_eq!(p.total, 4);
        assert_eq!(p.worst_rag, Some(Rag::Red));
        assert_eq!(p.next_due, Some(date("2026-01-01")), "finished actions' dates do not count");
        assert_eq!(p.overdue, 1);
        assert_eq!((p.done(), p.live()), (1, 3));
        assert!((p.fraction_done() - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!(Progress::of(&[], date("2026-02-01")).fraction_done(), 0.0);
    }

    #[test]
    fn derived_ids_differ_by_any_part() {
        let a = ActionId::derive(&["ws", "r1", "2026-01-01T10:00:00", "sam"]);
        assert_eq!(a, ActionId::derive(&["ws", "r1", "2026-01-01T10:00:00", "sam"]));
        assert_ne!(a, ActionId::derive(&["ws", "r1", "2026-01-01T10:00:00", "alex"]));
        assert_ne!(ActionId::derive(&["ab", "c"]), ActionId::derive(&["a", "bc"]));
        assert!(a.0.starts_with("act-") && a.0.len() == 16);
    }

    #[test]
    fn measure_summary_reads_as_a_line() {
        let m = Measure {
            measure: "Visits in time".into(),
            baseline: "60%".into(),
            target: "90%".into(),
            latest: "75%".into(),
        };
        assert_eq!(m.summary(), "Visits in time (60% → 90%; latest 75%)");
        assert_eq!(Measure::default().summary(), "");
    }
}
