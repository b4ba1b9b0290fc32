//! The action-plan edits of [`Edit`]: adding, changing, moving and taking back actions,
//! their due-date revisions and progress updates, and a report's plan header. Each is
//! checked as it applies (the workspace is untouched when one is refused), returns its
//! inverse, and writes a [`ChangeRecord`] naming the action and who made the change.

use super::edit::excerpt;
use super::{Edit, EditError, FindingRef, Workspace};
use crate::model::{Action, ActionId, ChangeRecord, Date, FindingId, ImportedReport, Measure, Rag, Stamp, Status};

/// A change to one field of an action.
#[derive(Clone, Debug, PartialEq)]
pub enum ActionChange {
    /// What will be done, in a line.
    Title(String),
    /// More about it.
    Description(String),
    /// Who leads it.
    Lead(Option<String>),
    /// Partner agencies or colleagues.
    Partners(Vec<String>),
    /// When work starts.
    Start(Option<Date>),
    /// The due date, set without a revision: the first date, or clearing it. Moving a date
    /// already set is [`Edit::ReviseDue`], which keeps the reason.
    Due(Option<Date>),
    /// Where it stands, with the reason when cancelled.
    Status {
        /// The status.
        status: Status,
        /// Why it was cancelled.
        cancel_reason: Option<String>,
    },
    /// The RAG rating and why.
    Rag {
        /// The rating.
        rag: Option<Rag>,
        /// Why, in a line.
        rationale: String,
    },
    /// The measure of success.
    Measure(Measure),
    /// Evidence links, in order.
    Evidence(Vec<String>),
    /// Further findings it addresses.
    Addresses(Vec<FindingId>),
}

impl ActionChange {
    /// What the change does, for menus and undo ("Set action lead").
    pub fn label(&self) -> &'static str {
        match self {
            Self::Title(_) => "Edit action title",
            Self::Description(_) => "Edit action description",
            Self::Lead(_) => "Set action lead",
            Self::Partners(_) => "Set action partners",
            Self::Start(_) => "Set action start",
            Self::Due(_) => "Set action due date",
            Self::Status { .. } => "Set action status",
            Self::Rag { .. } => "Set action RAG",
            Self::Measure(_) => "Edit measure of success",
            Self::Evidence(_) => "Edit action evidence",
            Self::Addresses(_) => "Link findings to action",
        }
    }

    /// The change-log field and a short description of the new value.
    fn describe(&self) -> (&'static str, String) {
        let or_none = |v: Option<String>| v.unwrap_or_else(|| "none".to_owned());
        match self {
            Self::Title(t) => ("action.title", excerpt(t)),
            Self::Description(t) => ("action.description", excerpt(t)),
            Self::Lead(l) => ("action.lead", or_none(l.as_deref().map(excerpt))),
            Self::Partners(p) => ("action.partners", excerpt(&p.join(", "))),
            Self::Start(d) => ("action.start", or_none(d.map(|d| d.to_string()))),
            Self::Due(d) => ("action.due", or_none(d.map(|d| d.to_string()))),
            Self::Status { status, cancel_reason } => (
                "action.status",
                match cancel_reason {
                    Some(reason) if !reason.is_empty() => format!("{} ({})", status.label(), excerpt(reason)),
                    _ => status.label().to_owned(),
                },
            ),
            Self::Rag { rag, rationale } => (
                "action.rag",
                match (rag, rationale.is_empty()) {
                    (None, _) => "none".to_owned(),
                    (Some(r), true) => r.label().to_owned(),
                    (Some(r), false) => format!("{} ({})", r.label(), excerpt(rationale)),
                },
            ),
            Self::Measure(m) => ("action.measure", excerpt(&m.summary())),
            Self::Evidence(e) => ("action.evidence", format!("{} link(s)", e.len())),
            Self::Addresses(f) => ("action.addresses", format!("{} finding(s)", f.len())),
        }
    }

    /// Puts the new value into `action` and returns the change that puts the old one back
    /// (for an action not yet in a workspace, e.g. one being built before `AddAction`).
    pub fn apply_to(self, action: &mut Action) -> Self {
        use std::mem::replace;
        match self {
            Self::Title(t) => Self::Title(replace(&mut action.title, t)),
            Self::Description(t) => Self::Description(replace(&mut action.description, t)),
            Self::Lead(l) => Self::Lead(replace(&mut action.lead, l)),
            Self::Partners(p) => Self::Partners(replace(&mut action.partners, p)),
            Self::Start(d) => Self::Start(replace(&mut action.start, d)),
            Self::Due(d) => Self::Due(replace(&mut action.due, d)),
            Self::Status { status, cancel_reason } => Self::Status {
                status: replace(&mut action.status, status),
                cancel_reason: replace(&mut action.cancel_reason, cancel_reason),
            },
            Self::Rag { rag, rationale } => Self::Rag {
                rag: replace(&mut action.rag, rag),
                rationale: replace(&mut action.rag_rationale, rationale),
            },
            Self::Measure(m) => Self::Measure(replace(&mut action.measure, m)),
            Self::Evidence(e) => Self::Evidence(replace(&mut action.evidence, e)),
            Self::Addresses(f) => Self::Addresses(replace(&mut action.addresses, f)),
        }
    }
}

/// Whether `edit` is one of the action-plan edits this module applies.
pub(super) fn is_plan_edit(edit: &Edit) -> bool {
    matches!(
        edit,
        Edit::AddAction { .. }
            | Edit::RemoveAction { .. }
            | Edit::SetAction { .. }
            | Edit::MoveAction { .. }
            | Edit::ReviseDue { .. }
            | Edit::UnreviseDue { .. }
            | Edit::AddActionUpdate { .. }
            | Edit::RemoveLastActionUpdate { .. }
            | Edit::SetPlan { .. }
    )
}

/// Applies one action-plan edit and returns its inverse; refuses it, changing nothing,
/// when its report, recommendation or action is not there.
pub(super) fn apply(ws: &mut Workspace, edit: Edit, stamp: &Stamp) -> Result<Edit, EditError> {
    if let Edit::SetPlan { report, plan } = edit {
        let target = FindingRef { report: report.clone(), finding: FindingId(String::new()) };
        let found = ws.report_mut(&report).ok_or_else(|| EditError::UnknownReport(report.clone()))?;
        let summary = plan_summary(&plan);
        let old = std::mem::replace(&mut found.plan, plan);
        log(ws, stamp, &target, None, "plan", summary);
        return Ok(Edit::SetPlan { report, plan: old });
    }
    let Some(target) = edit.target().cloned() else {
        return Ok(Edit::Batch(Vec::new()));
    };
    let report = ws.report_mut(&target.report).ok_or_else(|| EditError::UnknownReport(target.report.clone()))?;
    let (inverse, id, field, summary) = match edit {
        Edit::AddAction { target, action, index } => {
            let kind = report.finding(&target.finding).map(|f| f.kind);
            if !kind.is_some_and(|k| k.is_action()) {
                return Err(EditError::NotAPlanItem(target));
            }
            if report.action(&action.id).is_some() {
                return Err(EditError::DuplicateAction(target.report, action.id));
            }
            let at = index.unwrap_or_else(|| insertion_point(report, &target.finding)).min(report.actions.len());
            let (id, summary) = (action.id.clone(), excerpt(&action.title));
            report.actions.insert(at, *action);
            (Edit::RemoveAction { target, action: id.clone() }, id, "action", format!("added: {summary}"))
        }
        Edit::RemoveAction { target, action } => {
            let at = position(report, &target, &action)?;
            let removed = report.actions.remove(at);
            let summary = format!("removed: {}", excerpt(&removed.title));
            (Edit::AddAction { target, action: Box::new(removed), index: Some(at) }, action, "action", summary)
        }
        Edit::SetAction { target, action, change } => {
            let at = position(report, &target, &action)?;
            let (field, summary) = change.describe();
            let old = change.apply_to(&mut report.actions[at]);
            (Edit::SetAction { target, action: action.clone(), change: old }, action, field, summary)
        }
        Edit::MoveAction { target, action, to } => {
            let from = position(report, &target, &action)?;
            let moved = report.actions.remove(from);
            let to = to.min(report.actions.len());
            report.actions.insert(to, moved);
            (
                Edit::MoveAction { target, action: action.clone(), to: from },
                action,
                "action.order",
                format!("moved to {}", to + 1),
            )
        }
        Edit::ReviseDue { target, action, mut revision } => {
            let at = position(report, &target, &action)?;
            let entry = &mut report.actions[at];
            revision.from = entry.due;
            if revision.author.is_none() {
                revision.author.clone_from(&stamp.author);
            }
            let summary = format!(
                "{} → {} ({})",
                revision.from.map_or("none".to_owned(), |d| d.to_string()),
                revision.to.map_or("none".to_owned(), |d| d.to_string()),
                excerpt(&revision.reason)
            );
            entry.due = revision.to;
            entry.due_revisions.push(revision);
            (Edit::UnreviseDue { target, action: action.clone() }, action, "action.due", summary)
        }
        Edit::UnreviseDue { target, action } => {
            let at = position(report, &target, &action)?;
            let entry = &mut report.actions[at];
            let revision = entry.due_revisions.pop().ok_or_else(|| EditError::NothingToTakeBack(action.clone()))?;
            entry.due = revision.from;
            let summary = format!("took back the move to {}", revision.to.map_or("none".to_owned(), |d| d.to_string()));
            (Edit::ReviseDue { target, action: action.clone(), revision }, action, "action.due", summary)
        }
        Edit::AddActionUpdate { target, action, mut update } => {
            let at = position(report, &target, &action)?;
            if update.author.is_none() {
                update.author.clone_from(&stamp.author);
            }
            let summary = format!("added {}: {}", update.date, excerpt(&update.text));
            report.actions[at].updates.push(update);
            (Edit::RemoveLastActionUpdate { target, action: action.clone() }, action, "action.updates", summary)
        }
        Edit::RemoveLastActionUpdate { target, action } => {
            let at = position(report, &target, &action)?;
            let update =
                report.actions[at].updates.pop().ok_or_else(|| EditError::NothingToTakeBack(action.clone()))?;
            let summary = "removed the newest update".to_owned();
            (Edit::AddActionUpdate { target, action: action.clone(), update }, action, "action.updates", summary)
        }
        other => return Ok(Edit::Batch(vec![other])),
    };
    log(ws, stamp, &target, Some(id), field, summary);
    Ok(inverse)
}

/// Where a new action of `finding` goes: after the recommendation's last action, else after
/// the last action of an earlier recommendation in report order, else first.
fn insertion_point(report: &ImportedReport, finding: &FindingId) -> usize {
    if let Some(last) = report.actions.iter().rposition(|a| &a.finding == finding) {
        return last + 1;
    }
    let order: std::collections::HashMap<&FindingId, usize> =
        report.findings.iter().enumerate().map(|(i, f)| (&f.id, i)).collect();
    let mine = order.get(finding).copied().unwrap_or(usize::MAX);
    report.actions.iter().rposition(|a| order.get(&a.finding).is_some_and(|&i| i < mine)).map_or(0, |i| i + 1)
}

/// The index of `action` in the report's actions, when it belongs to `target`.
fn position(report: &ImportedReport, target: &FindingRef, action: &ActionId) -> Result<usize, EditError> {
    report
        .actions
        .iter()
        .position(|a| &a.id == action && a.finding == target.finding)
        .ok_or_else(|| EditError::UnknownAction(target.clone(), action.clone()))
}

fn plan_summary(plan: &crate::model::PlanHeader) -> String {
    let lead = plan.lead.as_deref().map_or("no lead".to_owned(), excerpt);
    format!("{lead}; {} board meeting(s)", plan.board_meetings.len())
}

fn log(ws: &mut Workspace, stamp: &Stamp, target: &FindingRef, action: Option<ActionId>, field: &str, summary: String) {
    ws.change_log.push(ChangeRecord {
        at: stamp.at,
        report: target.report.clone(),
        finding: target.finding.clone(),
        action,
        author: stamp.author.clone(),
        field: field.to_owned(),
        summary,
    });
}

impl Workspace {
    /// Resolves an action typed by a user: its id (`act-…`), or its reference (`R2.1`,
    /// or `REPORT_ID/R2.1` where several reports have one). Returns its recommendation and id.
    pub fn resolve_action(&self, text: &str) -> Result<(FindingRef, ActionId), EditError> {
        let text = text.trim();
        let (reports, wanted): (Vec<&ImportedReport>, &str) = match text.split_once('/') {
            Some((report, rest)) => match self.report(&crate::model::ReportId(report.to_owned())) {
                Some(found) => (vec![found], rest),
                None => return Err(EditError::UnknownReport(crate::model::ReportId(report.to_owned()))),
            },
            None => (self.reports.iter().collect(), text),
        };
        let mut matches = Vec::new();
        for report in reports {
            let refs = crate::model::PlanRefs::of(report);
            for action in &report.actions {
                if action.id.0 == wanted || refs.action(&action.id).is_some_and(|r| r.eq_ignore_ascii_case(wanted)) {
                    matches.push((
                        FindingRef { report: report.id.clone(), finding: action.finding.clone() },
                        action.id.clone(),
                    ));
                }
            }
        }
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(EditError::NoSuchAction(wanted.to_owned())),
            _ => Err(EditError::AmbiguousAction {
                wanted: wanted.to_owned(),
                candidates: matches.iter().map(|(t, _)| format!("{}/{wanted}", t.report)).collect(),
            }),
        }
    }

    /// A new action id for `report`, unique in it: derived from the report, the
    /// recommendation, the time, the author and `salt` (what makes two creations in the same
    /// second differ, e.g. the title or the process id).
    pub fn new_action_id(&self, target: &FindingRef, stamp: &Stamp, salt: &str) -> ActionId {
        let at = stamp.at.to_string();
        let author = stamp.author.as_deref().unwrap_or("");
        let taken = |id: &ActionId| self.report(&target.report).is_some_and(|r| r.action(id).is_some());
        (0u32..)
            .map(|n| ActionId::derive(&[&target.report.0, &target.finding.0, &at, author, salt, &n.to_string()]))
            .find(|id| !taken(id))
            .unwrap_or_default()
    }
}
