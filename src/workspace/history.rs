//! [`History`]: the undo and redo stacks of one editing session. Deliberately not
//! `Serialize`: undo is per session, while the dated change log in the workspace file is
//! the lasting audit trail.

use crate::model::Stamp;

use super::{Edit, EditError, Workspace};

/// How many steps can be undone; older ones are forgotten.
pub const MAX_UNDOS: usize = 1000;

/// One step: the edit that goes back (or forward), and the label of the original change.
#[derive(Clone, Debug)]
struct Step {
    edit: Edit,
    label: String,
}

/// Undo and redo stacks, capped at [`MAX_UNDOS`].
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    cap: Option<usize>,
}

impl History {
    /// An empty history with the default cap.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty history that keeps at most `cap` undo steps (at least one).
    pub fn with_cap(cap: usize) -> Self {
        Self { cap: Some(cap.max(1)), ..Self::default() }
    }

    fn cap(&self) -> usize {
        self.cap.unwrap_or(MAX_UNDOS)
    }

    /// Applies a new edit and makes it undoable. Clears the redo stack.
    pub fn apply(&mut self, ws: &mut Workspace, edit: Edit, stamp: impl Into<Stamp>) -> Result<(), EditError> {
        let label = edit.label();
        let inverse = ws.apply(edit, stamp)?;
        self.redo.clear();
        self.undo.push(Step { edit: inverse, label });
        let cap = self.cap();
        if self.undo.len() > cap {
            let excess = self.undo.len() - cap;
            self.undo.drain(..excess);
        }
        Ok(())
    }

    /// Undoes the newest edit; returns its label, or `None` when there is nothing to undo
    /// (or the edit no longer applies, e.g. its report was removed; then the step is dropped).
    pub fn undo(&mut self, ws: &mut Workspace, stamp: impl Into<Stamp>) -> Option<String> {
        let step = self.undo.pop()?;
        let redo = ws.apply(step.edit, stamp).ok()?;
        self.redo.push(Step { edit: redo, label: step.label.clone() });
        Some(step.label)
    }

    /// Redoes the newest undone edit; returns its label, or `None` when there is nothing to redo.
    pub fn redo(&mut self, ws: &mut Workspace, stamp: impl Into<Stamp>) -> Option<String> {
        let step = self.redo.pop()?;
        let undo = ws.apply(step.edit, stamp).ok()?;
        self.undo.push(Step { edit: undo, label: step.label.clone() });
        Some(step.label)
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Whether what undo would undo adds, removes or replaces reports or the taxonomy
    /// (see [`Edit::changes_structure`]).
    pub fn undo_changes_structure(&self) -> bool {
        self.undo.last().is_some_and(|s| s.edit.changes_structure())
    }

    /// Whether what redo would redo does (see [`Self::undo_changes_structure`]).
    pub fn redo_changes_structure(&self) -> bool {
        self.redo.last().is_some_and(|s| s.edit.changes_structure())
    }

    /// The label of what undo would undo.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|s| s.label.clone())
    }

    /// The label of what redo would redo.
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(|s| s.label.clone())
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets everything, e.g. when another workspace is opened.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
