//! The open document: the workspace, its file, the undo history, whether it has unsaved
//! changes, and two counters the window's caches key on (`revision` moves on every change,
//! `structure` when reports are added, re-imported or replaced, or the taxonomy is
//! swapped). Its methods are the only way to change the workspace, and each keeps the
//! counters and the unsaved flag true itself, so no caller can forget to. No egui here.
//!
//! It also keeps the version of the file its work is based on (the file's hash and what it
//! held), so a save after someone else saved merges instead of overwriting
//! (`workspace::io::save_guarded`); conflicts wait in [`Document::pending_merge`] until the
//! user settles them.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::model::{ReportId, Stamp, Taxonomy};
use crate::parse::ParsedReport;
use crate::workspace::io::{Base, FileHash, OnConflict, SaveOutcome, SharedSaveError};
use crate::workspace::merge::{Choices, Incoming, Merged, merge};
use crate::workspace::{AddOutcome, Edit, EditError, History, Loaded, Workspace};

/// The open workspace and everything that follows its changes.
#[derive(Debug)]
pub struct Document {
    workspace: Workspace,
    path: Option<PathBuf>,
    history: History,
    dirty: bool,
    revision: u64,
    structure: u64,
    /// The file's version the work is based on (for `path`): its hash and content.
    base: Option<(FileHash, Workspace)>,
    pending: Option<PendingMerge>,
    author: Option<String>,
}

/// Someone else's save that conflicts with the work in memory, waiting for the user.
#[derive(Debug)]
pub struct PendingMerge {
    /// The file as they saved it.
    pub theirs: Workspace,
    /// Its hash.
    pub theirs_hash: FileHash,
    /// The merge with every conflict settled for ours: `merged.conflicts` is what to ask.
    pub merged: Merged,
    /// A file the user chose to merge in (File › Merge a workspace…), not a save of the
    /// document's own file: settling it changes the work and writes nothing.
    pub from_other_file: bool,
}

/// What [`Document::save`] (or settling a pending merge) did.
#[derive(Debug, PartialEq)]
pub enum SaveReport {
    /// Written; nobody else had saved.
    Saved,
    /// Someone else had saved: their changes are merged in (and shown) and written.
    MergedIn(Incoming),
    /// Someone else had saved and both changed some fields: nothing written; see
    /// [`Document::pending_merge`].
    Conflicts(usize),
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
            base: None,
            pending: None,
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
        let structural = self.history.undo_changes_structure();
        let label = self.history.undo(&mut self.workspace, stamp)?;
        if structural {
            self.structure_changed()
        } else {
            self.changed()
        }
        Some(label)
    }

    /// Redoes the last undone edit; returns its label.
    pub fn redo(&mut self, now: NaiveDateTime) -> Option<String> {
        let stamp = self.stamp(now);
        let structural = self.history.redo_changes_structure();
        let label = self.history.redo(&mut self.workspace, stamp)?;
        if structural {
            self.structure_changed()
        } else {
            self.changed()
        }
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
    /// Without the file's hash, the next save to `path` cannot tell whether someone else
    /// saved meanwhile: open files with [`Self::open`], or give work that came from `path`
    /// its base with [`Self::set_base`].
    pub fn replace(&mut self, workspace: Workspace, path: Option<PathBuf>) {
        self.workspace = workspace;
        self.path = path;
        self.history.clear();
        self.dirty = false;
        self.structure += 1;
        self.revision += 1;
        self.base = None;
        self.pending = None;
    }

    /// Shows a workspace loaded from `path`, remembering the version loaded so later
    /// saves merge with anyone else's.
    pub fn open(&mut self, loaded: Loaded, path: PathBuf) {
        let hash = loaded.file_hash;
        self.replace(loaded.workspace, Some(path));
        self.base = Some((hash, self.workspace.clone()));
    }

    /// Takes `loaded` (what the document's file holds now) as the version the work is based
    /// on: for work shown with [`Self::replace`] that came from that file, such as a
    /// restored recovery file, so that its next save merges with anyone else's.
    pub fn set_base(&mut self, loaded: Loaded) {
        self.base = Some((loaded.file_hash, loaded.workspace));
    }

    /// A merge of someone else's save waiting for the user to settle its conflicts.
    pub fn pending_merge(&self) -> Option<&PendingMerge> {
        self.pending.as_ref()
    }

    /// The user closed the conflict dialog without choosing: nothing is written, the
    /// work stays unsaved.
    pub fn cancel_pending_merge(&mut self) {
        self.pending = None;
    }

    /// Saves to `path`. When `path` is the document's file and someone saved it since it
    /// was loaded (or last saved), merges their changes in first (shown at once); if both
    /// changed a field differently, writes nothing and keeps the conflicts in
    /// [`Self::pending_merge`] for [`Self::settle_and_save`]. A different `path` (Save as)
    /// is written as it is.
    pub fn save(&mut self, path: &Path, user: &str, now: NaiveDateTime) -> Result<SaveReport, SharedSaveError> {
        let base = match &self.base {
            Some((hash, ws)) if self.path.as_deref() == Some(path) => Some(Base { hash: Some(*hash), workspace: ws }),
            _ => None,
        };
        let outcome = crate::workspace::io::save_guarded(&self.workspace, path, base, OnConflict::Ask, user, now)?;
        Ok(match outcome {
            SaveOutcome::Written { hash } => {
                self.base = Some((hash, self.workspace.clone()));
                self.saved_to(path.to_owned());
                SaveReport::Saved
            }
            SaveOutcome::Merged { hash, merged } => {
                let incoming = merged.incoming.clone();
                self.take_merged(merged.workspace, now);
                self.base = Some((hash, self.workspace.clone()));
                self.saved_to(path.to_owned());
                SaveReport::MergedIn(incoming)
            }
            SaveOutcome::Conflicts { theirs, theirs_hash, merged } => {
                let count = merged.conflicts.len();
                self.pending = Some(PendingMerge { theirs, theirs_hash, merged, from_other_file: false });
                SaveReport::Conflicts(count)
            }
        })
    }

    /// Settles the pending merge's conflicts by `choices`, takes the merge as the work,
    /// and saves it (merging again should someone have saved once more meanwhile).
    pub fn settle_and_save(
        &mut self,
        choices: &Choices,
        user: &str,
        now: NaiveDateTime,
    ) -> Result<SaveReport, SharedSaveError> {
        if self.pending.as_ref().is_some_and(|p| p.from_other_file) {
            let Some(pending) = self.pending.take() else { return Ok(SaveReport::Saved) };
            let merged = merge(None, &self.workspace, &pending.theirs, choices);
            let incoming = merged.incoming.clone();
            self.take_merged(merged.workspace, now);
            return Ok(SaveReport::MergedIn(incoming));
        }
        let (Some(pending), Some(path)) = (self.pending.take(), self.path.clone()) else {
            return Ok(SaveReport::Saved);
        };
        let base = self.base.as_ref().map(|(_, ws)| ws);
        let merged = merge(base, &self.workspace, &pending.theirs, choices);
        self.take_merged(merged.workspace, now);
        self.base = Some((pending.theirs_hash, pending.theirs));
        self.save(&path, user, now)
    }

    /// Brings in a workspace someone else saved to the document's file (the window
    /// noticed the file change): merged with the work in memory, which stays unsaved if it
    /// has anything theirs lacks. Conflicts wait in [`Self::pending_merge`]; then nothing
    /// changes yet.
    pub fn bring_in(&mut self, theirs: Loaded, now: NaiveDateTime) -> SaveReport {
        let base = self.base.as_ref().map(|(_, ws)| ws);
        let merged = merge(base, &self.workspace, &theirs.workspace, &Choices::default());
        if !merged.conflicts.is_empty() {
            let count = merged.conflicts.len();
            let (theirs_hash, theirs) = (theirs.file_hash, theirs.workspace);
            self.pending = Some(PendingMerge { theirs, theirs_hash, merged, from_other_file: false });
            return SaveReport::Conflicts(count);
        }
        let incoming = merged.incoming.clone();
        let unsaved = self.dirty || merged.workspace != theirs.workspace;
        self.take_merged(merged.workspace, now);
        self.base = Some((theirs.file_hash, theirs.workspace));
        self.dirty = unsaved;
        SaveReport::MergedIn(incoming)
    }

    /// How many change-log records the work has beyond the version it is based on (what a
    /// save brings in; all of them for a workspace never saved).
    pub fn changes_since_base(&self) -> usize {
        let base = self.base.as_ref().map_or(0, |(_, ws)| ws.change_log.len());
        self.workspace.change_log.len().saturating_sub(base)
    }

    /// Merges another copy of a workspace into the work (two-way: the copies' common
    /// version is not known, so every field that differs is a conflict, waiting in
    /// [`Self::pending_merge`]). Nothing is saved; the merge is unsaved work.
    pub fn merge_in(&mut self, other: Loaded, now: NaiveDateTime) -> SaveReport {
        let merged = merge(None, &self.workspace, &other.workspace, &Choices::default());
        if !merged.conflicts.is_empty() {
            let count = merged.conflicts.len();
            let pending =
                PendingMerge { theirs: other.workspace, theirs_hash: other.file_hash, merged, from_other_file: true };
            self.pending = Some(pending);
            return SaveReport::Conflicts(count);
        }
        let incoming = merged.incoming.clone();
        self.take_merged(merged.workspace, now);
        SaveReport::MergedIn(incoming)
    }

    /// Whether the file on disk is still the version the work is based on (`None` when
    /// the document has no file or was not opened from one).
    pub fn base_hash(&self) -> Option<FileHash> {
        self.base.as_ref().map(|(hash, _)| *hash)
    }

    /// Takes a merge's result as the workspace, as one undo step (see
    /// [`Edit::TakeMerge`]). The steps before it stay: they are field changes, still
    /// meaningful on the merged workspace.
    fn take_merged(&mut self, workspace: Workspace, now: NaiveDateTime) {
        let swap = crate::workspace::merge_edit::MergeSwap::between(&self.workspace, workspace);
        if swap.is_empty(&self.workspace) {
            return;
        }
        let stamp = self.stamp(now);
        // The swap was built from this workspace, so it applies; a refusal leaves it as it was.
        if self.history.apply(&mut self.workspace, Edit::TakeMerge(Box::new(swap)), stamp).is_ok() {
            self.structure_changed();
        }
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

    fn owner(doc: &Document, t: &crate::workspace::FindingRef) -> Option<String> {
        doc.workspace().annotation(t).and_then(|a| a.owner.clone())
    }

    #[test]
    fn a_save_after_someone_else_saved_asks_about_conflicts_and_writes_nothing_until_settled() {
        use crate::workspace::io;
        use crate::workspace::merge::Side;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.ron");
        let ws = crate::workspace::synthetic::workspace(1, 10, 9);
        io::save(&ws, &path).expect("saves");
        let mut doc = Document::new(Workspace::new(test_taxonomy()));
        doc.open(io::load_with_warnings(&path).expect("loads"), path.clone());
        let target = |n: usize| crate::workspace::FindingRef {
            report: ws.reports[0].id.clone(),
            finding: ws.reports[0].findings[n].id.clone(),
        };
        let mut theirs = ws.clone();
        theirs.apply(Edit::SetOwner { target: target(1), owner: Some("Theirs".into()) }, test_now()).expect("edit");
        io::save(&theirs, &path).expect("saves");
        doc.apply(Edit::SetOwner { target: target(1), owner: Some("Mine".into()) }, test_now()).expect("edit");
        let on_disk = std::fs::read(&path).expect("reads");

        assert_eq!(doc.save(&path, "me", test_now()).expect("checks"), SaveReport::Conflicts(1));
        assert_eq!(std::fs::read(&path).expect("reads"), on_disk, "written before the user chose");
        assert!(doc.is_dirty());
        let conflict = &doc.pending_merge().expect("pending").merged.conflicts[0];
        let mut choices = Choices::default();
        choices.by_site.insert(conflict.site.clone(), Side::Theirs);
        assert_eq!(doc.settle_and_save(&choices, "me", test_now()).expect("saves"), SaveReport::Saved);
        assert!(!doc.is_dirty() && doc.pending_merge().is_none());
        assert_eq!(owner(&doc, &target(1)).as_deref(), Some("Theirs"));
        assert_eq!(&io::load(&path).expect("loads"), doc.workspace());
    }
}
