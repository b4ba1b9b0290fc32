//! The menu bar: File (with recent workspaces), Edit (undo and redo named after the edit),
//! View, Plan (the action plan's keyboard actions) and Help. Every item is a `UiCommand`
//! drawn by `menu_button_ui`, apart from the recent files and the view toggles, which are
//! UI state.

use eframe::egui;

use crate::ui::commands::{Availability, Command, UiCommand};
use crate::ui::state::UiState;
use crate::ui::theme::ThemeChoice;
use crate::workspace::History;

/// Draws the menu bar.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    state: &mut UiState,
    history: &History,
    availability: &Availability,
    queue: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, state, availability, queue));
        ui.menu_button("Edit", |ui| {
            let named = |verb: &str, label: Option<String>| {
                label.map_or_else(|| verb.to_owned(), |l| format!("{verb} {}", l.to_lowercase()))
            };
            let undo = named("Undo", history.undo_label());
            let redo = named("Redo", history.redo_label());
            UiCommand::Undo.menu_button_with_text_ui(ui, undo, availability, queue);
            UiCommand::Redo.menu_button_with_text_ui(ui, redo, availability, queue);
            ui.separator();
            for command in
                [UiCommand::Find, UiCommand::ClearFilters, UiCommand::SelectAllShown, UiCommand::ToggleImportant]
            {
                command.menu_button_ui(ui, availability, queue);
            }
            ui.separator();
            UiCommand::CommandPalette.menu_button_ui(ui, availability, queue);
            UiCommand::Preferences.menu_button_ui(ui, availability, queue);
        });
        ui.menu_button("View", |ui| view_menu_ui(ui, state, availability, queue));
        ui.menu_button("Plan", |ui| {
            for command in [
                UiCommand::AddAction,
                UiCommand::EditAction,
                UiCommand::MoveActionUp,
                UiCommand::MoveActionDown,
                UiCommand::DuplicateAction,
                UiCommand::CancelAction,
            ] {
                command.menu_button_ui(ui, availability, queue);
            }
        });
        ui.menu_button("Help", |ui| {
            UiCommand::About.menu_button_ui(ui, availability, queue);
        });
    });
}

fn file_menu_ui(ui: &mut egui::Ui, state: &UiState, availability: &Availability, queue: &mut Vec<Command>) {
    for command in [
        UiCommand::NewWorkspace,
        UiCommand::OpenWorkspace,
        UiCommand::OpenReports,
        UiCommand::ImportFolder,
        UiCommand::OpenSamples,
        UiCommand::MergeWorkspace,
        UiCommand::RestoreBackup,
    ] {
        command.menu_button_ui(ui, availability, queue);
    }
    ui.menu_button("Recent", |ui| {
        if state.recent_workspaces.is_empty() {
            ui.weak("No recent workspaces");
        }
        for path in &state.recent_workspaces {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
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
    UiCommand::ExportNational.menu_button_ui(ui, availability, queue);
    ui.separator();
    UiCommand::Quit.menu_button_ui(ui, availability, queue);
}

fn view_menu_ui(ui: &mut egui::Ui, state: &mut UiState, availability: &Availability, queue: &mut Vec<Command>) {
    UiCommand::ShowFindings.menu_button_ui(ui, availability, queue);
    UiCommand::ShowActionPlan.menu_button_ui(ui, availability, queue);
    ui.separator();
    for (command, choice) in [
        (UiCommand::ThemeSystem, ThemeChoice::System),
        (UiCommand::ThemeLight, ThemeChoice::Light),
        (UiCommand::ThemeDark, ThemeChoice::Dark),
    ] {
        if ui.radio(state.theme == choice, command.text()).clicked() {
            queue.push(Command::Ui(command));
            ui.close();
        }
    }
    ui.separator();
    ui.checkbox(&mut state.show_section_columns, "Section and number columns");
    if ui
        .checkbox(&mut state.wrap_rows.clone(), UiCommand::ToggleWrappedRows.text())
        .on_hover_text(UiCommand::ToggleWrappedRows.text_and_tooltip().1)
        .clicked()
    {
        queue.push(Command::Ui(UiCommand::ToggleWrappedRows));
    }
    if ui.button("Reset column widths").on_hover_text("Give the finding text the spare width again").clicked() {
        state.column_widths.clear();
        state.table_generation += 1;
        ui.close();
    }
    ui.separator();
    UiCommand::NextFinding.menu_button_ui(ui, availability, queue);
    UiCommand::PreviousFinding.menu_button_ui(ui, availability, queue);
    UiCommand::ToggleLog.menu_button_ui(ui, availability, queue);
}
