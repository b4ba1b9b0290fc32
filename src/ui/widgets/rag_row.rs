//! The RAG row: "None" and each rating with its colour dot, the current one selected.

use eframe::egui;

use crate::model::Rag;
use crate::ui::theme::Tokens;

/// Draws the row. `current` is the rating shown (`None`: several findings, nothing
/// selected); returns the rating picked when it differs.
pub fn rag_row_ui(ui: &mut egui::Ui, tokens: &Tokens, current: Option<Option<Rag>>) -> Option<Option<Rag>> {
    let mut picked = None;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let choices = std::iter::once(None).chain(Rag::ALL.iter().copied().map(Some));
        for choice in choices {
            if let Some(rag) = choice {
                super::dot(ui, tokens.rag(rag));
            }
            let text = choice.map_or("None", Rag::label);
            if ui.selectable_label(current == Some(choice), text).clicked() && current != Some(choice) {
                picked = Some(choice);
            }
        }
    });
    picked
}
