//! The "Choose…" menu of remembered owner names, beside an owner field.

use eframe::egui;

/// How many remembered names the menu lists.
const SHOWN: usize = 20;

/// Draws the menu (nothing when no names are remembered); returns the name picked.
pub fn owner_menu_ui(ui: &mut egui::Ui, owners: &[String]) -> Option<String> {
    if owners.is_empty() {
        return None;
    }
    let mut picked = None;
    ui.menu_button("Choose…", |ui| {
        for name in owners.iter().take(SHOWN) {
            if ui.button(name).clicked() {
                picked = Some(name.clone());
                ui.close();
            }
        }
    });
    picked
}
