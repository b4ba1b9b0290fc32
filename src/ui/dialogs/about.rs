//! The About dialog: version, licence and the sample reports' attribution.

use eframe::egui;

use crate::ui::samples::ATTRIBUTION;

/// Shows the About window while `open` is true.
pub fn about_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About inspection-tracker")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .default_width(480.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.heading(format!("inspection-tracker {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
            ui.separator();
            ui.label(egui::RichText::new("Sample reports").strong());
            for line in
                ATTRIBUTION.lines().filter(|l| !l.starts_with('#') && !l.starts_with("| ---") && !l.trim().is_empty())
            {
                ui.label(line.replace('|', " ").replace('`', "").trim().to_owned());
            }
        });
}
