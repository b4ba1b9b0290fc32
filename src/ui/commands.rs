//! Every global action of the window as one `UiCommand` enum (menu text, tooltip,
//! shortcuts, enabled state), plus `Command`, the queue item panels push: a `UiCommand`
//! or an action with a target. The app drains the queue once per frame, in one place.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use crate::model::{CategoryId, Date, Rag, ReportId, Status};
use crate::workspace::query::ActionRef;
use crate::workspace::{ActionChange, Edit, FindingRef};

use super::dialogs::confirm::PendingAction;
use super::state::SortColumn;
use super::theme::ThemeChoice;

/// Declares `UiCommand` and `UiCommand::ALL` from one list, so no variant can be left out
/// of `ALL` (which the palette, the shortcut listener and the clash check walk).
macro_rules! ui_commands {
    ($($(#[doc = $doc:literal])* $variant:ident,)+) => {
        /// A global action with no payload: what menus, shortcuts and the palette trigger.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum UiCommand {
            $($(#[doc = $doc])* $variant,)+
        }

        impl UiCommand {
            /// Every command, in menu order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
        }
    };
}

ui_commands! {
    /// Start an empty workspace.
    NewWorkspace,
    /// Open a `.ron` workspace.
    OpenWorkspace,
    /// Import report files into the workspace.
    OpenReports,
    /// Import every report file in a folder and its subfolders.
    ImportFolder,
    /// Import the bundled sample reports.
    OpenSamples,
    /// Save the workspace.
    Save,
    /// Save the workspace under a new name.
    SaveAs,
    /// Bring another copy of a workspace into this one.
    MergeWorkspace,
    /// Open one of this workspace's rolling backups as a copy.
    RestoreBackup,
    /// Export the action summary.
    Export,
    /// Export the national summary workbook (every council's latest grades, repeats, themes).
    ExportNational,
    /// Close the window.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Focus the search box.
    Find,
    /// Clear every filter.
    ClearFilters,
    /// Open the command palette.
    CommandPalette,
    /// Open the preferences.
    Preferences,
    /// About the app.
    About,
    /// Select the next finding in the table.
    NextFinding,
    /// Select the previous finding in the table.
    PreviousFinding,
    /// Flag or unflag the selected findings as important.
    ToggleImportant,
    /// Select every finding the table shows.
    SelectAllShown,
    /// Show or hide the notifications log.
    ToggleLog,
    /// Light theme.
    ThemeLight,
    /// Dark theme.
    ThemeDark,
    /// Follow the system theme.
    ThemeSystem,
    /// Show two wrapped lines of each finding in the table, or one.
    ToggleWrappedRows,
    /// Show the findings table.
    ShowFindings,
    /// Show the action plan.
    ShowActionPlan,
    /// Add an action to the selected recommendation.
    AddAction,
    /// Edit the selected action's title in the detail pane.
    EditAction,
    /// Move the selected action up within its recommendation.
    MoveActionUp,
    /// Move the selected action down within its recommendation.
    MoveActionDown,
    /// Duplicate the selected actions.
    DuplicateAction,
    /// Cancel the selected actions, with a reason.
    CancelAction,
}

/// What the app's state allows right now, for greying out commands.
#[derive(Clone, Copy, Debug, Default)]
pub struct Availability {
    /// There is something to undo.
    pub can_undo: bool,
    /// There is something to redo.
    pub can_redo: bool,
    /// The workspace has at least one report.
    pub has_reports: bool,
    /// At least one finding is selected.
    pub has_selection: bool,
    /// Exporting is built into this version.
    pub can_export: bool,
    /// An import is running.
    pub importing: bool,
    /// The workspace has a file (so it may have backups).
    pub has_file: bool,
    /// The action plan is shown (instead of the findings table).
    pub plan_view: bool,
    /// An action is selected in the plan.
    pub action_selected: bool,
    /// A recommendation or priority action (or one of its actions) is selected.
    pub plan_item_selected: bool,
}

impl UiCommand {
    /// Menu text and tooltip.
    pub fn text_and_tooltip(self) -> (&'static str, &'static str) {
        match self {
            Self::NewWorkspace => ("New workspace", "Start an empty workspace"),
            Self::OpenWorkspace => ("Open workspace…", "Open a saved workspace (.ron)"),
            Self::OpenReports => ("Open reports…", "Import inspection reports (PDF, text, HTML) into this workspace"),
            Self::ImportFolder => {
                ("Import folder…", "Import every report (PDF, text, HTML) in a folder and its subfolders")
            }
            Self::OpenSamples => {
                ("Open the sample reports", "Import the published Ofsted reports bundled with the app")
            }
            Self::Save => ("Save", "Save the workspace"),
            Self::SaveAs => ("Save as…", "Save the workspace to a new file"),
            Self::MergeWorkspace => (
                "Merge a workspace…",
                "Bring another copy's reports, annotations and actions into this one (a colleague's copy, or a sync client's conflicting copy)",
            ),
            Self::RestoreBackup => ("Restore a backup…", "Open one of this workspace's recent saves as a copy"),
            Self::Export => ("Export…", "Export the action-tracking summary (CSV, Excel, Markdown, HTML)"),
            Self::ExportNational => (
                "Export the national summary…",
                "An Excel workbook of every council's latest inspection and grades, the recommendations raised before, and the themes by grade",
            ),
            Self::Quit => ("Quit", "Close the window"),
            Self::Undo => ("Undo", "Undo the last change"),
            Self::Redo => ("Redo", "Redo the last undone change"),
            Self::Find => ("Find", "Search the findings"),
            Self::ClearFilters => ("Clear filters", "Show every finding"),
            Self::CommandPalette => ("Command palette…", "Search every command"),
            Self::Preferences => ("Preferences…", "Your name, theme and remembered names"),
            Self::About => ("About…", "Version, licences and the sample reports' attribution"),
            Self::NextFinding => ("Next finding", "Select the next finding in the table"),
            Self::PreviousFinding => ("Previous finding", "Select the previous finding in the table"),
            Self::ToggleImportant => ("Toggle important", "Flag or unflag the selected findings as important"),
            Self::SelectAllShown => ("Select all shown", "Select every finding the table shows, for bulk changes"),
            Self::ToggleLog => ("Notifications log", "Show or hide the log of messages"),
            Self::ThemeLight => ("Light theme", "Use the light theme"),
            Self::ThemeDark => ("Dark theme", "Use the dark theme"),
            Self::ThemeSystem => ("System theme", "Follow the system's light or dark setting"),
            Self::ToggleWrappedRows => ("Wrapped rows", "Show two lines of each finding in the table, or one"),
            Self::ShowFindings => ("Findings", "Show the findings table"),
            Self::ShowActionPlan => {
                ("Action plan", "Show each report's recommendations with their actions, progress and dates")
            }
            Self::AddAction => ("Add action", "Add an action to the selected recommendation"),
            Self::EditAction => ("Edit action", "Edit the selected action's title in the detail pane"),
            Self::MoveActionUp => ("Move action up", "Move the selected action up within its recommendation"),
            Self::MoveActionDown => ("Move action down", "Move the selected action down within its recommendation"),
            Self::DuplicateAction => ("Duplicate action", "Copy the selected actions, without their history"),
            Self::CancelAction => ("Cancel action…", "Cancel the selected actions, giving a reason"),
        }
    }

    /// The menu text.
    pub fn text(self) -> &'static str {
        self.text_and_tooltip().0
    }

    /// Keyboard shortcuts, primary first. `COMMAND` is Ctrl, or Cmd on a Mac.
    pub fn kb_shortcuts(self) -> Vec<KeyboardShortcut> {
        let cmd = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        let cmd_shift = |key| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key);
        let plain = |key| KeyboardShortcut::new(Modifiers::NONE, key);
        let alt = |key| KeyboardShortcut::new(Modifiers::ALT, key);
        match self {
            Self::NewWorkspace => vec![cmd(Key::N)],
            Self::OpenWorkspace => vec![cmd_shift(Key::O)],
            Self::OpenReports => vec![cmd(Key::O)],
            Self::Save => vec![cmd(Key::S)],
            Self::SaveAs => vec![cmd_shift(Key::S)],
            Self::Export => vec![cmd(Key::E)],
            Self::Quit => vec![cmd(Key::Q)],
            Self::Undo => vec![cmd(Key::Z)],
            Self::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            Self::Find => vec![cmd(Key::F)],
            Self::CommandPalette => vec![cmd_shift(Key::P), cmd(Key::K)],
            Self::NextFinding => vec![plain(Key::ArrowDown), plain(Key::J)],
            Self::PreviousFinding => vec![plain(Key::ArrowUp), plain(Key::K)],
            Self::ToggleImportant => vec![plain(Key::I)],
            Self::SelectAllShown => vec![cmd(Key::A)],
            Self::ClearFilters => vec![cmd_shift(Key::X)],
            Self::ShowFindings => vec![cmd(Key::Num1)],
            Self::ShowActionPlan => vec![cmd(Key::Num2)],
            Self::AddAction => vec![cmd_shift(Key::N), plain(Key::Insert)],
            Self::EditAction => vec![plain(Key::Enter), plain(Key::F2)],
            Self::MoveActionUp => vec![alt(Key::ArrowUp)],
            Self::MoveActionDown => vec![alt(Key::ArrowDown)],
            Self::DuplicateAction => vec![cmd(Key::D)],
            Self::CancelAction => vec![plain(Key::Delete)],
            Self::OpenSamples
            | Self::ImportFolder
            | Self::MergeWorkspace
            | Self::RestoreBackup
            | Self::ExportNational
            | Self::Preferences
            | Self::About
            | Self::ToggleLog
            | Self::ThemeLight
            | Self::ThemeDark
            | Self::ThemeSystem
            | Self::ToggleWrappedRows => vec![],
        }
    }

    /// Whether the command can run now.
    pub fn is_enabled(self, availability: &Availability) -> bool {
        match self {
            Self::Undo => availability.can_undo,
            Self::Redo => availability.can_redo,
            Self::Export | Self::ExportNational => availability.can_export && availability.has_reports,
            Self::NextFinding | Self::PreviousFinding | Self::SelectAllShown => availability.has_reports,
            Self::ToggleImportant => availability.has_selection,
            Self::RestoreBackup => availability.has_file,
            Self::OpenReports | Self::ImportFolder | Self::OpenSamples => !availability.importing,
            Self::ShowFindings | Self::ShowActionPlan => availability.has_reports,
            Self::AddAction => availability.plan_view && availability.plan_item_selected,
            Self::EditAction
            | Self::MoveActionUp
            | Self::MoveActionDown
            | Self::DuplicateAction
            | Self::CancelAction => availability.plan_view && availability.action_selected,
            _ => true,
        }
    }

    /// Whether a shortcut of this command may fire while a text field has keyboard focus.
    /// Plain keys and Ctrl+Z/Ctrl+A belong to the text field then.
    fn works_while_typing(self, shortcut: &KeyboardShortcut) -> bool {
        shortcut.modifiers.command && !matches!(self, Self::Undo | Self::Redo | Self::SelectAllShown)
    }

    /// Draws the command as a menu item (the only way menu items are drawn) and queues it
    /// when clicked.
    pub fn menu_button_ui(
        self,
        ui: &mut egui::Ui,
        availability: &Availability,
        queue: &mut Vec<Command>,
    ) -> egui::Response {
        self.menu_button_with_text_ui(ui, self.text().to_owned(), availability, queue)
    }

    /// Like [`Self::menu_button_ui`], with other text (e.g. "Undo set status").
    pub fn menu_button_with_text_ui(
        self,
        ui: &mut egui::Ui,
        text: String,
        availability: &Availability,
        queue: &mut Vec<Command>,
    ) -> egui::Response {
        let mut button = egui::Button::new(text);
        if let Some(shortcut) = self.kb_shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        let response = ui.add_enabled(self.is_enabled(availability), button).on_hover_text(self.text_and_tooltip().1);
        if response.clicked() {
            queue.push(Command::Ui(self));
            ui.close();
        }
        response
    }

    /// The commands whose shortcut was pressed this frame (consuming the key presses).
    /// Chords with more modifiers are matched first, so Ctrl+Shift+S is never read as
    /// Ctrl+S; while a text field has focus, keys that belong to it are left alone.
    pub fn listen_for_shortcuts(ctx: &egui::Context, availability: &Availability) -> Vec<Self> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut chords: Vec<(Self, KeyboardShortcut)> =
            Self::ALL.iter().flat_map(|c| c.kb_shortcuts().into_iter().map(move |s| (*c, s))).collect();
        chords.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        let mut fired = Vec::new();
        ctx.input_mut(|input| {
            for (command, shortcut) in &chords {
                if typing && !command.works_while_typing(shortcut) {
                    continue;
                }
                if !command.is_enabled(availability) {
                    continue;
                }
                if input.consume_shortcut(shortcut) && !fired.contains(command) {
                    fired.push(*command);
                }
            }
        });
        fired
    }

    /// The theme a theme command selects.
    pub fn theme(self) -> Option<ThemeChoice> {
        match self {
            Self::ThemeLight => Some(ThemeChoice::Light),
            Self::ThemeDark => Some(ThemeChoice::Dark),
            Self::ThemeSystem => Some(ThemeChoice::System),
            _ => None,
        }
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl || m.mac_cmd)
}

/// Pairs of commands that share a shortcut (empty when the keymap is sound).
pub fn clashing_shortcuts() -> Vec<(UiCommand, UiCommand, KeyboardShortcut)> {
    let mut clashes = Vec::new();
    for (i, a) in UiCommand::ALL.iter().enumerate() {
        for b in &UiCommand::ALL[i + 1..] {
            for sa in a.kb_shortcuts() {
                if b.kb_shortcuts().contains(&sa) {
                    clashes.push((*a, *b, sa));
                }
            }
        }
    }
    clashes
}

/// How a click changes the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectMode {
    /// Select only this finding.
    Replace,
    /// Add or remove it (Ctrl-click).
    Toggle,
    /// Select the range from the current finding to it (Shift-click).
    Range,
}

impl SelectMode {
    /// What a click does with these keys held: Shift selects a range, Ctrl (Cmd) toggles.
    pub fn from_modifiers(modifiers: Modifiers) -> Self {
        if modifiers.shift {
            Self::Range
        } else if modifiers.command {
            Self::Toggle
        } else {
            Self::Replace
        }
    }
}

/// What panels and dialogs ask the app to do. Drained after drawing, in
/// `TrackerApp::run_command`.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A global command.
    Ui(UiCommand),
    /// Apply one edit (undoable).
    Edit(Edit),
    /// Change the selection.
    Select {
        /// The finding clicked.
        target: FindingRef,
        /// How.
        mode: SelectMode,
    },
    /// Show only one report's findings (or all, with `None`).
    FilterByReport(Option<ReportId>),
    /// Show this view in the centre.
    ShowView(crate::ui::state::MainView),
    /// Show the history of the authority with this DfE code.
    ShowAuthority(String),
    /// Show the findings table filtered to a category (and a status and a kind): what a
    /// click on a dashboard bar or figure asks for. Other filters are cleared, so the table
    /// holds exactly what the bar counted.
    FilterTable {
        /// The category.
        category: CategoryId,
        /// The status, or any.
        status: Option<Status>,
        /// The kind, or any.
        kind: Option<crate::model::FindingKind>,
    },
    /// Show the action plan filtered to what a dashboard figure counted (and every report):
    /// what a click on an action bar or figure asks for.
    FilterPlan(crate::workspace::query::ActionFilter),
    /// Open files: `.ron` workspaces are opened, anything else imported.
    OpenPaths(Vec<PathBuf>),
    /// Open a workspace file, asking first when there are unsaved changes.
    OpenWorkspaceFile(PathBuf),
    /// Save to this file (and use it from now on).
    SaveTo(PathBuf),
    /// Sort by a column (again: reverse).
    SortBy(SortColumn),
    /// Set the category of every selected finding (`None`: back to automatic).
    SetCategoryOfSelection(Option<CategoryId>),
    /// Set the status of every selected finding.
    SetStatusOfSelection(Status),
    /// Set the RAG rating of every selected finding.
    SetRagOfSelection(Option<Rag>),
    /// Set the owner of every selected finding.
    SetOwnerOfSelection(Option<String>),
    /// Assign the n-th most used category (1–9) to the selection.
    AssignTopCategory(usize),
    /// Ask for a cancellation reason before cancelling the selected findings.
    AskCancelReason,
    /// Stop the running import.
    CancelImport,
    /// Restore a recovery file over the open workspace, as unsaved work (what the recovery
    /// question answers).
    RestoreRecovery {
        /// The recovery file.
        recovery: PathBuf,
        /// The workspace file it belongs to, if it was ever saved.
        workspace_path: Option<PathBuf>,
    },
    /// Delete a recovery file the user does not want.
    DiscardRecovery(PathBuf),
    /// Save, then do what the user wanted ("Save" in the unsaved-changes question).
    SaveThen(PendingAction),
    /// Drop the unsaved changes, then do what the user wanted ("Discard changes").
    DiscardThen(PendingAction),
    /// Cancel these findings' actions with a reason (what the reason question answers).
    CancelWithReason {
        /// The findings.
        targets: Vec<FindingRef>,
        /// Why.
        reason: String,
    },
    /// Ask where to write the export the Export dialog describes.
    ChooseExportFile,
    /// Settle the conflicts of a save after someone else's (what the conflict dialog
    /// answers) and save.
    SettleMerge(crate::workspace::merge::Choices),
    /// Leave the conflicts of a save unsettled: nothing is saved.
    CancelMerge,
    /// Open a workspace someone else has open, read-only or all the same (what the in-use
    /// question answers).
    OpenShared {
        /// The workspace.
        path: PathBuf,
        /// How.
        mode: crate::ui::app::sharing::OpenMode,
    },
    /// Merge another workspace file into the open one (File › Merge a workspace…).
    MergeFrom(PathBuf),
    /// Write the workspace this backup holds beside the open one and open it.
    RestoreBackupFrom(PathBuf),
    /// Merge in the save someone else made to the open workspace.
    BringInTheirSave,
    /// Not now: leave someone else's save out until they save again.
    DeclineTheirSave,
    /// Export the action plan, with the last export choice, to this file.
    ExportTo(PathBuf),
    /// Write the national summary workbook to this file.
    ExportNationalTo(PathBuf),
    /// Remove a path from the recent list (it no longer exists).
    ForgetRecent(PathBuf),
    /// Ask for the new place of a report whose source file is missing, then re-import it
    /// from there (same report, annotations kept).
    RelinkReport(ReportId),
    /// Import a report's source file again (it changed since import), keeping annotations.
    ReimportReport(ReportId),
    /// Point a report at its file's new place and re-import it from there (what the
    /// relink dialog answers).
    RelinkTo {
        /// The report.
        report: ReportId,
        /// Its file's new place.
        path: PathBuf,
    },
    /// Change what is selected in the action plan.
    SelectPlan {
        /// The row clicked.
        target: PlanTarget,
        /// How.
        mode: SelectMode,
    },
    /// Add a new action to a recommendation, select it and edit its title.
    AddAction(FindingRef),
    /// Move an action one place up or down among its recommendation's actions.
    MoveAction {
        /// The action.
        action: ActionRef,
        /// Up (earlier) rather than down.
        up: bool,
    },
    /// Copy actions (without their updates and revisions), each just after itself.
    DuplicateActions(Vec<ActionRef>),
    /// Ask why these actions are being cancelled.
    AskCancelActions(Vec<ActionRef>),
    /// Cancel actions with a reason (what the reason question answers).
    CancelActionsWithReason {
        /// The actions.
        actions: Vec<ActionRef>,
        /// Why.
        reason: String,
    },
    /// Move actions' due date: asks for the reason first when a date was already set.
    AskDueChange {
        /// The actions.
        actions: Vec<ActionRef>,
        /// The new due date.
        to: Option<Date>,
    },
    /// Set actions' due date: a first date is set, a date already set is revised with the
    /// reason (what the reason question answers).
    ChangeDue {
        /// The actions.
        actions: Vec<ActionRef>,
        /// The new due date.
        to: Option<Date>,
        /// Why it moved (used for actions that had a date).
        reason: String,
    },
    /// Make one change to each of these actions, as one undo step.
    SetActions {
        /// The actions.
        actions: Vec<ActionRef>,
        /// The change.
        change: ActionChange,
    },
    /// Append a progress update, by the user, dated today, to an action.
    AddActionUpdate {
        /// The action.
        action: ActionRef,
        /// What happened.
        text: String,
    },
}

/// A row of the action plan.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanTarget {
    /// A report's plan header.
    Report(ReportId),
    /// A recommendation or priority action.
    Item(FindingRef),
    /// An action.
    Action(ActionRef),
}

impl Command {
    /// The command that sets `status`: `set(status)`, except that cancelling asks for a
    /// reason first. The one home of that rule for pickers and the palette.
    pub fn set_status(status: Status, set: impl FnOnce(Status) -> Command) -> Command {
        if status == Status::Cancelled { Command::AskCancelReason } else { set(status) }
    }

    /// The command that sets these actions' status: cancelling asks for a reason first.
    pub fn set_action_status(status: Status, actions: Vec<ActionRef>) -> Command {
        if status == Status::Cancelled {
            Command::AskCancelActions(actions)
        } else {
            Command::SetActions { actions, change: ActionChange::Status { status, cancel_reason: None } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        assert_eq!(clashing_shortcuts(), vec![]);
    }

    #[test]
    fn every_command_is_listed_once_with_a_text() {
        let mut texts: Vec<&str> = UiCommand::ALL.iter().map(|c| c.text()).collect();
        let count = texts.len();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), count, "two commands share a menu text");
    }
}
