//! The welcome screen of an empty workspace: what the app is for, the ways in (open
//! reports, import a folder, the samples, a saved workspace) and the recent workspaces.

use std::path::PathBuf;

use eframe::egui;

use crate::ui::commands::{Availability, Command, UiCommand};
use crate::ui::theme::Tokens;
use crate::ui::widgets::UiExt as _;

/// Draws the welcome screen; `importing` shows a spinner instead.
pub fn welcome_ui(
    ui: &mut egui::Ui,
    tokens: &Tokens,
    importing: bool,
    recent: &[PathBuf],
    availability: &Availability,
    queue: &mut Vec<Command>,
) {
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        ui.set_max_width(560.0);
        if importing {
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
        for command in [UiCommand::OpenReports, UiCommand::ImportFolder, UiCommand::OpenSamples, UiCommand::OpenWorkspace]
        {
            let button =
                egui::Button::new(egui::RichText::new(command.text()).size(15.0)).min_size(egui::vec2(260.0, 32.0));
            let response = ui.add_enabled(command.is_enabled(availability), button);
            if response.on_hover_text(command.text_and_tooltip().1).clicked() {
                queue.push(Command::Ui(command));
            }
        }
        ui.add_space(8.0);
        ui.weak_label(tokens, "Or drop PDF, text or HTML reports, or a .ron workspace, onto this window.");
        if !recent.is_empty() {
            ui.add_space(20.0);
            ui.section_heading(tokens, "Recent workspaces");
            for path in recent {
                recent_ui(ui, path, queue);
            }
        }
    });
}

/// A recent workspace as a link; one that no longer exists can be forgotten.
fn recent_ui(ui: &mut egui::Ui, path: &std::path::Path, queue: &mut Vec<Command>) {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let exists = path.exists();
    ui.horizontal(|ui| {
        let response = ui.add_enabled(exists, egui::Link::new(name)).on_hover_text(path.display().to_string());
        if response.clicked() {
            queue.push(Command::OpenWorkspaceFile(path.to_owned()));
        }
        if !exists && ui.small_button("Forget").on_hover_text("The file is gone: remove it from the list").clicked() {
            queue.push(Command::ForgetRecent(path.to_owned()));
        }
    });
}
