//! `TrackerApp`: the window's state, in a few parts: the [`Document`] (the only thing that
//! changes the workspace), the remembered [`UiState`], the worker [`Jobs`], the open
//! [`Dialogs`] and the panels' own state. Each frame ([`frame`]) reads input, draws the
//! panels and dialogs, which push `Command`s, and then drains the queue in
//! [`command_handling`], the one place where commands take effect.

mod command_handling;
mod files;
mod frame;
mod plan_commands;
pub mod sharing;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use eframe::egui;

use crate::import::SourceState;
use crate::model::{CategoryId, Date, ReportId, Taxonomy};
use crate::workspace::{Edit, History, Workspace};

use super::commands::{Availability, Command, UiCommand};
use super::dialogs::confirm::{PendingAction, RecoveryOffer};
use super::dialogs::export::ExportDialog;
use super::dialogs::file::FileDialogs;
use super::document::Document;
use super::jobs::{ExportJob, ImportJob, Job, OpenJob};
use super::palette::Palette;
use super::panels::detail::DetailState;
use super::panels::plan::PlanView;
use super::panels::reports::ReportsPanel;
use super::state::{SortColumn, UiState};
use super::theme::ThemeChoice;
use crate::workspace::FindingRef;
use crate::workspace::query::{ActionRef, PlanSelection, Selection, TableModel};

/// How often unsaved work is copied to the recovery file, in seconds.
const AUTOSAVE_SECONDS: f64 = 60.0;
/// How long an information toast stays, in seconds.
const TOAST_SECONDS: f64 = 6.0;

/// Where "now" comes from: the system clock, or a fixed time in tests.
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    /// Local time.
    System,
    /// Always this time.
    Fixed(NaiveDateTime),
}

impl Clock {
    /// The current local time.
    pub fn now(self) -> NaiveDateTime {
        match self {
            Self::System => chrono::Local::now().naive_local(),
            Self::Fixed(t) => t,
        }
    }
}

/// How the app may touch the machine; tests turn all of it off.
#[derive(Clone, Copy, Debug)]
pub struct AppOptions {
    /// Autosave recovery files and write the sample reports to the data folder.
    pub use_disk: bool,
    /// Try the native file dialog before the in-app one.
    pub native_dialogs: bool,
    /// Import, open, export and check the reports' source files on the UI thread (tests),
    /// instead of on a worker thread.
    pub blocking_import: bool,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self { use_disk: true, native_dialogs: true, blocking_import: false }
    }
}

/// How serious a notification is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something went as asked.
    Info,
    /// Worked, with something to know.
    Warning,
    /// Failed.
    Error,
}

/// A message for the user: shown as a toast and kept in the log.
#[derive(Clone, Debug)]
pub struct Notification {
    /// How serious.
    pub level: Level,
    /// The message; names the file last where there is one.
    pub text: String,
    /// When it was raised (egui time, seconds).
    at: Option<f64>,
    /// Closed by the user (still in the log).
    pub dismissed: bool,
}

/// The work running off the UI thread.
#[derive(Default)]
pub struct Jobs {
    import: Option<ImportJob>,
    /// A workspace file being read, so a large one never freezes the window.
    opening: Option<OpenJob>,
    /// An export being written (a large XLSX takes seconds).
    exporting: Option<ExportJob>,
    source_check: Option<Job<(ReportId, SourceState)>>,
    /// A check asked for before the first frame (no context to wake yet).
    source_check_pending: bool,
    /// Files being imported again on the user's request (relink, re-import), and their report.
    reimport_requests: BTreeMap<PathBuf, ReportId>,
    /// Added, failed and unchanged files of the running import.
    import_summary: (usize, usize, usize),
    /// Rolling backups being written after saves (each for the workspace file it names).
    backups: Vec<Job<Result<(), crate::workspace::SaveError>>>,
    /// Another copy of a workspace being read to merge in (File › Merge a workspace…).
    merging: Option<OpenJob>,
    /// Someone else's save of the open workspace being read (see `sharing`).
    their_save: Option<Job<Result<Option<sharing::IncomingSave>, crate::workspace::LoadError>>>,
}

/// The dialogs and questions that can be open.
#[derive(Default)]
pub struct Dialogs {
    files: FileDialogs,
    palette: Palette,
    export: ExportDialog,
    unsaved_prompt: Option<PendingAction>,
    cancel_prompt: Option<(Vec<FindingRef>, String)>,
    cancel_actions_prompt: Option<(Vec<ActionRef>, String)>,
    due_prompt: Option<(Vec<ActionRef>, Option<Date>, String)>,
    recovery_offer: Option<RecoveryOffer>,
    /// The choices made in the conflict dialog (shown while the document has a pending merge).
    conflicts: crate::ui::dialogs::conflicts::ConflictChoices,
    /// File › Restore a backup…, while it is open.
    backups: Option<crate::ui::dialogs::backups::BackupChooser>,
    show_about: bool,
    show_preferences: bool,
}

impl Dialogs {
    /// Whether a dialog that takes the keyboard is open (shortcuts wait until it closes).
    fn modal_open(&self) -> bool {
        self.unsaved_prompt.is_some()
            || self.cancel_prompt.is_some()
            || self.cancel_actions_prompt.is_some()
            || self.due_prompt.is_some()
            || self.recovery_offer.is_some()
            || self.backups.is_some()
            || self.palette.open
            || self.export.open
            || self.files.is_open()
    }
}

/// The desktop app.
pub struct TrackerApp {
    /// The open workspace; changed only by [`Self::run_command`].
    pub doc: Document,
    /// What the window remembers between runs.
    pub state: UiState,
    /// The selected findings.
    pub selection: Selection,
    /// What is selected in the action plan.
    pub plan_selection: PlanSelection,
    /// Every message so far.
    pub notifications: Vec<Notification>,
    /// The last status-bar message ("Undid set status").
    pub status_message: String,
    /// What became of each report's source file (moved, changed), once checked.
    pub source_states: BTreeMap<ReportId, SourceState>,
    options: AppOptions,
    clock: Clock,
    model: TableModel,
    detail: DetailState,
    reports_panel: ReportsPanel,
    insights: super::panels::insights::InsightsCache,
    national: super::panels::insights::NationalChoice,
    plan_view: PlanView,
    /// The user name last given to the document (`UiState::user_name`).
    applied_user_name: Option<String>,
    queue: Vec<Command>,
    jobs: Jobs,
    dialogs: Dialogs,
    after_save: Option<PendingAction>,
    scroll_to: Option<usize>,
    /// Where the table's columns were drawn last frame (header cells).
    table_columns: Vec<(SortColumn, egui::Rect)>,
    focus_search: bool,
    allow_close: bool,
    title: String,
    applied_theme: Option<ThemeChoice>,
    last_autosave: Option<f64>,
    /// The presence lock, the in-use question and the watch for colleagues' saves.
    sharing: sharing::Sharing,
    time: f64,
    ctx: Option<egui::Context>,
}

/// The default taxonomy, or an empty one when the classifier cannot start.
pub fn default_taxonomy() -> Taxonomy {
    super::jobs::default_classifier().map(|c| c.taxonomy().clone()).unwrap_or_default()
}

impl TrackerApp {
    /// An app showing `workspace` (unsaved, no file).
    pub fn new(workspace: Workspace, state: UiState, options: AppOptions, clock: Clock) -> Self {
        let mut dialogs = Dialogs::default();
        dialogs.files.native_unavailable = !options.native_dialogs;
        Self {
            doc: Document::new(workspace),
            state,
            selection: Selection::default(),
            plan_selection: PlanSelection::default(),
            notifications: Vec::new(),
            status_message: String::new(),
            source_states: BTreeMap::new(),
            options,
            clock,
            model: TableModel::default(),
            detail: DetailState::default(),
            reports_panel: ReportsPanel::default(),
            insights: Default::default(),
            national: Default::default(),
            plan_view: PlanView::default(),
            applied_user_name: None,
            queue: Vec::new(),
            jobs: Jobs::default(),
            dialogs,
            after_save: None,
            scroll_to: None,
            table_columns: Vec::new(),
            focus_search: false,
            allow_close: false,
            title: String::new(),
            applied_theme: None,
            last_autosave: None,
            sharing: sharing::Sharing::default(),
            time: 0.0,
            ctx: None,
        }
    }

    /// Decides what to show at start: the files given, else the last workspace, else (on
    /// a first run) the sample reports, else the welcome screen.
    pub fn start(&mut self, files: Vec<PathBuf>) {
        if !files.is_empty() {
            self.queue.push(Command::OpenPaths(files));
        } else if let Some(last) = self.state.recent_workspaces.first().filter(|p| p.exists()).cloned() {
            self.open_workspace(&last);
        } else if !self.state.has_run_before {
            self.queue.push(Command::Ui(UiCommand::OpenSamples));
        }
        if self.doc.path().is_none() && self.options.use_disk {
            self.offer_unsaved_recovery();
        }
        self.state.has_run_before = true;
    }

    /// Queues a command, as a panel would.
    pub fn queue_command(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// The open workspace.
    pub fn workspace(&self) -> &Workspace {
        self.doc.workspace()
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// The workspace's file, once saved or opened.
    pub fn path(&self) -> Option<&Path> {
        self.doc.path()
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        self.doc.history()
    }

    /// The table's cached rows (for tests and the palette).
    pub fn table(&self) -> &TableModel {
        &self.model
    }

    /// What the open "save changes?" question is about, if one is showing.
    pub fn query_save_dialog(&self) -> Option<&PendingAction> {
        self.dialogs.unsaved_prompt.as_ref()
    }

    /// Whether the "why is it being cancelled?" question is showing.
    pub fn cancel_reason_asked(&self) -> bool {
        self.dialogs.cancel_prompt.is_some() || self.dialogs.cancel_actions_prompt.is_some()
    }

    /// Whether the "why is the due date moving?" question is showing.
    pub fn due_reason_asked(&self) -> bool {
        self.dialogs.due_prompt.is_some()
    }

    /// Whether any dialog or window over the panels is open (export, palette, questions,
    /// file dialog, preferences, about, messages).
    pub fn any_dialog_open(&self) -> bool {
        self.dialogs.modal_open()
            || self.doc.pending_merge().is_some()
            || self.sharing.lock_prompt.is_some()
            || self.sharing.incoming.is_some()
            || self.dialogs.show_about
            || self.dialogs.show_preferences
            || self.state.show_log
    }

    /// Whether the command palette is open.
    pub fn palette_open(&self) -> bool {
        self.dialogs.palette.open
    }

    /// Where a column of the findings table was drawn last frame (its header cell).
    pub fn table_column_rect(&self, column: SortColumn) -> Option<egui::Rect> {
        self.table_columns.iter().find(|(c, _)| *c == column).map(|(_, rect)| *rect)
    }

    /// The nine most used categories, which number keys 1–9 assign.
    pub fn top_categories(&self) -> &[CategoryId] {
        &self.model.top_categories
    }

    /// The window title: workspace name and an unsaved marker.
    pub fn window_title(&self) -> String {
        let marker = if self.doc.is_dirty() { " •" } else { "" };
        format!("inspection-tracker — {}{marker}", self.doc.name())
    }

    fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    fn today(&self) -> Date {
        self.now().date()
    }

    fn availability(&self) -> Availability {
        let ws = self.doc.workspace();
        let action_selected = self.plan_selection.focus.as_ref().is_some_and(|a| a.resolve(ws).is_some());
        let item_selected =
            self.selection.focus.as_ref().and_then(|t| ws.finding(t)).is_some_and(|(_, f)| f.kind.is_action());
        Availability {
            plan_view: self.state.view == super::state::MainView::Plan && !ws.reports.is_empty(),
            action_selected,
            plan_item_selected: action_selected || item_selected,
            can_undo: self.doc.history().can_undo(),
            can_redo: self.doc.history().can_redo(),
            has_reports: !self.doc.workspace().reports.is_empty(),
            has_selection: !self.selection.is_empty(),
            can_export: true,
            importing: self.jobs.import.is_some(),
            has_file: self.doc.path().is_some(),
        }
    }

    fn notify(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
        let at = Some(self.time);
        self.notifications.push(Notification { level, text, at, dismissed: false });
    }

    /// A function that wakes the window, for workers (a no-op before the first frame).
    fn repaint(&self) -> super::jobs::Repaint {
        let ctx = self.ctx.clone();
        std::sync::Arc::new(move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        })
    }

    /// Applies an edit through the undo history; failures become a notification.
    pub fn apply_edit(&mut self, edit: Edit) {
        if matches!(&edit, Edit::Batch(edits) if edits.is_empty()) {
            return;
        }
        if self.jobs.opening.is_some() {
            // The workspace on screen is about to be replaced; a change to it would be lost.
            self.notify(Level::Warning, "Wait for the workspace to finish opening, then make the change.");
            return;
        }
        remember_owners(&edit, &mut self.state);
        let now = self.now();
        match self.doc.apply(edit, now) {
            Ok(()) => self.status_message.clear(),
            Err(e) => self.notify(Level::Error, format!("The change could not be made: {e}")),
        }
    }

    /// Gives the document the user's name from Preferences (or the operating system's)
    /// when it changed.
    fn apply_user_name(&mut self) {
        if self.applied_user_name.as_ref() == Some(&self.state.user_name) {
            return;
        }
        let name = self.state.user_name.trim();
        if name.is_empty() {
            self.doc.set_author(&crate::workspace::io::os_user_name().unwrap_or_default());
        } else {
            self.doc.set_author(name);
        }
        self.applied_user_name = Some(self.state.user_name.clone());
    }

    /// Commits whatever the detail pane's text fields hold.
    fn commit_drafts(&mut self) {
        for edit in self.detail.pending_edits(self.doc.workspace()) {
            self.apply_edit(edit);
        }
    }
}

fn remember_owners(edit: &Edit, state: &mut UiState) {
    match edit {
        Edit::SetOwner { owner: Some(owner), .. }
        | Edit::SetAction { change: crate::workspace::ActionChange::Lead(Some(owner)), .. } => {
            state.remember_owner(owner);
        }
        Edit::Batch(edits) => edits.iter().for_each(|e| remember_owners(e, state)),
        _ => {}
    }
}

impl eframe::App for TrackerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_impl(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit with everything saved leaves no recovery file behind.
        if !self.doc.is_dirty() {
            self.discard_recovery();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::jobs::ImportSource;
    use crate::ui::testing;
    use crate::workspace;

    #[test]
    fn a_workspace_opens_in_the_background_and_edits_wait_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.ron");
        workspace::save(&testing::generated_workspace(5_000), &path).unwrap();

        let mut app = testing::test_app(testing::small_workspace());
        app.options.blocking_import = false;
        app.open_workspace(&path);
        assert!(app.jobs.opening.is_some(), "the file is read off the UI thread");
        let target = app.workspace().findings().next().map(|(target, ..)| target).unwrap();
        app.apply_edit(Edit::SetImportant { target, important: true });
        assert!(!app.is_dirty(), "no change is made to a workspace about to be replaced");

        let started = std::time::Instant::now();
        while app.jobs.opening.is_some() && started.elapsed() < std::time::Duration::from_secs(60) {
            app.poll_opening();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(app.workspace().finding_count(), 5_000);
        assert_eq!(app.path(), Some(path.as_path()));
    }

    #[test]
    fn an_export_is_written_in_the_background_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.xlsx");
        let mut app = testing::test_app(testing::generated_workspace(2_000));
        app.options.blocking_import = false;
        app.state.last_export.format = crate::export::ExportFormat::Xlsx;
        app.export_to(path.clone());
        assert!(app.jobs.exporting.is_some(), "the file is written off the UI thread");
        let started = std::time::Instant::now();
        while app.jobs.exporting.is_some() && started.elapsed() < std::time::Duration::from_secs(60) {
            app.poll_export();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(path.is_file());
        let last = app.notifications.last().map(|n| n.text.clone()).unwrap_or_default();
        assert!(last.starts_with("Exported ") && last.ends_with("plan.xlsx"), "{last}");
    }

    #[test]
    fn reports_added_to_a_workspace_are_classified_with_its_taxonomy() {
        let mut app = testing::test_app(testing::small_workspace());
        let known: Vec<CategoryId> = app.workspace().taxonomy.categories.iter().map(|c| c.id.clone()).collect();
        let letter =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds/003_0d17976a4729da26.txt");
        app.start_import(vec![ImportSource::file(letter)]);
        let added = app.workspace().reports.last().unwrap();
        assert!(added.findings.len() > 5);
        for finding in &added.findings {
            assert!(known.contains(&finding.classification.category), "{}", finding.classification.category);
        }
    }

    #[test]
    fn a_backup_that_cannot_be_kept_is_reported_with_its_folder_and_the_save_stands() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.ron");
        workspace::save(&testing::small_workspace(), &path).unwrap();
        // A file where the backups folder should be.
        let folder = workspace::io::backups::folder(&path);
        std::fs::write(&folder, "in the way").unwrap();
        let mut app = testing::test_app(testing::small_workspace());
        app.options.use_disk = true;
        app.open_workspace(&path);
        let target = app.workspace().findings().next().map(|(target, ..)| target).unwrap();
        app.apply_edit(Edit::SetImportant { target, important: true });
        app.save_to(&egui::Context::default(), path.clone());
        assert!(!app.is_dirty(), "the save itself failed");
        assert_eq!(&workspace::load(&path).unwrap(), app.workspace());
        let warning = app.notifications.iter().find(|n| n.level == Level::Warning).map(|n| n.text.clone());
        let warning = warning.unwrap_or_default();
        assert!(warning.contains("no backup of this save could be kept"), "{warning}");
        assert!(warning.ends_with(&folder.display().to_string()), "{warning}");
    }

    #[test]
    fn someone_elses_save_is_read_on_a_worker_thread_then_offered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.ron");
        workspace::save(&testing::small_workspace(), &path).unwrap();
        let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
        app.open_workspace(&path);
        app.options.blocking_import = false;
        app.look_for_their_save(&path);
        assert!(app.jobs.their_save.is_none(), "the file is unchanged, so there is nothing to read");

        let mut theirs = testing::small_workspace();
        let target = theirs.findings().next().map(|(target, ..)| target).unwrap();
        theirs.apply(Edit::SetOwner { target, owner: Some("Colleague".into()) }, testing::test_now()).unwrap();
        // A different size, so the look sees a change even within one tick of the clock.
        theirs.reports[0].findings[0].text.push_str(" (edited)");
        workspace::save(&theirs, &path).unwrap();
        app.look_for_their_save(&path);
        assert!(app.jobs.their_save.is_some() && app.sharing.incoming.is_none(), "read on the UI thread");
        assert!(app.status_message.contains("reading their changes"), "{}", app.status_message);
        let started = std::time::Instant::now();
        while app.jobs.their_save.is_some() && started.elapsed() < std::time::Duration::from_secs(60) {
            app.poll_their_save();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let incoming = app.sharing.incoming.as_ref().map(|i| &i.loaded.workspace);
        assert_eq!(incoming, Some(&theirs));
    }

    #[test]
    fn a_copy_to_merge_is_read_on_a_worker_thread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sams-copy.ron");
        let mut theirs = testing::small_workspace();
        let target = theirs.findings().next().map(|(target, ..)| target).unwrap();
        theirs
            .apply(Edit::SetOwner { target: target.clone(), owner: Some("Sam".into()) }, testing::test_now())
            .unwrap();
        workspace::save(&theirs, &path).unwrap();
        let mut app = testing::test_app(testing::small_workspace());
        app.options.blocking_import = false;
        app.merge_from(&path);
        assert!(app.jobs.merging.is_some(), "read on the UI thread");
        assert!(app.status_message.contains("to merge it in"), "{}", app.status_message);
        let started = std::time::Instant::now();
        while app.jobs.merging.is_some() && started.elapsed() < std::time::Duration::from_secs(60) {
            app.poll_merging();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(app.workspace().annotation(&target).and_then(|a| a.owner.as_deref()), Some("Sam"));
    }

    #[test]
    fn a_save_that_merged_their_save_withdraws_the_offer_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.ron");
        workspace::save(&testing::small_workspace(), &path).unwrap();
        let mut app = testing::test_app(workspace::Workspace::new(testing::test_taxonomy()));
        app.open_workspace(&path);
        let mut theirs = testing::small_workspace();
        let target = theirs.findings().next().map(|(target, ..)| target).unwrap();
        theirs
            .apply(Edit::SetOwner { target: target.clone(), owner: Some("Colleague".into()) }, testing::test_now())
            .unwrap();
        theirs.reports[0].findings[0].text.push_str(" (edited)");
        workspace::save(&theirs, &path).unwrap();
        app.look_for_their_save(&path);
        assert!(app.sharing.incoming.is_some(), "their save is offered");
        app.save_to(&egui::Context::default(), path.clone());
        assert!(app.sharing.incoming.is_none(), "the save merged it: nothing left to offer");
        assert_eq!(
            workspace::load(&path).unwrap().annotation(&target).and_then(|a| a.owner.clone()).as_deref(),
            Some("Colleague")
        );
    }
}
