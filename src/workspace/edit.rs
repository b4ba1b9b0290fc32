//! [`Edit`]: every change a user can make to a workspace, as data. Applying an edit
//! returns its inverse, which is what undo applies; each applied change appends a dated
//! [`ChangeRecord`] to the workspace's audit trail (an undo is a change too).

use super::{FindingRef, Workspace};
use crate::model::{
    Action, ActionId, Annotation, CategoryId, ChangeRecord, Date, DueRevision, FindingId, PlanHeader, ProgressUpdate,
    Rag, ReportId, Stamp, Status,
};

pub use super::action_edit::ActionChange;

/// One change to a finding's annotation, or a batch of them.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Override the automatic category; `None` goes back to the automatic one.
    SetCategory {
        /// The finding.
        target: FindingRef,
        /// The user's category.
        category: Option<CategoryId>,
    },
    /// Set the status, with the reason when it is cancelled.
    SetStatus {
        /// The finding.
        target: FindingRef,
        /// The new status.
        status: Status,
        /// Why it was cancelled.
        cancel_reason: Option<String>,
    },
    /// Set or clear the RAG rating.
    SetRag {
        /// The finding.
        target: FindingRef,
        /// The rating.
        rag: Option<Rag>,
    },
    /// Set or clear the owner.
    SetOwner {
        /// The finding.
        target: FindingRef,
        /// Who owns the action.
        owner: Option<String>,
    },
    /// Set or clear the due date.
    SetDueDate {
        /// The finding.
        target: FindingRef,
        /// When it is due.
        due_date: Option<Date>,
    },
    /// Replace the planned action.
    SetPlannedAction {
        /// The finding.
        target: FindingRef,
        /// The new text.
        text: String,
    },
    /// Replace the notes.
    SetNotes {
        /// The finding.
        target: FindingRef,
        /// The new text.
        text: String,
    },
    /// Replace the evidence links.
    SetEvidence {
        /// The finding.
        target: FindingRef,
        /// The links, in order.
        evidence: Vec<String>,
    },
    /// Flag or unflag as important.
    SetImportant {
        /// The finding.
        target: FindingRef,
        /// The flag.
        important: bool,
    },
    /// Append a dated progress update.
    AddUpdate {
        /// The finding.
        target: FindingRef,
        /// The update.
        update: ProgressUpdate,
    },
    /// Remove the newest progress update. Exists only as the inverse of `AddUpdate`
    /// (undo); the UI never offers it, because updates are never overwritten.
    RemoveLastUpdate {
        /// The finding.
        target: FindingRef,
    },
    /// Add an action to a recommendation (`target`) at `index` in the report's list of
    /// actions, or after the recommendation's last action when `None`.
    AddAction {
        /// The recommendation or priority action.
        target: FindingRef,
        /// The new action, with its id.
        action: Box<Action>,
        /// Where in the report's actions.
        index: Option<usize>,
    },
    /// Remove an action. The UI cancels actions instead; this is the inverse of `AddAction`.
    RemoveAction {
        /// The action's recommendation.
        target: FindingRef,
        /// The action.
        action: ActionId,
    },
    /// Change one field of an action.
    SetAction {
        /// The action's recommendation.
        target: FindingRef,
        /// The action.
        action: ActionId,
        /// The field and its new value.
        change: ActionChange,
    },
    /// Move an action to `to` in the report's list of actions (reordering a plan).
    MoveAction {
        /// The action's recommendation.
        target: FindingRef,
        /// The action.
        action: ActionId,
        /// Its new index in the report's actions.
        to: usize,
    },
    /// Move an action's due date, keeping the old date, the reason, who and when.
    ReviseDue {
        /// The action's recommendation.
        target: FindingRef,
        /// The action.
        action: ActionId,
        /// The revision (its `from` is the current due date).
        revision: DueRevision,
    },
    /// Take back the newest due-date revision. Only the inverse of `ReviseDue` (undo).
    UnreviseDue {
        /// The action's recommendation.
        target: FindingRef,
        /// The action.
        action: ActionId,
    },
    /// Append a dated progress update to an action.
    AddActionUpdate {
        /// The action's recommendation.
        target: FindingRef,
        /// The action.
        action: ActionId,
        /// The update.
        update: ProgressUpdate,
    },
    /// Remove an action's newest update. Only the inverse of `AddActionUpdate` (undo).
    RemoveLastActionUpdate {
        /// The action's recommendation.
        target: FindingRef,
        /// The action.
        action: ActionId,
    },
    /// Replace a report's action plan header.
    SetPlan {
        /// The report.
        report: ReportId,
        /// The new header.
        plan: PlanHeader,
    },
    /// Take a merge's result (another copy of the workspace, or someone else's save,
    /// merged in) as one step; its inverse takes the merge back. See `merge_edit`.
    TakeMerge(Box<super::merge_edit::MergeSwap>),
    /// Several edits as one undo step; its inverse is the reversed batch of inverses.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Whether it may add, remove or replace reports or swap the taxonomy (what the
    /// window's caches of the findings key on), rather than change annotations and plans.
    pub fn changes_structure(&self) -> bool {
        match self {
            Self::TakeMerge(_) => true,
            Self::Batch(edits) => edits.iter().any(Self::changes_structure),
            _ => false,
        }
    }

    /// What the edit does, in sentence case, for menus ("Undo set status").
    pub fn label(&self) -> String {
        match self {
            Self::Batch(edits) => {
                let first = edits.first().map(Self::label);
                match first {
                    None => "No change".to_owned(),
                    Some(label) if edits.len() == 1 => label,
                    Some(label) if edits.iter().all(|e| e.label() == label) => {
                        format!("{label} on {} findings", edits.len())
                    }
                    Some(_) => format!("Change {} fields", edits.len()),
                }
            }
            leaf => leaf.field_label().to_owned(),
        }
    }

    fn field_label(&self) -> &'static str {
        match self {
            Self::SetCategory { .. } => "Set category",
            Self::SetStatus { .. } => "Set status",
            Self::SetRag { .. } => "Set RAG",
            Self::SetOwner { .. } => "Set owner",
            Self::SetDueDate { .. } => "Set due date",
            Self::SetPlannedAction { .. } => "Edit planned action",
            Self::SetNotes { .. } => "Edit notes",
            Self::SetEvidence { .. } => "Edit evidence",
            Self::SetImportant { .. } => "Set important",
            Self::AddUpdate { .. } => "Add progress update",
            Self::RemoveLastUpdate { .. } => "Remove progress update",
            Self::AddAction { .. } => "Add action",
            Self::RemoveAction { .. } => "Remove action",
            Self::SetAction { change, .. } => change.label(),
            Self::MoveAction { .. } => "Move action",
            Self::ReviseDue { .. } => "Revise due date",
            Self::UnreviseDue { .. } => "Take back due date revision",
            Self::AddActionUpdate { .. } => "Add action update",
            Self::RemoveLastActionUpdate { .. } => "Remove action update",
            Self::SetPlan { .. } => "Edit plan header",
            Self::TakeMerge(_) => "Merge in changes",
            Self::Batch(_) => "Change findings",
        }
    }

    /// The finding a single edit changes; `None` for a batch.
    pub fn target(&self) -> Option<&FindingRef> {
        match self {
            Self::SetCategory { target, .. }
            | Self::SetStatus { target, .. }
            | Self::SetRag { target, .. }
            | Self::SetOwner { target, .. }
            | Self::SetDueDate { target, .. }
            | Self::SetPlannedAction { target, .. }
            | Self::SetNotes { target, .. }
            | Self::SetEvidence { target, .. }
            | Self::SetImportant { target, .. }
            | Self::AddUpdate { target, .. }
            | Self::RemoveLastUpdate { target }
            | Self::AddAction { target, .. }
            | Self::RemoveAction { target, .. }
            | Self::SetAction { target, .. }
            | Self::MoveAction { target, .. }
            | Self::ReviseDue { target, .. }
            | Self::UnreviseDue { target, .. }
            | Self::AddActionUpdate { target, .. }
            | Self::RemoveLastActionUpdate { target, .. } => Some(target),
            Self::SetPlan { .. } | Self::TakeMerge(_) | Self::Batch(_) => None,
        }
    }
}

/// Why an edit could not be applied. The workspace is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No report has this id.
    #[error("there is no report with id '{0}' in the workspace")]
    UnknownReport(ReportId),
    /// The report (or, with `report: None`, every report) has no finding with this id.
    #[error("{}", unknown_finding_message(report.as_ref(), finding))]
    UnknownFinding {
        /// The report searched, when one was named.
        report: Option<ReportId>,
        /// The id asked for.
        finding: FindingId,
    },
    /// A bare finding id that several reports share.
    #[error("finding id '{finding}' is in several reports; name one as {}", candidates.iter().map(ToString::to_string).collect::<Vec<_>>().join(" or "))]
    Ambiguous {
        /// The id asked for.
        finding: FindingId,
        /// Where it was found.
        candidates: Vec<FindingRef>,
    },
    /// The category is not in the workspace's taxonomy.
    #[error("there is no category '{id}' in the taxonomy (expected one of: {})", valid.join(", "))]
    UnknownCategory {
        /// The id asked for.
        id: CategoryId,
        /// The taxonomy's ids, in display order.
        valid: Vec<String>,
    },
    /// `RemoveLastUpdate` on a finding without updates.
    #[error("finding {0} has no progress update to remove")]
    NoUpdateToRemove(FindingRef),
    /// No action with this id belongs to the recommendation.
    #[error("{0} has no action with id '{1}'")]
    UnknownAction(FindingRef, ActionId),
    /// An action id already taken in the report.
    #[error("report '{0}' already has an action with id '{1}'")]
    DuplicateAction(ReportId, ActionId),
    /// Actions belong to recommendations and priority actions only.
    #[error("{0} is not a recommendation or priority action, so it cannot have actions")]
    NotAPlanItem(FindingRef),
    /// No action has this id or reference.
    #[error("no action has the id or reference '{0}'")]
    NoSuchAction(String),
    /// A reference several reports share.
    #[error("several reports have an action '{wanted}'; name one as {}", candidates.join(" or "))]
    AmbiguousAction {
        /// What was asked for.
        wanted: String,
        /// The qualified references that match.
        candidates: Vec<String>,
    },
    /// The action has nothing of that kind to take back.
    #[error("action '{0}' has nothing to take back")]
    NothingToTakeBack(ActionId),
}

fn unknown_finding_message(report: Option<&ReportId>, finding: &FindingId) -> String {
    match report {
        Some(report) => format!("report '{report}' has no finding with id '{finding}'"),
        None => format!("no report in the workspace has a finding with id '{finding}'"),
    }
}

impl Workspace {
    /// Checks an edit (and every edit of a batch) against the workspace without changing it.
    pub(super) fn validate(&self, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::Batch(edits) => {
                // Simulate update counts so a batch that removes more updates than exist is refused whole.
                let mut removed: std::collections::HashMap<&FindingRef, isize> = Default::default();
                for e in flatten(edits) {
                    self.validate_leaf(e)?;
                    match e {
                        Edit::AddUpdate { target, .. } => *removed.entry(target).or_default() -= 1,
                        Edit::RemoveLastUpdate { target } => {
                            let count = removed.entry(target).or_default();
                            *count += 1;
                            let have = self.annotation(target).map_or(0, |a| a.updates.len()) as isize;
                            if *count > have {
                                return Err(EditError::NoUpdateToRemove(target.clone()));
                            }
                        }
                        _ => {}
                    }
                }
                Ok(())
            }
            leaf => {
                self.validate_leaf(leaf)?;
                if let Edit::RemoveLastUpdate { target } = leaf
                    && self.annotation(target).is_none_or(|a| a.updates.is_empty())
                {
                    return Err(EditError::NoUpdateToRemove(target.clone()));
                }
                Ok(())
            }
        }
    }

    fn validate_leaf(&self, edit: &Edit) -> Result<(), EditError> {
        if let Edit::TakeMerge(swap) = edit {
            return super::merge_edit::validate(self, swap);
        }
        if let Some(target) = edit.target() {
            self.check_target(target)?;
        }
        if let Edit::SetCategory { category: Some(id), .. } = edit
            && self.taxonomy.get(id).is_none()
        {
            return Err(EditError::UnknownCategory {
                id: id.clone(),
                valid: self.taxonomy.categories.iter().map(|c| c.id.0.clone()).collect(),
            });
        }
        Ok(())
    }
}

fn flatten(edits: &[Edit]) -> Box<dyn Iterator<Item = &Edit> + '_> {
    Box::new(edits.iter().flat_map(|e| -> Box<dyn Iterator<Item = &Edit> + '_> {
        match e {
            Edit::Batch(inner) => flatten(inner),
            leaf => Box::new(std::iter::once(leaf)),
        }
    }))
}

/// Applies an edit already validated by [`Workspace::validate`]. Action edits are checked
/// as they apply; when one of a batch is refused, the edits before it are taken back (their
/// inverses applied, their change-log entries dropped), so a batch applies whole or not at all.
pub(super) fn apply_valid(ws: &mut Workspace, edit: Edit, stamp: &Stamp) -> Result<Edit, EditError> {
    let logged = ws.change_log.len();
    let mut applied = Vec::new();
    apply_tree(ws, edit, stamp, &mut applied).inspect_err(|_| {
        for inverse in applied.into_iter().rev() {
            // Each inverse takes back a change just made, so it applies.
            let _ = apply_tree(ws, inverse, stamp, &mut Vec::new());
        }
        ws.change_log.truncate(logged);
    })
}

/// Applies `edit` and returns its inverse; the inverse of every leaf applied is also pushed
/// onto `applied`, so that a refused batch can be taken back.
fn apply_tree(ws: &mut Workspace, edit: Edit, stamp: &Stamp, applied: &mut Vec<Edit>) -> Result<Edit, EditError> {
    let inverse = match edit {
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for e in edits {
                inverses.push(apply_tree(ws, e, stamp, applied)?);
            }
            inverses.reverse();
            return Ok(Edit::Batch(inverses));
        }
        Edit::TakeMerge(swap) => super::merge_edit::apply(ws, *swap),
        leaf if super::action_edit::is_plan_edit(&leaf) => super::action_edit::apply(ws, leaf, stamp)?,
        leaf => apply_leaf(ws, leaf, stamp)?,
    };
    applied.push(inverse.clone());
    Ok(inverse)
}

fn apply_leaf(ws: &mut Workspace, edit: Edit, stamp: &Stamp) -> Result<Edit, EditError> {
    let now = stamp.at;
    let Some(target) = edit.target().cloned() else {
        return Ok(Edit::Batch(Vec::new()));
    };
    let category_label = |ws: &Workspace, c: &Option<CategoryId>| match c {
        Some(id) => ws.taxonomy.label(id).to_owned(),
        None => "automatic".to_owned(),
    };
    let (field, summary) = match &edit {
        Edit::SetCategory { category, .. } => ("category", category_label(ws, category)),
        Edit::SetStatus { status, cancel_reason, .. } => (
            "status",
            match cancel_reason {
                Some(reason) if !reason.is_empty() => format!("{} ({})", status.label(), excerpt(reason)),
                _ => status.label().to_owned(),
            },
        ),
        Edit::SetRag { rag, .. } => ("rag", rag.map_or("none".to_owned(), |r| r.label().to_owned())),
        Edit::SetOwner { owner, .. } => ("owner", owner.as_deref().map_or("none".to_owned(), excerpt)),
        Edit::SetDueDate { due_date, .. } => ("due_date", due_date.map_or("none".to_owned(), |d| d.to_string())),
        Edit::SetPlannedAction { text, .. } => ("planned_action", excerpt(text)),
        Edit::SetNotes { text, .. } => ("notes", excerpt(text)),
        Edit::SetEvidence { evidence, .. } => ("evidence", format!("{} link(s)", evidence.len())),
        Edit::SetImportant { important, .. } => ("important", if *important { "yes" } else { "no" }.to_owned()),
        Edit::AddUpdate { update, .. } => ("updates", format!("added {}: {}", update.date, excerpt(&update.text))),
        Edit::RemoveLastUpdate { .. } => ("updates", "removed the newest update".to_owned()),
        _ => ("", String::new()),
    };
    let report = ws.report_mut(&target.report).ok_or_else(|| EditError::UnknownReport(target.report.clone()))?;
    let annotation: &mut Annotation = report.annotations.entry(target.finding.clone()).or_default();
    let inverse = match edit {
        Edit::SetCategory { target, category } => {
            Edit::SetCategory { target, category: std::mem::replace(&mut annotation.category, category) }
        }
        Edit::SetStatus { target, status, cancel_reason } => Edit::SetStatus {
            target,
            status: std::mem::replace(&mut annotation.status, status),
            cancel_reason: std::mem::replace(&mut annotation.cancel_reason, cancel_reason),
        },
        Edit::SetRag { target, rag } => Edit::SetRag { target, rag: std::mem::replace(&mut annotation.rag, rag) },
        Edit::SetOwner { target, owner } => {
            Edit::SetOwner { target, owner: std::mem::replace(&mut annotation.owner, owner) }
        }
        Edit::SetDueDate { target, due_date } => {
            Edit::SetDueDate { target, due_date: std::mem::replace(&mut annotation.due_date, due_date) }
        }
        Edit::SetPlannedAction { target, text } => {
            Edit::SetPlannedAction { target, text: std::mem::replace(&mut annotation.planned_action, text) }
        }
        Edit::SetNotes { target, text } => {
            Edit::SetNotes { target, text: std::mem::replace(&mut annotation.notes, text) }
        }
        Edit::SetEvidence { target, evidence } => {
            Edit::SetEvidence { target, evidence: std::mem::replace(&mut annotation.evidence, evidence) }
        }
        Edit::SetImportant { target, important } => {
            Edit::SetImportant { target, important: std::mem::replace(&mut annotation.important, important) }
        }
        Edit::AddUpdate { target, update } => {
            annotation.updates.push(update);
            Edit::RemoveLastUpdate { target }
        }
        Edit::RemoveLastUpdate { target } => match annotation.updates.pop() {
            Some(update) => Edit::AddUpdate { target, update },
            None => {
                // Validation rules this out; keep the map tidy and refuse anyway.
                if annotation.is_empty() {
                    report.annotations.remove(&target.finding);
                }
                return Err(EditError::NoUpdateToRemove(target));
            }
        },
        other => unreachable_plan_edit(other),
    };
    // An annotation back to all defaults says nothing; dropping it keeps the file small.
    if annotation.is_empty() {
        report.annotations.remove(&target.finding);
    }
    ws.change_log.push(ChangeRecord {
        action: None,
        author: stamp.author.clone(),
        at: now,
        report: target.report,
        finding: target.finding,
        field: field.to_owned(),
        summary,
    });
    Ok(inverse)
}

/// `apply_all` sends action and plan edits (and batches) elsewhere, so none reaches the
/// annotation code; an empty batch keeps that promise without a panic.
fn unreachable_plan_edit(_: Edit) -> Edit {
    Edit::Batch(Vec::new())
}

/// The first line of a text, cut to about 60 characters, for the change log.
pub(super) fn excerpt(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    if out.is_empty() { "(empty)".to_owned() } else { out }
}
