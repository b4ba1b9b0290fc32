//! `TrackerApp`: the window's state and its frame. Each frame it reads input (shortcuts,
//! dropped files, import progress), draws the panels, which push `Command`s, and then
//! drains the queue in `run_command`, the one place where the workspace changes (always
//! through `History::apply`), files are opened and saved, and dialogs are opened.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use eframe::egui;

use crate::import::SourceState;
use crate::model::{CategoryId, Date, ReportId, Status, Taxonomy};
use crate::workspace::{self, AddOutcome, Edit, FindingRef, History, Workspace};

use super::commands::{Availability, Command, SelectMode, UiCommand};
use super::dialogs::confirm::{self, PendingAction, UnsavedAnswer};
use super::dialogs::export::{ExportDialog, ExportRequest};
use super::dialogs::file::{FileDialogs, FilePurpose};
use super::dialogs::{about, preferences};
use super::import_worker::{self, ImportJob, ImportMessage, ImportResult, ImportSource};
use super::palette::Palette;
use super::panels::detail::{self, DetailState};
use super::panels::findings::{self, Selection, TableModel};
use super::panels::{PanelCtx, filter, reports};
use super::samples;
use super::source_check::{self, SourceCheckJob};
use super::state::UiState;
use super::theme::{self, ThemeChoice, Tokens};
use super::widgets::UiExt as _;

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
    /// Import, and check the reports' source files, on the UI thread (tests), instead of on
    /// a worker thread.
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

struct RecoveryOffer {
    recovery: PathBuf,
    workspace_path: Option<PathBuf>,
    saved_at: Option<String>,
}

/// Work on one file on a worker thread, so that a large file never freezes the window:
/// the file, and the outcome to come.
struct FileJob<T> {
    path: PathBuf,
    outcome: std::sync::mpsc::Receiver<T>,
}

impl<T: Send + 'static> FileJob<T> {
    /// Runs `work` on `path` on a new thread named `name`, waking `repaint` when done.
    fn spawn(
        name: &str,
        path: PathBuf,
        repaint: Option<egui::Context>,
        work: impl FnOnce(&Path) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, outcome) = std::sync::mpsc::channel();
        let file = path.clone();
        std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            tx.send(work(&file)).ok();
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        })?;
        Ok(Self { path, outcome })
    }

    /// `None` while the work goes on; then its outcome, or `Err` when the worker died.
    fn poll(&self) -> Option<Result<T, ()>> {
        match self.outcome.try_recv() {
            Ok(outcome) => Some(Ok(outcome)),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(Err(())),
        }
    }
}

/// An export being written: the job and how many rows it holds.
struct PendingExport {
    job: FileJob<Result<(), crate::export::ExportError>>,
    rows: usize,
}

/// The desktop app.
pub struct TrackerApp {
    /// The open workspace.
    pub workspace: Workspace,
    /// Its file, once saved or opened.
    pub path: Option<PathBuf>,
    /// Undo and redo.
    pub history: History,
    /// Whether there are unsaved changes.
    pub dirty: bool,
    /// What the window remembers between runs.
    pub state: UiState,
    /// The selected findings.
    pub selection: Selection,
    /// Every message so far.
    pub notifications: Vec<Notification>,
    /// The last status-bar message ("Undid set status").
    pub status_message: String,
    /// What became of each report's source file (moved, changed), once checked.
    pub source_states: BTreeMap<ReportId, SourceState>,
    source_check: Option<SourceCheckJob>,
    source_check_pending: bool,
    /// Files being imported again on the user's request (relink, re-import), and their report.
    reimport_requests: BTreeMap<PathBuf, ReportId>,
    options: AppOptions,
    clock: Clock,
    structure: u64,
    revision: u64,
    model: TableModel,
    detail: DetailState,
    queue: Vec<Command>,
    import: Option<ImportJob>,
    /// A workspace file being read on a worker thread, so a large one never freezes the window.
    opening: Option<FileJob<Result<Workspace, workspace::LoadError>>>,
    /// An export being written on a worker thread (a large XLSX takes seconds): the file,
    /// its row count and the outcome to come.
    exporting: Option<PendingExport>,
    import_summary: (usize, usize, usize),
    files: FileDialogs,
    palette: Palette,
    export: ExportDialog,
    unsaved_prompt: Option<PendingAction>,
    after_save: Option<PendingAction>,
    cancel_prompt: Option<(Vec<FindingRef>, String)>,
    recovery_offer: Option<RecoveryOffer>,
    show_about: bool,
    show_preferences: bool,
    scroll_to: Option<usize>,
    focus_search: bool,
    allow_close: bool,
    title: String,
    applied_theme: Option<ThemeChoice>,
    last_autosave: Option<f64>,
    time: f64,
    ctx: Option<egui::Context>,
}

/// The default taxonomy, or an empty one when the classifier cannot start.
pub fn default_taxonomy() -> Taxonomy {
    import_worker::default_classifier().map(|c| c.taxonomy().clone()).unwrap_or_default()
}

impl TrackerApp {
    /// An app showing `workspace` (unsaved, no file).
    pub fn new(workspace: Workspace, state: UiState, options: AppOptions, clock: Clock) -> Self {
        let mut files = FileDialogs::default();
        files.native_unavailable = !options.native_dialogs;
        Self {
            workspace,
            path: None,
            history: History::new(),
            dirty: false,
            state,
            selection: Selection::default(),
            notifications: Vec::new(),
            status_message: String::new(),
            source_states: BTreeMap::new(),
            source_check: None,
            source_check_pending: false,
            reimport_requests: BTreeMap::new(),
            options,
            clock,
            structure: 0,
            revision: 0,
            model: TableModel::default(),
            detail: DetailState::default(),
            queue: Vec::new(),
            import: None,
            opening: None,
            exporting: None,
            import_summary: (0, 0, 0),
            files,
            palette: Palette::default(),
            export: ExportDialog::default(),
            unsaved_prompt: None,
            after_save: None,
            cancel_prompt: None,
            recovery_offer: None,
            show_about: false,
            show_preferences: false,
            scroll_to: None,
            focus_search: false,
            allow_close: false,
            title: String::new(),
            applied_theme: None,
            last_autosave: None,
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
        if self.path.is_none() && self.options.use_disk {
            self.offer_unsaved_recovery();
        }
        self.state.has_run_before = true;
    }

    /// Queues a command, as a panel would.
    pub fn queue_command(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// The table's cached rows (for tests and the palette).
    pub fn table(&self) -> &TableModel {
        &self.model
    }

    /// What the open "save changes?" question is about, if one is showing.
    pub fn query_save_dialog(&self) -> Option<&PendingAction> {
        self.unsaved_prompt.as_ref()
    }

    /// Whether the "why is it being cancelled?" question is showing.
    pub fn cancel_reason_asked(&self) -> bool {
        self.cancel_prompt.is_some()
    }

    /// The nine most used categories, which number keys 1–9 assign.
    pub fn top_categories(&self) -> &[CategoryId] {
        &self.model.top_categories
    }

    /// The window title: workspace name and an unsaved marker.
    pub fn window_title(&self) -> String {
        let marker = if self.dirty { " •" } else { "" };
        format!("inspection-tracker — {}{marker}", self.workspace_name())
    }

    fn workspace_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "Untitled workspace".to_owned(), |s| s.to_string_lossy().into_owned())
    }

    fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    fn today(&self) -> Date {
        self.now().date()
    }

    fn availability(&self) -> Availability {
        Availability {
            can_undo: self.history.can_undo(),
            can_redo: self.history.can_redo(),
            has_reports: !self.workspace.reports.is_empty(),
            has_selection: !self.selection.is_empty(),
            can_export: true,
            importing: self.import.is_some(),
        }
    }

    fn notify(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
        let at = Some(self.time);
        self.notifications.push(Notification { level, text, at, dismissed: false });
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.dirty = true;
    }

    fn structure_changed(&mut self) {
        self.structure += 1;
        self.changed();
    }

    /// Draws one frame of the app inside `ui` (what `eframe::App::ui` calls; tests call it
    /// directly through egui_kittest).
    pub fn ui_impl(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.time = ctx.input(|i| i.time);
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        if self.applied_theme != Some(self.state.theme) {
            theme::apply(&ctx, self.state.theme);
            self.applied_theme = Some(self.state.theme);
        }
        self.read_input(&ctx);
        self.poll_import();
        self.poll_opening();
        self.poll_export();
        self.poll_source_check();
        let today = self.today();
        self.model.refresh(&self.workspace, self.structure, self.revision, &self.state.filter, self.state.sort, today);

        let tokens = Tokens::of(&ctx);
        self.panels_ui(ui, &tokens, today);
        self.dialogs_ui(&ctx, &tokens);
        self.toasts_ui(&ctx, &tokens);

        if !self.queue.is_empty() {
            // What the commands change is drawn next frame.
            ctx.request_repaint();
        }
        while !self.queue.is_empty() {
            let queued = std::mem::take(&mut self.queue);
            for command in queued {
                self.run_command(&ctx, command);
            }
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        self.autosave(&ctx);
    }

    fn read_input(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.unsaved_prompt = Some(PendingAction::Quit);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .filter_map(|f| Some(f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()))
                .collect()
        });
        if !dropped.is_empty() {
            self.queue.push(Command::OpenPaths(dropped));
        }
        if self.modal_open() {
            return;
        }
        let availability = self.availability();
        for command in UiCommand::listen_for_shortcuts(ctx, &availability) {
            self.queue.push(Command::Ui(command));
        }
        // Number keys assign the most used categories while the table, not a text field, has the keyboard.
        if !ctx.egui_wants_keyboard_input() && !self.selection.is_empty() {
            const KEYS: [egui::Key; 9] = [
                egui::Key::Num1,
                egui::Key::Num2,
                egui::Key::Num3,
                egui::Key::Num4,
                egui::Key::Num5,
                egui::Key::Num6,
                egui::Key::Num7,
                egui::Key::Num8,
                egui::Key::Num9,
            ];
            for (n, key) in KEYS.iter().enumerate() {
                if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, *key)) {
                    self.queue.push(Command::AssignTopCategory(n + 1));
                }
            }
        }
    }

    fn modal_open(&self) -> bool {
        self.unsaved_prompt.is_some()
            || self.cancel_prompt.is_some()
            || self.recovery_offer.is_some()
            || self.palette.open
            || self.export.open
            || self.files.is_open()
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui, tokens: &Tokens, today: Date) {
        let availability = self.availability();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menu_ui(ui, &availability));
        });
        egui::Panel::top("header")
            .frame(egui::Frame::new().fill(tokens.header_fill).inner_margin(egui::Margin::symmetric(14, 10)))
            .show(ui, |ui| self.header_ui(ui, tokens));
        egui::Panel::bottom("status_bar")
            .frame(egui::Frame::new().fill(ui.visuals().panel_fill).inner_margin(egui::Margin::symmetric(10, 4)))
            .show(ui, |ui| self.status_bar_ui(ui, tokens));

        let has_reports = !self.workspace.reports.is_empty();
        if !has_reports {
            egui::CentralPanel::default().show(ui, |ui| self.welcome_ui(ui, tokens));
            return;
        }
        let mut cx = PanelCtx { ws: &self.workspace, tokens, today, availability, queue: &mut self.queue };
        egui::Panel::left("reports_panel").resizable(true).default_size(290.0).size_range(200.0..=420.0).show(
            ui,
            |ui| {
                reports::reports_ui(
                    ui,
                    &mut cx,
                    self.state.filter.report.as_ref(),
                    &self.model.triaged,
                    &self.model.orphans,
                    &self.source_states,
                );
            },
        );
        egui::Panel::right("detail_panel").resizable(true).default_size(345.0).size_range(300.0..=640.0).show(
            ui,
            |ui| {
                detail::detail_ui(
                    ui,
                    &mut cx,
                    &mut self.detail,
                    &self.selection,
                    &self.model.top_categories,
                    &self.state.owners,
                    self.revision,
                );
            },
        );
        egui::CentralPanel::default()
            .frame(egui::Frame::new().fill(tokens.central_fill).inner_margin(egui::Margin::same(8)))
            .show(ui, |ui| {
                let (shown, total) = (self.model.shown_count(), self.model.total_count());
                filter::filter_bar_ui(ui, &mut cx, &mut self.state.filter, shown, total);
                if self.focus_search {
                    ui.memory_mut(|m| m.request_focus(filter::search_id()));
                    self.focus_search = false;
                }
                ui.separator();
                if shown == 0 {
                    ui.add_space(20.0);
                    ui.vertical_centered(|ui| {
                        ui.weak_label(tokens, "No findings match the filter.");
                        if ui.button("Clear filters").clicked() {
                            cx.queue.push(Command::Ui(UiCommand::ClearFilters));
                        }
                    });
                } else {
                    let scroll_to = self.scroll_to.take();
                    findings::table_ui(
                        ui,
                        &mut cx,
                        &self.model,
                        &self.selection,
                        &self.state.filter,
                        self.state.sort,
                        scroll_to,
                        self.state.show_section_columns,
                    );
                }
            });
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui, availability: &Availability) {
        let queue = &mut self.queue;
        ui.menu_button("File", |ui| {
            UiCommand::NewWorkspace.menu_button_ui(ui, availability, queue);
            UiCommand::OpenWorkspace.menu_button_ui(ui, availability, queue);
            UiCommand::OpenReports.menu_button_ui(ui, availability, queue);
            UiCommand::ImportFolder.menu_button_ui(ui, availability, queue);
            UiCommand::OpenSamples.menu_button_ui(ui, availability, queue);
            ui.menu_button("Recent", |ui| {
                if self.state.recent_workspaces.is_empty() {
                    ui.weak("No recent workspaces");
                }
                for path in &self.state.recent_workspaces {
                    let name = path
                        .file_name()
                        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                        queue.push(Command::OpenWorkspaceFile(path.clone()));
                        ui.close();
                    }
                }
            });
            ui.separator();
            UiCommand::Save.menu_button_ui(ui, availability, queue);
            UiCommand::SaveAs.menu_button_ui(ui, availability, queue);
            ui.separator();
            UiCommand::Export.menu_button_ui(ui, availability, queue);
            ui.separator();
            UiCommand::Quit.menu_button_ui(ui, availability, queue);
        });
        ui.menu_button("Edit", |ui| {
            let undo =
                self.history.undo_label().map_or_else(|| "Undo".to_owned(), |l| format!("Undo {}", l.to_lowercase()));
            let redo =
                self.history.redo_label().map_or_else(|| "Redo".to_owned(), |l| format!("Redo {}", l.to_lowercase()));
            UiCommand::Undo.menu_button_with_text_ui(ui, undo, availability, queue);
            UiCommand::Redo.menu_button_with_text_ui(ui, redo, availability, queue);
            ui.separator();
            UiCommand::Find.menu_button_ui(ui, availability, queue);
            UiCommand::ClearFilters.menu_button_ui(ui, availability, queue);
            UiCommand::SelectAllShown.menu_button_ui(ui, availability, queue);
            UiCommand::ToggleImportant.menu_button_ui(ui, availability, queue);
            ui.separator();
            UiCommand::CommandPalette.menu_button_ui(ui, availability, queue);
            UiCommand::Preferences.menu_button_ui(ui, availability, queue);
        });
        ui.menu_button("View", |ui| {
            for (command, choice) in [
                (UiCommand::ThemeSystem, ThemeChoice::System),
                (UiCommand::ThemeLight, ThemeChoice::Light),
                (UiCommand::ThemeDark, ThemeChoice::Dark),
            ] {
                if ui.radio(self.state.theme == choice, command.text()).clicked() {
                    queue.push(Command::Ui(command));
                    ui.close();
                }
            }
            ui.separator();
            ui.checkbox(&mut self.state.show_section_columns, "Section and number columns");
            ui.separator();
            UiCommand::NextFinding.menu_button_ui(ui, availability, queue);
            UiCommand::PreviousFinding.menu_button_ui(ui, availability, queue);
            UiCommand::ToggleLog.menu_button_ui(ui, availability, queue);
        });
        ui.menu_button("Help", |ui| {
            UiCommand::About.menu_button_ui(ui, availability, queue);
        });
    }

    fn header_ui(&mut self, ui: &mut egui::Ui, tokens: &Tokens) {
        let on_header = theme::text_on(tokens.header_fill);
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                let marker = if self.dirty { "  •  unsaved changes" } else { "" };
                ui.label(
                    egui::RichText::new(format!("{}{marker}", self.workspace_name()))
                        .size(19.0)
                        .strong()
                        .color(on_header),
                );
                let stats = self.model.stats;
                let mut summary = format!(
                    "{} reports · {} findings · {} actions · {} triaged",
                    self.workspace.reports.len(),
                    stats.findings,
                    stats.actions,
                    stats.triaged
                );
                if stats.overdue > 0 {
                    summary.push_str(&format!(" · {} overdue", stats.overdue));
                }
                ui.label(egui::RichText::new(summary).size(12.5).color(on_header.gamma_multiply(0.8)));
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let availability = self.availability();
                for command in [UiCommand::Save, UiCommand::OpenReports] {
                    let button = egui::Button::new(egui::RichText::new(command.text()).color(on_header))
                        .fill(tokens.header_fill.gamma_multiply(0.6))
                        .stroke(egui::Stroke::new(1.0, on_header.gamma_multiply(0.4)));
                    if ui
                        .add_enabled(command.is_enabled(&availability), button)
                        .on_hover_text(command.text_and_tooltip().1)
                        .clicked()
                    {
                        self.queue.push(Command::Ui(command));
                    }
                }
            });
        });
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui, tokens: &Tokens) {
        ui.horizontal(|ui| {
            if let Some(job) = &self.opening {
                ui.add(egui::Spinner::new());
                ui.label(format!("Opening {}…", job.path.display()));
            } else if let Some(PendingExport { job, rows }) = &self.exporting {
                ui.add(egui::Spinner::new());
                ui.label(format!("Exporting {rows} rows to {}…", job.path.display()));
            } else if let Some(job) = &self.import {
                ui.add(egui::Spinner::new());
                ui.add(egui::ProgressBar::new(job.fraction()).desired_width(200.0).fill(tokens.accent));
                ui.label(job.progress_text());
                if ui.button("Cancel").on_hover_text("Stop importing the remaining files").clicked() {
                    self.queue.push(Command::CancelImport);
                }
            } else {
                let saved = match (&self.path, self.dirty) {
                    (_, true) => "Unsaved changes".to_owned(),
                    (Some(p), false) => format!("Saved · {}", p.display()),
                    (None, false) => "Not saved yet".to_owned(),
                };
                ui.weak_label(tokens, &saved);
                if !self.status_message.is_empty() {
                    ui.separator();
                    ui.weak_label(tokens, &self.status_message);
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let errors = self.notifications.iter().filter(|n| n.level == Level::Error).count();
                let text = if errors > 0 { format!("Messages ({errors} errors)") } else { "Messages".to_owned() };
                if ui.small_button(text).clicked() {
                    self.queue.push(Command::Ui(UiCommand::ToggleLog));
                }
                ui.weak_label(tokens, "Ctrl+K: command palette");
            });
        });
    }

    fn welcome_ui(&mut self, ui: &mut egui::Ui, tokens: &Tokens) {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            ui.set_max_width(560.0);
            if self.import.is_some() {
                ui.heading("Importing reports…");
                ui.add(egui::Spinner::new().size(28.0));
                return;
            }
            ui.label(egui::RichText::new("Welcome to inspection-tracker").size(24.0).strong().color(tokens.text_strong));
            ui.add_space(6.0);
            ui.weak_label(
                tokens,
                "Open Ofsted inspection reports to turn their findings and recommendations into an action plan you can triage, annotate and track.",
            );
            ui.add_space(16.0);
            let availability = self.availability();
            for command in [UiCommand::OpenReports, UiCommand::ImportFolder, UiCommand::OpenSamples, UiCommand::OpenWorkspace] {
                let button = egui::Button::new(egui::RichText::new(command.text()).size(15.0)).min_size(egui::vec2(260.0, 32.0));
                if ui.add_enabled(command.is_enabled(&availability), button).on_hover_text(command.text_and_tooltip().1).clicked() {
                    self.queue.push(Command::Ui(command));
                }
            }
            ui.add_space(8.0);
            ui.weak_label(tokens, "Or drop PDF, text or HTML reports, or a .ron workspace, onto this window.");
            if !self.state.recent_workspaces.is_empty() {
                ui.add_space(20.0);
                ui.section_heading(tokens, "Recent workspaces");
                for path in self.state.recent_workspaces.clone() {
                    let exists = path.exists();
                    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    let response = ui.add_enabled(exists, egui::Link::new(name)).on_hover_text(path.display().to_string());
                    if response.clicked() {
                        self.queue.push(Command::OpenWorkspaceFile(path.clone()));
                    }
                }
            }
        });
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context, tokens: &Tokens) {
        if let Some((purpose, paths)) = self.files.poll(ctx) {
            self.file_chosen(purpose, paths);
        }
        if let Some(action) = self.unsaved_prompt.clone()
            && let Some(answer) = confirm::unsaved_ui(ctx, &self.workspace_name())
        {
            self.unsaved_prompt = None;
            match answer {
                UnsavedAnswer::Save => {
                    self.after_save = Some(action);
                    self.queue.push(Command::Ui(UiCommand::Save));
                }
                UnsavedAnswer::Discard => {
                    self.discard_recovery();
                    self.dirty = false;
                    self.do_pending(ctx, action);
                }
                UnsavedAnswer::Cancel => {}
            }
        }
        if let Some((targets, reason)) = &mut self.cancel_prompt
            && let Some(answer) = confirm::cancel_reason_ui(ctx, targets.len(), reason)
        {
            let targets = targets.clone();
            self.cancel_prompt = None;
            if let Some(reason) = answer {
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
        }
        if let Some(offer) = &self.recovery_offer
            && let Some(restore) = confirm::recovery_ui(ctx, &offer.recovery, offer.saved_at.as_deref())
        {
            let recovery = offer.recovery.clone();
            let workspace_path = offer.workspace_path.clone();
            self.recovery_offer = None;
            if restore {
                match workspace::load(&recovery) {
                    Ok(ws) => {
                        self.replace_workspace(ws, workspace_path);
                        self.dirty = true;
                        self.notify(Level::Info, "Restored the unsaved work. Save it to keep it.");
                    }
                    Err(e) => self.notify(Level::Error, format!("Could not restore the recovery file: {e}")),
                }
            } else {
                std::fs::remove_file(&recovery).ok();
            }
        }
        let availability = self.availability();
        if let Some(command) = self.palette.ui(ctx, &self.workspace, &self.model, &availability) {
            self.queue.push(command);
        }
        let today = self.today();
        let ws_name = self.workspace_name();
        let choice = &mut self.state.last_export;
        if let Some(ExportRequest::ChooseFile) = self.export.ui(
            ctx,
            &self.workspace,
            self.revision,
            today,
            &mut choice.format,
            &mut choice.options,
            &self.state.filter,
        ) {
            let folder = choice.folder.clone().or_else(|| self.state.last_folder.clone());
            let ext = choice.format.extension().to_owned();
            let name = format!("{}-action-plan.{ext}", ws_name.replace("Untitled workspace", "inspection"));
            self.files.open(ctx, FilePurpose::Export(ext), folder, Some(name));
        }
        about::about_ui(ctx, &mut self.show_about);
        preferences::preferences_ui(ctx, &mut self.show_preferences, &mut self.state);
        if self.state.show_log {
            let mut open = true;
            egui::Window::new("Messages").open(&mut open).default_size([560.0, 300.0]).show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    if self.notifications.is_empty() {
                        ui.weak_label(tokens, "No messages.");
                    }
                    for n in self.notifications.iter().rev() {
                        let colour = level_colour(tokens, n.level);
                        ui.label(egui::RichText::new(&n.text).color(colour));
                    }
                });
            });
            self.state.show_log = open;
        }
        // Files hovering over the window: say what dropping them will do.
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let screen = ctx.content_rect();
            let painter =
                ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop_overlay")));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(150));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop reports or a workspace to open them",
                egui::FontId::proportional(22.0),
                egui::Color32::WHITE,
            );
        }
    }

    fn toasts_ui(&mut self, ctx: &egui::Context, tokens: &Tokens) {
        let now = self.time;
        let mut any_timed = false;
        for n in &mut self.notifications {
            if n.level == Level::Info && !n.dismissed && n.at.is_some_and(|at| now - at > TOAST_SECONDS) {
                n.dismissed = true;
            }
        }
        let live: Vec<usize> =
            self.notifications.iter().enumerate().filter(|(_, n)| !n.dismissed).map(|(i, _)| i).rev().take(4).collect();
        if live.is_empty() {
            return;
        }
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -36.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                for i in live {
                    let n = &mut self.notifications[i];
                    any_timed |= n.level == Level::Info;
                    let colour = level_colour(tokens, n.level);
                    theme::card(tokens).stroke(egui::Stroke::new(1.5, colour)).show(ui, |ui| {
                        ui.set_max_width(400.0);
                        ui.horizontal(|ui| {
                            let title = match n.level {
                                Level::Info => "Done",
                                Level::Warning => "Warning",
                                Level::Error => "Error",
                            };
                            ui.label(egui::RichText::new(title).strong().color(colour));
                            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                                if ui.small_button("Dismiss").clicked() {
                                    n.dismissed = true;
                                }
                            });
                        });
                        ui.add(egui::Label::new(&n.text).wrap());
                    });
                    ui.add_space(4.0);
                }
            });
        if any_timed {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(TOAST_SECONDS));
        }
    }

    // ------------------------------------------------------------------------------------
    // Commands: the one place the app changes.

    /// Runs one command.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Ui(command) => self.run_ui_command(ctx, command),
            Command::Edit(edit) => self.apply_edit(edit),
            Command::Select { target, mode } => self.select(target, mode),
            Command::FilterByReport(report) => self.state.filter.report = report,
            Command::OpenPaths(paths) => self.open_paths(ctx, paths),
            Command::OpenWorkspaceFile(path) => self.guard_unsaved(ctx, PendingAction::OpenWorkspace(path)),
            Command::SaveTo(path) => self.save_to(ctx, path),
            Command::SortBy(column) => {
                if self.state.sort.column == column {
                    self.state.sort.descending = !self.state.sort.descending;
                } else {
                    self.state.sort.column = column;
                    self.state.sort.descending = false;
                }
            }
            Command::SetCategoryOfSelection(category) => {
                let edits =
                    self.selected().map(|target| Edit::SetCategory { target, category: category.clone() }).collect();
                self.apply_edit(batch(edits));
            }
            Command::SetStatusOfSelection(status) => {
                let edits =
                    self.selected().map(|target| Edit::SetStatus { target, status, cancel_reason: None }).collect();
                self.apply_edit(batch(edits));
            }
            Command::SetRagOfSelection(rag) => {
                let edits = self.selected().map(|target| Edit::SetRag { target, rag }).collect();
                self.apply_edit(batch(edits));
            }
            Command::SetOwnerOfSelection(owner) => {
                let edits = self.selected().map(|target| Edit::SetOwner { target, owner: owner.clone() }).collect();
                self.apply_edit(batch(edits));
            }
            Command::AssignTopCategory(n) => {
                if let Some(id) = self.model.top_categories.get(n.wrapping_sub(1)).cloned() {
                    self.run_command(ctx, Command::SetCategoryOfSelection(Some(id)));
                }
            }
            Command::AskCancelReason => {
                let targets: Vec<FindingRef> = self.selected().collect();
                if !targets.is_empty() {
                    self.cancel_prompt = Some((targets, String::new()));
                }
            }
            Command::CancelImport => {
                if let Some(job) = &self.import {
                    job.cancel();
                    self.status_message = "Cancelling the import…".to_owned();
                }
            }
            Command::RestoreRecovery(path) => {
                self.recovery_offer =
                    Some(RecoveryOffer { recovery: path, workspace_path: self.path.clone(), saved_at: None });
            }
            Command::ExportTo(path) => self.export_to(path),
            Command::ForgetRecent(path) => self.state.recent_workspaces.retain(|p| p != &path),
            Command::RelinkReport(id) => {
                let Some(report) = self.workspace.report(&id) else { return };
                // Start where the file used to be, when that folder still exists.
                let folder = report
                    .source_path
                    .parent()
                    .filter(|f| f.is_dir())
                    .map(Path::to_path_buf)
                    .or_else(|| self.state.last_folder.clone());
                self.files.open(ctx, FilePurpose::RelinkReport(id), folder, None);
            }
            Command::RelinkTo { report, path } => self.relink(ctx, report, path),
            Command::ReimportReport(id) => {
                if let Some(path) = self.workspace.report(&id).map(|r| r.source_path.clone()) {
                    self.reimport(ctx, id, path);
                }
            }
        }
    }

    fn run_ui_command(&mut self, ctx: &egui::Context, command: UiCommand) {
        match command {
            UiCommand::NewWorkspace => self.guard_unsaved(ctx, PendingAction::NewWorkspace),
            UiCommand::OpenWorkspace => self.guard_unsaved(ctx, PendingAction::OpenWorkspaceDialog),
            UiCommand::OpenReports => {
                let folder = self.state.last_folder.clone();
                self.files.open(ctx, FilePurpose::OpenReports, folder, None);
            }
            UiCommand::ImportFolder => {
                let folder = self.state.last_folder.clone();
                self.files.open(ctx, FilePurpose::ImportFolder, folder, None);
            }
            UiCommand::OpenSamples => {
                let dir = if self.options.use_disk { samples::samples_dir() } else { None };
                let sources = samples::sample_sources(dir.as_deref());
                self.start_import(ctx, sources);
            }
            UiCommand::Save => match self.path.clone() {
                Some(path) => self.save_to(ctx, path),
                None => self.run_ui_command(ctx, UiCommand::SaveAs),
            },
            UiCommand::SaveAs => {
                let folder = self
                    .path
                    .as_ref()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .or(self.state.last_folder.clone());
                let name = format!("{}.ron", self.workspace_name().replace("Untitled workspace", "action-plan"));
                self.files.open(ctx, FilePurpose::SaveWorkspaceAs, folder, Some(name));
            }
            UiCommand::Export => {
                self.commit_drafts();
                self.export.open = true;
            }
            UiCommand::Quit => self.guard_unsaved(ctx, PendingAction::Quit),
            UiCommand::Undo => {
                self.commit_drafts();
                let now = self.now();
                if let Some(label) = self.history.undo(&mut self.workspace, now) {
                    self.status_message = format!("Undid {}", label.to_lowercase());
                    self.changed();
                }
            }
            UiCommand::Redo => {
                let now = self.now();
                if let Some(label) = self.history.redo(&mut self.workspace, now) {
                    self.status_message = format!("Redid {}", label.to_lowercase());
                    self.changed();
                }
            }
            UiCommand::Find => self.focus_search = true,
            UiCommand::ClearFilters => self.state.filter = Default::default(),
            UiCommand::CommandPalette => self.palette.show(),
            UiCommand::Preferences => self.show_preferences = true,
            UiCommand::About => self.show_about = true,
            UiCommand::NextFinding | UiCommand::PreviousFinding => {
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
            UiCommand::ToggleImportant => {
                let all_important = self.selected().all(|t| self.workspace.annotation(&t).is_some_and(|a| a.important));
                let edits =
                    self.selected().map(|target| Edit::SetImportant { target, important: !all_important }).collect();
                self.apply_edit(batch(edits));
            }
            UiCommand::SelectAllShown => {
                let set: std::collections::BTreeSet<FindingRef> = self.model.shown_targets().cloned().collect();
                if !set.is_empty() {
                    self.commit_drafts();
                    let focus =
                        self.selection.focus.clone().filter(|f| set.contains(f)).or_else(|| set.iter().next().cloned());
                    self.selection = Selection { focus, set };
                }
            }
            UiCommand::ToggleLog => self.state.show_log = !self.state.show_log,
            UiCommand::ThemeLight | UiCommand::ThemeDark | UiCommand::ThemeSystem => {
                if let Some(choice) = command.theme() {
                    self.state.theme = choice;
                }
            }
        }
    }

    fn selected(&self) -> impl Iterator<Item = FindingRef> + '_ {
        self.selection.set.iter().cloned()
    }

    /// Applies an edit through the undo history; failures become a notification.
    pub fn apply_edit(&mut self, edit: Edit) {
        if matches!(&edit, Edit::Batch(edits) if edits.is_empty()) {
            return;
        }
        if self.opening.is_some() {
            // The workspace on screen is about to be replaced; a change to it would be lost.
            self.notify(Level::Warning, "Wait for the workspace to finish opening, then make the change.");
            return;
        }
        remember_owners(&edit, &mut self.state);
        let now = self.now();
        match self.history.apply(&mut self.workspace, edit, now) {
            Ok(()) => {
                self.status_message.clear();
                self.changed();
            }
            Err(e) => self.notify(Level::Error, format!("The change could not be made: {e}")),
        }
    }

    /// Commits whatever the detail pane's text fields hold.
    fn commit_drafts(&mut self) {
        for edit in self.detail.pending_edits(&self.workspace) {
            self.apply_edit(edit);
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
                let to = self.model.position_of(&target);
                match (from, to) {
                    (Some(a), Some(b)) => {
                        let (lo, hi) = (a.min(b), a.max(b));
                        for i in lo..=hi {
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

    // ------------------------------------------------------------------------------------
    // Files.

    fn guard_unsaved(&mut self, ctx: &egui::Context, action: PendingAction) {
        self.commit_drafts();
        if self.dirty && !self.workspace.reports.is_empty() {
            self.unsaved_prompt = Some(action);
        } else {
            self.do_pending(ctx, action);
        }
    }

    fn do_pending(&mut self, ctx: &egui::Context, action: PendingAction) {
        match action {
            PendingAction::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            PendingAction::NewWorkspace => {
                let ws = Workspace::new(default_taxonomy());
                self.replace_workspace(ws, None);
            }
            PendingAction::OpenWorkspaceDialog => {
                let folder = self.state.last_folder.clone();
                self.files.open(ctx, FilePurpose::OpenWorkspace, folder, None);
            }
            PendingAction::OpenWorkspace(path) => self.open_workspace(&path),
        }
    }

    fn replace_workspace(&mut self, ws: Workspace, path: Option<PathBuf>) {
        self.workspace = ws;
        self.path = path;
        self.history.clear();
        self.selection = Selection::default();
        self.detail = DetailState::default();
        self.state.filter.report = None;
        self.dirty = false;
        self.last_autosave = None;
        self.structure += 1;
        self.revision += 1;
        self.check_sources();
    }

    /// Checks every report's source file (moved? changed?) and keeps the result in
    /// [`Self::source_states`]: on a worker thread, or at once with `blocking_import`.
    pub fn check_sources(&mut self) {
        self.source_states.clear();
        self.source_check = None;
        self.source_check_pending = false;
        let sources = source_check::sources_of(&self.workspace);
        if sources.is_empty() {
            return;
        }
        if self.options.blocking_import {
            self.source_states.extend(source_check::check_now(&sources));
            return;
        }
        // Before the first frame there is no context to wake: start on the first frame.
        let Some(ctx) = self.ctx.clone() else {
            self.source_check_pending = true;
            return;
        };
        match SourceCheckJob::spawn(sources, move || ctx.request_repaint()) {
            Ok(job) => self.source_check = Some(job),
            Err(e) => self.notify(Level::Warning, format!("Could not check whether the report files changed: {e}")),
        }
    }

    fn poll_source_check(&mut self) {
        if self.source_check_pending && self.ctx.is_some() {
            self.check_sources();
        }
        let Some(job) = &self.source_check else { return };
        let (results, finished) = job.poll();
        for (id, state) in results {
            // A report imported again meanwhile was recorded as unchanged; keep that.
            self.source_states.entry(id).or_insert(state);
        }
        if finished {
            self.source_check = None;
        }
    }

    /// Imports a report's file again, from `path`, keeping its id and annotations.
    fn reimport(&mut self, ctx: &egui::Context, id: ReportId, path: PathBuf) {
        if self.import.is_some() {
            self.notify(Level::Warning, "An import is already running; wait for it to finish.");
            return;
        }
        self.reimport_requests.insert(path.clone(), id);
        self.start_import(ctx, vec![ImportSource::file(path)]);
    }

    /// Points a report at the file the user found in its new place, then re-imports it.
    fn relink(&mut self, ctx: &egui::Context, id: ReportId, path: PathBuf) {
        let path = std::path::absolute(&path).unwrap_or(path);
        if self.import.is_some() {
            self.notify(Level::Warning, "An import is already running; wait for it to finish.");
            return;
        }
        if let Some(other) = self.workspace.reports.iter().find(|r| r.id != id && r.source_path == path) {
            let name = other.display_name();
            self.notify(
                Level::Error,
                format!("This file is already the source of another report ({name}): {}", path.display()),
            );
            return;
        }
        match self.workspace.relink(&id, path.clone()) {
            Ok(_) => {
                self.source_states.remove(&id);
                self.changed();
                self.reimport(ctx, id, path);
            }
            Err(e) => self.notify(Level::Error, format!("Could not relink the report: {e}")),
        }
    }

    /// The message after a report was imported again: what was kept.
    fn reimport_message(&self, id: &ReportId, vanished: usize) -> String {
        let Some(report) = self.workspace.report(id) else { return String::new() };
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
        if self.options.blocking_import {
            let loaded = workspace::load(path);
            self.finish_open(path, loaded);
            return;
        }
        match FileJob::spawn("open-workspace", path.to_owned(), self.ctx.clone(), workspace::load) {
            Ok(job) => {
                self.status_message = format!("Opening {}…", path.display());
                self.opening = Some(job);
            }
            Err(e) => self.notify(
                Level::Error,
                format!("Could not open the workspace (no worker thread: {e}): {}", path.display()),
            ),
        }
    }

    /// Shows the workspace read by [`Self::open_workspace`] once the worker has it.
    fn poll_opening(&mut self) {
        let Some(job) = &self.opening else { return };
        let Some(outcome) = job.poll() else { return };
        let path = job.path.clone();
        self.opening = None;
        let loaded = outcome.unwrap_or_else(|()| {
            Err(workspace::LoadError::Io {
                path: path.clone(),
                reason: "the reader stopped unexpectedly".to_owned(),
                error: std::io::Error::other("the reader stopped"),
            })
        });
        self.finish_open(&path, loaded);
    }

    fn finish_open(&mut self, path: &Path, loaded: Result<Workspace, workspace::LoadError>) {
        match loaded {
            Ok(ws) => {
                self.replace_workspace(ws, Some(path.to_owned()));
                self.state.remember_workspace(path);
                self.state.last_folder = path.parent().map(Path::to_path_buf);
                self.status_message = format!("Opened {}", path.display());
                if self.options.use_disk {
                    self.offer_recovery_for(path);
                }
            }
            Err(e) => {
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
            let saved_at = chrono::DateTime::<chrono::Local>::from(r).format("%-d %b %Y %H:%M").to_string();
            self.recovery_offer =
                Some(RecoveryOffer { recovery, workspace_path: Some(path.to_owned()), saved_at: Some(saved_at) });
        }
    }

    fn offer_unsaved_recovery(&mut self) {
        if let Some(recovery) = workspace::io::unsaved_recovery_path()
            && let Ok(meta) = std::fs::metadata(&recovery)
        {
            let saved_at = meta
                .modified()
                .ok()
                .map(|t| chrono::DateTime::<chrono::Local>::from(t).format("%-d %b %Y %H:%M").to_string());
            self.recovery_offer = Some(RecoveryOffer { recovery, workspace_path: None, saved_at });
        }
    }

    fn unsaved_recovery_base() -> Option<PathBuf> {
        // `save_recovery(ws, base)` writes `base` + ".recovery", which is `unsaved_recovery_path()`.
        workspace::io::unsaved_recovery_path().map(|p| p.with_extension(""))
    }

    fn discard_recovery(&mut self) {
        if !self.options.use_disk {
            return;
        }
        let recovery = match &self.path {
            Some(p) => Some(workspace::recovery_path(p)),
            None => workspace::io::unsaved_recovery_path(),
        };
        if let Some(r) = recovery {
            std::fs::remove_file(r).ok();
        }
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        if !self.options.use_disk || !self.dirty {
            return;
        }
        let due = self.last_autosave.is_none_or(|t| self.time - t >= AUTOSAVE_SECONDS);
        if self.last_autosave.is_none() {
            // Start the clock at the first unsaved change.
            self.last_autosave = Some(self.time);
        } else if due {
            self.last_autosave = Some(self.time);
            let base = self.path.clone().or_else(Self::unsaved_recovery_base);
            if let Some(base) = base
                && let Err(e) = workspace::save_recovery(&self.workspace, &base)
            {
                self.notify(Level::Warning, format!("The automatic recovery copy could not be written: {e}"));
            }
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
    }

    fn save_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.commit_drafts();
        let path = if path.extension().is_none() { path.with_extension("ron") } else { path };
        match workspace::save(&self.workspace, &path) {
            Ok(()) => {
                self.discard_recovery();
                self.path = Some(path.clone());
                self.dirty = false;
                self.state.remember_workspace(&path);
                self.state.last_folder = path.parent().map(Path::to_path_buf);
                self.status_message = format!("Saved {}", path.display());
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

    fn file_chosen(&mut self, purpose: FilePurpose, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else { return };
        self.state.last_folder = first.parent().map(Path::to_path_buf);
        let Some(ctx) = self.ctx.clone() else { return };
        match purpose {
            FilePurpose::OpenReports | FilePurpose::ImportFolder => self.queue.push(Command::OpenPaths(paths)),
            FilePurpose::RelinkReport(report) => self.queue.push(Command::RelinkTo { report, path: first }),
            FilePurpose::OpenWorkspace => self.open_workspace(&first),
            FilePurpose::SaveWorkspaceAs => self.save_to(&ctx, first),
            FilePurpose::Export(_) => self.export_to(first),
        }
    }

    /// Exports the action plan with the remembered choice to `path`.
    fn export_to(&mut self, path: PathBuf) {
        let choice = self.state.last_export.clone();
        let path = if path.extension().is_none() { path.with_extension(choice.format.extension()) } else { path };
        if let Err(e) = choice.options.validate(&self.workspace) {
            self.notify(Level::Error, format!("Could not export: {e}"));
            return;
        }
        let summary =
            crate::export::ActionSummary::build(&self.workspace, &choice.options, self.today(), &self.workspace_name());
        let rows = summary.items.len();
        self.state.last_export.folder = path.parent().map(Path::to_path_buf);
        self.export.open = false;
        if self.options.blocking_import {
            let written = crate::export::write(&summary, choice.format, &path, &choice.options);
            self.finish_export(&path, rows, written);
            return;
        }
        let write = move |file: &Path| crate::export::write(&summary, choice.format, file, &choice.options);
        match FileJob::spawn("export", path.clone(), self.ctx.clone(), write) {
            Ok(job) => self.exporting = Some(PendingExport { job, rows }),
            Err(e) => {
                self.notify(Level::Error, format!("Could not export (no worker thread: {e}): {}", path.display()))
            }
        }
    }

    /// Reports the export started by [`Self::export_to`] once the worker has written it.
    fn poll_export(&mut self) {
        let Some(PendingExport { job, rows }) = &self.exporting else { return };
        let Some(outcome) = job.poll() else { return };
        let (path, rows) = (job.path.clone(), *rows);
        self.exporting = None;
        match outcome {
            Ok(written) => self.finish_export(&path, rows, written),
            Err(()) => self
                .notify(Level::Error, format!("Could not export {rows} rows: the writer stopped: {}", path.display())),
        }
    }

    fn finish_export(&mut self, path: &Path, rows: usize, written: Result<(), crate::export::ExportError>) {
        match written {
            Ok(()) => self.notify(Level::Info, format!("Exported {rows} rows to {}", path.display())),
            Err(e) => self.notify(Level::Error, format!("Could not export: {e}")),
        }
    }

    fn open_paths(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
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
            self.start_import(ctx, found.files.into_iter().map(ImportSource::file).collect());
        }
    }

    fn start_import(&mut self, ctx: &egui::Context, sources: Vec<ImportSource>) {
        if self.import.is_some() {
            self.notify(Level::Warning, "An import is already running; wait for it to finish.");
            return;
        }
        if sources.is_empty() {
            return;
        }
        // An empty workspace adopts the user's taxonomy file, or the built-in taxonomy.
        if self.workspace.reports.is_empty() || self.workspace.taxonomy.categories.is_empty() {
            let taxonomy = default_taxonomy();
            if !taxonomy.categories.is_empty() {
                self.workspace.taxonomy = taxonomy;
            }
        }
        // New reports are classified with the workspace's own taxonomy, so that their
        // categories are the ones its chips, pickers and filters know.
        let classifier = match crate::classify::Classifier::new(self.workspace.taxonomy.clone()) {
            Ok(classifier) => classifier,
            Err(e) => {
                self.notify(Level::Error, format!("Could not import: the workspace's taxonomy is invalid: {e}"));
                return;
            }
        };
        self.import_summary = (0, 0, 0);
        if self.options.blocking_import {
            for source in &sources {
                let outcome = import_worker::import_one(source, &classifier);
                self.add_imported(ImportResult { path: source.path.clone(), outcome });
            }
            self.finish_import(false);
            return;
        }
        let repaint = ctx.clone();
        self.import = Some(ImportJob::spawn(sources, classifier, move || repaint.request_repaint()));
    }

    fn poll_import(&mut self) {
        let Some(job) = &mut self.import else { return };
        let messages = job.poll();
        let cancelled = job.is_cancelled();
        for message in messages {
            match message {
                ImportMessage::Started(_) => {}
                ImportMessage::Done(result) => self.add_imported(*result),
                ImportMessage::Finished => {
                    self.import = None;
                    self.finish_import(cancelled);
                    return;
                }
            }
        }
    }

    fn add_imported(&mut self, result: ImportResult) {
        let name = result
            .path
            .file_name()
            .map_or_else(|| result.path.display().to_string(), |n| n.to_string_lossy().into_owned());
        match result.outcome {
            Ok((parsed, hash)) => {
                let findings = parsed.findings.len();
                let warnings = parsed.warnings.len();
                let now = self.now();
                let requested = self.reimport_requests.remove(&result.path);
                let outcome = self.workspace.add_report(parsed, &result.path, &hash, now);
                // The file was read just now, so it is what the report holds.
                self.source_states.insert(outcome.id().clone(), SourceState::Unchanged);
                match &outcome {
                    AddOutcome::Added(_) => self.import_summary.0 += 1,
                    AddOutcome::Reimported { id, vanished } => {
                        self.import_summary.0 += 1;
                        let level = if vanished.is_empty() { Level::Info } else { Level::Warning };
                        let text = self.reimport_message(id, vanished.len());
                        self.notify(level, text);
                    }
                    AddOutcome::Unchanged(id) => {
                        self.import_summary.2 += 1;
                        if requested.is_some() {
                            let report = self.workspace.report(id).map(|r| r.display_name()).unwrap_or_default();
                            self.notify(
                                Level::Info,
                                format!("{report} is up to date: the file is the same as at import"),
                            );
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
                self.structure_changed();
            }
            Err(reason) => {
                if let Some(id) = self.reimport_requests.remove(&result.path) {
                    let state = if result.path.exists() {
                        SourceState::Unreadable(reason.clone())
                    } else {
                        SourceState::Missing
                    };
                    self.source_states.insert(id, state);
                }
                self.import_summary.1 += 1;
                self.notify(Level::Error, format!("Could not import {name}: {reason}"));
            }
        }
    }

    fn finish_import(&mut self, cancelled: bool) {
        // Requests whose file never came back (cancelled) must not match a later import.
        self.reimport_requests.clear();
        let (added, failed, unchanged) = self.import_summary;
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

fn batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 { edits.remove(0) } else { Edit::Batch(edits) }
}

fn remember_owners(edit: &Edit, state: &mut UiState) {
    match edit {
        Edit::SetOwner { owner: Some(owner), .. } => state.remember_owner(owner),
        Edit::Batch(edits) => edits.iter().for_each(|e| remember_owners(e, state)),
        _ => {}
    }
}

fn level_colour(tokens: &Tokens, level: Level) -> egui::Color32 {
    match level {
        Level::Info => tokens.success_text,
        Level::Warning => tokens.warning_text,
        Level::Error => tokens.error_text,
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
        if !self.dirty {
            self.discard_recovery();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::testing;

    #[test]
    fn a_workspace_opens_in_the_background_and_edits_wait_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.ron");
        workspace::save(&testing::generated_workspace(5_000), &path).unwrap();

        let mut app = testing::test_app(testing::small_workspace());
        app.options.blocking_import = false;
        app.open_workspace(&path);
        assert!(app.opening.is_some(), "the file is read off the UI thread");
        let target = app.workspace.findings().next().map(|(target, ..)| target).unwrap();
        app.apply_edit(Edit::SetImportant { target, important: true });
        assert!(!app.dirty, "no change is made to a workspace about to be replaced");

        let started = std::time::Instant::now();
        while app.opening.is_some() && started.elapsed() < std::time::Duration::from_secs(60) {
            app.poll_opening();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(app.workspace.finding_count(), 5_000);
        assert_eq!(app.path.as_deref(), Some(path.as_path()));
    }

    #[test]
    fn an_export_is_written_in_the_background_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.xlsx");
        let mut app = testing::test_app(testing::generated_workspace(2_000));
        app.options.blocking_import = false;
        app.state.last_export.format = crate::export::ExportFormat::Xlsx;
        app.export_to(path.clone());
        assert!(app.exporting.is_some(), "the file is written off the UI thread");
        let started = std::time::Instant::now();
        while app.exporting.is_some() && started.elapsed() < std::time::Duration::from_secs(60) {
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
        let known: Vec<CategoryId> = app.workspace.taxonomy.categories.iter().map(|c| c.id.clone()).collect();
        let letter =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds/003_0d17976a4729da26.txt");
        let ctx = egui::Context::default();
        app.start_import(&ctx, vec![ImportSource::file(letter)]);
        let added = app.workspace.reports.last().unwrap();
        assert!(added.findings.len() > 5);
        for finding in &added.findings {
            assert!(known.contains(&finding.classification.category), "{}", finding.classification.category);
        }
    }
}
