//! Running commands: the one place where what panels, dialogs, menus and shortcuts asked
//! for takes effect. `run_command` dispatches by area: files (open, save, import, export,
//! relink), edits (through the document's undo history), the selection, and the view
//! (filters, sort, theme, dialogs). The file work itself is in `files.rs`.

use eframe::egui;

use super::TrackerApp;
use crate::model::Status;
use crate::ui::commands::{Command, SelectMode, UiCommand};
use crate::ui::dialogs::confirm::PendingAction;
use crate::ui::dialogs::file::FilePurpose;
use crate::ui::state::MainView;
use crate::workspace::query::Selection;
use crate::workspace::{Edit, FindingRef};

impl TrackerApp {
    /// Runs one command.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Ui(command) => self.run_ui_command(ctx, command),
            Command::Edit(edit) => self.apply_edit(edit),
            Command::Select { target, mode } => self.select(target, mode),
            Command::SetCategoryOfSelection(category) => {
                self.edit_selection(|target| Edit::SetCategory { target, category: category.clone() });
            }
            Command::SetStatusOfSelection(status) => {
                self.edit_selection(|target| Edit::SetStatus { target, status, cancel_reason: None });
            }
            Command::SetRagOfSelection(rag) => self.edit_selection(|target| Edit::SetRag { target, rag }),
            Command::SetOwnerOfSelection(owner) => {
                self.edit_selection(|target| Edit::SetOwner { target, owner: owner.clone() });
            }
            Command::AssignTopCategory(n) => {
                if let Some(id) = self.model.top_categories.get(n.wrapping_sub(1)).cloned() {
                    self.run_command(ctx, Command::SetCategoryOfSelection(Some(id)));
                }
            }
            Command::AskCancelReason => {
                let targets: Vec<FindingRef> = self.selection.set.iter().cloned().collect();
                if !targets.is_empty() {
                    self.dialogs.cancel_prompt = Some((targets, String::new()));
                }
            }
            Command::CancelWithReason { targets, reason } => {
                let edits = targets
                    .into_iter()
                    .map(|target| Edit::SetStatus {
                        target,
                        status: Status::Cancelled,
                        cancel_reason: Some(reason.clone()),
                    })
                    .collect();
                self.apply_edit(batch(edits));
            }
            Command::FilterByReport(report) => self.state.filter.report = report,
            Command::ShowView(view) => match view {
                // The same as their menu commands: drafts kept, the plan scrolled to the selection.
                MainView::Findings => self.run_plan_ui_command(UiCommand::ShowFindings),
                MainView::Plan => self.run_plan_ui_command(UiCommand::ShowActionPlan),
                other => {
                    self.commit_drafts();
                    self.state.view = other;
                }
            },
            Command::ShowAuthority(code) => {
                self.state.authority = Some(code);
                self.state.view = MainView::Authority;
            }
            Command::FilterTable { category, status, kind } => {
                self.state.filter =
                    crate::workspace::query::Filter { category: Some(category), status, kind, ..Default::default() };
                self.state.view = MainView::Findings;
            }
            Command::FilterPlan(filter) => {
                self.state.action_filter = filter;
                self.state.filter.report = None;
                self.run_plan_ui_command(UiCommand::ShowActionPlan);
            }
            Command::SortBy(column) => self.state.sort.toggle(column),
            Command::SelectPlan { .. }
            | Command::AddAction(_)
            | Command::MoveAction { .. }
            | Command::DuplicateActions(_)
            | Command::AskCancelActions(_)
            | Command::CancelActionsWithReason { .. }
            | Command::AskDueChange { .. }
            | Command::ChangeDue { .. }
            | Command::SetActions { .. }
            | Command::AddActionUpdate { .. } => self.run_plan_command(command),
            command => self.run_file_command(ctx, command),
        }
    }

    /// The commands about files, workers and the unsaved-changes question.
    fn run_file_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenPaths(paths) => self.open_paths(ctx, paths),
            Command::OpenWorkspaceFile(path) => self.guard_unsaved(ctx, PendingAction::OpenWorkspace(path)),
            Command::SaveTo(path) => self.save_to(ctx, path),
            Command::SettleMerge(choices) => self.settle_merge(ctx, &choices),
            Command::OpenShared { path, mode } => {
                self.sharing.open_mode = mode;
                self.open_workspace(&path);
            }
            Command::BringInTheirSave => self.bring_in_their_save(),
            Command::MergeFrom(path) => self.merge_from(&path),
            Command::RestoreBackupFrom(backup) => self.restore_backup(ctx, &backup),
            Command::DeclineTheirSave => self.decline_their_save(),
            Command::CancelMerge => {
                self.doc.cancel_pending_merge();
                self.after_save = None;
                self.status_message = "Not saved: the conflicts are still to be settled".to_owned();
            }
            Command::SaveThen(action) => {
                self.after_save = Some(action);
                self.run_ui_command(ctx, UiCommand::Save);
            }
            Command::DiscardThen(action) => {
                self.discard_recovery();
                self.doc.discard_changes();
                self.do_pending(ctx, action);
            }
            Command::CancelImport => {
                if let Some(job) = &self.jobs.import {
                    job.cancel();
                    self.status_message = "Cancelling the import…".to_owned();
                }
            }
            Command::RestoreRecovery { recovery, workspace_path } => self.restore_recovery(&recovery, workspace_path),
            Command::DiscardRecovery(recovery) => {
                std::fs::remove_file(&recovery).ok();
            }
            Command::ChooseExportFile => self.choose_export_file(ctx),
            Command::ExportTo(path) => self.export_to(path),
            Command::ExportNationalTo(path) => self.export_national_to(path),
            Command::ForgetRecent(path) => self.state.recent_workspaces.retain(|p| p != &path),
            Command::RelinkReport(id) => {
                let Some(report) = self.doc.workspace().report(&id) else { return };
                // Start where the file used to be, when that folder still exists.
                let folder = report
                    .source_path
                    .parent()
                    .filter(|f| f.is_dir())
                    .map(std::path::Path::to_path_buf)
                    .or_else(|| self.state.last_folder.clone());
                self.dialogs.files.open(ctx, FilePurpose::RelinkReport(id), folder, None);
            }
            Command::RelinkTo { report, path } => self.relink(report, path),
            Command::ReimportReport(id) => {
                if let Some(path) = self.doc.workspace().report(&id).map(|r| r.source_path.clone()) {
                    self.reimport(id, path);
                }
            }
            // Handled in `run_command`; listed so a new command cannot be forgotten here.
            Command::Ui(_)
            | Command::Edit(_)
            | Command::Select { .. }
            | Command::SetCategoryOfSelection(_)
            | Command::SetStatusOfSelection(_)
            | Command::SetRagOfSelection(_)
            | Command::SetOwnerOfSelection(_)
            | Command::AssignTopCategory(_)
            | Command::AskCancelReason
            | Command::CancelWithReason { .. }
            | Command::FilterByReport(_)
            | Command::ShowView(_)
            | Command::ShowAuthority(_)
            | Command::FilterTable { .. }
            | Command::FilterPlan(_)
            | Command::SortBy(_)
            | Command::SelectPlan { .. }
            | Command::AddAction(_)
            | Command::MoveAction { .. }
            | Command::DuplicateActions(_)
            | Command::AskCancelActions(_)
            | Command::CancelActionsWithReason { .. }
            | Command::AskDueChange { .. }
            | Command::ChangeDue { .. }
            | Command::SetActions { .. }
            | Command::AddActionUpdate { .. } => {}
        }
    }

    fn run_ui_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::NewWorkspace => self.guard_unsaved(ctx, PendingAction::NewWorkspace),
            UiCommand::OpenWorkspace => self.guard_unsaved(ctx, PendingAction::OpenWorkspaceDialog),
            UiCommand::OpenReports => {
                let folder = self.state.last_folder.clone();
                self.dialogs.files.open(ctx, FilePurpose::OpenReports, folder, None);
            }
            UiCommand::ImportFolder => {
                let folder = self.state.last_folder.clone();
                self.dialogs.files.open(ctx, FilePurpose::ImportFolder, folder, None);
            }
            UiCommand::OpenSamples => self.open_samples(),
            UiCommand::MergeWorkspace => {
                let folder = self.doc.path().and_then(|p| p.parent().map(std::path::Path::to_path_buf));
                self.dialogs.files.open(
                    ctx,
                    FilePurpose::MergeWorkspace,
                    folder.or(self.state.last_folder.clone()),
                    None,
                );
            }
            UiCommand::RestoreBackup => {
                if let Some(path) = self.doc.path().map(std::path::Path::to_path_buf) {
                    // A few small files' headers: quick enough to read here.
                    let backups = crate::workspace::io::backups::list(&path);
                    self.dialogs.backups = Some(crate::ui::dialogs::backups::BackupChooser::new(path, backups));
                }
            }
            UiCommand::Save => match self.doc.path().map(std::path::Path::to_path_buf) {
                // Opened read-only (someone else has it open): save a copy elsewhere.
                Some(_) if self.sharing.read_only => self.run_ui_command(ctx, UiCommand::SaveAs),
                Some(path) => self.save_to(ctx, path),
                None => self.run_ui_command(ctx, UiCommand::SaveAs),
            },
            UiCommand::SaveAs => {
                let folder = self.doc.path().and_then(|p| p.parent().map(std::path::Path::to_path_buf));
                let folder = folder.or(self.state.last_folder.clone());
                let name = format!("{}.ron", self.doc.name().replace("Untitled workspace", "action-plan"));
                self.dialogs.files.open(ctx, FilePurpose::SaveWorkspaceAs, folder, Some(name));
            }
            UiCommand::Export => {
                self.commit_drafts();
                self.dialogs.export.open = true;
            }
            UiCommand::ExportNational => self.choose_national_file(ctx),
            UiCommand::Quit => self.guard_unsaved(ctx, PendingAction::Quit),
            UiCommand::Undo => {
                self.commit_drafts();
                let now = self.now();
                if let Some(label) = self.doc.undo(now) {
                    self.status_message = format!("Undid {}", label.to_lowercase());
                }
            }
            UiCommand::Redo => {
                let now = self.now();
                if let Some(label) = self.doc.redo(now) {
                    self.status_message = format!("Redid {}", label.to_lowercase());
                }
            }
            UiCommand::ToggleImportant => {
                let ws = self.doc.workspace();
                let all_important = self.selection.set.iter().all(|t| ws.annotation(t).is_some_and(|a| a.important));
                self.edit_selection(|target| Edit::SetImportant { target, important: !all_important });
            }
            UiCommand::NextFinding | UiCommand::PreviousFinding if self.state.view == MainView::Plan => {
                self.step_plan(command == UiCommand::NextFinding);
            }
            UiCommand::NextFinding | UiCommand::PreviousFinding => self.step_selection(command),
            UiCommand::SelectAllShown if self.state.view == MainView::Plan => self.select_all_plan_actions(),
            UiCommand::SelectAllShown => self.select_all_shown(),
            UiCommand::ShowFindings
            | UiCommand::ShowActionPlan
            | UiCommand::AddAction
            | UiCommand::EditAction
            | UiCommand::MoveActionUp
            | UiCommand::MoveActionDown
            | UiCommand::DuplicateAction
            | UiCommand::CancelAction => self.run_plan_ui_command(command),
            command => self.run_view_command(command),
        }
    }

    /// Commands that change only what the window shows.
    fn run_view_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::Find => self.focus_search = true,
            UiCommand::ClearFilters => self.state.filter = Default::default(),
            UiCommand::CommandPalette => self.dialogs.palette.show(),
            UiCommand::Preferences => self.dialogs.show_preferences = true,
            UiCommand::About => self.dialogs.show_about = true,
            UiCommand::ToggleLog => self.state.show_log = !self.state.show_log,
            UiCommand::ToggleWrappedRows => self.state.wrap_rows = !self.state.wrap_rows,
            UiCommand::ThemeLight | UiCommand::ThemeDark | UiCommand::ThemeSystem => {
                if let Some(choice) = command.theme() {
                    self.state.theme = choice;
                }
            }
            // Handled in `run_ui_command`; listed so a new command cannot be forgotten here.
            UiCommand::NewWorkspace
            | UiCommand::OpenWorkspace
            | UiCommand::OpenReports
            | UiCommand::ImportFolder
            | UiCommand::OpenSamples
            | UiCommand::MergeWorkspace
            | UiCommand::RestoreBackup
            | UiCommand::Save
            | UiCommand::SaveAs
            | UiCommand::Export
            | UiCommand::ExportNational
            | UiCommand::Quit
            | UiCommand::Undo
            | UiCommand::Redo
            | UiCommand::ToggleImportant
            | UiCommand::NextFinding
            | UiCommand::PreviousFinding
            | UiCommand::SelectAllShown
            | UiCommand::ShowFindings
            | UiCommand::ShowActionPlan
            | UiCommand::AddAction
            | UiCommand::EditAction
            | UiCommand::MoveActionUp
            | UiCommand::MoveActionDown
            | UiCommand::DuplicateAction
            | UiCommand::CancelAction => {}
        }
    }

    /// One edit per selected finding, applied as one undo step.
    fn edit_selection(&mut self, edit: impl Fn(FindingRef) -> Edit) {
        let edits = self.selection.set.iter().cloned().map(edit).collect();
        self.apply_edit(batch(edits));
    }

    fn step_selection(&mut self, command: UiCommand) {
        let count = self.model.shown_count();
        if count == 0 {
            return;
        }
        let current = self.selection.focus.as_ref().and_then(|t| self.model.position_of(t));
        let next = match (command, current) {
            (UiCommand::NextFinding, Some(i)) => (i + 1).min(count - 1),
            (UiCommand::PreviousFinding, Some(i)) => i.saturating_sub(1),
            (UiCommand::PreviousFinding, None) => count - 1,
            _ => 0,
        };
        if let Some(row) = self.model.shown(next) {
            let target = row.target.clone();
            self.select(target, SelectMode::Replace);
            self.scroll_to = Some(next);
        }
    }

    fn select_all_shown(&mut self) {
        let set: std::collections::BTreeSet<FindingRef> = self.model.shown_targets().cloned().collect();
        if !set.is_empty() {
            self.commit_drafts();
            let focus = self.selection.focus.clone().filter(|f| set.contains(f)).or_else(|| set.iter().next().cloned());
            self.selection = Selection { focus, set };
        }
    }

    fn select(&mut self, target: FindingRef, mode: SelectMode) {
        if self.selection.focus.as_ref() != Some(&target) {
            self.commit_drafts();
        }
        match mode {
            SelectMode::Replace => self.selection = Selection::only(target),
            SelectMode::Toggle => {
                if self.selection.set.remove(&target) {
                    if self.selection.focus.as_ref() == Some(&target) {
                        self.selection.focus = self.selection.set.iter().next().cloned();
                    }
                } else {
                    self.selection.set.insert(target.clone());
                    self.selection.focus = Some(target);
                }
            }
            SelectMode::Range => {
                let from = self.selection.focus.as_ref().and_then(|f| self.model.position_of(f));
                match (from, self.model.position_of(&target)) {
                    (Some(a), Some(b)) => {
                        for i in a.min(b)..=a.max(b) {
                            if let Some(row) = self.model.shown(i) {
                                self.selection.set.insert(row.target.clone());
                            }
                        }
                        self.selection.focus = Some(target);
                    }
                    _ => self.selection = Selection::only(target),
                }
            }
        }
        if let Some(position) = self.selection.focus.as_ref().and_then(|f| self.model.position_of(f)) {
            self.scroll_to = Some(position);
        }
    }
}

/// One edit, or a batch (one undo step) of several.
pub(super) fn batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 { edits.remove(0) } else { Edit::Batch(edits) }
}
