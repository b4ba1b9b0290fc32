//! The open document: the workspace, its file, the undo history, whether it has unsaved
//! changes, and two counters the window's caches key on (`revision` moves on every change,
//! `structure` when reports are added, re-imported or replaced, or the taxonomy is
//! swapped). Its methods are the only way to change the workspace, and each keeps the
//! counters and the unsaved flag true itself, so no caller can forget to. No egui here.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::model::{ReportId, Stamp, Taxonomy};
use crate::parse::ParsedReport;
use crate::workspace::{AddOutcome, Edit, EditError, History, Workspace};

/// The open workspace and everything that follows its changes.
#[derive(Debug)]
pub struct Document {
    workspace: Workspace,
    path: Option<PathBuf>,
    history: History,
    dirty: bool,
    revision: u64,
    structure: u64,
    author: Option<String>,
}

impl Document {
    /// A document showing `workspace`, not saved anywhere yet and with nothing to save.
    pub fn new(workspace: Workspace) -> Self {
        Self {
            workspace,
            path: None,
            history: History::new(),
            dirty: false,
            revision: 0,
            structure: 0,
            author: crate::workspace::io::os_user_name(),
        }
    }

    /// Who is making the changes (the name in Preferences): it goes into the change log and
    /// onto every progress update and due-date revision. Blank means unknown.
    pub fn set_author(&mut self, name: &str) {
        self.author = Stamp::new(NaiveDateTime::default(), Some(name)).author;
    }

    /// Who is making the changes, when known.
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    /// A stamp of the author at `now`, for edits and for what they carry (updates, revisions).
    pub fn stamp(&self, now: NaiveDateTime) -> Stamp {
        Stamp { at: now, author: self.author.clone() }
    }

    /// The workspace, read-only.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Its file, once saved or opened.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Uses `path` as the document's file from now on (the content is unchanged).
    pub fn set_path(&mut self, path: Option<PathBuf>) {
        self.path = path;
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Moves on every change to the workspace (edits, undo, imports, replacement).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Moves when the set of findings changes (reports added, re-imported, replaced) or the
    /// taxonomy is swapped.
    pub fn structure(&self) -> u64 {
        self.structure
    }

    /// The undo history (for "Undo set status" labels and enabling undo and redo).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The name shown in the title and the header: the file's stem, or "Untitled workspace".
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "Untitled workspace".to_owned(), |s| s.to_string_lossy().into_owned())
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.dirty = true;
    }

    fn structure_changed(&mut self) {
        self.structure += 1;
        self.changed();
    }

    /// Applies an edit through the undo history.
    pub fn apply(&mut self, edit: Edit, now: NaiveDateTime) -> Result<(), EditError> {
        let stamp = self.stamp(now);
        self.history.apply(&mut self.workspace, edit, stamp)?;
        self.changed();
        Ok(())
    }

    /// Undoes the last edit; returns its label.
    pub fn undo(&mut self, now: NaiveDateTime) -> Option<String> {
        let stamp = self.stamp(now);
        let label = self.history.undo(&mut self.workspace, stamp)?;
        self.changed();
        Some(label)
    }

    /// Redoes the last undone edit; returns its label.
    pub fn redo(&mut self, now: NaiveDateTime) -> Option<String> {
        let stamp = self.stamp(now);
        let label = self.history.redo(&mut self.workspace, stamp)?;
        self.changed();
        Some(label)
    }

    /// Adds (or re-imports) a parsed report.
    pub fn add_report(&mut self, parsed: ParsedReport, path: &Path, hash: &str, now: NaiveDateTime) -> AddOutcome {
        let outcome = self.workspace.add_report(parsed, path, hash, now);
        self.structure_changed();
        outcome
    }

    /// Points a report at its source file's new place.
    pub fn relink(&mut self, id: &ReportId, path: PathBuf) -> Result<(), EditError> {
        self.workspace.relink(id, path)?;
        self.structure_changed();
        Ok(())
    }

    /// Uses `taxonomy` for the workspace (an empty workspace adopts the user's taxonomy
    /// before its first import): chips, pickers and the table's counts change with it.
    pub fn adopt_taxonomy(&mut self, taxonomy: Taxonomy) {
        if self.workspace.taxonomy != taxonomy {
            self.workspace.taxonomy = taxonomy;
            self.structure_changed();
        }
    }

    /// Shows another workspace, from `path` (or unsaved): history cleared, nothing to save.
    pub fn replace(&mut self, workspace: Workspace, path: Option<PathBuf>) {
        self.workspace = workspace;
        self.path = path;
        self.history.clear();
        self.dirty = false;
        self.structure += 1;
        self.revision += 1;
    }

    /// Marks restored work (a recovery file) as unsaved.
    pub fn mark_unsaved(&mut self) {
        self.dirty = true;
    }

    /// The document was written to `path`, which is its file from now on.
    pub fn saved_to(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.dirty = false;
    }

    /// The user chose to drop the unsaved changes (the window is about to close or show
    /// another workspace).
    pub fn discard_changes(&mut self) {
        self.dirty = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::synthetic::{small_workspace, test_now, test_taxonomy};

    #[test]
    fn every_change_moves_the_counters_and_marks_unsaved() {
        let mut doc = Document::new(small_workspace());
        let target = doc.workspace().findings().next().map(|(t, ..)| t).expect("a finding");
        let (r0, s0) = (doc.revision(), doc.structure());
        doc.apply(Edit::SetImportant { target, important: true }, test_now()).expect("edit");
        assert!(doc.is_dirty() && doc.revision() > r0 && doc.structure() == s0);
        let r1 = doc.revision();
        assert!(doc.undo(test_now()).is_some());
        assert!(doc.revision() > r1);
        let r2 = doc.revision();
        assert!(doc.redo(test_now()).is_some());
        assert!(doc.revision() > r2);

        doc.saved_to(PathBuf::from("plan.ron"));
        assert!(!doc.is_dirty());
        assert_eq!(doc.name(), "plan");
        let mut taxonomy = test_taxonomy();
        taxonomy.categories.pop();
        let (r3, s3) = (doc.revision(), doc.structure());
        doc.adopt_taxonomy(taxonomy);
        assert!(doc.is_dirty() && doc.revision() > r3 && doc.structure() > s3, "the taxonomy swap counts");

        let (r4, s4) = (doc.revision(), doc.structure());
        doc.replace(Workspace::new(test_taxonomy()), None);
        assert!(!doc.is_dirty() && doc.revision() > r4 && doc.structure() > s4);
        assert!(!doc.history().can_undo());
    }
}
