//! Changes to several selected actions at once: lead, status (cancelling asks for the
//! reason), RAG and due date (moving dates already set asks for the reason), each applied
//! to every selected action as one undoable step.

use eframe::egui;

use crate::ui::commands::Command;
use crate::ui::panels::PanelCtx;
use crate::ui::widgets::UiExt as _;
use crate::ui::widgets::{owner_picker, rag_row, status_picker};
use crate::workspace::query::PlanSelection;
use crate::workspace::{ActionChange, Edit};

use crate::ui::widgets::date_picker::date_picker_ui;

/// What the bulk editor keeps between frames.
#[derive(Clone, Debug, Default)]
pub struct BulkActionDrafts {
    lead: String,
    due: Option<crate::model::Date>,
}

pub(super) fn bulk_actions_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    drafts: &mut BulkActionDrafts,
    plan: &PlanSelection,
    owners: &[String],
) {
    let tokens = cx.tokens;
    let actions = plan.actions();
    ui.section_heading(tokens, &format!("{} actions selected", actions.len()));
    ui.weak_label(tokens, "Changes here apply to every selected action, as one step you can undo.");
    ui.add_space(6.0);
    egui::Grid::new("bulk_actions_grid").num_columns(2).spacing([10.0, 8.0]).show(ui, |ui| {
        let label = ui.label("Status");
        if let Some(status) = status_picker::status_choice_ui(ui, "bulk_action_status", None, label.id) {
            cx.queue.push(Command::set_action_status(status, actions.clone()));
        }
        ui.end_row();

        ui.label("RAG");
        if let Some(rag) = rag_row::rag_row_ui(ui, tokens, None) {
            // Each action keeps its own reason for the rating.
            let edits = actions
                .iter()
                .filter_map(|a| {
                    let (_, action) = a.resolve(cx.ws)?;
                    let change = ActionChange::Rag { rag, rationale: action.rag_rationale.clone() };
                    Some(Edit::SetAction { target: a.target.clone(), action: a.action.clone(), change })
                })
                .collect();
            cx.queue.push(Command::Edit(Edit::Batch(edits)));
        }
        ui.end_row();

        let label = ui.label("Lead");
        ui.horizontal(|ui| {
            let field = egui::TextEdit::singleline(&mut drafts.lead).hint_text("Lead for all").desired_width(150.0);
            ui.add(field).labelled_by(label.id);
            if ui.button("Set lead").clicked() {
                let lead = Some(drafts.lead.trim().to_owned()).filter(|s| !s.is_empty());
                cx.queue.push(Command::SetActions { actions: actions.clone(), change: ActionChange::Lead(lead) });
            }
            if let Some(name) = owner_picker::owner_menu_ui(ui, owners) {
                drafts.lead = name;
            }
        });
        ui.end_row();

        ui.label("Due date");
        ui.horizontal(|ui| {
            let due =
                *drafts.due.get_or_insert_with(|| cx.today.checked_add_days(chrono::Days::new(28)).unwrap_or(cx.today));
            if let Some(date) = date_picker_ui(ui, "bulk_action_due", due) {
                drafts.due = Some(date);
            }
            if ui.button("Set due date").on_hover_text("Dates already set move with a reason").clicked() {
                cx.queue.push(Command::AskDueChange { actions: actions.clone(), to: drafts.due });
            }
        });
        ui.end_row();
    });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        if ui.button("Duplicate").on_hover_text("Ctrl+D").clicked() {
            cx.queue.push(Command::DuplicateActions(actions.clone()));
        }
        if ui.button("Cancel actions…").on_hover_text("Delete; asks for the reason").clicked() {
            cx.queue.push(Command::AskCancelActions(actions.clone()));
        }
    });
}
