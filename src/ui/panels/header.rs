//! The header band: the workspace's name (with an unsaved marker), its counts, and the
//! two buttons people use most (Open reports, Save).

use eframe::egui;

use crate::ui::commands::{Availability, Command, UiCommand};
use crate::ui::theme::{self, Tokens};
use crate::workspace::query::Stats;

/// What the header shows.
pub struct Header<'a> {
    /// The workspace's name.
    pub name: &'a str,
    /// Whether there are unsaved changes.
    pub dirty: bool,
    /// How many reports.
    pub reports: usize,
    /// How many actions the reports' action plans hold.
    pub plan_actions: usize,
    /// The table's counts.
    pub stats: Stats,
}

impl Header<'_> {
    /// Draws the header.
    pub fn ui(&self, ui: &mut egui::Ui, tokens: &Tokens, availability: &Availability, queue: &mut Vec<Command>) {
        let on_header = theme::text_on(tokens.header_fill);
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                let marker = if self.dirty { "  •  unsaved changes" } else { "" };
                let title = egui::RichText::new(format!("{}{marker}", self.name)).size(19.0).strong();
                ui.label(title.color(on_header));
                let s = self.stats;
                let mut summary = format!(
                    "{} reports · {} findings · {} recommendations · {} actions · {} triaged",
                    self.reports, s.findings, s.actions, self.plan_actions, s.triaged
                );
                if s.overdue > 0 {
                    summary.push_str(&format!(" · {} overdue", s.overdue));
                }
                ui.label(egui::RichText::new(summary).size(12.5).color(on_header.gamma_multiply(0.8)));
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for command in [UiCommand::Save, UiCommand::OpenReports] {
                    let button = egui::Button::new(egui::RichText::new(command.text()).color(on_header))
                        .fill(tokens.header_fill.gamma_multiply(0.6))
                        .stroke(egui::Stroke::new(1.0, on_header.gamma_multiply(0.4)));
                    let response = ui.add_enabled(command.is_enabled(availability), button);
                    if response.on_hover_text(command.text_and_tooltip().1).clicked() {
                        queue.push(Command::Ui(command));
                    }
                }
            });
        });
    }
}
