//! The Preferences window: your name (which goes with every change), theme, remembered
//! owner names, how many backups to keep, recent workspaces.

use eframe::egui;

use crate::ui::state::UiState;
use crate::ui::theme::ThemeChoice;

/// Shows the Preferences window while `open` is true; edits `state` in place.
pub fn preferences_ui(ctx: &egui::Context, open: &mut bool, state: &mut UiState) {
    egui::Window::new("Preferences")
        .open(open)
        .collapsible(false)
        .default_width(420.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            let label = ui.label(egui::RichText::new("Your name").strong());
            let hint = crate::workspace::io::os_user_name().unwrap_or_else(|| "Your name".to_owned());
            ui.add(egui::TextEdit::singleline(&mut state.user_name).hint_text(hint).desired_width(260.0))
                .labelled_by(label.id);
            ui.weak("Kept with every change, progress update and revised date. Blank: your computer's user name.");
            ui.separator();
            ui.label(egui::RichText::new("Theme").strong());
            ui.horizontal(|ui| {
                for choice in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                    ui.radio_value(&mut state.theme, choice, choice.label());
                }
            });
            ui.separator();
            ui.label(egui::RichText::new("Remembered owners").strong());
            if state.owners.is_empty() {
                ui.weak("Names you type as owners are offered again here.");
            }
            let mut forget = None;
            for (i, owner) in state.owners.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(owner);
                    if ui.small_button("Forget").clicked() {
                        forget = Some(i);
                    }
                });
            }
            if let Some(i) = forget {
                state.owners.remove(i);
            }
            ui.separator();
            ui.label(egui::RichText::new("Backups").strong());
            ui.horizontal(|ui| {
                let default = crate::workspace::io::backups::DEFAULT_KEEP;
                let mut keep = state.backups_to_keep.unwrap_or(default);
                let label = ui.label("Keep the last");
                ui.add(egui::DragValue::new(&mut keep).range(0..=100)).labelled_by(label.id);
                ui.label("saves of each workspace");
                state.backups_to_keep = (keep != default).then_some(keep);
            });
            ui.weak(
                "Compressed copies go in a folder beside the workspace; File › Restore a backup… opens one as a copy.",
            );
            ui.separator();
            ui.label(egui::RichText::new("Recent workspaces").strong());
            for path in &state.recent_workspaces {
                ui.weak(path.display().to_string());
            }
            if !state.recent_workspaces.is_empty() && ui.button("Clear the list").clicked() {
                state.recent_workspaces.clear();
            }
        });
}
