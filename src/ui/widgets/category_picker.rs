//! The searchable category picker: a combo box with a filter field, for one finding or a
//! selection. The nine most used categories show their number key (1–9).

use eframe::egui;

use crate::model::CategoryId;
use crate::workspace::Workspace;

/// What the picker offers.
pub struct CategoryPicker<'a> {
    /// The combo box's id.
    pub id_salt: &'a str,
    /// The category the user chose (`None`: automatic, or several findings).
    pub chosen: Option<&'a CategoryId>,
    /// The automatic category (empty for several findings).
    pub automatic: &'a CategoryId,
    /// The most used categories, most used first.
    pub top_categories: &'a [CategoryId],
    /// The label it is named by.
    pub labelled_by: egui::Id,
}

impl CategoryPicker<'_> {
    /// Draws the picker; `filter` is the text typed into it. `Some(None)` means "back to
    /// automatic".
    pub fn ui(&self, ui: &mut egui::Ui, ws: &Workspace, filter: &mut String) -> Option<Option<CategoryId>> {
        let mut choice = None;
        let label = |id: &CategoryId| ws.taxonomy.label(id).to_owned();
        let current = self.chosen.map_or_else(|| format!("{} (automatic)", label(self.automatic)), label);
        let response = egui::ComboBox::from_id_salt(self.id_salt)
            .selected_text(current)
            .width(240.0)
            .height(360.0)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show_ui(ui, |ui| {
                let filter_label = ui.label("Filter categories");
                ui.add(egui::TextEdit::singleline(filter).hint_text("Type to filter")).labelled_by(filter_label.id);
                ui.separator();
                let needle = filter.to_lowercase();
                if needle.is_empty() || "automatic".contains(&needle) {
                    let text = format!("Automatic ({})", label(self.automatic));
                    if ui.selectable_label(self.chosen.is_none(), text).clicked() {
                        choice = Some(None);
                    }
                }
                for c in &ws.taxonomy.categories {
                    if !needle.is_empty() && !c.label.to_lowercase().contains(&needle) && !c.id.0.contains(&needle) {
                        continue;
                    }
                    let key = self.top_categories.iter().position(|t| t == &c.id).map(|i| format!("   {}", i + 1));
                    let text = format!("{}{}", c.label, key.unwrap_or_default());
                    if ui.selectable_label(self.chosen == Some(&c.id), text).on_hover_text(&c.description).clicked() {
                        choice = Some(Some(c.id.clone()));
                    }
                }
                if choice.is_some() {
                    filter.clear();
                    ui.close();
                }
            })
            .response;
        response.labelled_by(self.labelled_by);
        choice
    }
}
