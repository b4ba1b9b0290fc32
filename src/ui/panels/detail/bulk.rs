//! Bulk changes for several selected findings: category, status, RAG, owner and the
//! important flag, each applied to every selected finding as one undoable step. The same
//! widgets as the single editor.

use eframe::egui;

use crate::model::CategoryId;
use crate::ui::commands::{Command, UiCommand};
use crate::ui::panels::PanelCtx;
use crate::ui::widgets::UiExt as _;
use crate::ui::widgets::category_picker::CategoryPicker;
use crate::ui::widgets::{owner_picker, rag_row, status_picker};
use crate::workspace::query::Selection;

use super::{Choices, DetailState};

pub(super) fn bulk_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    state: &mut DetailState,
    selection: &Selection,
    choices: &Choices<'_>,
) {
    let tokens = cx.tokens;
    ui.section_heading(tokens, &format!("{} findings selected", selection.len()));
    ui.weak_label(tokens, "Changes here apply to every selected finding, as one step you can undo.");
    ui.add_space(6.0);
    egui::Grid::new("bulk_grid").num_columns(2).spacing([10.0, 8.0]).show(ui, |ui| {
        let label = ui.label("Category");
        let picker = CategoryPicker {
            id_salt: "bulk_category",
            chosen: None,
            automatic: &CategoryId::default(),
            top_categories: choices.top_categories,
            labelled_by: label.id,
        };
        if let Some(choice) = picker.ui(ui, cx.ws, &mut state.category_filter) {
            cx.queue.push(Command::SetCategoryOfSelection(choice));
        }
        ui.end_row();

        let label = ui.label("Status");
        if let Some(command) =
            status_picker::status_picker_ui(ui, "bulk_status", None, label.id, Command::SetStatusOfSelection)
        {
            cx.queue.push(command);
        }
        ui.end_row();

        ui.label("RAG");
        if let Some(rag) = rag_row::rag_row_ui(ui, tokens, None) {
            cx.queue.push(Command::SetRagOfSelection(rag));
        }
        ui.end_row();

        let label = ui.label("Owner");
        ui.horizontal(|ui| {
            let field =
                egui::TextEdit::singleline(&mut state.bulk_owner).hint_text("Owner for all").desired_width(150.0);
            ui.add(field).labelled_by(label.id);
            if ui.button("Set owner").clicked() {
                let owner = Some(state.bulk_owner.trim().to_owned()).filter(|s| !s.is_empty());
                cx.queue.push(Command::SetOwnerOfSelection(owner));
            }
            if let Some(name) = owner_picker::owner_menu_ui(ui, choices.owners) {
                state.bulk_owner = name;
            }
        });
        ui.end_row();
    });
    ui.add_space(6.0);
    if ui.button("Toggle important").clicked() {
        cx.queue.push(Command::Ui(UiCommand::ToggleImportant));
    }
}
