//! The detail pane (right): the selected finding's full text, its source in context, why
//! it got its category, its history, and an editor of its annotation ([`annotation`]: every
//! field for a finding; a recommendation's own category, RAG, lead and notes); for a
//! recommendation, the earlier reports' recommendations it repeats ([`raised`]) and its
//! actions with their editors ([`actions`]).
//! With several findings selected it offers bulk changes instead ([`bulk`]); in the action
//! plan, the selected report's plan header ([`plan_header`]) or bulk changes to the
//! selected actions ([`bulk_actions`]). Text fields edit a draft and commit one `Edit` on
//! focus loss.

mod actions;
mod annotation;
mod bulk;
mod bulk_actions;
mod context;
mod plan_header;
mod raised;

// The date picker's conversions, for the Export dialog's "since" day too.

use eframe::egui;

use crate::model::{Annotation, CategoryId, Finding, ImportedReport};
use crate::ui::commands::Command;
use crate::ui::theme;
use crate::ui::widgets::UiExt as _;
use crate::ui::widgets::draft_text::Draft;
use crate::workspace::query::{ActionRef, PlanSelection, Selection};
use crate::workspace::{Edit, FindingRef, Workspace};

use super::PanelCtx;

/// What the pickers offer, from the table's counts and the remembered names.
pub struct Choices<'a> {
    /// The nine most used categories (number keys 1–9).
    pub top_categories: &'a [CategoryId],
    /// Owner names typed before.
    pub owners: &'a [String],
}

/// The detail pane's own state: drafts of the focused finding's text fields.
#[derive(Clone, Debug, Default)]
pub struct DetailState {
    target: Option<FindingRef>,
    revision: u64,
    /// Owner draft.
    pub owner: Draft,
    /// Planned action draft.
    pub planned_action: Draft,
    /// Notes draft.
    pub notes: Draft,
    new_evidence: String,
    new_update: String,
    category_filter: String,
    bulk_owner: String,
    actions: actions::ActionDrafts,
    plan: plan_header::PlanDrafts,
    bulk_actions: bulk_actions::BulkActionDrafts,
}

impl DetailState {
    /// Loads the drafts for `target`, or follows the workspace after an edit, undo or redo.
    fn sync(&mut self, ws: &Workspace, target: &FindingRef, revision: u64) {
        let a = ws.annotation(target).cloned().unwrap_or_default();
        let owner = a.owner.unwrap_or_default();
        if self.target.as_ref() != Some(target) {
            self.target = Some(target.clone());
            self.owner.reset(&owner);
            self.planned_action.reset(&a.planned_action);
            self.notes.reset(&a.notes);
            self.new_evidence.clear();
            self.new_update.clear();
            self.revision = revision;
        } else if self.revision != revision {
            self.owner.sync(&owner);
            self.planned_action.sync(&a.planned_action);
            self.notes.sync(&a.notes);
            self.revision = revision;
        }
    }

    /// The edits that typed-but-uncommitted drafts stand for (called before the selection
    /// moves, before saving, and on focus loss).
    pub fn pending_edits(&self, ws: &Workspace) -> Vec<Edit> {
        let mut edits = self.actions.pending_edits(ws);
        edits.extend(self.plan.pending_edit(ws));
        edits.extend(self.annotation_edits(ws));
        edits
    }

    /// Asks for an action's title to take the keyboard when its editor is drawn next.
    pub fn edit_title(&mut self, action: &ActionRef) {
        self.actions.edit_title(action);
    }

    fn annotation_edits(&self, ws: &Workspace) -> Vec<Edit> {
        let Some(target) = &self.target else { return Vec::new() };
        if ws.finding(target).is_none() {
            return Vec::new();
        }
        let a = ws.annotation(target).cloned().unwrap_or_default();
        let mut edits = Vec::new();
        if let Some(e) = owner_edit(target, &a, &self.owner.text) {
            edits.push(e);
        }
        if self.planned_action.text != a.planned_action {
            edits.push(Edit::SetPlannedAction { target: target.clone(), text: self.planned_action.text.clone() });
        }
        if self.notes.text != a.notes {
            edits.push(Edit::SetNotes { target: target.clone(), text: self.notes.text.clone() });
        }
        edits
    }

    /// Draws the detail pane.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &mut PanelCtx<'_>,
        selection: &Selection,
        plan: Option<&PlanSelection>,
        choices: &Choices<'_>,
        revision: u64,
    ) {
        egui::ScrollArea::vertical().id_salt("detail_scroll").auto_shrink([false, false]).show(ui, |ui| {
            ui.add_space(4.0);
            if let Some(plan) = plan {
                if plan.set.len() > 1 {
                    bulk_actions::bulk_actions_ui(ui, cx, &mut self.bulk_actions, plan, choices.owners);
                    return;
                }
                if let Some(report) = plan.report.as_ref().and_then(|id| cx.ws.report(id)) {
                    plan_header::plan_header_ui(ui, cx, report, &mut self.plan, choices.owners, revision);
                    return;
                }
            }
            if selection.len() > 1 {
                bulk::bulk_ui(ui, cx, self, selection, choices);
                return;
            }
            let Some(target) = selection.focus.clone() else {
                ui.section_heading(cx.tokens, "No finding selected");
                ui.weak_label(cx.tokens, "Select a finding in the table to read it in full and annotate it.");
                ui.weak_label(
                    cx.tokens,
                    "Up/down or J/K move through the table; Ctrl-click or Shift-click selects several.",
                );
                return;
            };
            let ws = cx.ws;
            let Some((report, finding)) = ws.finding(&target) else {
                ui.weak_label(cx.tokens, "The selected finding is no longer in the workspace.");
                return;
            };
            self.sync(ws, &target, revision);
            let annotation = ws.annotation(&target).cloned().unwrap_or_default();
            header_ui(ui, cx, report, finding, &target, &annotation);
            ui.add_space(6.0);
            theme::card(cx.tokens).show(ui, |ui| {
                ui.set_width(ui.available_width());
                let text = egui::RichText::new(crate::ui::widgets::display_text(&finding.text)).size(14.0);
                ui.add(egui::Label::new(text).wrap().selectable(true));
            });
            ui.add_space(8.0);
            raised::raised_before_ui(ui, cx, &target, plan.is_some());
            let refs = finding.kind.is_action().then(|| crate::model::PlanRefs::of(report));
            if let Some(refs) = &refs {
                let section = actions::ActionsSection {
                    report,
                    target: &target,
                    refs,
                    open: plan.and_then(|p| p.focus.as_ref()).filter(|a| a.target == target),
                    owners: choices.owners,
                    revision,
                };
                section.ui(ui, cx, &mut self.actions);
                ui.add_space(8.0);
            }
            // Below a recommendation's actions (what the pane is mostly used for), its own fields.
            let editor = annotation::Editor { target: &target, annotation: &annotation, finding, choices };
            editor.ui(ui, cx, self);
            ui.add_space(8.0);
            context::why_ui(ui, cx, finding, &annotation);
            ui.add_space(4.0);
            context::source_ui(ui, cx.tokens, report, finding);
            context::history_ui(ui, cx.tokens, ws, &target, refs.as_ref());
        });
    }
}

/// The owner edit a typed name stands for, if it changes anything (blank clears it).
fn owner_edit(target: &FindingRef, a: &Annotation, text: &str) -> Option<Edit> {
    let owner = Some(text.trim().to_owned()).filter(|s| !s.is_empty());
    (owner != a.owner).then(|| Edit::SetOwner { target: target.clone(), owner })
}

fn header_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelCtx<'_>,
    report: &ImportedReport,
    finding: &Finding,
    target: &FindingRef,
    annotation: &Annotation,
) {
    let tokens = cx.tokens;
    ui.horizontal_wrapped(|ui| {
        let kind_fill = if finding.kind.is_action() { tokens.accent } else { tokens.card_stroke };
        ui.chip(finding.kind.label(), kind_fill);
        let mut where_ = report.short_name();
        if !finding.section.is_empty() {
            where_.push_str(" · ");
            where_.push_str(&finding.section);
        }
        if let Some(n) = finding.number {
            where_.push_str(&format!(" · paragraph {n}"));
        }
        if let Some(framework) = &finding.framework_ref {
            where_.push_str(&format!(" · national framework: {}", framework.label()));
        }
        ui.weak_label(tokens, &where_).on_hover_text(report.display_name());
    });
    ui.horizontal(|ui| {
        let mut important = annotation.important;
        crate::ui::widgets::star(ui, tokens.rag_amber, important);
        let label = if important { "Important" } else { "Mark as important" };
        if ui.toggle_value(&mut important, label).on_hover_text("Flag this finding (I)").changed() {
            cx.queue.push(Command::Edit(Edit::SetImportant { target: target.clone(), important }));
        }
    });
}
