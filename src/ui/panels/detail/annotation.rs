//! The annotation editor of one finding: category, status (with the reason when
//! cancelled), RAG, owner, due date, planned action and notes (drafts committed on focus
//! loss), evidence links and dated progress updates. A recommendation's or priority
//! action's editor keeps only its own category, overall RAG, overall lead and notes: its
//! plan is on its actions. Every change is pushed as a command.

use eframe::egui;

use crate::model::{Annotation, Finding, ProgressUpdate, Status};
use crate::ui::commands::Command;
use crate::ui::panels::PanelCtx;
use crate::ui::widgets::UiExt as _;
use crate::ui::widgets::category_picker::CategoryPicker;
use crate::ui::widgets::date_picker::date_picker_ui;
use crate::ui::widgets::draft_text::DraftField;
use crate::ui::widgets::{owner_picker, rag_row, status_picker};
use crate::workspace::{Edit, FindingRef};

use super::{Choices, DetailState, owner_edit};

/// The editor for one finding's annotation.
pub(super) struct Editor<'a> {
    pub target: &'a FindingRef,
    pub annotation: &'a Annotation,
    pub finding: &'a Finding,
    pub choices: &'a Choices<'a>,
}

impl Editor<'_> {
    fn push(&self, cx: &mut PanelCtx<'_>, edit: Edit) {
        cx.queue.push(Command::Edit(edit));
    }

    /// Draws the editor. A recommendation's or priority action's plan (status, due date,
    /// planned action, evidence, updates) lives on its actions, so its editor keeps only
    /// what is its own: category, overall RAG, overall lead and notes (importance is in
    /// the pane's header).
    pub fn ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, state: &mut DetailState) {
        let plan_item = self.finding.kind.is_action();
        let heading = if plan_item {
            format!("About this {}", self.finding.kind.label().to_lowercase())
        } else {
            "Action tracking".to_owned()
        };
        ui.section_heading(cx.tokens, &heading);
        egui::Grid::new("annotation_grid").num_columns(2).spacing([10.0, 8.0]).striped(false).show(ui, |ui| {
            self.category_ui(ui, cx, state);
            if plan_item {
                self.rag_ui(ui, cx, "Overall RAG");
                self.owner_ui(ui, cx, state, "Overall lead", "Who leads it as a whole");
            } else {
                self.status_ui(ui, cx);
                self.rag_ui(ui, cx, "RAG");
                self.owner_ui(ui, cx, state, "Owner", "Who owns the action");
                ui.label("Due date");
                ui.horizontal(|ui| self.due_ui(ui, cx));
                ui.end_row();
            }
        });
        ui.add_space(6.0);
        if !plan_item {
            self.planned_action_ui(ui, cx, state);
        }
        self.notes_ui(ui, cx, state);
        if plan_item {
            return;
        }
        ui.add_space(6.0);
        self.evidence_ui(ui, cx, state);
        ui.add_space(6.0);
        self.updates_ui(ui, cx, state);
    }

    fn category_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, state: &mut DetailState) {
        let (target, a) = (self.target, self.annotation);
        let label = ui.label("Category");
        let picker = CategoryPicker {
            id_salt: "detail_category",
            chosen: a.category.as_ref(),
            automatic: &self.finding.classification.category,
            top_categories: self.choices.top_categories,
            labelled_by: label.id,
        };
        if let Some(category) = picker.ui(ui, cx.ws, &mut state.category_filter) {
            self.push(cx, Edit::SetCategory { target: target.clone(), category });
        }
        ui.end_row();
    }

    fn status_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        let (target, a) = (self.target, self.annotation);
        let label = ui.label("Status");
        ui.horizontal(|ui| {
            let set = |status| Command::Edit(Edit::SetStatus { target: target.clone(), status, cancel_reason: None });
            if let Some(command) = status_picker::status_picker_ui(ui, "detail_status", Some(a.status), label.id, set) {
                cx.queue.push(command);
            }
            ui.status_badge(cx.tokens, a.status);
        });
        ui.end_row();
        if a.status == Status::Cancelled {
            ui.label("Reason");
            ui.label(a.cancel_reason.as_deref().unwrap_or("(none given)"));
            ui.end_row();
        }
    }

    fn rag_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, label: &str) {
        ui.label(label);
        if let Some(rag) = rag_row::rag_row_ui(ui, cx.tokens, Some(self.annotation.rag)) {
            self.push(cx, Edit::SetRag { target: self.target.clone(), rag });
        }
        ui.end_row();
    }

    fn owner_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, state: &mut DetailState, label: &str, hint: &str) {
        let (target, a) = (self.target, self.annotation);
        let label = ui.label(label);
        ui.horizontal(|ui| {
            let field = DraftField { labelled_by: label.id, hint, rows: 1, width: 180.0 };
            let typed = field.ui(ui, &mut state.owner);
            let picked = owner_picker::owner_menu_ui(ui, self.choices.owners);
            if let Some(name) = &picked {
                state.owner.text.clone_from(name);
            }
            if let Some(edit) = picked.or(typed).and_then(|name| owner_edit(target, a, &name)) {
                self.push(cx, edit);
            }
        });
        ui.end_row();
    }

    fn due_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>) {
        let (target, a) = (self.target, self.annotation);
        let Some(due) = a.due_date else {
            ui.weak_label(cx.tokens, "Not set");
            let suggested = cx.today.checked_add_days(chrono::Days::new(28)).unwrap_or(cx.today);
            let button =
                ui.button("Set a due date").on_hover_text("Starts four weeks from today; change it in the calendar");
            if button.clicked() {
                self.push(cx, Edit::SetDueDate { target: target.clone(), due_date: Some(suggested) });
            }
            return;
        };
        if let Some(date) = date_picker_ui(ui, "detail_due", due) {
            self.push(cx, Edit::SetDueDate { target: target.clone(), due_date: Some(date) });
        }
        let days = a.days_overdue(cx.today);
        if days > 0 {
            ui.label(egui::RichText::new(format!("{days} days overdue")).color(cx.tokens.status_overdue).strong());
        }
        if ui.small_button("Clear").on_hover_text("Remove the due date").clicked() {
            self.push(cx, Edit::SetDueDate { target: target.clone(), due_date: None });
        }
    }

    fn planned_action_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, state: &mut DetailState) {
        let label = ui.label("Planned action");
        let field =
            DraftField { labelled_by: label.id, hint: "What the authority will do", rows: 2, width: f32::INFINITY };
        if let Some(text) = field.ui(ui, &mut state.planned_action) {
            self.push(cx, Edit::SetPlannedAction { target: self.target.clone(), text });
        }
    }

    fn notes_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, state: &mut DetailState) {
        let label = ui.label("Notes");
        let hint = "Notes (saved when you leave the field)";
        let field = DraftField { labelled_by: label.id, hint, rows: 3, width: f32::INFINITY };
        if let Some(text) = field.ui(ui, &mut state.notes) {
            self.push(cx, Edit::SetNotes { target: self.target.clone(), text });
        }
    }

    fn evidence_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, state: &mut DetailState) {
        let (target, a) = (self.target, self.annotation);
        ui.section_heading(cx.tokens, "Evidence");
        let mut remove = None;
        for (i, link) in a.evidence.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui.small_button("Remove").on_hover_text("Remove this evidence link").clicked() {
                    remove = Some(i);
                }
                if link.starts_with("http://") || link.starts_with("https://") {
                    ui.hyperlink(link);
                } else {
                    ui.label(link);
                }
            });
        }
        if let Some(i) = remove {
            let mut evidence = a.evidence.clone();
            evidence.remove(i);
            self.push(cx, Edit::SetEvidence { target: target.clone(), evidence });
        }
        let hint = "Link or document reference";
        if let Some(link) = add_line_ui(ui, "Add evidence", hint, "Add", &mut state.new_evidence) {
            let mut evidence = a.evidence.clone();
            evidence.push(link);
            self.push(cx, Edit::SetEvidence { target: target.clone(), evidence });
        }
    }

    fn updates_ui(&self, ui: &mut egui::Ui, cx: &mut PanelCtx<'_>, state: &mut DetailState) {
        ui.section_heading(cx.tokens, "Progress updates");
        if self.annotation.updates.is_empty() {
            ui.weak_label(cx.tokens, "No updates yet.");
        }
        for update in self.annotation.updates.iter().rev() {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(update.date.format("%-d %b %Y").to_string()).strong());
                ui.label(&update.text);
            });
        }
        if let Some(text) = add_line_ui(ui, "New update", "What has happened", "Add update", &mut state.new_update) {
            let update = ProgressUpdate { date: cx.today, text, author: None };
            self.push(cx, Edit::AddUpdate { target: self.target.clone(), update });
        }
    }
}

/// A labelled one-line field with an add button; returns the trimmed text on the button
/// or Enter (and clears the field).
pub(super) fn add_line_ui(
    ui: &mut egui::Ui,
    label: &str,
    hint: &str,
    button: &str,
    text: &mut String,
) -> Option<String> {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let response =
            ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(200.0)).labelled_by(label.id);
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let added = (ui.button(button).clicked() || entered) && !text.trim().is_empty();
        added.then(|| std::mem::take(text).trim().to_owned())
    })
    .inner
}
