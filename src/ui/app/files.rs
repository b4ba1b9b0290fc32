//! The file work commands ask for: opening and saving workspaces (asking about unsaved
//! changes first), recovery files and autosave, importing and re-importing reports,
//! relinking moved ones, checking source files, and exporting. Slow work runs as a
//! [`Job`](crate::ui::jobs::Job), or at once with `blocking_import` (tests).

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{AUTOSAVE_SECONDS, Level, Notification, TrackerApp, default_taxonomy};
use crate::export::{ExportError, PreparedExport};
use crate::import::SourceState;
use crate::model::ReportId;
use crate::ui::dialogs::confirm::{PendingAction, RecoveryOffer};
use crate::ui::dialogs::file::FilePurpose;
use crate::ui::jobs::{self, ExportJob, ImportJob, ImportResult, ImportSource, Job};
use crate::ui::panels::detail::DetailState;
use crate::ui::samples;
use crate::workspace::query::Selection;
use crate::workspace::{self, AddOutcome, Workspace};

impl TrackerApp {
    pub(super) fn guard_unsaved(&mut self, ctx: &egui::Context, action: PendingAction) {
        self.commit_drafts();
        if self.doc.is_dirty() && !self.doc.workspace().reports.is_empty() {
            self.dialogs.unsaved_prompt = Some(action);
        } else {
            self.do_pending(ctx, action);
        }
    }

    pub(super) fn do_pending(&mut self, ctx: &egui::Context, action: PendingAction) {
        match action {
            PendingAction::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            PendingAction::NewWorkspace => self.replace_workspace(Workspace::new(default_taxonomy()), None),
            PendingAction::OpenWorkspaceDialog => {
                let folder = self.state.last_folder.clone();
                self.dialogs.files.open(ctx, FilePurpose::OpenWorkspace, folder, None);
            }
            PendingAction::OpenWorkspace(path) => self.open_workspace(&path),
        }
    }

    fn replace_workspace(&mut self, ws: Workspace, path: Option<PathBuf>) {
        self.closed_shared();
        self.doc.replace(ws, path);
        self.selection = Selection::default();
        self.detail = DetailState::default();
        self.state.filter.report = None;
        self.last_autosave = None;
        self.check_sources();
    }

    /// Checks every report's source file (moved? changed?) and keeps the result in
    /// [`Self::source_states`]: on a worker thread, or at once with `blocking_import`.
    pub fn check_sources(&mut self) {
        self.source_states.clear();
        self.jobs.source_check = None;
        self.jobs.source_check_pending = false;
        let sources = jobs::sources_of(self.doc.workspace());
        if sources.is_empty() {
            return;
        }
        if self.options.blocking_import {
            self.source_states.extend(jobs::check_sources_now(&sources));
            return;
        }
        // Before the first frame there is no context to wake: start on the first frame.
        if self.ctx.is_none() {
            self.jobs.source_check_pending = true;
            return;
        }
        match jobs::spawn_source_check(sources, self.repaint()) {
            Ok(job) => self.jobs.source_check = Some(job),
            Err(e) => self.notify(Level::Warning, format!("Could not check whether the report files changed: {e}")),
        }
    }

    pub(super) fn poll_source_check(&mut self) {
        if self.jobs.source_check_pending && self.ctx.is_some() {
            self.check_sources();
        }
        let Some(job) = &self.jobs.source_check else { return };
        let (results, finished) = job.poll();
        for (id, state) in results {
            // A report imported again meanwhile was recorded as unchanged; keep that.
            self.source_states.entry(id).or_insert(state);
        }
        if finished {
            self.jobs.source_check = None;
        }
    }

    /// Imports a report's file again, from `path`, keeping its id and annotations.
    pub(super) fn reimport(&mut self, id: ReportId, path: PathBuf) {
        if self.jobs.import.is_some() {
            self.notify(Level::Warning, "An import is already running; wait for it to finish.");
            return;
        }
        self.jobs.reimport_requests.insert(path.clone(), id);
        self.start_import(vec![ImportSource::file(path)]);
    }

    /// Points a report at the file the user found in its new place, then re-imports it.
    pub(super) fn relink(&mut self, id: ReportId, path: PathBuf) {
        let path = std::path::absolute(&path).unwrap_or(path);
        if self.jobs.import.is_some() {
            self.notify(Level::Warning, "An import is already running; wait for it to finish.");
            return;
        }
        let ws = self.doc.workspace();
        if let Some(other) = ws.reports.iter().find(|r| r.id != id && r.source_path == path) {
            let name = other.display_name();
            self.notify(
                Level::Error,
                format!("This file is already the source of another report ({name}): {}", path.display()),
            );
            return;
        }
        match self.doc.relink(&id, path.clone()) {
            Ok(()) => {
                self.source_states.remove(&id);
                self.reimport(id, path);
            }
            Err(e) => self.notify(Level::Error, format!("Could not relink the report: {e}")),
        }
    }

    /// The message after a report was imported again: what was kept.
    fn reimport_message(&self, id: &ReportId, vanished: usize) -> String {
        let Some(report) = self.doc.workspace().report(id) else { return String::new() };
        let kept = report.annotations.keys().filter(|f| report.finding(f).is_some()).count();
        let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
        let mut text = format!(
            "Re-imported {}: {}, {} kept",
            report.display_name(),
            plural(report.findings.len(), "finding"),
            plural(kept, "annotation")
        );
        if vanished > 0 {
            text.push_str(&format!(", {vanished} whose finding vanished are kept under 'orphaned'"));
        }
        text
    }

    /// Opens a workspace file, replacing the current one (callers ask about unsaved
    /// changes first). The file is read on a worker thread (at once with `blocking_import`);
    /// errors become a notification and the current workspace stays.
    pub fn open_workspace(&mut self, path: &Path) {
        if self.sharing.open_mode == super::sharing::OpenMode::Ask
            && let Some(holder) = self.other_holder(path)
        {
            self.sharing.lock_prompt = Some(super::sharing::LockPrompt { path: path.to_owned(), holder });
            return;
        }
        if self.options.blocking_import {
            let loaded = workspace::load_with_warnings(path);
            self.finish_open(path, loaded);
            return;
        }
        match Job::run_once("open-workspace", path.to_owned(), self.repaint(), workspace::load_with_warnings) {
            Ok(job) => {
                self.status_message = format!("Opening {}…", path.display());
                self.jobs.opening = Some(job);
            }
            Err(e) => self.notify(
                Level::Error,
                format!("Could not open the workspace (no worker thread: {e}): {}", path.display()),
            ),
        }
    }

    /// Shows the workspace read by [`Self::open_workspace`] once the worker has it.
    pub(super) fn poll_opening(&mut self) {
        let Some((path, loaded)) = take_read(&mut self.jobs.opening) else { return };
        self.finish_open(&path, loaded);
    }

    fn finish_open(&mut self, path: &Path, loaded: Result<workspace::Loaded, workspace::LoadError>) {
        match loaded {
            Ok(loaded) => {
                self.replace_workspace(loaded.workspace.clone(), Some(path.to_owned()));
                // Remember the version opened, so a save after a colleague's merges with it.
                self.doc.open(loaded, path.to_owned());
                self.opened_shared(path);
                self.state.remember_workspace(path);
                self.state.last_folder = path.parent().map(Path::to_path_buf);
                self.status_message = format!("Opened {}", path.display());
                if self.options.use_disk {
                    self.offer_recovery_for(path);
                }
            }
            Err(e) => {
                self.sharing.open_mode = super::sharing::OpenMode::Ask;
                self.status_message.clear();
                self.notify(Level::Error, format!("Could not open the workspace: {e}"));
            }
        }
    }

    fn offer_recovery_for(&mut self, path: &Path) {
        let recovery = workspace::recovery_path(path);
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        if let (Some(r), Some(w)) = (modified(&recovery), modified(path))
            && r > w
        {
            let saved_at = Some(local_time(r));
            self.dialogs.recovery_offer =
                Some(RecoveryOffer { recovery, workspace_path: Some(path.to_owned()), saved_at });
        }
    }

    pub(super) fn offer_unsaved_recovery(&mut self) {
        if let Some(recovery) = workspace::io::unsaved_recovery_path()
            && let Ok(meta) = std::fs::metadata(&recovery)
        {
            let saved_at = meta.modified().ok().map(local_time);
            self.dialogs.recovery_offer = Some(RecoveryOffer { recovery, workspace_path: None, saved_at });
        }
    }

    /// Restores an autosaved recovery file over the open workspace, as unsaved work.
    pub(super) fn restore_recovery(&mut self, recovery: &Path, workspace_path: Option<PathBuf>) {
        match workspace::load(recovery) {
            Ok(ws) => {
                self.replace_workspace(ws, workspace_path.clone());
                self.doc.mark_unsaved();
                // The recovery file is offered only when it is newer than the workspace file,
                // so the file is the version the lost work started from: the base of the
                // next save, which then merges with anyone who saves meanwhile.
                if let Some(path) = &workspace_path
                    && path.exists()
                {
                    match workspace::load_with_warnings(path) {
                        Ok(loaded) => self.doc.set_base(loaded),
                        Err(e) => self.notify(
                            Level::Warning,
                            format!("The workspace file could not be read, so saving will replace it: {e}"),
                        ),
                    }
                }
                self.notify(Level::Info, "Restored the unsaved work. Save it to keep it.");
            }
            Err(e) => self.notify(Level::Error, format!("Could not restore the recovery file: {e}")),
        }
    }

    pub(super) fn discard_recovery(&mut self) {
        if !self.options.use_disk {
            return;
        }
        let recovery = match self.doc.path() {
            Some(p) => Some(workspace::recovery_path(p)),
            None => workspace::io::unsaved_recovery_path(),
        };
        if let Some(r) = recovery {
            std::fs::remove_file(r).ok();
        }
    }

    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if !self.options.use_disk || !self.doc.is_dirty() {
            return;
        }
        let due = self.last_autosave.is_none_or(|t| self.time - t >= AUTOSAVE_SECONDS);
        if self.last_autosave.is_none() {
            // Start the clock at the first unsaved change.
            self.last_autosave = Some(self.time);
        } else if due {
            self.last_autosave = Some(self.time);
            // `save_recovery(ws, base)` writes `base` + ".recovery", which for unsaved work is
            // `unsaved_recovery_path()`.
            let base = self
                .doc
                .path()
                .map(Path::to_path_buf)
                .or_else(|| workspace::io::unsaved_recovery_path().map(|p| p.with_extension("")));
            if let Some(base) = base
                && let Err(e) = workspace::save_recovery(self.doc.workspace(), &base)
            {
                self.notify(Level::Warning, format!("The automatic recovery copy could not be written: {e}"));
            }
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
    }

    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.commit_drafts();
        let path = if path.extension().is_none() { path.with_extension("ron") } else { path };
        let user = self.doc.author().map_or_else(workspace::io::lock::this_user, str::to_owned);
        let changes = self.doc.changes_since_base();
        let saved = self.doc.save(&path, &user, self.now());
        if matches!(saved, Ok(crate::ui::document::SaveReport::Saved | crate::ui::document::SaveReport::MergedIn(_))) {
            self.keep_backup(&path, user, changes);
        }
        self.after_save_report(ctx, &path, saved);
    }

    /// Keeps a rolling backup of the file just saved, on a worker thread (compressing a
    /// large workspace takes a second, and the window must not wait for it; at once with
    /// `blocking_import`). A backup that fails is reported, the save stands.
    fn keep_backup(&mut self, path: &Path, user: String, changes: usize) {
        if !self.options.use_disk {
            return;
        }
        let keep = self.state.backups_to_keep.unwrap_or(workspace::io::backups::DEFAULT_KEEP);
        let note = workspace::io::backups::BackupNote { user, saved_at: self.now(), changes };
        if self.options.blocking_import {
            let kept = workspace::io::backups::keep(path, &note, keep);
            self.backup_kept(path, kept.map(|_| ()));
            return;
        }
        let work = move |file: &Path| workspace::io::backups::keep(file, &note, keep).map(|_| ());
        match Job::run_once("backup", path.to_owned(), self.repaint(), work) {
            Ok(job) => self.jobs.backups.push(job),
            Err(e) => self.notify(
                Level::Warning,
                format!(
                    "The workspace was saved, but no backup of it was kept (no worker thread: {e}): {}",
                    path.display()
                ),
            ),
        }
    }

    /// Reports the backups kept by [`Self::keep_backup`] once their workers finish.
    pub(super) fn poll_backups(&mut self) {
        let mut finished = Vec::new();
        self.jobs.backups.retain(|job| match job.outcome() {
            None => true,
            Some(outcome) => {
                finished.push((job.path.clone(), outcome));
                false
            }
        });
        for (path, outcome) in finished {
            let kept = outcome.unwrap_or_else(|()| {
                Err(workspace::SaveError::Io {
                    path: workspace::io::backups::folder(&path),
                    reason: "the backup writer stopped unexpectedly".to_owned(),
                    error: std::io::Error::other("the backup writer stopped"),
                })
            });
            self.backup_kept(&path, kept);
        }
    }

    /// Tells the user when a backup of the save of `path` could not be kept: which folder,
    /// and what to do about it.
    fn backup_kept(&mut self, path: &Path, kept: Result<(), workspace::SaveError>) {
        if let Err(error) = kept {
            let folder = workspace::io::backups::folder(path);
            self.notify(
                Level::Warning,
                format!(
                    "The workspace was saved, but no backup of this save could be kept ({error}). Check that the backups folder can be created and written to, or keep 0 saves under Backups in Preferences: {}",
                    folder.display()
                ),
            );
        }
    }

    /// Settles the conflict dialog's choices and saves.
    pub(super) fn settle_merge(&mut self, ctx: &egui::Context, choices: &crate::workspace::merge::Choices) {
        let Some(path) = self.doc.path().map(Path::to_path_buf) else { return };
        let user = self.doc.author().map_or_else(workspace::io::lock::this_user, str::to_owned);
        let changes = self.doc.changes_since_base();
        let saved = self.doc.settle_and_save(choices, &user, self.now());
        if matches!(saved, Ok(crate::ui::document::SaveReport::Saved | crate::ui::document::SaveReport::MergedIn(_))) {
            self.keep_backup(&path, user, changes);
        }
        self.after_save_report(ctx, &path, saved);
    }

    /// Says what a save did and goes on with what waited for it.
    fn after_save_report(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        saved: Result<crate::ui::document::SaveReport, workspace::io::SharedSaveError>,
    ) {
        use crate::ui::document::SaveReport;
        match saved {
            Ok(SaveReport::Conflicts(count)) => {
                // Nothing was written: the conflict dialog asks, and saving resumes once
                // the user has chosen.
                self.status_message = format!(
                    "Not saved yet: someone else saved this workspace and {count} field(s) were changed by both of you"
                );
            }
            Ok(report) => {
                self.saved_shared(path);
                self.discard_recovery();
                self.state.remember_workspace(path);
                self.state.last_folder = path.parent().map(Path::to_path_buf);
                self.status_message = format!("Saved {}", path.display());
                if let SaveReport::MergedIn(incoming) = report {
                    self.notify(
                        Level::Info,
                        format!(
                            "Someone else saved this workspace while you worked: their changes ({} field(s), {} report(s), {} update(s)) are merged in and saved with yours",
                            incoming.fields.len(),
                            incoming.reports.len(),
                            incoming.list_items
                        ),
                    );
                }
                if let Some(action) = self.after_save.take() {
                    self.do_pending(ctx, action);
                }
            }
            Err(e) => {
                self.after_save = None;
                self.notify(
                    Level::Error,
                    format!("{e}. Your work is still open: use Save as… to save it somewhere else."),
                );
            }
        }
    }

    /// Asks where to write the export the Export dialog describes.
    pub(super) fn choose_export_file(&mut self, ctx: &egui::Context) {
        let choice = &self.state.last_export;
        let folder = choice.folder.clone().or_else(|| self.state.last_folder.clone());
        let ext = choice.format.extension().to_owned();
        let name = format!("{}-action-plan.{ext}", self.doc.name().replace("Untitled workspace", "inspection"));
        self.dialogs.files.open(ctx, FilePurpose::Export(ext), folder, Some(name));
    }

    /// Exports the action plan with the remembered choice to `path`: checked and built
    /// here, written on a worker thread (at once with `blocking_import`).
    pub(super) fn export_to(&mut self, path: PathBuf) {
        let choice = self.state.last_export.clone();
        let path = if path.extension().is_none() { path.with_extension(choice.format.extension()) } else { path };
        let prepared =
            PreparedExport::new(self.doc.workspace(), &choice.options, choice.format, self.today(), &self.doc.name());
        let prepared = match prepared {
            Ok(prepared) => prepared,
            Err(e) => {
                self.notify(Level::Error, format!("Could not export: {e}"));
                return;
            }
        };
        let rows = prepared.item_count();
        self.state.last_export.folder = path.parent().map(Path::to_path_buf);
        self.dialogs.export.open = false;
        if self.options.blocking_import {
            let written = prepared.write(&path);
            self.finish_export(&path, rows, written);
            return;
        }
        match Job::run_once("export", path.clone(), self.repaint(), move |file| prepared.write(file)) {
            Ok(job) => self.jobs.exporting = Some(ExportJob { job, rows }),
            Err(e) => {
                self.notify(Level::Error, format!("Could not export (no worker thread: {e}): {}", path.display()))
            }
        }
    }

    /// Asks where to write the national summary workbook.
    pub(super) fn choose_national_file(&mut self, ctx: &egui::Context) {
        let folder = self.state.last_export.folder.clone().or_else(|| self.state.last_folder.clone());
        let name = format!("{}-national-summary.xlsx", self.doc.name().replace("Untitled workspace", "inspection"));
        self.dialogs.files.open(ctx, FilePurpose::ExportNational, folder, Some(name));
    }

    /// Writes the national summary workbook (the command line's `insights --format xlsx`)
    /// to `path`: rendered here from the insights the views already hold for this
    /// revision, written on a worker thread (at once with `blocking_import`).
    pub(super) fn export_national_to(&mut self, path: PathBuf) {
        let path = if path.extension().is_none() { path.with_extension("xlsx") } else { path };
        self.insights.refresh(self.doc.workspace(), self.doc.revision(), self.doc.structure(), self.today());
        let bytes = match crate::export::render_insights_xlsx(&self.insights.insights, self.doc.workspace()) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.notify(Level::Error, format!("Could not export the national summary: {e}"));
                return;
            }
        };
        let rows = self.insights.insights.authorities.len();
        self.state.last_export.folder = path.parent().map(Path::to_path_buf);
        let write = move |file: &Path| crate::export::write_atomically(file, &bytes);
        if self.options.blocking_import {
            let written = write(&path);
            self.finish_export(&path, rows, written);
            return;
        }
        match Job::run_once("export", path.clone(), self.repaint(), write) {
            Ok(job) => self.jobs.exporting = Some(ExportJob { job, rows }),
            Err(e) => {
                self.notify(Level::Error, format!("Could not export (no worker thread: {e}): {}", path.display()))
            }
        }
    }

    /// Reports the export started by [`Self::export_to`] once the worker has written it.
    pub(super) fn poll_export(&mut self) {
        let Some(ExportJob { job, rows }) = &self.jobs.exporting else { return };
        let Some(outcome) = job.outcome() else { return };
        let (path, rows) = (job.path.clone(), *rows);
        self.jobs.exporting = None;
        match outcome {
            Ok(written) => self.finish_export(&path, rows, written),
            Err(()) => self
                .notify(Level::Error, format!("Could not export {rows} rows: the writer stopped: {}", path.display())),
        }
    }

    fn finish_export(&mut self, path: &Path, rows: usize, written: Result<(), ExportError>) {
        match written {
            Ok(()) => self.notify(Level::Info, format!("Exported {rows} rows to {}", path.display())),
            Err(e) => self.notify(Level::Error, format!("Could not export: {e}")),
        }
    }

    pub(super) fn open_paths(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        let (workspaces, reports): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.into_iter().partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(ws) = workspaces.first() {
            if workspaces.len() > 1 {
                self.notify(Level::Warning, "Only one workspace can be open at a time; opened the first.");
            }
            self.guard_unsaved(ctx, PendingAction::OpenWorkspace(ws.clone()));
        }
        let found = crate::import::collect_report_files(&reports);
        for problem in &found.problems {
            self.notify(Level::Error, format!("Could not open: {problem}"));
        }
        for folder in &found.empty_folders {
            self.notify(Level::Warning, format!("No report files in the folder {}", folder.display()));
        }
        if !found.files.is_empty() {
            self.start_import(found.files.into_iter().map(ImportSource::file).collect());
        }
    }

    pub(super) fn open_samples(&mut self) {
        let dir = if self.options.use_disk { samples::samples_dir() } else { None };
        let sources = samples::sample_sources(dir.as_deref());
        self.start_import(sources);
    }

    pub(super) fn start_import(&mut self, sources: Vec<ImportSource>) {
        if self.jobs.import.is_some() {
            self.notify(Level::Warning, "An import is already running; wait for it to finish.");
            return;
        }
        if sources.is_empty() {
            return;
        }
        // An empty workspace adopts the user's taxonomy file, or the built-in taxonomy.
        let ws = self.doc.workspace();
        if ws.reports.is_empty() || ws.taxonomy.categories.is_empty() {
            let taxonomy = default_taxonomy();
            if !taxonomy.categories.is_empty() {
                self.doc.adopt_taxonomy(taxonomy);
            }
        }
        // New reports are classified with the workspace's own taxonomy, so that their
        // categories are the ones its chips, pickers and filters know.
        let classifier = match crate::classify::Classifier::new(self.doc.workspace().taxonomy.clone()) {
            Ok(classifier) => classifier,
            Err(e) => {
                self.notify(Level::Error, format!("Could not import: the workspace's taxonomy is invalid: {e}"));
                return;
            }
        };
        self.jobs.import_summary = (0, 0, 0);
        if self.options.blocking_import {
            for source in &sources {
                let outcome = source.read(&classifier);
                self.add_imported(ImportResult { path: source.path.clone(), outcome });
            }
            self.finish_import(false);
            return;
        }
        match ImportJob::spawn(sources, classifier, self.repaint()) {
            Ok(job) => self.jobs.import = Some(job),
            Err(e) => self.notify(Level::Error, format!("Could not import (no worker thread: {e})")),
        }
    }

    pub(super) fn poll_import(&mut self) {
        let Some(job) = &mut self.jobs.import else { return };
        let (results, finished) = job.poll();
        let cancelled = job.is_cancelled();
        for result in results {
            self.add_imported(result);
        }
        if finished {
            self.jobs.import = None;
            self.finish_import(cancelled);
        }
    }

    fn add_imported(&mut self, result: ImportResult) {
        let name = result
            .path
            .file_name()
            .map_or_else(|| result.path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let requested = self.jobs.reimport_requests.remove(&result.path);
        let (parsed, hash) = match result.outcome {
            Ok(read) => read,
            Err(reason) => {
                if let Some(id) = requested {
                    let state = if result.path.exists() {
                        SourceState::Unreadable(reason.clone())
                    } else {
                        SourceState::Missing
                    };
                    self.source_states.insert(id, state);
                }
                self.jobs.import_summary.1 += 1;
                self.notify(Level::Error, format!("Could not import {name}: {reason}"));
                return;
            }
        };
        let (findings, warnings) = (parsed.findings.len(), parsed.warnings.len());
        let now = self.now();
        let outcome = self.doc.add_report(parsed, &result.path, &hash, now);
        // The file was read just now, so it is what the report holds.
        self.source_states.insert(outcome.id().clone(), SourceState::Unchanged);
        match &outcome {
            AddOutcome::Added(_) => self.jobs.import_summary.0 += 1,
            AddOutcome::Reimported { id, vanished } => {
                self.jobs.import_summary.0 += 1;
                let level = if vanished.is_empty() { Level::Info } else { Level::Warning };
                let text = self.reimport_message(id, vanished.len());
                self.notify(level, text);
            }
            AddOutcome::Unchanged(id) => {
                self.jobs.import_summary.2 += 1;
                if requested.is_some() {
                    let report = self.doc.workspace().report(id).map(|r| r.display_name()).unwrap_or_default();
                    self.notify(Level::Info, format!("{report} is up to date: the file is the same as at import"));
                }
            }
        }
        if findings == 0 {
            self.notify(Level::Warning, format!("No findings were found in this file: {name}"));
        }
        if warnings > 0 {
            self.notifications.push(Notification {
                level: Level::Info,
                text: format!("{warnings} parser warnings: {name}"),
                at: None,
                dismissed: true,
            });
        }
    }

    fn finish_import(&mut self, cancelled: bool) {
        // Requests whose file never came back (cancelled) must not match a later import.
        self.jobs.reimport_requests.clear();
        let (added, failed, unchanged) = self.jobs.import_summary;
        let mut text = format!("Imported {added} report{}", if added == 1 { "" } else { "s" });
        if unchanged > 0 {
            text.push_str(&format!("; {unchanged} already up to date"));
        }
        if failed > 0 {
            text.push_str(&format!("; {failed} could not be read"));
        }
        if cancelled {
            text.push_str("; the rest was cancelled");
        }
        self.status_message = text.clone();
        if added > 0 || cancelled {
            self.notify(Level::Info, text);
        }
    }
}

/// What a worker that read `path` and stopped without an answer (it panicked) leaves.
/// Takes a finished read of a workspace file out of `slot` (see [`Job::take_finished`]),
/// a worker that stopped without an answer read as that error.
pub(super) fn take_read<T: Send + 'static>(
    slot: &mut Option<Job<Result<T, workspace::LoadError>>>,
) -> Option<(PathBuf, Result<T, workspace::LoadError>)> {
    let (path, outcome) = Job::take_finished(slot)?;
    let read = outcome.unwrap_or_else(|()| Err(reader_stopped(&path)));
    Some((path, read))
}

fn reader_stopped(path: &Path) -> workspace::LoadError {
    workspace::LoadError::Io {
        path: path.to_owned(),
        reason: "the reader stopped unexpectedly".to_owned(),
        error: std::io::Error::other("the reader stopped"),
    }
}

/// A file time as local time for people: "3 Dec 2026 14:05".
fn local_time(time: std::time::SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(time).format("%-d %b %Y %H:%M").to_string()
}
